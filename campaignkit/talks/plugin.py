"""宣讲稿 as a plugin: the talks' projector, presenter, follow and handout pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, Page, PhoneLink, Route, hookimpl, lazy

if TYPE_CHECKING:
    from pathlib import Path


@hookimpl
def feature() -> Feature:
    from ..core.paths import TALKS_FOLDER

    # Talk notebooks are shown by the talks' own pages, which leave the notes off the projector.
    return Feature(name="talks", title="宣讲稿", prefixes=("/campaignkit/talks/",), unserved=(TALKS_FOLDER,))


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="talks.ipynb",
            title="宣讲稿",
            summary="放映讲稿（投影、演讲者视图带备注），按对象选版本，导出讲义",
            view=lazy(f"{__package__}.view", "talks_view"),
        ),
    ]


@hookimpl
def routes() -> list[Route]:
    from .handlers import ROUTES

    return [Route(*route) for route in ROUTES]


@hookimpl
def lab_routes() -> list[Route]:
    return routes()  # trainers preview the talk pages in campaignkit lab


@hookimpl
def phone_links(campaign: Path, notebooks: Path) -> list[PhoneLink]:
    from .handlers import phone_links as links

    return [PhoneLink(*link) for link in links(campaign, notebooks)]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)
