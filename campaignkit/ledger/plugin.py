"""发展账 as a plugin: the indicators table, its page, phone page and slides."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import Deck, Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="ledger", title="发展账")


@hookimpl
def tables() -> list[Table]:
    from .tables import INDICATORS

    return [INDICATORS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="ledger.ipynb",
            title="发展账",
            summary="十年来的变化：选地区、指标和年份，先看前后对比，再看历年变化",
            view=lazy(f"{__package__}.view", "ledger_view"),
            phone=lazy(f"{__package__}.phone", "ledger_phone"),
            phone_tables=("indicators",),
        ),
    ]


@hookimpl
def decks() -> list[Deck]:
    return [Deck(lazy(f"{__package__}.slides", "ledger_deck"))]
