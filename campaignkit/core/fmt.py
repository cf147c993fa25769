"""Numbers as Chinese readers read them: the one place that formats a number for a person.

- :func:`fmt_number`: digits with thousands separators (12,345 / 1,234.5), where digits stay;
- :func:`cn_number`: 万 and 亿 for large numbers (2.4万, 1.6亿), never k / M / G;
- :func:`cn_quantity`: a figure with its unit (23,158.6 亿元 → 2.32万亿元);
- :func:`cn_change`: a change with its sign (+12.3%, −4.5%);
- :func:`cn_month`: 2023年5月; :func:`cn_date`: 2023年5月6日;
- :func:`nice_ticks`: axis ticks labelled with :func:`cn_number` (the chart theme uses them).
"""

from __future__ import annotations

import datetime as dt
import math
import re


def fmt_number(value: float | None) -> str:
    """12,345 / 1,234.5 / 0.56: thousands separators, at most two decimals, no trailing zeros."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 1000:
        return f"{value:,.1f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def yuan_exact(value) -> str:
    """An account's amount to the 分, thousands separated: 28,800元 / 14,750.5元 → 14,750.50元."""
    from decimal import ROUND_HALF_UP, Decimal

    text = f"{Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP):,.2f}".removesuffix(".00")
    return f"{text}元"


WAN, YI = 1e4, 1e8


def cn_number(value: float | None, unit: str = "") -> str:
    """24200 → '2.42万', 160000000 → '1.6亿', 9976 → '9,976'; ``unit`` follows ('2.42万元')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    size = abs(value)
    if size >= YI:
        scaled, word = value / YI, "亿"
    elif size >= WAN:
        scaled, word = value / WAN, "万"
    else:
        return fmt_number(value) + unit
    text = f"{scaled:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{word}{unit}"


WAN_YI = 1e12
# Units that already carry a 万 / 亿 (万元, 亿元, 万人, 万亩): the figure is said in the base
# unit, so 23,158.6 亿元 reads 2.32万亿元 and 0.5 万元 reads 5,000元.
_UNIT_SCALES = (("亿", YI), ("万", WAN))
_KEEP_DIGITS = ("%", "‰", "个百分点", "年", "岁", "倍")


def cn_quantity(value: float | None, unit: str = "") -> str:
    """A figure with its unit as a sentence or label says it: 万 / 亿 / 万亿 for large
    numbers in any unit, the unit's own 万 / 亿 folded in (``cn_quantity(23158.6, "亿元")``
    → '2.32万亿元', ``cn_quantity(24200, "元")`` → '2.42万元'); percentages, years and ages
    keep their digits (``cn_quantity(37.6, "%")`` → '37.6%')."""
    unit = unit or ""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit.startswith(_KEEP_DIGITS):
        return fmt_number(value) + unit
    for word, scale in _UNIT_SCALES:
        if unit.startswith(word) and len(unit) > 1:
            value, unit = value * scale, unit[1:]
            break
    if abs(value) >= WAN_YI:
        return f"{value / WAN_YI:,.2f}".rstrip("0").rstrip(".") + "万亿" + unit
    return cn_number(value, unit)


def cn_change(percent: float) -> str:
    """A change in per cent with its sign: '+12.3%', '−4.5%' (a real minus sign), '0%'."""
    if percent == 0:
        return "0%"
    return f"{'+' if percent > 0 else '−'}{abs(percent):.1f}%"


def cn_month(value: dt.date | dt.datetime | str) -> str:
    """'2023年5月' from a date (or an ISO string)."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月"


def cn_date(value: dt.date | dt.datetime | str) -> str:
    """'2023年5月6日' from a date (or an ISO string): no zero padding, as it is written by hand."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"


_ISO_DATE = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_ISO_MONTH = re.compile(r"(?<![\d-])(1[89]\d\d|20\d\d)-(0[1-9]|1[0-2])(?![\d-])")


def dates_in_words(text: str) -> str:
    """Dates inside a text (a source's title, a questionnaire's round) written as people say
    them: '（2016-06-17）' → '（2016年6月17日）', '2023-12' → '2023年12月'. Year ranges
    ('2014-2016') are left alone."""

    def said(m: re.Match) -> str:
        try:
            return cn_date(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:  # 2023-02-30 is no day: left as written
            return m[0]

    return _ISO_MONTH.sub(lambda m: f"{int(m[1])}年{int(m[2])}月", _ISO_DATE.sub(said, text))


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering [low, high] (1, 2, 2.5 or 5 times a power of ten)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def tick_labels(ticks: list[float]) -> list[str]:
    """Tick values as the axis says them: one unit along the whole axis (万 or 亿 from its
    largest tick, digits below 1万) and each label exact at the precision it shows:
    [0, 5000, 10000, 15000] → '0', '0.5万', '1万', '1.5万' (never '2万' for 15,000, nor
    '5,000' beside '1.0万')."""
    finite = [abs(t) for t in ticks if math.isfinite(t)]
    top = max(finite, default=0.0)
    scale, word = (YI, "亿") if top >= YI else (WAN, "万") if top >= WAN else (1.0, "")
    return [_exact(t, scale, word) for t in ticks]


def _exact(value: float, scale: float, word: str) -> str:
    if not math.isfinite(value):
        return ""
    if value == 0:
        return "0"
    scaled = value / scale
    decimals = next(
        (d for d in range(13) if abs(round(scaled, d) - scaled) <= 1e-12 * max(1.0, abs(scaled))),
        12,
    )
    return f"{scaled:,.{decimals}f}{word}"


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
