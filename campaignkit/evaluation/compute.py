"""The evaluation's tables, as pure functions of a form and its responses.

- :func:`question_shares`: each choice's count and share with its Wilson 95 % interval;
- :func:`crosstab`: shares by a grouping question (domain, audience), with groups under 5
  respondents hidden and, by the same complementary suppression as the meeting page
  (:mod:`campaignkit.core.disclosure`), whatever would let them be subtracted back;
- :func:`before_after`: every choice question compared between two waves (versions), paired
  by the panel code where respondents carry one, corrected for many comparisons.
"""

from __future__ import annotations

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress
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

PANEL = "respondent"  # the question holding a respondent's panel card code (never a name)
CHOICE_TYPES = ("select_one", "select_multiple")


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


def too_few(question: Question, answers: pd.DataFrame) -> bool:
    """Whether ``question``'s counts over these answers would show fewer than 5 people: fewer
    than 5 answered, or fewer than 5 in one of the waves in ``answers`` (the total less the
    other waves, each shown on its own, would show that wave)."""
    answered = indicators(question, answers[question.name]).any(axis=1)
    per_wave = answers.loc[answered, "version"].value_counts()
    return bool(answered.sum() < MIN_COUNT or (per_wave < MIN_COUNT).any())


def groupings(form: Form) -> list[Question]:
    """The questions answers can be grouped by: single choices that describe the respondent
    (no criterion, not a scale)."""
    return [q for q in form.answerable if q.type == "select_one" and not q.criterion and q.appearance != "likert"]


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


def suppression_pattern(form: Form, question: Question, answers: pd.DataFrame) -> dict[tuple, str]:
    """(version, grouping name, group, choice) → "primary" / "secondary" for every hidden cell of
    ``question``'s cross-tabs. Each wave is one table over every grouping at once (the same
    respondents counted by domain and by audience could otherwise be subtracted across the two),
    with the overall counts published beside them; a hidden count stays uncertain by at least
    one person (:func:`campaignkit.core.disclosure.suppress`)."""
    by = groupings(form)
    names = [g.name for g in by]
    chosen = indicators(question, answers[question.name])
    answered = chosen.any(axis=1)
    pattern: dict[tuple, str] = {}
    for version, part in answers[answered].groupby("version", sort=True):
        combos = part[names].astype(object).where(part[names].notna(), "__none__")
        ind = chosen.loc[part.index]
        counts = ind.groupby([combos[n] for n in names], sort=True).sum() if names else ind.sum().to_frame().T
        sizes = combos.groupby(names, sort=True).size() if names else pd.Series([len(part)])
        keys = [k if isinstance(k, tuple) else (k,) for k in counts.index]
        width = len(question.choices)
        values = counts.to_numpy().ravel().tolist()  # row-major: combo by combo, choice by choice
        candidates = {}
        for ci, choice in enumerate(question.choices):
            candidates[("all", choice.name)] = Candidate(frozenset(ki * width + ci for ki in range(len(keys))), len(part))
            for gi, g in enumerate(by):
                for group in {k[gi] for k in keys if k[gi] != "__none__"}:
                    members = [ki for ki, k in enumerate(keys) if k[gi] == group]
                    candidates[(g.name, group, choice.name)] = Candidate(
                        frozenset(ki * width + ci for ki in members), int(sum(sizes.iloc[ki] for ki in members))
                    )
        # Counts of people: a hidden cell must stay uncertain by at least one person either way.
        hidden = suppress(values, candidates, minimum=MIN_COUNT, absolute=1.0)
        for key, status in hidden.items():
            if key[0] != "all":
                pattern[(version, *key)] = status
    return pattern


def crosstab(question: Question, by: Question, answers: pd.DataFrame, pattern: dict[tuple, str] | None = None) -> pd.DataFrame:
    """Shares of ``question`` within each group of ``by`` over the waves in ``answers``: group,
    group_label, choice, label, count, n, share, hidden ("" / "不足 5 人" / "隐去（防推算）").
    A cell over several waves is shown only when it is shown in each of them (``pattern`` from
    :func:`suppression_pattern` over all the answers), so that waves cannot be subtracted."""
    chosen = indicators(question, answers[question.name])
    keep = chosen.any(axis=1) & answers[by.name].notna()
    frame, chosen = answers[keep], chosen[keep]
    versions = sorted(frame["version"].dropna().unique())
    counts = chosen.groupby(frame[by.name].astype(object)).sum()
    sizes = frame.groupby(frame[by.name].astype(object)).size()
    rows = []
    for g in by.choices:
        if g.name not in sizes.index:
            continue
        n = int(sizes[g.name])
        for choice in question.choices:
            found = [pattern.get((v, by.name, g.name, choice.name)) for v in versions] if pattern is not None else []
            status = "primary" if n < MIN_COUNT or "primary" in found else "secondary" if "secondary" in found else None
            rows.append(
                {
                    "group": g.name,
                    "group_label": g.label,
                    "choice": choice.name,
                    "label": choice.label,
                    "count": int(counts.at[g.name, choice.name]),
                    "n": n,
                    "hidden": "不足 5 人" if status == "primary" else "隐去（防推算）" if status else "",
                }
            )
    out = pd.DataFrame(rows, columns=["group", "group_label", "choice", "label", "count", "n", "hidden"])
    out["share"] = [None if h else c / n if n else None for h, c, n in zip(out["hidden"], out["count"], out["n"])]
    out.loc[out["hidden"] != "", ["count", "n"]] = None
    return out


def _scale(question: Question) -> bool:
    """A likert question whose choice names are numbers (5 = 非常同意 …): compared as a scale."""
    return question.appearance == "likert" and all(c.name.lstrip("-").isdigit() for c in question.choices)


def _positive(question: Question) -> set[str]:
    """What counts as "yes" for a share comparison: the first choice (yes / 收到了 …)."""
    return {question.choices[0].name} if question.choices else set()


def before_after(form: Form, answers: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """question, label, test, words, p, n_before, n_after, paired — one row per choice question
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
            "p": c.p,
            "n_before": c.n_before,
            "n_after": c.n_after,
            "paired": c.test in ("McNemar 精确检验", "Wilcoxon 符号秩检验"),
        }
        for (q, _), c in zip(made, adjusted)
    ]
    return pd.DataFrame(rows, columns=["question", "label", "test", "words", "p", "n_before", "n_after", "paired"])


def _pairs(one: pd.DataFrame, two: pd.DataFrame) -> pd.DataFrame:
    if PANEL not in one or PANEL not in two:
        return pd.DataFrame()
    a = one.dropna(subset=[PANEL]).drop_duplicates(PANEL, keep=False).set_index(PANEL)
    b = two.dropna(subset=[PANEL]).drop_duplicates(PANEL, keep=False).set_index(PANEL)
    return a.join(b, how="inner", lsuffix="_before", rsuffix="_after")


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
