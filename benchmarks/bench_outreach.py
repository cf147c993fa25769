"""Outreach benchmark: coverage, drill-down and screening conflicts at a banner's size.

Generates 50,000 households in 100 villages of 10 grids, 200,000 door visits (stored in a
forms.sqlite as the door-visit page and the phones store them, and read back through Python's
sqlite3 as the dashboards do), 20,000 activities and a year of screenings (4 a village a
month, 60 crews, some double-booked), then measures, on DuckDB and on Polars (the same
ibis expressions):

- coverage by grid for the concentrated phase (``OutreachStore.coverage``)   target ≤ 1 s
- drill-down to one village's grids for the phase                           target ≤ 300 ms
- one month's screening conflicts (``OutreachStore.conflicts``)              target ≤ 1 s

and, for the record, reading the 200,000 stored visits from SQLite, checking them (households,
dates, corrections) and building the store.

Run: ``python benchmarks/bench_outreach.py [--households 50000] [--visits 200000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from campaignkit.core.config import CampaignConfig  # noqa: E402
from campaignkit.forms.store import SCHEMA  # noqa: E402
from campaignkit.outreach.coverage import OutreachStore, Period  # noqa: E402
from campaignkit.outreach.disclosure import hidden_figures  # noqa: E402
from campaignkit.outreach.records import VISIT_FORM, check_corrections, check_stored, stored_visits  # noqa: E402

PHASE = Period(dt.date(2023, 12, 1), dt.date(2024, 3, 31))
VILLAGES, GRIDS = 100, 10


def households(n: int, rng) -> pd.DataFrame:
    unit = np.arange(n) % VILLAGES
    return pd.DataFrame(
        {
            "household_id": [f"B{i:06d}" for i in range(n)],
            "unit": [f"第{u:03d}嘎查" for u in unit],
            "grid": [f"{g + 1}组" for g in rng.integers(0, GRIDS, n)],
            "farmer": rng.random(n) < 0.8,
            "dibao": rng.random(n) < 0.05,
        }
    )


def store_visits(folder: Path, ids: np.ndarray, n: int, rng) -> None:
    """Write ``n`` visits as the forms engine stores them (one JSON answer row each)."""
    path = folder / ".campaignkit" / "forms.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    start = np.datetime64("2023-12-01")
    days = rng.integers(0, 365, n)
    who = rng.integers(0, len(ids), n)
    rows = []
    for i in range(n):
        day = str(start + days[i])
        answers = {"household_id": str(ids[who[i]]), "date": day, "cadre": "干部", "topics": "算炕头账"}
        if i % 7 == 0:
            answers.update(demand="诉求", status="doing")
        rows.append((secrets.token_hex(16), VISIT_FORM, "2024-01", day, json.dumps(answers, ensure_ascii=False)))
    con.executemany("INSERT INTO responses VALUES (?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()


def activities(n: int, rng) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "activity": [f"A{i:06d}" for i in range(n)],
            "date": pd.Timestamp("2023-12-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D"),
            "unit": [f"第{u:03d}嘎查" for u in rng.integers(0, VILLAGES, n)],
            "grid": None,
            "method": rng.choice(["面对面引领教育", "分享式自我教育", "分众式学习教育", "大众式宣传教育"], n),
            "carrier": rng.choice(["惠民卡", "发展账", "辅导书"], n),
            "audience": rng.choice(["农牧民", "学生"], n),
            "attendance": rng.integers(5, 80, n).astype(float),
        }
    )


def screenings(rng) -> pd.DataFrame:
    rows = []
    for month in range(12):
        first = pd.Timestamp("2023-12-01") + pd.DateOffset(months=month)
        for village in range(VILLAGES):
            for _ in range(4):
                start = first + pd.Timedelta(days=int(rng.integers(0, 27)), hours=19)
                rows.append(
                    {
                        "row": len(rows) + 2,
                        "work": "石榴红了",
                        "unit": f"第{village:03d}嘎查",
                        "place": "党群服务中心",
                        "start": start,
                        "end": start + pd.Timedelta(hours=2),
                        "crew": f"放映队{int(rng.integers(0, 60)):02d}",
                    }
                )
    return pd.DataFrame(rows)


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--visits", type=int, default=200_000)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(13)
    homes = households(args.households, rng)
    grids = [(f"第{u:03d}嘎查", f"{g + 1}组") for u in range(VILLAGES) for g in range(GRIDS)]
    acts, shows = activities(args.activities, rng), screenings(rng)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store_visits(folder, homes["household_id"].to_numpy(), args.visits, rng)
        read_s, visits = timed(lambda: stored_visits(folder), 1)
    config = CampaignConfig(name="bench", period_start="2023-12")
    known = set(homes["household_id"])
    check_s, (problems, keep) = timed(lambda: check_stored(visits, known, config, dt.date(2026, 1, 1)), 1)
    fix_s, _ = timed(lambda: check_corrections(visits[keep]), 1)
    print(f"{len(homes):,} households, {len(visits):,} stored visits, {len(acts):,} activities, {len(shows):,} screenings")
    print(
        f"read {len(visits):,} visits from SQLite (sqlite3 → frame): {read_s * 1000:.0f} ms; checked {check_s * 1000:.0f} ms "
        f"({len(problems)} refused); corrections checked {fix_s * 1000:.0f} ms; "
        f"distinct record ids: {visits['record_id'].nunique():,}"
    )
    results = {}
    for backend in ("duckdb", "polars"):
        build_s, store = timed(
            lambda b=backend: OutreachStore(
                homes, visits[["household_id", "date"]], grids=grids, activities=acts, screenings=shows, backend=b
            ),
            1,
        )
        grid_s, by_grid = timed(lambda s=store: s.coverage("grid", period=PHASE), args.repeat)
        drill_s, village = timed(lambda s=store: s.coverage("grid", unit="第042嘎查", period=PHASE), args.repeat)
        clash_s, clashes = timed(lambda s=store: s.conflicts(month=dt.date(2024, 1, 1)), args.repeat)
        hide_s, hidden = timed(lambda s=store: hidden_figures(s.cells(period=PHASE)), 1)
        results[backend] = (by_grid, village, clashes)
        print(
            f"{backend:>7}: build {build_s * 1000:.0f} ms; coverage by grid ({len(by_grid):,} grids) {grid_s * 1000:.0f} ms "
            f"[≤ 1000]; drill-down to one village ({len(village)} grids) {drill_s * 1000:.0f} ms [≤ 300]; "
            f"January's conflicts ({len(clashes)} pairs) {clash_s * 1000:.0f} ms [≤ 1000]; "
            f"the meeting pages' suppression for the phase ({len(hidden)} hidden) {hide_s * 1000:.0f} ms"
        )
    duck, polars = results["duckdb"], results["polars"]
    same = all(a.reset_index(drop=True).astype(str).equals(b.reset_index(drop=True).astype(str)) for a, b in zip(duck, polars))
    print(f"same figures on both engines: {'yes' if same else 'NO'}")
    visited = int(duck[0]["visited"].sum())
    print(
        f"households visited in the phase: {visited:,} of {len(homes):,} (rates ≤ 100 %: {bool((duck[0]['rate'].dropna() <= 1).all())})"
    )


if __name__ == "__main__":
    main()
