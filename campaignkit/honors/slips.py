"""Printed vote slips (one code each: QR for the phone, the short code to type, and the
candidates with boxes so the same slip is the paper ballot) and the roll's signing sheet."""

from __future__ import annotations

from html import escape

import pandas as pd

from ..forms.slips import pretty, qr_svg
from .selections import Candidate, Selection

SLIP_CSS = """
@page { size: A4; margin: 8mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 0; }
.sheet.four { grid-auto-rows: 139mm; } .sheet.two { grid-template-columns: 1fr; grid-auto-rows: 139mm; }
.slip { border: 1px dashed #999; padding: 5mm; overflow: hidden; }
.head { display: flex; gap: 4mm; align-items: center; }
.head svg { width: 34mm; height: 34mm; flex: none; }
.title { font-size: 13pt; font-weight: bold; line-height: 1.35; }
.code { font-size: 19pt; font-family: "DejaVu Sans Mono", monospace; letter-spacing: 1pt; }
.how { font-size: 12pt; color: #222; line-height: 1.45; margin: 2mm 0; }
.address { font-size: 9pt; color: #333; }
ul { list-style: none; padding: 0; margin: 2mm 0; font-size: 12pt; line-height: 1.6; }
li::before { content: "□ "; font-size: 14pt; }
.page-break { break-after: page; }
.illustrative { color: #b00020; font-size: 9pt; font-weight: bold; }
"""


def vote_url(address: str, selection: Selection, code: str = "", token: str = "") -> str:
    query = "&".join(part for part in (f"token={token}" if token else "", f"code={code}" if code else "") if part)
    return f"{address.rstrip('/')}/vote/{selection.code}" + (f"?{query}" if query else "")


def slips_html(selection: Selection, candidates: list[Candidate], codes: list[str], address: str, token: str = "") -> str:
    """Four slips to an A4 page (two when the candidate list is long)."""
    per_page = 4 if len(candidates) <= 8 else 2
    names = "".join(f"<li>{escape(c.name)}（{escape(c.unit)}）</li>" for c in candidates)
    mark = '<div class="illustrative">示例评选（虚构）</div>' if selection.illustrative else ""
    slips = [
        '<div class="slip">'
        f'<div class="head">{qr_svg(vote_url(address, selection, code, token))}<div>{mark}'
        f'<div class="title">{escape(selection.title)}</div><div class="how">投票码</div>'
        f'<div class="code">{escape(pretty(code))}</div></div></div>'
        f'<div class="how">不记名，每张只能投一次。最多选 {selection.choices} 人，选多了这张票作废。'
        "用手机：扫码，勾选后点“投票”。用纸：在名字前的□里打√，折好投进票箱。</div>"
        f'<div class="address">{escape(vote_url(address, selection))}</div><ul>{names}</ul></div>'
        for code in codes
    ]
    pages = [slips[i : i + per_page] for i in range(0, len(slips), per_page)]
    kind = "four" if per_page == 4 else "two"
    body = '<div class="page-break"></div>'.join(f'<div class="sheet {kind}">{"".join(p)}</div>' for p in pages)
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{SLIP_CSS}</style></head><body>{body}</body></html>'


ROLL_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; }
h1 { font-size: 16pt; margin: 0 0 3mm; } p { margin: 0 0 4mm; color: #333; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #666; padding: 1.8mm 2.5mm; text-align: left; }
td.sign { width: 45mm; }
thead { display: table-header-group; }
"""


def roll_html(selection: Selection, voters: pd.DataFrame) -> str:
    """The signing sheet: who may vote, and a box to sign for a slip — never which slip."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(str(r['name']))}</td><td>{escape(str(r['unit']))}</td>"
        f"<td>{escape(str(r['household_id'] or ''))}</td><td class='sign'></td></tr>"
        for i, r in enumerate(voters.to_dict("records"), 1)
    )
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{ROLL_CSS}</style></head><body>'
        f"<h1>{escape(selection.title)} 领票名册</h1>"
        f"<p>共 {len(voters)} 人，每人领一张投票码纸条并签字。只记是否领取，不记领到的是哪一个码。"
        f"{'示例：名册中的人是虚构的。' if selection.illustrative else ''}</p>"
        "<table><thead><tr><th>序号</th><th>姓名</th><th>单位</th><th>户编号</th><th>领票签字</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></body></html>"
    )
