"""The index page's list of dashboards, from the registry: one row per page.

Under ``campaignkit serve --lan`` (``$CAMPAIGNKIT_LAN`` set) the private pages
are left out of the list, as they are refused by the server.
"""

from __future__ import annotations

import os

import ipywidgets as widgets

from ..core.campaign import LAN_ENV
from ..features import registry
from . import html


def index_html(*, lan: bool | None = None) -> str:
    lan = bool(os.environ.get(LAN_ENV)) if lan is None else lan
    rows = []
    for page in registry().pages:
        if lan and page.private:
            continue
        link = f'<a href="{html.escape(page.notebook, quote=True)}" style="font-size:20px;">{html.escape(page.title)}</a>'
        mark = "　<small>（有个人信息，只在本机使用）</small>" if page.private else ""
        rows.append(
            f'<tr><td style="{html.CELL_STYLE}">{link}{mark}</td>'
            f'<td style="{html.CELL_STYLE}">{html.escape(page.summary)}</td></tr>'
        )
    head = f'<tr><th style="{html.HEAD_STYLE}">看板</th><th style="{html.HEAD_STYLE}">讲什么</th></tr>'
    return f'<table class="ck-index" style="{html.TABLE_STYLE}"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def index_view() -> widgets.HTML:
    """The list of dashboards for the index notebook."""
    return widgets.HTML(index_html())
