"""The shops' meeting figures: a figure over fewer than 5 shops is hidden, and no hidden one
can be narrowed by an attacker who solves the linear program of everything the page shows
for a year (every scope, every tax, the totals) to within a quarter of its value."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from campaignkit.core.disclosure import PROTECTION, feasible_range, protected
from campaignkit.shops.disclosure import FEWER, TAXES, TOTAL, WITHHELD, ShopFigures, relief_frame


def random_relief(seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for unit in ("甲社区", "乙社区", "丙嘎查"):
        for n in range(rng.choice((3, 6, 9))):
            for tax in rng.sample(TAXES, rng.randint(1, 3)):
                rows.append((f"{unit}{n}", unit, 2023, tax, float(rng.randint(200, 30_000))))
    return pd.DataFrame(rows, columns=["shop_id", "unit", "year", "tax", "relief"])


def attack(relief: pd.DataFrame, figures: ShopFigures, year: int) -> list[tuple]:
    """Hidden small figures an attacker narrows below PROTECTION, with what he learns."""
    cells = relief[relief["year"] == year].groupby(["unit", "tax"], as_index=False)["relief"].sum()
    shops = relief[relief["year"] == year].groupby(["unit", "tax"])["shop_id"].nunique()

    def members(unit, tax):
        mask = pd.Series(True, index=cells.index)
        if unit is not None:
            mask &= cells["unit"] == unit
        if tax != TOTAL:
            mask &= cells["tax"] == tax
        return list(cells.index[mask])

    shown, small = [], []
    for unit in [None, *figures.units]:
        for row in figures.table(year, unit).itertuples(index=False):
            cells_of = members(unit, row[0])
            if row.说明:
                count = int(shops[[tuple(cells.loc[i, ["unit", "tax"]]) for i in cells_of]].sum()) if row[0] != TOTAL else None
                if row.说明 == FEWER:
                    small.append((unit, row[0], cells_of, count))
            else:
                shown.append((cells_of, float(row[2])))
    narrowed = []
    for unit, tax, cells_of, _ in small:
        value = float(cells.loc[cells_of, "relief"].sum())
        (low, high), _ = feasible_range(len(cells), shown, cells_of)
        if not protected(value, low, high, PROTECTION):
            narrowed.append((unit, tax, value, low, high))
    return narrowed


@pytest.mark.parametrize("seed", range(6))
def test_no_hidden_shop_figure_can_be_narrowed(seed):
    relief = random_relief(seed)
    figures = ShopFigures(relief)
    assert attack(relief, figures, 2023) == []
    said = pd.concat([figures.table(2023, unit) for unit in [None, *figures.units]])
    small = said[said["说明"] == FEWER]
    assert small["少缴税费（元）"].isna().all()
    assert small["户数"].isna().all()


def test_a_unit_with_fewer_than_5_shops_in_a_measure_says_so():
    relief = random_relief(0)
    units = relief.groupby(["unit", "tax"])["shop_id"].nunique()
    unit, tax = next(key for key, count in units.items() if count < 5)
    table = ShopFigures(relief).table(2023, unit).set_index("项目")
    assert table.loc[tax, "说明"] == FEWER


def test_the_sample_meeting_figures_hide_the_small_groups(sample):
    relief = relief_frame(sample.tables["shops"])
    figures = ShopFigures(relief)
    town = figures.table(2023)
    assert set(town["说明"]) <= {"", FEWER, WITHHELD}
    for unit in figures.units:  # the sample's units have 2 to 4 shops a year: every figure hidden
        assert (figures.table(2023, unit)["说明"] != "").all()
    assert attack(relief, figures, 2023) == []
