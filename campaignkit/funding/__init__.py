"""Project funding (项目资金): who paid, per government level, and what was built."""

from .compute import by_level, filter_projects, level_totals, physical_quantities
from .tables import LEVEL_FIELDS, PROJECTS

_VIEWS = {"funding_view": ".view", "FundingView": ".view", "funding_deck": ".slides"}


def __getattr__(name: str):
    # Views and slides import ipywidgets and plotly: only when a notebook asks for them.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = ["LEVEL_FIELDS", "PROJECTS", "by_level", "filter_projects", "level_totals", "physical_quantities", *_VIEWS]
