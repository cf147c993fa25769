"""Slide mode for meetings: one point per slide, large type, works offline.

A deck widget of campaignkit's own rather than Voilà's reveal template (which
fetches reveal.js from a CDN): every slide is built with the presenter theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .. import blueprint, funding, ledger
from ..charts import blueprint_board, funding_by_level, funding_shares, then_and_now_chart
from . import html
from .common import FigureArea, InputError, checked, guarded, dashboard

SPAN = (2012, 2022)
MAX_LEDGER_SLIDES = 8
THEMES = ("发展账", "项目资金", "发展蓝图")


@dataclass
class Slide:
    """One point: a title, one sentence, at most one figure."""

    title: str
    text: str = ""
    figure: go.Figure | None = None
    illustrative: bool = False
    notes: list[str] = field(default_factory=list)


class Deck(widgets.VBox):
    """Slides with 上一页/下一页 buttons and a page counter."""

    def __init__(self, slides: list[Slide], **kwargs):
        super().__init__(**kwargs)
        self.slides = slides or [Slide("没有可展示的内容", "请先在表格中填写数据。")]
        self.index = 0
        self.status = widgets.HTML()
        big = widgets.Layout(width="160px", height="56px")
        self.previous = widgets.Button(description="◀ 上一页", layout=big, style={"font_size": "22px"})
        self.next = widgets.Button(description="下一页 ▶", layout=big, style={"font_size": "22px"})
        self.counter = widgets.HTML()
        self.title = widgets.HTML()
        self.text = widgets.HTML()
        self.figure = FigureArea()
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.children = [widgets.HBox([self.previous, self.next, self.counter]), self.status, self.title, self.text, self.figure]
        self.go(0)

    @guarded
    def go(self, index: int) -> None:
        if not isinstance(index, int):
            raise InputError("页码无法识别。")
        self.index = max(0, min(index, len(self.slides) - 1))
        slide = self.slides[self.index]
        badge = html.ILLUSTRATIVE_BADGE if slide.illustrative else ""
        self.counter.value = f'<span class="ck-counter" style="font-size:22px;margin-left:16px;">第 {self.index + 1} / {len(self.slides)} 页</span>'
        self.title.value = f'<h1 class="ck-slide-title" style="font-size:44px;margin:12px 0;">{html.escape(slide.title)}{badge}</h1>'
        notes = "".join(f'<div style="font-size:22px;color:#7a4f00;">{html.escape(n)}</div>' for n in slide.notes)
        self.text.value = f'<div class="ck-slide-text" style="font-size:32px;line-height:1.5;">{html.escape(slide.text)}</div>{notes}'
        if slide.figure is not None:
            self.figure.show(slide.figure)
        else:
            self.figure.clear_output()
            self.figure.figure = None
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.slides) - 1


def ledger_slides(indicators: pd.DataFrame, title: str = "发展账") -> list[Slide]:
    """A title slide, then one then-and-now slide per indicator with at least two years in 2012–2022."""
    slides = [Slide(title, f"{SPAN[0]}—{SPAN[1]}年，我们身边的变化。数字都标明了来源。")]
    candidates = []
    for indicator in indicators["indicator"].dropna().unique():
        selection = ledger.select(indicators, indicator, None, *SPAN)
        for region in selection.frame["region"].unique():
            comparison = ledger.then_and_now(selection, region, *SPAN)
            if comparison is not None:
                candidates.append(comparison)
    # Real figures first, the longest comparisons first.
    candidates.sort(key=lambda c: (c.illustrative, -c.years))
    for c in candidates[:MAX_LEDGER_SLIDES]:
        slides.append(Slide(f"{c.region}·{c.indicator}", c.sentence(), then_and_now_chart(c, presenter=True),
                            c.illustrative, [c.caveat] if c.caveat else []))
    return slides


def funding_slides(projects: pd.DataFrame) -> list[Slide]:
    if projects.empty:
        return [Slide("项目资金", "还没有项目资金数据。")]
    tidy = funding.by_level(projects)
    totals = funding.level_totals(tidy)
    illustrative = bool(projects["illustrative"].fillna(False).any())
    sources = projects.reindex(columns=["source", "source_url"]).assign(source_kind=None).dropna(subset=["source"]).drop_duplicates("source")
    lead = totals.iloc[0]
    years = f"{int(projects['year'].min())}—{int(projects['year'].max())}年"
    total = ledger.fmt_number(totals["amount"].sum())
    return [
        Slide("项目资金：钱从哪里来", f"{years}，{len(projects)} 个项目共投入 {total} 万元，{lead['level']}资金占 {lead['share'] * 100:.0f}%。",
              funding_shares(totals, sources, illustrative=illustrative, presenter=True), illustrative),
        Slide("项目资金：逐年投入", "每一年，中央、自治区、市、旗、镇各级都出了钱。",
              funding_by_level(tidy, sources, illustrative=illustrative, presenter=True), illustrative),
    ]


def blueprint_slides(targets: pd.DataFrame) -> list[Slide]:
    progress = blueprint.progress(targets)
    if progress.empty:
        return [Slide("发展蓝图", "还没有发展蓝图数据。")]
    slides = []
    for domain, rows in progress.groupby("domain", sort=False):
        text = "；".join(blueprint.explain(r) for _, r in rows.iterrows())
        slides.append(Slide(f"发展蓝图·{domain}", text, blueprint_board(rows, presenter=True),
                            bool(rows["illustrative"].fillna(False).any())))
    return slides


class SlideShow(widgets.VBox):
    """Pick a theme, then present its deck."""

    def __init__(self, decks: dict[str, list[Slide]], **kwargs):
        super().__init__(**kwargs)
        self.decks = decks
        self.status = widgets.HTML()
        self.theme = widgets.ToggleButtons(options=list(decks), description="主题：", style={"button_width": "auto"})
        self.theme.observe(self._on_theme, names="value")
        self.deck = Deck(decks[self.theme.value])
        self.children = [self.theme, self.status, self.deck]

    @guarded
    def _on_theme(self, change) -> None:
        name = checked(change["new"], list(self.decks), "主题")
        self.deck = Deck(self.decks[name])
        self.children = [self.theme, self.status, self.deck]


def slides(path: str | Path | None = None) -> widgets.Widget:
    """The slide show for a campaign folder: ledger, funding and blueprint decks."""
    return dashboard(path, lambda c: SlideShow({
        THEMES[0]: ledger_slides(c.indicators, f"{c.config.town or ''}发展账"),
        THEMES[1]: funding_slides(c.projects),
        THEMES[2]: blueprint_slides(c.blueprint),
    }))
