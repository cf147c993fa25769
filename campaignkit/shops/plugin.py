"""个体工商户 as a plugin: the shops table and the tax-relief calculator (``campaignkit shop``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, hookimpl

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
def register_commands(subparsers: Any) -> None:
    from .commands import add_parser

    add_parser(subparsers)
