"""``campaignkit shop``: what the tax measures saved a 个体工商户 in a year, line by line."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.commands import Exit, add_campaign_argument


def add_parser(sub) -> None:
    shop = sub.add_parser(
        "shop",
        help="个体工商户的减税降费账：某一年每项政策少缴多少税、怎么算的、依据哪个文件（可用店铺编号，也可直接给数字）",
    )
    add_campaign_argument(shop)
    shop.add_argument("--year", type=int, required=True, help="年度，如 2023")
    shop.add_argument("--id", dest="shop_id", default=None, help="店铺编号（个体工商户表里的）；不给就按下面的数字算")
    shop.add_argument("--sales-month", default=None, help="月销售额（元，不含增值税）")
    shop.add_argument("--taxable-income", default=None, help="全年经营所得应纳税所得额（元）")
    shop.add_argument(
        "--taxpayer", default=None, choices=("小规模纳税人", "定期定额", "一般纳税人"), help="纳税人类型（默认：小规模纳税人）"
    )
    shop.add_argument("--local-taxes", default=None, help="按全额应缴的“六税两费”（元）")
    shop.add_argument("--loan", default=None, help="在贷的创业担保贷款（元）")
    shop.add_argument("--loan-rate", default=None, help="贷款年利率（%%）")
    shop.add_argument("--loan-lpr", default=None, help="贷款发放时的一年期LPR（%%）")
    shop.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    shop.add_argument("--card", default=None, metavar="明白卡.pdf", help="同时生成这户这一年的明白卡（A4 PDF，需要 --id）")
    shop.add_argument("--show-name", action="store_true", help="明白卡上写经营者全名（默认只写姓，如 王*华）")
    shop.set_defaults(run=shop_command)


def _given(args: argparse.Namespace) -> dict:
    from .relief import parse_figure

    """The figures given on the command line (None: not given)."""
    monthly = parse_figure(args.sales_month, "--sales-month：")
    return {
        "sales": None if monthly is None else monthly * 12,
        "taxable_income": parse_figure(args.taxable_income, "--taxable-income："),
        "taxpayer": args.taxpayer,
        "local_taxes": parse_figure(args.local_taxes, "--local-taxes："),
        "loan": parse_figure(args.loan, "--loan："),
        "loan_rate": parse_figure(args.loan_rate, "--loan-rate："),
        "loan_lpr": parse_figure(args.loan_lpr, "--loan-lpr："),
    }


def shop_command(args: argparse.Namespace) -> int:
    from .relief import FigureError, ShopYear, relief_report
    from .shops import ShopNotFound, find_shop

    row: dict = {}
    try:
        given = {k: v for k, v in _given(args).items() if v is not None}
        if args.card and not args.shop_id:
            raise FigureError("--card 要和 --id 一起用：明白卡是某一户的")
        if args.shop_id:
            row, shop = find_shop(args.campaign, args.shop_id, args.year, **given)
        elif "sales" not in given and "taxable_income" not in given:
            raise FigureError("请给出 --id 店铺编号，或 --sales-month、--taxable-income 等数字")
        else:
            shop = ShopYear(year=args.year, **given)
    except (FigureError, ShopNotFound) as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    report = relief_report(shop)
    if args.card:
        from .card import write_card

        out = write_card(row, shop, args.card, show_name=args.show_name)
        print(f"已生成明白卡 {out.resolve()}", file=sys.stderr if args.format == "json" else sys.stdout)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return Exit.OK
    print(f"{args.year}年 减税降费账" + (f"（店铺 {args.shop_id}）" if args.shop_id else "（按所给数字）"))
    for line in report["lines"]:
        print(f"  {line['arithmetic']}")
    if not report["lines"]:
        print("  这一年没有适用的减免政策（或所给数字用不上）。")
    print(f"合计少缴 {report['relief_total']:,.2f} 元".replace(".00 元", " 元"))
    from .measures import load_rules

    last = load_rules().last_day()
    if args.year > last.year:
        print(
            f"注意：政策表只收录到 {last.year} 年；{args.year} 年的政策如有延续或调整，请先补进 data/reference/shop_relief_measures.csv。"
        )
    return Exit.OK
