"""The national raises of pensions, year by year, from ``data/reference/pension_raises.csv``
(each row naming its document and the rows of ``policy_sources.csv`` that show it)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from ..core.paths import reference_dir

RAISES_FILE = "pension_raises.csv"
# Which national figure a person's scheme is read against.
SCHEME_OF = {"企业职工": "退休人员基本养老金", "机关事业单位": "退休人员基本养老金", "城乡居民": "城乡居民基础养老金最低标准"}


@dataclass(frozen=True)
class Raise:
    scheme: str
    year: int
    change: Decimal
    unit: str  # "%" (an overall level) or "元/月" (an increase of the minimum)
    document: str

    def said(self) -> str:
        if self.unit == "%":
            return f"这一年全国退休人员基本养老金总体上调 {self.change.normalize():f}%（{self.document}）"
        return f"这一年全国城乡居民基础养老金最低标准每月提高 {self.change.normalize():f}元（{self.document}）"


@lru_cache(maxsize=4)
def load_raises(folder: Path | None = None) -> dict[tuple[str, int], Raise]:
    path = Path(folder or reference_dir()) / RAISES_FILE
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (row["scheme"], int(row["year"])): Raise(
            row["scheme"], int(row["year"]), Decimal(row["change"]), row["unit"], row["document"]
        )
        for row in rows
    }
