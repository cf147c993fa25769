"""The hub's roll-ups: each an ibis expression over the hub's tables (``records``, ``units``,
``deliveries``), so the same code runs on PostgreSQL on the hub and on DuckDB on a laptop (a
town's own roll-up of its villages' bundles), and compiles to a warehouse's SQL (Trino, Spark)
for a region that outgrows one server.

A record's fields live in its JSON ``payload``; :func:`visits`, :func:`households` and
:func:`activities` are the typed tables the roll-ups start from.
"""

from __future__ import annotations

import datetime as dt

import ibis
from ibis import _
from ibis.expr.types import Table

LEVELS = {"town": ("town",), "unit": ("town", "unit"), "grid": ("town", "unit", "grid")}


def _text(records: Table, field: str):
    return records.payload[field].str


def visits(records: Table) -> Table:
    """Door visits, each as the laptop keeps it now: a visit a later record corrects is left
    out (the correction counts instead), as on the laptop."""
    v = records.filter(records.kind == "visits").select(
        record_id=records.record_id,
        town=records.town,
        unit=records.unit,
        grid=_text(records, "grid"),
        household_id=_text(records, "household_id"),
        day=_text(records, "date").cast("date"),
        supersedes=_text(records, "supersedes"),
    )
    corrected = v.filter(v.supersedes.notnull() & (v.supersedes != "")).select(corrected_id=v.supersedes)
    return v.anti_join(corrected, v.record_id == corrected.corrected_id)


def households(records: Table) -> Table:
    h = records.filter(records.kind == "households")
    return h.select(
        town=h.town,
        unit=h.unit,
        grid=_text(h, "grid"),
        households=h.payload["households"].cast("int64"),
        farmers=h.payload["farmers"].cast("int64"),
    )


def activities(records: Table) -> Table:
    a = records.filter(records.kind == "activities")
    return a.select(
        town=a.town,
        unit=a.unit,
        day=_text(a, "date").cast("date"),
        method=_text(a, "method"),
        carrier=_text(a, "carrier"),
        attendance=a.payload["attendance"].cast("int64"),
    )


def coverage(
    records: Table,
    units: Table,
    household_visits: Table,
    start: dt.date,
    end: dt.date,
    level: str = "town",
    town: str | None = None,
) -> Table:
    """Households visited at least once in [start, end] over households registered, by town,
    village or grid (a household visited twice counts once; a corrected visit counts as its
    correction). Every unit and grid the towns' campaign.toml names is listed, one with no
    household registered with a rate of None (无对象). ``household_visits``: one row per visited
    household with its days (``hub/household_visits.py``)."""
    keys = list(LEVELS[level])
    hv = household_visits
    h = households(records)
    if town is not None:
        hv, h, units = hv.filter(hv.town == town), h.filter(h.town == town), units.filter(units.town == town)
    # Days are kept sorted: the first and the last decide most households without reading the
    # array (a phase that spans the season: all of them); only those visited before and after
    # the range are searched (a CASE evaluates its branches lazily on both engines).
    first, last = hv.days[0], hv.days[-1]
    within = hv.days.filter(lambda day: day.between(start, end)).length() > 0
    seen = hv.filter(ibis.cases(((first > end) | (last < start), False), ((first >= start) | (last <= end), True), else_=within))
    visited = seen.group_by(keys).aggregate(visited=_.count())
    registered = h.group_by(keys).aggregate(registered=_.households.sum())
    named = _texts(units, keys).union(_texts(h, keys)).distinct()
    joined = (
        named.left_join(registered, keys)
        .select(*[named[k] for k in keys], registered.registered)
        .left_join(visited, keys)
        .select(*[named[k] for k in keys], "registered", visited.visited)
    )
    joined = joined.mutate(registered=joined.registered.fill_null(0), visited=joined.visited.fill_null(0))
    if level == "grid":  # a unit without grids (an office) has no row by grid, as on the laptop
        joined = joined.filter((joined.grid != "") | (joined.registered > 0))
    return joined.mutate(rate=ibis.ifelse(joined.registered > 0, joined.visited / joined.registered, ibis.null())).order_by(keys)


def _texts(table: Table, keys: list[str]) -> Table:
    """The key columns alike in both tables (a column NOT NULL in one is not in the other)."""
    return table.select(**{k: table[k].cast("string") for k in keys})


def activities_by_method(records: Table, start: dt.date, end: dt.date, town: str | None = None) -> Table:
    """Activities and attendance per town, method and week (weeks start on Monday)."""
    a = activities(records)
    if town is not None:
        a = a.filter(a.town == town)
    a = a.filter(a.day.between(start, end)).mutate(week=a.day.truncate("W"))
    return (
        a.group_by(["town", "method", "week"])
        .aggregate(activities=_.count(), attendance=_.attendance.sum().fill_null(0))
        .order_by(["town", "method", "week"])
    )


def activities_by(records: Table, start: dt.date, end: dt.date, by: str = "method") -> Table:
    """Activities and attendance per town and method (or carrier) in [start, end]."""
    a = activities(records)
    a = a.filter(a.day.between(start, end))
    return (
        a.group_by(["town", by])
        .aggregate(activities=_.count(), attendance=_.attendance.sum().fill_null(0))
        .rename(kind=by)
        .order_by(["town", "kind"])
    )


def completeness(deliveries: Table, towns: Table, start: dt.date, end: dt.date) -> Table:
    """Per town: the last delivery in [start, end] (None: it has not reported) and how many."""
    d = deliveries.filter(deliveries.received.date().between(start, end))
    last = d.group_by("town").aggregate(last_received=_.received.max(), deliveries=_.count(), added=_.added.sum())
    joined = towns.left_join(last, towns.town == last.town).select(
        towns.town, last.last_received, deliveries=last.deliveries.fill_null(0), added=last.added.fill_null(0)
    )
    return joined.mutate(reported=joined.deliveries > 0).order_by("town")


def weekly_reports(deliveries: Table, towns: Table, start: dt.date, end: dt.date) -> Table:
    """Per town and week (Monday to Sunday, Beijing time) in [start, end]: whether it reported
    that week, how many records it sent, and, for a week it did not, how many days its last
    report was old by the week's end (None: it never reported before)."""
    d = deliveries.select("town", "id", "added", "received")
    return _weekly(d, towns.select("town"), ["town"], start, end)


def weekly_reports_by_unit(deliveries: Table, units: Table, start: dt.date, end: dt.date, town: str | None = None) -> Table:
    """Per village or community and week: whether a report came from it (a delivery names the
    units its laptop covers), and how many days its last one was old by the week's end."""
    d = deliveries.select("town", "id", "received", unit=deliveries.units.unnest())
    d = d.mutate(added=ibis.literal(0))  # what a delivery added is its whole laptop's, not a unit's
    named = units.select("town", "unit").distinct()
    if town is not None:
        d, named = d.filter(d.town == town), named.filter(named.town == town)
    return _weekly(d, named, ["town", "unit"], start, end).drop("added")


def _weekly(d: Table, names: Table, keys: list[str], start: dt.date, end: dt.date) -> Table:
    monday = start - dt.timedelta(days=start.weekday())
    weeks = ibis.memtable({"week": [monday + dt.timedelta(weeks=i) for i in range((end - monday).days // 7 + 1)]})
    weeks = weeks.mutate(week=weeks.week.cast("date"))
    d = d.mutate(day=(d.received + ibis.interval(hours=8)).date())  # Beijing time: UTC+8, no summer time
    grid = names.cross_join(weeks)
    same = [grid[k] == d[k] for k in keys]
    within = grid.left_join(d, [*same, d.day >= grid.week, d.day < grid.week + ibis.interval(days=7)]).select(
        *[grid[k] for k in keys], week=grid.week, delivery=d.id, added=d.added
    )
    sent = within.group_by([*keys, "week"]).aggregate(reports=_.delivery.count(), added=_.added.sum().fill_null(0))
    before = grid.left_join(d, [*same, d.day < grid.week + ibis.interval(days=7)]).select(
        *[grid[k] for k in keys], week=grid.week, day=d.day
    )
    last = before.group_by([*keys, "week"]).aggregate(last_day=_.day.max())
    joined = sent.join(last, [*keys, "week"]).select(*[sent[k] for k in keys], sent.week, sent.reports, sent.added, last.last_day)
    week_end = joined.week + ibis.interval(days=6)
    return (
        joined.mutate(
            reported=joined.reports > 0,
            days_since=ibis.ifelse(joined.reports > 0, 0, week_end.delta(joined.last_day, unit="day")),
        )
        .drop("last_day")
        .order_by([*keys, "week"])
    )


def evaluation(records: Table) -> Table:
    """Per town, questionnaire, wave and criterion: respondents, answers and positive answers
    (what each town's own evaluation page shows, summed by its laptop)."""
    e = records.filter(records.kind == "evaluation")
    e = e.select(
        town=e.town,
        form=_text(e, "form"),
        title=_text(e, "title"),
        wave=_text(e, "wave"),
        criterion=_text(e, "criterion"),
        respondents=e.payload["respondents"].cast("int64"),
        answered=e.payload["answered"].cast("int64"),
        positive=e.payload["positive"].cast("int64"),
    )
    keys = ["town", "form", "wave", "criterion"]
    return (
        e.group_by(keys)
        .aggregate(title=_.title.max(), respondents=_.respondents.sum(), answered=_.answered.sum(), positive=_.positive.sum())
        .order_by(keys)
    )


def selections(records: Table) -> Table:
    """Per town and selection: its award, voting days, places and turnout (the tally and the
    elected, once voting has closed, are in the record's payload: :mod:`.page_data`)."""
    s = records.filter(records.kind == "selections")
    return s.select(
        town=s.town,
        code=_text(s, "code"),
        award=_text(s, "award"),
        vote_from=_text(s, "vote_from").cast("date"),
        vote_to=_text(s, "vote_to").cast("date"),
        places=s.payload["places"].cast("int64"),
        codes_issued=s.payload["codes_issued"].cast("int64"),
        ballots_cast=s.payload["ballots_cast"].cast("int64"),
    ).order_by(["town", "code"])


def quiz(records: Table) -> Table:
    """Per town, quiz and class: pupils who handed in, the full mark and the average (None for a
    class of fewer than 5, whose results stay on the school's laptop)."""
    q = records.filter(records.kind == "quiz")
    return q.select(
        town=q.town,
        form=_text(q, "form"),
        title=_text(q, "title"),
        class_code=_text(q, "class"),
        pupils=q.payload["pupils"].cast("int64"),
        full=q.payload["full"].cast("int64"),
        average=q.payload["average"].cast("float64"),
    ).order_by(["town", "form", "class_code"])


# What the parity test runs on both engines (every roll-up, at each level a page shows).
ROLLUPS_SHOWN = (
    "coverage by town",
    "coverage by unit",
    "coverage of one town's grids",
    "activities by method",
    "completeness",
    "weekly reports",
    "weekly reports by unit",
    "evaluation by criterion",
    "selections",
    "quiz by class",
    "activities by carrier",
)
