"""The page a phone without the hall's token lands on, in Chinese (Jupyter's own asks for a
"Password or token" in English): scan the QR code on the screen again, or type the key printed
under it. The key is checked by Jupyter's identity provider, as on its own page."""

from __future__ import annotations

from html import escape

from jupyter_server.auth.login import LoginFormHandler
from tornado.escape import url_escape

from ..ui import static

STYLE = """
main{max-width:560px;margin:0 auto;padding:12px 16px;font-size:20px;line-height:1.6}
.ck-err{color:#a40000;font-weight:bold}
.ck-key{font-size:24px;width:100%;box-sizing:border-box;padding:10px;letter-spacing:2px;text-transform:uppercase}
.ck-go{font-size:24px;min-height:60px;width:100%;margin-top:12px;border-radius:8px;border:0;background:#1f3b57;color:#fff}
"""
BODY = """<main><h1>请重新扫描投影上的二维码</h1>
<p>这个页面需要会场的口令。请用手机相机重新扫描投影或纸上的二维码；扫不了的，把二维码下面印的口令输在这里：</p>
{error}<form method="post" action="{action}">{xsrf}
<input class="ck-key" name="password" autocomplete="off" autocapitalize="characters" aria-label="口令"
 placeholder="口令（数字和大写字母）"><button class="ck-go" type="submit">进入</button></form>
<p>还是不行，请问宣讲员。</p></main>"""


class HallLoginHandler(LoginFormHandler):
    """Jupyter's login form, in Chinese and for a hall: no "password", no Jupyter words."""

    def get_argument(self, name, *args, **kwargs):  # type: ignore[override]
        value = super().get_argument(name, *args, **kwargs)
        token = getattr(self.identity_provider, "token", "") or ""
        if name == "password" and isinstance(value, str) and token.isupper():
            return value.replace(" ", "").upper()  # a key typed on a phone: lower case, spaces
        return value

    def _render(self, message=None):
        error = '<p class="ck-err">口令不对。请对照投影或纸上的口令再输一次。</p>' if message else ""
        action = f"{self.base_url}login?next={url_escape(self.get_argument('next', default=self.base_url))}"
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        body = BODY.format(error=error, action=escape(action, quote=True), xsrf=self.xsrf_form_html())
        self.write(static.page("请重新扫码", body, style=STYLE))  # the kit's page frame: fonts, 长辈模式


__all__ = ["HallLoginHandler"]
