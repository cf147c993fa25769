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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..core.fmt import fmt_number
from ..core.people import NO_AGE, REVIEW_NOTES, mask_name
from ..core.vocab import FUNDING_LEVELS, HOUSEHOLD_TYPES, parse_funding
from ..errors import CalculatorError
from .bases import BASES, born, months_in_band, value, with_birth_columns

ITEM_COLUMNS = [
    "item",
    "category",
    "basis",
    "quantity",
    "quantity_unit",
    "months",
    "standard",
    "standard_unit",
    "amount",
    "funding_level",
    *FUNDING_LEVELS,
    "document",
    "explanation",
]

__all__ = [
    "CalculatorError",
    "Estimate",
    "active_policies",
    "check_policies",
    "estimate",
    "expected_amounts",
    "months_in_band",
]


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


# What the calculator reads of the policies table, with the headers trainers know.
POLICY_COLUMNS = {
    "item": "项目",
    "standard": "标准",
    "standard_unit": "标准单位",
    "basis": "计算依据",
    "funding_level": "资金层级",
    "year_from": "起始年份",
}


def check_policies(policies: Any) -> None:
    """Refuse a policies table the calculator cannot use, in words a trainer can act on."""
    if not isinstance(policies, pd.DataFrame) or policies.empty:
        raise CalculatorError("惠民政策表是空的（或没有读入）：请先在惠民政策表（policies）里填好政策，再算账")
    missing = [header for name, header in POLICY_COLUMNS.items() if name not in policies.columns]
    if missing:
        raise CalculatorError(f"惠民政策表缺少这些列：{'、'.join(missing)}")


def _check_households(households: pd.DataFrame, members: pd.DataFrame) -> None:
    if not isinstance(households, pd.DataFrame) or "household_id" not in households.columns:
        raise CalculatorError("户表缺少“户编号”列，无法算账")
    blank = int(households["household_id"].isna().sum())
    if blank:
        raise CalculatorError(f"户表中有 {blank} 户没有户编号，无法算账：请补上户编号")
    if not isinstance(members, pd.DataFrame) or "household_id" not in members.columns:
        raise CalculatorError("家庭成员表缺少“户编号”列，无法把成员对应到户")


def active_policies(policies: pd.DataFrame, year: int) -> pd.DataFrame:
    start = policies["year_from"].fillna(0)
    end = policies["year_to"].fillna(9999) if "year_to" in policies else 9999
    return policies[(start <= year) & (year <= end)]


def _applies_to(condition: Any, household_type: Any) -> bool:
    if not isinstance(condition, str) or not household_type:
        return True
    text = condition.replace("农牧户", "（农牧户）")
    named = [
        t for t in HOUSEHOLD_TYPES if t != "其他" and (f"（{t}）" in text if t == "农牧户" else re.search(f"(?<!农){t}", text))
    ]
    return not named or household_type in named


def _period(unit: str) -> str | None:
    if unit.endswith("/月"):
        return "月"
    if unit.endswith("/年"):
        return "年"
    return None


def estimate(
    household: Mapping[str, Any] | pd.Series,
    members: pd.DataFrame | list[Mapping[str, Any]] | None,
    policies: pd.DataFrame,
    year: int,
    *,
    mask: bool = True,
) -> Estimate:
    """Expected amounts for one household in ``year``.

    ``household`` needs only the fields a policy uses (e.g. ``grazing_ban_area``),
    so a household typed in by hand works; ``members`` is a frame or a list of
    dicts with ``name``, ``birth_month`` or ``id_number``, ``dibao``, ``tekun``,
    ``disability_grade``. Names in the explanations are masked unless ``mask=False``.
    """
    if not isinstance(year, int) or not 1900 <= year <= 2100:
        raise CalculatorError("年份应为 1900 到 2100 之间的整数")
    check_policies(policies)
    if not isinstance(household, (Mapping, pd.Series)):
        raise CalculatorError("户的信息应是一条记录（户编号、面积等），这里不是")
    people = members.to_dict("records") if isinstance(members, pd.DataFrame) else list(members or [])
    rows = [_item(policy, household, people, year, mask) for _, policy in active_policies(policies, year).iterrows()]
    items = pd.DataFrame([r for r in rows if r is not None], columns=ITEM_COLUMNS)
    return Estimate(value(household, "household_id"), year, items)


def _basis(policy: pd.Series):
    basis = BASES.get(policy["basis"])
    if basis is None:
        raise CalculatorError(f"不认识的计算依据“{policy['basis']}”")
    return basis


def _item(policy: pd.Series, household, people: list[dict], year: int, mask: bool) -> dict | None:
    name, unit, standard = policy["basis"], str(policy["standard_unit"]), float(policy["standard"])
    if not _applies_to(policy.get("condition"), value(household, "household_type")):
        return None
    basis = _basis(policy)
    count = basis.one(household, people, year)
    unknown = "".join(f"；{_name(p, mask)}{NO_AGE}，没有计入（资料待核）" for p in count.unknown)
    if count.quantity <= 0:
        if not unknown:
            return None
        return _row(policy, name, count, unit, standard, 0.0, f"{policy['item']}：没有计入任何人{unknown}", basis)
    per_month = _period(unit) == "月"
    rate = f"{fmt_number(standard)} {unit}"
    if basis.per_person_month:
        low, high = basis.ages
        detail = "".join(f"；{_name(p, mask)}当年{_turning(p, low, high, year)}，按月折算 {m} 个月" for p, m in count.partial)
        detail += "".join(
            f"；{_name(p, mask)}的年龄按出生年月计算（身份证号有误，未采用）" for p, _ in count.counted if _id_set_aside(p)
        )
        detail += unknown
        people_count = f"{name} {count.quantity:.0f} 人"
        words = f"{people_count}，共 {count.months} 个人月 × {rate}" if count.partial else f"{people_count} × {rate}"
        amount = standard * count.months if per_month else standard * count.months / 12
        if per_month and not detail:
            words += " × 12 个月"
    else:
        detail = ""
        words = basis.words.format(name=name, quantity=fmt_number(count.quantity), unit=count.unit, rate=rate)
        amount = standard * count.quantity * (12 if per_month else 1)
        if per_month:
            words += " × 12 个月"
    amount = round(amount, 2)
    shares = parse_funding(str(policy["funding_level"]))
    level_text = "、".join(f"{lvl}{'' if len(shares) == 1 else f'{s * 100:g}%'}" for lvl, s in shares.items())
    explanation = f"{policy['item']}：{words} = {fmt_number(amount)} 元（{level_text}出资）{detail}"
    return _row(policy, name, count, unit, standard, amount, explanation, basis)


def _id_set_aside(person: Mapping[str, Any]) -> bool:
    return REVIEW_NOTES["id_number"] in str(value(person, "review") or "")


def _row(policy: pd.Series, name: str, count, unit: str, standard: float, amount: float, explanation: str, basis) -> dict:
    shares = parse_funding(str(policy["funding_level"]))
    row = {
        "item": policy["item"],
        "category": policy.get("category"),
        "basis": name,
        "quantity": count.quantity,
        "quantity_unit": count.unit,
        "months": count.months if basis.per_person_month else None,
        "standard": standard,
        "standard_unit": unit,
        "amount": amount,
        "funding_level": policy["funding_level"],
        "document": policy.get("document"),
        "explanation": explanation,
    }
    for level in FUNDING_LEVELS:
        row[level] = round(amount * shares.get(level, 0.0), 2)
    return row


def _name(person: Mapping[str, Any], mask: bool) -> str:
    name = value(person, "name") or "家庭成员"
    return mask_name(str(name)) if mask else str(name)


def _turning(person: Mapping[str, Any], low: int, high: int | None, year: int) -> str:
    birth = born(person)
    if birth and high is not None and birth.year + high == year:
        return f"{birth.month}月满 {high} 周岁，改领百岁津贴"
    return f"{birth.month}月满 {low} 周岁" if birth else f"满 {low} 周岁"


# -- many households at once (reconcile, meetings, benchmarks) -----------------------


def expected_amounts(households: pd.DataFrame, members: pd.DataFrame, policies: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Expected amount per household, year and item for many households at once
    (household_id, year, item, amount). The same bases as :func:`estimate`, in columns;
    the tests check that the two agree on the whole sample."""
    check_policies(policies)
    _check_households(households, members)
    hh = households.set_index("household_id")
    people = with_birth_columns(members[members["household_id"].isin(hh.index)])
    types = hh["household_type"] if "household_type" in hh else pd.Series(None, index=hh.index)
    parts = []
    for year in years:
        for _, policy in active_policies(policies, year).iterrows():
            basis = _basis(policy)
            standard = float(policy["standard"])
            per_month = _period(str(policy["standard_unit"])) == "月"
            quantity = basis.many(hh, people, year)
            if basis.per_person_month:  # person-months
                amount = quantity * standard if per_month else quantity * standard / 12
            else:
                amount = quantity * standard * (12 if per_month else 1)
            condition = policy.get("condition")
            applies = types.map(lambda t, condition=condition: _applies_to(condition, t))
            amount = amount.round(2)[applies & (amount > 0)]
            if len(amount):
                parts.append(
                    pd.DataFrame(
                        {"household_id": amount.index, "year": year, "item": policy["item"], "amount": amount.to_numpy()}
                    )
                )
    if not parts:
        return pd.DataFrame(columns=["household_id", "year", "item", "amount"])
    return pd.concat(parts, ignore_index=True)
