"""项目资金 as a plugin: projects and their funding by level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import Deck, Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="funding", title="项目资金")


@hookimpl
def tables() -> list[Table]:
    from .tables import PROJECTS

    return [PROJECTS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="funding.ipynb",
            title="项目资金",
            summary="钱从哪里来：中央、自治区、市、旗、镇各级投入和建成的项目",
            view=lazy(f"{__package__}.view", "funding_view"),
            phone=lazy(f"{__package__}.phone", "funding_phone"),
            phone_tables=("projects",),
        ),
    ]


@hookimpl
def decks() -> list[Deck]:
    return [Deck(lazy(f"{__package__}.slides", "funding_deck"))]
