"""What every ``campaignkit`` command shares, the core's and the features': the exit codes
and the campaign folder argument (the last, optional positional one)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from enum import IntEnum
from typing import Any, NoReturn


class Exit(IntEnum):
    OK = 0  # done; warnings allowed
    DATA_ERRORS = 1  # the data has errors (named in the output)
    UNREADABLE = 2  # a path cannot be read, or the command cannot be done as asked


CAMPAIGN_HELP = "活动文件夹（默认：内置示例活动）"


def add_campaign_argument(parser: argparse.ArgumentParser, help: str = CAMPAIGN_HELP) -> None:
    """The campaign folder: optional; without it ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample."""
    parser.add_argument("campaign", nargs="?", default=None, help=help)


def add_lab_arguments(parser: argparse.ArgumentParser) -> None:
    """The campaign, port and browser of a command that opens JupyterLab (``lab``, and a
    feature's own, such as ``talk edit``)."""
    add_campaign_argument(parser, "预览时使用的活动文件夹（默认：内置示例活动）")
    parser.add_argument("--port", type=int, default=8888, help="端口（默认 8888）")
    parser.add_argument("--no-browser", action="store_true", help="不自动打开浏览器")


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# argparse's own error messages (Python 3.11's wording, quotes optional for later versions).
ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), "缺少：{0}"),
    (re.compile(r"argument (\S+): invalid choice: '?(.+?)'? \(choose from (.+)\)"), "{0}：没有“{1}”这一项，可选的有 {2}"),
    (re.compile(r"unrecognized arguments: (.+)"), "看不懂这些内容：{0}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面要写一个值"),
    (re.compile(r"argument (\S+): invalid \w+ value: '?(.+?)'?$"), "{0}：“{1}”不是有效的值"),
)


class CommandParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese (用法, 参数, 选项, the help option, its errors):
    trainers read ``campaignkit --help`` and its mistakes in one language. Subcommands'
    parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # ours instead, in Chinese
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明后退出")

    def error(self, message: str) -> NoReturn:
        for pattern, chinese in ERRORS:
            found = pattern.search(message)
            if found:
                message = chinese.format(*found.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(Exit.UNREADABLE, f"{self.prog}：{message}\n")
