"""Chart builders: structure, values, the source line and the 示例 badge (never pixels)."""

import pandas as pd
import plotly.io as pio
import pytest

from campaignkit import blueprint, funding, ledger, load_campaign
from campaignkit.charts import blueprint_board, funding_by_level, funding_shares, indicator_over_time, then_and_now_chart, theme
from campaignkit.charts.common import BADGE_NAME, SOURCE_LINE_NAME, annotation


def ind_rows(rows):
    frame = pd.DataFrame(rows, columns=["region", "indicator", "year", "value", "unit", "source", "source_url", "source_kind", "illustrative", "note"])
    from campaignkit.units import base_of
    frame["base_unit"] = frame["unit"].map(lambda u: base_of(u)[0] if base_of(u) else None)
    frame["base_value"] = frame["value"] * frame["unit"].map(lambda u: base_of(u)[1] if base_of(u) else float("nan"))
    frame["src_file"], frame["src_row"] = "indicators.csv", range(2, 2 + len(frame))
    return frame


GDP = ind_rows([
    ["甲旗", "地区生产总值", 2012, 300, "亿元", "年鉴2012", "https://a.example/1", "官方", False, None],
    ["甲旗", "地区生产总值", 2017, 0.04, "万亿元", "公报2017", "https://a.example/2", "官方", False, None],
    ["甲旗", "地区生产总值", 2022, 500, "亿元", "公报2022", None, "第三方转载", False, None],
    ["甲旗", "地区生产总值", 2022, 510, "亿元", "新闻", None, "第三方转载", False, None],
    ["乙镇", "地区生产总值", 2022, 5, "亿元", "示例数据", None, None, True, None],
])


def test_selection_converts_units_and_keeps_every_source():
    sel = ledger.select(GDP, "地区生产总值", ["甲旗"], 2012, 2022)
    assert sel.unit == "亿元"
    assert sel.frame["value"].tolist() == [300, 400, 500, 510]
    assert sel.frame["primary"].tolist() == [True, True, True, False]
    assert sel.disagreements.values.tolist() == [["甲旗", 2022]]


def test_indicator_chart_draws_each_source_not_an_average():
    fig = indicator_over_time(ledger.select(GDP, "地区生产总值", ["甲旗"]))
    primary = [t for t in fig.data if t.meta["role"] == "primary"][0]
    others = [t for t in fig.data if t.meta["role"] == "other-source"][0]
    assert list(primary.x) == [2012, 2017, 2022] and list(primary.y) == [300, 400, 500]
    assert list(others.y) == [510]
    line = annotation(fig, SOURCE_LINE_NAME).text
    assert "年鉴2012" in line and 'href="https://a.example/1"' in line and "都已画出" in line
    assert "亿元" in fig.layout.title.text and fig.layout.yaxis.title.text == "亿元"
    assert annotation(fig, BADGE_NAME) is None


def test_badge_when_any_value_is_illustrative():
    fig = indicator_over_time(ledger.select(GDP, "地区生产总值"))
    assert "示例" in annotation(fig, BADGE_NAME).text


def test_then_and_now():
    sel = ledger.select(GDP, "地区生产总值", ["甲旗"])
    c = ledger.then_and_now(sel, "甲旗", 2012, 2022)
    assert (c.start_year, c.end_year, c.start_value, c.end_value, c.years) == (2012, 2022, 300, 500, 10)
    assert c.change == 200 and c.percent == pytest.approx(66.666, rel=1e-3) and c.multiple == pytest.approx(5 / 3)
    assert "增长了 66.7%" in c.sentence()
    assert c.caveat and "不同来源" in c.caveat
    fig = then_and_now_chart(c)
    assert list(fig.data[0].y) == [300, 500] and list(fig.data[0].x) == ["2012年", "2022年"]
    assert "年鉴2012" in annotation(fig, SOURCE_LINE_NAME).text


def test_then_and_now_caveat_when_the_basis_changed():
    rows = GDP.copy()
    rows.loc[0, "note"] = "2018年修订前口径"
    c = ledger.then_and_now(ledger.select(rows, "地区生产总值", ["甲旗"]), "甲旗", 2012, 2022)
    assert "口径" in c.caveat


def test_then_and_now_needs_two_years():
    assert ledger.then_and_now(ledger.select(GDP, "地区生产总值", ["乙镇"]), "乙镇") is None


def test_percentage_points():
    rows = ind_rows([["甲", "城镇化率", 2012, 50.0, "%", "s", None, None, False, None],
                     ["甲", "城镇化率", 2022, 68.6, "%", "s", None, None, False, None]])
    c = ledger.then_and_now(ledger.select(rows, "城镇化率"), "甲")
    assert "提高了 18.6 个百分点" in c.sentence()


@pytest.fixture(scope="module")
def sample():
    return load_campaign()


def test_funding_by_level_sums_and_shares(sample):
    tidy = funding.by_level(sample.projects)
    by_year = tidy.groupby("year")["amount"].sum()
    expected = sample.projects.groupby("year")["total_yuan"].sum() / 1e4
    assert (by_year - expected).abs().max() < 1e-6
    assert tidy.groupby("year")["share"].sum().round(6).eq(1).all()
    fig = funding_by_level(tidy, pd.DataFrame({"source": ["示例数据（虚构）"]}), illustrative=True)
    levels = [t.meta["level"] for t in fig.data if t.type == "bar"]
    assert levels == ["中央", "自治区", "市级", "旗级", "镇级"]
    assert fig.layout.barmode == "stack" and annotation(fig, BADGE_NAME) is not None
    totals = funding.level_totals(tidy)
    assert totals["share"].sum() == pytest.approx(1)
    shares = funding_shares(totals, pd.DataFrame({"source": ["x"]}), illustrative=False)
    assert any("%" in t for t in shares.data[0].text)


def test_projects_with_only_a_total_are_unsplit():
    projects = pd.DataFrame({"year": [2020, 2020], "total_yuan": [1e6, 2e6], "central_yuan": [1e6, None],
                             "region_level_yuan": [0.0, None]})
    tidy = funding.by_level(projects)
    assert tidy.set_index("level")["amount"].to_dict() == {"中央": 100.0, "自治区": 0.0, funding.UNSPLIT: 200.0}


def test_physical_quantities(sample):
    q = funding.physical_quantities(sample.projects)
    road = q[(q["category"] == "交通") & (q["quantity_unit"] == "公里")]
    assert road["quantity"].iloc[0] == pytest.approx(sample.projects.query("category == '交通'")["quantity"].sum())


def test_blueprint_status_in_words():
    targets = pd.DataFrame({
        "domain": ["养老", "住房", "医疗", "文化"], "indicator": ["覆盖率", "危房", "签约率", "中心"], "unit": ["%", "户", "%", "个"],
        "base_year": [2023] * 4, "base_value": [40.0, 12, 60, 10], "target_year": [2028] * 4, "target_value": [100.0, 0, 80, 14],
        "latest_year": [2024, 2024, 2024, None], "latest_value": [100.0, 5, 61, None], "illustrative": [True] * 4, "source": ["s"] * 4})
    p = blueprint.progress(targets)
    assert p["status"].tolist() == [blueprint.REACHED, blueprint.ON_TRACK, blueprint.BEHIND, blueprint.NO_DATA]
    housing = p.iloc[1]
    assert housing["progress"] == pytest.approx(7 / 12 * 100) and housing["pace_needed"] == pytest.approx(-1.25)
    assert "今后每年需减少 1.25户" in blueprint.explain(housing)
    fig = blueprint_board(p)
    texts = list(fig.data[0].text)
    assert any("已达成" in t for t in texts) and any("进度落后" in t for t in texts)
    assert annotation(fig, BADGE_NAME) is not None and annotation(fig, SOURCE_LINE_NAME) is not None


def test_theme_is_registered_with_cjk_fonts_and_a_presenter_variant():
    normal, big = pio.templates[theme.NAME], pio.templates[theme.PRESENTER]
    assert normal.layout.font.family.startswith("Noto Sans CJK SC")
    assert big.layout.font.size > normal.layout.font.size * 1.4
    assert list(normal.layout.colorway) == theme.PALETTE


def test_every_builder_makes_a_valid_plotly_figure(sample):
    """Builders skip plotly's validation for speed; here every output is validated."""
    import plotly.graph_objects as go

    sel = ledger.select(sample.indicators, "地区生产总值")
    region = sel.frame["region"].iloc[-1]
    tidy = funding.by_level(sample.projects)
    figures = [
        indicator_over_time(sel), indicator_over_time(sel, presenter=True),
        then_and_now_chart(ledger.then_and_now(sel, region)),
        funding_by_level(tidy, pd.DataFrame({"source": ["s"]}), illustrative=True),
        funding_shares(funding.level_totals(tidy), pd.DataFrame({"source": ["s"]}), illustrative=False),
        blueprint_board(blueprint.progress(sample.blueprint), presenter=True),
    ]
    for fig in figures:
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property
