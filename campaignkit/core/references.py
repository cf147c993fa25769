"""Checks across tables, as the tables declare them (``Field.reference``): values that
must exist in another table (a member's household) or in campaign.toml (a household's
unit and grid).

A reference declared as an error moves the row to the rejected rows and updates the
counts; a warning keeps it (an item with no policy is followed up when reconciling).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import clock
from .config import CampaignConfig
from .declare import PAIR_SEPARATOR, Catalogue, Field, Reference
from .loader import TableResult
from .problems import LISTED_PER_KIND, Problem, Severity
from .vocab import split_items

# A table with many dangling rows would flood the report: beyond this many,
# one summary line stands for the rest (the rows are still rejected and counted).


def _header(result: TableResult, name: str, fallback: str) -> str:
    return result.extra.get("headers", {}).get(name, fallback)


def _flag(
    result: TableResult,
    mask: pd.Series,
    column: str,
    field: str,
    message: str,
    severity: Severity,
    problems: list[Problem],
    show=None,
    move: bool = True,
) -> None:
    """``show``: how a value is written in the message (a date as 2023-11-21, not a timestamp);
    ``move``: errors' rows are moved to the rejected (else the caller moves them)."""
    column = _header(result, field, column)
    records = result.records
    hits = records[mask] if isinstance(mask, pd.Series) else records.loc[mask]
    for i, (row, value) in enumerate(zip(hits["src_row"], hits[field])):
        value = show(value) if show else value
        if i == LISTED_PER_KIND:
            rest = hits["src_row"].iloc[LISTED_PER_KIND:]
            problems.append(
                Problem(
                    severity,
                    result.table,
                    result.file,
                    f"同样的问题还有 {len(rest)} 处（第 {int(rest.min())}—{int(rest.max())} 行之间），不再逐条列出：{message}",
                    result.sheet,
                    int(rest.min()),
                    column,
                    None,
                    len(rest),
                )
            )
            break
        problems.append(Problem(severity, result.table, result.file, message, result.sheet, int(row), column, value))
    if severity == "error" and len(hits) and move:
        _move_to_rejected(result, mask, f"{column}：{message}")


def _move_to_rejected(result: TableResult, mask: pd.Series, reason: str | pd.Series) -> None:
    """Rows out of the records into the rejected, with one reason or each row's (``reason``
    a series over the records)."""
    moved = result.records[mask]
    result.records = result.records[~mask].reset_index(drop=True)
    extra = moved.drop(columns=["src_file", "src_sheet"], errors="ignore").copy()
    extra["reasons"] = reason if isinstance(reason, str) else reason[mask].to_numpy()
    result.rejected = (
        pd.concat([result.rejected, extra], ignore_index=True) if len(result.rejected) else extra.reset_index(drop=True)
    )
    rows = moved["src_row"].nunique()
    result.counts.rows_rejected += rows
    result.counts.rows_loaded -= rows
    result.counts.records_loaded -= len(moved)


def _known_values(target: pd.DataFrame, ref: Reference) -> set[str]:
    """The values a reference may name: one field's, or a pair's written "a：b"."""
    fields = ref.key_fields
    if len(fields) == 1:
        return set(target[fields[0]].dropna())
    pairs = target[list(fields)].dropna().drop_duplicates()
    return {PAIR_SEPARATOR.join(map(str, row)) for row in pairs.itertuples(index=False)}


def _check_period(
    result: TableResult, header: str, name: str, ref: Reference, config: CampaignConfig, problems: list[Problem]
) -> None:
    """Dates of things done (``campaign.toml:period``): not before the campaign's start, not
    after today. Dates of things planned (``campaign.toml:start``): not before the start."""
    dates = pd.to_datetime(result.records[name], errors="coerce")
    start = config.start_date
    if start is not None:
        early = dates.notna() & (dates < pd.Timestamp(start))
        if early.any():
            message = ref.message.format(start=f"{start.year}年{start.month}月{start.day}日", today="")
            _flag(result, early, header, name, message, ref.severity, problems, show=_day)
            dates = pd.to_datetime(result.records[name], errors="coerce")
    if ref.to == "campaign.toml:period":
        today = clock.today()
        late = dates.notna() & (dates > pd.Timestamp(today))
        if late.any():
            message = f"日期在今天（{today:%Y-%m-%d}）之后：还没发生的事不能记录，请核对日期"
            _flag(result, late, header, name, message, ref.severity, problems, show=_day)


OWN_MESSAGES = 100  # distinct unknown values named one by one; rows beyond share one message


def _flag_each(result: TableResult, own: pd.Series, f, ref, problems: list[Problem], **names: str) -> None:
    """Each bad row's message names that row's own unknown values (``own``: their text, per
    bad row), not every unknown value of the column."""
    column = _header(result, f.name, f.header)
    reasons = pd.Series("", index=result.records.index, dtype=object)
    groups = own.groupby(own, sort=False).groups
    for n, (text, index) in enumerate(groups.items()):
        if n == OWN_MESSAGES:
            named = pd.Index([i for t in list(groups)[:OWN_MESSAGES] for i in groups[t]])
            index, text = own.index.difference(named).sort_values(), "（见各行的值）"
        message = ref.message.format(values=text, **names)
        _flag(result, index, f.header, f.name, message, ref.severity, problems, move=False)
        reasons.loc[index] = f"{column}：{message}"
        if n == OWN_MESSAGES:
            break
    if ref.severity == "error":
        _move_to_rejected(result, reasons != "", reasons)


def _day(value) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}" if pd.notna(value) else ""


def _unknown_items(values: pd.Series, known: set[str], commas: bool) -> pd.Series:
    """For each cell listing several values, those not in ``known``."""
    return values.map(lambda v: [i for i in split_items(v, commas=commas) if i not in known])


@dataclass(frozen=True)
class _Column:
    """A column that refers elsewhere, in one table read; its problems go to ``problems``."""

    name: str  # the table's name in the catalogue
    label: str
    result: TableResult
    field: Field
    problems: list[Problem]

    def values(self) -> pd.Series:
        return self.result.records[self.field.name]


def check_references(results: dict[str, TableResult], config: CampaignConfig, catalogue: Catalogue) -> list[Problem]:
    """Every declared :class:`~campaignkit.core.declare.Reference` of the tables read, in catalogue order.

    The values a reference may point at are taken before any row is moved, so that a
    household rejected for its unit still counts as a household for its members.
    """
    problems: list[Problem] = []
    targets = {name: result.records for name, result in results.items()}
    for name, table in catalogue.items():
        result = results.get(name)
        if result is None or result.records.empty:
            continue
        for f in table.fields:
            ref = f.reference
            if ref is None or f.name not in result.records.columns:
                continue
            check = _CHECKS.get(ref.to, _check_table)
            check(_Column(name, table.label, result, f, problems), ref, config, targets)
    return problems


def _check_units(column: _Column, ref: Reference, config: CampaignConfig, targets: dict[str, pd.DataFrame]) -> None:
    """A unit of campaign.toml (or, in a cell listing several, each of them)."""
    if not config.units:
        return
    values = column.values()
    names = set(config.unit_names)
    if ref.many:
        _flag_items(column, ref, _unknown_items(values, names, ref.commas), units="、".join(config.unit_names))
        return
    _flag_values(column, ref, values, ~values.isin(names), units="、".join(config.unit_names))


def _check_audiences(column: _Column, ref: Reference, config: CampaignConfig, targets: dict[str, pd.DataFrame]) -> None:
    """An audience of campaign.toml (or, in a cell listing several, each of them)."""
    values = column.values()
    audiences = set(config.all_audiences)
    unknown_items = (
        _unknown_items(values, audiences, ref.commas)
        if ref.many
        else values.map(lambda v: [] if pd.isna(v) or v in audiences else [v])
    )
    _flag_items(column, ref, unknown_items, audiences="、".join(config.all_audiences))


def _check_dates(column: _Column, ref: Reference, config: CampaignConfig, targets: dict[str, pd.DataFrame]) -> None:
    _check_period(column.result, column.field.header, column.field.name, ref, config, column.problems)


def _check_grids(column: _Column, ref: Reference, config: CampaignConfig, targets: dict[str, pd.DataFrame]) -> None:
    """A grid of the row's unit, as campaign.toml lists them (units without grids: anything goes)."""
    values = column.values()
    grids = {u.name: set(u.grids) for u in config.units if u.grids}
    units = column.result.records.get("unit", pd.Series(None, index=values.index))
    bad = pd.Series([bool(pd.notna(g) and u in grids and g not in grids[u]) for u, g in zip(units, values)], index=values.index)
    _flag_values(column, ref, values, bad, units="、".join(config.unit_names))


def _check_table(column: _Column, ref: Reference, config: CampaignConfig, targets: dict[str, pd.DataFrame]) -> None:
    """A value of another table read (a warning when that table is absent and the reference says so)."""
    target = targets.get(ref.table)
    if target is None or target.empty:
        if ref.missing:
            result = column.result
            column.problems.append(
                Problem("warning", column.name, result.file, ref.missing.format(label=column.label), result.sheet)
            )
        return
    values = column.values()
    known = _known_values(target, ref)
    if ref.many:
        _flag_items(column, ref, _unknown_items(values, known, ref.commas), units="、".join(config.unit_names))
        return
    _flag_values(column, ref, values, ~values.isin(known), units="、".join(config.unit_names))


# What a reference points at in campaign.toml; any other reference names a table's field.
_CHECKS = {
    "campaign.toml:units": _check_units,
    "campaign.toml:audiences": _check_audiences,
    "campaign.toml:period": _check_dates,
    "campaign.toml:start": _check_dates,
    "campaign.toml:grids": _check_grids,
}


def _flag_items(column: _Column, ref: Reference, unknown_items: pd.Series, **names: str) -> None:
    """Rows listing values that do not exist, each named with its own (at most 10)."""
    bad = unknown_items.map(bool)
    if bad.any():
        own = unknown_items[bad].map(lambda items: "、".join(str(i) for i in items[:10]))
        _flag_each(column.result, own, column.field, ref, column.problems, **names)


def _flag_values(column: _Column, ref: Reference, values: pd.Series, bad: pd.Series, **names: str) -> None:
    """Rows whose value (``bad``) does not exist, each named with its own."""
    if bad.any():
        own = values[bad].map(lambda v: "" if pd.isna(v) else str(v))
        _flag_each(column.result, own, column.field, ref, column.problems, **names)
