"""Quizzes on the forms engine: a pupil's score, and a class's results.

Each scored question is worth 1 point:

- single choice and true/false: 1 for the answer, else 0;
- multiple choice, partly right: (right picks − wrong picks) ÷ number of right options, never
  below 0 — answer {a, c}: {a, c} → 1, {a} → 0.5, {a, b, c} → 0.5, {a, b} → 0, {b} → 0;
- putting events in order: the share of pairs of events in the right order — 4 events make
  6 pairs; one neighbouring pair swapped leaves 5 of 6 → 0.83; fully reversed → 0.

A question counts as *correct* (for a class's correct rate) only with its full point.
Pupils join by class code and seat number, never by name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import cast

from .xlsform import Form, Question

CLASS_FIELD, SEAT_FIELD = "_class", "_seat"
_CLASS = re.compile(r"^[A-Za-z0-9]{1,12}$")
MAX_SEAT = 99


class JoinError(ValueError):
    """A class code or seat number that cannot be used (message in Chinese, for the pupil)."""


def check_join(class_code: str, seat: str) -> tuple[str, int]:
    code = (class_code or "").strip().upper()
    if not _CLASS.match(code):
        raise JoinError("请填写班级码：海报上的字母和数字（不超过 12 位）")
    text = (seat or "").strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_SEAT:
        raise JoinError(f"请填写座位号：1 到 {MAX_SEAT} 之间的数字")
    return code, int(text)


def check_class(opened: tuple[int, bool] | None, class_code: str, seat: int) -> None:
    """A pupil may hand in only to a class the teacher opened and has not closed, from a seat
    within the class's size (one phone cannot fill the seats of the real pupils)."""
    if opened is None:
        raise JoinError(f"{class_code} 班的测验还没有开始：请老师先在电脑上开班，再扫海报上的码")
    size, closed = opened
    if closed:
        raise JoinError(f"{class_code} 班的测验已经收卷了")
    if seat > size:
        raise JoinError(f"{class_code} 班有 {size} 个座位：座位号填 1 到 {size}")


def question_score(question: Question, given: object) -> float:
    """The points (0–1) ``given`` earns on ``question`` (see the module's rules)."""
    answer = list(question.answer)
    if question.type == "select_one":
        return 1.0 if given == answer[0] else 0.0
    picks = [given] if isinstance(given, str) else list(cast("Iterable[str]", given or []))
    if question.type == "select_multiple":
        right = len(set(picks) & set(answer))
        wrong = len(set(picks) - set(answer))
        return max(0.0, (right - wrong) / len(answer))
    if question.type == "rank":
        position = {name: i for i, name in enumerate(picks)}
        pairs = list(combinations(answer, 2))
        kept = sum(1 for a, b in pairs if a in position and b in position and position[a] < position[b])
        return kept / len(pairs) if pairs else 0.0
    return 0.0


@dataclass(frozen=True)
class Marked:
    question: Question
    given: object
    points: float

    @property
    def correct(self) -> bool:
        return self.points >= 1.0 - 1e-9


def mark(form: Form, answers: dict) -> list[Marked]:
    """Every scored question of ``form`` with what was given and the points it earned."""
    return [Marked(q, answers.get(q.name), question_score(q, answers.get(q.name))) for q in form.graded]


def total(marked: list[Marked]) -> float:
    return round(sum(m.points for m in marked), 2)


def answer_text(question: Question, given: object) -> str:
    """An answer as the pupil reads it: choice labels, in order for an order question."""
    if given is None or given == [] or given == "":
        return "（没有回答）"
    names = [given] if isinstance(given, str) else list(cast("Iterable[str]", given))
    joiner = " → " if question.type == "rank" else "、"
    return joiner.join(question.choice_label(n) for n in names)


def seat_taken(responses: list[dict], class_code: str, seat: int) -> bool:
    """A pupil hands in once: a second hand-in from the same seat of a class is refused (after
    the first, the pupil has seen the right answers)."""
    return any(r["answers"].get(CLASS_FIELD) == class_code and r["answers"].get(SEAT_FIELD) == seat for r in responses)


def class_responses(form: Form, responses: list[dict], class_code: str) -> tuple[list[dict], dict[int, int]]:
    """The responses of one class, one per seat — the lowest-scored where a seat has more than one
    (two phones handing in at the same instant; the store keeps no order, by design, and a
    second try after seeing the answers must not count) — and those seats, with how many."""
    by_seat: dict[int, list[dict]] = {}
    for response in responses:
        answers = response["answers"]
        if answers.get(CLASS_FIELD) == class_code and isinstance(answers.get(SEAT_FIELD), int):
            by_seat.setdefault(answers[SEAT_FIELD], []).append(response)
    chosen = [min(by_seat[seat], key=lambda r: total(mark(form, r["answers"]))) for seat in sorted(by_seat)]
    return chosen, {seat: len(rs) for seat, rs in by_seat.items() if len(rs) > 1}


def class_results(form: Form, responses: list[dict], class_code: str) -> dict:
    """One class's results: per question the correct rate and the most common wrong answer;
    per seat the score (the teacher's page; the projector page leaves ``seats`` out)."""
    mine, repeated = class_responses(form, responses, class_code)
    questions = []
    for q in form.graded:
        given = [r["answers"].get(q.name) for r in mine]
        correct = sum(1 for g in given if question_score(q, g) >= 1.0 - 1e-9)
        wrong = Counter(answer_text(q, g) for g in given if question_score(q, g) < 1.0 - 1e-9)
        common = wrong.most_common(1)[0] if wrong else None
        questions.append(
            {
                "name": q.name,
                "label": q.label,
                "answered": len(given),
                "correct": correct,
                "rate": round(correct / len(given) * 100, 1) if given else None,
                "common_wrong": common[0] if common else None,
                "common_wrong_count": common[1] if common else 0,
                "answer": answer_text(q, list(q.answer) if q.type != "select_one" else q.answer[0]),
            }
        )
    seats = [
        {
            "seat": r["answers"][SEAT_FIELD],
            "score": total(mark(form, r["answers"])),
            "sent": repeated.get(r["answers"][SEAT_FIELD], 1),
        }
        for r in mine
    ]
    return {
        "form": form.form_id,
        "title": form.title,
        "class": class_code,
        "pupils": len(mine),
        "full": len(form.graded),
        "average": round(sum(s["score"] for s in seats) / len(seats), 2) if seats else None,
        "questions": questions,
        "seats": seats,
    }
