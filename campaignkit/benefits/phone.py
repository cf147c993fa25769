"""The meeting page as a phone page: pick the township or a village; totals by year, by item
and by funding level — only the figures the meeting page publishes (groups of fewer than 5
households hidden, with the figures that would give them away), never a household."""

from __future__ import annotations

from html import escape

from ..core.cache import cache_dir
from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui.charts import figure_json
from ..ui.html import ILLUSTRATIVE_BADGE
from ..ui.phone import Choice, PhonePage
from .charts import benefit_breakdown, benefit_trend
from .disclosure import MeetingFigures
from .meeting import LABELS
from .store import PaymentStore
from .summary import TOWNSHIP, paid_sentence


def published(figures: MeetingFigures, unit: str | None, span: tuple[int, int]) -> dict[str, object]:
    """Every table the phone page shows for ``unit`` (None: the township), as published."""
    tables = {"year": figures.table("year", unit, span)}
    for by in ("item", "funding_level", *(("unit",) if unit is None else ())):
        tables[by] = figures.table(by, unit, span)
    return tables


def benefits_phone(campaign: Campaign) -> PhonePage:
    payments, households = campaign.tables["payments"], campaign.tables["households"]
    if payments.empty:
        return PhonePage("惠民资金", [], empty="还没有一卡通发放明细。")
    if households.empty:  # the register unreadable or every row refused: no payment has a village
        return PhonePage(
            "惠民资金", [], empty="户表暂时读不了，发放明细无法按村汇总。请宣讲员在电脑上打开“数据体检”查看户表的问题。"
        )
    known = payments["year"].dropna().astype(int)
    span = (int(known.min()), int(known.max()))
    illustrative = bool(campaign.config.illustrative or any_illustrative(households))
    figures = MeetingFigures(PaymentStore.from_campaign(campaign), cache_dir(campaign.path))
    badge = ILLUSTRATIVE_BADGE if illustrative else ""
    choices = []
    for unit in [None, *sorted(households["unit"].dropna().unique())]:
        tables = published(figures, unit, span)
        by_year, where = tables["year"], unit or TOWNSHIP
        sentence = paid_sentence(by_year, where, span)
        charts = [figure_json(benefit_trend(by_year, illustrative=illustrative))]
        charts += [
            figure_json(benefit_breakdown(frame, by, LABELS[by], illustrative=illustrative))
            for by, frame in tables.items()
            if by != "year"
        ]
        choices.append(Choice(where, f'<p class="ck-card">{escape(sentence)}{badge}</p>', charts))
    return PhonePage(
        "惠民资金",
        choices,
        intro="<p>全镇、各村领了多少惠民资金，钱从哪一级来；只有汇总，没有个人信息。</p>",
        picker="范围",
        illustrative=illustrative,
    )
