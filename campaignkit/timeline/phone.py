"""The timeline as a phone page: every event, or one level's; the chart and the list with sources."""

from __future__ import annotations

from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..ui.charts import figure_json
from ..ui.phone import Choice, PhonePage
from . import compute
from .charts import timeline_chart
from .view import events_list

EVERY_LEVEL = "全部级别"


def timeline_phone(campaign: Campaign) -> PhonePage:
    timeline = campaign.tables["timeline"]
    choices = []
    if len(compute.placed(timeline)):
        for level in [None, *compute.levels_of(timeline)]:
            events = compute.select(timeline, None if level is None else [level], None)
            # The chart first: under a list of 28 events it sat 5,600 px down the page.
            choices.append(Choice(level or EVERY_LEVEL, figures=[figure_json(timeline_chart(events))], below=events_list(events)))
    return PhonePage(
        "历史大事",
        choices,
        intro="<p>全国、自治区、鄂尔多斯、乌审旗和本镇的大事，每件事都有地点和来源。</p>",
        picker="级别",
        illustrative=any_illustrative(timeline),
        empty="还没有历史大事。",
    )
