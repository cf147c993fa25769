"""Project funding as a phone page: pick the whole township or one place; who paid, per
year and in total, in a sentence and two charts."""

from __future__ import annotations

from html import escape

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui.charts import figure_json
from ..ui.html import ILLUSTRATIVE_BADGE
from ..ui.phone import Choice, PhonePage
from . import compute as funding
from .charts import funding_by_level, funding_shares

EVERYWHERE = "全部地区"


def funding_phone(campaign: Campaign) -> PhonePage:
    projects = campaign.tables["projects"]
    choices = []
    regions = [None, *sorted(projects["region"].dropna().unique())] if len(projects) else []
    for region in regions:
        rows = funding.filter_projects(projects, regions=None if region is None else [region])
        if rows.empty:
            continue
        tidy, illustrative, sources = funding.by_level(rows), any_illustrative(rows), funding.sources(rows)
        totals = funding.level_totals(tidy)
        badge = ILLUSTRATIVE_BADGE if illustrative else ""
        sentence = f'<p class="ck-card">{escape(funding.summary_text(rows, totals) or "")}{badge}</p>'
        figures = [
            figure_json(funding_by_level(tidy, sources, illustrative=illustrative)),
            figure_json(funding_shares(totals, sources, illustrative=illustrative)),
        ]
        choices.append(Choice(region or EVERYWHERE, sentence, figures))
    return PhonePage(
        "项目资金",
        choices,
        intro="<p>钱从哪里来：中央、自治区、市、旗、镇各级投入。</p>",
        picker="地区",
        illustrative=any_illustrative(projects),
        empty="还没有项目资金数据。",
    )
