"""XLSForm workbooks (sheets ``survey``, ``choices``, ``settings``), the format ODK,
KoboToolbox and Ona use, read into a :class:`Form`.

Read with openpyxl rather than pyxform: pyxform turns a workbook into XForm XML and
reports problems in English, often without the cell; trainers need a Chinese message
naming the sheet, the Excel row and the column, and campaignkit's own columns
(``criterion``, ``answer``, ``explain``, ``access``…) would be unknown to it. What is
read is the documented subset (README); anything else is refused with its cell, never
silently dropped.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from .expressions import ExpressionError, parse, references

TEXT_LIMIT = 2000  # characters in one text answer
TYPES = ("select_one", "select_multiple", "rank", "integer", "decimal", "text", "note", "date", "begin_group", "end_group")
SURVEY_COLUMNS = {
    "type",
    "name",
    "label",
    "hint",
    "required",
    "required_message",
    "constraint",
    "constraint_message",
    "relevant",
    "appearance",
    "criterion",
    "answer",
    "explain",
}
CHOICE_COLUMNS = {"list_name", "name", "label"}
SETTINGS_COLUMNS = {"form_id", "form_title", "version", "access", "anonymous", "default_language", "quiz"}
# The plan's five criteria of the campaign's effect (深化效果评估).
CRITERIA = ("思想觉悟有提高", "“两个功能”再强化", "为民服务更有效", "党群关系更紧密", "制度机制更优化")
YES = {"yes", "true", "1", "是", "true()"}
NO = {"no", "false", "0", "否", "false()", ""}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class FormError(ValueError):
    """A problem in a form workbook, in Chinese, naming the sheet, row and column."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None, row: int | None = None, column: str | None = None):
        where = "，".join(
            part
            for part in (
                file,
                f"工作表“{sheet}”" if sheet else "",
                f"第 {row} 行" if row else "",
                f"“{column}”列" if column else "",
            )
            if part
        )
        super().__init__(f"{where}：{message}")
        self.file, self.sheet, self.row, self.column = file, sheet, row, column


@dataclass(frozen=True)
class Choice:
    name: str
    label: str
    row: int = field(default=0, compare=False)  # its row in the choices sheet, for messages


@dataclass(frozen=True)
class Question:
    type: str  # one of TYPES
    name: str
    label: str
    row: int  # Excel row on the survey sheet
    hint: str = ""
    required: bool = False
    required_message: str = ""
    constraint: tuple | None = None
    constraint_text: str = ""
    constraint_message: str = ""
    relevant: tuple | None = None
    appearance: str = ""
    criterion: str = ""
    answer: tuple[str, ...] = ()  # quizzes: the correct choice name(s), in order for rank
    explain: str = ""
    choices: tuple[Choice, ...] = ()
    group: str = ""  # the label of the group it is in

    @property
    def takes_answer(self) -> bool:
        return self.type not in ("note", "begin_group", "end_group")

    def choice_label(self, name: str) -> str:
        return next((c.label for c in self.choices if c.name == name), name)


@dataclass(frozen=True)
class Form:
    form_id: str
    title: str
    version: str
    questions: tuple[Question, ...]
    access: str = "open"  # "open" (anyone with the page) or "tokens" (one-time respondent codes)
    anonymous: bool = False
    quiz: bool = False  # settings quiz = yes: every choice and order question has its answer; pupils join by class and seat
    path: Path | None = field(default=None, compare=False)

    @property
    def file(self) -> str:
        """The workbook's file name, as a message names it to the trainer."""
        return self.path.name if self.path else f"{self.form_id}.xlsx"

    @property
    def graded(self) -> tuple[Question, ...]:
        """The questions a quiz scores (those with an answer)."""
        return tuple(q for q in self.questions if q.answer)

    @property
    def answerable(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.takes_answer)

    def question(self, name: str) -> Question:
        return next(q for q in self.questions if q.name == name)


def read_form(path: str | Path) -> Form:
    """Read one XLSForm workbook; :class:`FormError` names the cell of any problem."""
    path = Path(path)
    file = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise FormError(file, f"无法作为 Excel 工作簿打开（{type(exc).__name__}）；请用 Excel 或 WPS 另存为 .xlsx") from None
    try:
        sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
        if "survey" not in sheets:
            raise FormError(file, "找不到 survey 工作表（题目表）；XLSForm 需要 survey、choices 两个工作表，settings 可选")
        choices = _choices(file, sheets["choices"]) if "choices" in sheets else {}
        settings = _settings(file, sheets["settings"]) if "settings" in sheets else {}
        questions = _survey(file, sheets["survey"], choices)
    finally:
        book.close()
    form_id = settings.get("form_id") or path.stem
    if not _NAME.match(form_id):
        raise FormError(file, f"form_id “{form_id}”只能用英文字母、数字和下划线", sheet="settings", column="form_id")
    access = settings.get("access") or "open"
    if access not in ("open", "tokens"):
        raise FormError(
            file, "access 只能是 open（凭页面地址填写）或 tokens（凭一次性答题码填写）", sheet="settings", column="access"
        )
    anonymous = _flag(file, "settings", None, "anonymous", settings.get("anonymous", "no"))
    quiz = _flag(file, "settings", None, "quiz", settings.get("quiz", "no"))
    if quiz:
        _check_quiz(file, questions)
    return Form(
        form_id=form_id,
        title=settings.get("form_title") or form_id,
        version=settings.get("version") or "",
        questions=tuple(questions),
        access=access,
        anonymous=anonymous,
        quiz=quiz,
        path=path,
    )


def read_forms(folder: Path) -> tuple[list[Form], list[FormError]]:
    """Every ``.xlsx`` in a campaign's ``forms/`` folder: the forms read, and the refusals."""
    forms: list[Form] = []
    errors: list[FormError] = []
    seen: dict[str, str] = {}
    if not folder.is_dir():
        return forms, errors
    for path in sorted(folder.glob("*.xlsx")):
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


# -- sheets ---------------------------------------------------------------------------------


def _rows(file: str, sheet, known: set[str]) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """(sheet title, [(excel row, {column: value})]) with headers normalised; unknown columns refused."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return sheet.title, []
    columns: list[str | None] = []
    for raw in header:
        name = _column(raw)
        if name is None:
            columns.append(None)
            continue
        if name not in known:
            raise FormError(
                file, f"不支持“{raw}”这一列；可用的列：{'、'.join(sorted(known))}", sheet=sheet.title, row=1, column=str(raw)
            )
        columns.append(name)
    out = []
    for number, values in enumerate(rows, start=2):
        record = {c: v for c, v in zip(columns, values) if c is not None and v is not None and str(v).strip() != ""}
        if record:
            out.append((number, {k: str(v).strip() if not isinstance(v, str) else v.strip() for k, v in record.items()}))
    return sheet.title, out


def _column(raw: Any) -> str | None:
    """'label::中文 (zh)' → 'label'; 'Type' → 'type'; blank → None."""
    if raw is None or str(raw).strip() == "":
        return None
    return str(raw).strip().lower().split("::", 1)[0].strip()


def _choices(file: str, sheet) -> dict[str, list[tuple[int, Choice]]]:
    title, rows = _rows(file, sheet, CHOICE_COLUMNS)
    lists: dict[str, list[tuple[int, Choice]]] = {}
    for row, record in rows:
        for column in ("list_name", "name", "label"):
            if column not in record:
                raise FormError(file, f"缺少 {column}", sheet=title, row=row, column=column)
        items = lists.setdefault(record["list_name"], [])
        if any(c.name == record["name"] for _, c in items):
            raise FormError(
                file, f"选项名“{record['name']}”在选项表“{record['list_name']}”里重复", sheet=title, row=row, column="name"
            )
        items.append((row, Choice(record["name"], record["label"], row)))
    return lists


def _settings(file: str, sheet) -> dict[str, str]:
    title, rows = _rows(file, sheet, SETTINGS_COLUMNS)
    return rows[0][1] if rows else {}


def _flag(file: str, sheet: str, row: int | None, column: str, value: str) -> bool:
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise FormError(file, f"应填 yes 或 no，这里是“{value}”", sheet=sheet, row=row, column=column)


def _survey(file: str, sheet, choices: dict[str, list[tuple[int, Choice]]]) -> list[Question]:
    title, rows = _rows(file, sheet, SURVEY_COLUMNS)
    questions: list[Question] = []
    names: dict[str, int] = {}
    groups: list[tuple[int, str]] = []
    for row, record in rows:
        question = _survey_row(file, title, row, record, choices, names, groups)
        if question is not None:
            questions.append(question)
    if groups:
        raise FormError(file, "这个 begin_group 没有对应的 end_group", sheet=title, row=groups[-1][0], column="type")
    if not any(q.takes_answer for q in questions):
        raise FormError(file, "survey 工作表里没有任何需要回答的题目", sheet=title)
    return questions


def _survey_row(
    file: str,
    title: str,
    row: int,
    record: dict[str, Any],
    choices: dict[str, list[tuple[int, Choice]]],
    names: dict[str, int],
    groups: list[tuple[int, str]],
) -> Question | None:
    """One row of the survey sheet as a question (None for an end_group, which closes the
    open group). ``names``: the questions so far and their rows; ``groups``: the open groups."""
    where: dict[str, Any] = dict(sheet=title, row=row)
    if "type" not in record:
        raise FormError(file, "缺少题型（type）", column="type", **where)
    kind, list_name = _type(file, record["type"], where)
    if kind == "end_group":
        if not groups:
            raise FormError(file, "end_group 前面没有对应的 begin_group", column="type", **where)
        groups.pop()
        return None
    name = _question_name(file, record, names, where)
    names[name] = row
    label = record.get("label", "")
    if not label and kind != "begin_group":
        raise FormError(file, "缺少题目文字（label）", column="label", **where)
    listed = _listed(file, list_name, choices, where)
    question = Question(
        type=kind,
        name=name,
        label=label,
        row=row,
        hint=record.get("hint", ""),
        required=_flag(file, title, row, "required", record.get("required", "no")),
        required_message=record.get("required_message", ""),
        constraint=_expression(file, record, "constraint", where, names),
        constraint_text=record.get("constraint", ""),
        constraint_message=record.get("constraint_message", ""),
        relevant=_expression(file, record, "relevant", where, names),
        appearance=_appearance(file, record.get("appearance", ""), kind, where),
        criterion=_criterion(file, record.get("criterion", ""), where),
        answer=_answer(file, record.get("answer", ""), listed, kind, where),
        explain=record.get("explain", ""),
        choices=listed,
        group=groups[-1][1] if groups else "",
    )
    if kind in ("note", "begin_group") and (question.required or question.constraint):
        raise FormError(file, "说明和分组不能设 required 或 constraint", column="required", **where)
    if kind == "begin_group":
        groups.append((row, label))
    return question


def _question_name(file: str, record: dict[str, Any], names: dict[str, int], where: dict) -> str:
    """The row's question name: present, well formed, not used before."""
    name = record.get("name", "")
    if not name:
        raise FormError(file, "缺少题目名（name）", column="name", **where)
    if not _NAME.match(name) or name.startswith("_"):
        raise FormError(file, f"题目名“{name}”只能用英文字母、数字和下划线（不能以 _ 开头）", column="name", **where)
    if name in names:
        raise FormError(file, f"题目名“{name}”与第 {names[name]} 行重复", column="name", **where)
    return name


def _listed(file: str, list_name: str | None, choices: dict[str, list[tuple[int, Choice]]], where: dict) -> tuple[Choice, ...]:
    """The choices of the list a choice question names (none for other questions)."""
    if list_name is None:
        return ()
    if list_name not in choices:
        raise FormError(file, f"choices 工作表里没有选项表“{list_name}”", column="type", **where)
    return tuple(c for _, c in choices[list_name])


def _type(file: str, text: str, where: dict) -> tuple[str, str | None]:
    parts = text.split()
    head = parts[0].lower() if parts else ""
    if head in ("begin", "end") and len(parts) >= 2 and parts[1].lower() == "group":
        return f"{head}_group", None
    if head in ("select_one", "select_multiple", "rank"):
        if len(parts) != 2:
            raise FormError(file, f"{head} 后面应写选项表名，如“{head} yesno”", column="type", **where)
        return head, parts[1]
    if head in TYPES and len(parts) == 1:
        return head, None
    raise FormError(
        file,
        f"不支持题型“{text}”；可用：select_one、select_multiple、rank、integer、decimal、text、note、date、begin_group、end_group",
        column="type",
        **where,
    )


def _expression(file: str, record: dict, column: str, where: dict, known: dict[str, int]) -> tuple | None:
    text = record.get(column)
    if not text:
        return None
    try:
        tree = parse(text)
    except ExpressionError as exc:
        raise FormError(file, f"{exc}（{column} 只支持简单比较，见说明）", column=column, **where) from None
    missing = [name for name in references(tree) if name not in known]
    if missing:
        raise FormError(file, f"引用的题目“{'、'.join(missing)}”不存在或在这一题之后", column=column, **where)
    return tree


def _appearance(file: str, text: str, kind: str, where: dict) -> str:
    if text and text not in ("likert", "minimal", "multiline"):
        raise FormError(file, f"不支持 appearance “{text}”；可用：likert、minimal、multiline", column="appearance", **where)
    if text == "likert" and kind != "select_one":
        raise FormError(file, "likert 只用于 select_one 题", column="appearance", **where)
    return text


def _criterion(file: str, text: str, where: dict) -> str:
    if text and text not in CRITERIA:
        raise FormError(file, f"criterion 应是五条标准之一：{'、'.join(CRITERIA)}", column="criterion", **where)
    return text


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


def _answer(file: str, text: str, listed: tuple[Choice, ...], kind: str, where: dict) -> tuple[str, ...]:
    if not text:
        return ()
    if kind not in ("select_one", "select_multiple", "rank"):
        raise FormError(file, "answer 只用于选择题和排序题", column="answer", **where)
    names = tuple(text.split())
    unknown = [n for n in names if n not in {c.name for c in listed}]
    if unknown:
        raise FormError(file, f"answer 中的“{'、'.join(unknown)}”不是这一题的选项名", column="answer", **where)
    if kind == "select_one" and len(names) != 1:
        raise FormError(file, "单选题的 answer 只能有一个选项名", column="answer", **where)
    if kind == "rank" and sorted(names) != sorted(c.name for c in listed):
        raise FormError(file, "排序题的 answer 要按正确顺序写出全部选项名，每个一次", column="answer", **where)
    return names
