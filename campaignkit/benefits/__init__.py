"""The benefit card (惠民卡) and household account (炕头账): calculator, reconcile,
one query layer over payments, printable explainer cards."""

from .calculator import Estimate, active_policies, estimate, months_in_band
from .cases import reconcile

__all__ = ["Estimate", "active_policies", "estimate", "months_in_band", "reconcile"]
