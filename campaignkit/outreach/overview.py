"""Each unit's overview for the leaders' review (述职评议): activities by method and carrier,
coverage by grid, 诉求, screenings and the evaluation's results — one page per unit and one for
the town, the same as an A4 PDF. Aggregates under the suppression rule; no household, no name."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.disclosure import MIN_COUNT
from ..features import registry
from ..forms.service import CampaignForms
from ..ui import html, theme
from ..ui.export import data_link, pdf_bytes
from ..ui.view import FigureArea, InputError, View, dashboard, guarded, wide_labels
from . import frames
from .charts import GUARD_TEXT, HIDDEN_TEXT, NO_TARGET, coverage_chart
from .coverage import Period
from .data import OutreachData, outreach_tables, periods
from .tables import METHODS

PDF_CSS = """
@page { size: A4; margin: 16mm 15mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 10pt; }
th, td { border: 1px solid #888; padding: 1.2mm 2mm; text-align: left; } th { background: #eef2f7; }
td.n { text-align: right; } .note { color: #444; font-size: 9.5pt; }
.badge { color: #7a4f00; background: #fff3cd; border: 1px solid #e0b100; padding: 0 2mm; font-weight: bold; }
"""


def _rate(row) -> str:
    if row["registered"] == 0:
        return NO_TARGET
    if row.get("hidden"):
        return HIDDEN_TEXT if row["hidden"] == "primary" else GUARD_TEXT
    return f"{row['rate'] * 100:.1f}%"


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="{"n" if i in numeric else ""}">{escape(str(v))}</td>' for i, v in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def evaluation_rows(forms: CampaignForms) -> list[list]:
    """For each survey with answers: its title, responses and, per question tagged with one of
    the plan's criteria, the share answering positively (hidden under 5 answers). The forms do
    not ask for a unit, so these are the town's figures."""
    from ..evaluation import ALL, answers_frame, evaluation_pattern, question_shares

    rows = []
    for form in forms.all():
        if form.quiz or form.form_id in registry().register_forms():
            continue
        responses = forms.store.responses(form.form_id)
        if not responses:
            continue
        answers = answers_frame(form, responses)
        pattern = evaluation_pattern(form, answers)  # the evaluation page's: a figure it hides stays hidden here
        for q in form.answerable:
            if not q.criterion or q.type != "select_one":
                continue
            shares = question_shares(q, answers)
            n = int(shares["n"].iloc[0]) if len(shares) else 0
            top = shares.head(2 if q.appearance == "likert" else 1)
            # Published only where the page publishes every figure it is made of (each wave's too).
            needed = [("answered", ALL, q.name), *(("shares", ALL, q.name, c) for c in top["choice"])]
            share = "回答不足5人，不公布" if any(k in pattern for k in needed) else f"{top['count'].sum() / n * 100:.0f}%"
            words = "、".join(top["label"])
            answered = "—" if ("answered", ALL, q.name) in pattern else f"{n}"
            rows.append([form.title, q.criterion, q.label, answered, f"{share}（{words}）"])
    return rows


def groups_table(outreach: OutreachData, unit: str, period: Period) -> str:
    """Coverage of the plan's named groups, hidden like every other figure of the period
    (户表里没有这一项 where no table carries the group)."""
    groups = outreach.store.groups(unit=None if unit == frames.TOWN else unit, period=period)
    pattern = outreach.hidden(period)
    rows = []
    for g in groups.itertuples(index=False):
        if not g.carried:
            rows.append([g.group, "—", "—", "户表里没有这一项"])
        elif g.registered == 0:
            rows.append([g.group, 0, 0, NO_TARGET])
        elif ("group", unit, g.group) in pattern:
            rows.append([g.group, int(g.registered), "—", "不公布"])
        else:
            rows.append([g.group, int(g.registered), int(g.visited), f"{g.rate * 100:.1f}%"])
    return _table(["群体", "登记户数", "走访户数", "覆盖率"], rows, {1, 2})


def methods_table(outreach: OutreachData, unit: str, period: Period) -> str:
    """Activities (each counted once, whatever audiences it had) and attendance by the four
    methods, with the audiences each reached."""
    where = None if unit == frames.TOWN else unit
    counted = outreach.store.activity_summary(["method"], unit=where, period=period).set_index("method")
    audiences = frames.methods(outreach, unit, period)
    return _table(
        ["方式", "活动场次", "参加人次", "对象"],
        [
            [
                m,
                int(counted["activities"].get(m, 0)),
                f"{int(counted['attendance'].get(m, 0)):,}",
                "、".join(audiences.loc[audiences["method"] == m, "audience"]) or "—",
            ]
            for m in METHODS
        ],
        {1, 2},
    )


def overview_parts(outreach: OutreachData, unit: str, period: Period, forms: CampaignForms | None) -> dict[str, str]:
    """The overview's sections as HTML tables (the page and the PDF share them)."""
    parts: dict[str, str] = {}
    rows, total, total_hidden = frames.coverage_rows(outreach, unit, period)
    label = "单位" if unit == frames.TOWN else "网格"
    cov = [
        [r["name"], int(r["registered"]), "—" if pd.isna(r["visited"]) else int(r["visited"]), _rate(r)]
        for _, r in rows.iterrows()
    ]
    whole = (
        "不公布"
        if total_hidden
        else (NO_TARGET if total["registered"] == 0 else f"{total['visited'] / total['registered'] * 100:.1f}%")
    )
    cov.append(["合计", int(total["registered"]), "—" if total_hidden else int(total["visited"]), whole])
    parts["coverage"] = _table([label, "登记户数", "走访户数", "覆盖率"], cov, {1, 2})
    parts["groups"] = groups_table(outreach, unit, period)
    parts["methods"] = methods_table(outreach, unit, period)
    carriers = frames.carriers(outreach, unit, period)
    parts["carriers"] = _table(
        ["载体", "活动场次", "参加人次"],
        [[c.carrier, int(c.activities), f"{int(c.attendance):,}"] for c in carriers.itertuples(index=False)],
        {1, 2},
    )
    parts["demands"] = demands_table(outreach, unit, period)
    table = frames.screening_table(outreach, unit)
    parts["screenings"] = _table(
        ["单位", *(f"{m.year}年{m.month}月" for m in table.columns)],
        [[u, *(str(int(v)) if v else "无" for v in table.loc[u])] for u in table.index],
    )
    notes = frames.screening_notes(outreach, unit)
    parts["screening_notes"] = "".join(f'<p class="note">{escape(n)}</p>' for n in notes)
    evaluation = evaluation_rows(forms) if forms is not None else []
    parts["evaluation"] = (
        _table(["问卷", "方案的标准", "题目", "回答人数", "肯定的比例"], evaluation)
        if evaluation
        else '<p class="note">还没有收回的问卷（手机问卷收回后，这里显示全镇的结果）。</p>'
    )
    return parts


def demands_table(outreach: OutreachData, unit: str, period: Period) -> str:
    """诉求 raised in the period by unit: counts under the suppression rule (a count of fewer
    than 5 is not published, nor what would give it back), days only over 5 or more."""
    rows = []
    for d in frames.demands(outreach, unit, period).itertuples(index=False):
        rows.append(
            [
                d.unit,
                *(HIDDEN_WORD if pd.isna(v) else int(v) for v in (d.raised, d.closed, d.in_progress, d.not_started)),
                "—" if pd.isna(d.median_days) else f"{d.median_days:.0f} 天",
                "—" if pd.isna(d.oldest_open_days) else f"{d.oldest_open_days:.0f} 天",
            ]
        )
    if not rows:
        return '<p class="note">这段时间的走访记录里没有群众诉求。</p>'
    return _table(["单位", "诉求", "已办结", "办理中", "未办", "办结用时（中位数）", "未办结的最久已等"], rows, {1, 2, 3, 4})


# The page's tables drawn like every dashboard's (the PDF has its own sheet).
TABLE_STYLE = (
    "<style>.ck-overview table,.ck-outreach-table table{border-collapse:collapse;margin:4px 0 10px;}"
    ".ck-overview th,.ck-overview td,.ck-outreach-table th,.ck-outreach-table td{border:1px solid #bbb;"
    "padding:4px 10px;text-align:left;}.ck-overview th,.ck-outreach-table th{background:#eef2f7;}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;}.ck-overview .note{color:#9b1c1c;}</style>"
)

HIDDEN_WORD = "不公布"

SECTIONS = (
    ("coverage", "一、走访覆盖"),
    ("groups", "方案点名的群体"),
    ("methods", "二、四种方式"),
    ("carriers", "七种载体"),
    ("demands", "三、群众诉求"),
    ("screenings", "四、红色文艺放映演出"),
    ("screening_notes", ""),
    ("evaluation", "五、效果评估（全镇）"),
)


def overview_html(outreach: OutreachData, unit: str, period: Period, parts: dict[str, str], *, illustrative: bool) -> str:
    whole = outreach.config.town or "全镇" if unit == frames.TOWN else unit
    badge = '<p><span class="badge">示例</span> 本页的记录是虚构的示例，不是真实工作情况。</p>' if illustrative else ""
    body = "".join((f"<h2>{escape(title)}</h2>" if title else "") + parts[key] for key, title in SECTIONS)
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(whole)}宣讲工作概况</title>'
        f"<style>{PDF_CSS}</style></head><body>{badge}<h1>{escape(whole)}群众教育实践活动工作概况</h1>"
        f'<p class="note">{escape(outreach.config.name)}；时段：{escape(period.label())}。一户走访多次只算一次；'
        f"按户表中现在的单位和网格计；少于 {MIN_COUNT} 户的覆盖率不公布。来源：本活动的走访、宣讲活动和放映演出记录。</p>"
        f"{body}</body></html>"
    )


class OverviewView(View):
    """Presets: ``unit`` (全镇 or a unit), ``period`` (an option's label)."""

    def __init__(self, outreach: OutreachData, *, unit: str | None = None, period: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.outreach = outreach
        self.forms = CampaignForms(outreach.folder)
        self.periods = dict(periods(outreach))
        self.unit = widgets.Dropdown(options=[frames.TOWN, *outreach.units], description="单位：")
        self.period = widgets.Dropdown(options=list(self.periods), description="时段：")
        wide_labels(self.unit, self.period)
        if unit is not None:
            self.preset(self.unit, unit, "单位")
        if period is not None:
            self.preset(self.period, period, "时段")
        self.title = widgets.HTML()
        self.chart = FigureArea()
        self.body = widgets.HTML()
        self.export = widgets.Button(
            description="导出 A4 PDF", icon="file-pdf-o", layout=widgets.Layout(width="200px", height="44px")
        )
        self.link = widgets.HTML()
        self.unit.observe(self._on_change, names="value")
        self.period.observe(self._on_change, names="value")
        self.export.on_click(self._on_export)
        self.children = [
            widgets.HBox([self.unit, self.period]),
            self.status,
            self.title,
            self.chart,
            self.body,
            self.export,
            self.link,
        ]
        self.draw()
        self.show_notes()

    def chosen(self) -> tuple[str, Period]:
        unit, label = self.unit.value, self.period.value
        if unit not in (frames.TOWN, *self.outreach.units) or label not in self.periods:
            raise InputError("单位或时段无法识别，已恢复原来的选择。")
        return unit, self.periods[label]

    @guarded
    def _on_change(self, change) -> None:
        self.draw()

    def illustrative(self) -> bool:
        return self.outreach.illustrative("visits", "activities", "screenings")

    def draw(self) -> None:
        unit, period = self.chosen()
        invented = self.illustrative()
        whole = "全镇" if unit == frames.TOWN else unit
        self.title.value = self.sentence_html(f"{whole}群众教育实践活动工作概况（{period.label()}）", illustrative=invented)
        rows, _, _ = frames.coverage_rows(self.outreach, unit, period)
        label = "单位" if unit == frames.TOWN else "网格"
        self.chart.show(
            coverage_chart(
                rows, label="name", title=f"{whole}各{label}走访覆盖率", illustrative=invented, presenter=self.presenter
            )
        )
        parts = overview_parts(self.outreach, unit, period, self.forms)
        size = theme.note_size("card", self.presenter) + 2
        sections = "".join(
            (f'<h3 style="font-size:{size + 4}px;margin:14px 0 4px;">{escape(title)}</h3>' if title else "") + parts[key]
            for key, title in SECTIONS
        )
        note = html.illustrative_note(invented)
        self.body.value = f'{TABLE_STYLE}<div class="ck-overview" style="font-size:{size}px;">{note}{sections}</div>'
        self.link.value = ""

    @guarded
    def _on_export(self, _button) -> None:
        unit, period = self.chosen()
        parts = overview_parts(self.outreach, unit, period, self.forms)
        data = pdf_bytes(overview_html(self.outreach, unit, period, parts, illustrative=self.illustrative()))
        whole = "全镇" if unit == frames.TOWN else unit
        self.link.value = data_link(data, "application/pdf", f"工作概况-{whole}.pdf", f"下载{whole}工作概况（A4 PDF）")


def overview_view(path: str | Path | None = None, *, unit: str | None = None, period: str | None = None) -> widgets.Widget:
    """One unit's (or the town's) overview for the leaders' review, e.g. ``overview_view(unit="红柳嘎查")``."""
    return dashboard(path, lambda c: OverviewView(OutreachData(c.path), unit=unit, period=period), tables=outreach_tables())


__all__ = ["OverviewView", "overview_view", "overview_html", "overview_parts"]
