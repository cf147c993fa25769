"""The blueprint slides: one domain's targets per slide."""

from __future__ import annotations

import pandas as pd

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui.deck import Slide
from . import compute as blueprint
from .charts import blueprint_board


def blueprint_slides(targets: pd.DataFrame) -> list[Slide]:
    progress = blueprint.progress(targets)
    if progress.empty:
        return [Slide("发展蓝图", "还没有发展蓝图数据。")]
    slides = []
    for domain, rows in progress.groupby("domain", sort=False):
        text = "；".join(blueprint.explain(r) for _, r in rows.iterrows())
        slides.append(Slide(f"发展蓝图·{domain}", text, blueprint_board(rows, presenter=True), any_illustrative(rows)))
    return slides


def blueprint_deck(campaign: Campaign) -> list[Slide]:
    return blueprint_slides(campaign.tables["blueprint"])
