"""The benefit card (惠民卡) and household account (炕头账): calculator, reconcile,
one query layer over payments, printable explainer cards, the meeting and door-visit views."""

from ..core.lazy import lazy_exports
from .calculator import Estimate, active_policies, estimate, expected_amounts, months_in_band
from .cases import reconcile
from .tables import PAYMENTS, POLICIES

_LAZY = {
    "meeting_view": ".meeting",
    "MeetingView": ".meeting",
    "door_visit_view": ".door_visit",
    "DoorVisitView": ".door_visit",
    "BenefitsData": ".service",
    "export_village": ".cards",
    "benefit_summary": ".summary",
}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [
    "PAYMENTS",
    "POLICIES",
    "Estimate",
    "active_policies",
    "estimate",
    "expected_amounts",
    "months_in_band",
    "reconcile",
    *_LAZY,
]
