"""惠民资金 as a plugin: policies, households and payments; the meeting page (totals only) and the door visit (private)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="benefits", title="惠民资金")


@hookimpl
def tables() -> list[Table]:
    from ..core.people import HOUSEHOLDS, MEMBERS
    from .tables import PAYMENTS, POLICIES

    return [POLICIES, HOUSEHOLDS, MEMBERS, PAYMENTS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="benefits_meeting.ipynb",
            title="惠民资金（会议用）",
            summary="全镇、各村领了多少惠民资金，钱从哪一级来；只有汇总，没有个人信息",
            view=lazy(f"{__package__}.meeting", "meeting_view"),
            phone=lazy(f"{__package__}.phone", "benefits_phone"),
            phone_tables=("payments", "households"),
        ),
        Page(
            notebook="door_visit.ipynb",
            title="炕头账（入户用）",
            summary="坐在一户人家里，一项一项算清楚领了什么、谁出的钱，打印明白卡",
            view=lazy(f"{__package__}.door_visit", "door_visit_view"),
            private=True,
        ),
    ]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)
