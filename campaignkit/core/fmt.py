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


# A cell starting with one of these is a formula to Excel and WPS (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """Text that a spreadsheet would run as a formula, prefixed with ' so it shows as written."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def undefuse(value: str) -> str:
    """What :func:`defuse` wrote, as it was typed (for files exported here and read back)."""
    return value[1:] if value.startswith("'") and value[1:2] in FORMULA_STARTS else value
