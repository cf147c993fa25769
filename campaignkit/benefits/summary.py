"""Benefit figures for a talk: the meeting page's published totals (suppression applied),
one sentence and one chart, for a year span, a unit and a grouping."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from ..core.cache import cache_dir
from ..core.campaign import Campaign
from ..core.fmt import cn_quantity
from ..core.frames import any_illustrative
from ..errors import InputError
from .charts import benefit_breakdown
from .disclosure import MeetingFigures
from .meeting import GROUPINGS, LABELS
from .store import PaymentStore


@dataclass
class BenefitSummary:
    sentence: str
    figure: go.Figure
    illustrative: bool


def benefit_summary(
    campaign: Campaign,
    *,
    years: tuple[int, int] | None = None,
    unit: str | None = None,
    by: str = "item",
    presenter: bool = True,
) -> BenefitSummary:
    """What the meeting page shows for these choices: totals by ``by`` ("item",
    "funding_level" or "unit"), groups of fewer than 5 households hidden."""
    payments, households = campaign.tables["payments"], campaign.tables["households"]
    if payments.empty:
        raise InputError("还没有一卡通发放明细，无法汇总惠民资金。")
    if by not in dict((v, k) for k, v in GROUPINGS):
        raise InputError("分组只能是 item（按项目）、funding_level（按出资层级）或 unit（按嘎查村/社区）。")
    known = payments["year"].dropna().astype(int)
    span = years or (int(known.min()), int(known.max()))
    units = set(households["unit"].dropna())
    if unit is not None and unit not in units:
        raise InputError(f"本活动的农户表里没有单位“{unit}”，可选：{'、'.join(sorted(units))}")
    figures = MeetingFigures(PaymentStore.from_campaign(campaign), cache_dir(campaign.path))
    by_year, breakdown = figures.table("year", unit, span), figures.table(by, unit, span)
    illustrative = bool(campaign.config.illustrative or any_illustrative(households))
    chart = benefit_breakdown(breakdown, by, LABELS[by], illustrative=illustrative, presenter=presenter)
    return BenefitSummary(paid_sentence(by_year, unit or TOWNSHIP, span), chart, illustrative)


TOWNSHIP = "全镇"


def paid_sentence(by_year, where: str, span: tuple[int, int]) -> str:
    """The total paid in ``span`` from a published by-year table: only the years shown add up."""
    shown = by_year[~by_year["suppressed"]]
    if shown.empty:
        return f"{where}{span[0]}—{span[1]}年户数太少或没有发放记录，不显示金额。"
    partial = "（不含因户数太少而隐去的年份）" if by_year["suppressed"].any() else ""
    return f"{where}{span[0]}—{span[1]}年通过一卡通共发放惠民资金 {cn_quantity(shown['amount'].sum(), '元')}{partial}。"
