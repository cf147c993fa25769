"""The history timeline (历史大事): events of the nation, the region, Ordos, Uxin Banner and
the town on one axis, each with its place and source, beside the ledger's figures."""

from ..core.lazy import lazy_exports
from .compute import ledger_then_and_now, parse_when, placed, select
from .tables import EVENT_REFERENCE, TIMELINE

_LAZY = {
    "timeline_view": ".view",
    "TimelineView": ".view",
    "timeline_chart": ".charts",
    "timeline_phone": ".phone",
    "source_html": ".view",
}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = ["EVENT_REFERENCE", "TIMELINE", "ledger_then_and_now", "parse_when", "placed", "select", *_LAZY]
