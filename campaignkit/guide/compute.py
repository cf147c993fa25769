"""The guide's points for a statement and an audience, and the evidence each rests on.
Pure functions over the ``guide``, ``timeline`` and ``indicators`` tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.declare import PAIR_SEPARATOR
from ..core.vocab import split_items
from .tables import STATEMENTS


@dataclass(frozen=True)
class Series:
    """An indicator series a point cites: "内蒙古自治区：地区生产总值"."""

    region: str
    indicator: str

    @classmethod
    def parse(cls, text: str) -> Series:
        region, _, indicator = text.partition(PAIR_SEPARATOR)
        return cls(region.strip(), indicator.strip())

    def __str__(self) -> str:
        return f"{self.region}{PAIR_SEPARATOR}{self.indicator}"


def points(guide: pd.DataFrame, statement: str | None = None, audience: str | None = None) -> pd.DataFrame:
    """The points of ``statement`` (all: None) that suit ``audience`` (a blank 适用对象 suits
    everyone), in the order of the six statements, then 序号, then the file's order."""
    rows = guide if statement is None else guide[guide["statement"] == statement]
    if audience is not None:
        suits = rows["audiences"].map(lambda text: not split_items(text) or audience in split_items(text))
        rows = rows[suits.astype(bool)]
    rank = rows["statement"].map({s: i for i, s in enumerate(STATEMENTS)})
    order = rows["order"] if "order" in rows.columns else pd.Series(0, index=rows.index)
    return (
        rows.assign(_rank=rank, _order=order.fillna(99), _row=rows.get("src_row", pd.Series(range(len(rows)), index=rows.index)))
        .sort_values(["_rank", "_order", "_row"], kind="stable")
        .drop(columns=["_rank", "_order", "_row"])
        .reset_index(drop=True)
    )


def coverage(guide: pd.DataFrame) -> pd.DataFrame:
    """Each of the six statements with how many points the guide has for it (0: nothing yet)."""
    counts = guide["statement"].value_counts() if len(guide) else pd.Series(dtype="int64")
    return pd.DataFrame({"statement": STATEMENTS, "points": [int(counts.get(s, 0)) for s in STATEMENTS]})


def events_of(point: pd.Series, timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline rows a point cites, in the order it cites them."""
    codes = split_items(point.get("events"))
    if not codes or timeline.empty:
        return timeline.iloc[0:0]
    found = timeline.set_index("code", drop=False)
    return found.loc[[c for c in codes if c in found.index]].reset_index(drop=True)


def series_of(point: pd.Series) -> list[Series]:
    return [Series.parse(text) for text in split_items(point.get("series"), commas=False)]
