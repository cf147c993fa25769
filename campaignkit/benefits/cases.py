"""Reconcile: expected against paid, per household, item and year.

Differences above a tolerance become follow-up cases — a service to the
household, not an accusation — each with its reason in words.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..core.fmt import fmt_number
from ..errors import CalculatorError

COLUMN_WORDS = {"household_id": "户编号", "year": "年份", "item": "项目", "amount": "金额", "payments": "笔数"}

TOLERANCE_YUAN = 1.0
TOLERANCE_SHARE = 0.01

NO_PAYMENT = "没有找到发放记录"
PAID_LESS = "发放金额少于应得"
PAID_TWICE = "同一项目发放了不止一次"
PAID_MORE = "发放金额多于应得"
NO_POLICY = "惠民政策表中没有这个项目"
DATA_REVIEW = "资料待核"  # the difference may come from the register, not from the payment
CASE_COLUMNS = ["household_id", "year", "item", "expected", "paid", "payments", "difference", "reason", "explanation"]


def reconcile(
    expected: pd.DataFrame,
    paid: pd.DataFrame,
    *,
    known_items: set[str] | None = None,
    tolerance: float = TOLERANCE_YUAN,
    share: float = TOLERANCE_SHARE,
    review: Mapping[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """Follow-up cases.

    ``expected``: household_id, year, item, amount (from the calculator);
    ``paid``: household_id, year, item, amount (summed), payments (count of rows).
    A difference counts when it exceeds ``tolerance`` yuan and ``share`` of the expected amount.
    ``review``: (household_id, item) → what in the register that can change this item was set
    aside or is missing; such a case is "资料待核" (check the register before knocking on the
    door) instead of "应发未发" / "多发" — never instead of a double payment or an unknown item.
    """
    keys = ["household_id", "year", "item"]
    for frame, what, needed in ((expected, "应得金额", [*keys, "amount"]), (paid, "发放记录", [*keys, "amount", "payments"])):
        if not isinstance(frame, pd.DataFrame):
            raise CalculatorError(f"{what}应是一张表，这里不是")
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            raise CalculatorError(f"{what}缺少这些列：{'、'.join(COLUMN_WORDS.get(c, c) for c in missing)}")
    exp = expected.groupby(keys, as_index=False)["amount"].sum().rename(columns={"amount": "expected"})
    got = paid.rename(columns={"amount": "paid"})[[*keys, "paid", "payments"]]
    both = exp.merge(got, on=keys, how="outer")
    both["expected"] = both["expected"].fillna(0.0)
    both["paid"] = both["paid"].fillna(0.0)
    both["payments"] = both["payments"].fillna(0).astype(int)
    both["difference"] = (both["paid"] - both["expected"]).round(2)
    limit = (both["expected"].abs() * share).clip(lower=tolerance)
    cases = both[both["difference"].abs() > limit].copy()
    known = known_items if known_items is not None else set(expected["item"])
    review = review or {}
    reasons = []
    for r in cases.itertuples():
        reason = _reason(r, known)
        reasons.append(DATA_REVIEW if (r.household_id, r.item) in review and reason not in (NO_POLICY, PAID_TWICE) else reason)
    cases["reason"] = reasons
    cases["explanation"] = [_explain(r, review.get((r.household_id, r.item))) for r in cases.itertuples()]
    return cases[CASE_COLUMNS].sort_values(["household_id", "year", "item"]).reset_index(drop=True)


def _reason(row, known: set[str]) -> str:
    if row.item not in known:
        return NO_POLICY
    if row.paid == 0:
        return NO_PAYMENT
    if row.difference < 0:
        return PAID_LESS
    if row.payments > 1 and abs(row.paid - row.expected * row.payments) <= max(TOLERANCE_YUAN, row.expected * TOLERANCE_SHARE):
        return PAID_TWICE
    return PAID_MORE


def _explain(row, review: str | None = None) -> str:
    head = f"{row.year}年{row.item}：应得 {fmt_number(row.expected)} 元，已发 {fmt_number(row.paid)} 元"
    if row.reason == DATA_REVIEW:
        return f"{head}。这一户的登记资料有待核对（{review}），差额可能出在资料上：请先核对户表和家庭成员表，再决定是否入户。"
    if row.reason == NO_POLICY:
        return f"{head}。政策表里没有这个项目，请核对项目名称或补充政策依据。"
    if row.reason == NO_PAYMENT:
        return f"{head}。请向发放部门查询是否漏发，或核对这户是否符合条件。"
    if row.reason == PAID_LESS:
        return f"{head}，少 {fmt_number(-row.difference)} 元。请核对面积、人数或是否分批发放。"
    if row.reason == PAID_TWICE:
        return f"{head}，共 {row.payments} 笔。可能重复发放，请与发放部门核对。"
    return f"{head}，多 {fmt_number(row.difference)} 元。请核对标准或是否含补发。"
