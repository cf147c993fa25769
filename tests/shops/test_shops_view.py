"""The shops' meeting page: the town's figures by tax, nothing a viewer could use to find a
shop (no operator, no shop code, no hidden amount) in what the widgets send to the browser."""

from __future__ import annotations

from campaignkit.core.fmt import cn_quantity
from campaignkit.shops.disclosure import FEWER, relief_frame
from campaignkit.shops.meeting import shops_meeting_view
from campaignkit.ui.view import ALL
from helpers import SAMPLE


def all_state(widget) -> str:
    from benefits.test_benefit_views import all_state as state

    return state(widget)


def test_the_town_page_shows_the_shown_and_hides_the_small(sample):
    view = shops_meeting_view(SAMPLE)
    town = view.publish(2023, ALL).set_index("项目")
    relief = relief_frame(sample.tables["shops"])
    year = relief[relief["year"] == 2023]
    assert town.loc["增值税", "少缴税费（元）"] == year.loc[year["tax"] == "增值税", "relief"].sum()
    assert town.loc["贷款贴息", "说明"] == FEWER  # two shops with a guaranteed loan
    assert "10 户个体工商户" in view.summary.value
    assert "示例" in view.summary.value
    shops = sample.tables["shops"]
    secret = {*shops["operator"], *shops["shop_id"]}
    hidden = town[town["说明"] != ""].index
    sums = [float(year.loc[year["tax"] == tax, "relief"].sum()) for tax in hidden]
    amounts = {f"{a:,.0f}" for a in sums} | {cn_quantity(a, "元") for a in sums} | {f"{a / 1e4:.4g}" for a in sums}
    for unit in view.unit.options:
        view.unit.value = unit
        state = all_state(view)
        assert [v for v in secret if v in state] == []
        assert [a for a in amounts if a in state] == []
