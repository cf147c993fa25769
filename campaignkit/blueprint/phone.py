"""The blueprint as a phone page: pick a domain; where each target stands, in words and a chart."""

from __future__ import annotations

from html import escape

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui.charts import figure_json
from ..ui.html import ILLUSTRATIVE_BADGE
from ..ui.phone import Choice, PhonePage
from . import compute as blueprint
from .charts import blueprint_board

EVERY_DOMAIN = "全部领域"


def blueprint_phone(campaign: Campaign) -> PhonePage:
    progress = blueprint.progress(campaign.tables["blueprint"])
    choices = []
    domains = [None, *dict.fromkeys(progress["domain"])] if len(progress) else []
    for domain in domains:
        rows = progress if domain is None else progress[progress["domain"] == domain]
        badge = ILLUSTRATIVE_BADGE if any_illustrative(rows) else ""
        items = "".join(f"<li><b>[{escape(r['status'])}]</b> {escape(blueprint.explain(r))}</li>" for _, r in rows.iterrows())
        figure = figure_json(blueprint_board(rows))
        choices.append(Choice(domain or EVERY_DOMAIN, f'<div class="ck-card">{badge}<ul>{items}</ul></div>', [figure]))
    return PhonePage(
        "发展蓝图",
        choices,
        intro="<p>今后五年的目标，现在走到了哪一步。</p>",
        picker="领域",
        illustrative=any_illustrative(progress),
        empty="还没有发展蓝图数据。",
    )
