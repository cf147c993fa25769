"""Data health (数据体检): every registered table's row counts and problems, for trainers."""

_VIEWS = {"data_health_view": ".view", "DataHealthView": ".view"}


def __getattr__(name: str):
    # The view imports ipywidgets: only when a notebook asks for it.
    if name in _VIEWS:
        import importlib

        return getattr(importlib.import_module(_VIEWS[name], __name__), name)
    raise AttributeError(name)


__all__ = [*_VIEWS]
