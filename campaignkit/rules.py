"""Rules that span columns of one table: derived fields, consistency, uniqueness.

Each rule reports through the reader (``reader.cell_error`` rejects the row;
``reader.problems.warning`` keeps it) so every problem carries file, row and
header as the trainer wrote them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import units
from .idnumber import birth_date
from .tables import FUNDING_LEVELS, LEVEL_FIELDS, Table

if TYPE_CHECKING:
    from .loader import _Reader

_SHARE = re.compile(r"^(?P<level>[^\d%％]+?)\s*(?P<share>\d+(\.\d+)?)\s*[%％]$")
_FIRST_YEAR = re.compile(r"(1[89]\d{2}|20\d{2}|2100)")


def _header(reader: "_Reader", name: str) -> str:
    return reader.headers_written.get(name, reader.table.field(name).header)


def _value(reader: "_Reader", idx: int, name: str) -> Any:
    pos = reader.position_of.get(name)
    if pos is None:
        return None
    return reader.raw.cells.iat[idx, pos]


def _reject(reader: "_Reader", idx: int, name: str, message: str) -> None:
    reader.cell_error(idx, _header(reader, name), _value(reader, idx, name), message)


def _warn(reader: "_Reader", idx: int, name: str, message: str, value: Any = None) -> None:
    reader.problems.warning(message, row=int(reader.rows[idx]), column=_header(reader, name),
                            value=value if value is not None else _value(reader, idx, name))


def apply(table: str, frame: pd.DataFrame, reader: "_Reader") -> None:
    rule = _RULES.get(table)
    if rule and not frame.empty:
        rule(frame, reader)


# -- indicators ---------------------------------------------------------------

def _indicators(frame: pd.DataFrame, reader: "_Reader") -> None:
    if "unit" not in frame.columns:
        frame["unit"] = pd.Series(pd.NA, index=frame.index, dtype="str")
    header_unit = reader.header_units.get("value")
    if header_unit:
        frame["unit"] = frame["unit"].fillna(header_unit)
    # "地区生产总值（亿元）": the unit may sit in the indicator's name.
    if "indicator" in frame.columns:
        missing = frame["unit"].isna() & frame["indicator"].notna()
        for idx in frame.index[missing]:
            name, unit = units.split_unit(frame.at[idx, "indicator"])
            if unit:
                frame.at[idx, "indicator"], frame.at[idx, "unit"] = name, unit
    percent = getattr(reader, "percent_rows", None)
    if percent is not None:
        for idx in percent[percent].index:
            unit = frame.at[idx, "unit"]
            if pd.isna(unit):
                frame.at[idx, "unit"] = "%"
            elif unit != "%":
                _reject(reader, idx, "value", f"数值带 %，但单位是“{unit}”；请统一")
    for idx in frame.index[frame["unit"].isna()]:
        reader.cell_error(idx, _header(reader, "unit") if "unit" in reader.position_of else "单位", None,
                          "缺少单位：请填“单位”列，或把单位写在指标名后的括号里，如“地区生产总值（亿元）”")


def melt_wide(frame: pd.DataFrame, years: dict[int, pd.Series], reader: "_Reader") -> pd.DataFrame:
    """Yearbook layout → one record per filled year cell."""
    parts = []
    for year, values in sorted(years.items()):
        filled = values.notna()
        if not filled.any():
            continue
        part = frame[filled].copy()
        part["year"] = pd.array([year] * int(filled.sum()), dtype="Int64")
        part["value"] = values[filled].astype("float64")
        part["_pos"] = part.index
        parts.append(part)
    if not parts:
        out = frame.iloc[0:0].copy()
        out["year"], out["value"], out["_pos"] = pd.Series(dtype="Int64"), pd.Series(dtype="float64"), pd.Series(dtype="int64")
        return out
    out = pd.concat(parts)
    return out.sort_values(["_pos", "year"], kind="stable")


def finish_indicators(records: pd.DataFrame, reader: "_Reader") -> None:
    """Base-unit values; warnings for unknown units and for sources that disagree."""
    if "illustrative" not in records.columns:
        records["illustrative"] = False
    bases = {u: units.base_of(u) for u in records["unit"].dropna().unique()}
    records["base_unit"] = records["unit"].map(lambda u: bases.get(u, (None, None))[0] if bases.get(u) else None)
    factor = records["unit"].map(lambda u: bases[u][1] if bases.get(u) else np.nan).astype("float64")
    records["base_value"] = records["value"] * factor
    for unit, base in bases.items():
        if base is None:
            first = records.index[records["unit"] == unit][0]
            count = int((records["unit"] == unit).sum())
            _warn(reader, int(first), "unit",
                  f"不认识的单位“{unit}”（共 {count} 行）：数值照原样保留，但无法与其他单位换算比较", value=unit)
    _disagreements(records, reader)


def _disagreements(records: pd.DataFrame, reader: "_Reader") -> None:
    keys = ["region", "indicator", "year"]
    if not set(keys) <= set(records.columns) or "source" not in records.columns:
        return
    comparable = records.assign(_v=records["base_value"].fillna(records["value"]))
    for _, group in comparable.groupby(keys, sort=False, dropna=True):
        if group["source"].nunique() < 2 or group["_v"].round(6).nunique() < 2:
            continue
        region, indicator, year = group.iloc[0][keys]
        listing = "；".join(f"{s}：{v:g} {u}" for s, v, u in zip(group["source"], group["value"], group["unit"]))
        rows = "、".join(str(int(reader.rows[int(i)])) for i in group.index)
        first = int(group.index[0])
        _warn(reader, first, "value",
              f"{region}“{indicator}”{year}年有 {len(group)} 个来源数值不同（第 {rows} 行）：{listing}。"
              "不同来源不一致是正常的，两者都保留；讲解时请说明口径", value=None)


# -- projects -----------------------------------------------------------------

def _projects(frame: pd.DataFrame, reader: "_Reader") -> None:
    levels = [f for f in LEVEL_FIELDS if f in frame.columns]
    if levels:
        level_sum = frame[levels].sum(axis=1, min_count=1)
        if "total" in frame.columns:
            both = frame["total"].notna() & level_sum.notna()
            off = both & ((frame["total"] - level_sum).abs() > 0.005 * frame["total"].abs().clip(lower=1))
            for idx in frame.index[off]:
                _reject(reader, idx, "total", f"资金合计与各级资金之和（{level_sum[idx]:g}）不相等，请核对")
            frame["total"] = frame["total"].fillna(level_sum)
        else:
            frame["total"] = level_sum
    for idx in frame.index[frame["total"].isna()]:
        reader.cell_error(idx, _header(reader, "total") if "total" in reader.position_of else "资金合计", None,
                          "没有填资金：请填“资金合计”或各级资金")
    factor = frame["funding_unit"].map(lambda u: (units.base_of(u) or (None, np.nan))[1]).astype("float64")
    for name in ("total", *LEVEL_FIELDS):
        if name in frame.columns:
            frame[f"{name}_yuan"] = frame[name] * factor


# -- policies -----------------------------------------------------------------

def parse_funding(text: str) -> dict[str, float]:
    """'中央' → {'中央': 1.0}; '中央80%/自治区20%' → shares. Raises ValueError with a Chinese message."""
    parts = [p for p in re.split(r"[/、，,；;+＋\s]+", text.strip()) if p]
    if len(parts) == 1 and parts[0] in FUNDING_LEVELS:
        return {parts[0]: 1.0}
    shares: dict[str, float] = {}
    for part in parts:
        match = _SHARE.match(part)
        if not match or match.group("level") not in FUNDING_LEVELS:
            raise ValueError("资金层级应为“" + "、".join(FUNDING_LEVELS) + "”之一，或写成分担比例如“中央80%/自治区20%”")
        shares[match.group("level")] = float(match.group("share")) / 100
    if abs(sum(shares.values()) - 1) > 1e-6:
        raise ValueError(f"各级分担比例加起来应为 100%，这里是 {sum(shares.values()) * 100:g}%")
    return shares


def _policies(frame: pd.DataFrame, reader: "_Reader") -> None:
    for idx, text in frame["funding_level"].dropna().items():
        try:
            parse_funding(text)
        except ValueError as exc:
            _reject(reader, idx, "funding_level", str(exc))
    if "year_to" in frame.columns:
        bad = frame["year_to"].notna() & frame["year_from"].notna() & (frame["year_to"] < frame["year_from"])
        for idx in frame.index[bad.fillna(False)]:
            _reject(reader, idx, "year_to", "终止年份早于起始年份")
    for idx, unit in frame["standard_unit"].dropna().items():
        if not units.is_known(unit):
            _warn(reader, idx, "standard_unit", f"不认识的标准单位“{unit}”，常用的有 元/亩/年、元/人/月、元/人/年、元/户/年")


# -- members ------------------------------------------------------------------

def _members(frame: pd.DataFrame, reader: "_Reader") -> None:
    if "id_number" not in frame.columns:
        return
    if "birth_month" not in frame.columns:
        frame["birth_month"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    for idx, number in frame["id_number"].dropna().items():
        born = birth_date(number)
        if born is None:
            continue
        given = frame.at[idx, "birth_month"]
        if pd.isna(given):
            frame.at[idx, "birth_month"] = pd.Timestamp(born.year, born.month, 1)
        elif (given.year, given.month) != (born.year, born.month):
            _warn(reader, idx, "birth_month", f"出生年月与身份证号中的出生日期（{born:%Y-%m}）不一致，请核对")


# -- payments -----------------------------------------------------------------

def _payments(frame: pd.DataFrame, reader: "_Reader") -> None:
    date_year = frame["date"].dt.year.astype("Int64") if "date" in frame.columns else None
    if "year" not in frame.columns:
        frame["year"] = date_year if date_year is not None else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    elif date_year is not None:
        differ = (frame["year"].notna() & date_year.notna() & (frame["year"] != date_year)).fillna(False)
        for idx in frame.index[differ]:
            _warn(reader, idx, "year", f"年份与发放日期（{frame.at[idx, 'date']:%Y-%m-%d}）不是同一年；按“年份”列计入（可能是补发）")
        frame["year"] = frame["year"].fillna(date_year)
    for idx in frame.index[frame["year"].isna()]:
        has_date_error = any(r.startswith(_header(reader, "date")) for r in reader.row_errors.get(idx, [])) if "date" in reader.position_of else False
        if not has_date_error:
            reader.cell_error(idx, _header(reader, "year") if "year" in reader.position_of else "年份", None,
                              "“发放日期”和“年份”至少要填一个")


# -- blueprint ----------------------------------------------------------------

def _blueprint(frame: pd.DataFrame, reader: "_Reader") -> None:
    bad = (frame["target_year"].notna() & frame["base_year"].notna() & (frame["target_year"] <= frame["base_year"])).fillna(False)
    for idx in frame.index[bad]:
        _reject(reader, idx, "target_year", "目标年份应晚于基期年份")
    if "latest_value" in frame.columns:
        no_year = frame["latest_value"].notna() & (frame["latest_year"].isna() if "latest_year" in frame.columns else True)
        for idx in frame.index[no_year]:
            _reject(reader, idx, "latest_value", "填了最新值，也请填“最新年份”")


# -- timeline -----------------------------------------------------------------

def _timeline(frame: pd.DataFrame, reader: "_Reader") -> None:
    years = frame["when"].str.extract(_FIRST_YEAR, expand=False)
    frame["year"] = pd.to_numeric(years, errors="coerce").astype("Int64")
    for idx in frame.index[frame["year"].isna() & frame["when"].notna()]:
        _reject(reader, idx, "when", "时间里要有四位数的年份，例如 1949、1949-08-10 或 1927-02 至 1928-10")


_RULES = {
    "indicators": _indicators,
    "projects": _projects,
    "policies": _policies,
    "members": _members,
    "payments": _payments,
    "blueprint": _blueprint,
    "timeline": _timeline,
}


# -- uniqueness -----------------------------------------------------------------

def check_unique(table: Table, frame: pd.DataFrame, reader: "_Reader") -> None:
    keys = list(table.unique)
    if reader.wide:
        _check_unique_wide([k for k in keys if k != "year"], frame, reader)
        return
    if not keys or frame.empty or not set(keys) <= set(frame.columns):
        return
    complete = frame.dropna(subset=keys)
    dup = complete.duplicated(keys, keep=False)
    if not dup.any():
        return
    first_of = {}
    for idx, key in complete[dup][keys].apply(tuple, axis=1).items():
        if key not in first_of:
            first_of[key] = idx
            continue
        first = first_of[key]
        what = "、".join(_header(reader, k) for k in keys)
        if table.name == "indicators":
            same = frame.at[idx, "value"] == frame.at[first, "value"]
            if same:
                _warn(reader, idx, "value", f"与第 {reader.rows[first]} 行完全重复（{what}和数值都相同）；两行都保留，请删去一行")
                continue
            _reject(reader, idx, "value", f"与第 {reader.rows[first]} 行的{what}相同但数值不同；同一来源同一年只能有一个数")
        else:
            _reject(reader, idx, keys[0], f"与第 {reader.rows[first]} 行重复（{what}相同）；每个{what}只能出现一次")


def _check_unique_wide(keys: list[str], frame: pd.DataFrame, reader: "_Reader") -> None:
    """Yearbook layout: the same indicator twice (same region and source) would give two values a year."""
    if frame.empty or not set(keys) <= set(frame.columns):
        return
    complete = frame.dropna(subset=keys)
    first_of: dict[tuple, int] = {}
    for idx, key in complete[keys].apply(tuple, axis=1).items():
        if key in first_of:
            _reject(reader, idx, "indicator", f"与第 {reader.rows[first_of[key]]} 行是同一地区、同一来源的同一指标；每个指标只能占一行")
        else:
            first_of[key] = idx
