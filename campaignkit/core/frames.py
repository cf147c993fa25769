"""Small questions every feature asks of a loaded frame."""

from __future__ import annotations

import numpy as np
import pandas as pd


def any_illustrative(frame: pd.DataFrame) -> bool:
    """Whether any row is marked 示例 (invented), so what shows it must carry the badge."""
    if frame.empty or "illustrative" not in frame.columns:
        return False
    return bool(frame["illustrative"].fillna(False).astype(bool).any())


def between_years(frame: pd.DataFrame, start: int | None, end: int | None, column: str = "year") -> pd.DataFrame:
    """Rows whose ``column`` lies in ``[start, end]`` (either end open when None; blank years never match).

    In numpy rather than pandas masks: dashboards call this on every control change.
    """
    if start is None and end is None:
        return frame
    years = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    keep = np.ones(len(years), dtype=bool)
    if start is not None:
        keep &= years >= start
    if end is not None:
        keep &= years <= end
    return frame[keep]
