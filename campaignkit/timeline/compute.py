"""The history timeline: when each event happened as a point (or a span) on one year axis,
in words a person reads (1949年8月10日), filtered by level and period; and the ledger
figures of an event's years. Pure functions over the ``timeline`` and ``indicators`` tables."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import pandas as pd

from .. import ledger
from ..core.vocab import LEVELS
from ..ledger import ThenAndNow

# 1949 / 1949-08 / 1949-08-10 (also 1949.8.10, 1949年8月10日), the first one or two in a cell:
# "1927-02 至 1928-10" is a span; "1949（建国之初）" a year with a remark.
_DATE = re.compile(r"(\d{4})(?:\s*[-./年]\s*(\d{1,2})(?!\d)(?:\s*[-./月]\s*(\d{1,2})(?!\d))?)?\s*[年月日号]?")
_SPAN = re.compile(r"^\s*(至|到|—|–|－|-|~|～)")


@dataclass(frozen=True)
class When:
    """A time as the trainer wrote it, placed on the axis: ``start`` and ``end`` in years
    with a fraction (1949-08-10 → 1949.6), ``label`` as a reader says it."""

    start: float
    end: float
    label: str


def _part(match: re.Match) -> tuple[float, float, str]:
    year, month, day = match.group(1), match.group(2), match.group(3)
    y = int(year)
    if not month or not 1 <= int(month) <= 12:
        return y, y + 1, f"{y}年"
    m = int(month)
    if not day or not 1 <= int(day) <= calendar.monthrange(y, m)[1]:
        return y + (m - 1) / 12, y + m / 12, f"{y}年{m}月"
    d = int(day)
    at = y + (m - 1) / 12 + (d - 1) / 365
    return at, at + 1 / 365, f"{y}年{m}月{d}日"


def parse_when(text: str) -> When | None:
    """``"1927-02 至 1928-10"`` → When(1927.08, 1928.83, "1927年2月至1928年10月"); None
    without a four-digit year (the loader has already refused such a row)."""
    found = list(_DATE.finditer(str(text or "")))
    if not found:
        return None
    start, first_end, first = _part(found[0])
    remark = str(text)[found[0].end() :].strip()
    if len(found) >= 2 and _SPAN.match(str(text)[found[0].end() : found[1].start()]):
        _, end, last = _part(found[1])
        return When(start, end, f"{first}至{last}")
    # A remark in brackets ("（建国之初）") stays with the time it qualifies.
    if remark.startswith(("（", "(")):
        return When(start, first_end, first + remark.replace("(", "（").replace(")", "）"))
    return When(start, first_end, first)


def placed(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with ``start``, ``end`` (years with a fraction) and ``when_label``;
    rows in time order (the file's order among equals)."""
    if timeline.empty:
        return timeline.assign(start=pd.Series(dtype="float64"), end=pd.Series(dtype="float64"), when_label="")
    whens = timeline["when"].map(parse_when)
    out = timeline.assign(
        start=[w.start if w else float("nan") for w in whens],
        end=[w.end if w else float("nan") for w in whens],
        when_label=[w.label if w else str(t) for w, t in zip(whens, timeline["when"])],
    )
    return out.dropna(subset=["start"]).sort_values("start", kind="stable").reset_index(drop=True)


def levels_of(timeline: pd.DataFrame) -> list[str]:
    """The levels the timeline uses, in the order 全国 → 镇 (rows without one: 未注明)."""
    used = set(timeline["level"].dropna()) if "level" in timeline.columns else set()
    unmarked = ["未注明"] if "level" not in timeline.columns or timeline["level"].isna().any() else []
    return [lv for lv in LEVELS if lv in used] + unmarked


def level_column(timeline: pd.DataFrame) -> pd.Series:
    if "level" not in timeline.columns:
        return pd.Series("未注明", index=timeline.index)
    return timeline["level"].fillna("未注明")


def select(timeline: pd.DataFrame, levels: list[str] | tuple[str, ...] | None, years: tuple[int, int] | None) -> pd.DataFrame:
    """The placed events of ``levels`` (None: all) that overlap the years ``[start, end]``."""
    rows = placed(timeline)
    if levels is not None:
        rows = rows[level_column(rows).isin(levels)]
    if years is not None:
        low, high = years
        rows = rows[(rows["end"] > low) & (rows["start"] < high + 1)]
    return rows.reset_index(drop=True)


def year_span(timeline: pd.DataFrame) -> tuple[int, int]:
    rows = placed(timeline)
    if rows.empty:
        return (2012, 2022)
    return int(rows["start"].min()), int(rows["end"].max() - 1e-9)


def ledger_then_and_now(indicators: pd.DataFrame, start: float, end: float) -> tuple[int | None, list[ThenAndNow]]:
    """The ledger beside an event: the first year of the event's time that has ledger figures,
    and for each region and indicator with a figure that year, that year against its latest
    (the ledger's own then-and-now: one display unit, the leading source). ``(None, [])``
    when the ledger has nothing for those years (it starts in 2012)."""
    if indicators.empty:
        return None, []
    years = sorted(set(indicators["year"].dropna().astype(int)))
    in_span = [y for y in years if int(start) <= y < max(end, start + 1e-9)]
    if not in_span:
        return None, []
    year = in_span[0]
    found = []
    pairs = indicators.loc[indicators["year"] == year, ["region", "indicator"]].drop_duplicates()
    for region, indicator in pairs.itertuples(index=False):
        comparison = ledger.then_and_now(ledger.select(indicators, indicator, [region]), region, year, None)
        if comparison is not None and comparison.start_year == year:
            found.append(comparison)
    return year, found
