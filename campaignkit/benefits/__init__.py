"""The benefit card (惠民卡) and household account (炕头账): calculator, reconcile,
one query layer over payments, printable explainer cards, the meeting and door-visit views."""

from .calculator import Estimate, active_policies, estimate, expected_amounts, months_in_band
from .cases import reconcile
from .tables import PAYMENTS, POLICIES

_VIEWS = {
    "meeting_view": ".meeting",
    "MeetingView": ".meeting",
    "door_visit_view": ".door_visit",
    "DoorVisitView": ".door_visit",
    "Benefits": ".service",
    "export_village": ".cards",
}


def __getattr__(name: str):
    # Views, the payment store and PDF cards import ipywidgets, plotly, ibis, WeasyPrint: only when asked for.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = [
    "PAYMENTS",
    "POLICIES",
    "Estimate",
    "active_policies",
    "estimate",
    "expected_amounts",
    "months_in_band",
    "reconcile",
    *_VIEWS,
]
