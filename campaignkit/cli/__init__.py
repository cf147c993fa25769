"""The ``campaignkit`` command: the core's commands (validate, template, serve, lab, forms) and
those the features register (``register_commands`` in :mod:`campaignkit.hookspecs`).

One convention for every command: the campaign folder is the last, optional positional
argument (default: ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample), and files are written
with ``--out``. Tables come from the registry (:mod:`campaignkit.features`).

Exit status (:class:`campaignkit.core.commands.Exit`): 0 when there are no errors (warnings
allowed), 1 when the data has errors, 2 when the path cannot be read at all. Bad data never
produces a traceback.
"""

from __future__ import annotations

import argparse
import sys

from ..core.commands import CommandParser, Exit
from ..errors import CampaignkitError
from ..features import registry
from . import forms, serving, tables
from .tables import validate


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(prog="campaignkit", description="宣讲活动数据工具：检查表格、生成模板、启动看板")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")
    tables.add_parsers(sub)
    serving.add_parsers(sub)
    forms.add_parsers(sub)
    registry().register_commands(sub)  # each sets run=function(args) -> exit code
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except BrokenPipeError:  # output piped into `head`
        return Exit.OK
    except CampaignkitError as exc:  # a message for a person, never a traceback
        print(f"无法完成：{exc}", file=sys.stderr)
        return Exit.UNREADABLE


__all__ = ["build_parser", "main", "validate"]
