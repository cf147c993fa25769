"""Lazy exports for a feature's ``__init__``: its views import ipywidgets, plotly, ibis or
WeasyPrint, which reading a table (``campaignkit validate``) should not pay for."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def lazy_exports(package: str, names: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``names[name]`` (a submodule, e.g. ".view") on first use."""

    def __getattr__(name: str) -> object:
        if name in names:
            return getattr(importlib.import_module(names[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
