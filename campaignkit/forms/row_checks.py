"""The checks made on a workbook's rows before pyxform converts it: every construct refused by
its name and cell (:mod:`.constructs`), and what is only read reported as a warning.

These come first so that a trainer hears "定位（geopoint）" at its row, in Chinese, rather than
whatever pyxform says in English about a later consequence of it.
"""

from __future__ import annotations

import re

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from . import constructs
from .constructs import Refusal
from .workbook import Sheet, Workbook
from .xlsform_errors import FormError, FormWarning

_GROUP = re.compile(r"^(begin|end)[ _](group|repeat|loop)$")
_SELECT = re.compile(
    r"^(select_one|select one|select1|select_multiple|select all that apply|rank)\s+(\S+)(\s+(or_other|or other|or specify other))?$"
)
_OTHER = re.compile(r"\s+(or_other|or other|or specify other)$")
_COMMENT = {"note"}  # a trainer's comment column: a row with nothing else is not a question
_PASSED_THROUGH = ("bind::", "body::", "instance::", "control::")  # pyxform's custom XForm attributes


def normal_type(text: str) -> str:
    """'Begin_Group' → 'begin group'; 'select_one yn' keeps its list name's case."""
    head, _, rest = str(text).strip().partition(" ")
    head = head.lower()
    group = _GROUP.match(f"{head} {rest.strip().lower()}".strip()) or _GROUP.match(head)
    if group:
        return f"{group.group(1)} {group.group(2)}"
    return f"{head} {rest.strip()}".strip()


def check_rows(file: str, book: Workbook) -> list[FormWarning]:
    """Refuse (FormError) what cannot be served; return the warnings of what is only read."""
    warnings: list[FormWarning] = []
    for name, refusal in constructs.REFUSED_SHEETS.items():
        sheet = book.sheet(name)
        if sheet is not None and sheet.rows:
            raise _refused(file, refusal, sheet=sheet.title, row=None, column=None, type=name)
    survey = book.sheet("survey")
    assert survey is not None
    warnings += _columns(file, survey, constructs.SURVEY_COLUMNS, refused=constructs.REFUSED_COLUMNS)
    choices = book.sheet("choices")
    lists = {r.get("list_name") or r.get("list name") for _, r in choices.rows} if choices else set()
    for row, record in survey.rows:
        _type_row(file, survey, row, record)
        select = _SELECT.match(normal_type(record.get("type", "")))
        if select and select.group(2) not in lists:
            raise FormError(
                file, f"choices 工作表里没有选项表“{select.group(2)}”", sheet=survey.title, row=row, column=survey.header("type")
            )
    if choices is not None:
        warnings += _columns(file, choices, constructs.CHOICE_COLUMNS, refused={}, free=True)
    settings = book.sheet("settings")
    if settings is not None:
        warnings += _settings(file, settings)
    return warnings


def _type_row(file: str, sheet: Sheet, row: int, record: dict[str, str]) -> None:
    kind = normal_type(record.get("type", ""))
    if not kind:
        if any(k for k in record if not k.startswith(constructs.KOBO_PREFIX) and k not in _COMMENT):
            raise FormError(file, "缺少题型（type）", sheet=sheet.title, row=row, column=sheet.header("type"))
        return
    head = _OTHER.sub("", kind)
    if head in constructs.REFUSED_TYPES:
        raise _refused(file, constructs.REFUSED_TYPES[head], sheet=sheet.title, row=row, column=sheet.header("type"), type=head)
    for column, refusal in constructs.REFUSED_COLUMNS.items():
        if record.get(column):
            raise _refused(file, refusal, sheet=sheet.title, row=row, column=sheet.header(column), type=kind)
    if _SELECT.match(kind) or _GROUP.match(kind) or head in constructs.SERVED_TYPES or head in constructs.METADATA_TYPES:
        return
    if head.split()[0] in constructs.REFUSED_TYPES or head in QUESTION_TYPE_DICT:
        refusal = constructs.REFUSED_TYPES.get(head.split()[0]) or Refusal(f"题型 {head}", "请改用手机页面能填的题型")
        raise _refused(file, refusal, sheet=sheet.title, row=row, column=sheet.header("type"), type=head)
    served = "select_one、select_multiple、rank、integer、decimal、text、phone number、note、date、begin group、end group"
    raise FormError(
        file,
        f"不认识题型“{record['type']}”（拼写错了？）；手机页面能填的：{served}",
        sheet=sheet.title,
        row=row,
        column=sheet.header("type"),
    )


def _refused(file: str, refusal: Refusal, *, sheet: str, row: int | None, column: str | None, type: str) -> FormError:
    what = refusal.what.format(type=type)
    return FormError(
        file,
        f"这份问卷用了{what}，campaignkit 的手机页面和 ODK 收表都不支持；{refusal.instead}",
        sheet=sheet,
        row=row,
        column=column,
    )


def _columns(
    file: str, sheet: Sheet, known: dict[str, str | None], *, refused: dict[str, Refusal], free: bool = False
) -> list[FormWarning]:
    """A warning for each column only read; ``free``: any other column is data (the choices'
    columns a choice_filter reads), never reported."""
    warnings = []
    for column in sheet.columns:
        base = column.split("::")[0] if not column.startswith("media::") else "::".join(column.split("::")[:2])
        base = base if base in known else base.replace(" ", "_")  # "constraint message", "list name"
        if column in refused or column.startswith(constructs.KOBO_PREFIX) or column.startswith(_PASSED_THROUGH):
            continue
        if base in known:
            if known[base] and any(record.get(column) for _, record in sheet.rows):
                warnings.append(FormWarning(file, known[base] or "", sheet=sheet.title, column=sheet.header(column)))
            continue
        if not free:
            warnings.append(
                FormWarning(
                    file,
                    f"“{sheet.header(column)}”不是 XLSForm 的列名（拼写错了？），这一列没有读",
                    sheet=sheet.title,
                    column=sheet.header(column),
                )
            )
    return warnings


def _settings(file: str, sheet: Sheet) -> list[FormWarning]:
    record = sheet.rows[0][1] if sheet.rows else {}
    for column, refusal in constructs.REFUSED_SETTINGS.items():
        if record.get(column) and str(record[column]).strip().lower() not in ("no", "false", "false()"):
            raise _refused(file, refusal, sheet=sheet.title, row=sheet.rows[0][0], column=sheet.header(column), type=column)
    return _columns(file, sheet, constructs.SETTINGS_COLUMNS, refused={})
