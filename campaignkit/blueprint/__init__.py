"""The five-year blueprint (发展蓝图): targets, progress and the pace needed, in words."""

from ..core.lazy import lazy_exports
from .compute import explain, overview, progress
from .tables import BLUEPRINT

_LAZY = {"blueprint_view": ".view", "BlueprintView": ".view", "blueprint_deck": ".slides", "blueprint_board": ".charts"}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = ["BLUEPRINT", "explain", "overview", "progress", *_LAZY]
