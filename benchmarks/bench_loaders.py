"""Loader benchmark: validated loads against bare pandas reads, measured in one run.

Generates 1,000,000 ``payments`` rows as CSV and 100,000 rows as ``.xlsx``
(cached in benchmarks/_work/), then prints:

- validated CSV load (``campaignkit.read_table``) vs. ``pandas.read_csv(engine="pyarrow")``;
- validated xlsx load vs. ``pandas.read_excel`` with the fastest engine available (calamine);
- peak memory of each validated load (RSS growth in a fresh process) vs. the final frame's size;
- peak memory of validating (with the JSON report) a file of a million bad rows vs. a million good ones;
- the ledger page built on a campaign with a 1,000,000-row payments file vs. the sample alone
  (no cache: the page reads only its tables), and a payments table read cold vs. from the cache.

Targets (issue 2): CSV ≤ 2× the bare read (never over 3×); xlsx ≤ 1.5×; peak memory ≤ 3× the frame.
Targets (issue 15): bad-row validation peak ≤ 2× the good-row one; ledger page with the big
payments file ≤ 1.5× without it; a cached table costs about what reading its Parquet costs.

Run: ``python benchmarks/bench_loaders.py [--rows 1000000] [--xlsx-rows 100000] [--repeat 3] [--only loads|issue15]``
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "_work"
ITEMS = ["禁牧补助", "草畜平衡奖励", "城乡居民基础养老金", "高龄津贴", "农村牧区低保", "耕地地力保护补贴"]
LEVELS = ["中央", "自治区", "市级", "旗级", "镇级"]
HEADER = ["户编号", "发放日期", "年份", "项目", "金额", "资金层级", "卡号", "备注"]


def _rows(n: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(n):
        year = 2016 + i % 8
        yield [
            f"HH-{rng.randrange(50_000):05d}",
            f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            year,
            ITEMS[i % len(ITEMS)],
            round(rng.uniform(50, 20000), 2),
            LEVELS[i % 5],
            f"9999{rng.randrange(10**15):015d}",
            "",
        ]


def make_bad_csv(n: int) -> Path:
    """Every row wrong in three columns: a date that does not exist, an amount in words, a bad year."""
    path = WORK / f"badrows_{n}.csv"
    if not path.exists():
        import csv

        WORK.mkdir(exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            for row in _rows(n):
                row[1], row[2], row[4] = "2022-13-45", "二〇二二", f"约{int(row[4])}"
                writer.writerow(row)
    return path


def make_campaigns(n: int) -> tuple[Path, Path]:
    """The sample campaign, and the same with a payments file of ``n`` rows."""
    import shutil

    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    plain, big = WORK / "campaign_sample", WORK / f"campaign_{n}_payments"
    for folder in (plain, big):
        if not folder.exists():
            shutil.copytree(sample, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    target = big / "payments.csv"
    if not target.exists() or target.stat().st_size < 1e6:
        # The same rows, paid to the sample's households (the reference check passes, as in a real campaign).
        import csv

        from campaignkit import load_campaign

        ids = sorted(load_campaign(plain).tables["households"]["household_id"])
        with open(make_csv(n), encoding="utf-8", newline="") as src, open(target, "w", encoding="utf-8", newline="") as out:
            reader, writer = csv.reader(src), csv.writer(out)
            writer.writerow(next(reader))
            for i, row in enumerate(reader):
                row[0] = ids[i % len(ids)]
                writer.writerow(row)
    return plain, big


def make_warmups() -> None:
    """Small files of each kind for the warm-up read (see _CHILD)."""
    import shutil

    for suffix, maker in ((".csv", make_csv), (".xlsx", make_xlsx)):
        for big in WORK.glob(f"payments_*{suffix}"):
            target = WORK / big.name.replace("payments_", "warmup_")
            if not target.exists():
                shutil.copy(maker(100), target)


def make_csv(n: int) -> Path:
    path = WORK / f"payments_{n}.csv"
    if not path.exists():
        import csv

        WORK.mkdir(exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADER)
            writer.writerows(_rows(n))
    return path


def make_xlsx(n: int) -> Path:
    path = WORK / f"payments_{n}.xlsx"
    if not path.exists():
        from openpyxl import Workbook

        WORK.mkdir(exist_ok=True)
        book = Workbook(write_only=True)
        sheet = book.create_sheet("数据")
        sheet.append(HEADER)
        for row in _rows(n):
            sheet.append(row)
        book.save(path)
    return path


# -- one measurement per fresh process, so peak RSS belongs to that load alone ------------

_CHILD = r"""
import json, resource, sys, time
import pandas as pd
import campaignkit
from campaignkit import read_table
kind, path = sys.argv[1], sys.argv[2]
def rss_kib():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
# Warm-up on a small file of the same kind, so one-time costs (lazy imports, pandera's
# backend registration, pyarrow's thread pool) are paid before timing, on both sides.
small = path.replace("payments_", "warmup_")
if kind.endswith("csv"):
    pd.read_csv(small, engine="pyarrow") if kind == "bare_csv" else read_table(small, "payments")
else:
    pd.read_excel(small, engine="calamine") if kind == "bare_xlsx" else read_table(small, "payments")
before = rss_kib()
t = time.perf_counter()
if kind == "bare_csv":
    frame = pd.read_csv(path, engine="pyarrow")
elif kind == "bare_xlsx":
    frame = pd.read_excel(path, engine="calamine")
else:
    result = read_table(path, "payments")
    assert result.ok, result.problems[:3]
    frame = result.records
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_growth_bytes": (peak - before) * 1024,
                  "frame_bytes": int(frame.memory_usage(deep=True).sum()), "rows": len(frame)}))
"""


_VALIDATE = r"""
import json, resource, sys, time
from campaignkit import read_table
path = sys.argv[1]
def rss_kib():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
read_table(path.replace("badrows_", "warmup_").replace("payments_", "warmup_"), "payments")
before = rss_kib()
t = time.perf_counter()
result = read_table(path, "payments")
report = json.dumps([p.to_dict() for p in result.problems], ensure_ascii=False)
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_growth_bytes": (peak - before) * 1024, "problems": len(result.problems),
                  "errors_counted": result.error_count, "report_bytes": len(report), "rows": result.counts.rows_read}))
"""

_PAGE = r"""
import json, os, sys, time
kind, folder = sys.argv[1], sys.argv[2]
os.environ["CAMPAIGNKIT_CACHE"] = "0" if kind == "ledger_page" else "1"
from campaignkit import check_campaign
from campaignkit.core.cache import cached_read
from campaignkit.features import catalogue
from campaignkit.ledger import ledger_view
from campaignkit.load import read_table
t = time.perf_counter()
if kind == "ledger_page":  # imports done: the page's own cost
    widget = ledger_view(folder)
    assert type(widget).__name__ == "LedgerView", widget
elif kind == "payments_table":  # the parsed table alone, through the cache (cold the first time)
    path = os.path.join(folder, "payments.csv")
    result = cached_read(__import__("pathlib").Path(folder), __import__("pathlib").Path(path), catalogue()["payments"], {},
                         lambda: read_table(path, "payments"))
    assert result.counts.rows_loaded > 0, result.problems[:3]
else:  # payments_page_data: what the meeting page loads (payments, households, cross-checks)
    campaign = check_campaign(folder, tables=["payments"])
    assert len(campaign.tables["payments"]) > 0, campaign.problems[:3]
print(json.dumps({"seconds": time.perf_counter() - t}))
"""


def measure_script(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(kind: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(kinds_paths: list[tuple[str, Path]], repeat: int) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {k: [] for k, _ in kinds_paths}
    for _ in range(repeat):  # interleaved, so machine noise hits both sides alike
        for kind, path in kinds_paths:
            results[kind].append(measure(kind, path))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["loads", "issue15"], help="run one part (default: both)")
    args = parser.parse_args()
    if args.only == "issue15":
        make_csv(args.rows), make_xlsx(args.xlsx_rows), make_warmups()
        issue_15(args.rows, args.repeat)
        return

    t = time.perf_counter()
    csv_path, xlsx_path = make_csv(args.rows), make_xlsx(args.xlsx_rows)
    make_warmups()
    print(
        f"inputs ready in {time.perf_counter() - t:.1f}s: {csv_path.name} ({csv_path.stat().st_size / 1e6:.0f} MB), "
        f"{xlsx_path.name} ({xlsx_path.stat().st_size / 1e6:.1f} MB)"
    )
    res = run(
        [("bare_csv", csv_path), ("validated_csv", csv_path), ("bare_xlsx", xlsx_path), ("validated_xlsx", xlsx_path)],
        args.repeat,
    )

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in res[kind])

    print(f"\nmedian of {args.repeat} runs, each in a fresh process after a warm-up read of a 100-row file")
    print(f"{'measure':<34}{'seconds':>9}{'peak MB':>10}{'frame MB':>10}{'rows':>10}")
    for kind in res:
        print(
            f"{kind:<34}{med(kind, 'seconds'):>9.3f}{med(kind, 'peak_growth_bytes') / 1e6:>10.0f}"
            f"{med(kind, 'frame_bytes') / 1e6:>10.0f}{int(med(kind, 'rows')):>10}"
        )
    csv_ratio = med("validated_csv", "seconds") / med("bare_csv", "seconds")
    xlsx_ratio = med("validated_xlsx", "seconds") / med("bare_xlsx", "seconds")
    mem_csv = med("validated_csv", "peak_growth_bytes") / med("validated_csv", "frame_bytes")
    mem_xlsx = med("validated_xlsx", "peak_growth_bytes") / med("validated_xlsx", "frame_bytes")
    print()
    print(f"validated CSV  / bare read_csv(pyarrow):   {csv_ratio:5.2f}x   (target <= 2x, never over 3x)")
    print(f"validated xlsx / bare read_excel(calamine): {xlsx_ratio:5.2f}x   (target <= 1.5x)")
    print(f"peak memory / final frame, CSV:             {mem_csv:5.2f}x   (target <= 3x)")
    print(f"peak memory / final frame, xlsx:            {mem_xlsx:5.2f}x   (target <= 3x)")
    if args.only is None:
        issue_15(args.rows, args.repeat)


def issue_15(rows: int, repeat: int) -> None:
    """Bad rows' memory, and what a page costs with a big table it does not use."""
    import shutil

    good, bad = make_csv(rows), make_bad_csv(rows)
    plain, big = make_campaigns(rows)
    validated = {"good": [], "bad": []}
    pages = {"sample": [], "big": []}
    for _ in range(repeat):  # interleaved
        validated["good"].append(measure_script(_VALIDATE, str(good)))
        validated["bad"].append(measure_script(_VALIDATE, str(bad)))
        pages["sample"].append(measure_script(_PAGE, "ledger_page", str(plain)))
        pages["big"].append(measure_script(_PAGE, "ledger_page", str(big)))
    shutil.rmtree(big / ".campaignkit", ignore_errors=True)
    cold = measure_script(_PAGE, "payments_table", str(big))
    warm = [measure_script(_PAGE, "payments_table", str(big))["seconds"] for _ in range(repeat)]
    page_data = [measure_script(_PAGE, "payments_page_data", str(big))["seconds"] for _ in range(repeat)]
    records = next((big / ".campaignkit" / "cache").glob("payments-*-records.parquet"))
    parquet = measure_script(
        "import json,sys,time; import pandas as pd; t=time.perf_counter(); pd.read_parquet(sys.argv[1]);"
        "print(json.dumps({'seconds': time.perf_counter()-t}))",
        str(records),
    )

    def med(values: list[dict], key: str) -> float:
        return statistics.median(v[key] for v in values)

    g, b = validated["good"], validated["bad"]
    print(f"\nissue 15, median of {repeat} runs, each in a fresh process")
    print(f"{'measure':<44}{'seconds':>9}{'peak MB':>10}{'problems':>10}{'report MB':>11}")
    for name, runs in (("validate + JSON report, 1M good rows", g), ("validate + JSON report, 1M bad rows", b)):
        print(
            f"{name:<44}{med(runs, 'seconds'):>9.2f}{med(runs, 'peak_growth_bytes') / 1e6:>10.0f}"
            f"{int(med(runs, 'problems')):>10}{med(runs, 'report_bytes') / 1e6:>11.2f}"
        )
    print(f"  (the bad file's problems stand for {int(med(b, 'errors_counted')):,} errors)")
    sample_s, big_s = med(pages["sample"], "seconds"), med(pages["big"], "seconds")
    print(f"ledger page, sample campaign (no cache):      {sample_s:6.2f} s")
    print(f"ledger page, with 1M-row payments (no cache): {big_s:6.2f} s")
    print(f"payments table, cold (parse, check, cache):   {cold['seconds']:6.2f} s")
    print(f"payments table, from the cache:               {statistics.median(warm):6.2f} s")
    print(f"bare pd.read_parquet of the cached records:   {parquet['seconds']:6.2f} s")
    print(f"meeting page's data from the cache (payments, households, cross-checks): {statistics.median(page_data):.2f} s")
    print()
    print(
        f"bad-row / good-row validation peak memory:  {med(b, 'peak_growth_bytes') / med(g, 'peak_growth_bytes'):5.2f}x   (target <= 2x)"
    )
    print(f"ledger page with / without 1M payments:     {big_s / sample_s:5.2f}x   (target <= 1.5x)")


if __name__ == "__main__":
    main()
