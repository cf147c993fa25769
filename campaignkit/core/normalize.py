"""Turn cell values as trainers type them into typed values.

Each scalar parser returns the parsed value or raises :class:`CellError` with a
Chinese explanation; nothing is coerced silently. The ``convert_*`` functions
apply them to whole columns: a fast vectorised pass first, and the scalar
parser only for the cells the fast pass could not read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


class CellError(ValueError):
    """A cell's value cannot be read as the column requires."""


# U+3000 (ideographic space) and NBSP are common in files typed with Chinese IMEs.
_SPACES = " \t\r\n\u3000\u00a0\ufeff"
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_YEAR = re.compile(r"^(\d{4})(\.0+)?\s*年?(度)?$")
_YEAR_TEXT = r"\s*\d{4}(?:\.0+)?\s*"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_MONTH_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "有"}
_FALSE = {"否", "n", "no", "false", "0", "×", "无", "不是"}
# A few values trainers type for "no data": named in the message so they know why.
_NO_DATA_HINTS = {"—", "-", "--", "——", "/", "不详", "未知", "暂无", "n/a", "na", "null", "…"}


def is_blank(value: Any) -> bool:
    """True for empty cells: None, NaN, NaT and strings of only spaces."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip(_SPACES) == ""


def clean_text(value: Any) -> str | None:
    """Strip spaces (full-width too); integral floats from Excel become '101', not '101.0'."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip(_SPACES)


def _fold(value: Any) -> str:
    # NFKC turns full-width digits, signs and spaces into their ASCII forms.
    return unicodedata.normalize("NFKC", str(value)).strip(_SPACES + " ")


def parse_number(value: Any) -> tuple[float, bool]:
    """Parse a number as typed; return ``(value, had_percent_sign)``.

    Accepts thousands separators (``1,234.5``), full-width digits (``１２３``),
    a trailing ``%`` and surrounding spaces. Rejects approximate or missing
    values (``约120``, ``不详``, ``—``) with a message saying why.
    """
    if isinstance(value, bool):
        raise CellError("这里应填数字，不是“是/否”")
    if isinstance(value, (int, float, np.integer, np.floating)):
        if math.isnan(value) or math.isinf(value):
            raise CellError("这里应填一个有限的数字")
        return float(value), False
    text = _fold(value)
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    text = text.replace(" ", "")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if _NUMBER.match(text):
        number = float(text)
        if math.isinf(number):
            raise CellError("数字太大，无法读取")
        return number, percent
    raise CellError(_number_hint(str(value).strip(_SPACES)))


def _number_hint(text: str) -> str:
    if text.lower() in _NO_DATA_HINTS:
        return "这里应填数字；没有数据时请让单元格留空，不要填“—”“不详”之类的文字"
    if re.search(r"[约近余多逾超]", text):
        return "这里应填确切的数字；约数请写明确切值，或把说明写在“备注”列"
    if re.search(r"[万亿千百]", text):
        return "这里应只填数字，单位（万、亿等）请写在“单位”列或表头里"
    return "这里应填数字（例如 1234 或 1,234.5 或 68.6%），不能含有其他文字"


def parse_year(value: Any) -> int:
    """Parse a year written ``2022``, ``2022年``, ``2022.0`` or ``２０２２``."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isnan(value) and float(value).is_integer():
            return int(value)
        raise CellError("年份应为四位整数，例如 2022")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    match = _YEAR.match(_fold(value))
    if not match:
        raise CellError("年份应写成四位数字，例如 2022 或 2022年")
    return int(match.group(1))


def parse_flag(value: Any) -> bool:
    """Parse a yes/no cell: 是/否 (also Y/N, 1/0, √/×)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = _fold(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("这里应填“是”或“否”")


# Dates a campaign's tables can hold: payments, births (a centenarian was born after 1900)
# and plans. Outside it a date is a typo (0001-01-01, 9999-12-31), and pandas cannot hold it.
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
_TS_RANGE = (pd.Timestamp(DATE_RANGE[0]), pd.Timestamp(DATE_RANGE[1]))
OUT_OF_RANGE = f"日期不在 {DATE_RANGE[0].year}—{DATE_RANGE[1].year} 年之间，请核对（可能是输入错误）"


def _in_range(day: dt.date) -> dt.date:
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise CellError(OUT_OF_RANGE)
    return day


def parse_date(value: Any) -> dt.date:
    """Parse a date: 2022-03-05, 2022/3/5, 2022.3.5, 2022年3月5日, 20220305 or an Excel date."""
    if isinstance(value, dt.datetime):
        return _in_range(value.date())
    if isinstance(value, dt.date):
        return _in_range(value)
    if isinstance(value, pd.Timestamp):
        return _in_range(value.date())
    text = _fold(value)
    match = _DATE.match(text) or _DATE_COMPACT.match(text)
    if match:
        try:
            day = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise CellError("日期不存在（请检查月份和日期）") from None
        return _in_range(day)
    raise CellError("日期应写成 2022-03-05 或 2022年3月5日 的形式")


def parse_month(value: Any) -> dt.date:
    """Parse a year and month (出生年月): 1958-03, 1958年3月, 1958.3, 195803, or a full date."""
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return parse_date(value).replace(day=1)
    if isinstance(value, (float, int)) and not isinstance(value, bool):
        # Typed into a number cell: 1958.3 arrives as 1958.3, 1958.03 as 1958.03, 1958.10 as 1958.1
        # (read as January; convert_dates warns that it may have been October).
        text = repr(float(value)) if isinstance(value, float) else str(value)
        if re.fullmatch(r"\d{4}\.0", text):
            text = text[:4]
    else:
        text = _fold(value)
    match = _MONTH.match(text) or _MONTH_COMPACT.match(text)
    if match:
        year, month = (int(g) for g in match.groups())
        if 1 <= month <= 12:
            return _in_range(dt.date(year, month, 1))
        raise CellError("月份应在 1 到 12 之间")
    try:
        return parse_date(value).replace(day=1)
    except CellError as exc:
        if str(exc) == OUT_OF_RANGE:
            raise
        raise CellError("出生年月应写成 1958-03 或 1958年3月 的形式") from None


# -- whole columns ---------------------------------------------------------


def blank_mask(raw: pd.Series) -> pd.Series:
    """Vectorised :func:`is_blank`."""
    if raw.dtype.kind in "biufcmM":
        return raw.isna()
    mask = raw.isna()
    if isinstance(raw.dtype, pd.StringDtype):
        # Arrow-backed strings: only a cell with a space or nothing at an edge can be blank.
        maybe = maybe_padded(raw)
        if maybe is None or not len(maybe) or maybe.mean() >= 0.5:
            return mask | (raw.str.strip(_SPACES) == "").fillna(False)
        out = mask.to_numpy(copy=True)
        at = np.flatnonzero(maybe)
        out[at] |= (raw.iloc[at].str.strip(_SPACES) == "").fillna(False).to_numpy(dtype=bool)
        return pd.Series(out, index=raw.index)
    if not mask.all():
        rest = raw[~mask]
        # Cells repeat: judge each distinct value once.
        blanks = [v for v in pd.unique(rest.to_numpy(dtype=object)) if is_blank(v)]
        if blanks:
            mask.loc[rest.index] = rest.isin(blanks).to_numpy()
    return mask


def _parse_unique(values: pd.Series, parse: Callable[[Any], Any]) -> tuple[pd.Series, dict[Any, str]]:
    """Run the scalar parser once per distinct value (columns repeat a lot).

    Returns the parsed values for the cells that parsed, and {index: message}
    for those that did not.
    """
    parsed: dict[Any, Any] = {}
    failed: dict[Any, str] = {}
    for value in pd.unique(values.to_numpy(dtype=object)):
        try:
            parsed[value] = parse(value)
        except CellError as exc:
            failed[value] = str(exc)
    bad = values.isin(list(failed)) if failed else pd.Series(False, index=values.index)
    good = values[~bad]
    errors = {idx: failed[v] for idx, v in values[bad].items()}
    # A dict maps in one vectorised lookup; a function would be called once per cell.
    return good.map(pd.Series(parsed, dtype=object)), errors


def _fallback(raw: pd.Series, todo: pd.Series, parse: Callable[[Any], Any], out: pd.Series, errors: dict[Any, str]) -> None:
    """Parse the cells the fast path left into ``out``; record failures."""
    done, failed = _parse_unique(raw[todo], parse)
    errors.update(failed)
    if len(done):
        out.loc[done.index] = done.to_numpy()


def convert_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series, dict[Any, str]]:
    """Column → (float values, had-percent flags, {index: error message})."""
    errors: dict[Any, str] = {}
    percent = pd.Series(False, index=raw.index)
    if raw.dtype.kind in "iuf":
        return raw.astype("float64"), percent, errors
    blank = blank_mask(raw)
    out = pd.Series(np.nan, index=raw.index, dtype="float64")
    if raw.dtype.kind != "b":
        out = pd.to_numeric(raw.where(~blank), errors="coerce").astype("float64")
        out[np.isinf(out)] = np.nan  # "inf" typed as text is not a figure
    todo = out.isna() & ~blank
    if todo.any():
        done, failed = _parse_unique(raw[todo], parse_number)
        errors.update(failed)
        if len(done):
            out.loc[done.index] = [v for v, _ in done]
            percent.loc[done.index] = [p for _, p in done]
    return out, percent, errors


def convert_years(raw: pd.Series) -> tuple[pd.Series, dict[Any, str]]:
    """Column → (nullable Int64 years, errors)."""
    errors: dict[Any, str] = {}
    if raw.dtype.kind in "iu":
        return raw.astype("Int64"), errors
    blank = blank_mask(raw)
    fast = pd.to_numeric(raw.where(~blank), errors="coerce")
    whole = fast.notna() & (fast % 1 == 0)
    if raw.dtype.kind not in "fb":
        # Text the number parser accepts but nobody writes for a year ("2.022e3", "+2022"):
        # to the year parser, which says how to write it.
        whole &= raw.astype("str").str.fullmatch(_YEAR_TEXT).fillna(False).astype(bool)
    out = pd.Series(pd.array([pd.NA] * len(raw), dtype="Int64"), index=raw.index)
    out[whole] = fast[whole].astype("int64")
    todo = ~whole & ~blank
    if todo.any():
        _fallback(raw, todo, parse_year, out, errors)
    return out, errors


def convert_flags(raw: pd.Series, default: bool | None = None) -> tuple[pd.Series, dict[Any, str]]:
    """Column of 是/否 → (nullable boolean, errors); blanks become ``default``."""
    errors: dict[Any, str] = {}
    out = pd.Series(pd.array([default] * len(raw), dtype="boolean"), index=raw.index)
    blank = blank_mask(raw)
    _fallback(raw, ~blank, parse_flag, out, errors)
    return out, errors


_PARTIAL_DATE = r"\s*(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?)?\s*"


def convert_dates(
    raw: pd.Series, parse: Callable[[Any], dt.date] = parse_date
) -> tuple[pd.Series, dict[Any, str], dict[Any, str]]:
    """Column → (datetime64 values, errors, warnings). A date written without its day
    ("2023.5", "2022") is read as the first day of the month or year, with a warning that
    says so; a date stored as a number with a fraction (2023.5) cannot be read."""
    errors: dict[Any, str] = {}
    warnings: dict[Any, str] = {}
    if raw.dtype.kind == "M":  # dates Excel stored as dates
        outside = raw.notna() & ~raw.between(*_TS_RANGE)
        errors.update({idx: OUT_OF_RANGE for idx in raw.index[outside]})
        return raw.where(~outside).astype("datetime64[ns]"), errors, warnings
    blank = blank_mask(raw)
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    todo = ~blank
    if parse is parse_date:
        if raw.dtype.kind in "iu":  # 20220305 or 2022 typed as numbers
            raw = raw.astype("str")
        stored = raw.map(lambda v: isinstance(v, float)).astype(bool) if raw.dtype == object else raw.notna()
        if raw.dtype.kind == "f" or (raw.dtype == object and stored.any()):
            # A number cell of 2023.5 or 2023.1 (was it October?) cannot be read as a month.
            numbers = pd.to_numeric(raw.where(stored), errors="coerce")
            fraction = stored & numbers.notna() & (numbers % 1 != 0)
            errors.update(
                {i: f"日期被存成了数字（{raw.at[i]}），看不出是几月几日；请写成 2023-05-01 的形式" for i in raw.index[fraction]}
            )
            todo &= ~fraction
            whole = stored & numbers.notna() & ~fraction
            if whole.any():
                raw = raw.astype(object)
                raw[whole] = numbers[whole].round().astype("int64").astype("str")
        todo &= ~_partial_dates(raw, todo, out, errors, warnings)
        fast = pd.to_datetime(raw.where(todo), format="ISO8601", errors="coerce")
        fast = fast.where(fast.between(*_TS_RANGE))  # the rest to the parser, which says what is wrong
        out = out.where(fast.isna(), fast)
        todo &= fast.isna()
    if todo.any():
        done, failed = _parse_unique(raw[todo], parse)
        errors.update(failed)
        out.loc[done.index] = pd.to_datetime(done.to_numpy())
        if parse is parse_month:
            _ambiguous_months(raw[todo], out, warnings)
    return out, errors, warnings


def _ambiguous_months(raw: pd.Series, out: pd.Series, warnings: dict[Any, str]) -> None:
    """1958.1 in a number cell: January, or October whose 0 Excel dropped. Say how it was read."""
    for idx, value in raw.items():
        if isinstance(value, float) and repr(value).endswith(".1") and pd.notna(out.at[idx]):
            warnings[idx] = (
                f"出生年月存成了数字（{value!r}），按 {out.at[idx]:%Y-%m} 读入；如果是 10 月，"
                "请把这一列设为“文本”格式后写成 1958-10 的形式"
            )


def _partial_dates(raw: pd.Series, todo: pd.Series, out: pd.Series, errors: dict, warnings: dict) -> pd.Series:
    """Read "2023.5" and "2022" as their first day, with a warning; returns the cells it handled."""
    text = raw.astype("str")
    partial = text.str.fullmatch(_PARTIAL_DATE).fillna(False).astype(bool) & todo  # Arrow's regex, in C++
    if not partial.any():
        return partial
    parts = text[partial].str.extract(f"^{_PARTIAL_DATE}$")
    for idx in parts.index:
        year, month = int(parts.at[idx, 0]), parts.at[idx, 1]
        try:
            day = _in_range(dt.date(year, int(month) if isinstance(month, str) else 1, 1))
        except CellError as exc:  # before ValueError, which it is a kind of
            errors[idx] = str(exc)
            continue
        except ValueError:
            errors[idx] = "月份应在 1 到 12 之间"
            continue
        out.at[idx] = pd.Timestamp(day)
        what = "年和月" if isinstance(month, str) else "年份"
        warnings[idx] = f"日期只写了{what}（{text.at[idx].strip()}），按 {day.isoformat()} 计；如有具体日期，请写全"
    return partial


def convert_text(raw: pd.Series) -> pd.Series:
    """Column → stripped strings with blanks as missing (never coerced to numbers)."""
    if raw.dtype.kind in "iu":
        return raw.astype("str").astype("str")
    if raw.dtype.kind == "f":
        return raw.map(clean_text, na_action="ignore").astype("str")
    if raw.dtype == object and len(raw) and not raw.map(lambda v: isinstance(v, str) or v is None).all():
        raw = raw.map(clean_text, na_action="ignore")
    text = raw.astype("str")
    maybe = maybe_padded(text)
    if maybe is not None:
        # A million clean cells need no strip: only cells that may start or end with a space are stripped.
        if not maybe.any():
            return text
        if maybe.mean() < 0.5:
            part = text[maybe].str.strip(_SPACES)
            text = text.copy()
            text[maybe] = part.mask(part == "")
            return text
    text = text.str.strip(_SPACES)
    return text.mask(text == "")


# First and last bytes (UTF-8) of the characters _SPACES strips: a cell whose edges are none of
# these needs no strip. Wider than exact (0x80 also ends 一), never narrower.
_LEAD = np.zeros(256, dtype=bool)
_LEAD[[0x20, 0x09, 0x0D, 0x0A, 0xC2, 0xE3, 0xEF]] = True
_TRAIL = np.zeros(256, dtype=bool)
_TRAIL[[0x20, 0x09, 0x0D, 0x0A, 0xA0, 0x80, 0xBF]] = True


def arrow_chunks(text: pd.Series):
    """The Arrow chunks behind an Arrow-backed string column, or None."""
    if not (isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow"):
        return None
    return text.array.__arrow_array__().chunks


def _chunk_bytes(chunk) -> tuple[np.ndarray, np.ndarray]:
    """A string chunk's offsets (one more than its values) and its UTF-8 bytes."""
    import pyarrow as pa

    _, offsets, data = chunk.buffers()
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    at = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    return at, (np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8))


def maybe_padded(text: pd.Series) -> np.ndarray | None:
    """Cells that are empty or may begin or end with a space (read from the bytes, ~10 times
    faster than stripping); None for a column not held by Arrow."""
    chunks = arrow_chunks(text)
    if chunks is None:
        return None
    parts = []
    for chunk in chunks:
        at, data = _chunk_bytes(chunk)
        start, end = at[:-1], at[1:]
        empty = end <= start
        if not len(data):
            parts.append(chunk.is_valid().to_numpy(zero_copy_only=False))
            continue
        first = data[np.minimum(start, len(data) - 1)]
        last = data[np.clip(end - 1, 0, len(data) - 1)]
        maybe = empty | _LEAD[first] | _TRAIL[last]
        if chunk.null_count:
            maybe &= chunk.is_valid().to_numpy(zero_copy_only=False)
        parts.append(maybe)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def surely_ascii(text: pd.Series) -> bool:
    """True when an Arrow-backed column holds no byte outside ASCII (read from its bytes)."""
    chunks = arrow_chunks(text)
    return chunks is not None and not any((_chunk_bytes(chunk)[1] >= 0x80).any() for chunk in chunks)


def may_contain(text: pd.Series, letters: bytes) -> bool:
    """False when no cell of an Arrow-backed column holds any of ``letters`` (ASCII); True otherwise."""
    chunks = arrow_chunks(text)
    if chunks is None:
        return True
    for chunk in chunks:
        _, data = _chunk_bytes(chunk)
        if len(data) and np.isin(data, np.frombuffer(letters, dtype=np.uint8)).any():
            return True
    return False
