"""Counting a form's responses: the JSON of ``campaignkit forms results``."""

from __future__ import annotations

from collections import Counter

from .xlsform import Form


def results(form: Form, responses: list[dict]) -> dict:
    """``{"form", "responses", "questions": [{"name", "label", "n", "no_answer", "counts"}]}``:
    ``n`` answered, ``no_answer`` skipped (or not asked); ``counts`` by choice name for choice
    questions (every choice listed, in the form's order), empty for the others."""
    questions = []
    for question in form.answerable:
        given = [r["answers"][question.name] for r in responses if question.name in r["answers"]]
        counts: dict[str, int] = {}
        if question.type in ("select_one", "select_multiple"):
            tally = Counter(v for value in given for v in (value if isinstance(value, list) else [value]))
            counts = {c.name: tally.get(c.name, 0) for c in question.choices}
        questions.append(
            {
                "name": question.name,
                "label": question.label,
                "n": len(given),
                "no_answer": len(responses) - len(given),
                "counts": counts,
            }
        )
    return {"form": form.form_id, "responses": len(responses), "questions": questions}


def results_text(form: Form, summary: dict) -> str:
    """The same, for a person: one block per question, choices with their labels."""
    lines = [f"{form.title}（{form.form_id}）：共 {summary['responses']} 份"]
    for item in summary["questions"]:
        question = form.question(item["name"])
        lines.append(f"\n{item['label']}　回答 {item['n']} 人，未答 {item['no_answer']} 人")
        for name, n in item["counts"].items():
            share = f"{n / item['n'] * 100:.0f}%" if item["n"] else "—"
            lines.append(f"  {question.choice_label(name)}：{n}（{share}）")
    return "\n".join(lines)


def responses_frame(form: Form, responses: list[dict]):
    """One row per response, one column per question (labels as headers, choice labels as
    values; several choices joined with "、"), plus the response id, the day and the form's
    version — readable in Excel, and importable on another laptop (:mod:`.imports`)."""
    import pandas as pd

    rows = []
    for response in responses:
        # _id: the record's id for life: every laptop importing this file keeps it, and adds it once.
        row = {"_id": response["id"], "日期": response["day"], "版本": response["version"]}
        for question in form.answerable:
            value = response["answers"].get(question.name)
            if isinstance(value, list):
                value = "、".join(question.choice_label(v) for v in value)
            elif value is not None and question.choices:
                value = question.choice_label(str(value))
            row[f"{question.label}（{question.name}）"] = value
        rows.append(row)
    columns = ["_id", "日期", "版本", *(f"{q.label}（{q.name}）" for q in form.answerable)]
    return pd.DataFrame(rows, columns=columns)


def export_responses(form: Form, responses: list[dict], out) -> int:
    """Write :func:`responses_frame` to ``out`` (.csv in UTF-8 with its mark, or .xlsx), every
    answer guarded against running as a spreadsheet formula; how many rows were written.
    ``ValueError`` for another suffix."""
    from pathlib import Path

    from ..core.fmt import defuse

    out = Path(out)
    frame = responses_frame(form, responses).map(defuse)  # answers are typed by anyone: never a formula in Excel
    if out.suffix.lower() == ".xlsx":
        frame.to_excel(out, index=False)
    elif out.suffix.lower() == ".csv":
        frame.to_csv(out, index=False, encoding="utf-8-sig")
    else:
        raise ValueError("--out 应以 .csv 或 .xlsx 结尾")
    return len(frame)
