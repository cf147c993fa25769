"""``/campaignkit/hall``: one large QR code for the projector, so a hall's phones get in without
a printed poster (the terminal's text-art code was the only one). It carries the address the
phones' index has under ``--lan``, with the hall's token, and the token written out in groups
of four for a phone whose camera cannot read the code (the "请重新扫码" page takes it typed).
Answered only to the laptop itself: a phone has no use for it."""

from __future__ import annotations

from html import escape

from tornado import web

from ..core.network import phone_address
from ..forms.slips import qr_svg
from ..ui import static
from ..ui.handler import CampaignHandler, laptop_only

STYLE = """
body{margin:0;font-size:28px;line-height:1.5;text-align:center;color:#111;background:#fff}
main{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:100vh;padding:2vh 4vw;box-sizing:border-box}
h1{font-size:clamp(28px,5vh,48px);margin:0 0 1vh}
.ck-qr svg{width:min(58vh,86vw);height:min(58vh,86vw);display:block}
.ck-steps{font-size:clamp(20px,3.2vh,30px);margin:0.6vh 0 0}
.ck-key{font-family:"DejaVu Sans Mono",monospace;font-size:clamp(22px,3.6vh,34px);letter-spacing:2px;margin:0.3vh 0}
.ck-address{font-size:clamp(16px,2.4vh,22px);color:#333;word-break:break-all;margin:0.3vh 0}
"""


def grouped(token: str) -> str:
    """ABCDEFGH… → ABCD EFGH …: read aloud and typed four at a time."""
    return " ".join(token[i : i + 4] for i in range(0, len(token), 4))


def hall_page(address: str, token: str) -> str:
    url = f"{address}/campaignkit/phone/?token={token}"
    body = (
        "<main><h1>用手机扫码，跟着一起看</h1>"
        f'<div class="ck-qr" role="img" aria-label="手机看板的二维码">{qr_svg(url)}</div>'
        '<p class="ck-steps">先连上和这台电脑同一个无线网络，再用微信或相机扫码。</p>'
        f'<p class="ck-steps">扫不上的，在手机浏览器打开下面的网址，输入口令：</p>'
        f'<p class="ck-address">{escape(address)}/campaignkit/phone/</p>'
        f'<p class="ck-key">口令：{escape(grouped(token))}</p></main>'
    )
    return static.page("扫码看看板", body, style=STYLE, elder_mode=False)


class HallHandler(CampaignHandler):
    @web.authenticated
    @laptop_only("这一页只在宣讲员的电脑上打开", "它是投到大屏上给全场扫的二维码。")
    def get(self):
        if not self.lan:
            return self.send_message(
                200,
                "手机还连不上",
                "现在看板只在这台电脑上打开。要让全场的手机扫码来看，请停下后用 campaignkit serve 活动文件夹 --lan 启动，再打开这一页。",
            )
        address, token = phone_address(self.campaign)
        self.send_page(200, hall_page(address, token))


ROUTES = [(r"/campaignkit/hall/?", HallHandler)]
