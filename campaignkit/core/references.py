"""Checks across tables: do payments and members point at real households, do
households name units of the campaign, are payment items known policies?

A dangling reference to a household is an error (the row is moved to the
rejected rows and the counts are updated); an item with no policy is a
warning, since following up such items is part of reconciling a card.
"""

from __future__ import annotations

import pandas as pd

from .config import CampaignConfig
from .loader import TableResult
from .problems import Problem

# A table with many dangling rows would flood the report: beyond this many,
# one summary line stands for the rest (the rows are still rejected and counted).
MAX_LISTED = 200


def _header(result: TableResult, name: str, fallback: str) -> str:
    return result.extra.get("headers", {}).get(name, fallback)


def _flag(
    result: TableResult, mask: pd.Series, column: str, field: str, message: str, severity: str, problems: list[Problem]
) -> None:
    column = _header(result, field, column)
    records = result.records
    hits = records[mask]
    for i, (row, value) in enumerate(zip(hits["src_row"], hits[field])):
        if i == MAX_LISTED:
            problems.append(
                Problem(
                    severity,
                    result.table,
                    result.file,
                    f"另有 {len(hits) - MAX_LISTED} 行有同样的问题，未逐行列出",
                    result.sheet,
                    None,
                    column,
                    None,
                )
            )
            break
        problems.append(Problem(severity, result.table, result.file, message, result.sheet, int(row), column, value))
    if severity == "error" and len(hits):
        _move_to_rejected(result, mask, f"{column}：{message}")


def _move_to_rejected(result: TableResult, mask: pd.Series, reason: str) -> None:
    moved = result.records[mask]
    result.records = result.records[~mask].reset_index(drop=True)
    extra = moved.drop(columns=["src_file", "src_sheet"], errors="ignore").copy()
    extra["reasons"] = reason
    result.rejected = (
        pd.concat([result.rejected, extra], ignore_index=True) if len(result.rejected) else extra.reset_index(drop=True)
    )
    rows = moved["src_row"].nunique()
    result.counts.rows_rejected += rows
    result.counts.rows_loaded -= rows
    result.counts.records_loaded -= len(moved)


def check_references(results: dict[str, TableResult], config: CampaignConfig) -> list[Problem]:
    problems: list[Problem] = []
    households = results.get("households")
    household_ids = set(households.records["household_id"]) if households is not None and not households.records.empty else None

    if households is not None and not households.records.empty and config.units:
        units = set(config.unit_names)
        unknown = ~households.records["unit"].isin(units)
        _flag(
            households,
            unknown,
            "单位",
            "unit",
            "单位不在 campaign.toml 的单位列表中："
            + "、".join(config.unit_names)
            + "。请改成列表中的名称，或在 campaign.toml 中补上",
            "error",
            problems,
        )
        grids = {u.name: set(u.grids) for u in config.units if u.grids}
        if "grid" in households.records.columns and grids:
            rec = households.records
            bad = [bool(pd.notna(g) and u in grids and g not in grids[u]) for u, g in zip(rec["unit"], rec["grid"])]
            _flag(
                households,
                pd.Series(bad, index=rec.index),
                "网格",
                "grid",
                "网格不在 campaign.toml 中该单位的网格列表里",
                "warning",
                problems,
            )

    for name, label in (("members", "家庭成员"), ("payments", "发放明细")):
        result = results.get(name)
        if result is None or result.records.empty:
            continue
        if household_ids is None:
            problems.append(
                Problem("warning", name, result.file, f"没有户表（households），无法核对{label}中的户编号", result.sheet)
            )
            continue
        ids = result.records["household_id"]
        dangling = ~ids.isin(household_ids)
        _flag(
            result,
            dangling,
            "户编号",
            "household_id",
            "户表中没有这个户编号：请核对编号，或先在户表中登记这一户",
            "error",
            problems,
        )

    payments, policies = results.get("payments"), results.get("policies")
    if payments is not None and not payments.records.empty and policies is not None and not policies.records.empty:
        items = set(policies.records["item"])
        unknown = ~payments.records["item"].isin(items)
        if unknown.any():
            names = "、".join(sorted(pd.unique(payments.records.loc[unknown, "item"]))[:10])
            _flag(
                payments,
                unknown,
                "项目",
                "item",
                f"惠民政策表中没有这个项目（{names}）：如是新政策请补进惠民政策表，否则请核对项目名称",
                "warning",
                problems,
            )
    return problems
