"""The frames the outreach pages show, from one :class:`~.book.Outreach`: coverage (suppressed
for meetings), the weekly calendar, carriers, 诉求, screenings per village and month, the
shared stories told with consent, and the periods a page offers."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..core.people import mask_name
from .book import Outreach
from .coverage import ALL_TIME, Period
from .disclosure import suppress_coverage

TOWN = "全镇"


def periods(outreach: Outreach, today: dt.date | None = None) -> list[tuple[str, Period]]:
    """The concentrated phase, then each month from the start to the last record, then all time."""
    today = today or dt.date.today()
    phase = outreach.period
    options: list[tuple[str, Period]] = []
    if phase.start and phase.end:
        options.append((f"集中教育阶段（{phase.label()}）", phase))
    dates = pd.concat(
        [outreach.log.current["date"], outreach.activities().get("date", pd.Series(dtype="datetime64[ns]"))]
    ).dropna()
    if phase.start and len(dates):
        last = min(dates.max().date(), today)
        for month in pd.date_range(pd.Timestamp(phase.start).replace(day=1), pd.Timestamp(last), freq="MS"):
            end = (month + pd.offsets.MonthEnd(0)).date()
            options.append((f"{month.year}年{month.month}月", Period(month.date(), end)))
    options.append(("全部时间", ALL_TIME))
    return options


def coverage_rows(
    outreach: Outreach, unit: str, period: Period, *, suppressed: bool = True
) -> tuple[pd.DataFrame, pd.Series, bool]:
    """For the town: one row per unit (label ``name``); for a unit: one row per grid. With the
    total, and whether the total is hidden (meeting pages: ``suppressed``)."""
    store = outreach.store
    if unit == TOWN:
        rows = store.coverage("unit", period=period).assign(name=lambda f: f["unit"])
        total = store.coverage("town", period=period).iloc[0]
    else:
        rows = store.coverage("grid", unit=unit, period=period).assign(name=lambda f: f["grid"])
        total = store.coverage("unit", unit=unit, period=period).iloc[0]
    if not suppressed:
        return rows.assign(hidden=""), total, False
    shown, total_hidden = suppress_coverage(rows, total)
    return shown, total, total_hidden


def weekly(outreach: Outreach, unit: str, period: Period) -> pd.DataFrame:
    return outreach.store.activity_summary(["week", "method"], unit=None if unit == TOWN else unit, period=period)


def carriers(outreach: Outreach, unit: str, period: Period) -> pd.DataFrame:
    return outreach.store.activity_summary(["carrier"], unit=None if unit == TOWN else unit, period=period)


def methods(outreach: Outreach, unit: str, period: Period) -> pd.DataFrame:
    """Activities and attendance by method × audience (the table under the calendar)."""
    return outreach.store.activity_summary(["method", "audience"], unit=None if unit == TOWN else unit, period=period)


def demands(outreach: Outreach, unit: str) -> pd.DataFrame:
    summary = outreach.store.demand_summary()
    return summary if unit == TOWN else summary[summary["unit"] == unit].reset_index(drop=True)


def screening_table(outreach: Outreach, unit: str = TOWN) -> pd.DataFrame:
    """Units (嘎查村 and 社区) × months of the campaign: screenings held (0 where none)."""
    counts = outreach.store.screenings_by_month()
    units = [u.name for u in outreach.config.units if u.kind in ("嘎查村", "社区")]
    if unit != TOWN:
        units = [u for u in units if u == unit]
    phase = outreach.period
    if phase.start and phase.end:
        months = list(pd.date_range(pd.Timestamp(phase.start).replace(day=1), pd.Timestamp(phase.end), freq="MS"))
    else:
        months = sorted(pd.to_datetime(counts["month"]).unique())
    table = pd.DataFrame(0, index=units, columns=months)
    for u, m, n in zip(counts["unit"], pd.to_datetime(counts["month"]), counts["screenings"]):
        if u in table.index and m in table.columns:
            table.loc[u, m] = int(n)
    return table


def stories(outreach: Outreach, unit: str) -> pd.DataFrame:
    """Shared stories whose teller agreed to show them: kind, teller (masked), date, unit, story."""
    a = outreach.table("activities")
    if a.empty or "story_kind" not in a.columns:
        return pd.DataFrame(columns=["story_kind", "teller", "date", "unit", "story"])
    told = a[a["story_kind"].notna() & a["consent"].fillna(False).astype(bool)]
    if unit != TOWN:
        told = told[told["unit"] == unit]
    return pd.DataFrame(
        {
            "story_kind": told["story_kind"],
            "teller": [mask_name(n) if isinstance(n, str) else "" for n in told.get("storyteller", [None] * len(told))],
            "date": told["date"],
            "unit": told["unit"],
            "story": told.get("story", pd.Series([None] * len(told), index=told.index)),
        }
    ).reset_index(drop=True)
