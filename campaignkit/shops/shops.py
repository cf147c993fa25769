"""A shop's figures for a year, from the campaign's 个体工商户 table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..errors import CampaignkitError
from ..load import check_campaign
from .relief import ShopYear

FIGURES = ("sales", "taxable_income", "local_taxes", "loan", "loan_rate", "loan_lpr")


class ShopNotFound(CampaignkitError):
    pass


def _decimal(value) -> Decimal | None:
    return None if value is None or pd.isna(value) else Decimal(str(value))


def shop_years(frame: pd.DataFrame) -> list[tuple[pd.Series, ShopYear]]:
    """Each row of the shops table with its figures for the calculator."""
    return [
        (
            row,
            ShopYear(year=int(row["year"]), taxpayer=str(row["taxpayer"]), **{name: _decimal(row.get(name)) for name in FIGURES}),
        )
        for _, row in frame.iterrows()
    ]


def shop_year(campaign: str | Path | None, shop_id: str, year: int, **given) -> ShopYear:
    """Shop ``shop_id``'s figures for ``year``; figures given override the table's (a what-if)."""
    return find_shop(campaign, shop_id, year, **given)[1]


def find_shop(campaign: str | Path | None, shop_id: str, year: int, **given) -> tuple[dict, ShopYear]:
    """The shop's row of the table (operator, trade, unit…) and its figures for ``year``."""
    loaded = check_campaign(campaign, tables=["shops"])
    frame = loaded.tables["shops"] if "shops" in loaded.results else pd.DataFrame()
    if frame.empty or shop_id not in set(frame["shop_id"]):
        raise ShopNotFound(f"个体工商户表里没有店铺编号“{shop_id}”（活动文件夹：{loaded.path}）")
    rows = frame[(frame["shop_id"] == shop_id) & (frame["year"] == year)]
    if rows.empty:
        years = "、".join(str(int(y)) for y in sorted(frame.loc[frame["shop_id"] == shop_id, "year"].dropna()))
        raise ShopNotFound(f"店铺“{shop_id}”没有 {year} 年的数字（表里有：{years}）")
    row, shop = shop_years(rows.head(1))[0]
    return row.to_dict(), ShopYear(**{**shop.__dict__, **given})
