"""Who has been reached: coverage by unit and grid, 诉求 and how long they took, activities by
method, carrier and audience, screenings per village and month and the crews double-booked —
every figure written once as an ibis expression, run by an embedded DuckDB by default and by
any other ibis backend unchanged (Polars in the tests and the benchmark).

The rules a leader is assessed on:
- a household counts in the unit and grid the register (户表) puts it in now; a household that
  moved grid during the period counts once, in its present grid, with every visit it had;
- a household visited several times in the period counts once (the repeats are listed);
- a grid with no registered household has no rate ("无对象"), never 100 %;
- a rate is visited ÷ registered households of the same grid, so it cannot exceed 100 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ibis
import pandas as pd
import pyarrow as pa

from ..core import clock

UNGRIDDED = "未分网格"
FARMERS = ("牧户", "农户", "农牧户")  # 户类型 of the plan's 农牧民
# The plan's named groups, and how the register shows them (None: no table carries it yet).
GROUPS = {"农牧民": "farmer", "城镇低保户": "dibao", "个体工商户": None, "离退休人员": None}
HOUSEHOLD_COLUMNS = {"household_id": "string", "unit": "string", "grid": "string", "farmer": "bool", "dibao": "bool"}
VISIT_COLUMNS = {"household_id": "string", "date": "timestamp"}
ACTIVITY_COLUMNS = {
    "activity": "string",
    "date": "timestamp",
    "unit": "string",
    "grid": "string",
    "method": "string",
    "carrier": "string",
    "audience": "string",
    "attendance": "float64",
}
DEMAND_COLUMNS = {
    "record_id": "string",
    "household_id": "string",
    "date": "timestamp",
    "status": "string",
    "closed_on": "timestamp",
}
SCREENING_COLUMNS = {
    "row": "int64",
    "work": "string",
    "unit": "string",
    "place": "string",
    "start": "timestamp",
    "end": "timestamp",
    "crew": "string",
}


def _table(con, name: str, frame: pd.DataFrame, columns: dict[str, str]) -> ibis.Table:
    frame = frame.reindex(columns=list(columns))
    arrays = {}
    for column, kind in columns.items():
        values = frame[column]
        if kind == "timestamp":
            arrays[column] = pa.array(pd.to_datetime(values).astype("datetime64[us]"), type=pa.timestamp("us"))
        elif kind == "bool":
            arrays[column] = pa.array(values.fillna(False).astype(bool), type=pa.bool_())
        elif kind == "float64":
            arrays[column] = pa.array(pd.to_numeric(values).astype(float), type=pa.float64())
        elif kind == "int64":
            arrays[column] = pa.array(values.astype("int64"), type=pa.int64())
        else:
            text = values.map(lambda v: v if isinstance(v, str) else str(v), na_action="ignore")
            arrays[column] = pa.array(text, type=pa.string(), from_pandas=True)  # NaN and None are nulls
    return con.create_table(name, ibis.memtable(pa.table(arrays)))


@dataclass(frozen=True)
class Period:
    """From and to (both days included); None: open on that side."""

    start: dt.date | None = None
    end: dt.date | None = None

    def label(self) -> str:
        if self.start is None and self.end is None:
            return "全部时间"
        a = f"{self.start.year}年{self.start.month}月{self.start.day}日" if self.start else "开始"
        b = f"{self.end.year}年{self.end.month}月{self.end.day}日" if self.end else "现在"
        return f"{a}至{b}"


ALL_TIME = Period()


class OutreachStore:
    """Households, current visits, activities, 诉求 and screenings on one ibis connection.
    ``units`` and ``grids``: every unit and (unit, grid) campaign.toml declares, so that one
    with no registered household shows (as 无对象)."""

    def __init__(
        self,
        households: pd.DataFrame,
        visits: pd.DataFrame,
        *,
        grids: list[tuple[str, str]] = (),
        units: list[str] = (),
        activities: pd.DataFrame | None = None,
        demands: pd.DataFrame | None = None,
        screenings: pd.DataFrame | None = None,
        backend: str = "duckdb",
    ):
        self.backend = backend
        con = getattr(ibis, backend).connect()
        households = households.copy()
        households["grid"] = households["grid"].where(households["grid"].notna(), UNGRIDDED)
        self.households = _table(con, "households", households, HOUSEHOLD_COLUMNS)
        self.visits = _table(con, "visits", visits, VISIT_COLUMNS)
        self.activities = _table(con, "activities", _or_empty(activities, ACTIVITY_COLUMNS), ACTIVITY_COLUMNS)
        self.demands = _table(con, "demands", _or_empty(demands, DEMAND_COLUMNS), DEMAND_COLUMNS)
        self.screenings = _table(con, "screenings", _or_empty(screenings, SCREENING_COLUMNS), SCREENING_COLUMNS)
        declared = pd.DataFrame(list(grids), columns=["unit", "grid"])
        self.units = list(dict.fromkeys([*units, *declared["unit"], *households["unit"].dropna()]))
        self.grids = declared

    # -- coverage -------------------------------------------------------------------------
    def _visited(self, period: Period) -> ibis.Table:
        v = self.visits
        if period.start:
            v = v.filter(v.date >= pd.Timestamp(period.start))
        if period.end:
            v = v.filter(v.date < pd.Timestamp(period.end) + pd.Timedelta(days=1))
        return v.group_by("household_id").agg(visits=v.count())

    def coverage(self, by: str = "unit", *, unit: str | None = None, period: Period = ALL_TIME) -> pd.DataFrame:
        """Rows of unit (and grid with ``by="grid"``), registered, visited, rate (NaN where
        nothing is registered); ``unit`` narrows to one unit (the drill-down)."""
        if by not in ("unit", "grid", "town"):
            raise ValueError(f"unknown grouping: {by}")
        keys = {"town": [], "unit": ["unit"], "grid": ["unit", "grid"]}[by]
        h = self.households
        if unit is not None:
            h = h.filter(h.unit == unit)
        visited = self._visited(period)
        joined = h.left_join(visited, h.household_id == visited.household_id)
        reached = joined.visits.notnull().cast("int64")
        if keys:
            counted = joined.group_by(keys).agg(registered=joined.count(), visited=reached.sum()).execute()
        else:
            counted = pd.DataFrame([joined.aggregate(registered=joined.count(), visited=reached.sum()).execute().iloc[0]])
        return self._complete(counted, by, unit)

    def _complete(self, counted: pd.DataFrame, by: str, unit: str | None) -> pd.DataFrame:
        """Every declared unit or grid, with 0 registered where the register has none."""
        if by == "unit":
            frame = pd.DataFrame({"unit": [u for u in self.units if unit in (None, u)]})
            frame = frame.merge(counted, on="unit", how="left")
        elif by == "grid":
            declared = self.grids if unit is None else self.grids[self.grids["unit"] == unit]
            frame = pd.concat([declared, counted[["unit", "grid"]]]).drop_duplicates()
            frame = frame.merge(counted, on=["unit", "grid"], how="left")
            # campaign.toml's order (一组, 二组, 三组), not the alphabet's; undeclared grids last
            units = {u: i for i, u in enumerate(self.units)}
            grids = {(u, g): i for i, (u, g) in enumerate(zip(self.grids["unit"], self.grids["grid"]))}
            frame["_u"] = frame["unit"].map(units)
            frame["_g"] = [grids.get((u, g), len(grids)) for u, g in zip(frame["unit"], frame["grid"])]
            frame = frame.sort_values(["_u", "_g", "grid"]).drop(columns=["_u", "_g"])
        else:
            frame = counted
        frame["registered"] = frame["registered"].fillna(0).astype("int64")
        frame["visited"] = frame["visited"].fillna(0).astype("int64")
        frame["rate"] = (frame["visited"] / frame["registered"]).where(frame["registered"] > 0)
        return frame.reset_index(drop=True)

    def cells(self, *, period: Period = ALL_TIME) -> pd.DataFrame:
        """The finest table every coverage figure is a sum of: unit, grid, farmer, dibao,
        registered, visited (what the suppression of a meeting page works on)."""
        h = self.households
        visited = self._visited(period)
        joined = h.left_join(visited, h.household_id == visited.household_id)
        reached = joined.visits.notnull().cast("int64")
        keys = ["unit", "grid", "farmer", "dibao"]
        return joined.group_by(keys).agg(registered=joined.count(), visited=reached.sum()).order_by(keys).execute()

    def repeats(self, *, unit: str | None = None, period: Period = ALL_TIME) -> pd.DataFrame:
        """Households visited more than once in the period: household_id, unit, grid, visits."""
        h = self.households
        if unit is not None:
            h = h.filter(h.unit == unit)
        visited = self._visited(period)
        many = visited.filter(visited.visits > 1)
        joined = h.inner_join(many, h.household_id == many.household_id)
        out = joined.select(h.household_id, h.unit, h.grid, many.visits).order_by(["unit", "grid", "household_id"])
        return out.execute()

    def groups(self, *, unit: str | None = None, period: Period = ALL_TIME) -> pd.DataFrame:
        """Coverage of the plan's named groups: group, registered, visited, rate; ``carried``
        False where no table says who belongs to the group."""
        h = self.households
        if unit is not None:
            h = h.filter(h.unit == unit)
        visited = self._visited(period)
        joined = h.left_join(visited, h.household_id == visited.household_id)
        reached = joined.visits.notnull()
        sums = {}
        for flag in ("farmer", "dibao"):
            member = joined[flag]
            sums[f"{flag}_registered"] = member.cast("int64").sum()
            sums[f"{flag}_visited"] = (member & reached).cast("int64").sum()
        row = joined.aggregate(**sums).execute().iloc[0]
        rows = []
        for group, flag in GROUPS.items():
            if flag is None:
                rows.append({"group": group, "registered": 0, "visited": 0, "rate": float("nan"), "carried": False})
                continue
            registered, got = int(row[f"{flag}_registered"] or 0), int(row[f"{flag}_visited"] or 0)
            rate = got / registered if registered else float("nan")
            rows.append({"group": group, "registered": registered, "visited": got, "rate": rate, "carried": True})
        return pd.DataFrame(rows)

    # -- 诉求 -------------------------------------------------------------------------------
    def demand_summary(self, *, period: Period = ALL_TIME, today: dt.date | None = None) -> pd.DataFrame:
        """Per unit: 诉求 raised in the period, closed, in progress, not started; days to close
        (median, longest); the oldest still open (days)."""
        today = pd.Timestamp(today or clock.today())
        d, h = self.demands, self.households
        if period.start:
            d = d.filter(d.date >= pd.Timestamp(period.start))
        if period.end:
            d = d.filter(d.date < pd.Timestamp(period.end) + pd.Timedelta(days=1))
        j = d.inner_join(h, d.household_id == h.household_id)
        # Whole days between two dates, as epoch seconds (the one spelling every backend knows).
        days = (j.closed_on.epoch_seconds() - j.date.epoch_seconds()) / 86400
        waiting = (today.timestamp() - j.date.epoch_seconds()) / 86400
        out = j.group_by("unit").agg(
            raised=j.count(),
            closed=(j.status == "已办结").cast("int64").sum(),
            in_progress=(j.status == "办理中").cast("int64").sum(),
            not_started=(j.status == "未办").cast("int64").sum(),
            median_days=days.median(),
            longest_days=days.max(),
            oldest_open_days=ibis.cases((j.status != "已办结", waiting), else_=None).max(),
        )
        frame = out.execute()
        order = {u: i for i, u in enumerate(self.units)}
        return frame.sort_values("unit", key=lambda s: s.map(order)).reset_index(drop=True)

    # -- activities -------------------------------------------------------------------------
    def activity_summary(self, by: list[str], *, unit: str | None = None, period: Period = ALL_TIME) -> pd.DataFrame:
        """Activities (distinct) and attendance (人次) grouped by any of unit, week, month,
        method, carrier, audience."""
        allowed = {"unit", "week", "month", "method", "carrier", "audience"}
        if not set(by) <= allowed:
            raise ValueError(f"unknown grouping: {set(by) - allowed}")
        a = self.activities
        if unit is not None:
            a = a.filter(a.unit == unit)
        if period.start:
            a = a.filter(a.date >= pd.Timestamp(period.start))
        if period.end:
            a = a.filter(a.date < pd.Timestamp(period.end) + pd.Timedelta(days=1))
        a = a.mutate(week=a.date.truncate("W"), month=a.date.truncate("M"), carrier=a.carrier.fill_null("（未写载体）"))
        out = a.group_by(by).agg(activities=a.activity.nunique(), attendance=a.attendance.sum())
        return out.order_by(by).execute()

    # -- screenings -------------------------------------------------------------------------
    def screenings_by_month(self) -> pd.DataFrame:
        """unit, month, screenings."""
        s = self.screenings
        s = s.mutate(month=s.start.truncate("M"))
        return s.group_by(["unit", "month"]).agg(screenings=s.count()).order_by(["unit", "month"]).execute()

    def conflicts(self, *, month: dt.date | None = None) -> pd.DataFrame:
        """Pairs of screenings where one crew (放映员或剧团) is in two places at once: crew, and
        each one's row, unit, place, start, end."""
        s = self.screenings
        if month is not None:
            first = pd.Timestamp(month.year, month.month, 1)
            s = s.filter((s.start >= first) & (s.start < first + pd.offsets.MonthBegin(1)))
        a, b = s.view(), s.view()
        # Joined on the crew only, then narrowed: some backends (Polars) join on equalities only.
        pairs = a.inner_join(b, a.crew == b.crew)
        out = pairs.select(
            crew=a.crew,
            row_a=a.row,
            unit_a=a.unit,
            place_a=a.place,
            start_a=a.start,
            end_a=a.end,
            row_b=b.row,
            unit_b=b.unit,
            place_b=b.place,
            start_b=b.start,
            end_b=b.end,
        )
        out = out.filter((out.row_a < out.row_b) & (out.start_a < out.end_b) & (out.start_b < out.end_a))
        return out.order_by(["start_a", "row_a", "row_b"]).execute()


def _or_empty(frame: pd.DataFrame | None, columns: dict[str, str]) -> pd.DataFrame:
    return frame if frame is not None else pd.DataFrame(columns=list(columns))


def months_without(counts: pd.DataFrame, units: list[str], period: Period) -> pd.DataFrame:
    """For each month of the period, the villages with no screening: month, unit."""
    if period.start is None or period.end is None:
        return pd.DataFrame(columns=["month", "unit"])
    months = pd.date_range(pd.Timestamp(period.start).replace(day=1), pd.Timestamp(period.end), freq="MS")
    held = {(u, pd.Timestamp(m)) for u, m in zip(counts["unit"], counts["month"])}
    rows = [{"month": m, "unit": u} for m in months for u in units if (u, m) not in held]
    return pd.DataFrame(rows, columns=["month", "unit"])
