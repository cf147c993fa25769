"""Data health (数据体检): every registered table's row counts and problems, for trainers."""

from ..core.lazy import lazy_exports

_LAZY = {"data_health_view": ".view", "DataHealthView": ".view"}

__getattr__ = lazy_exports(__name__, _LAZY)


__all__ = [*_LAZY]
