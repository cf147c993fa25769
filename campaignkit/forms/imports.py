"""Responses from elsewhere: another laptop's export, or an ODK Collect / KoboCollect CSV
export of the same XLSForm. Importing is idempotent (the submission id decides), every row
is checked like a phone's submission, and a refused row is reported with its CSV row."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.fmt import undefuse
from .answers import SubmissionError, parse_answers
from .store import ResponseStore
from .xlsform import Form

ID_COLUMNS = ("_submission_id", "_id", "meta-instanceID", "meta/instanceID", "instanceID", "KEY", "_uuid")
DAY_COLUMNS = ("_day", "日期", "SubmissionDate", "_submission_time", "end", "today", "start")
VERSION_COLUMNS = ("_version", "版本", "__version__", "version")
_LABELLED = re.compile(r"（([A-Za-z_][A-Za-z0-9_.-]*)）$")  # our export's "标题（name）" headers
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass
class ImportReport:
    added: int = 0
    already: int = 0
    refused: list[str] = field(default_factory=list)  # "第 N 行：why"


def import_csv(form: Form, path: Path, store: ResponseStore, checks: Sequence[Callable[[dict], list[str]]] = ()) -> ImportReport:
    """Merge a CSV of responses to ``form`` into ``store``. ``checks``: what the server checks
    before storing a response (a visit's household must be registered), each giving its messages."""
    report = ImportReport()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        headers = reader.fieldnames or []
        names = {h: _question_name(form, h) for h in headers}
        id_column = next((c for c in ID_COLUMNS if c in headers), None)
        if id_column is None:
            raise SubmissionError(f"{path.name} 没有提交编号列（{'、'.join(ID_COLUMNS)} 之一），无法判断哪些回答已经导入过")
        day_column = next((c for c in DAY_COLUMNS if c in headers), None)
        version_column = next((c for c in VERSION_COLUMNS if c in headers), None)
        for number, row in enumerate(reader, start=2):
            fields: dict[str, list[str]] = {}
            for header, value in row.items():
                name = names.get(header)
                if name is None or value is None or value.strip() == "":
                    continue
                value = undefuse(value)  # our export's guard against spreadsheet formulas, taken off again
                question = form.question(name)
                many = question.type in ("select_multiple", "rank")
                parts = [v for v in re.split(r"[\s、]+", value.strip()) if v] if many else [value]
                fields[name] = [_choice_name(question, v) for v in parts]
            submission = (row.get(id_column) or "").strip()
            try:
                if not submission:
                    raise SubmissionError("没有提交编号")
                answers = parse_answers(form, fields)
                day = _day(row.get(day_column) if day_column else None)
                problems = [m for check in checks for m in check(answers)]
                if problems:
                    raise SubmissionError("；".join(problems))
            except SubmissionError as exc:
                report.refused.append(f"第 {number} 行：{exc}")
                continue
            version = (row.get(version_column) or form.version).strip() if version_column else form.version
            if store.submit(form.form_id, version, f"import:{submission}", answers, day=day):
                report.added += 1
            else:
                report.already += 1
    return report


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


def _day(text: str | None) -> str | None:
    if not text:
        return None
    match = _DAY.search(text)
    if not match:
        raise SubmissionError(f"看不懂日期“{text}”")
    return dt.date(*(int(g) for g in match.groups())).isoformat()
