"""Dashboard widgets without a browser: set a control, check the figure and the status line."""

from campaignkit.funding.view import FundingView


def test_funding_view_filters(sample):
    w = FundingView(sample.tables["projects"])
    total = sum(sum(t.y) for t in w.by_year.figure.data if t.type == "bar")
    w.region.value = "红柳嘎查"
    part = sum(sum(t.y) for t in w.by_year.figure.data if t.type == "bar")
    assert 0 < part < total
    assert "红柳嘎查" in w.table.value
    assert "沙柳嘎查" not in w.table.value
    first, last = w.years.value
    preset = FundingView(sample.tables["projects"], years=(2030, 2040), category="交通")
    assert preset.years.value == (first, last)
    assert "没有 2030—2040 年" in preset.status.value
    assert "交通" in preset.table.value
    assert "医疗" not in preset.table.value
