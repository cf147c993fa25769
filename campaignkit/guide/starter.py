"""A new talk notebook from chosen guide points: one slide per point, with the point's
card, its events and its indicator series as ``talk.*`` calls, and the plain words as a
speaker note. The trainer then edits it in JupyterLab like any talk."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..core.paths import talk_file
from ..core.vocab import split_items
from ..errors import CampaignkitError
from .compute import points, series_of
from .tables import STATEMENTS

KERNEL = {
    "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
    "language_info": {"name": "python"},
}


def _md_text(text: object) -> str:
    """A value from the spreadsheet as markdown text: nothing in it is read as markup."""
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|" else c for c in str(text))


def talk_notebook(chosen: pd.DataFrame, guide: pd.DataFrame, *, title: str, audience: str | None = None):
    """The notebook for ``chosen`` (rows of the guide table) in their order."""
    cells = [
        new_markdown_cell(f"# {_md_text(title)}\n\n宣讲人：＿＿＿"),
        new_markdown_cell(
            "备注：这篇讲稿由辅导书的要点生成；每页可以改写、增删。以“## ”开头的标题开始新的一页，以“备注：”开头的格子只在演讲者视图里出现。"
        ),
        new_code_cell("from campaignkit.talks import talk"),
    ]
    for _, row in chosen.iterrows():
        statement_no = STATEMENTS.index(row["statement"]) + 1
        in_order = points(guide, row["statement"])
        number = int(in_order.index[in_order["point"] == row["point"]][0]) + 1
        cells.append(new_markdown_cell(f"## {_md_text(row['point'])}"))
        cells.append(new_code_cell(f"talk.point({statement_no}, {number})"))
        for code in split_items(row.get("events")):
            cells.append(new_code_cell(f"talk.event({json.dumps(code, ensure_ascii=False)})"))
        for series in series_of(row):
            args = f"{json.dumps(series.indicator, ensure_ascii=False)}, {json.dumps(series.region, ensure_ascii=False)}"
            cells.append(new_code_cell(f"talk.chart({args})"))
        if pd.notna(row.get("plain")):
            cells.append(new_markdown_cell(f"备注：通俗地说——{_md_text(row['plain'])}"))
    metadata = dict(KERNEL)
    if audience:
        metadata["campaignkit"] = {"audience": audience}
    return new_notebook(cells=cells, metadata=metadata)


def talk_from_points(
    chosen: pd.DataFrame, guide: pd.DataFrame, campaign: Path, name: str, *, audience: str | None = None
) -> Path:
    """Write the new talk to ``<campaign>/talks/<name>.ipynb``; never overwrites a talk."""
    if chosen.empty:
        raise CampaignkitError("请先勾选至少一条要点。")
    path = talk_file(campaign, name)
    if path.exists():
        raise CampaignkitError(f"讲稿“{path.name}”已经有了；换个名字，或在 JupyterLab 中打开它修改。")
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(talk_notebook(chosen, guide, title=name, audience=audience), path)
    return path
