"""The family-history worksheet (家校合作): then and now of a family's house, income, road,
water and school, and a line for the family's own story. One XLSForm is both the phone form
and the printed A4 worksheet (the same questions and choices); the class page counts, for
each change, the class's families then and now. Stories stay with the teacher: never charted."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..forms.xlsform import Form, Question
from ..ui import theme
from ..ui.charts import empty_figure, figure

CLASS_QUESTION = "class_code"
MIN_FAMILIES = 5
SOURCE = pd.DataFrame({"source": ["本班学生和家长填写的“我家的变化”"], "source_url": [None]})


def changes(form: Form) -> list[tuple[str, Question, Question]]:
    """(what, then question, now question) for every ``<aspect>_then`` / ``<aspect>_now`` pair."""
    names = {q.name: q for q in form.questions}
    out = []
    for q in form.questions:
        if q.name.endswith("_then") and q.type == "select_one":
            now = names.get(q.name.removesuffix("_then") + "_now")
            if now is not None and now.choices == q.choices:
                what = now.label.removeprefix("现在").strip() or now.label
                out.append((what, q, now))
    return out


def is_family_form(form: Form) -> bool:
    return bool(changes(form)) and any(q.name == CLASS_QUESTION for q in form.questions)


def class_answers(responses: list[dict], class_code: str) -> list[dict]:
    code = class_code.strip().upper()
    return [r["answers"] for r in responses if str(r["answers"].get(CLASS_QUESTION, "")).strip().upper() == code]


def change_counts(then: Question, now: Question, answers: list[dict]) -> pd.DataFrame:
    """For each choice: how many families then and now."""
    rows = [
        {
            "label": c.label,
            "then": sum(1 for a in answers if a.get(then.name) == c.name),
            "now": sum(1 for a in answers if a.get(now.name) == c.name),
        }
        for c in then.choices
    ]
    return pd.DataFrame(rows, columns=["label", "then", "now"])


def change_chart(what: str, counts: pd.DataFrame, families: int, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Grouped bars: the class's families in each choice, then and now."""
    if families < MIN_FAMILIES:
        # A chart of one or two families would show those families' own answers.
        return empty_figure(f"这个班交上来的“我家的变化”还不到 {MIN_FAMILIES} 家（现在 {families} 家），先不画图", presenter)
    data = [
        dict(
            type="bar",
            x=[escape(str(v)) for v in counts["label"]],  # plotly renders markup in labels: labels from files are text
            y=counts[when].tolist(),
            name=name,
            marker=dict(color=colour),
            text=[f"{v} 家" for v in counts[when]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"{name} %{{x}}：%{{y}} 家<extra></extra>",
        )
        for when, name, colour in (("then", "那时", theme.PALETTE[5]), ("now", "现在", theme.PALETTE[0]))
    ]
    layout = dict(
        title=dict(text=f"{escape(what)}：那时和现在（{families} 家）"),
        barmode="group",
        yaxis=dict(title=dict(text="家"), rangemode="tozero", dtick=max(1, families // 5)),
        xaxis=dict(type="category"),
    )
    return figure(data, layout, sources=SOURCE, illustrative=illustrative, presenter=presenter)


WORKSHEET_STYLE = """
@page{size:A4;margin:16mm 16mm 14mm 16mm}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:12.5pt;line-height:1.5;color:#111}
h1{font-size:20pt;margin:0 0 4pt 0}
.who{margin:4pt 0 10pt 0;font-size:12pt}
table{border-collapse:collapse;width:100%;margin:0 0 8pt 0;table-layout:fixed}
th,td{border:1px solid #555;padding:5pt 6pt;vertical-align:top}
th{background:#eee;text-align:left}
th.what{width:18%}
.box{display:inline-block;width:10pt;height:10pt;border:1px solid #111;margin:0 3pt 0 0;vertical-align:-1pt}
.opt{display:inline-block;margin:0 10pt 3pt 0;white-space:nowrap}
.story{border-bottom:1px solid #555;height:22pt}
.foot{font-size:10pt;color:#333;margin-top:8pt}
"""


def worksheet_html(form: Form) -> str:
    """The printed worksheet: the same questions and choices as the phone form, to tick by hand."""
    rows = []
    for what, then, now in changes(form):
        cells = [
            "".join(f'<span class="opt"><span class="box"></span>{escape(c.label)}</span>' for c in q.choices)
            for q in (then, now)
        ]
        rows.append(f'<tr><th class="what">{escape(what)}</th><td>{cells[0]}</td><td>{cells[1]}</td></tr>')
    story = next((q for q in form.questions if q.name == "story"), None)
    intro = next((q for q in form.questions if q.type == "note"), None)
    lines = "".join('<div class="story"></div>' for _ in range(4))
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(form.title)}</title>'
        f"<style>{WORKSHEET_STYLE}</style></head><body>"
        f"<h1>{escape(form.title)}</h1>"
        '<p class="who">班级码：__________ 　　和谁一起填：__________（不写名字）</p>'
        + (f"<p>{escape(intro.label)}</p>" if intro else "")
        + '<table><thead><tr><th class="what"></th><th>那时</th><th>现在</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        + (
            f"<h2 style='font-size:14pt;margin:8pt 0 2pt 0'>{escape(story.label)}</h2><p>{escape(story.hint)}</p>{lines}"
            if story
            else ""
        )
        + '<p class="foot">也可以用手机填：扫老师给的二维码，填法和这张纸一样。</p></body></html>'
    )


def worksheet_pdf(form: Form) -> bytes:
    """The worksheet as an A4 PDF (WeasyPrint, the CJK font embedded)."""
    from ..ui.export import pdf_bytes

    return pdf_bytes(worksheet_html(form))
