"""Resident identity numbers (居民身份证号码, GB 11643-1999): format, date and check digit."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID18 = re.compile(r"^\d{17}[\dX]$")

# The sample campaign's invented people use this region code, which no real
# region has, so an invented number can never be a real person's.
SAMPLE_REGION = "999999"


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def normalize_id(value: str) -> str:
    """Uppercase, half-width, no spaces: '１５０６…ｘ ' → '1506…X'."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value)).upper()


def id_problem(value: str) -> str | None:
    """A Chinese explanation of what is wrong with an ID number, or None if it is valid."""
    text = normalize_id(value)
    if len(text) == 15 and text.isdigit():
        return "这是旧式 15 位身份证号，请换成现行的 18 位号码"
    if len(text) != 18:
        return f"身份证号应为 18 位，这里是 {len(text)} 位"
    if not _ID18.match(text):
        return "身份证号前 17 位应为数字，最后一位为数字或 X"
    if birth_date(text) is None:
        return "身份证号第 7–14 位的出生日期不存在"
    expected = check_digit(text[:17])
    if text[17] != expected:
        return f"身份证号校验位不对（最后一位应为 {expected}），多半是某一位录错了，请与身份证核对"
    return None


def upgrade_15(value: str) -> str | None:
    """An old 15-digit number as its 18-digit form (GB 11643-1999: "19" inserted before the
    two-digit birth year, the check digit appended), or None if it is not a valid old number."""
    text = normalize_id(value)
    if len(text) != 15 or not text.isdigit():
        return None
    first17 = text[:6] + "19" + text[6:]
    if birth_date(first17 + "0") is None:
        return None
    return first17 + check_digit(first17)


def birth_date(value: str) -> dt.date | None:
    """Date of birth encoded in an 18-digit ID number, or None."""
    text = normalize_id(value)
    try:
        return dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return None


def make_id(region: str, birth: dt.date, sequence: int) -> str:
    """Build a valid 18-digit number (used to invent sample people)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_digit(first17)


def mask_id(value: str | None) -> str | None:
    """150626********1234: region code and last four only."""
    if not value:
        return value
    text = normalize_id(value)
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]
