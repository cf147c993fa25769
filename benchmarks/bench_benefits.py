"""Benefit benchmark: the query layer on a generated banner, against naive pandas.

Generates (cached in benchmarks/_work/banner/) 50,000 households in 100 villages,
~150,000 members and ~12 payment items per household-year for 2016–2023
(~4.8M payment rows, Parquet), then measures in one run:

- one household's card (``PaymentStore.card``)                      target ≤ 50 ms
- meeting aggregates by village and year (``aggregates``)           target ≤ 1 s
- reconcile for a whole village (expected vs paid)                   target ≤ 2 s
- peak memory of the process doing all of the above                  target ≤ 1.5 GB
- the same three queries done naively in pandas (whole table loaded), in its own process
- 明白卡 export on the sample campaign, one PDF per village and one per household  target ≥ 10 cards/s

Run: ``python benchmarks/bench_benefits.py [--households 50000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(__file__).resolve().parent / "_work" / "banner"
YEARS = list(range(2016, 2024))
ITEMS = [
    "禁牧补助",
    "草畜平衡奖励",
    "牧民生产资料综合补贴",
    "城乡居民基础养老金",
    "高龄津贴",
    "百岁老人高龄津贴",
    "农村牧区低保",
    "农村特困供养",
    "耕地地力保护补贴",
    "牧草良种补贴",
    "残疾人两项补贴",
    "医疗救助",
]
LEVELS = ["中央", "自治区", "市级", "旗级", "镇级"]


def generate(households: int) -> Path:
    folder = WORK / f"{households}"
    if (folder / "payments.parquet").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(5)
    ids = np.array([f"B{i:06d}" for i in range(households)])
    units = np.array([f"第{i:03d}嘎查" for i in range(100)])[np.arange(households) % 100]
    hh = pd.DataFrame(
        {
            "household_id": ids,
            "unit": units,
            "household_type": rng.choice(["牧户", "农户", "农牧户"], households),
            "grazing_ban_area": rng.integers(0, 5000, households).astype(float),
            "balance_area": rng.integers(0, 3000, households).astype(float),
            "arable_area": rng.integers(0, 100, households).astype(float),
            "grassland_area": rng.integers(1000, 8000, households).astype(float),
            "persons": rng.integers(1, 6, households),
        }
    )
    hh.to_parquet(folder / "households.parquet", index=False)
    size = hh["persons"].to_numpy()
    member_hh = np.repeat(ids, size)
    born = pd.to_datetime(
        {"year": rng.integers(1920, 2020, len(member_hh)), "month": rng.integers(1, 13, len(member_hh)), "day": 1}
    )
    pd.DataFrame(
        {
            "household_id": member_hh,
            "name": "某人",
            "birth_month": born,
            "dibao": rng.random(len(member_hh)) < 0.05,
            "tekun": rng.random(len(member_hh)) < 0.01,
            "disability_grade": np.where(rng.random(len(member_hh)) < 0.03, "二级", None),
        }
    ).to_parquet(folder / "members.parquet", index=False)
    n = households * len(YEARS) * len(ITEMS)
    payments = pd.DataFrame(
        {
            "household_id": np.repeat(ids, len(YEARS) * len(ITEMS)),
            "year": np.tile(np.repeat(YEARS, len(ITEMS)), households).astype("int64"),
            "item": np.tile(ITEMS, households * len(YEARS)),
            "amount": rng.uniform(50, 20000, n).round(2),
            "funding_level": rng.choice(LEVELS, n),
        }
    )
    payments["date"] = pd.to_datetime(payments["year"].astype(str) + "-06-30")
    payments.to_parquet(folder / "payments.parquet", index=False, row_group_size=256_000)
    return folder


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def query_layer(folder: Path, repeat: int) -> dict:
    from campaignkit import load_campaign
    from campaignkit.benefits.calculator import expected_amounts
    from campaignkit.benefits.cases import reconcile
    from campaignkit.benefits.store import PaymentStore

    store = PaymentStore.from_parquet(folder / "payments.parquet", folder / "households.parquet")
    households = pd.read_parquet(folder / "households.parquet")
    members = pd.read_parquet(folder / "members.parquet")
    policies = load_campaign().tables["policies"]
    village = "第042嘎查"
    ids = households.loc[households["unit"] == village, "household_id"].tolist()

    def village_reconcile():
        rows = households[households["unit"] == village]
        expected = expected_amounts(rows, members, policies, YEARS)
        return reconcile(expected, store.paid(ids), known_items=set(policies["item"]))

    card_s, card = timed(lambda: store.card("B012345"), repeat)
    agg_s, agg = timed(lambda: store.aggregates(["unit", "year"]), repeat)
    rec_s, cases = timed(village_reconcile, max(1, repeat // 2))
    return {
        "card_s": card_s,
        "card_rows": len(card),
        "agg_s": agg_s,
        "agg_rows": len(agg),
        "reconcile_s": rec_s,
        "village_households": len(ids),
        "cases": len(cases),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


NAIVE = r"""
import json, resource, sys, time
import pandas as pd
folder = sys.argv[1]
t = time.perf_counter(); p = pd.read_parquet(folder + "/payments.parquet"); h = pd.read_parquet(folder + "/households.parquet"); load = time.perf_counter() - t
t = time.perf_counter(); card = p[p["household_id"] == "B012345"].groupby(["year", "item", "funding_level"])["amount"].agg(["sum", "count"]); card_s = time.perf_counter() - t
t = time.perf_counter(); agg = p.merge(h[["household_id", "unit"]], on="household_id").groupby(["unit", "year"]).agg(amount=("amount", "sum"), households=("household_id", "nunique")); agg_s = time.perf_counter() - t
t = time.perf_counter(); ids = set(h.loc[h["unit"] == "第042嘎查", "household_id"]); paid = p[p["household_id"].isin(ids)].groupby(["household_id", "year", "item"])["amount"].sum(); paid_s = time.perf_counter() - t
print(json.dumps({"load_s": load, "card_s": card_s, "agg_s": agg_s, "village_paid_s": paid_s,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def naive(folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", NAIVE, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cards() -> dict:
    from campaignkit import load_campaign
    from campaignkit.benefits.cards import export_village
    from campaignkit.benefits.service import BenefitsData

    benefits = BenefitsData(load_campaign())
    unit = "红柳嘎查"
    n = len(benefits.store.village_households(unit))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for one_file in (True, False):
            t = time.perf_counter()
            export_village(benefits, unit, 2022, Path(tmp) / str(one_file), one_file=one_file)
            out["one_pdf" if one_file else "pdf_each"] = n / (time.perf_counter() - t)
    out["cards"] = n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t = time.perf_counter()
    folder = generate(args.households)
    rows = pd.read_parquet(folder / "payments.parquet", columns=["year"]).shape[0]
    print(
        f"banner ready in {time.perf_counter() - t:.1f}s: {args.households:,} households, {rows:,} payment rows "
        f"({(folder / 'payments.parquet').stat().st_size / 1e6:.0f} MB Parquet)"
    )
    q = query_layer(folder, args.repeat)
    n = naive(folder)
    c = cards()
    print(f"\nquery layer (ibis over DuckDB), median of {args.repeat}:")
    print(
        f"  one household's card:               {q['card_s'] * 1000:8.1f} ms  (target <= 50 ms; naive pandas {n['card_s'] * 1000:.1f} ms after a {n['load_s']:.1f} s load)"
    )
    print(
        f"  aggregates by village and year:     {q['agg_s'] * 1000:8.1f} ms  (target <= 1000 ms; naive pandas {n['agg_s'] * 1000:.0f} ms)"
    )
    print(
        f"  reconcile one village ({q['village_households']} households): {q['reconcile_s'] * 1000:6.0f} ms  (target <= 2000 ms; "
        f"naive pandas paid-side alone {n['village_paid_s'] * 1000:.0f} ms; {q['cases']} follow-up cases)"
    )
    print(
        f"  peak memory of this process:        {q['peak_mb']:8.0f} MB  (target <= 1536 MB; naive pandas process {n['peak_mb']:.0f} MB)"
    )
    print(
        f"\n明白卡 export, {c['cards']} households of the sample: {c['one_pdf']:.1f} cards/s into one PDF, "
        f"{c['pdf_each']:.1f} cards/s as one PDF each (target >= 10 cards/s)"
    )


if __name__ == "__main__":
    main()
