"""What the hub's pages show, read through ibis from the hub's tables (PostgreSQL on the hub,
DuckDB on a laptop that rolls up its villages' bundles): the periods the towns' pages offer,
each period's coverage by grid and the towns' hiding patterns, and who reported when."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pandas as pd

from ..core.fmt import cn_date, cn_month
from . import rollups
from .status import BEIJING

OPEN_START, OPEN_END = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    name: str = field(default="", compare=False)  # as the towns' pages call it (集中教育阶段（…）)

    @property
    def key(self) -> str:
        """How a page's address names it: 2023-12-01..2024-03-31, or .. for all time."""
        return f"{self.start or ''}..{self.end or ''}"

    @classmethod
    def of(cls, key: str, name: str = "") -> Period:
        start, _, end = key.partition("..")
        return cls(dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None, name)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        if self.start is None and self.end is None:
            return "全部时间"
        if self.start and self.end:
            if _is_month(self):
                return cn_month(self.start)
            return f"{cn_date(self.start)}至{cn_date(self.end)}"
        return f"{cn_date(self.start)}起" if self.start else f"至{cn_date(self.end)}"  # type: ignore[arg-type]


def _payloads(frame: pd.DataFrame) -> list[dict]:
    return [json.loads(p) if isinstance(p, str) else dict(p) for p in frame["payload"]]


def hidden_records(con) -> pd.DataFrame:
    """Every town's hiding patterns: town, unit, period, town_hidden, unit_hidden, grids."""
    r = con.table("records")
    raw = r.filter(r.kind == "hidden").select("town", "unit", "payload").execute()
    rows = [
        {
            "town": town,
            "unit": unit,
            "period": Period.of(f"{p.get('start', '')}..{p.get('end', '')}", str(p.get("label", ""))),
            "town_hidden": bool(p.get("town")),
            "unit_hidden": bool(p.get("unit")),
            "grids": [str(g) for g in p.get("grids", [])],
        }
        for town, unit, p in zip(raw["town"], raw["unit"], _payloads(raw))
    ]
    return pd.DataFrame(rows, columns=["town", "unit", "period", "town_hidden", "unit_hidden", "grids"])


def periods(patterns: pd.DataFrame) -> list[Period]:
    """The periods the towns' own pages offer: the longest first (the phase), then months in
    order, all time last."""
    found = set(patterns["period"])
    bounded = sorted((p for p in found if p.start and p.end), key=lambda p: (-(p.end - p.start).days, p.start))
    months = [p for p in bounded if _is_month(p)]
    longer = [p for p in bounded if p not in months]
    return [*longer, *sorted(months, key=lambda p: p.start), *(p for p in found if p not in bounded)]


def _is_month(period: Period) -> bool:
    """A whole calendar month."""
    if period.start is None or period.end is None:
        return False
    whole = period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1
    return whole and (period.start.year, period.start.month) == (period.end.year, period.end.month)


def coverage_patterns(con, patterns: pd.DataFrame, offered: list[Period], kept: dict | None = None) -> dict[Period, dict]:
    """The hiding pattern of every period offered, solved together (see :mod:`.disclosure`).
    ``kept``: each town's first stage from an earlier call, solved again only for a town that
    has reported since (or when the periods offered changed)."""
    from ..core.disclosure import spans, stretches
    from .disclosure import banner_pattern, town_pattern

    kept = {} if kept is None else kept
    bounds = stretches(offered)
    periods_of = {p: spans(p, bounds) for p in offered}
    d = con.table("deliveries")
    state = dict(d.group_by("town").aggregate(last=d.id.max()).execute().itertuples(index=False))
    present = sorted(con.table("units").select("town").distinct().execute()["town"])  # a forgotten town is gone
    version = {town: (state.get(town), tuple(p.key for p in offered)) for town in present}
    stale = [town for town in present if town not in kept or kept[town][0] != version[town]]
    # Many towns to solve (the first page after a start): one query per stretch for the banner,
    # cut per town; a few (a town has reported): each town's own.
    banner = [grid_cells(con, Period(a, b)) for a, b in bounds] if len(stale) > 3 else None
    for town in stale:
        if banner is None:
            parts = [grid_cells(con, Period(a, b), town=town) for a, b in bounds]
        else:
            parts = [part[part["town"] == town].reset_index(drop=True) for part in banner]
        first = town_pattern(parts, periods_of, patterns[patterns["town"] == town]) if len(parts[0]) else {}
        kept[town] = (version[town], parts, first)
    towns = {town: kept[town][1:] for town in present if len(kept[town][1][0])}
    return banner_pattern(towns, periods_of)


def grid_cells(con, period: Period, town: str | None = None) -> pd.DataFrame:
    """Coverage of every grid (a unit without grids: one row, grid "") in the period: town,
    unit, grid, registered, visited."""
    table = rollups.coverage(
        con.table("records"),
        con.table("units"),
        con.table("household_visits"),
        period.start or OPEN_START,
        period.end or OPEN_END,
        level="grid",
        town=town,
    )
    cells = table.select("town", "unit", "grid", "registered", "visited").execute()
    return cells.astype({"registered": "int64", "visited": "int64"}).reset_index(drop=True)


def illustrative_towns(con) -> set[str]:
    """Towns whose last delivery came from a 示例 campaign."""
    d = con.table("deliveries")
    last = d.group_by("town").aggregate(last=d.id.max())
    joined = d.join(last, (d.town == last.town) & (d.id == last.last)).select(d.town, d.illustrative).execute()
    return set(joined.loc[joined["illustrative"].astype(bool), "town"])


def weekly(con, today: dt.date, weeks: int = 8) -> pd.DataFrame:
    """The last ``weeks`` weeks of reporting per town, this week last (Beijing time)."""
    start = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    frame = rollups.weekly_reports(con.table("deliveries"), con.table("towns"), start, today).execute()
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return frame


def last_deliveries(con) -> pd.DataFrame:
    """Per town: when it last reported (Beijing time), by which way, and what that report added."""
    d = con.table("deliveries")
    towns = con.table("towns")
    last = d.group_by("town").aggregate(last=d.id.max())
    latest = d.join(last, (d.town == last.town) & (d.id == last.last)).select(d.town, d.received, d.via, d.added)
    joined = towns.left_join(latest, towns.town == latest.town).select(towns.town, latest.received, latest.via, latest.added)
    frame = joined.order_by("town").execute()
    frame["received"] = pd.to_datetime(frame["received"], utc=True).dt.tz_convert(BEIJING)
    return frame


def weekly_by_unit(con, town: str, today: dt.date, weeks: int = 8) -> pd.DataFrame:
    """The last ``weeks`` weeks of reporting per village or community of one town."""
    start = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
    frame = rollups.weekly_reports_by_unit(con.table("deliveries"), con.table("units"), start, today, town=town).execute()
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return frame


def last_files(con, town: str) -> dict[str, str]:
    """The spreadsheets of the town's last report and their fingerprints (which version of the
    ledger it used)."""
    d = con.table("deliveries")
    rows = d.filter(d.town == town).order_by(d.id.desc()).limit(1).select("fingerprints").execute()
    if rows.empty:
        return {}
    value = rows["fingerprints"].iloc[0]
    return dict(json.loads(value) if isinstance(value, str) else value or {})


def payloads(con, kind: str) -> list[tuple[str, dict]]:
    """(town, payload) of every record of a kind, by town and id (the selections' tallies and the
    quizzes' questions are lists in the payload: read as they were sent)."""
    r = con.table("records")
    raw = r.filter(r.kind == kind).order_by(["town", "record_id"]).select("town", "payload").execute()
    return list(zip(raw["town"], _payloads(raw)))


def today_in_beijing() -> dt.date:
    """The hub's own day (never a laptop's clock)."""
    return dt.datetime.now(BEIJING).date()
