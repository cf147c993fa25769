"""Masking personal data for shared screens: names, ID numbers, card numbers."""

from __future__ import annotations

from typing import Any

from .idnumber import mask_id
from .reading import clean_header
from .tables import TABLES


def mask_name(name: str | None) -> str | None:
    """张三明 → 张*明, 巴特尔 → 巴*尔, 李四 → 李*."""
    if not name:
        return name
    text = str(name)
    if len(text) <= 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_card(number: str | None) -> str | None:
    """6228480000000005678 → ****5678."""
    if not number:
        return number
    text = str(number).strip()
    return "****" + text[-4:] if len(text) > 4 else "*" * len(text)


def _sensitive_headers() -> dict[str, str]:
    out = {}
    for table in TABLES.values():
        for f in table.fields:
            if f.sensitive:
                kind = "id" if f.kind == "idnumber" else ("card" if f.name == "card_number" else "name")
                for header in (*f.headers, f.name):
                    out[clean_header(header)] = kind
    return out


_SENSITIVE = _sensitive_headers()


def mask_value(column: str | None, value: Any) -> Any:
    """Mask ``value`` if ``column`` (a header as written) holds personal data."""
    if value is None or column is None:
        return value
    kind = _SENSITIVE.get(clean_header(column))
    if kind == "id":
        return mask_id(str(value))
    if kind == "card":
        return mask_card(str(value))
    if kind == "name":
        return mask_name(str(value))
    return value
