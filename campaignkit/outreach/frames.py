"""The frames the outreach pages show, from one :class:`~.data.OutreachData`: coverage (suppressed
for meetings), the weekly calendar, carriers, 诉求, screenings per village and month, the
shared stories told with consent, and the periods a page offers."""

from __future__ import annotations

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress
from ..core.fmt import cn_date
from ..core.people import mask_name
from .coverage import Period, months_without
from .data import OutreachData

TOWN = "全镇"


def coverage_rows(outreach: OutreachData, unit: str, period: Period) -> tuple[pd.DataFrame, pd.Series, bool]:
    """For the town: one row per unit (label ``name``); for a unit: one row per grid. With the
    total, and whether the total is hidden. Every outreach page is a meeting page: it hides what the
    period's one pattern hides: ``hidden`` says why ("primary": fewer than 5 households,
    "secondary": it would give one back), and visited and rate are blanked."""
    store = outreach.store
    if unit == TOWN:
        rows = store.coverage("unit", period=period).assign(name=lambda f: f["unit"])
        keys = [("unit", u) for u in rows["unit"]]
        total, total_key = store.coverage("town", period=period).iloc[0], ("town",)
    else:
        rows = store.coverage("grid", unit=unit, period=period).assign(name=lambda f: f["grid"])
        keys = [("grid", unit, g) for g in rows["grid"]]
        total, total_key = store.coverage("unit", unit=unit, period=period).iloc[0], ("unit", unit)
    pattern = outreach.hidden(period)
    rows["hidden"] = [pattern.get(k, "") for k in keys]
    hidden = rows["hidden"] != ""
    rows["visited"] = rows["visited"].astype(float).where(~hidden)
    rows["rate"] = rows["rate"].where(~hidden)
    return rows, total, total_key in pattern


def weekly(outreach: OutreachData, unit: str, period: Period) -> pd.DataFrame:
    return outreach.store.activity_summary(["week", "method"], unit=None if unit == TOWN else unit, period=period)


def carriers(outreach: OutreachData, unit: str, period: Period) -> pd.DataFrame:
    return outreach.store.activity_summary(["carrier"], unit=None if unit == TOWN else unit, period=period)


def methods(outreach: OutreachData, unit: str, period: Period) -> pd.DataFrame:
    """Activities and attendance by method × audience (the table under the calendar)."""
    return outreach.store.activity_summary(["method", "audience"], unit=None if unit == TOWN else unit, period=period)


def demands(outreach: OutreachData, unit: str, period: Period) -> pd.DataFrame:
    """诉求 raised in the period per unit, for a meeting: a count of fewer than 5 is blanked, and
    so is whichever other count would give it back (the unit's total less the others); the days
    are shown only when taken over 5 or more 诉求."""
    summary = outreach.store.demand_summary(period=period)
    if unit != TOWN:
        summary = summary[summary["unit"] == unit].reset_index(drop=True)
    parts = ["closed", "in_progress", "not_started"]
    out = summary.astype({c: "float64" for c in ["raised", *parts]})
    for i, row in summary.iterrows():
        values = [float(row[c]) for c in parts]
        candidates = {c: Candidate(frozenset([k]), int(row[c])) for k, c in enumerate(parts)}
        candidates["raised"] = Candidate(frozenset(range(3)), int(row["raised"]))
        for key in suppress(values, candidates, minimum=MIN_COUNT, absolute=1.0):
            out.at[i, key] = float("nan")
        if row["closed"] < MIN_COUNT:
            out.at[i, "median_days"] = float("nan")
        if row["in_progress"] + row["not_started"] < MIN_COUNT:
            out.at[i, "oldest_open_days"] = float("nan")
    return out


def screening_units(outreach: OutreachData, unit: str = TOWN) -> list[str]:
    """The units that must have a screening every month of the campaign: its 嘎查村 and 社区."""
    return [u.name for u in outreach.config.units if u.kind in ("嘎查村", "社区") and unit in (TOWN, u.name)]


def screening_notes(outreach: OutreachData, unit: str = TOWN) -> list[str]:
    """The double-bookings and the months a village had no screening, in words."""
    conflicts = outreach.store.conflicts()
    if unit != TOWN:
        conflicts = conflicts[(conflicts["unit_a"] == unit) | (conflicts["unit_b"] == unit)]
    notes = [
        f"撞车：{c.crew} {cn_date(c.start_a.date())} {c.start_a:%H:%M}—{c.end_a:%H:%M} 在{c.unit_a}{c.place_a}，"
        f"{c.start_b:%H:%M}—{c.end_b:%H:%M} 又在{c.unit_b}{c.place_b}"
        for c in conflicts.itertuples(index=False)
    ]
    if outreach.period.start is None or outreach.period.end is None:
        return [*notes, "campaign.toml 没有写活动期（[period] start 和 end），无法检查每个村每月有没有放映演出"]
    missing = months_without(outreach.store.screenings_by_month(), screening_units(outreach, unit), outreach.period)
    return notes + [f"{m.year}年{m.month}月 {u} 一场也没有" for m, u in zip(missing["month"], missing["unit"])]


def screening_table(outreach: OutreachData, unit: str = TOWN) -> pd.DataFrame:
    """Units (嘎查村 and 社区) × months of the campaign: screenings held (0 where none)."""
    counts = outreach.store.screenings_by_month()
    units = screening_units(outreach, unit)
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


def stories(outreach: OutreachData, unit: str) -> pd.DataFrame:
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
