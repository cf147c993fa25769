"""XLSForm workbooks (sheets ``survey``, ``choices``, ``settings``), the format ODK,
KoboToolbox and Ona use, read into a :class:`Form` through pyxform, the reference reader
those tools share: its aliases, header case, languages, ``list name``, ``or_other``, groups
and choice filters are theirs.

Before pyxform: the constructs a phone page cannot serve are refused by name at their cell,
and what is only read is reported (:mod:`.row_checks`). After it: campaignkit's own columns
(``criterion``, ``answer``, ``explain``, settings ``access``, ``anonymous``, ``quiz``) are
checked on pyxform's survey (:mod:`.questions`). pyxform's own errors are put into Chinese
with their cell (:mod:`.xlsform_errors`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json

from .model import CRITERIA, TEXT_LIMIT, TYPES, Choice, Form, Question
from .questions import SurveyReader, choose_language, flag
from .row_checks import check_rows
from .workbook import Workbook, WorkbookUnreadable, read_workbook
from .xlsform_errors import FormError, FormWarning, from_pyxform

__all__ = [
    "CRITERIA",
    "TEXT_LIMIT",
    "TYPES",
    "Choice",
    "Form",
    "FormError",
    "FormWarning",
    "Question",
    "read_form",
    "read_forms",
]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
WORKBOOKS = ("*.xlsx", "*.xls")


def read_form(path: str | Path) -> Form:
    """Read one XLSForm workbook; :class:`FormError` names the cell of any problem."""
    path = Path(path)
    file = path.name
    try:
        book = read_workbook(path)
    except WorkbookUnreadable:
        raise FormError(file, "无法作为 Excel 工作簿打开；请用 Excel 或 WPS 另存为 .xlsx") from None
    survey_sheet = book.sheet("survey")
    if survey_sheet is None or not survey_sheet.rows:
        raise FormError(file, "找不到 survey 工作表（题目表）；XLSForm 需要 survey、choices 两个工作表，settings 可选")
    warnings = check_rows(file, book)
    settings_sheet = book.sheet("settings")
    settings = settings_sheet.rows[0][1] if settings_sheet and settings_sheet.rows else {}
    survey = _converted(file, book, path.stem, warnings)
    language, languages = choose_language(survey, str(settings.get("default_language", "")))
    reader = SurveyReader(file, book, language)
    questions = reader.questions(survey.get("children", []))
    warnings += reader.warnings + _language_warnings(file, language, languages)
    if not any(q.takes_answer for q in questions):
        raise FormError(file, "survey 工作表里没有任何需要回答的题目", sheet=survey_sheet.title)
    form = _form(file, path, settings, survey, questions, warnings, settings_sheet.title if settings_sheet else "settings")
    return replace(form, collect_only=frozenset(reader.collect_only), language=language)


def _converted(file: str, book: Workbook, stem: str, warnings: list[FormWarning]) -> dict:
    """pyxform's survey model of the workbook (its own warnings are about the XForm and ODK;
    those a trainer needs are made by :mod:`.row_checks`)."""
    try:
        return workbook_to_json(book.definition, form_name=None, fallback_form_name=stem, warnings=[])
    except PyXFormError as exc:
        raise from_pyxform(file, str(exc), book) from None


def _form(file: str, path: Path, settings: dict, survey: dict, questions: list[Question], warnings: list, sheet: str) -> Form:
    form_id = str(settings.get("form_id") or settings.get("id_string") or path.stem)
    if not _NAME.match(form_id):
        raise FormError(file, f"form_id “{form_id}”只能用英文字母、数字和下划线", sheet=sheet, column="form_id")
    access = str(settings.get("access") or "open")
    if access not in ("open", "tokens"):
        raise FormError(file, "access 只能是 open（凭页面地址填写）或 tokens（凭一次性答题码填写）", sheet=sheet, column="access")
    anonymous = flag(file, settings.get("anonymous", "no"), sheet=sheet, column="anonymous")
    quiz = flag(file, settings.get("quiz", "no"), sheet=sheet, column="quiz")
    if quiz:
        _check_quiz(file, questions)
    return Form(
        form_id=form_id,
        title=str(settings.get("form_title") or settings.get("title") or form_id),
        version=str(settings.get("version") or ""),
        questions=tuple(questions),
        access=access,
        anonymous=anonymous,
        quiz=quiz,
        path=path,
        warnings=tuple(warnings),
        survey=survey,
    )


def _language_warnings(file: str, language: str | None, languages: list[str]) -> list[FormWarning]:
    others = [k for k in languages if k != language and k != "default"]
    if not others:
        return []
    shown = f"“{language}”" if language and language != "default" else "不带语言的"
    return [
        FormWarning(
            file, f"第二种语言“{'、'.join(others)}”：手机页面显示{shown}文字；在 ODK Collect 里可以切换语言", sheet="survey"
        )
    ]


def read_forms(folder: Path) -> tuple[list[Form], list[FormError]]:
    """Every workbook in a campaign's ``forms/`` folder: the forms read, and the refusals."""
    forms: list[Form] = []
    errors: list[FormError] = []
    seen: dict[str, str] = {}
    if not folder.is_dir():
        return forms, errors
    for path in sorted(p for pattern in WORKBOOKS for p in folder.glob(pattern)):
        if path.name.startswith(("~$", ".")):
            continue
        try:
            form = read_form(path)
        except FormError as exc:
            errors.append(exc)
            continue
        if form.form_id in seen:
            errors.append(FormError(path.name, f"form_id “{form.form_id}”与 {seen[form.form_id]} 重复", sheet="settings"))
            continue
        seen[form.form_id] = path.name
        forms.append(form)
    return forms, errors


QUIZ_KINDS = ("select_one", "select_multiple", "rank")


def _check_quiz(file: str, questions: list[Question]) -> None:
    """A quiz scores every choice and order question: each needs its answer."""
    for q in questions:
        if q.type in QUIZ_KINDS and not q.answer:
            raise FormError(
                file,
                "这是一份测验（settings 里 quiz 为 yes），每道选择题和排序题都要在 answer 列写正确答案的选项名"
                "（多选题写几个，用空格隔开；排序题按正确顺序写全部选项）",
                sheet="survey",
                row=q.row,
                column="answer",
            )
    if not any(q.answer for q in questions):
        raise FormError(file, "这是一份测验，但没有一道题写了 answer（正确答案）", sheet="survey", column="answer")
