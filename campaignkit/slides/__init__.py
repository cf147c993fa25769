"""The slide show: every registered feature's deck, one theme each."""

_VIEWS = {"slides_view": ".view"}


def __getattr__(name: str):
    # The view imports ipywidgets and plotly: only when a notebook asks for it.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = [*_VIEWS]
