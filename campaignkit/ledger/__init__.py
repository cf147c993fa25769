"""The development ledger (发展账): indicators over 2012–2022, then and now, with sources."""

from ..core.lazy import lazy_exports
from .compute import Selection, ThenAndNow, indicator_menu, select, then_and_now
from .tables import INDICATORS

_LAZY = {
    "ledger_view": ".view",
    "LedgerView": ".view",
    "ledger_deck": ".slides",
    "then_and_now_chart": ".charts",
    "indicator_over_time": ".charts",
}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = ["INDICATORS", "Selection", "ThenAndNow", "indicator_menu", "select", "then_and_now", *_LAZY]
