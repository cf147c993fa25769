"""Responses from elsewhere: another laptop's export, or an ODK Collect / KoboCollect CSV
export of the same XLSForm.

A record keeps the id it has everywhere (:func:`.store.record_id`): our export's ``_id`` as it
is, ODK's ``instanceID`` and a phone's ``_submission_id`` hashed as the server hashes them.
So laptops exchanging exports in any order, any number of times, all end with the same union.
Import is all or nothing: every row is checked like a phone's submission first, and a file
with any bad row stores nothing and names each bad row (file, row as Excel shows it, column).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.fmt import undefuse
from ..core.reading import MAX_CELL_CHARS, RESAVE, detect_encoding
from ..errors import UnreadableFile
from .answers import SubmissionError, parse_answers
from .service import is_sealed
from .store import ResponseStore, record_id
from .xlsform import Form

OUR_ID = "_id"  # our export: the record's id, kept as it is
INSTANCE_COLUMNS = ("meta/instanceID", "meta-instanceID", "instanceID", "KEY", "_uuid")  # ODK, ODK Central, Kobo
SUBMISSION_COLUMNS = ("_submission_id",)  # our sample files: the id a phone would have sent
DAY_COLUMNS = ("_day", "日期", "SubmissionDate", "_submission_time", "end", "today", "start")
VERSION_COLUMNS = ("_version", "版本", "__version__", "version")
_LABELLED = re.compile(r"（([A-Za-z_][A-Za-z0-9_.-]*)）$")  # our export's "标题（name）" headers
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RECORD_ID = re.compile(r"^[0-9a-f]{32}$")
_ID_TEXT = re.compile(r"^[A-Za-z0-9_:.-]{1,100}$")


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    refused: list[str] = field(default_factory=list)  # "文件 第 N 行 列：why"; any refused → nothing stored


@dataclass
class _Record:
    id: str
    version: str
    day: str
    answers: dict
    legacy: str = ""  # how an older store remembered this import (receipt of "import:<id>")


def import_csv(form: Form, path: Path, store: ResponseStore, checks: Sequence[Callable[[dict], list[str]]] = ()) -> ImportReport:
    """Merge a CSV of responses to ``form`` into ``store``: all its rows, or (a row refused) none.
    ``checks``: what the server checks before storing a response, each giving its messages.
    :class:`UnreadableFile` for a file that cannot be read as a whole (its encoding, its quoting)."""
    records, refused = read_records(form, Path(path), checks)
    report = ImportReport(refused=refused)
    if refused:
        return report
    sealed = is_sealed(form)
    new = [r for r in records if not (r.legacy and store.has_submission(form.form_id, r.legacy))]
    report.added = store.merge(form.form_id, [(r.id, r.version, r.day, r.answers) for r in new], sealed=sealed)
    report.already = len(records) - report.added
    return report


def read_records(form: Form, path: Path, checks: Sequence[Callable[[dict], list[str]]] = ()) -> tuple[list[_Record], list[str]]:
    """Every row of the file as a record, and every problem (none stored while there is one)."""
    rows = _rows(path)
    if not rows:
        raise UnreadableFile(f"{path.name} 是空的，没有表头")
    headers, body = [h.strip().lstrip("\ufeff") for h in rows[0]], rows[1:]
    names = {i: _question_name(form, h) for i, h in enumerate(headers)}
    id_column = next(
        (i for i in (_first(headers, c) for c in (INSTANCE_COLUMNS, (OUR_ID,), SUBMISSION_COLUMNS)) if i is not None), None
    )
    if id_column is None:
        known = "、".join((*INSTANCE_COLUMNS, OUR_ID, *SUBMISSION_COLUMNS))
        raise UnreadableFile(f"{path.name} 没有记录编号列（{known} 之一），无法判断哪些回答已经导入过")
    day_column, version_column = _first(headers, DAY_COLUMNS), _first(headers, VERSION_COLUMNS)
    records: dict[str, _Record] = {}
    refused: list[str] = []
    for number, row in enumerate(body, start=2):  # row 1 is the header, as Excel numbers them
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path.name} 第 {number} 行"
        if len(row) > len(headers):
            refused.append(f"{where}：比表头多出 {len(row) - len(headers)} 格（可能有没配对的引号或多余的逗号）")
            continue
        cells = dict(zip(headers, row))
        try:
            rid, legacy = _identity(form, headers[id_column], cells[headers[id_column]].strip())
            day = _day(cells.get(headers[day_column], "") if day_column is not None else "")
        except SubmissionError as exc:
            column = headers[id_column] if exc.question == "id" or day_column is None else headers[day_column]
            refused.append(f"{where}“{column}”列：{exc}")
            continue
        version = (cells.get(headers[version_column], "") if version_column is not None else "").strip() or form.version
        try:
            answers = parse_answers(form, _fields(form, names, row))
        except SubmissionError as exc:
            column = next((headers[i] for i, n in names.items() if n is not None and n == exc.question), "")
            refused.append(f"{where}" + (f"“{column}”列" if column else "") + f"：{exc}")
            continue
        problems = [m for check in checks for m in check(answers)]
        if problems:
            refused.append(f"{where}：{'；'.join(problems)}")
            continue
        record = _Record(rid, version, day, answers, legacy)
        earlier = records.get(rid)
        if earlier is not None and (earlier.answers, earlier.day) != (answers, day):
            refused.append(f"{where}“{headers[id_column]}”列：与前面一行是同一条记录，内容却不同")
            continue
        records[rid] = record
    return list(records.values()), refused


def _rows(path: Path) -> list[list[str]]:
    """The file's rows as text, decoded as the loaders decode tables; a cell may be as long as
    a table's, an over-long answer is refused by its question, and a quote that never closes is
    an error (not a cell running to the end of the file)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法读取 {path}（{exc.strerror or exc}）") from exc
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(f"{path.name} 不是 CSV 文本文件；{RESAVE}")
    try:
        encoding = detect_encoding(data[:65536])
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(
            f"{path.name} 第 {line} 行有无法按 {encoding} 编码读取的字符（文件里混了两种编码？）；{RESAVE}"
        ) from None
    except UnreadableFile as exc:
        raise UnreadableFile(f"{path.name}：{exc}") from None
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise UnreadableFile(
            f"{path.name} 第 {len(rows) + 1} 行（文本第 {reader.line_num} 行）起无法按 CSV 读取：可能有一个没配对的引号（{exc}）；{RESAVE}"
        ) from None
    return rows


def _first(headers: list[str], wanted: Sequence[str]) -> int | None:
    lowered = {h.casefold(): i for i, h in reversed(list(enumerate(headers)))}
    return next((lowered[w.casefold()] for w in wanted if w.casefold() in lowered), None)


def _identity(form: Form, column: str, value: str) -> tuple[str, str]:
    """(the record's id, an older store's import receipt) from the id column's value."""
    if not value:
        raise SubmissionError("没有记录编号", "id")
    if not _ID_TEXT.match(value):
        raise SubmissionError(f"记录编号“{value[:40]}”不对（只能有字母、数字和 _ : . -）", "id")
    if column == OUR_ID:
        if not _RECORD_ID.match(value):
            raise SubmissionError(f"记录编号“{value[:40]}”不是本软件导出的编号（32 位十六进制）", "id")
        return value, ""
    instance = value.removeprefix("uuid:")
    return record_id(form.form_id, instance), f"import:{value}"


def _fields(form: Form, names: dict[int, str | None], row: list[str]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for i, value in enumerate(row):
        name = names.get(i)
        if name is None or value.strip() == "":
            continue
        value = undefuse(value)  # our export's guard against spreadsheet formulas, taken off again
        question = form.question(name)
        many = question.type in ("select_multiple", "rank")
        parts = [v for v in re.split(r"[\s、]+", value.strip()) if v] if many else [value]
        fields[name] = [_choice_name(question, v) for v in parts]
    return fields


def _choice_name(question, value: str) -> str:
    """A choice written as its label (our export, "收到了") → its name ("yes"); names stay names."""
    if not question.choices or value in {c.name for c in question.choices}:
        return value
    return next((c.name for c in question.choices if c.label == value), value)


def _question_name(form: Form, header: str) -> str | None:
    """'about/domain', 'about-domain' (ODK Central), '您在哪里工作或生活？（domain）' (our export)
    or 'domain' → 'domain'; others None."""
    known = {q.name for q in form.answerable}
    labelled = _LABELLED.search(header)
    for candidate in (header, labelled.group(1) if labelled else "", header.rsplit("/", 1)[-1], header.rsplit("-", 1)[-1]):
        if candidate in known:
            return candidate
    return None


def _day(text: str) -> str:
    """The day of a record: a date or a time stamp's date; today when the file gives none."""
    text = text.strip()
    if not text:
        return dt.date.today().isoformat()
    match = _DAY.search(text)
    if not match:
        raise SubmissionError(f"看不懂日期“{text[:40]}”（应写成 2024-03-01）", "day")
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise SubmissionError(f"没有这一天：“{text[:40]}”", "day") from None
    if not dt.date(2000, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=1):
        raise SubmissionError(f"日期“{text[:40]}”不在 2000 年到今天之间", "day")
    return day.isoformat()
