"""个体工商户 as a plugin: the shops table and the tax-relief calculator (``campaignkit shop``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="shops", title="个体工商户")


@hookimpl
def tables() -> list[Table]:
    from .tables import SHOPS

    return [SHOPS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="shops_meeting.ipynb",
            title="个体工商户减税降费（会议用）",
            summary="全镇、各村个体工商户一年少缴了多少税费，按税种；只有汇总，不足 5 户不显示",
            view=lazy(f"{__package__}.meeting", "shops_meeting_view"),
        ),
    ]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)
