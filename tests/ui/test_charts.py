"""The units on a value axis: read on every tick as one quantity, exact, never a title on its side."""

from __future__ import annotations

import pandas as pd
import pytest

from campaignkit.ui import charts

SOURCES = pd.DataFrame({"source": ["内蒙古统计年鉴"]})


@pytest.mark.parametrize(
    "label, unit, read",
    [
        ("1.5万", "元", "1.5万元"),
        ("1.5万", "万元", "1.5亿元"),  # 1.5万 of 万元 is 1.5亿元, not "1.5万万元"
        ("2亿", "万元", "2万亿元"),
        ("1.5万", "亿元", "1.5万亿元"),
        ("9,976", "元", "9,976元"),
        ("0.5", "万人", "0.5万人"),
        ("60", "%", "60%"),
    ],
)
def test_a_tick_and_its_unit_read_as_one_quantity(label, unit, read):
    assert charts.with_unit(label, unit) == read


def _figure(values, unit, **axis):
    data = [{"type": "bar", "x": ["2014年", "2022年"], "y": values}]
    layout = {"yaxis": {"title": {"text": unit}, **axis}}
    return charts.figure(data, layout, sources=SOURCES, illustrative=False, presenter=True).to_plotly_json()["layout"]


def test_a_short_unit_rides_on_every_tick_label_and_the_sentence_still_says_it():
    layout = _figure([9976, 19600], "元")
    axis = layout["yaxis"]
    assert not axis["title"]["text"]
    assert axis["ticktext"] == ["0", "0.5万元", "1万元", "1.5万元"]
    assert axis["tickvals"] == [0, 5000, 10000, 15000]
    figure = {"layout": layout, "data": [{"type": "bar", "x": ["2014年", "2022年"], "y": [9976, 19600]}]}
    assert "9,976元" in charts.describe(figure)


def test_ticks_plotly_draws_get_the_unit_as_a_suffix_and_a_long_title_stays_a_title():
    assert _figure([12.5, 40], "%")["yaxis"]["ticksuffix"] == "%"
    long = _figure([3, 8], "占本组回答人数的百分比")["yaxis"]
    assert long["title"]["text"] == "占本组回答人数的百分比"
    assert "ticksuffix" not in long


def test_the_source_line_leaves_room_for_an_axis_title_under_the_ticks():
    """At 24 px an x-axis title (万元 under a bar chart) sat on the source line."""
    note, bottom = charts.source_annotation(SOURCES, presenter=True, x_titled=True)
    plain, _ = charts.source_annotation(SOURCES, presenter=True)
    ticks_and_title = 2 * 24 * 1.3 + 15  # two rows of 24 px text and plotly's gap between them
    assert -note["yshift"] >= ticks_and_title + 24
    assert -note["yshift"] > -plain["yshift"]
    assert bottom > -note["yshift"]
