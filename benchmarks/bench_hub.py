"""The hub at a banner's scale (issue 28): a generated banner loaded into the hub's PostgreSQL
with COPY, then through the push path one town's week pushed and pushed again, 30 laptops
pushing at once, and the roll-ups timed on PostgreSQL and on a DuckDB copy.

    .venv/bin/python benchmarks/bench_hub.py                 # a tenth of the banner (fast)
    .venv/bin/python benchmarks/bench_hub.py --full          # 60 towns × 20 villages × 10 grids

Full: 600,000 households, 6,000,000 door visits, 600,000 activities, 1,000,000 answers.
Figures are printed; nothing is asserted (the issue's targets are printed beside them).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METHODS = ("大众式宣传教育", "分众式学习教育", "分享式自我教育", "互动式实践教育")
CARRIERS = ("发展账", "惠民卡", "发展蓝图", "红色文艺精品", "先进典型", "网络平台", "阵地")
PHASE = (dt.date(2023, 12, 1), dt.date(2024, 3, 31))
PERIODS = [
    ("2023-12-01", "2024-03-31", "集中教育阶段（2023年12月1日至2024年3月31日）"),
    ("2023-12-01", "2023-12-31", "2023年12月"),
    ("2024-01-01", "2024-01-31", "2024年1月"),
    ("2024-02-01", "2024-02-29", "2024年2月"),
    ("2024-03-01", "2024-03-31", "2024年3月"),
    ("", "", "全部时间"),
]


def hub(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "campaignkit", "hub", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return done.stdout


def generate(connection, towns: int, villages: int, grids: int, per_grid: int, rng: random.Random) -> dict:
    """The banner's records written with COPY: households per grid, ten visits per household,
    activities and anonymous answers."""
    counts = dict(households=0, visits=0, activities=0, responses=0, hidden=0)
    days = (PHASE[1] - PHASE[0]).days
    with connection.cursor() as cursor:
        for t in range(towns):
            town = f"第{t + 1:02d}镇"
            cursor.execute("INSERT INTO towns (town) VALUES (%s) ON CONFLICT DO NOTHING", (town,))
            cursor.execute("INSERT INTO keys (key_hash, town) VALUES (%s, %s)", (f"bench-{t}", town))
            with cursor.copy("COPY records (kind, record_id, town, unit, payload) FROM STDIN") as copy:
                for v in range(villages):
                    unit = f"第{v + 1:02d}嘎查"
                    for g in range(grids):
                        grid = f"{g + 1}组"
                        copy.write_row(
                            (
                                "households",
                                f"{town}/{unit}/{grid}",
                                town,
                                unit,
                                json.dumps({"grid": grid, "households": per_grid, "farmers": per_grid // 2}, ensure_ascii=False),
                            )
                        )
                        counts["households"] += per_grid
                        for h in range(per_grid):
                            household = f"{t:02d}{v:02d}{g:02d}{h:03d}"
                            for k in range(10):
                                day = PHASE[0] + dt.timedelta(days=rng.randrange(days))
                                payload = {
                                    "household_id": household,
                                    "grid": grid,
                                    "date": day.isoformat(),
                                    "demand": False,
                                    "status": "",
                                    "closed_on": None,
                                    "supersedes": "",
                                }
                                copy.write_row(
                                    (
                                        "visits",
                                        f"{town}/{unit}/V{household}{k}",
                                        town,
                                        unit,
                                        json.dumps(payload, ensure_ascii=False),
                                    )
                                )
                                counts["visits"] += 1
                    for a in range(grids * per_grid // 5):
                        day = PHASE[0] + dt.timedelta(days=rng.randrange(days))
                        payload = {
                            "date": day.isoformat(),
                            "grid": "",
                            "method": rng.choice(METHODS),
                            "carrier": rng.choice(CARRIERS),
                            "audience": "农牧民",
                            "topic": "感党恩",
                            "attendance": rng.randrange(5, 80),
                        }
                        copy.write_row(
                            ("activities", f"{town}/{unit}/{unit}#A{a:05d}", town, unit, json.dumps(payload, ensure_ascii=False))
                        )
                        counts["activities"] += 1
                for v in range(villages):  # what each town's own pages hide (a grid in fifty)
                    unit = f"第{v + 1:02d}嘎查"
                    for start, end, label in PERIODS:
                        hidden = [f"{g + 1}组" for g in range(grids) if rng.random() < 0.02]
                        payload = {"label": label, "start": start, "end": end, "town": False, "unit": False, "grids": hidden}
                        copy.write_row(
                            ("hidden", f"{town}/{unit}/{start}..{end}", town, unit, json.dumps(payload, ensure_ascii=False))
                        )
                        counts["hidden"] += 1
                for _ in range(villages * grids * per_grid // 6):
                    payload = {"form": "survey", "version": "2024-03", "answers": {"q1": rng.choice("12345")}}
                    copy.write_row(("responses", f"{rng.getrandbits(128):032x}", town, "", json.dumps(payload)))
                    counts["responses"] += 1
    connection.commit()
    from campaignkit.hub.household_visits import rebuild

    rebuild(connection)  # what receive keeps up to date, folded once after the bulk load
    connection.commit()
    connection.execute("ANALYZE records")
    connection.execute("ANALYZE household_visits")
    connection.commit()
    return counts


def week_of_one_town(town: str, n: int):
    from campaignkit.hookspecs import HubRecord
    from campaignkit.hub.reported import Report

    records = [
        HubRecord(
            kind="visits",
            record_id=f"W{i:06d}",
            unit="第01嘎查",
            data={
                "household_id": f"N{i:06d}",
                "grid": "1组",
                "date": "2024-03-04",
                "demand": False,
                "status": "",
                "closed_on": None,
                "supersedes": "",
            },
        )
        for i in range(n)
    ]
    return Report(
        town=town, campaign="bench", illustrative=True, units={"第01嘎查": ["1组"]}, fingerprints={}, records=records, keep={}
    )


def timed(label: str, target: str, work):
    start = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - start:.2f} s（目标 {target}）")
    return result


def time_rollups(name: str, con) -> None:
    from campaignkit.hub import rollups

    records, units, folded = con.table("records"), con.table("units"), con.table("household_visits")
    everything = (dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    timed(
        f"[{name}] 各镇走访覆盖（一个阶段）",
        "≤ 1 s（PostgreSQL）",
        lambda: rollups.coverage(records, units, folded, *PHASE, "town").execute(),
    )
    timed(
        f"[{name}] 一个镇的各网格",
        "≤ 0.3 s（PostgreSQL）",
        lambda: rollups.coverage(records, units, folded, *PHASE, "grid", town="第01镇").execute(),
    )
    timed(
        f"[{name}] 各镇报送情况",
        "≤ 1 s（PostgreSQL）",
        lambda: rollups.completeness(con.table("deliveries"), con.table("towns"), *everything).execute(),
    )
    timed(f"[{name}] 各种方式的活动按周", "—", lambda: rollups.activities_by_method(records, *PHASE).execute())


def time_pages(url: str, hub_dir: Path, key: str) -> None:
    """The hub's pages as a banner office opens them (the first coverage page solves every
    period's hiding pattern; the next ones reuse it until a report arrives)."""
    from urllib.parse import quote

    from campaignkit.hub.folder import page_token

    token = page_token(hub_dir)

    def get(page: str) -> int:
        with urllib.request.urlopen(f"{url}/hub/{page}{'&' if '?' in page else '?'}token={token}", timeout=600) as answer:
            return len(answer.read())

    timed("页面：各镇报送情况", "—", lambda: get("completeness"))
    timed("页面：全旗各镇覆盖（第一次，解出各时段的隐藏）", "—", lambda: get("coverage"))
    timed("页面：全旗各镇覆盖（再打开）", "—", lambda: get("coverage"))
    timed("页面：一个镇的村和网格（一个月）", "—", lambda: get(f"coverage?town={quote('第01镇')}&period=2024-01-01..2024-01-31"))
    from campaignkit.hub.bundle import bundle_bytes
    from campaignkit.hub.push import post

    week = week_of_one_town("第01镇", 500)
    fresh = [dataclasses.replace(r, record_id="X" + r.record_id) for r in week.records]  # not pushed before
    post(url, key, bundle_bytes(dataclasses.replace(week, records=fresh)))
    timed("页面：全旗各镇覆盖（一个镇报送之后，只重解这个镇）", "—", lambda: get("coverage"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="60 towns × 20 villages × 10 grids × 50 households")
    parser.add_argument("--port", type=int, default=8879)
    args = parser.parse_args()
    towns = 60 if args.full else 6
    import psutil

    from campaignkit.hub.bundle import bundle_bytes
    from campaignkit.hub.engines import duckdb_copy, postgres
    from campaignkit.hub.folder import connect
    from campaignkit.hub.push import post

    folder = Path(tempfile.mkdtemp(prefix="ckhub-bench-", dir="/tmp"))
    folder.chmod(0o711)
    hub_dir = folder / "hub"
    hub("init", str(hub_dir))
    server = subprocess.Popen(
        [sys.executable, "-m", "campaignkit", "hub", "serve", str(hub_dir), "--port", str(args.port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/hub/api/ping", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        with connect(hub_dir) as connection:
            counts = timed(
                f"生成并以 COPY 载入 {towns} 个镇", "—", lambda: generate(connection, towns, 20, 10, 50, random.Random(1))
            )
        print("载入：" + "，".join(f"{k} {v:,}" for k, v in counts.items()))
        from campaignkit.hub.keys import add_key

        with connect(hub_dir) as connection:
            first_key = add_key(connection, "第01镇")
            at_once = [(add_key(connection, f"新镇{t:02d}"), f"新镇{t:02d}") for t in range(1, 31)]
        week = bundle_bytes(week_of_one_town("第01镇", 20_000))
        answer = timed("一个镇一周（20,000 条）经 push 报送", "≤ 5 s", lambda: post(url, first_key, week))
        print(f"  中心新收 {answer['added']} 条")
        again = timed("同一周再报送一次", "—", lambda: post(url, first_key, week))
        print(f"  中心新收 {again['added']} 条（应为 0）")
        bodies = [(key, bundle_bytes(week_of_one_town(town, 2_000))) for key, town in at_once]
        peak = [0]
        process = psutil.Process(server.pid)
        done = threading.Event()

        def watch():
            while not done.is_set():
                try:
                    peak[0] = max(peak[0], process.memory_info().rss)
                except psutil.Error:
                    pass
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        results: list = []
        threads = [threading.Thread(target=lambda k=k, b=b: results.append(post(url, k, b))) for k, b in bodies]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        watcher.join()
        print(
            f"30 台电脑同时报送（各 2,000 条）：{time.perf_counter() - start:.2f} s；中心新收 {sum(r['added'] for r in results):,} 条（应为 60,000）"
        )
        print(f"  汇总中心进程内存峰值：{peak[0] / 2**20:.0f} MB（目标 ≤ 1 GB）")
        pg = postgres(hub_dir)
        duck = timed("把中心的表复制进 DuckDB", "—", lambda: duckdb_copy(pg))
        for name, con in (("PostgreSQL", pg), ("DuckDB", duck)):
            time_rollups(name, con)
        time_pages(url, hub_dir, first_key)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
