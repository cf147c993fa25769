"""What the evaluation page may show, decided once for a form over everything it publishes.

The page (and its report, and the overview) publish, for each wave and for the waves
together: the number of answers; each choice question's counts and how many answered it;
each question by each grouping question (domain, audience) — counts per group and choice and
each group's size, in both orientations when two groupings cross. A group of fewer than 5
people is hidden; whatever would give it back is hidden too. A viewer can subtract across all
of that (the whole less the published groups, a group's other choices, shares adding to 100 %,
the groupings' own head counts, another wave), so the pattern is solved over one model of it:

- base cells: per wave, the people of each combination of groupings' answers (``y``) and, for
  each question, how those people answered it (``x``: a choice or none; for multiple choice, per
  choice yes / no / none) — tied by facts anyone knows: everyone of a combination answered each
  question somehow (Σ x = y), and a required question is never skipped;
- figures: every number above as a sum of base cells, keyed as the views look them up;
- :func:`campaignkit.core.disclosure.suppress` hides the small groups' figures and then, with
  the attacker's own linear program, what would narrow any of them below ±25 % or one person.

The sentence "共收到 N 份回答" always stays (``fixed``).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from itertools import product

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress
from ..forms import Form, Question
from ..forms.panel import PANEL

ALL = "全部"  # the waves together, as the view's wave picker says
NONE = "__none__"  # not answered (a grouping or a question)
CHOICE_TYPES = ("select_one", "select_multiple")


@dataclass
class Model:
    """The attacker's view of one form's page: base cells, published figures, known facts."""

    values: list[float] = field(default_factory=list)
    candidates: dict[Hashable, Candidate] = field(default_factory=dict)
    structural: list[tuple[dict[int, float], float]] = field(default_factory=list)
    fixed: set[Hashable] = field(default_factory=set)

    def cell(self, value: float) -> int:
        self.values.append(float(value))
        return len(self.values) - 1


def groupings(form: Form) -> list[Question]:
    """The questions answers can be grouped by: single choices that describe the respondent
    (no criterion, not a scale)."""
    return [q for q in form.answerable if q.type == "select_one" and not q.criterion and q.appearance != "likert"]


def charted(form: Form) -> list[Question]:
    """The choice questions the page charts (the panel code never)."""
    return [q for q in form.answerable if q.type in CHOICE_TYPES and q.name != PANEL]


def _always_answered(question: Question) -> bool:
    """Required and always asked: nobody can have skipped it (the form is public)."""
    return question.required and question.relevant is None


def _levels(question: Question) -> list[str]:
    return [c.name for c in question.choices] + ([] if _always_answered(question) else [NONE])


def _picked(values: pd.Series) -> pd.Series:
    """Each response's choices as a set (empty: not answered)."""

    def one(v):
        if isinstance(v, list):
            return frozenset(v)
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return frozenset()
        return frozenset([str(v)])

    return values.map(one)


def evaluation_model(form: Form, answers: pd.DataFrame) -> Model:
    """The model of everything the evaluation page publishes for ``answers`` (see the module)."""
    model = Model()
    by = groupings(form)
    questions = [q for q in charted(form) if q not in by]
    versions = sorted(answers["version"].dropna().unique())
    waves = {v: [v] for v in versions} | ({ALL: versions} if versions else {})
    combos = list(product(*(_levels(g) for g in by))) if by else [()]
    picks = {q.name: _picked(answers[q.name]) for q in [*by, *questions]}
    combo_of = _combination_of(answers, by, picks)
    y = _people_cells(model, answers, versions, combos, combo_of)
    x = _answer_cells(model, answers, questions, versions, combos, picks, combo_of, y)
    for wave, members in waves.items():
        everyone = [y[(v, combo)] for v in members for combo in combos]
        _publish(model, ("total", wave), everyone, _size(model, everyone))
        model.fixed.add(("total", wave))
        for gi, g in enumerate(by):
            _publish_grouping(model, wave, by, gi, g, [(v, combo) for v in members for combo in combos], y)
        for q in questions:
            _publish_question(model, wave, by, q, x, members, combos)
    return model


def _combination_of(answers: pd.DataFrame, by: list[Question], picks: dict[str, pd.Series]) -> pd.Series:
    """Each response's answers to the groupings, as a tuple (NONE where not answered)."""
    if not by:
        return pd.Series([()] * len(answers), index=answers.index)
    return pd.Series(list(zip(*(picks[g.name].map(lambda s: next(iter(s)) if s else NONE) for g in by))), index=answers.index)


def _people_cells(
    model: Model, answers: pd.DataFrame, versions: list, combos: list[tuple], combo_of: pd.Series
) -> dict[tuple, int]:
    """y: the people of each wave and combination of groupings."""
    y: dict[tuple, int] = {}
    for version in versions:
        mine = combo_of[answers["version"] == version].value_counts()
        for combo in combos:
            y[(version, combo)] = model.cell(int(mine.get(combo, 0)))
    return y


def _answer_cells(
    model: Model,
    answers: pd.DataFrame,
    questions: list[Question],
    versions: list,
    combos: list[tuple],
    picks: dict[str, pd.Series],
    combo_of: pd.Series,
    y: dict[tuple, int],
) -> dict[tuple, int | None]:
    """x: how each combination answered each question, tied to y."""
    x: dict[tuple, int | None] = {}
    for q in questions:
        for version in versions:
            rows = answers["version"] == version
            for combo in combos:
                here = picks[q.name][rows & (combo_of == combo)]
                cells = _single_cells if q.type == "select_one" else _multiple_cells
                cells(model, x, q, (q.name, version, combo), here, y[(version, combo)])
    return x


def _single_cells(model: Model, x: dict, q: Question, key: tuple, here: pd.Series, people: int) -> None:
    """A single choice: one cell per choice (and not answered); together they are the people."""
    for level in _levels(q):
        count = int((here == frozenset([level])).sum()) if level != NONE else int((here.map(len) == 0).sum())
        x[(*key, level)] = model.cell(count)
    model.structural.append(({**{x[(*key, lv)]: 1.0 for lv in _levels(q)}, people: -1.0}, 0.0))


def _multiple_cells(model: Model, x: dict, q: Question, key: tuple, here: pd.Series, people: int) -> None:
    """A multiple choice: per choice, ticked and not ticked; with those who did not answer,
    each choice's two are the people."""
    none = None if _always_answered(q) else model.cell(int((here.map(len) == 0).sum()))
    x[(*key, NONE)] = none
    for c in q.choices:
        yes = model.cell(int(here.map(lambda s, n=c.name: n in s).sum()))
        no = model.cell(int(here.map(lambda s, n=c.name: bool(s) and n not in s).sum()))
        x[(*key, c.name)] = yes
        x[(*key, ("no", c.name))] = no
        cells = {yes: 1.0, no: 1.0, people: -1.0}
        if none is not None:
            cells[none] = 1.0
        model.structural.append((cells, 0.0))


def _publish(model: Model, key: Hashable, cells: list[int], count: int) -> None:
    model.candidates[key] = Candidate(frozenset(cells), int(count))


def _size(model: Model, cells: list[int]) -> int:
    return int(sum(model.values[c] for c in cells))


def _publish_grouping(
    model: Model, wave: str, by: list[Question], gi: int, g: Question, people: list[tuple], y: dict[tuple, int]
) -> None:
    """A grouping's own chart (head counts) and the grouping by each other one; ``people``:
    the (version, combination) pairs of the wave."""
    answered = [y[key] for key in people if key[1][gi] != NONE]
    _publish(model, ("answered", wave, g.name), answered, _size(model, answered))
    for choice in g.choices:
        cells = [y[key] for key in people if key[1][gi] == choice.name]
        _publish(model, ("shares", wave, g.name, choice.name), cells, _size(model, cells))
    for hi, h in enumerate(by):
        if h is g:
            continue
        for group in h.choices:
            n = [y[key] for key in people if key[1][hi] == group.name and key[1][gi] != NONE]
            _publish(model, ("n", wave, g.name, h.name, group.name), n, _size(model, n))
            for choice in g.choices:
                cells = [y[key] for key in people if key[1][hi] == group.name and key[1][gi] == choice.name]
                _publish(model, ("cell", wave, g.name, h.name, group.name, choice.name), cells, _size(model, n))


def _everyone(combo: tuple) -> bool:
    return True


def _publish_question(
    model: Model, wave: str, by: list[Question], q: Question, x: dict, members: list[str], combos: list[tuple]
) -> None:
    """A question other than the groupings: alone, and by each grouping."""
    answered = _answered(q, x, members, combos, _everyone)
    _publish(model, ("answered", wave, q.name), answered, _size(model, answered))
    for c in q.choices:
        _publish(
            model, ("shares", wave, q.name, c.name), _chose(q, x, members, combos, _everyone, c.name), _size(model, answered)
        )
    for gi, g in enumerate(by):
        for group in g.choices:

            def here(combo, gi=gi, group=group.name):
                return combo[gi] == group

            n = _answered(q, x, members, combos, here)
            _publish(model, ("n", wave, q.name, g.name, group.name), n, _size(model, n))
            for c in q.choices:
                _publish(
                    model,
                    ("cell", wave, q.name, g.name, group.name, c.name),
                    _chose(q, x, members, combos, here, c.name),
                    _size(model, n),
                )


def _answered(q: Question, x: dict, waves: list[str], combos: list[tuple], where) -> list[int]:
    """Cells of the people (of ``waves``, combinations passing ``where``) who answered ``q``;
    for multiple choice, those who ticked its first choice or not."""
    cells: list[int] = []
    for v, combo in product(waves, combos):
        if not where(combo):
            continue
        if q.type == "select_one":
            cells += [x[(q.name, v, combo, c.name)] for c in q.choices]
        elif q.choices:
            first = q.choices[0].name
            cells += [x[(q.name, v, combo, first)], x[(q.name, v, combo, ("no", first))]]
    return cells


def _chose(q: Question, x: dict, waves: list[str], combos: list[tuple], where, choice: str) -> list[int]:
    return [x[(q.name, v, combo, choice)] for v, combo in product(waves, combos) if where(combo)]


def evaluation_pattern(form: Form, answers: pd.DataFrame) -> dict[Hashable, str]:
    """key → "primary" (a group or question under 5 people: 不足 5 人) or "secondary" (隐去（防推算）)
    for every figure of the page to hide; keys as in :func:`evaluation_model`.

    Solved in parts, then checked whole: first the groupings' own figures (head counts, one
    grouping by another), then each question with those, then every small figure once more
    against the whole page (the parts meet in the head counts of each combination), hiding
    more wherever the whole still narrows one."""
    if answers.empty:
        return {}
    model = evaluation_model(form, answers)
    by = {g.name for g in groupings(form)}
    options = dict(minimum=MIN_COUNT, absolute=1.0)

    def part(names: set[str]) -> dict[Hashable, Candidate]:
        return {k: c for k, c in model.candidates.items() if k[0] == "total" or k[2] in names}

    heads = part(by)
    pattern = suppress(model.values, heads, fixed=model.fixed, **options)
    shown = {k for k in heads if k not in pattern and k not in model.fixed}
    for q in charted(form):
        if q.name in by:
            continue
        cells = {i for k, c in model.candidates.items() if k[0] != "total" and k[2] == q.name for i in c.cells}
        facts = [(f, v) for f, v in model.structural if cells & f.keys()]
        found = suppress(model.values, part(by | {q.name}), structural=facts, fixed=model.fixed | shown, given=pattern, **options)
        pattern.update({k: v for k, v in found.items() if k[0] != "total" and k[2] == q.name})
    return suppress(model.values, model.candidates, structural=model.structural, fixed=model.fixed, given=pattern, **options)
