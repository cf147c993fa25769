"""The exemplars' slides: one exemplar a slide, its plain sentence read out, its source noted."""

from __future__ import annotations

from ..core.campaign import Campaign
from ..ui.deck import Slide
from .exemplars import select, subtitle


def exemplar_deck(campaign: Campaign) -> list[Slide]:
    rows = select(campaign.tables["exemplars"])
    slides = []
    for _, row in rows.iterrows():
        plain = row.get("plain") if isinstance(row.get("plain"), str) and row.get("plain") else row["deeds"]
        source = row.get("source") if isinstance(row.get("source"), str) and row.get("source") else "未注明来源"
        slides.append(
            Slide(
                f"先进典型·{row['name']}",
                str(plain),
                illustrative=bool(row.get("illustrative")),
                notes=[subtitle(row), f"来源：{source}"],
            )
        )
    return slides or [Slide("先进典型", "还没有先进典型。")]
