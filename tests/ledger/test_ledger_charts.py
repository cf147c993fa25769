"""Chart builders: structure, values, the source line and the 示例 badge (never pixels)."""

import pandas as pd
import pytest

from campaignkit.ledger import compute as ledger
from campaignkit.ledger.charts import indicator_over_time, then_and_now_chart
from campaignkit.ui.charts import BADGE_NAME, SOURCE_LINE_NAME, annotation


def ind_rows(rows):
    frame = pd.DataFrame(
        rows,
        columns=["region", "indicator", "year", "value", "unit", "source", "source_url", "source_kind", "illustrative", "note"],
    )
    from campaignkit.core.units import base_of

    frame["base_unit"] = frame["unit"].map(lambda u: base_of(u)[0] if base_of(u) else None)
    frame["base_value"] = frame["value"] * frame["unit"].map(lambda u: base_of(u)[1] if base_of(u) else float("nan"))
    frame["src_file"], frame["src_row"] = "indicators.csv", range(2, 2 + len(frame))
    return frame


GDP = ind_rows(
    [
        ["甲旗", "地区生产总值", 2012, 300, "亿元", "年鉴2012", "https://a.example/1", "官方", False, None],
        ["甲旗", "地区生产总值", 2017, 0.04, "万亿元", "公报2017", "https://a.example/2", "官方", False, None],
        ["甲旗", "地区生产总值", 2022, 500, "亿元", "公报2022", None, "第三方转载", False, None],
        ["甲旗", "地区生产总值", 2022, 510, "亿元", "新闻", None, "第三方转载", False, None],
        ["乙镇", "地区生产总值", 2022, 5, "亿元", "示例数据", None, None, True, None],
    ]
)


def test_selection_converts_units_and_keeps_every_source():
    sel = ledger.select(GDP, "地区生产总值", ["甲旗"], 2012, 2022)
    assert sel.unit == "亿元"
    assert sel.frame["value"].tolist() == [300, 400, 500, 510]
    assert sel.frame["primary"].tolist() == [True, True, True, False]
    assert sel.disagreements.values.tolist() == [["甲旗", 2022]]


def test_a_figure_a_source_gave_in_english_units_is_shown_in_chinese_units():
    """27.73 billion kg (an English-language source) → 2,773万吨 on the chart and in the
    sentence, never "27.73billion kg"; the value as the source gave it stays in the table."""
    grain = ind_rows(
        [
            ["丙市", "粮食产量", 2012, 20.1, "billion kg", "China Daily", None, "官方", False, None],
            ["丙市", "粮食产量", 2022, 27.73, "billion kg", "China Daily", None, "官方", False, None],
        ]
    )
    sel = ledger.select(grain, "粮食产量", ["丙市"])
    assert sel.unit == "吨"
    assert sel.frame["value"].tolist() == pytest.approx([2.01e7, 2.773e7])
    assert sel.frame["original_unit"].tolist() == ["billion kg", "billion kg"]
    text = ledger.then_and_now(sel, "丙市").sentence()
    assert "2,773万吨" in text
    assert "billion" not in text
    assert "kg" not in text


def test_indicator_chart_draws_each_source_not_an_average():
    fig = indicator_over_time(ledger.select(GDP, "地区生产总值", ["甲旗"]))
    primary = [t for t in fig.data if t.meta["role"] == "primary"][0]
    others = [t for t in fig.data if t.meta["role"] == "other-source"][0]
    assert list(primary.x) == [2012, 2017, 2022]
    assert list(primary.y) == [300, 400, 500]
    assert list(others.y) == [510]
    line = annotation(fig, SOURCE_LINE_NAME).text
    assert "年鉴2012" in line
    assert 'href="https://a.example/1"' in line
    assert "都已画出" in line
    # The unit rides on every tick label ("400亿元"), not a title turned on its side.
    assert "亿元" in fig.layout.title.text
    assert fig.layout.yaxis.ticksuffix == "亿元"
    assert not fig.layout.yaxis.title.text
    assert annotation(fig, BADGE_NAME) is None
    # From zero (issue 25: a population axis from 2,400万 made a 4 % change look dramatic).
    assert fig.layout.yaxis.rangemode == "tozero"


def test_badge_when_any_value_is_illustrative():
    fig = indicator_over_time(ledger.select(GDP, "地区生产总值"))
    assert "示例" in annotation(fig, BADGE_NAME).text


def test_then_and_now():
    sel = ledger.select(GDP, "地区生产总值", ["甲旗"])
    c = ledger.then_and_now(sel, "甲旗", 2012, 2022)
    assert (c.start_year, c.end_year, c.start_value, c.end_value, c.years) == (2012, 2022, 300, 500, 10)
    assert c.change == 200
    assert c.percent == pytest.approx(66.666, rel=1e-3)
    assert c.multiple == pytest.approx(5 / 3)
    assert "增长了 66.7%" in c.sentence()
    assert c.caveat
    assert "不同来源" in c.caveat
    fig = then_and_now_chart(c)
    assert list(fig.data[0].y) == [300, 500]
    assert list(fig.data[0].x) == ["2012年", "2022年"]
    assert "年鉴2012" in annotation(fig, SOURCE_LINE_NAME).text


def test_then_and_now_caveat_when_the_basis_changed():
    rows = GDP.copy()
    rows.loc[0, "note"] = "2018年修订前口径"
    c = ledger.then_and_now(ledger.select(rows, "地区生产总值", ["甲旗"]), "甲旗", 2012, 2022)
    assert "口径" in c.caveat


def test_then_and_now_needs_two_years():
    assert ledger.then_and_now(ledger.select(GDP, "地区生产总值", ["乙镇"]), "乙镇") is None


def test_percentage_points():
    rows = ind_rows(
        [
            ["甲", "城镇化率", 2012, 50.0, "%", "s", None, None, False, None],
            ["甲", "城镇化率", 2022, 68.6, "%", "s", None, None, False, None],
        ]
    )
    c = ledger.then_and_now(ledger.select(rows, "城镇化率"), "甲")
    assert "提高了 18.6 个百分点" in c.sentence()
