"""What the tax measures saved a 个体工商户 in a year: each measure in force that year, as
*tax at the statutory rate without the measure minus tax under it*, with its arithmetic in
words a shopkeeper checks with a calculator and the document it comes from.

Money is :class:`~decimal.Decimal`, rounded to the 分 only at the end of a line. Value-added
tax is reckoned month by month (a measure's terms change on the first of a month: the 10万 →
15万 threshold on 2021-04-01, the 2022 exemption from April), with the year's sales spread
evenly over its twelve months; months under the same measure make one line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..core.fmt import yuan_exact
from .measures import (
    EXEMPT_ALL,
    EXEMPT_UP_TO,
    HALF_UP_TO,
    LOAN_SUBSIDY,
    LOCAL_CUT,
    REDUCED_RATE,
    SMALL_SCALE,
    Measure,
    Rules,
    load_rules,
)

CENT, HUNDRED, HALF = Decimal("0.01"), Decimal(100), Decimal("0.5")


@dataclass(frozen=True)
class ShopYear:
    """A shop's figures for one year, as the shop states them (元; rates in %)."""

    year: int
    sales: Decimal | None = None  # the year's, without VAT (a 定期定额 shop: its quota)
    taxable_income: Decimal | None = None  # business income
    taxpayer: str = "小规模纳税人"
    local_taxes: Decimal | None = None  # 六税两费 at the full rate
    loan: Decimal | None = None  # 创业担保贷款 outstanding
    loan_rate: Decimal | None = None
    loan_lpr: Decimal | None = None

    @property
    def monthly_sales(self) -> Decimal | None:
        return None if self.sales is None else self.sales / 12


@dataclass(frozen=True)
class ReliefLine:
    measure: str
    basis: str  # the document
    relief: Decimal
    arithmetic: str
    tax: str = ""  # 增值税, 个人所得税, 六税两费, 贷款贴息: how a meeting page groups lines

    def as_dict(self) -> dict:
        return {"measure": self.measure, "basis": self.basis, "relief": float(self.relief), "arithmetic": self.arithmetic}


money = yuan_exact  # the card's and the arithmetic's amounts, to the 分


class FigureError(ValueError):
    """A figure typed for the calculator that is not an amount (a Chinese message)."""


def parse_figure(text: str | None, what: str) -> Decimal | None:
    """A figure typed by a person (80000, 80,000, 80，000) as Decimal; blank: None. ``what`` begins
    the message as the person sees the field ("月销售额", or an option with its colon)."""
    text = (text or "").replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise FigureError(f"{what}“{text}”不是数字（以元为单位，如 80000）") from None
    if not value.is_finite() or value < 0:
        raise FigureError(f"{what}“{text}”应是不小于 0 的数字")
    return value


def base(value: Decimal) -> str:
    """A base amount as said aloud: 96万元 when exact in 万 to two places, else 元 (83,333.33元)."""
    if value >= 10_000 and value % 100 == 0:
        return f"{(value / 10_000).normalize():f}万元"
    return money(value)


def percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def _line(measure: Measure, relief: Decimal, text: str) -> ReliefLine:
    """A line of the card: the relief to the 分, the text with its document."""
    return ReliefLine(
        measure.name, measure.document, relief.quantize(CENT, ROUND_HALF_UP), f"{text}（{measure.document}）", measure.tax
    )


def _months(year: int) -> list[dt.date]:
    return [dt.date(year, month, 1) for month in range(1, 13)]


def _span(months: list[dt.date]) -> str:
    if len(months) == 12:
        return ""
    first, last = months[0].month, months[-1].month
    return f"（{first}月）" if first == last else f"（{first}—{last}月）"


def _vat_measure(rules: Rules, month: dt.date, sales: Decimal) -> Measure | None:
    """The measure a month's sales come under: the exemption up to a threshold, else an
    exemption of all 3%-rate sales, else a reduced rate; None: the statutory rate."""
    exempt = rules.in_force(EXEMPT_UP_TO, month)
    if exempt is not None and exempt.value is not None and sales <= exempt.value:
        return exempt
    return rules.in_force(EXEMPT_ALL, month) or rules.in_force(REDUCED_RATE, month)


def vat_lines(shop: ShopYear, rules: Rules) -> list[ReliefLine]:
    if shop.sales is None or shop.monthly_sales is None or shop.taxpayer not in SMALL_SCALE:
        return []
    sales, statutory = shop.monthly_sales, rules.vat_rate
    groups: list[tuple[Measure, list[dt.date]]] = []
    for month in _months(shop.year):
        measure = _vat_measure(rules, month, sales)
        if measure is None:
            continue
        if groups and groups[-1][0] is measure and groups[-1][1][-1].month == month.month - 1:
            groups[-1][1].append(month)
        else:
            groups.append((measure, [month]))
    return [_vat_line(measure, months, shop.sales, statutory, rules) for measure, months in groups]


def _vat_line(measure: Measure, months: list[dt.date], yearly: Decimal, statutory: Decimal, rules: Rules) -> ReliefLine:
    sales, total = yearly / 12, yearly * len(months) / 12  # exact for a whole year
    full = total * statutory / HUNDRED
    without = f"按 {percent(statutory)} 应缴 {base(total)} × {percent(statutory)} = {money(full)}"
    head = f"增值税{_span(months)}："
    if measure.kind == EXEMPT_UP_TO:
        assert measure.value is not None
        text = f"月销售额 {base(sales)}，不超过 {base(measure.value)}，免征；{without}，少缴 {money(full)}"
        return _line(measure, full, head + text)
    if measure.kind == EXEMPT_ALL:
        text = f"月销售额 {base(sales)}，适用 {percent(statutory)} 征收率的销售额免征；{without}，少缴 {money(full)}"
        return _line(measure, full, head + text)
    assert measure.value is not None
    reduced = total * measure.value / HUNDRED
    threshold = rules.in_force(EXEMPT_UP_TO, months[0])
    over = f"超过 {base(threshold.value)}，" if threshold is not None and threshold.value is not None else ""
    relief = full - reduced
    text = (
        f"月销售额 {base(sales)}，{over}按 {percent(measure.value)} 缴 {base(total)} × {percent(measure.value)} = {money(reduced)}；"
        f"{without}，少缴 {money(relief)}"
    )
    return _line(measure, relief, head + text)


def business_tax(income: Decimal, rules: Rules) -> tuple[Decimal, str]:
    """Tax on business income at the statutory rates, and how it is reckoned ("20万元 × 20% − 10,500")."""
    for bracket in rules.brackets:
        if bracket.upto is None or income <= bracket.upto:
            tax = income * bracket.rate / HUNDRED - bracket.quick_deduction
            deduction = f" − {bracket.quick_deduction:,.0f}" if bracket.quick_deduction else ""
            return max(tax, Decimal(0)), f"{base(income)} × {percent(bracket.rate)}{deduction}"
    raise AssertionError("the top bracket has no upper bound")


def income_tax_line(shop: ShopYear, rules: Rules) -> ReliefLine | None:
    measure = rules.in_force(HALF_UP_TO, dt.date(shop.year, 12, 31), shop.taxpayer)
    if measure is None or measure.value is None or not shop.taxable_income:
        return None
    income, cap = shop.taxable_income, measure.value
    tax, reckoned = business_tax(income, rules)
    said = f"个人所得税：应纳税所得额 {base(income)}，按经营所得税率 {reckoned} = {money(tax)}"
    if income <= cap:
        relief = tax * HALF
        text = f"{said}，减半后少缴 {money(relief)}"
    else:  # only the part up to the cap is halved, pro rata
        part = tax * cap / income
        relief = part * HALF
        text = f"{said}；不超过 {base(cap)} 的部分 {money(tax)} × {base(cap)} ÷ {base(income)} = {money(part)}，减半后少缴 {money(relief)}"
    return _line(measure, relief, text)


def local_taxes_line(shop: ShopYear, rules: Rules) -> ReliefLine | None:
    measure = rules.in_force(LOCAL_CUT, dt.date(shop.year, 12, 31), shop.taxpayer)
    if measure is None or measure.value is None or not shop.local_taxes:
        return None
    relief = shop.local_taxes * measure.value / HUNDRED
    how = "减半征收" if measure.value == 50 else f"减征 {percent(measure.value)}"
    return _line(measure, relief, f"六税两费：按全额应缴 {money(shop.local_taxes)}，{how}，少缴 {money(relief)}")


def loan_line(shop: ShopYear, rules: Rules) -> ReliefLine | None:
    measure = rules.in_force(LOAN_SUBSIDY, dt.date(shop.year, 12, 31), shop.taxpayer)
    if measure is None or measure.value is None or not shop.loan or shop.loan_rate is None or shop.loan_lpr is None:
        return None
    borne = max(shop.loan_lpr - measure.value, Decimal(0))
    subsidised = shop.loan_rate - borne
    if subsidised <= 0:
        return None
    relief = shop.loan * subsidised / HUNDRED
    text = (
        f"创业担保贷款贴息：贷款 {base(shop.loan)}，年利率 {percent(shop.loan_rate)}，借款人负担 LPR {percent(shop.loan_lpr)}"
        f" − {measure.value.normalize():f}个百分点 = {percent(borne)}，其余 {subsidised.normalize():f}个百分点由财政贴息："
        f"{base(shop.loan)} × {percent(subsidised)} = {money(relief)}"
    )
    return _line(measure, relief, text)


def relief_lines(shop: ShopYear, rules: Rules | None = None) -> list[ReliefLine]:
    """Every measure that saved ``shop`` tax in its year, in the card's order."""
    rules = rules or load_rules()
    found = [*vat_lines(shop, rules), income_tax_line(shop, rules), local_taxes_line(shop, rules), loan_line(shop, rules)]
    return [line for line in found if line is not None and line.relief > 0]


def relief_report(shop: ShopYear, rules: Rules | None = None) -> dict:
    """``{"year", "lines": [{"measure", "basis", "relief", "arithmetic"}], "relief_total"}``."""
    lines = relief_lines(shop, rules)
    total = sum((line.relief for line in lines), Decimal(0))
    return {"year": shop.year, "lines": [line.as_dict() for line in lines], "relief_total": float(total)}
