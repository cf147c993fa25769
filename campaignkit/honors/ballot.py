"""A selection's ballot on the forms engine: a ``tokens`` + ``anonymous`` form whose one
question lists the candidates. Codes, exactly-once and anonymity are the engine's
(:class:`campaignkit.forms.ResponseStore`, :mod:`campaignkit.forms.sealed`): a code is spent in
one commit and the ballot stored in another, in a file that keeps no order, and the stored
ballot carries no code, no link to one, only the day.

A ballot is ``{"choice": [candidate keys]}`` (none: an abstention, cast and counted);
a paper ballot found spoiled at the count is ``{"spoiled": true}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..forms import Form, Question, ResponseStore, SubmissionError, parse_answers
from ..forms.xlsform import Choice
from .selections import Candidate, Selection

CODE_FIELD, CHOICE_FIELD = "code", "choice"
BALLOT_VERSION = "1"


def ballot_form(selection: Selection, candidates: Sequence[Candidate]) -> Form:
    question = Question(
        type="select_multiple",
        name=CHOICE_FIELD,
        label=f"选 {selection.award}（最多选 {selection.choices} 人）",
        row=0,
        choices=tuple(Choice(c.key, f"{c.name}（{c.unit}）") for c in candidates),
    )
    return Form(
        form_id=selection.form_id,
        title=selection.title,
        version=BALLOT_VERSION,
        questions=(question,),
        access="tokens",
        anonymous=True,
    )


def check_ballot(selection: Selection, candidates: Sequence[Candidate], fields: Mapping[str, Sequence[str]]) -> dict:
    """The ballot a phone posted, or :class:`SubmissionError` (nothing is stored): a choice that
    is not a candidate, the same candidate twice, more choices than a ballot allows."""
    answers = parse_answers(ballot_form(selection, candidates), {CHOICE_FIELD: list(fields.get(CHOICE_FIELD, []))})
    chosen = answers.get(CHOICE_FIELD, [])
    if len(chosen) > selection.choices:
        raise SubmissionError(f"每张票最多选 {selection.choices} 人，这张票选了 {len(chosen)} 人")
    return {CHOICE_FIELD: list(chosen)}


def cast(
    store: ResponseStore,
    selection: Selection,
    candidates: Sequence[Candidate],
    fields: Mapping[str, Sequence[str]],
    submission_id: str,
    *,
    today=None,
) -> bool:
    """Spend its code, then store one ballot (each in a commit of its own: :mod:`campaignkit.forms.sealed`);
    False for a resend of a ballot already counted (answered as counted, before or after closing). Raises :class:`SubmissionError` for a ballot that cannot count and
    :class:`campaignkit.forms.store.CodeRefused` for an unknown or spent code."""
    status = selection.status(today)
    if status != "投票中":
        if store.has_submission(selection.form_id, submission_id):  # a resend of a ballot counted before closing
            return False
        raise SubmissionError(f"{selection.title}现在不能投票（{status}；{selection.period_text()}）")
    code = "".join((fields.get(CODE_FIELD) or [""])[0].split())
    if not code:
        raise SubmissionError("请填写纸条上的投票码")
    ballot = check_ballot(selection, candidates, fields)
    return store.submit(selection.form_id, BALLOT_VERSION, submission_id, ballot, code=code)


def ballots(store: ResponseStore, selection: Selection) -> list[dict]:
    """Every stored ballot of a selection (anonymous: id, day, choice or spoiled)."""
    return [r["answers"] for r in store.responses(selection.form_id)]
