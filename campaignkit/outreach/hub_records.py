"""What the outreach reports to the banner's hub: how many households each grid registers,
door visits by household code (no cadre,
no words of the demand: they may name people), activities and screenings by their ids (no
lecturer, storyteller, crew or phone number), and what the town's own meeting pages hide for each
period they offer, so that the hub hides it too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..hookspecs import HubRecord
from .coverage import UNGRIDDED
from .data import OutreachData, periods


def hub_records(campaign: Path) -> list[HubRecord]:
    data = OutreachData(campaign)
    return [*_households(data), *_visits(data), *_activities(data), *_screenings(data), *_hidden(data)]


def _households(data: OutreachData) -> list[HubRecord]:
    """How many households each grid registers (and how many are 农牧民): what coverage is a
    share of, as counts only."""
    h = data.households
    if h.empty:
        return []
    grouped = h.assign(grid=h["grid"].fillna("").astype(str)).groupby(["unit", "grid"], sort=True)
    return [
        HubRecord(
            kind="households",
            record_id=f"{unit}#{grid}",
            unit=str(unit),
            data={"grid": grid, "households": int(len(rows)), "farmers": int(rows["farmer"].sum())},
            replaceable=True,
        )
        for (unit, grid), rows in grouped
    ]


def _numbered(keys: list[str]) -> list[str]:
    """A trainer's id used twice in a unit (A055 for one event with two carriers, counted as two
    on the laptop too): the second is A055#2, so each row stays one record on the hub."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return out


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _visits(data: OutreachData) -> list[HubRecord]:
    records = data.log.records
    if records.empty:
        return []
    where = data.households.set_index("household_id")[["unit", "grid"]]
    out = []
    for row in records.itertuples(index=False):
        unit, grid = (
            (where.loc[row.household_id, "unit"], where.loc[row.household_id, "grid"])
            if row.household_id in where.index
            else ("", "")
        )
        out.append(
            HubRecord(
                kind="visits",
                record_id=str(row.record_id),
                unit=_text(unit),
                data={
                    "household_id": str(row.household_id),
                    "grid": _text(grid),
                    "date": _day(row.date),
                    "demand": bool(_text(row.demand)),
                    "status": _text(row.status),
                    "closed_on": _day(row.closed_on),
                    "supersedes": _text(row.supersedes),
                },
            )
        )
    return out


def _activities(data: OutreachData) -> list[HubRecord]:
    a = data.activities()
    if a.empty:
        return []
    columns = ("method", "carrier", "audience", "topic")
    rows = a.to_dict("records")
    keys = _numbered([str(row["activity"]) for row in rows])
    return [
        HubRecord(
            kind="activities",
            record_id=key,
            unit=_text(row["unit"]),
            data={
                "date": _day(row["date"]),
                "grid": _text(row.get("grid")),
                **{c: _text(row.get(c)) for c in columns},
                "attendance": None if pd.isna(row.get("attendance")) else int(row["attendance"]),
            },
            replaceable=True,
        )
        for key, row in zip(keys, rows)
    ]


def _screenings(data: OutreachData) -> list[HubRecord]:
    s = data.table("screenings")
    if s.empty:
        return []
    rows = s.to_dict("records")
    given = [_text(row.get("screening_id")) for row in rows]
    keys = _numbered(
        [f"{row['unit']}#{g}" if g else f"{row['unit']}#{row['src_file']}#{row['src_row']}" for row, g in zip(rows, given)]
    )
    out = []
    for key, row in zip(keys, rows):
        out.append(
            HubRecord(
                kind="screenings",
                record_id=key,
                unit=_text(row["unit"]),
                data={
                    "work": _text(row.get("work")),
                    "place": _text(row.get("place")),
                    "date": _day(row.get("date")),
                    "start_time": _text(row.get("start_time")),
                    "end_time": _text(row.get("end_time")),
                },
                replaceable=True,
            )
        )
    return out


def _hidden(data: OutreachData) -> list[HubRecord]:
    """For each period the meeting pages offer (the phase, each month, all time) and each unit:
    whether the pages hide the unit's figure and which of its grids, and whether the town's own
    total — computed by the laptop, whose pages know the groups (农牧民, 低保) the hub never sees."""
    if data.households.empty:
        return []
    out = []
    for label, period in periods(data):
        pattern = data.hidden(period)
        start, end = (day.isoformat() if day else "" for day in (period.start, period.end))
        for unit in data.units:
            grids = sorted("" if key[2] == UNGRIDDED else _text(key[2]) for key in pattern if key[0] == "grid" and key[1] == unit)
            out.append(
                HubRecord(
                    kind="hidden",
                    record_id=f"{start}..{end}",
                    unit=unit,
                    data={
                        "label": label,
                        "start": start,
                        "end": end,
                        "town": ("town",) in pattern,
                        "unit": ("unit", unit) in pattern,
                        "grids": grids,
                    },
                    replaceable=True,
                )
            )
    return out
