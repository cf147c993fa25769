"""Chart builders: pure functions from tidy frames to plotly Figures, one theme."""

from . import theme
from .blueprint import blueprint_board
from .funding import funding_by_level, funding_shares
from .ledger import indicator_over_time, then_and_now_chart

__all__ = ["theme", "indicator_over_time", "then_and_now_chart", "funding_by_level", "funding_shares",
           "blueprint_board"]
