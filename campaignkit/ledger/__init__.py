"""The development ledger (发展账): indicators over 2012–2022, then and now, with sources."""

from .compute import Selection, ThenAndNow, catalogue, select, then_and_now
from .tables import INDICATORS, TIMELINE

_VIEWS = {"ledger_view": ".view", "LedgerView": ".view", "ledger_deck": ".slides"}


def __getattr__(name: str):
    # Views and slides import ipywidgets and plotly: only when a notebook asks for them.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = ["INDICATORS", "TIMELINE", "Selection", "ThenAndNow", "catalogue", "select", "then_and_now", *_VIEWS]
