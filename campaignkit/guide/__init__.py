"""The guide (辅导书): the six statements, their talking points, and the events and
figures each point rests on."""

from ..core.lazy import lazy_exports
from .compute import Series, coverage, events_of, points, series_of
from .tables import GUIDE, STATEMENTS

_LAZY = {"guide_view": ".view", "GuideView": ".view", "timeline_strip": ".charts", "talk_from_points": ".starter"}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = ["GUIDE", "STATEMENTS", "Series", "coverage", "events_of", "points", "series_of", *_LAZY]
