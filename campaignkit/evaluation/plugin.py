"""效果评估 as a plugin: the questionnaires' results and the interviews."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, Page, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="evaluation", title="效果评估")


@hookimpl
def tables() -> list[Table]:
    from .tables import INTERVIEWS

    return [INTERVIEWS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="evaluation.ipynb",
            title="效果评估",
            summary="手机问卷的结果：每题多少人怎么答、各类人群有什么不同、前后两次比有没有提高",
            view=lazy(f"{__package__}.view", "evaluation_view"),
        ),
    ]


@hookimpl
def register_form_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)


@hookimpl
def hub_records(campaign: Path) -> list:
    from .hub_records import hub_records as records

    return records(campaign)
