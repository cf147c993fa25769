"""The exemplars dashboard: a gallery by level and domain, an A5 story card to print for any
exemplar, and the campaign's selections with their pages."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui import html, theme
from ..ui.export import data_link, pdf_bytes
from ..ui.view import View, dashboard, guarded, wide_labels
from .exemplars import EVERY, card_html, domains_of, levels_of, photo_uri, select, story_card_html
from .selections import selections


def selections_html(campaign: Campaign) -> str:
    """Each selection with its status and the pages the meeting uses (served by ``serve``)."""
    found = selections(campaign)
    if not found:
        return ""
    nominations = campaign.tables["nominations"]
    items = []
    for s in found:
        count = int((nominations["selection"] == s.code).sum())
        links = "　".join(
            f'<a href="/{path}" target="_blank">{label}</a>'
            for label, path in (
                ("候选人", f"campaignkit/vote/{s.code}/nominees"),
                ("投票页", f"vote/{s.code}"),
                ("投票结果", f"campaignkit/vote/{s.code}/results"),
                ("计票核查", f"campaignkit/vote/{s.code}/audit"),
            )
        )
        badge = html.ILLUSTRATIVE_BADGE if s.illustrative else ""
        items.append(
            f"<li><b>{escape(s.title)}</b>{badge}（{escape(s.code)}，{escape(s.status())}，{escape(s.period_text())}，"
            f"提名 {count} 人，评出 {s.winners} 名）<br>{links}</li>"
        )
    return (
        f'<h3 style="font-size:{theme.text_size("card")}px;">先进评选</h3>'
        f'<ul style="font-size:{theme.note_size("card") + 2}px;line-height:1.8;">{"".join(items)}</ul>'
        f'<p style="font-size:{theme.note_size("card")}px;">发投票码、计票和生成公示用命令：campaignkit vote list / codes / tally / notice（见说明）。</p>'
    )


class HonorsView(View):
    """Presets: ``level`` (全国/自治区/市/旗/镇), ``domain`` (农村牧区/社区/机关/学校/全社会)."""

    def __init__(self, campaign: Campaign, *, level: str | None = None, domain: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(campaign.path)
        self.exemplars = campaign.tables["exemplars"]
        self.level = widgets.ToggleButtons(options=[EVERY, *levels_of(self.exemplars)], description="层级：")
        self.domain = widgets.ToggleButtons(options=[EVERY, *domains_of(self.exemplars)], description="领域：")
        for control in (self.level, self.domain):
            control.style.button_width = "auto"
        self.gallery = widgets.HTML()
        self.pick = widgets.Dropdown(description="故事卡：", layout=widgets.Layout(width="min(100%, 560px)"))
        wide_labels(self.pick)
        self.make_card = widgets.Button(description="生成 A5 故事卡（PDF）", layout=widgets.Layout(width="240px", height="44px"))
        self.card_link = widgets.HTML()
        if level is not None:
            self.preset(self.level, level, "层级")
        if domain is not None:
            self.preset(self.domain, domain, "领域")
        self.level.observe(self._on_filter, names="value")
        self.domain.observe(self._on_filter, names="value")
        self.make_card.on_click(self._on_card)
        empty = (
            []
            if len(self.exemplars)
            else [widgets.HTML(html.banner("还没有先进典型：在活动文件夹里加一个 exemplars 表（见说明）。", "info"))]
        )
        self.children = [
            *empty,
            self.level,
            self.domain,
            self.status,
            self.gallery,
            widgets.HBox([self.pick, self.make_card]),
            self.card_link,
            widgets.HTML(selections_html(campaign)),
        ]
        self.draw()
        self.show_notes()

    @guarded
    def _on_filter(self, change) -> None:
        self.draw()

    def draw(self) -> None:
        rows = select(self.exemplars, self.level.value, self.domain.value)
        size = theme.text_size("card", self.presenter)
        note = html.illustrative_note(any_illustrative(rows))
        cards = "".join(
            card_html(r, photo=photo_uri(self.folder, r.get("photo")), text_px=size, badge=html.ILLUSTRATIVE_BADGE)
            for _, r in rows.iterrows()
        )
        self.gallery.value = note + (cards or html.banner("这个层级和领域还没有先进典型。", "info"))
        options = [(str(r["name"]), i) for i, r in rows.iterrows()]
        self.pick.options = options
        self.pick.value = options[0][1] if options else None
        self.card_link.value = ""

    @guarded
    def _on_card(self, _button) -> None:
        if self.pick.value is None or self.pick.value not in self.exemplars.index:
            self.card_link.value = ""
            return
        row = self.exemplars.loc[self.pick.value]
        data = pdf_bytes(story_card_html(row, photo_uri(self.folder, row.get("photo"))))
        self.card_link.value = data_link(
            data, "application/pdf", f"故事卡-{row['name']}.pdf", f"下载“{row['name']}”的故事卡（A5 PDF）"
        )


def honors_view(path: str | Path | None = None, *, level: str | None = None, domain: str | None = None) -> widgets.Widget:
    """The exemplars of a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``honors_view(level="旗")`` or ``honors_view(domain="社区")``."""
    return dashboard(path, lambda c: HonorsView(c, level=level, domain=domain), tables=["exemplars", "selections", "nominations"])


__all__ = ["HonorsView", "honors_view"]
