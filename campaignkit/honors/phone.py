"""The exemplars as a phone page: every exemplar, or one level's, as cards with their sources."""

from __future__ import annotations

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui import html
from ..ui.phone import Choice, PhonePage
from .exemplars import EVERY, card_html, levels_of, select


def honors_phone(campaign: Campaign) -> PhonePage:
    exemplars = campaign.tables["exemplars"]
    choices = []
    if len(exemplars):
        for level in [EVERY, *levels_of(exemplars)]:
            rows = select(exemplars, level)
            cards = "".join(card_html(r, badge=html.ILLUSTRATIVE_BADGE) for _, r in rows.iterrows())
            choices.append(Choice("全部层级" if level == EVERY else level, cards))
    # Photos stay on the laptop's pages: a phone page is built once for the whole hall.
    return PhonePage(
        "先进典型",
        choices,
        intro="<p>全国、自治区、鄂尔多斯、乌审旗和本镇的先进典型，每一位都有事迹和来源。</p>",
        picker="层级",
        illustrative=any_illustrative(exemplars),
        empty="还没有先进典型。",
    )
