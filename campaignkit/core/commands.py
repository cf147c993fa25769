"""What every ``campaignkit`` command shares, the core's and the features': the exit codes
and the campaign folder argument (the last, optional positional one)."""

from __future__ import annotations

import argparse
from enum import IntEnum


class Exit(IntEnum):
    OK = 0  # done; warnings allowed
    DATA_ERRORS = 1  # the data has errors (named in the output)
    UNREADABLE = 2  # a path cannot be read, or the command cannot be done as asked


CAMPAIGN_HELP = "活动文件夹（默认：内置示例活动）"


def add_campaign_argument(parser: argparse.ArgumentParser, help: str = CAMPAIGN_HELP) -> None:
    """The campaign folder: optional; without it ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample."""
    parser.add_argument("campaign", nargs="?", default=None, help=help)
