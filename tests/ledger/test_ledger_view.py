"""Dashboard widgets without a browser: set a control, check the figure and the status line."""

import base64
import re

from campaignkit.funding.view import FundingView
from campaignkit.ledger.view import LedgerView
from campaignkit.ui.charts import SOURCE_LINE_NAME, annotation


def primary_years(fig):
    return sorted({int(x) for t in fig.data if t.meta and t.meta.get("role") == "primary" for x in t.x})


def test_ledger_defaults_to_a_real_then_and_now(sample):
    w = LedgerView(sample.tables["indicators"])
    assert w.tabs.selected_index == 0
    assert w.comparison is not None
    assert w.comparison.years >= 5
    assert "来源" in w.card.value
    assert w.status.value == ""


def test_ledger_control_change_updates_the_figure(sample):
    w = LedgerView(sample.tables["indicators"])
    w.tabs.selected_index = 1  # 历年变化: drawn when opened
    w.category.value = "收入"
    w.indicator.value = "农牧民人均可支配收入"
    assert w.chart.figure.layout.title.text.startswith("农牧民人均可支配收入")
    w.years.value = (2015, 2020)
    assert primary_years(w.chart.figure) == list(range(2015, 2021))
    w.tabs.selected_index = 0
    assert "示例" in w.card.value  # the town's invented series says so
    assert annotation(w.chart.figure, SOURCE_LINE_NAME) is not None


def test_ledger_refuses_forged_values(sample):
    w = LedgerView(sample.tables["indicators"])
    before = w.compare_chart.figure
    w._on_category({"new": "'; import os"})
    assert "无法识别" in w.status.value
    assert w.compare_chart.figure is before
    span = w.years.value
    w._on_play({"new": 10**9})  # a forged play position: ignored, nothing else moves
    assert w.years.value == span
    assert w.status.value == ""
    w._on_play({"new": "x"})
    assert "无法识别" in w.status.value
    assert w.years.value == span
    w.regions.value = ()
    assert "至少选择一个地区" in w.status.value
    assert "Traceback" not in w.status.value


def test_ledger_table_and_csv_are_exactly_what_is_shown(sample):
    w = LedgerView(sample.tables["indicators"])
    assert w.download.value == ""  # nothing drawn for a closed tab
    w.tabs.selected_index = 2
    href = w.download.value.split('href="')[1].split('"')[0]
    data = base64.b64decode(href.split(",", 1)[1])
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("地区,年份,数值,单位")
    assert len(text.strip().splitlines()) == len(w.selection.frame) + 1


def test_ledger_presenter_mode_uses_large_type(sample):
    w = LedgerView(sample.tables["indicators"])
    w.large.value = True
    assert w.compare_chart.figure.layout.template.layout.font.size >= 24


def test_a_forged_category_is_refused_on_the_status_line(sample):
    """Callbacks check what the browser sent against what the control offers."""
    w = FundingView(sample.tables["projects"])
    before = w.by_year.figure
    w._on_change({"new": "x"})  # the control's own value is still valid: redrawn, no complaint
    assert w.status.value == ""
    assert w.by_year.figure is not before
    w2 = LedgerView(sample.tables["indicators"])
    w2._on_indicator({"new": "伪造的指标"})
    assert "无法识别的指标" in w2.status.value


def test_presets_open_the_view_where_the_talk_needs_it(sample):
    w = LedgerView(sample.tables["indicators"], indicator="地区生产总值", regions=["内蒙古自治区"], years=(2013, 2022))
    assert w.indicator.value == "地区生产总值"
    assert w.regions.value == ("内蒙古自治区",)
    assert w.years.value == (2013, 2022)
    assert w.status.value == ""
    assert (w.comparison.start_year, w.comparison.end_year) == (2013, 2022)
    missing = LedgerView(sample.tables["indicators"], indicator="不存在的指标", regions=["火星"])
    assert "没有指标“不存在的指标”" in missing.status.value
    assert "没有地区“火星”" in missing.status.value
    assert missing.comparison is not None  # the default view, drawn


def test_the_phone_says_what_the_laptop_says(sample):
    """One indicator, one then-and-now in the hall (issue 25: the laptop said 2013–2022 "增长了
    37.6%", the phone 2013–2023 "46.3%"): for every indicator the laptop opens on, the phone page
    carries the laptop's sentence for each region."""
    from campaignkit.ledger import compute
    from campaignkit.ledger.phone import ledger_phone

    w = LedgerView(sample.tables["indicators"])
    page = ledger_phone(sample)
    cards = {choice.label: re.sub(r"<[^>]+>", "", choice.html) for choice in page.choices}  # as read
    checked = 0
    for category in w.category.options:
        w.category.value = category
        for indicator in w.indicator.options:
            w.indicator.value = indicator
            start, end = w.years.value
            selection = compute.select(sample.tables["indicators"], indicator, None, start, end)
            for region in w.regions.options:
                laptop = compute.then_and_now(selection, region, start, end)
                if laptop is not None:
                    assert laptop.sentence() in cards[indicator], (indicator, region)
                    checked += 1
    assert checked >= 20


def test_the_phone_lists_the_common_indicators_first_as_one_short_group(sample):
    """Issue 25: the phone ledger offered 91 indicators, researchers' notes and near-duplicates
    among them. The indicators table's 常用 column puts 10–15 plain names first, and the page
    opens on one of them; the others stay reachable below, under 更多."""
    from campaignkit.ledger.phone import COMMON_GROUP, ledger_phone

    page = ledger_phone(sample)
    groups = [choice.group for choice in page.choices]
    common = [choice.label for choice in page.choices if choice.group == COMMON_GROUP]
    assert 10 <= len(common) <= 15
    assert groups[: len(common)] == [COMMON_GROUP] * len(common)
    assert all(group.startswith("更多：") for group in groups[len(common) :])
    assert page.choices[page.default].group == COMMON_GROUP
    assert "地区生产总值" in common
    assert not any("（" in name for name in common)
    marked = sample.tables["indicators"].query("common")["indicator"]
    assert set(common) == set(marked)
