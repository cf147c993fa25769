"""辅导书 as a plugin: the guide's points, facts and figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="guide", title="辅导书")


@hookimpl
def tables() -> list[Table]:
    from .tables import GUIDE

    return [GUIDE]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="guide.ipynb",
            title="辅导书",
            summary="“六句话”每一句的要点、史实和数字，选几条要点一键开始写讲稿",
            view=lazy(f"{__package__}.view", "guide_view"),
            private=True,  # its button writes a talk into the campaign folder
        ),
    ]
