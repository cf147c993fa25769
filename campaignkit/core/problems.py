"""Problems found in a campaign's files, and the error that carries them.

A problem is data, not an exception: loaders collect every problem they find
and report them together, so a trainer fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..errors import CampaignkitError

Severity = Literal["error", "warning"]

SEVERITY_LABELS = {"error": "错误", "warning": "警告"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth a look (warning) in a campaign file.

    ``row`` is the row number as the trainer sees it in Excel or a text
    editor (1-based, title rows included); ``column`` is the header as written
    in the file. Either may be ``None`` when the problem concerns the whole
    file or sheet.
    """

    severity: Severity
    table: str
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None
    count: int = 1  # > 1 for a summary: "the same problem N more times" (see ProblemList)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = _jsonable(self.value)
        return {k: data[k] for k in ("severity", "table", "file", "sheet", "row", "column", "value", "message", "count")}

    def location(self) -> str:
        """Where the problem is, in the words a trainer uses."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"“{self.column}”列")
        return "，".join(parts)

    def __str__(self) -> str:
        label = SEVERITY_LABELS[self.severity]
        value = "" if self.value in (None, "") else f"（值：{self.value}）"
        return f"[{label}] {self.location()}{value}：{self.message}"


def display_value(value: Any) -> Any:
    """A cell value as a problem report shows it: 263472.0 → 263472, blanks → None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (bool, int, float)):
        return value
    if hasattr(value, "hour") and hasattr(value, "date") and (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()  # a date as the trainer typed it, not "… 00:00:00"
    return str(value)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        if isinstance(value, float) and value != value:  # NaN
            return None
        return value
    return str(value)


def count_of(problems: Iterable[Problem]) -> int:
    """How many problems these stand for (a summary counts as many)."""
    return sum(p.count for p in problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort for people: by file, then row (file-level problems first), then column."""
    return sorted(problems, key=lambda p: (p.file, p.sheet or "", p.row if p.row is not None else -1, p.column or "", p.severity))


class HasProblems:
    """``errors`` and ``ok`` for anything holding a ``problems`` list."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def error_count(self) -> int:
        """Errors found, a summary counting as the many it stands for."""
        return count_of(self.errors)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class TableCounts:
    """Row accounting for one file: nothing disappears without being counted.

    ``rows_read == rows_skipped + rows_rejected + rows_loaded`` always holds;
    ``records_loaded`` may exceed ``rows_loaded`` for wide (year-per-column)
    sheets, where one row yields one record per filled year cell.
    """

    table: str
    file: str
    rows_read: int = 0
    rows_skipped: int = 0
    rows_rejected: int = 0
    rows_loaded: int = 0
    records_loaded: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CampaignDataError(CampaignkitError, ValueError):
    """Raised by strict loading when the data has errors; lists every problem.

    ``problems`` holds all problems (errors and warnings); ``errors`` only the
    errors that made the load fail.
    """

    def __init__(self, problems: Iterable[Problem], *, where: str = ""):
        self.problems = sort_problems(problems)
        self.errors = [p for p in self.problems if p.severity == "error"]
        head = f"{where}：" if where else ""
        lines = [f"{head}数据中有 {count_of(self.errors)} 处错误，需要改正后才能使用："]
        lines += [f"  {p}" for p in self.errors]
        super().__init__("\n".join(lines))


# After this many problems of one kind (same message) in one column, the rest of them are
# counted in one summary: a file of a million bad rows is a dozen lines to fix, not millions.
LISTED_PER_KIND = 100


@dataclass
class ProblemList:
    """A growing list of problems for one file, with helpers to add them. ``all()``: the
    problems, with one summary per kind past the first LISTED_PER_KIND."""

    table: str
    file: str
    sheet: str | None = None
    items: list[Problem] = field(default_factory=list)
    _kinds: dict[tuple, int] = field(default_factory=dict, repr=False)
    _rest: dict[tuple, list[int]] = field(default_factory=dict, repr=False)  # kind -> [count, first row, last row]

    def add(
        self, severity: Severity, message: str, *, row: int | None = None, column: str | None = None, value: Any = None
    ) -> None:
        kind = (severity, column, message)
        seen = self._kinds[kind] = self._kinds.get(kind, 0) + 1
        if seen > LISTED_PER_KIND and row is not None:
            rest = self._rest.setdefault(kind, [0, row, row])
            rest[0] += 1
            rest[1], rest[2] = min(rest[1], row), max(rest[2], row)
            return
        self.items.append(Problem(severity, self.table, self.file, message, self.sheet, row, column, display_value(value)))

    def add_many(
        self, severity: Severity, message: str, *, column: str | None, rows: Sequence[int], value_at: Callable[[int], Any]
    ) -> None:
        """The same problem in many rows at once; ``value_at(i)`` gives the i-th row's value and is
        asked only for the rows listed (a million bad cells cost a hundred lookups)."""
        kind = (severity, column, message)
        seen = self._kinds.get(kind, 0)
        room = max(0, LISTED_PER_KIND - seen)
        for i, row in enumerate(rows[:room]):
            self.items.append(
                Problem(severity, self.table, self.file, message, self.sheet, int(row), column, display_value(value_at(i)))
            )
        rest = rows[room:]
        if len(rest):
            low, high = int(min(rest)), int(max(rest))
            entry = self._rest.setdefault(kind, [0, low, high])
            entry[0] += len(rest)
            entry[1], entry[2] = min(entry[1], low), max(entry[2], high)
        self._kinds[kind] = seen + len(rows)

    def error(self, message: str, **where: Any) -> None:
        self.add("error", message, **where)

    def warning(self, message: str, **where: Any) -> None:
        self.add("warning", message, **where)

    def all(self) -> list[Problem]:
        summaries = [
            Problem(
                severity,
                self.table,
                self.file,
                f"同样的问题还有 {count} 处（第 {first}—{last} 行之间），不再逐条列出：{message}",
                self.sheet,
                first,
                column,
                None,
                count,
            )
            for (severity, column, message), (count, first, last) in self._rest.items()
        ]
        return self.items + summaries
