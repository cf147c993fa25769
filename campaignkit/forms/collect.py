"""What a cadre scans once to set up ODK Collect (or KoboCollect): the project QR code in the
settings format Collect documents (JSON, zlib, base64), pointing Collect at the OpenRosa
address of ``serve --lan`` (``server/openrosa.py``)."""

from __future__ import annotations

import base64
import io
import json
import zlib
from html import escape
from pathlib import Path

from .slips import qr_svg


def collect_url(address: str, key: str) -> str:
    return f"{address.rstrip('/')}/openrosa/{key}"


def collect_settings(url: str, project: str) -> dict:
    """Collect's settings: this server, no account; finished visits sent by themselves when the
    phone is on Wi-Fi (the town hall's), never over mobile data in the pastures."""
    return {
        "general": {"server_url": url, "autosend": "wifi_only"},
        "admin": {},
        "project": {"name": project, "icon": "访", "color": "#b71c1c"},
    }


def settings_payload(settings: dict) -> str:
    """The text the QR code carries: base64(zlib(JSON)), as Collect reads it."""
    return base64.b64encode(zlib.compress(json.dumps(settings, ensure_ascii=False).encode("utf-8"))).decode("ascii")


def read_payload(payload: str) -> dict:
    return json.loads(zlib.decompress(base64.b64decode(payload)).decode("utf-8"))


def write_png(payload: str, path: Path) -> Path:
    import qrcode

    image = qrcode.make(payload, border=2, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


CARD_CSS = """
@page { size: A4; margin: 18mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; }
h1 { font-size: 24pt; text-align: center; margin: 4mm 0 6mm; }
.qr { text-align: center; } .qr svg { width: 110mm; height: 110mm; }
.address { font-size: 12pt; font-family: "DejaVu Sans Mono", monospace; text-align: center; word-break: break-all; margin: 4mm 0; }
ol { font-size: 14pt; line-height: 1.7; } .warn { font-size: 12pt; color: #8a1c1c; }
"""


def card_html(payload: str, url: str, project: str) -> str:
    """One A4 page for the cadres: the QR, the address and how to use Collect offline."""
    steps = [
        "手机上装好 ODK Collect（或 KoboCollect）。",
        "打开后选“配置”→“扫描二维码”（已有项目的，点右上角项目图标→“添加项目”），扫下面的码。",
        "点“下载空白表单”，选“入户走访登记”等表单（要连着镇里的 Wi-Fi，电脑上开着 campaignkit serve --lan）。",
        "到了牧区没有信号也能填：填完点“保存并完成”，表单留在手机里。",
        "回到镇里连上 Wi-Fi，点“发送已完成表单”（设置为连上 Wi-Fi 自动发送）。同一份发两次、发到两台电脑，都只算一条。",
    ]
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CARD_CSS}</style></head><body>'
        f'<h1>{escape(project)}：ODK Collect 设置二维码</h1><div class="qr">{qr_svg(payload)}</div>'
        f'<div class="address">服务器地址：{escape(url)}</div>'
        f"<ol>{''.join(f'<li>{escape(s)}</li>' for s in steps)}</ol>"
        '<p class="warn">这张二维码里有走访干部的钥匙：只发给走访干部，不要贴在会场。</p></body></html>'
    )
