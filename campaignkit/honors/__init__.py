"""Exemplars and selections (先进典型, 先进评选): profiles of the region's and the banner's
models, and the campaign's own selections — nominations, one person one vote on printed
codes (a ballot is a ``tokens`` + ``anonymous`` form on the forms engine), tally, audit and
the 公示 notice."""

from ..core.lazy import lazy_exports
from .tables import EXEMPLARS, NOMINATIONS, SELECTIONS, VOTERS

_LAZY = {
    "honors_view": ".view",
    "HonorsView": ".view",
    "honors_phone": ".phone",
    "exemplar_deck": ".slides",
    "tally": ".tally",
    "working_days": ".notice",
    "subtitle": ".exemplars",
}

__getattr__ = lazy_exports(__name__, _LAZY)

__all__ = ["EXEMPLARS", "NOMINATIONS", "SELECTIONS", "VOTERS", *_LAZY]
