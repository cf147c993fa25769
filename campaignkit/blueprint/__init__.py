"""The five-year blueprint (发展蓝图): targets, progress and the pace needed, in words."""

from .compute import explain, progress
from .tables import BLUEPRINT

_VIEWS = {"blueprint_view": ".view", "BlueprintView": ".view", "blueprint_deck": ".slides"}


def __getattr__(name: str):
    # Views and slides import ipywidgets and plotly: only when a notebook asks for them.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = ["BLUEPRINT", "explain", "progress", *_VIEWS]
