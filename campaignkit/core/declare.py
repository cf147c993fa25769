"""How a table is declared: Chinese headers as trainers type them, mapped to
English field names, types, ranges, allowed values, and the rules that span
columns. Each feature declares its own tables (``<feature>/tables.py``); the
registry (:mod:`campaignkit.features`) gathers them into one :class:`Catalogue`.

The loader, the validation schema and the blank templates are all derived from
these declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "number", "year", "date", "month", "flag", "idnumber"]
Personal = Literal["name", "id", "card"]  # how personal data is masked on shared screens
# A rule gets the typed rows of one file (a DataFrame it may add derived columns to) and a
# campaignkit.core.rules.RuleContext to report through. Typed loosely here: rules.py builds on this module.
Rule = Callable[[Any, Any], None]


@dataclass(frozen=True, kw_only=True)
class Reference:
    """Where a field's values must exist: ``"households.household_id"`` (another table's
    field) or ``"campaign.toml:units"`` / ``"campaign.toml:grids"`` (the campaign's units;
    the grids of the row's unit). Checked across tables after every file is read."""

    to: str  # "table.field", or "table.a+b": the pair written "a：b" (an indicator series: "内蒙古自治区：地区生产总值")
    message: str  # the problem's text; "{values}": the unknown values (at most 10), "{units}": campaign.toml's units
    severity: Literal["error", "warning"] = "error"  # an error moves the row to the rejected rows
    missing: str | None = None  # a warning when the referenced table is absent (None: say nothing)
    many: bool = False  # the cell lists several values ("E01、E05"); each must exist
    commas: bool = True  # with ``many``: commas separate values too (False for names, which may hold commas)

    @property
    def table(self) -> str:
        return self.to.split(".")[0] if ":" not in self.to else ""

    @property
    def field(self) -> str:
        return self.to.split(".", 1)[1] if ":" not in self.to else self.to.split(":", 1)[1]

    @property
    def key_fields(self) -> tuple[str, ...]:
        """The referenced fields: one, or two for a pair written "a：b"."""
        return tuple(self.field.split("+"))


PAIR_SEPARATOR = "："  # how a pair reference is written in a cell: "内蒙古自治区：地区生产总值"


@dataclass(frozen=True, kw_only=True)
class Field:
    """One column of a table."""

    name: str  # English field name in the loaded frame
    header: str  # the Chinese header trainers type
    kind: Kind = "text"
    required: bool = False  # header must be present and every value filled
    derived: bool = False  # a required value a table rule may derive when the header is absent
    aliases: tuple[str, ...] = ()  # other headers seen in real files
    unit: str | None = None  # unit the values are in (numbers); header units are converted to it
    percent: bool = False  # numbers may be written with % (the rules decide what it means)
    default: object = None  # value of a blank cell (flags)
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    meaning: str = ""
    example: str = ""
    personal: Personal | None = None  # personal data: masked on shared screens (张*明, 1506…1234, ****5678)
    as_text: bool = False  # the template formats the column as text (codes and numbers with leading zeros)
    long_code: bool = False  # a code of 16+ digits (bank cards): Excel keeps only 15 if it is stored as a number
    reference: Reference | None = None  # values must exist elsewhere (another table, campaign.toml)
    # What a bad value costs. False: the row is rejected (what identifies or quantifies the
    # record: 户编号, 姓名, amounts, years, required dates). True: the value is set aside
    # (blank in the frame, kept as written in a warning) and the row is kept — for fields that
    # identify nothing and describe or qualify (ID number, relation, disability grade, card number).
    set_aside: bool = False

    @property
    def sensitive(self) -> bool:
        return self.personal is not None

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)

    def with_changes(self, **changes: Any) -> Field:
        """A copy with some attributes changed (shared fields reused with another meaning)."""
        from dataclasses import replace

        return replace(self, **changes)


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table of a campaign: one spreadsheet per table, named by ``name`` or ``label``."""

    name: str
    label: str
    fields: tuple[Field, ...]
    unique: tuple[str, ...] = ()  # fields whose combination must be unique
    duplicates_compare: str | None = None  # unique-key duplicates with the same value here only warn
    row_label: str | None = None  # the field that names a row of a yearbook sheet (reported on duplicates)
    # Messages for duplicates, with {row} (the first row) and {what} (the key headers):
    # "duplicate", "same" and "different" (with duplicates_compare), "wide" (yearbook layout).
    messages: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one header of each group must be present
    wide_years: bool = False  # also accepts one column per year (yearbook layout)
    rules: tuple[Rule, ...] = ()  # cross-column rules on the typed rows, before the checks
    finish: tuple[Rule, ...] = ()  # rules on the loaded records (after a wide sheet is melted)
    notes: tuple[str, ...] = ()  # extra lines for the template's 填表说明

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)

    def names_for_files(self) -> tuple[str, ...]:
        """File stems that name this table: 'payments', '一卡通发放明细', each part of '农户/居民户'."""
        return (self.name, self.label, *self.label.split("/"))


class Catalogue(Mapping[str, Table]):
    """The tables of every registered feature, by name, in registry order."""

    def __init__(self, tables: Iterable[Table]):
        self._tables: dict[str, Table] = {}
        for table in tables:
            known = self._tables.get(table.name)
            if known is not None and known is not table:
                raise ValueError(f"two different tables are declared as {table.name!r}")
            self._tables[table.name] = table

    def __getitem__(self, name: str) -> Table:
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def for_stem(self, stem: str) -> Table | None:
        """The table a file belongs to, from its name: 'payments.csv' or '一卡通发放明细.xlsx'."""
        key = stem.strip().lower()
        for table in self._tables.values():
            if key in (n.lower() for n in table.names_for_files()):
                return table
        return None

    def sensitive_fields(self) -> Iterator[Field]:
        for table in self._tables.values():
            yield from (f for f in table.fields if f.sensitive)


def example_field() -> Field:
    return Field(
        name="illustrative",
        header="示例",
        kind="flag",
        aliases=("是否示例",),
        choices=("是", "否"),
        default=False,
        meaning="该行数据是否为示例（虚构）数据；真实数据填“否”或留空",
        example="否",
    )


def source_field(*, required: bool = False) -> Field:
    return Field(
        name="source",
        header="来源",
        required=required,
        meaning="数据出处：统计公报、政府网站、文件名称等",
        example="鄂尔多斯市2022年统计公报",
    )


def source_url_field() -> Field:
    return Field(
        name="source_url",
        header="来源链接",
        aliases=("链接", "网址"),
        meaning="出处网页地址",
        example="https://tjj.ordos.gov.cn/…",
    )


def year_field(*, name: str, header: str, **kw) -> Field:
    return Field(name=name, header=header, kind="year", min=1900, max=2100, **kw)


# Upper bounds that catch typos (an extra zero, 1e300) without refusing any real household:
# the largest herders' contracts in Ordos run to some 100,000 亩.
MAX_AREA_MU = 10_000_000.0


def area_field(*, name: str, header: str, **kw) -> Field:
    return Field(name=name, header=header, kind="number", min=0.0, max=MAX_AREA_MU, unit="亩", **kw)


def amount_field(*, name: str, header: str, **kw) -> Field:
    return Field(name=name, header=header, kind="number", min=0.0, **kw)
