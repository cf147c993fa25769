"""The talks page (Voilà): every talk with a link per version — the projector page, the
presenter's page (with notes; this laptop only) and the HTML handout."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

import ipywidgets as widgets

from ..core.campaign import Campaign
from ..ui import html
from ..ui.view import dashboard
from .catalogue import list_talks

# The talks' pages hang beside Voilà's in `campaignkit serve`: from /voila/render/talks.ipynb
# this relative address reaches /campaignkit/talks/ under any base URL.
TALKS_ADDRESS = "../../campaignkit/talks/"
LINK = (
    "display:inline-block;margin:4px 8px 4px 0;padding:8px 14px;min-height:44px;border:1px solid #889;"
    "border-radius:6px;font-size:18px;text-decoration:none;color:#1f3b57;background:#fff;"
)
HOW = (
    "<p>点“放映”在投影上打开讲稿（方向键 →、←，上下翻页键或空格键翻页，按 F 键全屏）；"
    "点“演讲者视图”在自己的屏幕上看备注、下一页和用时，两个窗口同步翻页。"
    "演讲者视图只能在宣讲员自己的电脑上打开。讲义不含备注，可以发到微信群，手机不联网也能打开。</p>"
    "<p>新建讲稿：<code>campaignkit talk new 讲稿名称 --audience 农牧民</code>，或在“辅导书”页面勾选要点生成。</p>"
)


def _links(name: str, audience: str | None) -> str:
    query = f"?audience={quote(audience)}" if audience else ""
    base = TALKS_ADDRESS + quote(name)
    label = f"{audience}版" if audience else "通用版"
    return (
        f'<div><b style="font-size:18px;margin-right:8px;">{escape(label)}</b>'
        f'<a style="{LINK}" target="_blank" href="{base}{query}">▶ 放映</a>'
        f'<a style="{LINK}" target="_blank" href="{base}/presenter{query}">演讲者视图</a>'
        f'<a style="{LINK}" href="{base}/handout{query}{"&" if query else "?"}download=1">⬇ 讲义（网页文件）</a></div>'
    )


def talks_html(campaign: Campaign, samples: Path | None = None) -> str:
    talks = list_talks(campaign.path, samples=samples)
    if not talks:
        return html.banner("还没有讲稿。用 campaignkit talk new 新建一篇。", "info") + HOW
    items = []
    for talk in talks:
        whose = "示例讲稿" if talk.sample else "本活动的讲稿"
        versions = "".join(_links(talk.name, a) for a in (None, *talk.audiences))
        items.append(
            f'<section class="ck-talk" style="border-top:2px solid #dde;padding:8px 0;">'
            f'<h3 style="font-size:22px;margin:6px 0;">{escape(talk.title)} '
            f'<small style="color:#666;font-weight:normal;">（{whose}：<code>{escape(talk.path.name)}</code>）</small></h3>{versions}</section>'
        )
    return HOW + "".join(items)


def talks_view(path: str | Path | None = None) -> widgets.Widget:
    """The talks of a campaign folder (its ``talks/``) and the samples."""
    return dashboard(path, lambda campaign: widgets.HTML(talks_html(campaign)), tables=[])
