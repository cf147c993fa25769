"""先进典型 as a plugin: exemplars, the campaign's selections and their ballots."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Deck, Feature, Page, PhoneLink, Route, hookimpl, lazy

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="honors", title="先进典型", prefixes=("/vote/", "/campaignkit/vote"), reads=("households", "members"))


@hookimpl
def tables() -> list[Table]:
    from .tables import EXEMPLARS, NOMINATIONS, SELECTIONS, VOTERS

    return [EXEMPLARS, SELECTIONS, NOMINATIONS, VOTERS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="honors.ipynb",
            title="先进典型",
            summary="全国、自治区、本旗本镇的先进典型（有事迹和来源），打印故事卡；本次活动的先进评选：候选人、投票、结果、核查",
            view=lazy(f"{__package__}.view", "honors_view"),
            phone=lazy(f"{__package__}.phone", "honors_phone"),
            phone_tables=("exemplars",),
        ),
    ]


@hookimpl
def decks() -> list[Deck]:
    return [Deck(lazy(f"{__package__}.slides", "exemplar_deck"))]


@hookimpl
def routes() -> list[Route]:
    from .handlers import ROUTES

    return [Route(*route) for route in ROUTES]


@hookimpl
def phone_links(campaign: Path, notebooks: Path) -> list[PhoneLink]:
    from .handlers import phone_links as links

    return [PhoneLink(*link) for link in links(campaign, notebooks)]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)


@hookimpl
def hub_records(campaign: Path) -> list:
    from .hub_records import hub_records as records

    return records(campaign)
