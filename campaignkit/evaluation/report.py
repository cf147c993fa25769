"""The evaluation report (效果评估报告): A4 pages organised by the plan's five criteria — for each,
the questions that serve it, their shares and the before/after result in words."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd

from ..core.disclosure import MIN_COUNT
from ..core.fmt import cn_date, dates_in_words
from ..forms import CRITERIA, Form
from .compute import before_after, hidden_question, shown_shares
from .disclosure import ALL, evaluation_pattern

REPORT_CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 11pt; line-height: 1.6; }
h1 { font-size: 19pt; margin: 0 0 4mm; } h2 { font-size: 14pt; margin: 8mm 0 2mm; border-bottom: 1px solid #999; }
h3 { font-size: 11.5pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; } td, th { border: 1px solid #bbb; padding: 1mm 2mm; }
th { background: #f2f2f2; text-align: left; } td.n { text-align: right; }
.badge { background: #fff3cd; color: #7a4f00; border: 1px solid #e0b100; padding: 0 2mm; font-weight: bold; }
.words { margin: 1mm 0 3mm; } .source { color: #555; font-size: 9pt; }
"""


def report_html(
    form: Form, answers: pd.DataFrame, *, illustrative: bool, before: str | None = None, after: str | None = None
) -> str:
    """The report as HTML (WeasyPrint makes the PDF). Questions without a criterion are listed last."""
    versions = sorted(answers["version"].dropna().unique())
    before = before or (versions[0] if len(versions) > 1 else None)
    after = after or (versions[-1] if len(versions) > 1 else None)
    compared = before_after(form, answers, before, after).set_index("question") if before and after and before != after else None
    badge = ' <span class="badge">示例</span>' if illustrative else ""
    counts = "；".join(f"{dates_in_words(str(v))}：{n} 份" for v, n in answers["version"].value_counts().sort_index().items())
    parts = [
        f"<h1>{escape(form.title)}　效果评估{badge}</h1>",
        f"<p>共 {len(answers)} 份回答（{escape(counts) or '还没有回答'}）。制表日期：{cn_date(dt.date.today())}。"
        "百分比后的括号是 95% 置信区间；只列人数和百分比，不含文字回答和回访卡编号。</p>",
    ]
    choice_questions = [q for q in form.answerable if q.type in ("select_one", "select_multiple") and q.name != "respondent"]
    sections = [(c, [q for q in choice_questions if q.criterion == c]) for c in CRITERIA]
    pattern = evaluation_pattern(form, answers)  # the evaluation page's own: nothing here that it hides
    sections.append(("其他问题", [q for q in choice_questions if not q.criterion]))
    for criterion, questions in sections:
        if not questions:
            continue
        parts.append(f"<h2>{escape(criterion)}</h2>")
        for question in questions:
            if hidden_question(pattern, ALL, question):
                parts.append(
                    f"<h3>{escape(question.label)}</h3><p>回答的人不足 {MIN_COUNT} 人（或其中一次不足 {MIN_COUNT} 人），不列出。</p>"
                )
                continue
            shares = shown_shares(question, answers, pattern, ALL)
            rows = "".join(
                f"<tr><td>{escape(r.label)}</td><td class='n'>{r.hidden or r.count}</td>"
                f"<td class='n'>{'' if r.share is None else f'{r.share * 100:.0f}%（{r.low * 100:.0f}%—{r.high * 100:.0f}%）'}</td></tr>"
                for r in shares.itertuples()
            )
            n = int(shares["n"].max()) if len(shares) else 0
            parts.append(
                f"<h3>{escape(question.label)}</h3><table><tr><th>选项</th><th>人数</th><th>占回答人数（共 {n} 人）</th></tr>{rows}</table>"
            )
            if compared is not None and question.name in compared.index:
                parts.append(
                    f'<p class="words">{escape(before)} → {escape(after)}：{escape(compared.at[question.name, "words"])}</p>'
                )
    if compared is not None:
        parts.append(
            '<p class="source">前后对比：两次都填了回访卡编号的人按同一批人比较（是/否题 McNemar 精确检验，同意程度 Wilcoxon 符号秩检验），'
            "否则按两批人比较（卡方或 Fisher 精确检验、Mann–Whitney 检验）；多个问题一起比较时 p 值已按 Benjamini–Hochberg 方法校正。</p>"
        )
    parts.append(f'<p class="source">来源：本活动手机问卷“{escape(form.title)}”回答汇总。</p>')
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{REPORT_CSS}</style></head><body>{"".join(parts)}</body></html>'
