"""What a meeting may be told of the shops' relief: for a year, the town's and each unit's
relief by tax (增值税, 个人所得税, 六税两费, 贷款贴息) and in all, through the suppression the
household meeting page uses (:mod:`campaignkit.core.disclosure`). A figure over fewer than
5 shops is hidden ("不足 5 户"), and so is every figure that would let a viewer subtract it
back from the others the page shows ("隐去（防推算）")."""

from __future__ import annotations

from collections.abc import Hashable
from functools import cached_property

import pandas as pd

from ..core.disclosure import MIN_COUNT, PRIMARY, Candidate, suppress
from .relief import relief_lines
from .shops import shop_years

TAXES = ("增值税", "个人所得税", "六税两费", "贷款贴息")
TOTAL = "合计"
FEWER = f"不足 {MIN_COUNT} 户"
WITHHELD = "隐去（防推算）"
COLUMNS = ["shop_id", "unit", "year", "tax", "relief"]


def relief_frame(shops: pd.DataFrame) -> pd.DataFrame:
    """One row per shop, year and tax: what the measures saved it (元)."""
    rows = [
        (row["shop_id"], row["unit"], shop.year, line.tax, float(line.relief))
        for row, shop in shop_years(shops)
        for line in relief_lines(shop)
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.groupby(["shop_id", "unit", "year", "tax"], as_index=False)["relief"].sum()


class ShopFigures:
    """The meeting's figures for each year, with the hidden ones marked."""

    def __init__(self, relief: pd.DataFrame):
        self.relief = relief

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.relief["year"].unique())

    @property
    def units(self) -> list[str]:
        return sorted(self.relief["unit"].unique())

    @cached_property
    def _published(self) -> dict[int, dict[tuple, tuple[float, int, str | None]]]:
        return {year: self._year(frame) for year, frame in self.relief.groupby("year")}

    def _year(self, frame: pd.DataFrame) -> dict[tuple, tuple[float, int, str | None]]:
        cells = frame.groupby(["unit", "tax"], as_index=False).agg(relief=("relief", "sum"), shops=("shop_id", "nunique"))
        unit_shops = frame.groupby("unit")["shop_id"].nunique()
        candidates: dict[Hashable, Candidate] = {}
        for scope in [None, *sorted(cells["unit"].unique())]:
            part = cells if scope is None else cells[cells["unit"] == scope]
            shops = int(unit_shops.reindex(part["unit"].unique()).sum())
            candidates[(scope, TOTAL)] = Candidate(frozenset(part.index), shops)
            for tax, rows in part.groupby("tax"):
                candidates[(scope, tax)] = Candidate(frozenset(rows.index), int(rows["shops"].sum()))
        hidden = suppress(cells["relief"].tolist(), candidates)
        return {
            key: (
                float(cells.loc[list(c.cells), "relief"].sum()),
                c.count,
                None if key not in hidden else (FEWER if hidden[key] == PRIMARY else WITHHELD),
            )
            for key, c in candidates.items()
        }

    def table(self, year: int, unit: str | None = None) -> pd.DataFrame:
        """The rows a meeting sees for ``year`` and a unit (None: the town): 项目, 户数, 少缴税费 (元),
        and 说明 where a figure is hidden (its amount and count are then blank)."""
        published = self._published.get(year, {})
        rows = []
        for tax in (*TAXES, TOTAL):
            if (unit, tax) not in published:
                continue
            amount, shops, why = published[(unit, tax)]
            rows.append(
                {"项目": tax, "户数": None if why else shops, "少缴税费（元）": None if why else amount, "说明": why or ""}
            )
        table = pd.DataFrame(rows, columns=["项目", "户数", "少缴税费（元）", "说明"])
        return table.astype({"户数": "Int64", "少缴税费（元）": "Float64"})
