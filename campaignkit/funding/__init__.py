"""Project funding (项目资金): who paid, per government level, and what was built."""

from ..core.lazy import lazy_exports
from .compute import by_level, filter_projects, level_totals, physical_quantities
from .tables import LEVEL_FIELDS, PROJECTS

_LAZY = {"funding_view": ".view", "FundingView": ".view", "funding_deck": ".slides"}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = ["LEVEL_FIELDS", "PROJECTS", "by_level", "filter_projects", "level_totals", "physical_quantities", *_LAZY]
