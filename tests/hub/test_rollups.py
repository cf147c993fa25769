"""The hub's roll-ups: one ibis expression each, run on the hub's PostgreSQL and on DuckDB (a
copy of the same tables) with results equal value for value; the same numbers as the laptop's
own coverage; and each compiles to Trino's and Spark's SQL."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import ibis
import pandas as pd
import pytest
from hub_cli import copy_hub, hub, with_answers

from campaignkit.hub import rollups
from campaignkit.hub.cluster import Cluster
from campaignkit.hub.engines import duckdb_copy, postgres
from helpers import SAMPLE

PHASE = (dt.date(2023, 12, 1), dt.date(2024, 3, 31))
RECEIVED = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
TODAY = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()  # the hub received the bundles just now
RECENT = (TODAY - dt.timedelta(days=14), TODAY)


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "campaignkit", *args], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def engines(template_hub):
    """A hub with two towns' bundles (the sample, and a town whose visits are fewer), its
    PostgreSQL running for the module, and a DuckDB copy of its tables."""
    folder = Path(tempfile.mkdtemp(prefix="ckhub-", dir="/tmp"))
    folder.chmod(0o711)
    hub_dir = folder / "hub"
    copy_hub(template_hub, hub_dir)
    for town in ("无定河镇", "图克镇", "河南镇"):
        hub("keys", "add", town, str(hub_dir))
    first = folder / "first"
    shutil.copytree(SAMPLE, first, ignore=shutil.ignore_patterns(".campaignkit"))
    second = folder / "second"
    shutil.copytree(SAMPLE, second, ignore=shutil.ignore_patterns(".campaignkit"))
    toml = (second / "campaign.toml").read_text(encoding="utf-8").replace('town = "无定河镇"', 'town = "图克镇"')
    (second / "campaign.toml").write_text(toml, encoding="utf-8")
    visits = (second / "visits.csv").read_text(encoding="utf-8").splitlines()
    (second / "visits.csv").write_text("\n".join(visits[:120]) + "\n", encoding="utf-8")
    with_answers(first)  # the second town's answers would be the same answers, refused as another town's
    for campaign in (first, second):
        made = folder / f"{campaign.name}.ckbundle"
        run("bundle", str(campaign), "--out", str(made))
        hub("import", str(made), str(hub_dir))
    cluster = Cluster(hub_dir)
    with cluster.started():
        pg = postgres(hub_dir)
        yield pg, duckdb_copy(pg), first
    shutil.rmtree(folder, ignore_errors=True)


def expressions(con) -> dict:
    records, units, folded = con.table("records"), con.table("units"), con.table("household_visits")
    return {
        "coverage by town": rollups.coverage(records, units, folded, *PHASE, "town"),
        "coverage by unit": rollups.coverage(records, units, folded, *PHASE, "unit"),
        "coverage of one town's grids": rollups.coverage(records, units, folded, *PHASE, "grid", town="图克镇"),
        "activities by method": rollups.activities_by_method(records, *PHASE),
        "completeness": rollups.completeness(con.table("deliveries"), con.table("towns"), *RECEIVED),
        "weekly reports": rollups.weekly_reports(con.table("deliveries"), con.table("towns"), *RECENT),
        "weekly reports by unit": rollups.weekly_reports_by_unit(con.table("deliveries"), con.table("units"), *RECENT),
        "evaluation by criterion": rollups.evaluation(records),
        "selections": rollups.selections(records),
        "quiz by class": rollups.quiz(records),
        "activities by carrier": rollups.activities_by(records, *PHASE, by="carrier"),
    }


def plain(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records", date_format="iso", double_precision=15))


def test_every_rollup_is_equal_on_postgresql_and_duckdb(engines):
    pg, duck, _ = engines
    on_pg, on_duck = expressions(pg), expressions(duck)
    assert on_pg.keys() == set(rollups.ROLLUPS_SHOWN)
    for name in on_pg:
        left, right = plain(on_pg[name].execute()), plain(on_duck[name].execute())
        assert left, name
        assert left == right, name


def test_the_hubs_coverage_is_the_laptops(engines):
    pg, _, first = engines
    laptop = json.loads(run("coverage", str(first), "--by", "grid", "--format", "json"))
    hub_rows = rollups.coverage(
        pg.table("records"), pg.table("units"), pg.table("household_visits"), *PHASE, "grid", town="无定河镇"
    ).execute()
    by_grid = {(r.unit, r.grid): (r.registered, r.visited) for r in hub_rows.itertuples()}
    assert {(r["unit"], r["grid"]): (r["registered"], r["visited"]) for r in laptop} == by_grid
    laptop = json.loads(run("coverage", str(first), "--by", "unit", "--format", "json"))
    hub_rows = rollups.coverage(
        pg.table("records"), pg.table("units"), pg.table("household_visits"), *PHASE, "unit", town="无定河镇"
    ).execute()
    by_unit = {r.unit: (r.registered, r.visited, None if pd.isna(r.rate) else round(r.rate, 4)) for r in hub_rows.itertuples()}
    assert {r["unit"]: (r["registered"], r["visited"], r["rate"]) for r in laptop} == by_unit  # 镇机关: none registered, no rate


@pytest.mark.parametrize("month", [("2023-12-01", "2023-12-31"), ("2024-01-01", "2024-01-31"), ("2024-03-01", "2024-03-31")])
def test_the_hubs_coverage_of_a_month_is_the_laptops(engines, month):
    """A month in the middle of the season: households visited before and after it are searched day by day."""
    pg, duck, first = engines
    laptop = json.loads(run("coverage", str(first), "--by", "grid", "--from", month[0], "--to", month[1], "--format", "json"))
    start, end = (dt.date.fromisoformat(d) for d in month)
    for con in (pg, duck):
        rows = rollups.coverage(
            con.table("records"), con.table("units"), con.table("household_visits"), start, end, "grid", town="无定河镇"
        ).execute()
        assert {(r["unit"], r["grid"]): r["visited"] for r in laptop} == {(r.unit, r.grid): r.visited for r in rows.itertuples()}


def test_a_town_that_has_not_reported_is_listed_as_such(engines):
    pg, _, _ = engines
    rows = rollups.completeness(pg.table("deliveries"), pg.table("towns"), *RECEIVED).execute()
    reported = dict(zip(rows["town"], rows["reported"]))
    assert reported == {"图克镇": True, "无定河镇": True, "河南镇": False}


@pytest.mark.parametrize("dialect", ["trino", "pyspark"])
def test_each_rollup_compiles_for_a_warehouse(engines, dialect):
    pg, _, _ = engines
    for name, expression in expressions(pg).items():
        sql = ibis.to_sql(expression, dialect=dialect)
        assert "SELECT" in sql, name


def test_a_corrected_visit_counts_once_as_its_correction_as_on_the_laptop(engines):
    from campaignkit.outreach.data import OutreachData

    pg, _, first = engines
    log = OutreachData(first).log
    assert len(log.current) < len(log.records)  # the sample corrects some visits
    on_hub = rollups.visits(pg.table("records"))
    current = on_hub.filter(on_hub.town == "无定河镇").execute()
    assert sorted(current["record_id"].str.rsplit("/", n=1).str[-1]) == sorted(log.current["record_id"].astype(str))


def test_weekly_reports_show_who_reported_this_week_and_who_never_did(engines):
    pg, _, _ = engines
    rows = rollups.weekly_reports(pg.table("deliveries"), pg.table("towns"), *RECENT).execute()
    this_week = rows[rows["week"] == rows["week"].max()].set_index("town")
    assert bool(this_week.loc["无定河镇", "reported"])
    assert this_week.loc["无定河镇", "added"] > 0
    assert not bool(this_week.loc["河南镇", "reported"])
    assert pd.isna(this_week.loc["河南镇", "days_since"])  # never reported
    earlier = rows[rows["week"] < rows["week"].max()]
    assert not earlier["reported"].any()
    assert len(rows) == 3 * rows["week"].nunique()


def test_completeness_by_village_counts_the_villages_a_laptop_reports_for(engines):
    """A village's own laptop reports under its town's key: that village has reported this week,
    its town's other villages (known from the town's laptop) have not."""
    import dataclasses

    from campaignkit.hub.local import local_hub
    from campaignkit.hub.reported import report

    _, _, first = engines
    town = report(first)
    village = dataclasses.replace(
        town,
        town="河南镇",
        units={"红柳嘎查": town.units["红柳嘎查"]},
        records=[r for r in town.records if r.unit == "红柳嘎查"],
    )
    older = dataclasses.replace(town, town="河南镇", records=[])  # the town's laptop named every village once
    con = local_hub([older, village])
    d = con.table("deliveries")
    con.raw_sql("UPDATE deliveries SET received = received - INTERVAL 21 DAY WHERE id = 1")  # three weeks ago
    rows = rollups.weekly_reports_by_unit(d, con.table("units"), *RECENT, town="河南镇").execute()
    this_week = rows[rows["week"] == rows["week"].max()].set_index("unit")
    assert set(this_week.index) == set(town.units)
    assert bool(this_week.loc["红柳嘎查", "reported"])
    assert not bool(this_week.loc["沙柳嘎查", "reported"])
    assert this_week.loc["沙柳嘎查", "days_since"] >= 21
