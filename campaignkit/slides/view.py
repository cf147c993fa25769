"""The slide show: one theme per feature that has slides (the registry says which)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from ..features import registry
from ..ui.deck import SlideShow
from ..ui.view import dashboard


def slides_view(path: str | Path | None = None, *, theme: str | None = None) -> widgets.Widget:
    """The slide show for a campaign folder; ``theme`` opens one feature's deck (e.g. "发展蓝图")."""

    def build(campaign):
        show = SlideShow({title: build_deck(campaign) for title, build_deck in registry().decks()})
        if theme is not None:
            if theme in show.decks:
                show.theme.value = theme
            else:
                from ..ui import html

                show.status.value = html.banner(f"没有名为“{theme}”的幻灯片主题，可选：{'、'.join(show.decks)}", "warning")
        return show

    return dashboard(path, build)
