"""The hub as a plugin: its commands (``campaignkit hub …``) come through the command hook."""

from __future__ import annotations

from typing import Any

from ..hookspecs import Feature, Page, hookimpl, lazy


@hookimpl
def feature() -> Feature:
    return Feature(name="hub", title="汇总中心")


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="hub.ipynb",
            title="汇总中心",
            summary="各镇、各村报送来的记录汇总：谁报了、入户走访覆盖到了哪个镇村网格；小数字不公开",
            view=lazy(f"{__package__}.view", "hub_view"),
        ),
    ]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_bundle_parser, add_parser, add_push_parser

    add_parser(subparsers)
    add_bundle_parser(subparsers)
    add_push_parser(subparsers)
