"""Dashboard widgets without a browser: set a control, check the figure and the status line."""

import base64

import pytest

from campaignkit import load_campaign
from campaignkit.charts.common import SOURCE_LINE_NAME, annotation
from campaignkit.widgets import BlueprintBoard, Deck, FundingView, LedgerExplorer, slides
from campaignkit.widgets.slides import ledger_slides


@pytest.fixture(scope="module")
def sample():
    return load_campaign()


def primary_years(fig):
    return sorted({int(x) for t in fig.data if t.meta and t.meta.get("role") == "primary" for x in t.x})


def test_ledger_defaults_to_a_real_then_and_now(sample):
    w = LedgerExplorer(sample.indicators)
    assert w.tabs.selected_index == 0 and w.comparison is not None
    assert w.comparison.years >= 5
    assert "来源" in w.card.value and w.status.value == ""


def test_ledger_control_change_updates_the_figure(sample):
    w = LedgerExplorer(sample.indicators)
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
    w = LedgerExplorer(sample.indicators)
    before = w.compare_chart.figure
    w._on_category({"new": "'; import os"})
    assert "无法识别" in w.status.value and w.compare_chart.figure is before
    w.years.value = (-5, 10 ** 9)  # the slider clamps what the browser sends
    assert w.years.min <= w.years.value[0] <= w.years.value[1] <= w.years.max
    w.regions.value = ()
    assert "至少选择一个地区" in w.status.value
    assert "Traceback" not in w.status.value


def test_ledger_table_and_csv_are_exactly_what_is_shown(sample):
    w = LedgerExplorer(sample.indicators)
    assert w.download.value == ""  # nothing drawn for a closed tab
    w.tabs.selected_index = 2
    href = w.download.value.split('href="')[1].split('"')[0]
    data = base64.b64decode(href.split(",", 1)[1])
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("地区,年份,数值,单位")
    assert len(text.strip().splitlines()) == len(w.selection.frame) + 1


def test_ledger_presenter_mode_uses_large_type(sample):
    w = LedgerExplorer(sample.indicators)
    w.large.value = True
    assert w.compare_chart.figure.layout.template.layout.font.size >= 24


def test_funding_view_filters(sample):
    w = FundingView(sample.projects)
    total = sum(sum(t.y) for t in w.by_year.figure.data if t.type == "bar")
    w.region.value = "红柳嘎查"
    part = sum(sum(t.y) for t in w.by_year.figure.data if t.type == "bar")
    assert 0 < part < total
    assert "红柳嘎查" in w.table.value and "沙柳嘎查" not in w.table.value
    w.years.value = (2030, 2040)  # clamped by the slider, refused by nothing silently
    assert w.low <= w.years.value[0] <= w.years.value[1] <= w.high and w.status.value == ""


def test_forged_dropdown_index_is_refused(sample):
    import traitlets

    w = FundingView(sample.projects)
    with pytest.raises(traitlets.TraitError):
        w.region.set_state({"index": 10 ** 6})  # what a forged comm message would do
    assert w.region.value == "（全部）"


def test_blueprint_board_domains(sample):
    w = BlueprintBoard(sample.blueprint)
    assert "按计划推进" in w.sentences.value or "进度落后" in w.sentences.value
    w.domain.value = "养老"
    assert set(w.shown["domain"]) == {"养老"}
    assert len(w.chart.figure.data[0].y) == len(w.shown)


def test_slides_one_point_per_slide(sample):
    deck = Deck(ledger_slides(sample.indicators))
    assert len(deck.slides) >= 3
    real = [s for s in deck.slides[1:] if not s.illustrative]
    assert real and deck.slides[1] is real[0]  # real figures come first
    deck.next.click()
    assert deck.index == 1 and deck.figure.figure is not None
    assert deck.figure.figure.layout.template.layout.font.size >= 24
    deck.go(10 ** 6)
    assert deck.index == len(deck.slides) - 1 and deck.next.disabled


def test_slide_show_switches_theme():
    show = slides()
    show.theme.value = "发展蓝图"
    assert show.deck.slides[0].title.startswith("发展蓝图")


def test_every_dashboard_copes_with_an_empty_campaign(tmp_path):
    """A new campaign folder with only campaign.toml: messages, not tracebacks."""
    import shutil

    from campaignkit.widgets import blueprint_view, data_health, door_visit, funding_view, ledger_explorer, meeting_view

    from conftest import SAMPLE

    shutil.copy(SAMPLE / "campaign.toml", tmp_path / "campaign.toml")
    for factory in (ledger_explorer, funding_view, blueprint_view, meeting_view, door_visit, data_health, slides):
        widget = factory(tmp_path)
        status = getattr(widget, "status", None)
        assert status is None or "出了点问题" not in status.value, factory.__name__


def test_tables_of_invented_figures_carry_the_badge(sample):
    funding_view = FundingView(sample.projects)
    assert "示例" in funding_view.table.value and "示例" in funding_view.quantities.value
    board = BlueprintBoard(sample.blueprint)
    assert "ck-badge-illustrative" in board.table.value
    ledger_view = LedgerExplorer(sample.indicators)
    ledger_view.category.value = "收入"
    ledger_view.indicator.value = "农牧民人均可支配收入"
    ledger_view.tabs.selected_index = 2
    assert "ck-badge-illustrative" in ledger_view.table.value
