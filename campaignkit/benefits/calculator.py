"""Entitlement calculator (算“炕头账”): what a household should receive, item by
item, under which policy, paid by which level of government — with the
arithmetic in words.

Rules, stated so a lecturer can repeat them:

- A policy counts in a year when 起始年份 ≤ year ≤ 终止年份 (open-ended if blank).
- Areas (禁牧/草畜平衡/耕地/草场面积) multiply a 元/亩 standard.
- Ages come from 出生年月, or from the ID number when that is blank. A person who
  reaches an age threshold during the year counts **from the month of the
  birthday** (按月折算): born in May, turning 60 this year → 8 months (May–Dec).
- “80至99岁人数” stops in the month a person turns 100, when the centenarians'
  item takes over.
- 低保/特困/残疾 status counts for the whole year (the tables hold no dates for it).
- A policy whose 对象条件 names household types (牧户、农户、农牧户、社区居民户)
  applies only to those types.
- 资金层级 is one level (中央) or shares (中央80%/自治区20%); the amount is split so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ..idnumber import birth_date
from ..ledger import fmt_number
from ..privacy import mask_name
from ..rules import parse_funding
from ..tables import FUNDING_LEVELS, HOUSEHOLD_TYPES

AREA_BASES = {"禁牧面积": "grazing_ban_area", "草畜平衡面积": "balance_area", "耕地面积": "arable_area",
              "草场面积": "grassland_area"}
AGE_BASES = {"60岁以上人数": (60, None), "80岁以上人数": (80, None), "80至99岁人数": (80, 100), "100岁以上人数": (100, None)}
FLAG_BASES = {"低保人数": "dibao", "特困人数": "tekun"}
ITEM_COLUMNS = ["item", "category", "basis", "quantity", "quantity_unit", "months", "standard", "standard_unit",
                "amount", "funding_level", *FUNDING_LEVELS, "document", "explanation"]


class CalculatorError(ValueError):
    """The inputs cannot be calculated (message in Chinese)."""


@dataclass
class Estimate:
    """One household's expected amounts for one year.

    ``items``: one row per item (:data:`ITEM_COLUMNS`, one column per funding
    level holding that level's part); ``by_level``: totals per level.
    """

    household_id: str | None
    year: int
    items: pd.DataFrame

    @property
    def total(self) -> float:
        return float(self.items["amount"].sum()) if len(self.items) else 0.0

    @property
    def by_level(self) -> pd.DataFrame:
        sums = self.items[list(FUNDING_LEVELS)].sum() if len(self.items) else pd.Series(0.0, index=list(FUNDING_LEVELS))
        frame = sums.rename_axis("level").reset_index(name="amount")
        return frame[frame["amount"] > 0].reset_index(drop=True)

    def summary(self) -> str:
        levels = "，".join(f"{r.level}{fmt_number(r.amount)}元" for r in self.by_level.itertuples())
        return f"{self.year}年应得合计 {fmt_number(self.total)} 元" + (f"（{levels}）" if levels else "")


def active_policies(policies: pd.DataFrame, year: int) -> pd.DataFrame:
    start = policies["year_from"].fillna(0)
    end = policies["year_to"].fillna(9999) if "year_to" in policies else 9999
    return policies[(start <= year) & (year <= end)]


def _value(record: Mapping[str, Any] | pd.Series, key: str) -> Any:
    value = record.get(key) if hasattr(record, "get") else None
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else value


def _birth(member: Mapping[str, Any]) -> dt.date | None:
    month = _value(member, "birth_month")
    if month is not None:
        month = pd.Timestamp(month)
        return dt.date(month.year, month.month, 1)
    number = _value(member, "id_number")
    return birth_date(str(number)) if number else None


def months_in_band(born: dt.date | None, year: int, low: int, high: int | None) -> int:
    """Months of ``year`` in which a person is aged ``low`` or over (and under ``high``),
    counting from the month of the birthday."""
    if born is None:
        return 0

    def months_from(age: int) -> int:  # months of the year at or past that birthday
        turns = born.year + age
        if year < turns:
            return 0
        if year > turns:
            return 12
        return 13 - born.month

    months = months_from(low)
    if high is not None:
        months -= months_from(high)
    return max(months, 0)


def _applies_to(condition: Any, household_type: Any) -> bool:
    if not isinstance(condition, str) or not household_type:
        return True
    text = condition.replace("农牧户", "（农牧户）")
    named = [t for t in HOUSEHOLD_TYPES if t != "其他" and (f"（{t}）" in text if t == "农牧户" else re.search(f"(?<!农){t}", text))]
    return not named or household_type in named


def _period(unit: str) -> str | None:
    if unit.endswith("/月"):
        return "月"
    if unit.endswith("/年"):
        return "年"
    return None


def estimate(household: Mapping[str, Any] | pd.Series, members: pd.DataFrame | list[Mapping[str, Any]] | None,
             policies: pd.DataFrame, year: int, *, mask: bool = True) -> Estimate:
    """Expected amounts for one household in ``year``.

    ``household`` needs only the fields a policy uses (e.g. ``grazing_ban_area``),
    so a household typed in by hand works; ``members`` is a frame or a list of
    dicts with ``name``, ``birth_month`` or ``id_number``, ``dibao``, ``tekun``,
    ``disability_grade``. Names in the explanations are masked unless ``mask=False``.
    """
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        raise CalculatorError("年份应为 1900 到 2100 之间的整数")
    people = members.to_dict("records") if isinstance(members, pd.DataFrame) else list(members or [])
    rows = [_item(policy, household, people, year, mask) for _, policy in active_policies(policies, year).iterrows()]
    items = pd.DataFrame([r for r in rows if r is not None], columns=ITEM_COLUMNS)
    return Estimate(_value(household, "household_id"), year, items)


def _item(policy: pd.Series, household, people: list[dict], year: int, mask: bool) -> dict | None:
    basis, unit, standard = policy["basis"], str(policy["standard_unit"]), float(policy["standard"])
    if not _applies_to(policy.get("condition"), _value(household, "household_type")):
        return None
    period = _period(unit)
    months, detail = 12, ""
    if basis in AREA_BASES:
        quantity, q_unit = float(_value(household, AREA_BASES[basis]) or 0), "亩"
        words = f"{basis} {fmt_number(quantity)} 亩 × {fmt_number(standard)} {unit}"
    elif basis == "户":
        quantity, q_unit = 1.0, "户"
        words = f"每户 {fmt_number(standard)} {unit}"
    elif basis == "人口":
        quantity = float(_value(household, "persons") or len(people))
        q_unit = "人"
        words = f"{fmt_number(quantity)} 人 × {fmt_number(standard)} {unit}"
    elif basis in AGE_BASES:
        low, high = AGE_BASES[basis]
        person_months = []
        for person in people:
            m = months_in_band(_birth(person), year, low, high)
            if m:
                person_months.append((person, m))
        quantity, q_unit = float(len(person_months)), "人"
        months = sum(m for _, m in person_months)
        partial = [(p, m) for p, m in person_months if m < 12]
        detail = "".join(f"；{_name(p, mask)}当年{_turning(p, low, high, year)}，按月折算 {m} 个月" for p, m in partial)
        words = f"{basis} {len(person_months)} 人，共 {months} 个人月 × {fmt_number(standard)} {unit}" if partial else \
            f"{basis} {len(person_months)} 人 × {fmt_number(standard)} {unit}"
    elif basis in FLAG_BASES:
        field = FLAG_BASES[basis]
        quantity, q_unit = float(sum(1 for p in people if _value(p, field) is True)), "人"
        words = f"{basis} {fmt_number(quantity)} 人 × {fmt_number(standard)} {unit}"
    elif basis == "残疾人数":
        quantity, q_unit = float(sum(1 for p in people if _value(p, "disability_grade"))), "人"
        words = f"{basis} {fmt_number(quantity)} 人 × {fmt_number(standard)} {unit}"
    else:
        raise CalculatorError(f"不认识的计算依据“{basis}”")
    if quantity <= 0:
        return None
    if basis in AGE_BASES:
        amount = standard * months if period == "月" else standard * months / 12
        if period == "月" and detail == "":
            words += " × 12 个月"
    else:
        amount = standard * quantity * (12 if period == "月" else 1)
        if period == "月":
            words += " × 12 个月"
    amount = round(amount, 2)
    shares = parse_funding(str(policy["funding_level"]))
    level_text = "、".join(f"{lvl}{'' if len(shares) == 1 else f'{s * 100:g}%'}" for lvl, s in shares.items())
    explanation = f"{policy['item']}：{words} = {fmt_number(amount)} 元（{level_text}出资）{detail}"
    row = {"item": policy["item"], "category": policy.get("category"), "basis": basis, "quantity": quantity,
           "quantity_unit": q_unit, "months": months if basis in AGE_BASES else None, "standard": standard,
           "standard_unit": unit, "amount": amount, "funding_level": policy["funding_level"],
           "document": policy.get("document"), "explanation": explanation}
    for level in FUNDING_LEVELS:
        row[level] = round(amount * shares.get(level, 0.0), 2)
    return row


def _name(person: Mapping[str, Any], mask: bool) -> str:
    name = _value(person, "name") or "家庭成员"
    return mask_name(str(name)) if mask else str(name)


def _turning(person: Mapping[str, Any], low: int, high: int | None, year: int) -> str:
    born = _birth(person)
    if born and high is not None and born.year + high == year:
        return f"{born.month}月满 {high} 周岁，改领百岁津贴"
    return f"{born.month}月满 {low} 周岁" if born else f"满 {low} 周岁"


# -- many households at once (reconcile, meetings, benchmarks) -----------------------

def _months_vectorised(born_year: pd.Series, born_month: pd.Series, year: int, low: int, high: int | None) -> pd.Series:
    """:func:`months_in_band` for a column of birth dates (NaN → 0 months)."""

    def months_from(age: int) -> pd.Series:
        turns = born_year + age
        out = pd.Series(0.0, index=born_year.index)
        out[year > turns] = 12.0
        this_year = year == turns
        out[this_year] = 13 - born_month[this_year]
        return out.where(born_year.notna(), 0.0)

    months = months_from(low)
    if high is not None:
        months = months - months_from(high)
    return months.clip(lower=0)


def expected_amounts(households: pd.DataFrame, members: pd.DataFrame, policies: pd.DataFrame,
                     years: list[int]) -> pd.DataFrame:
    """Expected amount per household, year and item for many households at once
    (household_id, year, item, amount). The same rules as :func:`estimate`, in columns;
    tests/test_benefits.py checks that the two agree on the whole sample."""
    hh = households.set_index("household_id")
    people = members[members["household_id"].isin(hh.index)].copy()
    born = people["birth_month"] if "birth_month" in people else pd.Series(pd.NaT, index=people.index)
    if "id_number" in people:
        from_id = people["id_number"].map(lambda n: pd.Timestamp(birth_date(str(n))) if isinstance(n, str) and birth_date(n) else pd.NaT)
        born = born.fillna(from_id)
    born = pd.to_datetime(born)
    people["_by"], people["_bm"] = born.dt.year.astype("float64"), born.dt.month.astype("float64")
    parts = []
    for year in years:
        for _, policy in active_policies(policies, year).iterrows():
            basis, unit, standard = policy["basis"], str(policy["standard_unit"]), float(policy["standard"])
            per_month = _period(unit) == "月"
            if basis in AGE_BASES:
                low, high = AGE_BASES[basis]
                months = _months_vectorised(people["_by"], people["_bm"], year, low, high)
                qty = months.groupby(people["household_id"]).sum().reindex(hh.index, fill_value=0.0)
                amount = qty * standard if per_month else qty * standard / 12
            else:
                if basis in AREA_BASES:
                    qty = hh[AREA_BASES[basis]].astype("float64").fillna(0.0) if AREA_BASES[basis] in hh else pd.Series(0.0, index=hh.index)
                elif basis == "户":
                    qty = pd.Series(1.0, index=hh.index)
                elif basis == "人口":
                    sizes = people.groupby("household_id").size().reindex(hh.index, fill_value=0)
                    qty = hh["persons"].astype("float64").fillna(sizes) if "persons" in hh else sizes.astype(float)
                elif basis in FLAG_BASES:
                    flag = people[FLAG_BASES[basis]].fillna(False).astype(bool) if FLAG_BASES[basis] in people else pd.Series(False, index=people.index)
                    qty = flag.groupby(people["household_id"]).sum().reindex(hh.index, fill_value=0).astype(float)
                elif basis == "残疾人数":
                    has = people["disability_grade"].notna() if "disability_grade" in people else pd.Series(False, index=people.index)
                    qty = has.groupby(people["household_id"]).sum().reindex(hh.index, fill_value=0).astype(float)
                else:
                    raise CalculatorError(f"不认识的计算依据“{basis}”")
                amount = qty * standard * (12 if per_month else 1)
            types = hh["household_type"] if "household_type" in hh else pd.Series(None, index=hh.index)
            applies = types.map(lambda t: _applies_to(policy.get("condition"), t))
            amount = amount.round(2)[applies & (amount > 0)]
            if len(amount):
                parts.append(pd.DataFrame({"household_id": amount.index, "year": year, "item": policy["item"], "amount": amount.to_numpy()}))
    if not parts:
        return pd.DataFrame(columns=["household_id", "year", "item", "amount"])
    return pd.concat(parts, ignore_index=True)
