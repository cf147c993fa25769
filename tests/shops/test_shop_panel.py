"""The shop calculator on the door-visit page: the table's figures, a what-if, and a typo
answered in Chinese on the panel, never a traceback."""

from __future__ import annotations

from campaignkit.shops.door import ShopPanel
from helpers import SAMPLE


def test_the_panel_fills_a_shops_figures_and_computes_a_what_if():
    logged = []
    panel = ShopPanel(SAMPLE, log_lookup=lambda who, what: logged.append((who, what)))
    panel.shop.value, panel.year.value = "YG-S02", 2023
    panel._on_fill()
    assert panel.sales.value == "120000"
    assert "李*生" in panel.who.value
    assert "李春生" not in panel.who.value
    assert "合计少缴 55,350元" in panel.result.value
    assert logged == [("店铺 YG-S02", "个体工商户查询（2023年）")]  # looked up like a household: in the access log
    panel.sales.value = "80000"  # what if the shop sold 8万 a month
    panel._on_calculate()
    assert "不超过 10万元，免征；按 3% 应缴 96万元 × 3% = 28,800元" in panel.result.value
    assert "合计少缴 55,350元" in panel.result.value  # 3% of 96万 either way: exempt now, 3% − 1% of 144万 before
    panel.sales.value = "八万"
    panel._on_calculate()
    assert "月销售额“八万”不是数字" in panel.status.value


def test_the_panel_is_on_the_door_visit_page():
    from campaignkit.benefits.door_visit import door_visit_view

    view = door_visit_view(SAMPLE)
    assert any(isinstance(child, ShopPanel) for child in view.children)
