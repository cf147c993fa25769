"""The hub as a plugin: its commands (``campaignkit hub …``) come through the command hook."""

from __future__ import annotations

from typing import Any

from ..hookspecs import Feature, hookimpl


@hookimpl
def feature() -> Feature:
    return Feature(name="hub", title="汇总中心")


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_bundle_parser, add_parser, add_push_parser

    add_parser(subparsers)
    add_bundle_parser(subparsers)
    add_push_parser(subparsers)
