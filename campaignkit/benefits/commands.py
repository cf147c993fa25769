"""``campaignkit cards``: print a village's 惠民政策明白卡 as PDFs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.commands import Exit, add_campaign_argument


def add_parser(sub) -> None:
    cards = sub.add_parser("cards", help="为一个嘎查村/社区批量生成惠民政策明白卡（PDF）")
    cards.add_argument("unit", help="嘎查村或社区名称，与 campaign.toml 一致")
    add_campaign_argument(cards)
    cards.add_argument("--campaign", dest="campaign_option", default=None, help=argparse.SUPPRESS)  # the old spelling
    cards.add_argument("--year", type=int, required=True, help="年份")
    cards.add_argument("--out", required=True, help="输出文件夹")
    cards.add_argument("--one-file", action="store_true", help="整个单位合成一个 PDF")
    cards.add_argument("--size", choices=("A4", "A5"), default="A4", help="纸张（默认 A4）")
    cards.add_argument("--show-names", action="store_true", help="不打码（只在发给本户时使用）")
    cards.set_defaults(run=export_cards)


def export_cards(args: argparse.Namespace) -> int:
    from ..core.problems import CampaignDataError
    from ..errors import CampaignNotFound
    from ..load import load_campaign
    from .cards import export_village
    from .service import BenefitsData

    try:
        # Only the tables a card is made of: a broken table of another feature does not stop the printing.
        campaign = load_campaign(args.campaign or args.campaign_option, tables=["households", "members", "policies", "payments"])
    except CampaignNotFound as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return Exit.UNREADABLE
    except CampaignDataError as exc:
        print(f"{exc}\n请先运行 campaignkit validate 改正数据。", file=sys.stderr)
        return Exit.DATA_ERRORS
    benefits = BenefitsData(campaign)
    if args.unit not in benefits.units:
        print(f"没有“{args.unit}”这个单位；可用的：{'、'.join(benefits.units)}", file=sys.stderr)
        return Exit.DATA_ERRORS

    def progress(done: int, total: int) -> None:
        print(f"\r已生成 {done}/{total}", end="", flush=True)

    paths = export_village(
        benefits,
        args.unit,
        args.year,
        args.out,
        size=args.size,
        one_file=args.one_file,
        mask=not args.show_names,
        progress=progress,
    )
    print(f"\n完成：{len(paths)} 个 PDF 在 {Path(args.out).resolve()}")
    return Exit.OK
