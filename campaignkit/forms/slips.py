"""Code slips for a ``tokens`` form: A4 pages of 10 slips, each with the form's QR address
(the code in it) and the short code to type. HTML here; the command line makes the PDF."""

from __future__ import annotations

import io
from html import escape

from .xlsform import Form

SLIP_CSS = """
@page { size: A4; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 54mm; gap: 0; }
.slip { border: 1px dashed #999; padding: 4mm; display: flex; gap: 4mm; align-items: center; overflow: hidden; }
.slip svg { width: 40mm; height: 40mm; flex: none; }
.title { font-size: 11pt; font-weight: bold; margin-bottom: 2mm; }
.code { font-size: 20pt; font-family: "DejaVu Sans Mono", monospace; letter-spacing: 1pt; margin: 1mm 0; }
.how { font-size: 8.5pt; color: #333; line-height: 1.4; }
.page-break { break-after: page; }
"""


def pretty(code: str) -> str:
    """ABCD2345 → ABCD 2345 (easier to read aloud and to type)."""
    return f"{code[:4]} {code[4:]}"


def slip_url(address: str, form: Form, code: str, token: str = "") -> str:
    query = f"?token={token}&code={code}" if token else f"?code={code}"
    return f"{address.rstrip('/')}/forms/{form.form_id}{query}"


def qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=1)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


def slips_html(form: Form, codes: list[str], address: str, token: str = "") -> str:
    """Every code on a slip, 10 to a page."""
    slips = []
    for code in codes:
        slips.append(
            '<div class="slip">'
            f"{qr_svg(slip_url(address, form, code, token))}"
            f'<div><div class="title">{escape(form.title)}</div>'
            f'<div class="how">答题码</div><div class="code">{escape(pretty(code))}</div>'
            '<div class="how">用手机扫左边的码，或打开下面的网址并填上答题码。'
            f"每张只能用一次，不记名。<br>{escape(address.rstrip('/'))}/forms/{escape(form.form_id)}</div></div></div>"
        )
    pages = [slips[i : i + 10] for i in range(0, len(slips), 10)]
    body = '<div class="page-break"></div>'.join(f'<div class="sheet">{"".join(page)}</div>' for page in pages)
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{SLIP_CSS}</style></head><body>{body}</body></html>'


POSTER_CSS = """
@page { size: A4; margin: 18mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; text-align: center; margin: 0; }
h1 { font-size: 30pt; line-height: 1.3; margin: 10mm 0 8mm; }
.qr svg { width: 120mm; height: 120mm; }
.address { font-size: 18pt; font-family: "DejaVu Sans Mono", monospace; margin: 6mm 0; word-break: break-all; }
ol { text-align: left; font-size: 17pt; line-height: 1.7; margin: 6mm auto; max-width: 160mm; }
"""


def poster_html(form: Form, address: str, token: str = "", staff: str = "") -> str:
    """An A4 poster for the hall: title, a large QR, the short address and how to answer.
    ``staff``: the cadres' key a register form needs (its poster is theirs, not the hall's)."""
    query = "&".join(f"{k}={v}" for k, v in (("token", token), ("staff", staff)) if v)
    url = f"{address.rstrip('/')}/forms/{form.form_id}" + (f"?{query}" if query else "")
    steps = [
        "手机连上会场的无线网（Wi-Fi）。",
        "用微信或相机扫上面的二维码，或在浏览器里输入上面的网址。",
        "一题一题点选，最后点“提交”。" + ("需要填纸条上的答题码，每张只能用一次，不记名。" if form.access == "tokens" else ""),
    ]
    if staff:
        steps.append("这张二维码只发给走访干部，不要贴在会场：扫它的人都能登记走访。")
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{POSTER_CSS}</style></head><body>'
        f'<h1>{escape(form.title)}</h1><div class="qr">{qr_svg(url)}</div>'
        f'<div class="address">{escape(address.rstrip("/"))}/forms/{escape(form.form_id)}</div>'
        f"<ol>{''.join(f'<li>{escape(s)}</li>' for s in steps)}</ol></body></html>"
    )
