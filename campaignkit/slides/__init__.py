"""The slide show: every registered feature's deck, one theme each."""

from ..core.lazy import lazy_exports

_LAZY = {"slides_view": ".view"}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [*_LAZY]
