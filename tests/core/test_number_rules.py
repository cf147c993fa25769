"""The number rule for axes: every tick label equals its tick at the precision it shows, one
unit along an axis (issue 25: 25,000 read "2万", 15,000 "2万", 1.5亿 "2亿", "5,000" beside "1.0万")."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from campaignkit.core.fmt import dates_in_words, nice_ticks, tick_labels

SCALE = {"万": 1e4, "亿": 1e8, "": 1.0}


def read_back(label: str) -> tuple[float, str]:
    """A label as a reader reads it: its number and its unit word."""
    match = re.fullmatch(r"(-?[\d,]+(?:\.\d+)?)(万|亿)?", label)
    assert match, label
    word = match.group(2) or ""
    return float(match.group(1).replace(",", "")) * SCALE[word], word


@pytest.mark.parametrize(
    "ticks, labels",
    [
        ([0, 25_000, 50_000, 75_000, 100_000], ["0", "2.5万", "5万", "7.5万", "10万"]),
        ([0, 5_000, 10_000, 15_000, 20_000], ["0", "0.5万", "1万", "1.5万", "2万"]),
        ([0, 50_000_000, 100_000_000, 150_000_000], ["0", "0.5亿", "1亿", "1.5亿"]),
        ([0, 2_000, 4_000, 6_000], ["0", "2,000", "4,000", "6,000"]),
        ([0, 0.25, 0.5], ["0", "0.25", "0.5"]),
        ([-10_000, 0, 10_000], ["-1万", "0", "1万"]),
        ([0, 12_500, 25_000], ["0", "1.25万", "2.5万"]),
    ],
)
def test_labels_of_known_axes(ticks, labels):
    assert tick_labels(ticks) == labels


@given(
    low=st.floats(min_value=-1e11, max_value=1e11, allow_nan=False),
    span=st.floats(min_value=1e-2, max_value=1e11, allow_nan=False),
)
def test_every_label_reads_back_as_its_tick_in_one_unit(low, span):
    # Axes whose range is at least a ten-thousandth of their size (no chart of real figures is
    # narrower; below that float rounding in the ticks themselves shows).
    assume(span >= 1e-4 * abs(low))
    ticks = nice_ticks(low, low + span)
    labels = tick_labels(ticks)
    units = {read_back(label)[1] for label, tick in zip(labels, ticks) if tick != 0}
    assert len(units) <= 1, labels
    for label, tick in zip(labels, ticks):
        value, _ = read_back(label)
        assert value == pytest.approx(tick, rel=1e-12, abs=1e-12), (label, tick)
    assert len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("鄂尔多斯地区的革命遗址(二)（2016-06-17）", "鄂尔多斯地区的革命遗址(二)（2016年6月17日）"),
        ("[新华社 2019-03-12：内蒙古森林]", "[新华社 2019年3月12日：内蒙古森林]"),
        ("计划总投资（2014-2016，报道）", "计划总投资（2014-2016，报道）"),  # a span of years stays
        ("编号 12019-03-12", "编号 12019-03-12"),  # not a date: digits run on
        ("2023-02-30", "2023-02-30"),  # no such day: left as written
        ("2023-12：120 份；2024-03：130 份", "2023年12月：120 份；2024年3月：130 份"),  # a questionnaire's rounds
        ("2014-2016-01", "2014-2016-01"),
    ],
)
def test_a_sources_dates_are_written_as_people_say_them(text, said):
    """Issue 25: a source line printed "（2016-06-17）" under a slide dated 1938年11月22日."""
    assert dates_in_words(text) == said
