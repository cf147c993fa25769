"""Meeting-page suppression at township scale: the pattern's cost when a page opens.

Builds a campaign of 20 villages (6,520 households, ~211,000 payment rows, 10 items from
common to rare, 2016–2023), then times the meeting page's suppression pattern twice with one
cache folder: the first open solves every year's table, the second finds them kept.

Run: ``python benchmarks/bench_meeting_pattern.py``
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from campaignkit.benefits.disclosure import MeetingFigures  # noqa: E402
from campaignkit.benefits.store import PaymentStore  # noqa: E402


def campaign(folder: Path) -> tuple[Path, Path, int, int]:
    rng = np.random.default_rng(7)
    sizes = rng.integers(3, 600, 20)
    hh = pd.DataFrame({"household_id": [f"H{u}-{i}" for u, n in enumerate(sizes) for i in range(int(n))]})
    hh["unit"] = [f"第{u}村" for u, n in enumerate(sizes) for _ in range(int(n))]
    hh["household_type"] = "牧户"
    shares = [0.9, 0.7, 0.5, 0.3, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002]
    rows = []
    for year in range(2016, 2024):
        for household in hh["household_id"]:
            for k, share in enumerate(shares):
                if rng.random() < share:
                    for level in ("中央", "自治区") if k % 2 else ("旗级",):
                        rows.append((household, year, f"项目{k}", level, float(rng.integers(100, 2_000_000)) / 100))
    pay = pd.DataFrame(rows, columns=["household_id", "year", "item", "funding_level", "amount"])
    pay["date"] = pd.to_datetime(pay["year"].astype(str) + "-06-30")
    pay.to_parquet(folder / "payments.parquet", index=False)
    hh.to_parquet(folder / "households.parquet", index=False)
    return folder / "payments.parquet", folder / "households.parquet", len(hh), len(pay)


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        payments, households, n_households, n_payments = campaign(Path(work))
        store = PaymentStore.from_parquet(payments, households)
        cache = Path(work) / "cache"
        print(f"{n_households:,} households, {n_payments:,} payment rows, 8 years")
        for label in ("first open (every year solved)", "second open (years kept)"):
            start = time.perf_counter()
            pattern = MeetingFigures(store, cache).pattern
            print(f"{label}: {time.perf_counter() - start:.2f} s, {len(pattern)} hidden yearly figures")


if __name__ == "__main__":
    main()
