"""历史大事 as a plugin: the timeline table, its page and phone page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="timeline", title="历史大事")


@hookimpl
def tables() -> list[Table]:
    from .tables import TIMELINE

    return [TIMELINE]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="timeline.ipynb",
            title="历史大事",
            summary="全国、自治区、鄂尔多斯、乌审旗和本镇的大事放在一条时间轴上，每件事有地点和来源，再看那一年的发展账数字",
            view=lazy(f"{__package__}.view", "timeline_view"),
            phone=lazy(f"{__package__}.phone", "timeline_phone"),
            phone_tables=("timeline",),
        ),
    ]
