"""Small questions every feature asks of a loaded frame."""

from __future__ import annotations

import pandas as pd


def any_illustrative(frame: pd.DataFrame) -> bool:
    """Whether any row is marked 示例 (invented), so what shows it must carry the badge."""
    if frame.empty or "illustrative" not in frame.columns:
        return False
    return bool(frame["illustrative"].fillna(False).astype(bool).any())


def between_years(frame: pd.DataFrame, start: int | None, end: int | None, column: str = "year") -> pd.DataFrame:
    """Rows whose ``column`` lies in ``[start, end]`` (either end open when None)."""
    keep = pd.Series(True, index=frame.index)
    if start is not None:
        keep &= frame[column] >= start
    if end is not None:
        keep &= frame[column] <= end
    return frame[keep.fillna(False).astype(bool)]
