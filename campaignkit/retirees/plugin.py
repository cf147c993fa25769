"""离退休人员 as a plugin: the retirees table and their pension accounts (``campaignkit pension``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, hookimpl

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="retirees", title="离退休人员")


@hookimpl
def tables() -> list[Table]:
    from .tables import RETIREES

    return [RETIREES]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)
