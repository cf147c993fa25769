"""The tax measures for 个体工商户 and the statutory rates they are measured against, read from
``data/reference/shop_relief_measures.csv`` and ``statutory_rates.csv``: each row names the
document it comes from and the rows of ``policy_sources.csv`` (page, quote, date read) that
show it. A measure applies from its ``start`` to its ``end`` day (an empty end: still in force
as far as the table knows)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..core.paths import reference_dir

MEASURES_FILE, RATES_FILE = "shop_relief_measures.csv", "statutory_rates.csv"
# What a measure does (the ``kind`` column), as the calculator knows it.
EXEMPT_UP_TO, EXEMPT_ALL, REDUCED_RATE = "免征起点", "全部免征", "减按征收率"
HALF_UP_TO, LOCAL_CUT, LOAN_SUBSIDY = "减半上限", "减征比例", "借款人负担LPR减"
KINDS = (EXEMPT_UP_TO, EXEMPT_ALL, REDUCED_RATE, HALF_UP_TO, LOCAL_CUT, LOAN_SUBSIDY)
APPLIES_TO = ("小规模纳税人", "个体工商户")
SMALL_SCALE = ("小规模纳税人", "定期定额")  # 定期定额 shops are small-scale taxpayers with a quota


@dataclass(frozen=True)
class Measure:
    name: str
    tax: str
    kind: str
    start: dt.date
    end: dt.date | None
    value: Decimal | None  # a threshold (元/月, 元), a rate (%), a share (%), percentage points
    applies_to: str  # 小规模纳税人 (定期定额 shops are too) or 个体工商户 (every shop)
    document: str
    sources: tuple[str, ...]

    def in_force(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def covers(self, taxpayer: str) -> bool:
        return self.applies_to == "个体工商户" or taxpayer in SMALL_SCALE

    def years(self) -> tuple[int, int | None]:
        return self.start.year, (self.end.year if self.end else None)


@dataclass(frozen=True)
class Bracket:
    upto: Decimal | None  # 元 of taxable income; None: the top bracket
    rate: Decimal  # %
    quick_deduction: Decimal  # 元


@dataclass(frozen=True)
class Rules:
    measures: tuple[Measure, ...]
    vat_rate: Decimal  # % (small-scale taxpayers)
    vat_rate_document: str
    brackets: tuple[Bracket, ...]  # business income, from the lowest
    brackets_document: str
    brackets_from: dt.date

    def in_force(self, kind: str, day: dt.date, taxpayer: str = "小规模纳税人") -> Measure | None:
        return next((m for m in self.measures if m.kind == kind and m.in_force(day) and m.covers(taxpayer)), None)

    def last_day(self) -> dt.date:
        """The last day any measure of the table is known to be in force."""
        return max((m.end for m in self.measures if m.end), default=dt.date.min)


class MeasuresError(ValueError):
    """A reference table that cannot be used (in Chinese, naming file, row and column)."""


def _decimal(text: str, where: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        return Decimal(text.strip())
    except ArithmeticError:
        raise MeasuresError(f"{where}：“{text}”不是数字") from None


def _day(text: str, where: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise MeasuresError(f"{where}：“{text}”不是日期（应写成 2023-01-01）") from None


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [(number, row) for number, row in enumerate(csv.DictReader(handle), start=2)]


def read_measures(path: Path) -> tuple[Measure, ...]:
    measures = []
    for number, row in _rows(path):
        where = f"{path.name} 第 {number} 行"
        if row["applies_to"] not in APPLIES_TO:
            raise MeasuresError(f"{where}“applies_to”列：应是 {'或'.join(APPLIES_TO)}")
        if row["kind"] not in KINDS:
            raise MeasuresError(f"{where}“kind”列：“{row['kind']}”不是计算器认得的做法（{'、'.join(KINDS)}）")
        start = _day(row["start"], f"{where}“start”列")
        if start is None:
            raise MeasuresError(f"{where}“start”列：没有开始日期")
        measures.append(
            Measure(
                name=row["measure"],
                tax=row["tax"],
                kind=row["kind"],
                start=start,
                end=_day(row["end"], f"{where}“end”列"),
                value=_decimal(row["value"], f"{where}“value”列"),
                applies_to=row["applies_to"],
                document=row["document"],
                sources=tuple(s for s in row["sources"].split(";") if s),
            )
        )
    return tuple(measures)


def read_rates(path: Path) -> tuple[tuple[Decimal, str], tuple[tuple[Bracket, ...], str, dt.date]]:
    vat: tuple[Decimal, str] | None = None
    brackets: list[Bracket] = []
    document, since = "", dt.date.max
    for number, row in _rows(path):
        where = f"{path.name} 第 {number} 行"
        rate = _decimal(row["rate"], f"{where}“rate”列")
        if rate is None:
            raise MeasuresError(f"{where}“rate”列：没有税率")
        if row["tax"].startswith("增值税"):
            vat = (rate, row["document"])
            continue
        quick = _decimal(row["quick_deduction"], f"{where}“quick_deduction”列") or Decimal(0)
        brackets.append(Bracket(_decimal(row["bracket_upto"], f"{where}“bracket_upto”列"), rate, quick))
        document, since = row["document"], min(since, _day(row["start"], f"{where}“start”列") or dt.date.max)
    if vat is None or not brackets:
        raise MeasuresError(f"{path.name}：缺少增值税征收率或个人所得税经营所得税率表")
    return vat, (tuple(brackets), document, since)


@lru_cache(maxsize=4)
def load_rules(folder: Path | None = None) -> Rules:
    """The measures and rates of ``folder`` (default: the bundled reference data)."""
    folder = Path(folder) if folder else reference_dir()
    (vat_rate, vat_document), (brackets, brackets_document, since) = read_rates(folder / RATES_FILE)
    return Rules(read_measures(folder / MEASURES_FILE), vat_rate, vat_document, brackets, brackets_document, since)
