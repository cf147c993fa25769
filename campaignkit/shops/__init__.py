"""个体工商户 (shops): the 惠民账 of 减税降费 and 金融扶持 the plan asks the teams to tell
shopkeepers — each tax measure in force in a year, what it saved a shop, its arithmetic and
its document (:mod:`campaignkit.shops.relief`, rules in ``data/reference``)."""

from ..core.lazy import lazy_exports

_LAZY = {
    "ShopYear": ".relief",
    "ReliefLine": ".relief",
    "relief_lines": ".relief",
    "relief_report": ".relief",
    "load_rules": ".measures",
    "shop_year": ".shops",
    "find_shop": ".shops",
    "card_html": ".card",
    "write_card": ".card",
    "SHOPS": ".tables",
    "ShopFigures": ".disclosure",
    "shops_meeting_view": ".meeting",
    "ShopPanel": ".door",
}

__getattr__ = lazy_exports(__name__, _LAZY)
__all__ = list(_LAZY)
