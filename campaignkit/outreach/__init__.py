"""Outreach as it happens (宣讲活动): activities by method and carrier, door visits and their
诉求 (from a spreadsheet, the door-visit page or a phone form on the forms engine), cultural
works and their screenings, coverage by unit and grid, and each unit's overview."""

from ..core.lazy import lazy_exports
from .records import VISIT_FORM
from .tables import ACTIVITIES, SCREENINGS, VISITS, WORKS

_LAZY = {
    "outreach_view": ".view",
    "OutreachView": ".view",
    "overview_view": ".overview",
    "OverviewView": ".overview",
    "OutreachData": ".data",
    "OutreachStore": ".coverage",
    "Period": ".coverage",
    "record_visit": ".entry",
    "visit_log": ".records",
    "VisitPanel": ".visit_panel",
}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = ["VISIT_FORM", "ACTIVITIES", "SCREENINGS", "VISITS", "WORKS", *_LAZY]
