"""What a table rule may see and do, and the rules every table shares
(uniqueness, the yearbook layout).

A table's own cross-column rules live with its declaration
(``<feature>/tables.py``) and get a :class:`RuleContext`: the headers as
written, the raw cells, the Excel row numbers, and two ways to report
(``reject`` drops the row, ``warn`` keeps it). Never the reader itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .declare import Table
from .problems import ProblemList

DUPLICATE_MESSAGES = {
    "duplicate": "与第 {row} 行重复（{what}相同）；每个{what}只能出现一次",
    "same": "与第 {row} 行完全重复（{what}和{compare}都相同）；两行都保留，请删去一行",
    "different": "与第 {row} 行的{what}相同但{compare}不同；请只保留一行",
    "wide": "与第 {row} 行的{what}都相同；按年份分列时每一项只能占一行",
}


def _message(table: Table, kind: str, **values: object) -> str:
    return table.messages.get(kind, DUPLICATE_MESSAGES[kind]).format(**values)


@dataclass
class RuleContext:
    """One file as a rule sees it. Row labels (``idx``) are the index of the rule's frame."""

    table: Table
    problems: ProblemList
    cells: pd.DataFrame  # raw cells, one column per header position
    rows: np.ndarray  # Excel row number per position
    positions: Mapping[str, int]  # field name → column position in the file
    headers: Mapping[str, str]  # field name → header as written
    header_units: Mapping[str, str]  # field name → unit written in its header ("数值（亿元）")
    percent_rows: Mapping[str, pd.Series]  # field name → which rows were written with %
    wide: bool  # yearbook layout (one column per year)
    reject_cell: Callable[[int, str, Any, str], None] = field(repr=False)  # (idx, header, value, message): drops the row
    reported: Callable[[int, str], bool] = field(repr=False, default=lambda idx, header: False)  # (idx, header)
    set_aside: Callable[[int, str], bool] = field(repr=False, default=lambda idx, name: False)  # (idx, field name)

    def present(self, name: str) -> bool:
        return name in self.positions

    def header(self, name: str) -> str:
        """The header as the trainer wrote it, or the declared one when the column is absent."""
        return self.headers.get(name, self.table.field(name).header)

    def value(self, idx: int, name: str) -> Any:
        pos = self.positions.get(name)
        return None if pos is None else self.cells.iat[idx, pos]

    def row(self, idx: int) -> int:
        return int(self.rows[idx])

    def reject(self, idx: int, name: str, message: str) -> None:
        """An error in this row's ``name`` cell: the row is not loaded (or, for a field declared
        ``set_aside``, the value is set aside with a warning and the row kept)."""
        self.reject_cell(idx, self.header(name), self.value(idx, name), message)

    def warn(self, idx: int, name: str, message: str, value: Any = None) -> None:
        """Worth a look; the row is loaded."""
        self.problems.warning(
            message, row=self.row(idx), column=self.header(name), value=value if value is not None else self.value(idx, name)
        )

    def was_set_aside(self, idx: int, name: str) -> bool:
        """Whether this row's ``name`` value was unusable and set aside (the field's ``set_aside`` rule)."""
        return self.set_aside(idx, name)

    def has_error(self, idx: int, name: str) -> bool:
        """Whether this row's ``name`` cell was already reported (e.g. a date that could not be read)."""
        return self.reported(idx, self.header(name))


def apply(rules: tuple[Callable, ...], frame: pd.DataFrame, context: RuleContext) -> None:
    if frame.empty:
        return
    for rule in rules:
        rule(frame, context)


def melt_wide(frame: pd.DataFrame, years: dict[int, pd.Series]) -> pd.DataFrame:
    """Yearbook layout → one record per filled year cell (``_pos`` keeps the source row)."""
    parts = []
    for year, values in sorted(years.items()):
        filled = values.notna()
        if not filled.any():
            continue
        part = frame[filled].copy()
        part["year"] = pd.array([year] * int(filled.sum()), dtype="Int64")
        part["value"] = values[filled].astype("float64")
        part["_pos"] = part.index
        parts.append(part)
    if not parts:
        out = frame.iloc[0:0].copy()
        out["year"], out["value"], out["_pos"] = pd.Series(dtype="Int64"), pd.Series(dtype="float64"), pd.Series(dtype="int64")
        return out
    out = pd.concat(parts)
    return out.sort_values(["_pos", "year"], kind="stable")


def check_unique(frame: pd.DataFrame, context: RuleContext) -> None:
    table = context.table
    keys = list(table.unique)
    if context.wide:
        _check_unique_wide([k for k in keys if k != "year"], frame, context)
        return
    if not keys or frame.empty or not set(keys) <= set(frame.columns):
        return
    complete = frame.dropna(subset=keys)
    dup = complete.duplicated(keys, keep=False)
    if not dup.any():
        return
    first_of = {}
    compare = table.duplicates_compare
    what = "、".join(context.header(k) for k in keys)
    for idx, key in complete[dup][keys].apply(tuple, axis=1).items():
        if key not in first_of:
            first_of[key] = idx
            continue
        first = first_of[key]
        values = {"row": context.row(first), "what": what, "compare": context.header(compare) if compare else ""}
        if not compare:
            context.reject(idx, keys[0], _message(table, "duplicate", **values))
        elif frame.at[idx, compare] == frame.at[first, compare]:
            context.warn(idx, compare, _message(table, "same", **values))
        else:
            context.reject(idx, compare, _message(table, "different", **values))


def _check_unique_wide(keys: list[str], frame: pd.DataFrame, context: RuleContext) -> None:
    """Yearbook layout: the same row key twice (same region and source) would give two values a year."""
    if frame.empty or not keys or not set(keys) <= set(frame.columns):
        return
    complete = frame.dropna(subset=keys)
    first_of: dict[tuple, int] = {}
    what = "、".join(context.header(k) for k in keys)
    for idx, key in complete[keys].apply(tuple, axis=1).items():
        if key in first_of:
            column = context.table.row_label or keys[0]
            context.reject(idx, column, _message(context.table, "wide", row=context.row(first_of[key]), what=what))
        else:
            first_of[key] = idx
