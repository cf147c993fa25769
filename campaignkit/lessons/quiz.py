"""Quizzes for pupils: the checks the lessons add to quiz forms, and the classes that have answered."""

from __future__ import annotations

from pathlib import Path

from ..forms import FormError
from ..forms.quiz import CLASS_FIELD
from ..forms.xlsform import Form
from ..load import check_campaign
from ..timeline import placed

ORDER_MIN, ORDER_MAX = 3, 5


def check_order_questions(form: Form, campaign: Path) -> list[FormError]:
    """In a quiz, an order question (``rank``) puts 3–5 timeline events in order: each choice's
    name is an event's 编号 in the campaign's timeline, and the answer follows their times."""
    ranks = [q for q in form.questions if form.quiz and q.type == "rank"]
    if not ranks:
        return []
    file = form.file
    table = check_campaign(campaign, tables=["timeline"]).tables.get("timeline")
    timeline = placed(table) if table is not None else None
    if timeline is None or "code" not in timeline.columns:
        return [
            FormError(
                file, "测验里有排序题，但活动文件夹里没有带“编号”的历史大事表", sheet="survey", row=ranks[0].row, column="type"
            )
        ]
    starts = dict(zip(timeline["code"], timeline["start"]))
    problems = []
    for q in ranks:
        if not ORDER_MIN <= len(q.choices) <= ORDER_MAX:
            problems.append(
                FormError(
                    file,
                    f"排序题要排 {ORDER_MIN}—{ORDER_MAX} 件事，这一题有 {len(q.choices)} 件",
                    sheet="survey",
                    row=q.row,
                    column="type",
                )
            )
        unknown = [c for c in q.choices if c.name not in starts]
        for choice in unknown:
            problems.append(
                FormError(
                    file,
                    f"排序题的选项名“{choice.name}”不是历史大事表里的事件编号：排序题的选项名填事件编号（如 E14）",
                    sheet="choices",
                    row=choice.row or None,
                    column="name",
                )
            )
        if not unknown and q.answer:
            times = [starts[name] for name in q.answer]
            if times != sorted(times):
                problems.append(
                    FormError(
                        file, "排序题的 answer 与历史大事表里这几件事的时间先后不一致", sheet="survey", row=q.row, column="answer"
                    )
                )
    return problems


def classes_of(responses: list[dict]) -> list[str]:
    """The class codes that have handed in a quiz, in order."""
    return sorted({r["answers"].get(CLASS_FIELD) for r in responses if r["answers"].get(CLASS_FIELD)})
