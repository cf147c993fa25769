"""Slide mode for meetings: one point per slide, large type, works offline.

A deck widget of campaignkit's own rather than Voilà's reveal template (which
fetches reveal.js from a CDN): every slide is built with the presenter theme.
Features build their slides (``<feature>/slides.py``); the slide show
(:mod:`campaignkit.slides`) gathers them from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as widgets
import plotly.graph_objects as go

from . import html, theme
from .view import FigureArea, InputError, checked, guarded


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
        button_font = {"font_size": f"{theme.SLIDE_BUTTON_SIZE}px"}
        self.previous = widgets.Button(description="◀ 上一页", layout=big, style=button_font)
        self.next = widgets.Button(description="下一页 ▶", layout=big, style=button_font)
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
        self.counter.value = (
            f'<span class="ck-counter" style="font-size:{theme.SLIDE_BUTTON_SIZE}px;margin-left:16px;">'
            f"第 {self.index + 1} / {len(self.slides)} 页</span>"
        )
        self.title.value = (
            f'<h1 class="ck-slide-title" style="font-size:{theme.SLIDE_TITLE_SIZE}px;margin:12px 0;">'
            f"{html.escape(slide.title)}{badge}</h1>"
        )
        notes = "".join(
            f'<div style="font-size:{theme.SLIDE_NOTE_SIZE}px;color:#7a4f00;">{html.escape(n)}</div>' for n in slide.notes
        )
        self.text.value = (
            f'<div class="ck-slide-text" style="font-size:{theme.SLIDE_TEXT_SIZE}px;line-height:1.5;">'
            f"{html.escape(slide.text)}</div>{notes}"
        )
        if slide.figure is not None:
            self.figure.show(slide.figure)
        else:
            self.figure.clear()
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.slides) - 1


class SlideShow(widgets.VBox):
    """Pick a theme, then present its deck."""

    def __init__(self, decks: dict[str, list[Slide]], **kwargs):
        super().__init__(**kwargs)
        self.decks = decks or {"幻灯片": []}
        self.status = widgets.HTML()
        self.theme = widgets.ToggleButtons(options=list(self.decks), description="主题：", style={"button_width": "auto"})
        self.theme.observe(self._on_theme, names="value")
        self.deck = Deck(self.decks[self.theme.value])
        self.children = [self.theme, self.status, self.deck]

    @guarded
    def _on_theme(self, change) -> None:
        name = checked(change["new"], list(self.decks), "主题")
        self.deck = Deck(self.decks[name])
        self.children = [self.theme, self.status, self.deck]
