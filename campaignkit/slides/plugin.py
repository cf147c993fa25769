"""幻灯片 as a plugin: the slide show of every feature's deck."""

from __future__ import annotations

from ..hookspecs import Feature, Page, hookimpl, lazy


@hookimpl
def feature() -> Feature:
    return Feature(name="slides", title="幻灯片")


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="slides.ipynb",
            title="幻灯片",
            summary="开会时用：一页讲一件事，大字，翻页讲解",
            view=lazy(f"{__package__}.view", "slides_view"),
        ),
    ]
