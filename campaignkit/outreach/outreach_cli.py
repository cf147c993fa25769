"""What ``campaignkit coverage`` and ``campaignkit works …`` do (parsers in :mod:`.commands`)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd

from ..core.commands import Exit
from ..core.fmt import cn_date
from ..ui.export import write_pdf
from .coverage import Period, months_without
from .data import OutreachData
from .frames import screening_units
from .schedule import calendar_ics, notice_html, schedule

NO_TARGET = "无对象"


def run(args: argparse.Namespace) -> int:
    outreach = OutreachData(args.campaign)
    if args.command == "coverage":
        return _coverage(args, outreach)
    return {"ics": _ics, "notice": _notice, "check": _check}[args.works_command](args, outreach)


def _report_problems(outreach: OutreachData, tables: tuple[str, ...]) -> None:
    problems = [p for p in outreach.problems if p.table in tables]
    if problems:
        print(f"注意：有 {len(problems)} 处问题，有问题的记录没有计入（详见 campaignkit validate 或数据体检）：", file=sys.stderr)
        for p in problems[:20]:
            print(f"  {p.location()}：{p.message}", file=sys.stderr)


class BadDate(ValueError):
    pass


def _day(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadDate(f"{what}“{text}”看不懂：请写成 2024-03-31 这样") from None


def rate_text(rate: float) -> str:
    return NO_TARGET if pd.isna(rate) else f"{rate * 100:.1f}%"


def _coverage(args: argparse.Namespace, outreach: OutreachData) -> int:
    try:
        start, end = _day(args.start, "--from"), _day(args.end, "--to")
    except BadDate as exc:
        print(str(exc), file=sys.stderr)
        return Exit.UNREADABLE
    period = Period(start or outreach.period.start, end or outreach.period.end)
    if period.start and period.end and period.start > period.end:
        print(
            f"时段从 {period.start} 到 {period.end}：开始晚于结束，请核对 --from、--to（或 campaign.toml 的活动期）",
            file=sys.stderr,
        )
        return Exit.UNREADABLE
    if args.unit is not None and args.unit not in outreach.units:
        print(f"没有单位“{args.unit}”：现有 {'、'.join(outreach.units)}", file=sys.stderr)
        return Exit.UNREADABLE
    _report_problems(outreach, ("visits", "households"))
    if args.repeats:
        return _repeats(args, outreach, period)
    frame = outreach.store.coverage(args.by, unit=args.unit, period=period)
    if args.format == "json":
        rows = [
            {
                "unit": r.unit,
                "grid": r.grid if args.by == "grid" else None,
                "registered": int(r.registered),
                "visited": int(r.visited),
                "rate": None if pd.isna(r.rate) else round(float(r.rate), 4),
            }
            for r in frame.assign(grid=frame.get("grid")).itertuples(index=False)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return Exit.OK
    print(f"走访覆盖率（{period.label()}；一户走访多次只算一次，按户表中现在的单位和网格计）")
    header = (
        ["单位", "网格", "登记户数", "走访户数", "覆盖率"] if args.by == "grid" else ["单位", "登记户数", "走访户数", "覆盖率"]
    )
    print("  ".join(header))
    for r in frame.itertuples(index=False):
        cells = [r.unit, *([r.grid] if args.by == "grid" else []), str(r.registered), str(r.visited), rate_text(r.rate)]
        print("  ".join(cells))
    total = outreach.store.coverage("town", unit=args.unit, period=period).iloc[0]
    print(f"合计  {int(total.registered)} 户中走访到 {int(total.visited)} 户，覆盖率 {rate_text(total.rate)}")
    return Exit.OK


def _repeats(args: argparse.Namespace, outreach: OutreachData, period: Period) -> int:
    """Households visited more than once: counted once in the rates, listed here for the cadres."""
    repeats = outreach.store.repeats(unit=args.unit, period=period)
    if args.format == "json":
        rows = [
            {"household_id": r.household_id, "unit": r.unit, "grid": r.grid, "visits": int(r.visits)}
            for r in repeats.itertuples(index=False)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return Exit.OK
    print(f"走访了不止一次的户（{period.label()}；覆盖率里每户只算一次）：{len(repeats)} 户")
    for r in repeats.itertuples(index=False):
        print(f"  {r.household_id}  {r.unit}  {r.grid}  {int(r.visits)} 次")
    return Exit.OK


def _rows(outreach: OutreachData, unit: str | None = None, month: dt.date | None = None) -> pd.DataFrame:
    screenings = outreach.screenings()
    if screenings.empty:
        return pd.DataFrame(columns=["work", "unit", "place", "start", "end", "crew", "contact", "kind"])
    rows = schedule(screenings, outreach.table("works"))
    if unit is not None:
        rows = rows[rows["unit"] == unit]
    if month is not None:
        rows = rows[(rows["start"].dt.year == month.year) & (rows["start"].dt.month == month.month)]
    return rows.reset_index(drop=True)


def _ics(args: argparse.Namespace, outreach: OutreachData) -> int:
    _report_problems(outreach, ("screenings", "works"))
    rows = _rows(outreach, args.unit)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    name = f"{outreach.config.town or outreach.config.name}{args.unit or ''}放映演出"
    out.write_bytes(calendar_ics(rows, name=name))
    print(f"已写出 {len(rows)} 场放映演出到 {out.resolve()}（北京时间，含时区说明；手机日历、电脑日历都能导入）")
    return Exit.OK


def _notice(args: argparse.Namespace, outreach: OutreachData) -> int:
    if args.unit not in outreach.units:
        print(f"没有单位“{args.unit}”：现有 {'、'.join(outreach.units)}", file=sys.stderr)
        return Exit.UNREADABLE
    month = None
    if args.month:
        try:
            year, mon = (int(x) for x in args.month.split("-"))
            month = dt.date(year, mon, 1)
        except ValueError:
            print(f"--month “{args.month}”看不懂：请写成 2024-01 这样", file=sys.stderr)
            return Exit.UNREADABLE
    _report_problems(outreach, ("screenings", "works"))
    rows = _rows(outreach, args.unit, month)
    html = notice_html(
        rows,
        unit=args.unit,
        organisation=outreach.config.organisation,
        phone=outreach.config.complaint_phone,
        illustrative=outreach.illustrative("screenings"),
        month=month,
    )
    out = Path(args.out)
    if out.suffix.lower() == ".html":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    else:
        write_pdf(html, out)
    print(f"已生成 {args.unit} 的放映演出通知（{len(rows)} 场）：{out.resolve()}")
    return Exit.OK


def _check(args: argparse.Namespace, outreach: OutreachData) -> int:
    _report_problems(outreach, ("screenings", "works"))
    store = outreach.store
    conflicts = store.conflicts()
    if outreach.period.start is None or outreach.period.end is None:
        print("campaign.toml 没有写活动期（[period] start 和 end），无法检查每个村每月有没有放映演出", file=sys.stderr)
    missing = months_without(store.screenings_by_month(), screening_units(outreach), outreach.period)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "conflicts": [
                        {
                            "crew": c.crew,
                            "a": {"row": int(c.row_a), "unit": c.unit_a, "place": c.place_a, "start": c.start_a.isoformat()},
                            "b": {"row": int(c.row_b), "unit": c.unit_b, "place": c.place_b, "start": c.start_b.isoformat()},
                        }
                        for c in conflicts.itertuples(index=False)
                    ],
                    "months_without": [{"month": f"{m:%Y-%m}", "unit": u} for m, u in zip(missing["month"], missing["unit"])],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"撞车（同一放映员或剧团同一时间在两处）：{len(conflicts)} 处")
        for c in conflicts.itertuples(index=False):
            print(
                f"  {c.crew}：第 {c.row_a} 行 {c.unit_a}{c.place_a} {cn_date(c.start_a.date())} {c.start_a:%H:%M}—{c.end_a:%H:%M}"
                f"，与第 {c.row_b} 行 {c.unit_b}{c.place_b} {c.start_b:%H:%M}—{c.end_b:%H:%M} 重叠"
            )
        print(f"活动期间哪个月哪个村一场也没有：{len(missing)} 处")
        for m, u in zip(missing["month"], missing["unit"]):
            print(f"  {m.year}年{m.month}月：{u}")
    return Exit.DATA_ERRORS if len(conflicts) or len(missing) else Exit.OK
