"""Numbers as a lecturer reads them aloud."""

from __future__ import annotations

import math


def fmt_number(value: float | None) -> str:
    """12,345 / 1,234.5 / 0.56: thousands separators, at most two decimals, no trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 1000:
        return f"{value:,.1f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
