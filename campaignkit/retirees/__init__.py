"""离退休人员 (retirees): what a retiree's pension was and is, year by year, what each year's
raise added, and the national raise of that year with its document (``data/reference``)."""

from ..core.lazy import lazy_exports

_LAZY = {
    "pension_history": ".pension",
    "load_raises": ".raises",
    "person_rows": ".people",
    "RETIREES": ".tables",
}

__getattr__ = lazy_exports(__name__, _LAZY)
__all__ = list(_LAZY)
