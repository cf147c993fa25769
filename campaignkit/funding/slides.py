"""The funding slides: who paid, in total and year by year."""

from __future__ import annotations

import pandas as pd

from ..core.campaign import Campaign
from ..core.fmt import cn_quantity
from ..core.frames import any_illustrative
from ..ui.deck import Slide
from . import compute as funding
from .charts import funding_by_level, funding_shares


def funding_slides(projects: pd.DataFrame) -> list[Slide]:
    if projects.empty:
        return [Slide("项目资金", "还没有项目资金数据。")]
    tidy = funding.by_level(projects)
    totals = funding.level_totals(tidy)
    illustrative = any_illustrative(projects)
    sources = funding.sources(projects)
    lead = totals.iloc[0]
    years = f"{int(projects['year'].min())}—{int(projects['year'].max())}年"
    total = cn_quantity(totals["amount"].sum(), "万元")
    return [
        Slide(
            "项目资金：钱从哪里来",
            f"{years}，{len(projects)} 个项目共投入 {total}，{lead['level']}资金占 {lead['share'] * 100:.0f}%。",
            funding_shares(totals, sources, illustrative=illustrative, presenter=True),
            illustrative,
        ),
        Slide(
            "项目资金：逐年投入",
            "每一年，中央、自治区、市、旗、镇各级都出了钱。",
            funding_by_level(tidy, sources, illustrative=illustrative, presenter=True),
            illustrative,
        ),
    ]


def funding_deck(campaign: Campaign) -> list[Slide]:
    return funding_slides(campaign.tables["projects"])
