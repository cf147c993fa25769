"""The evaluation's tables, as pure functions of a form and its responses.

- :func:`question_shares`: each choice's count and share with its Wilson 95 % interval;
- :func:`crosstab`, :func:`shown_shares`: shares by a grouping question (domain, audience) and
  alone, with what the page-wide pattern (:mod:`.disclosure`) hides left out;
- :func:`before_after`: every choice question compared between two waves (versions), paired
  by the panel code where respondents carry one, corrected for many comparisons.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..core.disclosure import MIN_COUNT, PRIMARY
from ..forms import Form, Question
from ..forms.statistics import (
    Comparison,
    Share,
    adjust,
    compare_paired_scales,
    compare_paired_shares,
    compare_scales,
    compare_shares,
)
from .disclosure import CHOICE_TYPES, PANEL


def answers_frame(form: Form, responses: list[dict]) -> pd.DataFrame:
    """One row per response: ``version``, ``day`` and one column per question (lists for multiple choice)."""
    rows = [{"version": r["version"], "day": r["day"], **r["answers"]} for r in responses]
    columns = ["version", "day", *(q.name for q in form.answerable)]
    return pd.DataFrame(rows, columns=columns)


def _chosen(question: Question, value) -> list[str]:
    if isinstance(value, list):
        return value
    return [] if value is None or (isinstance(value, float) and pd.isna(value)) else [str(value)]


def question_shares(question: Question, answers: pd.DataFrame) -> pd.DataFrame:
    """choice, label, count, n (answered), share, low, high — one row per choice, in the form's order."""
    if question.name not in answers:
        chosen = pd.DataFrame(columns=[c.name for c in question.choices], dtype=bool)
    else:
        chosen = indicators(question, answers[question.name])
    answered = chosen[chosen.any(axis=1)] if len(chosen) else chosen
    n = len(answered)
    rows = []
    for choice in question.choices:
        k = int(answered[choice.name].sum()) if n else 0
        low, high = Share(k, n).interval
        rows.append(
            {
                "choice": choice.name,
                "label": choice.label,
                "count": k,
                "n": n,
                "share": k / n if n else None,
                "low": low,
                "high": high,
            }
        )
    return pd.DataFrame(rows)


def hidden_question(pattern: Mapping, wave: str, question: Question) -> bool:
    """Whether ``question``'s chart for ``wave`` (a version or ALL) is hidden whole: fewer than 5
    answered it (in that wave, or in one of the waves it adds up), or every count is hidden."""
    if ("answered", wave, question.name) in pattern:
        return True
    return bool(question.choices) and all(("shares", wave, question.name, c.name) in pattern for c in question.choices)


def indicators(question: Question, values: pd.Series) -> pd.DataFrame:
    """One boolean column per choice: did each response choose it (vectorised for single choices)."""
    if question.type == "select_one":
        text = values.astype(object)
        return pd.DataFrame({c.name: (text == c.name).to_numpy() for c in question.choices}, index=values.index)
    lists = values.map(lambda v: set(_chosen(question, v)))
    return pd.DataFrame(
        {c.name: lists.map(lambda chosen, n=c.name: n in chosen).to_numpy(dtype=bool) for c in question.choices},
        index=values.index,
    )


def shown_shares(question: Question, answers: pd.DataFrame, pattern: Mapping, wave: str) -> pd.DataFrame:
    """:func:`question_shares` as the page shows it for ``wave``: a hidden count's row keeps its
    label with ``hidden`` set ("不足 5 人" / "隐去（防推算）") and no count, share or interval."""
    shares = question_shares(question, answers)
    status = [pattern.get(("shares", wave, question.name, c)) for c in shares["choice"]]
    shares["hidden"] = [f"不足 {MIN_COUNT} 人" if s == PRIMARY else "隐去（防推算）" if s else "" for s in status]
    hidden = shares["hidden"] != ""
    columns = ["count", "share", "low", "high"]
    shares[columns] = shares[columns].astype(object)
    shares.loc[hidden, columns] = None
    if ("answered", wave, question.name) in pattern:
        shares["n"] = None
    return shares


def crosstab(question: Question, by: Question, answers: pd.DataFrame, pattern: Mapping, wave: str) -> pd.DataFrame:
    """Shares of ``question`` within each group of ``by`` over ``answers`` (those of ``wave``: a
    version or ALL): group, group_label, choice, label, count, n, share, hidden ("" / "不足 5 人"
    / "隐去（防推算）"), as :func:`campaignkit.evaluation.disclosure.evaluation_pattern` decided
    for the whole page; a hidden group size hides ``n`` and the shares of every row of the group."""
    chosen = indicators(question, answers[question.name])
    keep = chosen.any(axis=1) & answers[by.name].notna()
    frame, chosen = answers[keep], chosen[keep]
    counts = chosen.groupby(frame[by.name].astype(object)).sum()
    sizes = frame.groupby(frame[by.name].astype(object)).size()
    rows = []
    for g in by.choices:
        if g.name not in sizes.index:
            continue
        n = int(sizes[g.name])
        n_hidden = ("n", wave, question.name, by.name, g.name) in pattern
        for choice in question.choices:
            status = pattern.get(("cell", wave, question.name, by.name, g.name, choice.name))
            count = int(counts.at[g.name, choice.name])
            rows.append(
                {
                    "group": g.name,
                    "group_label": g.label,
                    "choice": choice.name,
                    "label": choice.label,
                    "count": None if status or n_hidden else count,
                    "n": None if status or n_hidden else n,
                    "share": None if status or n_hidden or not n else count / n,
                    "hidden": f"不足 {MIN_COUNT} 人" if status == PRIMARY else "隐去（防推算）" if status or n_hidden else "",
                }
            )
    return pd.DataFrame(rows, columns=["group", "group_label", "choice", "label", "count", "n", "share", "hidden"])


def _scale(question: Question) -> bool:
    """A likert question whose choice names are numbers (5 = 非常同意 …): compared as a scale."""
    return question.appearance == "likert" and all(c.name.lstrip("-").isdigit() for c in question.choices)


def _positive(question: Question) -> set[str]:
    """What counts as "yes" for a share comparison: the first choice (yes / 收到了 …)."""
    return {question.choices[0].name} if question.choices else set()


def before_after(form: Form, answers: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """question, label, test, words (with the test), plain (for the hall), sizes, p, n_before,
    n_after, paired — one row per choice question
    tagged with a criterion (every choice question when none is), paired by the panel code when
    enough respondents answered both waves, p corrected with Benjamini–Hochberg."""
    one, two = answers[answers["version"] == before], answers[answers["version"] == after]
    paired = _pairs(one, two)
    made: list[tuple[Question, Comparison]] = []
    compared = [q for q in form.answerable if q.type in CHOICE_TYPES and q.name != PANEL]
    if any(q.criterion for q in compared):  # the questions that measure the campaign, not who answered
        compared = [q for q in compared if q.criterion]
    for question in compared:
        made.append((question, _compare(question, one, two, paired)))
    adjusted = adjust([c for _, c in made])
    rows = [
        {
            "question": q.name,
            "label": q.label,
            "test": c.test,
            "words": c.in_words(),
            "plain": c.in_plain_words(),
            "sizes": c.sizes(),
            "p": c.p,
            "n_before": c.n_before,
            "n_after": c.n_after,
            "paired": c.test in ("McNemar 精确检验", "Wilcoxon 符号秩检验"),
        }
        for (q, _), c in zip(made, adjusted)
    ]
    columns = ["question", "label", "test", "words", "plain", "sizes", "p", "n_before", "n_after", "paired"]
    return pd.DataFrame(rows, columns=columns)


def _pairs(one: pd.DataFrame, two: pd.DataFrame) -> pd.DataFrame:
    if PANEL not in one or PANEL not in two:
        return pd.DataFrame()
    a = one.dropna(subset=[PANEL]).drop_duplicates(PANEL, keep=False).set_index(PANEL)
    b = two.dropna(subset=[PANEL]).drop_duplicates(PANEL, keep=False).set_index(PANEL)
    return a.merge(b, how="inner", left_index=True, right_index=True, suffixes=("_before", "_after"))


def _compare(question: Question, one: pd.DataFrame, two: pd.DataFrame, paired: pd.DataFrame) -> Comparison:
    name = question.name
    if len(paired) and f"{name}_before" in paired:
        both = paired[[f"{name}_before", f"{name}_after"]].dropna()
        if len(both) >= 10:
            if _scale(question):
                return compare_paired_scales([(float(x), float(y)) for x, y in both.itertuples(index=False)])
            yes = _positive(question)
            return compare_paired_shares(
                [
                    (bool(yes & set(_chosen(question, x))), bool(yes & set(_chosen(question, y))))
                    for x, y in both.itertuples(index=False)
                ]
            )
    b, a = one[name].dropna(), two[name].dropna()
    if _scale(question):
        return compare_scales([float(v) for v in b], [float(v) for v in a])
    yes = _positive(question)
    return compare_shares(
        Share(sum(1 for v in b if yes & set(_chosen(question, v))), len(b)),
        Share(sum(1 for v in a if yes & set(_chosen(question, v))), len(a)),
    )


def interview_tags(interviews: pd.DataFrame) -> pd.DataFrame:
    """tag, interviews (how many interviews carry it), units (in how many units) — most frequent first."""
    if interviews.empty or "tag_list" not in interviews:
        return pd.DataFrame(columns=["tag", "interviews", "units"])
    exploded = interviews[["unit", "tag_list"]].explode("tag_list").dropna(subset=["tag_list"])
    counts = exploded.groupby("tag_list").agg(interviews=("unit", "size"), units=("unit", "nunique")).reset_index()
    return (
        counts.rename(columns={"tag_list": "tag"})
        .sort_values(["interviews", "tag"], ascending=[False, True])
        .reset_index(drop=True)
    )
