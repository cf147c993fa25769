"""Read one table file leniently: good records, rejected rows with reasons,
problems, and an account of every row.

The pipeline: find the header → map Chinese headers to fields → set aside
blank and notes rows → convert each column (numbers, years, dates, flags, ID
numbers) → table rules (declared with the table, run through a
:class:`~campaignkit.core.rules.RuleContext`) → declarative checks
(:mod:`campaignkit.core.schema`) → records with provenance (``src_file``,
``src_sheet``, ``src_row``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import UnreadableFile
from . import normalize as nz
from . import rules, schema
from .declare import Catalogue, Field, Table
from .duplicates import repeated_rows
from .idnumber import id_problem, upgrade_15
from .problems import HasProblems, Problem, ProblemList, TableCounts, sort_problems
from .reading import RawSheet, clean_header, read_raw
from .units import base_of, split_unit

NOTE_PREFIXES = ("注", "说明", "资料来源", "数据来源", "来源：", "填表说明", "备注：", "填表人", "制表", "审核")
_YEAR_HEADER = re.compile(r"^(19|20|21)\d{2}年?$")
# 6.22848E+18: a long code after Excel saved it. Used with fullmatch, unanchored and ASCII-only, so
# pandas hands it to pyarrow's RE2 as it is (``\d`` or ``$`` made it scan every value first).
_SCIENTIFIC = re.compile(r"[0-9](\.[0-9]+)?[eE]\+?[0-9]+")


@dataclass
class TableResult(HasProblems):
    """What reading one file gave.

    ``records``: the good records, English columns plus provenance;
    ``rejected``: the rows not loaded, as written, with ``src_row`` and ``reasons``;
    ``problems``: every error and warning; ``counts``: the row accounting.
    """

    table: str
    file: str
    records: pd.DataFrame
    rejected: pd.DataFrame
    problems: list[Problem]
    counts: TableCounts
    header_row: int = 0
    sheet: str | None = None
    wide: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    unreadable: bool = False  # the file could not be opened as a spreadsheet at all

    def __post_init__(self) -> None:
        self.problems = sort_problems(self.problems)


# -- header mapping ---------------------------------------------------------


def _lookup(table: Table) -> dict[str, Field]:
    out = {}
    for f in table.fields:
        for h in (*f.headers, f.name):
            out[clean_header(h)] = f
    return out


def _match_header(text: str, lookup: dict[str, Field]) -> tuple[Field | None, str | None]:
    cleaned = clean_header(text)
    if cleaned in lookup:
        return lookup[cleaned], None
    name, unit = split_unit(cleaned)
    if unit and name in lookup:
        return lookup[name], unit
    return None, None


def header_score(table: Table):
    lookup = _lookup(table)

    def score(cells: list[str]) -> int:
        hits = sum(1 for c in cells if c and _match_header(c, lookup)[0] is not None)
        if table.wide_years:
            years = sum(1 for c in cells if _YEAR_HEADER.match(c))
            hits += min(years, 2)
        return hits if hits >= 2 else 0

    return score


def text_positions(table: Table):
    """Header positions to read as text, so '0015' or an ID number keeps every digit."""
    lookup = _lookup(table)

    def positions(headers: list[str]) -> set[int]:
        out = set()
        for i, h in enumerate(headers):
            f, _ = _match_header(h, lookup)
            if f is None or f.kind in ("text", "idnumber", "flag", "month"):
                out.add(i)
        return out

    return positions


def literal_positions(table: Table):
    """Header positions of year and date fields: read as written when the CSV reader would
    make fractions of them ("2.022e3", "2023.5" must reach their checks as text)."""
    lookup = _lookup(table)

    def positions(headers: list[str]) -> set[int]:
        return {i for i, h in enumerate(headers) if (f := _match_header(h, lookup)[0]) is not None and f.kind in ("year", "date")}

    return positions


def guess_table(path: Path, tables: Catalogue) -> Table | None:
    """The table a file holds: from its name, or failing that from its headers."""
    by_name = tables.for_stem(path.stem)
    if by_name:
        return by_name
    best, best_score = None, 0
    for table in tables.values():
        try:
            raw = read_raw(path, header_score(table), text_positions(table), (table.label,))
        except UnreadableFile:
            return None
        if raw.header_row:
            value = header_score(table)([clean_header(h) for h in raw.headers])
            if value > best_score:
                best, best_score = table, value
    return best


# -- the pipeline -----------------------------------------------------------


def read_table(
    path: str | Path,
    table: str | Table | None = None,
    *,
    tables: Catalogue,
    defaults: Mapping[str, str] | None = None,
    display_name: str | None = None,
) -> TableResult:
    """Read one table file leniently (never raises for bad data).

    ``table`` is a :class:`Table`, a table name in ``tables`` ("payments") or
    ``None`` to guess it from the file name or headers; ``defaults`` maps
    Chinese headers to values used when the column is absent (e.g.
    ``{"地区": "乌审旗"}`` for a yearbook sheet).
    """
    path = Path(path)
    file = display_name or path.name
    spec = tables[table] if isinstance(table, str) else table
    if spec is None:
        spec = guess_table(path, tables)
    if spec is None:
        problems = ProblemList("?", file)
        problems.error("无法判断这是哪张表：请把文件命名为表名（如 payments.csv 或 一卡通发放明细.xlsx），或用 --table 指定")
        return _empty_result("?", file, problems.all())
    return _Reader(spec, path, file, dict(defaults or {})).run()


def _empty_result(
    table: str, file: str, problems: list[Problem], counts: TableCounts | None = None, raw: RawSheet | None = None
) -> TableResult:
    return TableResult(
        table,
        file,
        pd.DataFrame(),
        pd.DataFrame(),
        problems,
        counts or TableCounts(table, file),
        header_row=raw.header_row if raw else 0,
        sheet=raw.sheet if raw else None,
    )


SET_ASIDE_NOTE = "这个值先不用（按空白处理），这一行其余内容照常读入"
OLD_ID = "旧式 15 位身份证号，已按国家标准换算为 18 位（出生年份前补“19”，末位补校验位）；请与身份证核对后改成 18 位"


# Full-width digits, letters and the marks codes and dates are written with (－ ． ／ ：); not
# full-width brackets or commas, which stay as the trainer wrote them ("1949（建国之初）").
HALF_WIDTH = str.maketrans(
    {
        chr(c): chr(c - 0xFEE0)
        for c in [*range(0xFF10, 0xFF1B), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0D, 0xFF0E, 0xFF0F]
    }
)


# The exact-duplicate search (DuckDB, which runs outside the GIL) goes on while the columns
# are converted: ~90 ms a million rows that would otherwise come on top of the load.
_BESIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="campaignkit-duplicates")


class _Reader:
    def __init__(self, table: Table, path: Path, file: str, defaults: dict[str, str]):
        self.table, self.path, self.file, self.defaults = table, path, file, defaults
        self.problems = ProblemList(table.name, file)
        self.row_errors: dict[int, list[str]] = {}  # position -> reasons (one cell at a time)
        self._bulk: list[tuple[np.ndarray, str]] = []  # (positions, reason): many cells of one column at once
        self._flagged: dict[str, np.ndarray] = {}  # header as written -> cells already reported
        self._aside: dict[str, np.ndarray] = {}  # field name -> cells set aside (blank, row kept)
        self._aside_headers: dict[str, str] = {}  # header as written -> name, for set_aside fields

    # helpers
    def cell_error(self, pos: int, header: str, value: Any, message: str) -> None:
        if header in self._aside_headers:
            self._set_aside(header, np.array([pos], dtype=np.int64), message, lambda i: value)
            return
        self.problems.error(message, row=int(self.rows[pos]), column=header, value=value)
        self.row_errors.setdefault(pos, []).append(f"{header}：{message}")
        self._flagged_in(header)[pos] = True

    def _set_aside(self, header: str, positions: np.ndarray, message: str, value_at) -> None:
        """A bad value in a field that identifies nothing: a warning, the cell blank, the row kept."""
        name = self._aside_headers[header]
        self.problems.add_many(
            "warning", f"{message}。{SET_ASIDE_NOTE}", column=header, rows=self.rows[positions], value_at=value_at
        )
        if name not in self._aside:
            self._aside[name] = np.zeros(len(self.rows), dtype=bool)
        self._aside[name][positions] = True
        self._flagged_in(header)[positions] = True

    def was_set_aside(self, pos: int, name: str) -> bool:
        mask = self._aside.get(name)
        return mask is not None and bool(mask[pos])

    def _blank_set_aside(self, typed: pd.DataFrame) -> None:
        for name, mask in self._aside.items():
            if name in typed.columns:
                hit = typed.index[mask[typed.index.to_numpy()]]
                if len(hit):
                    typed.loc[hit, name] = None

    def cell_errors(self, header: str, raw: pd.Series, errors: Mapping[int, str]) -> None:
        """Many cell errors of one column at once (a million bad rows stay arrays, not objects)."""
        if len(errors) < 64:
            for pos, message in errors.items():
                self.cell_error(pos, header, raw.at[pos], message)
            return
        messages = pd.Series(errors, dtype=object)
        for message, group in messages.groupby(messages, sort=False):
            self.reject_positions(header, np.sort(group.index.to_numpy(dtype=np.int64)), message, raw)

    def reject_positions(self, header: str, positions: np.ndarray, message: str, raw: pd.Series | None) -> None:
        """Reject these rows for one problem in the ``header`` column (``raw``: its cells as written)."""
        value_at = lambda i: None if raw is None else raw.at[positions[i]]  # noqa: E731
        if header in self._aside_headers:
            self._set_aside(header, positions, message, value_at)
            return
        self.problems.add_many("error", message, column=header, rows=self.rows[positions], value_at=value_at)
        self._bulk.append((positions, f"{header}：{message}"))
        self._flagged_in(header)[positions] = True

    def _flagged_in(self, header: str) -> np.ndarray:
        if header not in self._flagged:
            self._flagged[header] = np.zeros(len(self.rows), dtype=bool)
        return self._flagged[header]

    def reported(self, pos: int, header: str) -> bool:
        flagged = self._flagged.get(header)
        return flagged is not None and bool(flagged[pos])

    def run(self) -> TableResult:
        try:
            raw = read_raw(
                self.path,
                header_score(self.table),
                text_positions(self.table),
                (self.table.label, "数据"),
                literal_positions(self.table),
            )
        except UnreadableFile as exc:
            self.problems.error(str(exc))
            result = _empty_result(self.table.name, self.file, self.problems.all())
            result.unreadable = True
            return result
        self.raw, self.rows = raw, raw.rows
        self.problems.sheet = raw.sheet
        if not raw.header_row:
            expected = "、".join(f.header for f in self.table.required_fields)
            self.problems.error(f"在前 30 行里找不到表头。“{self.table.label}”表的表头应包括：{expected}")
            return _empty_result(self.table.name, self.file, self.problems.all(), raw=raw)
        n = len(raw.cells)
        cells = raw.cells.reset_index(drop=True)
        counts = TableCounts(self.table.name, self.file, rows_read=n)
        skipped = self._skipped_rows(cells)
        counts.rows_skipped = int(skipped.sum())
        live = ~skipped
        self._headerless()
        self._broken_rows()
        if not self._map_headers():
            counts.rows_rejected = int(live.sum())
            rejected = self._rejected_frame(cells, np.flatnonzero(live.to_numpy()), None)
            return self._result(pd.DataFrame(), rejected, counts)
        data = cells if not counts.rows_skipped else cells[live]  # a copy of every column costs ~40 ms a million rows
        self.percent_rows: dict[str, pd.Series] = {}
        self._aside_headers = {
            self.headers_written[f.name]: f.name for f in self.table.fields if f.set_aside and f.name in self.headers_written
        }
        repeats = None if self.table.unique or len(data) < 2 else _BESIDE.submit(repeated_rows, data)
        typed = self._convert(data)
        self._blank_set_aside(typed)
        context = self._context()
        rules.apply(self.table.rules, typed, context)
        self._blank_set_aside(typed)
        for column, message, index in schema.validate(self.table, typed):
            header = context.header(column)
            positions = np.sort(index.astype(np.int64))
            flagged = self._flagged.get(header)
            if flagged is not None:
                positions = positions[~flagged[positions]]  # already reported: the cell could not be read
            if len(positions):
                pos = self.position_of.get(column)
                self.reject_positions(header, positions, message, None if pos is None else cells[pos])
        self._blank_set_aside(typed)
        rules.check_unique(typed, context)
        if repeats is not None:
            self._exact_duplicates(data, *repeats.result())
        bad = np.union1d(
            np.fromiter(self.row_errors, dtype=np.int64, count=len(self.row_errors)),
            np.concatenate([p for p, _ in self._bulk]) if self._bulk else np.array([], dtype=np.int64),
        )
        good = typed.drop(index=bad) if len(bad) else typed
        records = self._records(good, context)
        counts.rows_rejected = len(bad)
        counts.rows_loaded = len(good)
        counts.records_loaded = len(records)
        rejected = self._rejected_frame(cells, bad, self._reasons(bad))
        return self._result(records, rejected, counts, extra={"headers": self.headers_written})

    def _result(self, records: pd.DataFrame, rejected: pd.DataFrame, counts: TableCounts, **extra: Any) -> TableResult:
        return TableResult(
            self.table.name,
            self.file,
            records,
            rejected,
            self.problems.all(),
            counts,
            self.raw.header_row,
            self.raw.sheet,
            self.wide,
            **extra,
        )

    # blank and notes rows
    def _skipped_rows(self, cells: pd.DataFrame) -> pd.Series:
        """Blank rows and notes rows ("注：…" in the first cell, nothing else)."""
        if cells.empty:
            return pd.Series(False, index=cells.index)
        # Column by column, only over rows still empty so far: one full pass in practice.
        rest_blank = pd.Series(True, index=cells.index)
        for col in cells.columns[1:]:
            candidates = rest_blank[rest_blank].index
            if not len(candidates):
                break
            rest_blank.loc[candidates] = nz.blank_mask(cells.loc[candidates, col]).to_numpy()
        first = cells.iloc[:, 0]
        skipped = pd.Series(False, index=cells.index)
        candidates = rest_blank[rest_blank].index
        if len(candidates):
            head = first.loc[candidates]
            head_blank = nz.blank_mask(head)
            notes = ~head_blank & head.astype(str).str.strip().str.startswith(NOTE_PREFIXES)
            skipped.loc[candidates] = (head_blank | notes).to_numpy()
        return skipped

    def _context(self) -> rules.RuleContext:
        return rules.RuleContext(
            table=self.table,
            problems=self.problems,
            cells=self.raw.cells,
            rows=self.rows,
            positions=self.position_of,
            headers=self.headers_written,
            header_units=self.header_units,
            percent_rows=self.percent_rows,
            wide=self.wide,
            reject_cell=self.cell_error,
            reported=self.reported,
            set_aside=self.was_set_aside,
        )

    def _exact_duplicates(self, data: pd.DataFrame, repeated: np.ndarray, first: np.ndarray) -> None:
        """Rows written twice, cell for cell (a block pasted again, a file appended to itself): a
        warning naming the row each one repeats. Tables with a key reject them by that key."""
        if not len(repeated):
            return
        positions = data.index.to_numpy()
        rows, firsts = self.rows[positions[repeated]], self.rows[positions[first]]
        self.problems.add_many(
            "warning",
            "这一行和前面的一行一模一样：可能是同一笔录了两次或重复粘贴了。照常读入，合计时算两笔；"
            "如是重复请删掉一行，如确是两笔请在备注里写明区别",
            column=None,
            rows=rows,
            value_at=lambda i: f"同第 {int(firsts[i])} 行",
        )

    def _broken_rows(self) -> None:
        """Lines the reader could not read as one row (a quote that never closes): rejected."""
        for pos, (col, message) in self.raw.broken_rows.items():
            header = self.raw.headers[col] if col < len(self.raw.headers) else f"（第 {col + 1} 列）"
            self.problems.error(message, row=int(self.rows[pos]), column=header)
            self.row_errors.setdefault(pos, []).append(f"{header}：{message}")

    def _headerless(self) -> None:
        for row, col, value in self.raw.headerless_cells:
            self.problems.warning(
                f"第 {col + 1} 列有内容但没有表头，这些内容没有读入；如需要请补上表头",
                row=row,
                column=f"（第 {col + 1} 列）",
                value=value,
            )

    # headers
    def _map_headers(self) -> bool:
        lookup = _lookup(self.table)
        self.position_of: dict[str, int] = {}
        self.headers_written: dict[str, str] = {}
        self.header_units: dict[str, str] = {}
        self.year_columns: dict[int, int] = {}
        unknown = self._place_headers(lookup)
        self.wide = bool(self.year_columns) and "year" not in self.position_of and "value" not in self.position_of
        if self.year_columns and not self.wide:
            for pos in self.year_columns:
                unknown.append((pos, self.raw.headers[pos]))
            self.year_columns = {}
        self._warn_unknown_headers(unknown)
        required = self._required_present(unknown)
        groups = self._one_of_present()
        return required and groups

    def _place_headers(self, lookup: dict[str, Field]) -> list[tuple[int, str]]:
        """Each header to its field (or its year, in a wide table); returns the columns not placed."""
        unknown: list[tuple[int, str]] = []
        for pos, written in enumerate(self.raw.headers):
            if not written:
                if not self.raw.cells[pos].pipe(nz.blank_mask).all():
                    unknown.append((pos, f"（第 {pos + 1} 列，无表头）"))
                continue
            f, unit = _match_header(written, lookup)
            if f is None:
                if not self._year_column(pos, written):
                    unknown.append((pos, written))
                continue
            self._place_field(f, unit, pos, written)
        return unknown

    def _year_column(self, pos: int, written: str) -> bool:
        """A header that is a year (2023年, 2023（万元）) in a table that may be wide: kept as a year column."""
        cleaned = clean_header(written)
        if not (self.table.wide_years and _YEAR_HEADER.match(split_unit(cleaned)[0])):
            return False
        self.year_columns[pos] = int(split_unit(cleaned)[0][:4])
        year_unit = split_unit(cleaned)[1]
        if year_unit:
            self.header_units.setdefault("value", year_unit)
        return True

    def _place_field(self, f: Field, unit: str | None, pos: int, written: str) -> None:
        if f.name in self.position_of:
            first = self.headers_written[f.name]
            self.problems.error(
                f"“{written}”和“{first}”是同一列（{f.header}），请删去或改名其中一列", row=self.raw.header_row, column=written
            )
            return
        self.position_of[f.name] = pos
        self.headers_written[f.name] = written
        if unit:
            self.header_units[f.name] = unit

    def _warn_unknown_headers(self, unknown: list[tuple[int, str]]) -> None:
        names = [f.header for f in self.table.fields]
        for _, written in unknown:
            close = difflib.get_close_matches(clean_header(written), names, n=1, cutoff=0.5)
            hint = f"，是不是“{close[0]}”？" if close else "。"
            self.problems.warning(
                f"不认识表头“{written}”，这一列没有读入{hint}可用的表头：{'、'.join(names)}",
                row=self.raw.header_row,
                column=written,
            )

    def _required_present(self, unknown: list[tuple[int, str]]) -> bool:
        """Whether every required column is there (an error for each one missing)."""
        header_row = self.raw.header_row
        ok = True
        wide_optional = {"year", "value"} if self.wide else set()
        for f in self.table.required_fields:
            if not self._column_needed(f, wide_optional):
                continue
            close = [w for _, w in unknown if difflib.get_close_matches(clean_header(w), [f.header], cutoff=0.5)]
            hint = f"（表中有“{close[0]}”，是否应改为“{f.header}”？）" if close else ""
            self.problems.error(
                f"缺少必需的列“{f.header}”{hint}。请在表头第 {header_row} 行补上这一列", row=header_row, column=f.header
            )
            ok = False
        return ok

    def _column_needed(self, f: Field, wide_optional: set[str]) -> bool:
        """Whether a required field must come from its own column (not a wide table's years, a
        default, or a table rule)."""
        if f.name in self.position_of or f.name in wide_optional:
            return False
        if f.header in self.defaults:
            return False
        return not f.derived  # a table rule derives it (e.g. a unit from the 数值 header): checked per row

    def _one_of_present(self) -> bool:
        """Whether each group of alternative columns has at least one (an error for each group without)."""
        ok = True
        for group in self.table.one_of:
            if not any(name in self.position_of for name in group):
                options = "、".join(self.table.field(n).header for n in group)
                self.problems.error(f"以下各列至少要有一列：{options}", row=self.raw.header_row)
                ok = False
        return ok

    # values
    def _convert(self, data: pd.DataFrame) -> pd.DataFrame:
        typed = pd.DataFrame(index=data.index)
        for name, pos in self.position_of.items():
            f = self.table.field(name)
            typed[name] = self._convert_field(f, data[pos], self.headers_written[name])
        for f in self.table.fields:
            if f.name not in typed.columns and f.header in self.defaults:
                typed[f.name] = self.defaults[f.header]
        if self.wide:
            self._convert_wide(data, typed)
        return typed

    def _convert_field(self, f: Field, raw: pd.Series, header: str) -> pd.Series:
        convert = {
            "number": self._convert_number,
            "year": self._convert_year,
            "flag": self._convert_flag,
            "date": self._convert_date,
            "month": self._convert_date,
            "idnumber": self._convert_idnumber,
        }.get(f.kind, self._convert_text)
        values, errors = convert(f, raw, header)
        self.cell_errors(header, raw, errors)
        return values

    def _convert_number(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        values, percent, errors = nz.convert_numbers(raw)
        values = self._apply_header_unit(f, values, header)
        if percent.any():
            if f.percent:
                self.percent_rows[f.name] = percent
            else:
                for idx in percent[percent].index:
                    errors.setdefault(idx, "这一列不应带 %，请只填数字")
        return values, errors

    def _convert_year(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        return nz.convert_years(raw)

    def _convert_flag(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        return nz.convert_flags(raw, default=None if f.default is None else bool(f.default))

    def _convert_date(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        """A date or a month: a value read with a guess is kept, with a warning."""
        values, errors, warnings = nz.convert_dates(raw, nz.parse_date if f.kind == "date" else nz.parse_month)
        for idx, message in warnings.items():
            self.problems.warning(message, row=int(self.rows[idx]), column=header, value=raw.at[idx])
        return values, errors

    def _convert_idnumber(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        """ID numbers: kept as text; an old 15-digit one is upgraded with a warning."""
        values = nz.convert_text(raw)
        errors: dict[Any, str] = {}
        for idx, value in raw.items():
            if nz.is_blank(value):
                continue
            if not isinstance(value, str):
                errors[idx] = "身份证号被存成了数字，末几位可能已丢失；请把这一列设为“文本”格式后重新录入"
                continue
            eighteen = upgrade_15(value)
            if eighteen:
                values.at[idx] = eighteen
                self.problems.warning(OLD_ID, row=int(self.rows[idx]), column=header, value=value)
                continue
            wrong = id_problem(value)
            if wrong:
                errors[idx] = wrong
        return values, errors

    def _convert_text(self, f: Field, raw: pd.Series, header: str) -> tuple[pd.Series, dict[Any, str]]:
        values = nz.convert_text(raw)
        if f.as_text:
            values = self._half_width(values, header)
        if f.long_code:
            values = self._lost_digits(f, raw, values, header)
        return values, {}

    def _half_width(self, values: pd.Series, header: str) -> pd.Series:
        """Codes typed with a Chinese input method (ＨＸ－００１) are the codes everyone else types
        (HX-001): a code must match across tables. Said once per cell, like any change."""
        if nz.surely_ascii(values):
            return values
        wide = values.notna() & ~values.str.isascii().fillna(True).astype(bool)
        if not wide.any():
            return values
        folded = values[wide].str.translate(HALF_WIDTH)
        changed = folded[folded != values[wide]]
        if len(changed):
            positions = changed.index.to_numpy(dtype=np.int64)
            self.problems.add_many(
                "warning",
                "有全角的数字或字母，已按半角读入（如“ＨＸ－００１”读作“HX-001”，“１９４９”读作“1949”）",
                column=header,
                rows=self.rows[positions],
                value_at=lambda i: values.at[positions[i]],
            )
            values = values.copy()
            values.loc[changed.index] = changed
        return values

    def _lost_digits(self, f: Field, raw: pd.Series, values: pd.Series, header: str) -> pd.Series:
        """A code Excel stored as a number keeps 15 digits: 6228480000000005678 comes back as
        …6144. The value is set aside (never shown or matched wrongly); the row still counts."""
        lost = _lost_digit_cells(raw, values)
        for idx in raw.index[lost]:
            self.problems.warning(
                f"{f.header}被 Excel 存成了数字，末几位已经丢失，这个值没有读入；请把这一列设为“文本”格式后重新录入",
                row=int(self.rows[idx]),
                column=header,
                value=raw.at[idx],
            )
        return values.mask(lost)

    def _apply_header_unit(self, f: Field, values: pd.Series, header: str) -> pd.Series:
        unit = self.header_units.get(f.name)
        if not unit or not f.unit:
            return values
        given, target = base_of(unit), base_of(f.unit)
        if given and target and given[0] == target[0]:
            return values * (given[1] / target[1])
        self.problems.error(f"表头里的单位“{unit}”与这一列应有的单位“{f.unit}”不相容", row=self.raw.header_row, column=header)
        return values

    def _convert_wide(self, data: pd.DataFrame, typed: pd.DataFrame) -> None:
        self.wide_values: dict[int, pd.Series] = {}
        for pos, year in self.year_columns.items():
            values, percent, errors = nz.convert_numbers(data[pos])
            header = self.raw.headers[pos]
            self.cell_errors(header, data[pos], errors)
            self.wide_values[year] = values

    # results
    def _records(self, good: pd.DataFrame, context: rules.RuleContext) -> pd.DataFrame:
        positions = good.index.to_numpy()
        if self.wide:
            good = rules.melt_wide(good, {y: v.loc[good.index] for y, v in self.wide_values.items()})
            positions = good.pop("_pos").to_numpy()
        for finish in self.table.finish:
            finish(good, context)
        records = good.reset_index(drop=True)
        ordered = [f.name for f in self.table.fields if f.name in records.columns]
        records = records[ordered + [c for c in records.columns if c not in ordered]]
        records["src_file"] = _same_text(self.file, len(records))
        records["src_sheet"] = _same_text(self.raw.sheet, len(records))
        records["src_row"] = self.rows[positions] if len(positions) else np.array([], dtype=np.int64)
        return records

    def _reasons(self, bad: np.ndarray) -> pd.Categorical:
        """Each rejected row's reasons joined, in the order found. Rows share their text: a
        million rows wrong the same way hold one string, not a million."""
        codes = np.zeros(len(bad), dtype=np.int64)
        labels = [""]
        code_of = {"": 0}

        def code(text: str) -> int:
            if text not in code_of:
                code_of[text] = len(labels)
                labels.append(text)
            return code_of[text]

        for positions, reason in self._bulk:
            at = np.searchsorted(bad, positions)
            before, inverse = np.unique(codes[at], return_inverse=True)
            after = [code(f"{labels[c]}；{reason}" if labels[c] else reason) for c in before]
            codes[at] = np.asarray(after, dtype=np.int64)[inverse]
        for pos, items in self.row_errors.items():
            spot = int(np.searchsorted(bad, pos))
            codes[spot] = code("；".join([labels[codes[spot]], *items] if labels[codes[spot]] else items))
        used, compact = np.unique(codes, return_inverse=True)
        return pd.Categorical.from_codes(compact, [labels[c] for c in used])

    def _rejected_frame(self, cells: pd.DataFrame, positions: np.ndarray, reasons: pd.Categorical | None) -> pd.DataFrame:
        if not len(positions):
            return pd.DataFrame(columns=["src_row", "reasons"])
        width = min(len(self.raw.headers), cells.shape[1])
        names = [h or f"（第 {i + 1} 列）" for i, h in enumerate(self.raw.headers[:width])]
        whole = len(positions) == len(cells) and positions[0] == 0 and positions[-1] == len(cells) - 1
        # Every row rejected (a wrong file): the cells as read, not a second copy of them.
        frame = cells.iloc[:, :width].copy(deep=False) if whole else cells.iloc[positions, :width].copy()
        frame.columns = _dedupe(names)
        frame.insert(0, "src_row", self.rows[positions])
        frame["reasons"] = reasons if reasons is not None else "表头有误，整张表未读入"
        return frame.reset_index(drop=True)


def _same_text(text: str | None, n: int) -> pd.Categorical | np.ndarray:
    """One name on every row: as a category it costs a byte a row, as strings ~50.
    No name (a CSV has no sheet) stays a column of None, as the cache gives it back."""
    if text is None:
        return np.full(n, None, dtype=object)
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [text])


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}.{seen[n]}")
    return out


def _lost_digit_cells(raw: pd.Series, text: pd.Series) -> pd.Series:
    """Cells holding a long code as a number (≥ 16 digits) or as Excel's 6.22848E+18 (``text`` is the
    column as strings). Vectorised for text columns: payments carry two such columns over a million rows."""
    if raw.dtype.kind in "iuf":
        return (raw.abs() >= 1e15).fillna(False).astype(bool)
    if nz.may_contain(text, b"eE"):
        scientific = text.str.fullmatch(_SCIENTIFIC.pattern).fillna(False).astype(bool)
    else:
        scientific = pd.Series(False, index=text.index)
    if raw.dtype.kind != "O" or pd.api.types.infer_dtype(raw, skipna=True) in ("string", "empty"):
        return scientific

    # Mixed cells (Excel): numbers among the text, checked one by one (such files are small).
    def long_number(v: Any) -> bool:
        return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) and abs(float(v)) >= 1e15

    numeric = raw.map(long_number)
    return scientific | numeric.fillna(False).astype(bool)
