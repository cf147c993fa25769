"""Small HTML builders shared by the widgets (escaped, large type, no external resources)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

import pandas as pd

from ..core.fmt import cn_quantity, fmt_number

TABLE_STYLE = "border-collapse:collapse;font-size:16px;line-height:1.5;min-width:60%;"
CELL_STYLE = "border:1px solid #bbb;padding:4px 10px;text-align:left;vertical-align:top;"
HEAD_STYLE = CELL_STYLE + "background:#eef2f7;font-weight:bold;"
NUMBER_STYLE = CELL_STYLE + "text-align:right;font-variant-numeric:tabular-nums;"

ILLUSTRATIVE_BADGE = (
    '<span class="ck-badge-illustrative" title="示例（虚构）数据，仅供演示" '
    'style="display:inline-block;background:#fff3cd;color:#7a4f00;border:1px solid #e0b100;'
    'border-radius:4px;padding:0 8px;font-weight:bold;margin-left:8px;">示例</span>'
)


class Typed(str):
    """A name the trainer types (a file, a table's id): set as <code> in a table, not as words."""


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Sequence[bool] | None = None,
    css_class: str = "ck-table",
) -> str:
    """An HTML table; cells are escaped, numbers right-aligned."""
    numeric = numeric or [False] * len(headers)
    head = "".join(f'<th style="{HEAD_STYLE}">{escape(str(h))}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for value, is_number in zip(row, numeric):
            text = "" if value is None else (f"{value:,}" if is_number and isinstance(value, int) else str(value))
            shown = f'<code style="font-family:inherit;">{escape(text)}</code>' if isinstance(value, Typed) else escape(text)
            cells.append(f'<td style="{NUMBER_STYLE if is_number else CELL_STYLE}">{shown}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="{css_class}" style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


# A figure with its unit ("2.32万亿元", "37.6%", "2013年"): a narrow phone broke lines between
# "2.32" and "万亿元". The unit is at most three characters, so a long run of words still wraps.
_FIGURE = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:[\u4e00-\u9fff%％]{1,3})?")


def whole_figures(text: str) -> str:
    """``text`` as HTML, each figure and its unit kept on one line (``.ck-num``, nowrap)."""
    out, last = [], 0
    for match in _FIGURE.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f'<span class="ck-num" style="white-space:nowrap">{escape(match.group())}</span>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def banner(text: str, kind: str = "info") -> str:
    colours = {
        "ok": ("#e6f4ea", "#1e6b34"),
        "error": ("#fde8e8", "#9b1c1c"),
        "warning": ("#fff3cd", "#7a4f00"),
        "info": ("#eef2f7", "#1f3b57"),
    }
    bg, fg = colours.get(kind, colours["info"])
    return (
        f'<div class="ck-banner ck-banner-{kind}" style="background:{bg};color:{fg};padding:10px 14px;'
        f'border-radius:6px;font-size:18px;margin:6px 0;">{escape(text)}</div>'
    )


def illustrative_note(illustrative: bool) -> str:
    """The 示例 badge line above a table of invented figures (empty for real ones)."""
    return f"<div>{ILLUSTRATIVE_BADGE} 表中含示例（虚构）数据</div>" if illustrative else ""


def frame_table(
    frame: pd.DataFrame,
    columns: dict[str, str],
    *,
    limit: int = 200,
    css_class: str = "ck-table",
    illustrative: bool = False,
    units: dict[str, str] | None = None,
) -> str:
    """An HTML table of ``frame`` with Chinese column names (``columns`` maps field → label),
    under a 示例 badge when it shows invented figures. ``units`` (field → unit) writes those
    columns' figures as people read them, unit included (12.35万元, 2.1亿元)."""
    units = units or {}
    shown = frame.reindex(columns=list(columns)).head(limit)  # an empty frame may lack derived columns
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c]) for c in columns]
    rows = [
        [_cell(v) if c not in units or _cell(v) == "" else cn_quantity(float(v), units[c]) for c, v in zip(columns, row)]
        for row in shown.itertuples(index=False)
    ]
    more = f"<p>只显示前 {limit} 行，共 {len(frame)} 行；完整数据请下载。</p>" if len(frame) > limit else ""
    return illustrative_note(illustrative) + table(list(columns.values()), rows, numeric=numeric, css_class=css_class) + more


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return fmt_number(value)
    return value
