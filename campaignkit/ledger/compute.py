"""The development ledger (发展账): pick an indicator's values for display, and
compare then with now. Pure functions over the ``indicators`` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core import units
from ..core.fmt import cn_quantity, fmt_number
from ..core.frames import any_illustrative, between_years

DISAGREEMENT_NOTE = "部分年份不同来源的数值不同，都已画出（空心菱形为其他来源），讲解时请说明口径。"
SHOWN_COLUMNS = [
    "region",
    "year",
    "value",
    "unit",
    "primary",
    "source",
    "source_url",
    "source_kind",
    "illustrative",
    "original_value",
    "original_unit",
    "note",
    "src_file",
    "src_row",
]


@dataclass
class Selection:
    """An indicator's values ready to plot, in one display unit.

    ``frame`` has one row per value shown (columns :data:`SHOWN_COLUMNS`);
    ``primary`` marks the value drawn on the line for a region and year (an
    official source first); the others are other sources' values for the
    same year. ``notes`` says in Chinese what was left out and why.
    """

    indicator: str
    unit: str | None
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def illustrative(self) -> bool:
        return any_illustrative(self.frame)

    @property
    def disagreements(self) -> pd.DataFrame:
        """Region-years where sources give different values."""
        counts = self.frame.groupby(["region", "year"])["value"].nunique()
        return counts[counts > 1].reset_index()[["region", "year"]]

    def between(self, start: int | None, end: int | None) -> Selection:
        """The same selection limited to the years ``start``–``end``."""
        part = Selection(
            self.indicator,
            self.unit,
            between_years(self.frame, start, end).reset_index(drop=True),
            [n for n in self.notes if n != DISAGREEMENT_NOTE],
        )
        if len(part.disagreements):
            part.notes.append(DISAGREEMENT_NOTE)
        return part

    @property
    def sources(self) -> pd.DataFrame:
        """Distinct sources of the shown values, in order of appearance."""
        return self.frame[["source", "source_url", "source_kind"]].drop_duplicates("source").reset_index(drop=True)


def indicator_menu(indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per (category, indicator): regions and years available, for pickers."""
    if indicators.empty:
        return pd.DataFrame(columns=["category", "indicator", "regions", "first_year", "last_year", "values"])
    frame = indicators.assign(category=indicators.get("category", pd.Series(index=indicators.index, dtype="str")).fillna("其他"))
    grouped = frame.groupby(["category", "indicator"], sort=True)
    return pd.DataFrame(
        {
            "regions": grouped["region"].agg(lambda s: sorted(s.dropna().unique())),
            "first_year": grouped["year"].min().astype("int64"),
            "last_year": grouped["year"].max().astype("int64"),
            "values": grouped.size(),
        }
    ).reset_index()


# The campaign's 发展账 decade: the laptop's dashboard and the phone page open on the same
# years, so a hall never hears two different "增长了 …%" for one indicator.
LEDGER_SPAN = (2012, 2022)


def default_span(first: int, last: int) -> tuple[int, int]:
    """The years an indicator with data from ``first`` to ``last`` opens on: the decade where
    the data reaches it, else all of its years."""
    start = max(first, LEDGER_SPAN[0]) if first <= LEDGER_SPAN[1] else first
    end = min(last, LEDGER_SPAN[1]) if last >= LEDGER_SPAN[0] else last
    return start, max(end, start)


def _display_unit(rows: pd.DataFrame) -> str | None:
    """The unit most rows use (ties go to the first seen), said in Chinese: a figure a source
    gave in English units is shown in its Chinese base unit (27.73 billion kg → 2,773万吨;
    the axis and sentences add 万 and 亿)."""
    counts = rows["unit"].value_counts(sort=True)
    if not len(counts):
        return None
    unit = counts.index[0]
    base = units.base_of(unit)
    if base and _LATIN.search(str(unit)):
        return base[0]
    return unit


_LATIN = re.compile(r"[A-Za-z]")


def select(
    indicators: pd.DataFrame, indicator: str, regions: list[str] | None = None, start: int | None = None, end: int | None = None
) -> Selection:
    """The values of ``indicator`` for ``regions`` between ``start`` and ``end`` (inclusive)."""
    rows = indicators[indicators["indicator"] == indicator]
    if regions:
        rows = rows[rows["region"].isin(regions)]
    rows = between_years(rows, start, end)
    notes: list[str] = []
    unit = _display_unit(rows)
    if rows.empty or unit is None:
        return Selection(indicator, unit, pd.DataFrame(columns=SHOWN_COLUMNS), notes)
    target = units.base_of(unit)
    if target:
        same_base = rows["base_unit"] == target[0]
        values = rows["base_value"] / target[1]
    else:
        same_base = rows["unit"] == unit
        values = rows["value"]
    left_out = rows[~same_base]
    if len(left_out):
        notes.append(
            f"有 {len(left_out)} 个数值的单位（{'、'.join(map(str, left_out['unit'].unique()))}）"
            f"无法换算成{unit}，没有画出，见数据表。"
        )
    kept = rows[same_base]
    frame = pd.DataFrame(
        {
            "region": kept["region"].to_numpy(),
            "year": kept["year"].astype("int64").to_numpy(),
            "value": values[same_base].astype("float64").to_numpy(),
            "unit": unit,
            "source": kept["source"].to_numpy(),
            "source_url": _col(kept, "source_url"),
            "source_kind": _col(kept, "source_kind"),
            "illustrative": _col(kept, "illustrative", False).astype(bool),
            "original_value": kept["value"].to_numpy(),
            "original_unit": kept["unit"].to_numpy(),
            "note": _col(kept, "note"),
            "src_file": _col(kept, "src_file"),
            "src_row": _col(kept, "src_row"),
        }
    )
    # An official source leads; otherwise the file's order.
    frame["_rank"] = np.where(frame["source_kind"] == "官方", 0, 1)
    frame = frame.sort_values(["region", "year", "_rank", "src_row"], kind="stable").drop(columns="_rank")
    frame["primary"] = ~frame.duplicated(["region", "year"])
    frame = frame[SHOWN_COLUMNS].reset_index(drop=True)
    return Selection(indicator, unit, frame, notes).between(None, None)


def _col(frame: pd.DataFrame, name: str, default=None) -> np.ndarray:
    if name in frame.columns:
        return frame[name].to_numpy()
    return np.full(len(frame), default, dtype=object)


@dataclass
class ThenAndNow:
    """First and last year of a span for one region: value, change, multiple, years between."""

    region: str
    indicator: str
    unit: str | None
    start_year: int
    end_year: int
    start_value: float
    end_value: float
    start_source: str
    end_source: str
    illustrative: bool
    caveat: str | None = None
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def years(self) -> int:
        return self.end_year - self.start_year

    @property
    def change(self) -> float:
        return self.end_value - self.start_value

    @property
    def percent(self) -> float | None:
        return None if self.start_value == 0 else self.change / abs(self.start_value) * 100

    @property
    def multiple(self) -> float | None:
        return None if self.start_value == 0 else self.end_value / self.start_value

    def sentence(self) -> str:
        """The comparison in one plain sentence, as a lecturer would say it."""
        unit = self.unit or ""
        text = (
            f"{self.region}{self.indicator}：{self.start_year}年 {cn_quantity(self.start_value, unit)}，"
            f"{self.end_year}年 {cn_quantity(self.end_value, unit)}，{self.years} 年间"
        )
        if unit == "%":
            text += f"{'提高' if self.change >= 0 else '下降'}了 {fmt_number(abs(self.change))} 个百分点。"
        elif self.multiple is not None and self.multiple >= 2:
            text += f"增长到原来的 {self.multiple:.1f} 倍。"
        elif self.percent is not None:
            text += f"{'增长' if self.change >= 0 else '下降'}了 {abs(self.percent):.1f}%。"
        else:
            text += f"变化 {cn_quantity(self.change, unit)}。"
        return text


def then_and_now(selection: Selection, region: str, start: int | None = None, end: int | None = None) -> ThenAndNow | None:
    """Compare the first and last years with data in ``[start, end]``; None with fewer than two years."""
    rows = between_years(selection.frame[(selection.frame["region"] == region) & selection.frame["primary"]], start, end)
    if rows["year"].nunique() < 2:
        return None
    first, last = rows.iloc[0], rows.iloc[-1]
    span = selection.frame[(selection.frame["region"] == region) & selection.frame["year"].between(first["year"], last["year"])]
    return ThenAndNow(
        region,
        selection.indicator,
        selection.unit,
        int(first["year"]),
        int(last["year"]),
        float(first["value"]),
        float(last["value"]),
        str(first["source"]),
        str(last["source"]),
        any_illustrative(span),
        _caveat(first, last, span),
        pd.DataFrame([first, last])[["source", "source_url", "source_kind"]].drop_duplicates("source"),
    )


def _caveat(first: pd.Series, last: pd.Series, span: pd.DataFrame) -> str | None:
    notes = " ".join(str(n) for n in span["note"].dropna())
    if "口径" in notes:
        return "注意：这期间统计口径有变化（见备注），前后数字不完全可比。"
    if first["source"] != last["source"]:
        return "注意：两个年份的数字来自不同来源，口径可能不完全一致。"
    return None
