"""Dashboard widgets: one call per widget in a notebook."""

from .health import DataHealthBoard, data_health

__all__ = ["DataHealthBoard", "data_health"]
