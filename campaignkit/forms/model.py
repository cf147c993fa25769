"""A form as the phone pages, the checks and the store see it, whatever workbook it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_LIMIT = 2000  # characters in one text answer
TYPES = ("select_one", "select_multiple", "rank", "integer", "decimal", "text", "note", "date", "begin_group", "end_group")
# The plan's five criteria of the campaign's effect (深化效果评估).
CRITERIA = ("思想觉悟有提高", "“两个功能”再强化", "为民服务更有效", "党群关系更紧密", "制度机制更优化")
YES = {"yes", "true", "1", "是", "true()"}
NO = {"no", "false", "0", "否", "false()", ""}


@dataclass(frozen=True)
class Choice:
    name: str
    label: str
    row: int = field(default=0, compare=False)  # its row in the choices sheet, for messages
    columns: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # other columns (a choice_filter reads them)

    def as_columns(self) -> dict[str, str]:
        """What a choice_filter reads: the choice's name, label and other columns."""
        return {**dict(self.columns), "name": self.name, "label": self.label}


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
    appearance: str = ""  # likert, minimal, multiline or numbers (digits only)
    criterion: str = ""
    answer: tuple[str, ...] = ()  # quizzes: the correct choice name(s), in order for rank
    explain: str = ""
    choices: tuple[Choice, ...] = ()
    group: str = ""  # the label of the group it is in
    choice_filter: tuple | None = None  # which choices are offered, from earlier answers

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
    warnings: tuple[Any, ...] = field(default=(), compare=False)  # FormWarning: read, not used on the phone pages
    survey: dict | None = field(default=None, compare=False, repr=False)  # pyxform's model: the XForm is made from it
    collect_only: frozenset[str] = field(default=frozenset(), compare=False)
    language: str | None = field(
        default=None, compare=False
    )  # of the labels shown (a form may have several)  # metadata ODK Collect fills in, never stored

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
