"""Who paid for the projects: funding by government level, and what was built.
Pure functions over the ``projects`` table (amounts compared in 万元)."""

from __future__ import annotations

import pandas as pd

from ..core.fmt import cn_quantity
from ..core.frames import between_years
from ..core.vocab import FUNDING_LEVELS
from .tables import LEVEL_FIELDS

UNSPLIT = "未分级"
LEVEL_LABELS = dict(zip(LEVEL_FIELDS, FUNDING_LEVELS))


def filter_projects(
    projects: pd.DataFrame,
    *,
    start: int | None = None,
    end: int | None = None,
    regions: list[str] | None = None,
    categories: list[str] | None = None,
) -> pd.DataFrame:
    rows = between_years(projects, start, end)
    if regions:
        rows = rows[rows["region"].isin(regions)]
    if categories:
        rows = rows[rows["category"].isin(categories)]
    return rows


def by_level(projects: pd.DataFrame) -> pd.DataFrame:
    """Tidy: year, level, amount (万元), share of that year's total (0–1).

    Projects that give only a total land in level 未分级, so sums stay whole.
    """
    if projects.empty:
        return pd.DataFrame(columns=["year", "level", "amount", "share"])
    parts = []
    level_cols = [f"{f}_yuan" for f in LEVEL_FIELDS if f"{f}_yuan" in projects.columns]
    split = projects[level_cols].notna().any(axis=1) if level_cols else pd.Series(False, index=projects.index)
    for field in LEVEL_FIELDS:
        col = f"{field}_yuan"
        if col in projects.columns:
            parts.append(
                pd.DataFrame({"year": projects["year"], "level": LEVEL_LABELS[field], "amount": projects[col].fillna(0) / 1e4})
            )
    unsplit = projects[~split]
    if len(unsplit):
        parts.append(pd.DataFrame({"year": unsplit["year"], "level": UNSPLIT, "amount": unsplit["total_yuan"] / 1e4}))
    tidy = pd.concat(parts).groupby(["year", "level"], as_index=False, sort=False)["amount"].sum()
    order = {name: i for i, name in enumerate([*FUNDING_LEVELS, UNSPLIT])}
    tidy = tidy.sort_values(["year", "level"], key=lambda s: s.map(order) if s.name == "level" else s).reset_index(drop=True)
    totals = tidy.groupby("year")["amount"].transform("sum")
    tidy["share"] = (tidy["amount"] / totals.where(totals != 0)).fillna(0.0)
    tidy["year"] = tidy["year"].astype("int64")
    return tidy


def level_totals(tidy: pd.DataFrame) -> pd.DataFrame:
    """Per level over all years: amount (万元) and share (0–1), largest first."""
    if tidy.empty:
        return pd.DataFrame(columns=["level", "amount", "share"])
    totals = tidy.groupby("level", as_index=False, sort=False)["amount"].sum()
    grand = totals["amount"].sum()
    totals["share"] = totals["amount"] / grand if grand else 0.0
    return totals.sort_values("amount", ascending=False).reset_index(drop=True)


def physical_quantities(projects: pd.DataFrame) -> pd.DataFrame:
    """实物量 summed per category and unit (km of road, households, sites…), with project counts."""
    if projects.empty or "quantity" not in projects.columns:
        return pd.DataFrame(columns=["category", "quantity_unit", "quantity", "projects", "amount"])
    rows = projects.dropna(subset=["quantity"])
    out = rows.groupby(["category", "quantity_unit"], as_index=False, dropna=False).agg(
        quantity=("quantity", "sum"), projects=("project", "count"), amount=("total_yuan", lambda s: s.sum() / 1e4)
    )
    return out.sort_values(["category", "quantity_unit"]).reset_index(drop=True)


def sources(projects: pd.DataFrame) -> pd.DataFrame:
    """Distinct sources of these projects, for a figure's source line."""
    return (
        projects.reindex(columns=["source", "source_url"])
        .assign(source_kind=None)
        .dropna(subset=["source"])
        .drop_duplicates("source")
    )


def summary_text(rows: pd.DataFrame, totals: pd.DataFrame) -> str | None:
    """The funding in one sentence: years, projects, total and the largest level's share (None: no projects)."""
    if rows.empty:
        return None
    lead = totals.iloc[0]
    years = f"{int(rows['year'].min())}—{int(rows['year'].max())}年"
    return (
        f"{years}共 {len(rows)} 个项目，投入 {cn_quantity(totals['amount'].sum(), '万元')}；"
        f"其中{lead['level']}资金最多，{cn_quantity(lead['amount'], '万元')}，占 {lead['share'] * 100:.1f}%。"
    )
