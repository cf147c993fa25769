"""发展蓝图 as a plugin: the five-year targets and their progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import Deck, Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="blueprint", title="发展蓝图")


@hookimpl
def tables() -> list[Table]:
    from .tables import BLUEPRINT

    return [BLUEPRINT]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="blueprint.ipynb",
            title="发展蓝图",
            summary="今后五年的目标、现在走到了哪一步",
            view=lazy(f"{__package__}.view", "blueprint_view"),
            phone=lazy(f"{__package__}.phone", "blueprint_phone"),
            phone_tables=("blueprint",),
        ),
    ]


@hookimpl
def decks() -> list[Deck]:
    return [Deck(lazy(f"{__package__}.slides", "blueprint_deck"))]
