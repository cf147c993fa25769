"""What the evaluation reports to the banner's hub: for each questionnaire wave and each of the
plan's five criteria, how many answered the criterion's questions and how many of those answers
were positive (同意 or 非常同意 on an agreement scale, else the first choice: 是 / 收到了) — summed over the questions the
town's own evaluation page shows for that wave, so the hub can print nothing the page hides.
Counts only: never an answer, a code or a day."""

from __future__ import annotations

from pathlib import Path

from ..features import registry
from ..forms import CRITERIA, CampaignForms, Form, database_path
from ..hookspecs import HubRecord
from .compute import answers_frame, hidden_question, indicators
from .disclosure import charted, evaluation_pattern


def hub_records(campaign: Path) -> list[HubRecord]:
    if not database_path(campaign).exists():
        return []
    forms = CampaignForms(campaign, registry().form_checks())
    out: list[HubRecord] = []
    for form in forms.all():
        if form.quiz or not any(q.criterion for q in charted(form)):
            continue
        answers = answers_frame(form, forms.store.responses(form.form_id))
        if answers.empty:
            continue
        pattern = evaluation_pattern(form, answers)
        for wave in sorted(answers["version"].dropna().unique()):
            out.extend(_wave(form, answers[answers["version"] == wave], pattern, str(wave)))
    return out


def _wave(form: Form, answers, pattern, wave: str) -> list[HubRecord]:
    records = []
    for criterion in CRITERIA:
        questions = [
            q
            for q in charted(form)
            if q.criterion == criterion
            and q.choices
            and not hidden_question(pattern, wave, q)
            and not any(("shares", wave, q.name, c) in pattern for c in _agreeing(q))
        ]
        if not questions:
            continue
        answered = positive = 0
        respondents = None
        for q in questions:
            chosen = indicators(q, answers[q.name])
            took = chosen.any(axis=1)
            answered += int(took.sum())
            positive += int(chosen[list(_agreeing(q))].any(axis=1).sum())
            respondents = took if respondents is None else respondents | took
        records.append(
            HubRecord(
                kind="evaluation",
                record_id=f"{form.form_id}#{wave}#{criterion}",
                unit="",
                data={
                    "form": form.form_id,
                    "title": form.title,
                    "wave": wave,
                    "criterion": criterion,
                    "questions": len(questions),
                    "respondents": int(respondents.sum()) if respondents is not None else 0,
                    "answered": answered,
                    "positive": positive,
                },
                replaceable=True,
            )
        )
    return records


def _agreeing(question) -> list[str]:
    """The positive answers: the top two of an agreement scale whose choices are numbers (5 非常同意,
    4 同意), else the first choice (是 / 收到了)."""
    names = [c.name for c in question.choices]
    if question.appearance == "likert" and len(names) >= 4 and all(n.lstrip("-").isdigit() for n in names):
        return sorted(names, key=int)[-2:]
    return names[:1]
