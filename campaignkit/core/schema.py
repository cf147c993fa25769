"""Declarative checks on typed tables, with pandera.

Each :class:`~campaignkit.tables.Table` declaration becomes a pandera
``DataFrameSchema`` (required values, ranges, allowed values). Validation is
lazy, so every failing cell is reported; pandera's failure cases are turned
into Chinese messages here. pandera is used rather than hand-written checks
because it is the well-kept standard for declarative frame schemas and
collects all failures in one frame (``SchemaErrors.failure_cases``).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .declare import Field, Table


def _fmt(number: float | None) -> str:
    if number is None:
        return ""
    return f"{int(number):,}" if float(number).is_integer() else f"{number:g}"


def _checks(f: Field) -> list[pa.Check]:
    checks = []
    if f.min is not None and f.max is not None:
        checks.append(pa.Check.in_range(f.min, f.max, error=f"range:{f.name}"))
    elif f.min is not None:
        checks.append(pa.Check.ge(f.min, error=f"min:{f.name}"))
    if f.choices and f.kind == "text":
        checks.append(pa.Check.isin(list(f.choices), error=f"choices:{f.name}"))
    return checks


@cache
def schema_for(table: Table) -> pa.DataFrameSchema:
    # Only columns with something to check: an unchecked column costs a pass for nothing.
    columns = {
        f.name: pa.Column(None, checks=_checks(f), nullable=not f.required, required=False)
        for f in table.fields
        if f.required or _checks(f)
    }
    return pa.DataFrameSchema(columns, name=table.name, strict=False, coerce=False)


def message_for(f: Field, check: str) -> str:
    """Plain-Chinese message for a pandera check name."""
    if check == "not_nullable":
        return f"“{f.header}”必须填写，这一行是空的"
    kind = check.split(":", 1)[0]
    if kind == "range":
        what = "年份" if f.kind == "year" else "数值"
        return f"{what}应在 {_fmt(f.min)} 到 {_fmt(f.max)} 之间"
    if kind == "min":
        return f"不能小于 {_fmt(f.min)}（金额、面积、人数不能为负数）"
    if kind == "choices":
        return "只能填以下之一：" + "、".join(f.choices)
    return f"未通过检查：{check}"


def validate(table: Table, frame: pd.DataFrame) -> list[tuple[str, str, np.ndarray]]:
    """Failing cells grouped as ``(field name, message, index labels)``."""
    checked = schema_for(table).columns
    present = [f for f in table.fields if f.name in frame.columns and f.name in checked]
    if frame.empty or not present:
        return []
    try:
        schema_for(table).validate(frame[[f.name for f in present]], lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    fields = {f.name: f for f in present}
    cases = cases[cases["column"].isin(list(fields)) & cases["index"].notna()]
    out = []
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        out.append((column, message_for(fields[column], str(check)), group["index"].to_numpy()))
    return out
