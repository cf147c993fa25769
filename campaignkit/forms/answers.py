"""Checking one submission against its form: what a phone sent becomes answers, or a
Chinese message saying what to fix (and nothing is stored)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

from .expressions import evaluate
from .xlsform import TEXT_LIMIT, Form, Question

SUBMISSION_FIELD = "_submission_id"
RESERVED = {SUBMISSION_FIELD, "_xsrf", "token", "_code"}
_SUBMISSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class SubmissionError(ValueError):
    """What is wrong with a submission, in Chinese; ``question``: the question's name, when one
    question is at fault (an import names its column)."""

    def __init__(self, message: str, question: str | None = None):
        super().__init__(message)
        self.question = question


def check_submission_id(value: str | None) -> str:
    if not value or not _SUBMISSION_ID.match(value):
        raise SubmissionError("提交编号缺失或不对，请刷新页面后重新填写")
    return value


def parse_answers(form: Form, fields: Mapping[str, Sequence[str]]) -> dict[str, object]:
    """Answers by question name from posted fields (each a list of values, as HTML forms send
    them). Unknown fields, values not among the choices, missing required answers, violated
    constraints and over-long text are refused with the question's label in the message."""
    known = {q.name: q for q in form.answerable}
    joined = {"_class", "_seat"} if form.quiz else set()  # a quiz's class code and seat: checked by forms.quiz
    unknown = sorted(set(fields) - set(known) - RESERVED - joined)
    if unknown:
        raise SubmissionError(f"表单里没有这些题目：{'、'.join(unknown[:5])}")
    answers: dict[str, object] = {}
    for question in form.answerable:
        raw = [v.strip() for v in fields.get(question.name, []) if v.strip() != ""]
        if raw:
            try:
                answers[question.name] = _value(question, raw)
            except SubmissionError as exc:
                raise SubmissionError(str(exc), question.name) from None
    for question in form.answerable:  # relevance after all values: a later answer may not count
        _check(question, answers)
    return answers


def _check(question: Question, answers: dict[str, object]) -> None:
    """One question against all the answers: dropped when not relevant, else required,
    offered by its choice filter and within its constraint."""
    if question.relevant is not None and not evaluate(question.relevant, answers):
        answers.pop(question.name, None)
        return
    value = answers.get(question.name)
    if value is None:
        if question.required:
            raise SubmissionError(question.required_message or f"“{question.label}”必须回答", question.name)
        return
    if question.choice_filter is not None:
        _offered(question, value, answers)
    if question.constraint is not None and not evaluate(question.constraint, answers, value):
        raise SubmissionError(
            question.constraint_message or f"“{question.label}”的回答不符合要求（{question.constraint_text}）",
            question.name,
        )


def _offered(question: Question, value: object, answers: Mapping[str, object]) -> None:
    """A choice the choice_filter does not offer for these answers cannot be chosen."""
    chosen = value if isinstance(value, list) else [value]
    by_name = {c.name: c for c in question.choices}
    assert question.choice_filter is not None
    if any(not evaluate(question.choice_filter, answers, None, by_name[str(v)].as_columns()) for v in chosen):
        raise SubmissionError(f"“{question.label}”选的项与前面的回答不相符，请重新选", question.name)


def _value(question: Question, raw: list[str]) -> object:
    label = question.label
    if question.type in ("select_one",) and len(raw) > 1:
        raise SubmissionError(f"“{label}”只能选一项")
    if question.type in ("select_one", "select_multiple", "rank"):
        return _chosen(question, raw)
    if len(raw) > 1:
        raise SubmissionError(f"“{label}”只能有一个回答")
    if question.appearance == "phone-number" and not re.fullmatch(r"\d{1,200}", raw[0]):
        raise SubmissionError(f"“{label}”只能填数字")
    if question.appearance == "numbers" and not re.fullmatch(r"[0-9.-]{1,200}", raw[0]):
        raise SubmissionError(f"“{label}”只能填数字（可以带小数点和短横）")
    return _TYPED.get(question.type, _text)(label, raw[0])


def _chosen(question: Question, raw: list[str]) -> object:
    """A choice question's answer: the choice (select_one) or the list of them."""
    label = question.label
    names = {c.name for c in question.choices}
    bad = [v for v in raw if v not in names]
    if bad:
        raise SubmissionError(f"“{label}”的回答不在选项之中")
    if len(set(raw)) != len(raw):
        raise SubmissionError(f"“{label}”的选项重复了")
    if question.type == "rank" and len(raw) != len(names):
        raise SubmissionError(f"“{label}”要把全部 {len(names)} 项排好顺序")
    return raw[0] if question.type == "select_one" else raw


def _integer(label: str, text: str) -> object:
    if not re.fullmatch(r"-?\d{1,12}", text):
        raise SubmissionError(f"“{label}”应填整数")
    return int(text)


def _decimal(label: str, text: str) -> object:
    if not re.fullmatch(r"-?\d{1,12}(\.\d{1,6})?", text):
        raise SubmissionError(f"“{label}”应填数字")
    return float(text)


def _date(label: str, text: str) -> object:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise SubmissionError(f"“{label}”应填日期，如 2024-03-01") from None
    if not dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31):
        raise SubmissionError(f"“{label}”的日期不对")
    return day.isoformat()


def _text(label: str, text: str) -> object:
    """Any other answer is text: not too long, and only characters that can be stored."""
    if len(text) > TEXT_LIMIT:
        raise SubmissionError(f"“{label}”太长了（最多 {TEXT_LIMIT} 个字）")
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text):
        raise SubmissionError(f"“{label}”里有无法保存的字符")
    return text


# One written answer, by question type (text for every other type).
_TYPED: dict[str, Callable[[str, str], object]] = {"integer": _integer, "decimal": _decimal, "date": _date}
