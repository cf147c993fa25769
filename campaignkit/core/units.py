"""Units met in township spreadsheets, and their base units.

A value is always kept as given, with its unit; for known units a base-unit
value is added beside it, so 5,000 万元 and 0.5 亿元 compare correctly.
A hand-kept table: general unit libraries (pint) know neither 亩 nor 万元.
"""

from __future__ import annotations

import re
import unicodedata

# unit as written -> (base unit, factor to multiply by)
_SCALES: dict[str, tuple[str, float]] = {}


def _family(base: str, **scaled: float) -> None:
    _SCALES[base] = (base, 1.0)
    for unit, factor in scaled.items():
        _SCALES[unit] = (base, factor)


_family(
    "元",
    万元=1e4,
    亿元=1e8,
    万亿元=1e12,
    千元=1e3,
    百万元=1e6,
    **{"yuan": 1, "million yuan": 1e6, "billion yuan": 1e9, "trillion yuan": 1e12},
)
_family("人", 万人=1e4, 亿人=1e8, 千人=1e3)
_family("人次", 万人次=1e4)
_family("户", 万户=1e4)
_family("亩", 万亩=1e4, 亿亩=1e8, **{"mu": 1, "million mu": 1e6})
_family("公里", 千米=1, km=1, 万公里=1e4, 米=1e-3)
_family("%", 百分比=1)
_family(
    "吨",
    万吨=1e4,
    亿吨=1e8,
    千克=1e-3,
    公斤=1e-3,
    斤=5e-4,
    万斤=5,
    亿斤=5e4,
    **{"kg": 1e-3, "billion kg": 1e6, "billion tons": 1e9, "million tons": 1e6, "million metric tons": 1e6},
)
_family("头", 万头=1e4)
_family("只", 万只=1e4)
_family("个", 万个=1e4)
_family("张", 万张=1e4)
_family("所")
_family("座")
_family("处")
_family("家")
_family("项")
_family("名")
_family("岁")
_family("年")
_family("平方米", 万平方米=1e4)
_family("平方公里")
_family("公顷", 千公顷=1e3, 万公顷=1e4)
_family("立方米", 万立方米=1e4, 亿立方米=1e8, 万亿立方米=1e12, **{"billion cubic meters": 1e9})
_family("天")
# Rates and standards: known, but only comparable with themselves.
for _rate in (
    "元/人",
    "元/户",
    "元/人/年",
    "元/人/月",
    "元/户/年",
    "元/亩",
    "元/亩/年",
    "元/月",
    "元/年",
    "张/千人",
    "床/千人",
    "人/千人",
    "‰",
    "公里/百平方公里",
):
    _SCALES[_rate] = (_rate, 1.0)
_SCALES["万元/人"] = ("元/人", 1e4)


def normalize_unit(unit: str | None) -> str | None:
    """Canonical spelling of a unit: NFKC, no spaces, 千米→kept as typed."""
    if unit is None:
        return None
    text = unicodedata.normalize("NFKC", str(unit)).strip()
    text = re.sub(r"\s+", " ", text)
    return text or None


def base_of(unit: str | None) -> tuple[str, float] | None:
    """``(base unit, factor)`` for a known unit, else ``None``."""
    text = normalize_unit(unit)
    if text is None:
        return None
    return _SCALES.get(text) or _SCALES.get(text.lower()) or _SCALES.get(text.replace(" ", ""))


def is_known(unit: str | None) -> bool:
    return base_of(unit) is not None


_HEADER_UNIT = re.compile(r"^(?P<name>.+?)\s*[（(](?P<unit>[^（）()]+)[）)]\s*$")


def split_unit(label: str) -> tuple[str, str | None]:
    """Split "地区生产总值（亿元）" into ("地区生产总值", "亿元") when the bracket holds a known unit.

    Brackets that hold anything else ("森林覆盖率（另一口径）") stay part of the label.
    """
    match = _HEADER_UNIT.match(label.strip())
    if match and is_known(match.group("unit")):
        return match.group("name").strip(), normalize_unit(match.group("unit"))
    return label.strip(), None
