"""``campaignkit vote …``: selections from the command line (list, codes, roll, paper
ballots, tally, ballots, notice). Only the parser here: building it imports nothing heavy."""

from __future__ import annotations

import argparse

from ..core.commands import add_campaign_argument


def add_parser(sub) -> None:
    vote = sub.add_parser("vote", help="先进评选：列出评选、发投票码、计票、生成公示")
    vote.set_defaults(run=run)
    vote_sub = vote.add_subparsers(dest="vote_command", required=True, metavar="子命令")

    def command(name: str, text: str, *, selection: bool = True):
        parser = vote_sub.add_parser(name, help=text)
        if selection:
            parser.add_argument("selection", help="评选编号（先进评选表的“编号”，如 S01）")
        add_campaign_argument(parser)
        return parser

    listing = command("list", "列出评选：编号、状态、提名和投票日期、候选人、投票码和选票数", selection=False)
    listing.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    codes = command("codes", "生成投票码纸条（A4 PDF：二维码、投票码、候选人方框，可当纸质选票）或 CSV（交给印刷店）")
    codes.add_argument("--count", type=int, required=True, help="生成多少个（不超过名册人数减去已发的）")
    codes.add_argument("--out", required=True, help="输出文件（.pdf 或 .csv）")
    codes.add_argument(
        "--address", default=None, help="手机打开的地址，如 http://192.168.1.20:8866（默认：本机局域网地址和 --lan 的端口）"
    )
    roll_parser = command("roll", "打印领票名册（PDF 或 CSV）：每人领一张并签字，不记领到哪一个码")
    roll_parser.add_argument("--out", required=True, help="输出文件（.pdf 或 .csv）")
    paper = command("paper", "录入纸质选票：两个人分别录入，两份一致才计入；不一致时列出每一处")
    paper.add_argument("--first", required=True, help="第一个人的录入（CSV 或 Excel：投票码、选择、废票）")
    paper.add_argument("--second", required=True, help="第二个人的录入")
    result = command("tally", "计票：得票、投票率、当选门槛、当选人、票数相同（不替您决定）")
    result.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    export = command("ballots", "导出全部选票（不含投票码、不含时间，顺序随机），供任何人复核计票")
    export.add_argument("--out", required=True, help="输出的 CSV 文件")
    notice = command("notice", "生成公示（PDF 或 Word）：拟表彰人选、事迹、公示期（按工作日）、实名反映的方式")
    notice.add_argument("--out", required=True, help="输出文件（.pdf 或 .docx）")
    notice.add_argument("--date", default=None, help="公示日期，如 2024-01-22（默认今天）")


def run(args: argparse.Namespace) -> int:
    from .vote_cli import run as run_vote

    return run_vote(args)
