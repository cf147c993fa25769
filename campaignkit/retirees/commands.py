"""``campaignkit pension``: a retiree's pension year by year, and what each year's raise added."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.commands import Exit, add_campaign_argument


def add_parser(sub) -> None:
    pension = sub.add_parser("pension", help="离退休人员的养老金账：每年每月领多少、比上年多多少，和当年全国的调整")
    add_campaign_argument(pension)
    pension.add_argument("--id", dest="person_id", required=True, help="人员编号（离退休人员表里的）")
    pension.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    pension.add_argument("--card", default=None, metavar="明白卡.pdf", help="同时生成这个人的养老金明白卡（A4 PDF）")
    pension.add_argument("--show-name", action="store_true", help="明白卡上写全名（默认只写姓，如 刘*英）")
    pension.set_defaults(run=pension_command)


def pension_command(args: argparse.Namespace) -> int:
    from .pension import pension_history, summary
    from .people import PersonNotFound, person_rows

    try:
        rows = person_rows(args.campaign, args.person_id)
    except PersonNotFound as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    history = pension_history(rows)
    if args.card:
        from .card import write_card

        out = write_card(rows, history, args.card, show_name=args.show_name)
        print(f"已生成明白卡 {out.resolve()}", file=sys.stderr if args.format == "json" else sys.stdout)
    if args.format == "json":
        years = [
            {"year": y.year, "monthly": float(y.monthly), "added": None if y.added is None else float(y.added), "said": y.said}
            for y in history
        ]
        print(
            json.dumps({"person_id": args.person_id, "years": years, "summary": summary(history)}, ensure_ascii=False, indent=2)
        )
        return Exit.OK
    for year in history:
        print(f"  {year.said}")
    if summary(history):
        print(summary(history))
    return Exit.OK
