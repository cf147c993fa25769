"""The ledger's slides: then-and-now, one indicator per slide."""

from __future__ import annotations

from ..core.campaign import Campaign
from ..ui.deck import Slide
from . import compute as ledger
from .charts import then_and_now_chart

SPAN = (2012, 2022)
MAX_SLIDES = 8


def ledger_slides(indicators, title: str = "发展账") -> list[Slide]:
    """A title slide, then one then-and-now slide per indicator with at least two years in 2012–2022."""
    slides = [Slide(title, f"{SPAN[0]}—{SPAN[1]}年，我们身边的变化。数字都标明了来源。")]
    candidates = []
    for indicator in indicators["indicator"].dropna().unique():
        selection = ledger.select(indicators, indicator, None, *SPAN)
        for region in selection.frame["region"].unique():
            comparison = ledger.then_and_now(selection, region, *SPAN)
            if comparison is not None:
                candidates.append(comparison)
    # Real figures first, the longest comparisons first.
    candidates.sort(key=lambda c: (c.illustrative, -c.years))
    for c in candidates[:MAX_SLIDES]:
        slides.append(
            Slide(
                f"{c.region}·{c.indicator}",
                c.sentence(),
                then_and_now_chart(c, presenter=True),
                c.illustrative,
                [c.caveat] if c.caveat else [],
            )
        )
    return slides


def ledger_deck(campaign: Campaign) -> list[Slide]:
    return ledger_slides(campaign.tables["indicators"], f"{campaign.config.town or ''}发展账")
