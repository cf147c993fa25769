"""``campaignkit coverage`` and ``campaignkit works …``: the parsers only (building them
imports nothing heavy; :mod:`.outreach_cli` runs them)."""

from __future__ import annotations

import argparse

from ..core.commands import add_campaign_argument


def add_parsers(sub) -> None:
    coverage = sub.add_parser("coverage", help="走访覆盖率：各单位、各网格登记了多少户、走访到多少户")
    coverage.set_defaults(run=run)
    add_campaign_argument(coverage)
    coverage.add_argument("--by", choices=("unit", "grid"), default="unit", help="按单位（unit）或按网格（grid），默认 unit")
    coverage.add_argument("--from", dest="start", default=None, help="从哪天起，如 2023-12-01（默认：campaign.toml 的活动开始）")
    coverage.add_argument("--to", dest="end", default=None, help="到哪天止，如 2024-03-31（默认：campaign.toml 的活动结束）")
    coverage.add_argument("--unit", default=None, help="只看一个单位（与 --by grid 一起用：这个单位的各网格）")
    coverage.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    coverage.add_argument(
        "--repeats", action="store_true", help="列出这段时间走访了不止一次的户（户编号、单位、网格、次数；只在自己电脑上看）"
    )

    works = sub.add_parser("works", help="红色文艺作品的放映演出：日历文件、各村通知、撞车检查")
    works.set_defaults(run=run)
    works_sub = works.add_subparsers(dest="works_command", required=True, metavar="子命令")
    ics = works_sub.add_parser("ics", help="导出放映演出日历（.ics，北京时间），手机和电脑的日历都能导入")
    add_campaign_argument(ics)
    ics.add_argument("--out", required=True, help="输出的 .ics 文件")
    ics.add_argument("--unit", default=None, help="只导出一个单位的场次")
    notice = works_sub.add_parser("notice", help="打印一个村的放映演出通知（A4 PDF：时间、地点、作品、联系电话、监督电话）")
    notice.add_argument("unit", help="单位（嘎查村、社区）")
    add_campaign_argument(notice)
    notice.add_argument("--month", default=None, help="只印一个月，如 2024-01（默认：全部场次）")
    notice.add_argument("--out", required=True, help="输出的 PDF 或 HTML 文件")
    check = works_sub.add_parser("check", help="检查：每个村每月至少一场，同一放映员或剧团同一时间不能在两处")
    add_campaign_argument(check)
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")


def run(args: argparse.Namespace) -> int:
    from .outreach_cli import run as run_outreach

    return run_outreach(args)
