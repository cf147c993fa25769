"""The ledger as a phone page: pick an indicator; each region's then-and-now in a sentence,
and the indicator over the years, with its sources and 示例 badge."""

from __future__ import annotations

from html import escape

from ..core.campaign import Campaign
from ..ui.charts import figure_json
from ..ui.html import ILLUSTRATIVE_BADGE, whole_figures
from ..ui.phone import Choice, PhonePage
from . import compute as ledger
from .charts import indicator_over_time

COMMON_GROUP = "常用指标"


def ledger_phone(campaign: Campaign) -> PhonePage:
    """The indicators the table marks 常用 come first, as one short group (the whole list ran
    to 91 names with near-duplicates); every other stays reachable below them."""
    indicators = campaign.tables["indicators"]
    common = (
        set(indicators.loc[indicators["common"].fillna(False).astype(bool), "indicator"]) if "common" in indicators else set()
    )
    menu = ledger.indicator_menu(indicators)
    menu = menu.assign(first=~menu["indicator"].isin(common)).sort_values(["first", "category", "indicator"], kind="stable")
    choices, illustrative, best, default = [], False, (-1, -1, -1), 0
    for row in menu.itertuples(index=False):
        start, end = ledger.default_span(int(row.first_year), int(row.last_year))
        selection = ledger.select(indicators, row.indicator, start=start, end=end)  # the laptop's years
        if selection.frame.empty:
            continue
        illustrative = illustrative or selection.illustrative
        # First shown: the real (common) indicator with the longest run of years (as the dashboard leads with).
        span = (int(row.indicator in common), 0 if selection.illustrative else 1, int(selection.frame["year"].nunique()))
        if span > best:
            best, default = span, len(choices)
        cards = []
        for region in dict.fromkeys(selection.frame["region"]):
            comparison = ledger.then_and_now(selection, region)
            if comparison is None:
                continue
            badge = ILLUSTRATIVE_BADGE if comparison.illustrative else ""
            caveat = f"<br><small>{escape(comparison.caveat)}</small>" if comparison.caveat else ""
            cards.append(f'<p class="ck-card">{whole_figures(comparison.sentence())}{badge}{caveat}</p>')
        choices.append(
            Choice(
                row.indicator,
                "".join(cards),
                [figure_json(indicator_over_time(selection))],
                group=COMMON_GROUP if row.indicator in common else (f"更多：{row.category}" if common else str(row.category)),
            )
        )
    return PhonePage(
        "发展账",
        choices,
        intro="<p>选一个指标，看十年来的变化。每张图下面写着来源。</p>",
        picker="指标",
        illustrative=illustrative,
        default=default,
    )
