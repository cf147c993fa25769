"""The index page's list of dashboards, from the registry: one row per page, then the
trainers' own notebooks in the same folder (copies they made and changed).

Under ``campaignkit serve --lan`` (``$CAMPAIGNKIT_LAN`` set) the private pages, and
copies named after them, are left out of the list, as the server refuses them.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from ..core.campaign import LAN_ENV
from ..features import registry
from . import html


def _own_notebooks(folder: Path, known: set[str], hidden: list[str]) -> list[str]:
    names = sorted(p.name for p in folder.glob("*.ipynb") if p.name not in known and p.name != "index.ipynb")
    return [n for n in names if not any(n.casefold().startswith(stem.casefold()) for stem in hidden)]


def index_html(*, lan: bool | None = None, folder: Path | None = None) -> str:
    """The table of pages; ``folder`` (default: the current one, where Voilà runs the index)
    is searched for the trainers' own notebooks."""
    lan = bool(os.environ.get(LAN_ENV)) if lan is None else lan
    pages = registry().pages
    hidden = [p.notebook.removesuffix(".ipynb") for p in pages if p.private] if lan else []
    rows = []
    for page in pages:
        if lan and page.private:
            continue
        link = f'<a href="{html.escape(page.notebook, quote=True)}" style="font-size:20px;">{html.escape(page.title)}</a>'
        mark = "　<small>（有个人信息，只在本机使用）</small>" if page.private else ""
        rows.append(
            f'<tr><td style="{html.CELL_STYLE}">{link}{mark}</td>'
            f'<td style="{html.CELL_STYLE}">{html.escape(page.summary)}</td></tr>'
        )
    for name in _own_notebooks(folder or Path.cwd(), {p.notebook for p in pages}, hidden):
        link = f'<a href="{html.escape(name, quote=True)}" style="font-size:20px;">{html.escape(name.removesuffix(".ipynb"))}</a>'
        rows.append(f'<tr><td style="{html.CELL_STYLE}">{link}</td><td style="{html.CELL_STYLE}">培训人员自己的页面</td></tr>')
    head = f'<tr><th style="{html.HEAD_STYLE}">看板</th><th style="{html.HEAD_STYLE}">讲什么</th></tr>'
    return f'<table class="ck-index" style="{html.TABLE_STYLE}"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def index_view() -> widgets.HTML:
    """The list of dashboards for the index notebook."""
    return widgets.HTML(index_html())
