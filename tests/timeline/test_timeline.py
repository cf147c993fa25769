"""The timeline: times as the trainer writes them placed on one axis and said as people say
them, filters by level and period, the ledger's figures beside an event, the dashboard's
presets, the phone page's sources, and the sample keeping only sourced events."""

from __future__ import annotations

import html

import pytest

from campaignkit.core.fmt import dates_in_words
from campaignkit.load import check_campaign
from campaignkit.timeline import ledger_then_and_now, parse_when, placed, select
from campaignkit.timeline.charts import timeline_chart
from campaignkit.timeline.phone import timeline_phone
from campaignkit.timeline.view import TimelineView
from helpers import SAMPLE


@pytest.fixture(scope="module")
def campaign():
    return check_campaign(SAMPLE, tables=["timeline", "indicators"])


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("1949", 1949, 1950, "1949年"),
        ("1948-03", 1948 + 2 / 12, 1948 + 3 / 12, "1948年3月"),
        ("1949-08-10", 1949 + 7 / 12 + 9 / 365, 1949 + 7 / 12 + 10 / 365, "1949年8月10日"),
        ("1927-02 至 1928-10", 1927 + 1 / 12, 1928 + 10 / 12, "1927年2月至1928年10月"),
        ("1949（建国之初）", 1949, 1950, "1949年（建国之初）"),
        ("1965年12月2日", 1965 + 11 / 12 + 1 / 365, 1965 + 11 / 12 + 2 / 365, "1965年12月2日"),
        ("2011-13", 2011, 2012, "2011年"),  # no 13th month: the year alone, never a made-up month
        ("1927-1928", 1927, 1929, "1927年至1928年"),
        ("1927–1928", 1927, 1929, "1927年至1928年"),
        ("1927.2-1928.10", 1927 + 1 / 12, 1928 + 10 / 12, "1927年2月至1928年10月"),
        ("1949年8月至1950年3月", 1949 + 7 / 12, 1950 + 3 / 12, "1949年8月至1950年3月"),
        ("1949年8月10日（开国）", 1949 + 7 / 12 + 9 / 365, 1949 + 7 / 12 + 10 / 365, "1949年8月10日（开国）"),
    ],
)
def test_times_are_placed_and_said_as_written(text, start, end, label):
    when = parse_when(text)
    assert when.start == pytest.approx(start)
    assert when.end == pytest.approx(end)
    assert when.label == label


def test_no_year_no_place():
    assert parse_when("建国之初") is None


def test_events_are_in_time_order_and_filtered_by_level_and_period(campaign):
    timeline = campaign.tables["timeline"]
    events = placed(timeline)
    assert list(events["start"]) == sorted(events["start"])
    banner = select(timeline, ["旗"], None)
    assert set(banner["level"]) == {"旗"}
    assert len(banner) == (timeline["level"] == "旗").sum()
    # 1928: the span 1927-02 至 1928-10 overlaps it; 1927-03-26 does not.
    in_1928 = select(timeline, None, (1928, 1928))
    assert list(in_1928["code"]) == ["E05"]
    assert select(timeline, ["全国"], (1800, 1900)).empty


def test_an_event_beside_the_ledger_figures_of_its_year(campaign):
    indicators = campaign.tables["indicators"]
    year, found = ledger_then_and_now(indicators, 2014, 2015)
    assert year == 2014
    income = next(c for c in found if c.indicator == "农村牧区常住居民人均可支配收入")
    # data/sample/indicators.csv: 9976 元 in 2014, 21221 元 in 2023 (the latest year).
    assert (income.start_value, income.end_year, income.end_value) == (9976, 2023, 21221)
    assert "2014年 9,976元，2023年 2.12万元" in income.sentence()
    assert all(c.start_year == 2014 and c.end_year > 2014 for c in found)
    assert ledger_then_and_now(indicators, 1949, 1950) == (None, [])


def test_the_dashboard_presets_filters_and_notes(campaign):
    view = TimelineView(campaign, levels=["旗", "镇"], years=(1940, 1960), event="E14")
    assert view.event.value == "E14"
    shown = view.shown()
    assert set(shown["level"]) <= {"旗", "镇"}
    assert shown["start"].min() >= 1940
    assert "1949年8月10日" in view.table.value
    assert "乌审旗人民政府成立" in view.table.value
    assert "那一年还没有发展账的数字" in view.beside.value  # 1949: the ledger starts decades later
    view.level_boxes["旗"].value = False
    assert "E14" not in [v for _, v in view.event.options]
    assert view.event.value != "E14"
    odd = TimelineView(campaign, levels=["省"], event="E99")
    assert "没有级别“省”" in odd.status.value
    assert "E99" in odd.status.value


def test_the_chart_carries_every_source_and_marks_the_chosen_event(campaign):
    events = select(campaign.tables["timeline"], None, None)
    fig = timeline_chart(events, chosen="E20")
    dots = next(t for t in fig.data if (t.meta or {}).get("role") == "events")
    chosen = list(dots.customdata).index(next(c for c in dots.customdata if c.startswith("<b>E20 ")))
    assert dots.marker.symbol[chosen] == "diamond"
    assert dots.text[chosen] == "E20"
    assert "来源" in fig.layout.annotations[0].text
    assert not [a for a in fig.layout.annotations if a.name == "illustrative-badge"]  # sourced, not invented


def test_the_sample_keeps_only_sourced_events(campaign):
    timeline = campaign.tables["timeline"]
    assert timeline["source"].notna().all()
    assert timeline["source_url"].notna().all()
    assert "illustrative" not in timeline.columns or not timeline["illustrative"].any()


def test_the_phone_page_lists_each_event_with_its_source(campaign):
    page = timeline_phone(campaign)
    assert page.choices[0].label == "全部级别"
    listing = page.choices[0].below
    for _, row in campaign.tables["timeline"].iterrows():
        assert html.escape(dates_in_words(row["source"])) in listing  # its dates as people say them


def test_the_phone_page_shows_the_chart_before_the_list(campaign):
    """Issue 25: the chart came after 5,600 px of list."""
    from campaignkit.ui.phone import phone_document

    text = phone_document(timeline_phone(campaign))
    first = text.index('<section class="ck-choice"')
    assert text.index('class="ck-figure"', first) < text.index('<li class="ck-event">', first)


def test_the_phone_list_heads_each_event_with_its_date_not_its_code(sample):
    """Issue 25: the phone timeline showed the spreadsheet's internal 编号 E01–E28."""
    import re

    from campaignkit.timeline.compute import placed
    from campaignkit.timeline.view import events_list

    events = placed(sample.tables["timeline"])
    page = events_list(events)
    heads = re.findall(r'<li class="ck-event"><b>([^<]*)</b>', page)
    assert len(heads) == len(events)
    assert not any(re.search(r"\bE\d{2}\b", head) for head in heads)
    assert "1949年8月10日" in heads
