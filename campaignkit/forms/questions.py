"""pyxform's survey (its JSON model, after aliases, groups, ``or_other`` and languages) into
the questions a phone page asks, with campaignkit's own columns checked on them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import constructs
from .expressions import ExpressionError, columns, parse, references
from .model import CRITERIA, NO, YES, Choice, Question
from .workbook import Workbook
from .xlsform_errors import FormError, FormWarning

_PARENT_PATH = re.compile(r"\.\./([A-Za-z_][\w.-]*)")
_CHINESE = re.compile(r"zh|中文|chinese|汉", re.IGNORECASE)
OTHER_LABEL = "其他"
PHONE = "phone-number"  # our appearance of a ``phone number`` question


def choose_language(survey: Mapping[str, Any], default: str) -> tuple[str | None, list[str]]:
    """(the language the phone pages show, every language the form has). The settings'
    default_language when the form has it, else a Chinese one, else the untranslated text."""
    found: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("label", "hint"):
                if isinstance(node.get(key), dict):
                    found.extend(k for k in node[key] if k not in found)
            choices = node.get("choices")
            for child in node.get("children", []) + (choices if isinstance(choices, list) else []):
                visit(child)

    visit(dict(survey))
    for lists in (survey.get("choices") or {}).values():
        for choice in lists:
            visit(choice)
    if default and default in found:
        return default, found
    chinese = next((k for k in found if _CHINESE.search(k)), None)
    return chinese or ("default" if "default" in found else (found[0] if found else None)), found


def text_in(value: Any, language: str | None) -> str:
    """A label or hint in the chosen language (a plain text is everyone's)."""
    if isinstance(value, dict):
        for key in (language, "default", *value):
            if key in value and str(value[key]).strip():
                return str(value[key]).strip()
        return ""
    return str(value or "").strip()


@dataclass
class SurveyReader:
    file: str
    book: Workbook
    language: str | None
    rows: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, name) in sheet order
    cursor: int = 0  # pyxform's elements come in sheet order: each takes the next row of its name
    last_row: int = 0
    choice_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)  # questions so far
    warnings: list[FormWarning] = field(default_factory=list)
    collect_only: set[str] = field(default_factory=set)  # metadata Collect fills in itself

    def __post_init__(self) -> None:
        survey = self.book.sheet("survey")
        self.rows = [(row, record.get("name", "")) for row, record in (survey.rows if survey else ())]
        choices = self.book.sheet("choices")
        for row, record in choices.rows if choices else ():
            listed = record.get("list_name") or record.get("list name") or ""
            self.choice_rows.setdefault((listed, record.get("name", "")), row)

    @property
    def survey_title(self) -> str:
        sheet = self.book.sheet("survey")
        return sheet.title if sheet else "survey"

    def next_row(self, name: str) -> int:
        """The Excel row of the element pyxform gives next (an ``or_other`` text, which has no
        row of its own, gets its question's)."""
        for index in range(self.cursor, len(self.rows)):
            if self.rows[index][1] == name:
                self.cursor, self.last_row = index + 1, self.rows[index][0]
                return self.last_row
        return self.last_row

    def column(self, name: str) -> str:
        sheet = self.book.sheet("survey")
        return sheet.header(name) if sheet else name

    def questions(self, children: list[dict]) -> list[Question]:
        out: list[Question] = []
        self._walk(children, "", None, out)
        return out

    def _walk(self, children: list[dict], group: str, inherited: tuple | None, out: list[Question]) -> None:
        for element in children:
            kind = element.get("type", "")
            if element.get("name") == "meta" and kind == "group":  # instanceID, and audit if asked for
                self.collect_only.update(str(c.get("name", "")) for c in element.get("children", []))
                continue
            if kind in constructs.METADATA_TYPES:
                self.next_row(str(element.get("name", "")))
                self.collect_only.add(str(element.get("name", "")))
                continue
            if kind == "group":
                head = self._question(element, "begin_group", group, inherited)
                out.append(head)
                self._walk(element.get("children", []), head.label or group, _both(inherited, head.relevant), out)
                continue
            ours = constructs.SERVED_TYPES.get(kind)
            if ours is None:
                raise FormError(
                    self.file, f"不支持题型“{kind}”", sheet=self.survey_title, row=self.next_row(str(element.get("name", "")))
                )
            out.append(self._question(element, ours, group, inherited))

    def _question(self, element: dict, kind: str, group: str, inherited: tuple | None) -> Question:
        name = str(element.get("name", ""))
        row = self.next_row(name)
        where: dict[str, Any] = dict(sheet=self.survey_title, row=row)
        if name.startswith("_"):
            raise FormError(self.file, f"题目名“{name}”不能以 _ 开头", column=self.column("name"), **where)
        label = text_in(element.get("label"), self.language)
        if name.endswith("_other") and label in ("Specify other.", ""):
            label = f"{OTHER_LABEL}（请写明）"
        if not label and kind != "begin_group":
            raise FormError(self.file, "缺少题目文字（label）", column=self.column("label"), **where)
        bind = element.get("bind", {})
        appearance = str(element.get("control", {}).get("appearance", "")).strip()
        if element.get("type") == "phone number":
            appearance = PHONE  # digits only, as ODK's own constraint on it
        choices = self._choices(element)
        question = Question(
            type=kind,
            name=name,
            label=label,
            row=row,
            hint=text_in(element.get("hint"), self.language) or ("只填数字" if appearance == PHONE else ""),
            required=flag(self.file, bind.get("required", "no"), column=self.column("required"), **where),
            required_message=text_in(bind.get("jr:requiredMsg"), self.language),
            constraint=self._expression(bind.get("constraint"), "constraint", where),
            constraint_text=str(bind.get("constraint", "") or ""),
            constraint_message=text_in(bind.get("jr:constraintMsg"), self.language),
            relevant=_both(inherited, self._expression(bind.get("relevant"), "relevant", where)),
            appearance=self._appearance(appearance, kind, where),
            criterion=_criterion(self.file, str(element.get("criterion", "") or ""), column=self.column("criterion"), **where),
            answer=_answer(self.file, str(element.get("answer", "") or ""), choices, kind, column=self.column("answer"), **where),
            explain=text_in(element.get("explain"), self.language),
            choices=choices,
            group=group,
            choice_filter=self._choice_filter(element, choices, where),
        )
        if kind in ("note", "begin_group") and (question.required or question.constraint):
            raise FormError(self.file, "说明和分组不能设 required 或 constraint", column=self.column("required"), **where)
        if kind != "begin_group":
            if name in self.names:
                raise FormError(
                    self.file,
                    f"题目名“{name}”与第 {self.names[name]} 行重复（分组不同也不行）",
                    column=self.column("name"),
                    **where,
                )
            self.names[name] = row
        return question

    def _choices(self, element: dict) -> tuple[Choice, ...]:
        listed = str(element.get("list_name") or element.get("itemset") or "")
        out = []
        for item in element.get("choices", []):
            choice_name = str(item.get("name", ""))
            label = text_in(item.get("label"), self.language)
            if choice_name == "other" and label in ("Other", ""):
                label = OTHER_LABEL
            row = self.choice_rows.get((listed, choice_name), 0)
            if not label:
                raise FormError(self.file, "缺少选项文字（label）", sheet="choices", row=row or None, column="label")
            extra = tuple(
                sorted(
                    (str(k), str(v)) for k, v in item.items() if k not in ("name", "label", "media") and not isinstance(v, dict)
                )
            )
            out.append(Choice(choice_name, label, row, extra))
        return tuple(out)

    def _expression(self, text: Any, column: str, where: dict) -> tuple | None:
        if not text or not str(text).strip():
            return None
        text = _PARENT_PATH.sub(r"${\1}", str(text))
        try:
            tree = parse(text)
        except ExpressionError as exc:
            raise FormError(self.file, f"{exc}（{column} 只支持简单比较，见说明）", column=self.column(column), **where) from None
        self._known(tree, column, where)
        return tree

    def _known(self, tree: tuple, column: str, where: dict) -> None:
        missing = [name for name in references(tree) if name not in self.names]
        if missing:
            raise FormError(
                self.file, f"引用的题目“{'、'.join(missing)}”不存在或在这一题之后", column=self.column(column), **where
            )

    def _choice_filter(self, element: dict, choices: tuple[Choice, ...], where: dict) -> tuple | None:
        text = element.get("choice_filter")
        if not text:
            return None
        if element.get("type") == "rank":
            raise FormError(
                self.file, "排序题（rank）要排全部选项，不能用 choice_filter", column=self.column("choice_filter"), **where
            )
        try:
            tree = parse(_PARENT_PATH.sub(r"${\1}", str(text)), choice_columns=True)
        except ExpressionError as exc:
            raise FormError(
                self.file, f"{exc}（choice_filter 只支持简单比较）", column=self.column("choice_filter"), **where
            ) from None
        self._known(tree, "choice_filter", where)
        have = {"name", "label"} | {k for c in choices for k, _ in c.columns}
        unknown = sorted(columns(tree) - have)
        if unknown:
            raise FormError(
                self.file,
                f"choice_filter 用到的“{'、'.join(unknown)}”不是 choices 工作表的列",
                column=self.column("choice_filter"),
                **where,
            )
        return tree

    def _appearance(self, text: str, kind: str, where: dict) -> str:
        words = text.split()
        if text == "likert" and kind != "select_one":
            raise FormError(self.file, "likert 只用于 select_one 题", column=self.column("appearance"), **where)
        drawn = [w for w in words if w in constructs.DRAWN_APPEARANCES]
        other = [w for w in words if w not in constructs.DRAWN_APPEARANCES]
        if other:
            self.warnings.append(
                FormWarning(
                    self.file,
                    f"appearance “{' '.join(other)}”：手机页面按普通样式显示；在 ODK Collect 里照用",
                    column=self.column("appearance"),
                    **where,
                )
            )
        return next((w for w in drawn if w not in ("field-list",)), "")


def _both(a: tuple | None, b: tuple | None) -> tuple | None:
    """A question inside a relevant group is asked only when the group is."""
    if a is None or b is None:
        return a or b
    return ("and", a, b)


def flag(file: str, value: Any, **where: Any) -> bool:
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise FormError(file, f"应填 yes 或 no，这里是“{value}”", **where)


def _criterion(file: str, text: str, **where: Any) -> str:
    if text and text not in CRITERIA:
        raise FormError(file, f"criterion 应是五条标准之一：{'、'.join(CRITERIA)}", **where)
    return text


def _answer(file: str, text: str, listed: tuple[Choice, ...], kind: str, **where: Any) -> tuple[str, ...]:
    if not text:
        return ()
    if kind not in ("select_one", "select_multiple", "rank"):
        raise FormError(file, "answer 只用于选择题和排序题", **where)
    names = tuple(text.split())
    unknown = [n for n in names if n not in {c.name for c in listed}]
    if unknown:
        raise FormError(file, f"answer 中的“{'、'.join(unknown)}”不是这一题的选项名", **where)
    if kind == "select_one" and len(names) != 1:
        raise FormError(file, "单选题的 answer 只能有一个选项名", **where)
    if kind == "rank" and sorted(names) != sorted(c.name for c in listed):
        raise FormError(file, "排序题的 answer 要按正确顺序写出全部选项名，每个一次", **where)
    return names
