"""Evaluation dashboard (效果评估): a phone form's answers question by question, by group,
and before against after. Counts of people only: text answers and panel codes are never
shown, and groups under 5 respondents are hidden with what would give them away."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.disclosure import MIN_COUNT
from ..core.fmt import dates_in_words
from ..features import registry
from ..forms import CampaignForms, Form
from ..ui import html
from ..ui.charts import empty_figure
from ..ui.html import frame_table
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded, wide_labels
from .charts import crosstab_chart, likert_chart, shares_chart, tags_chart
from .compute import answers_frame, before_after, crosstab, hidden_question, interview_tags, shown_shares
from .disclosure import ALL as ALL_WAVES
from .disclosure import CHOICE_TYPES, PANEL, evaluation_pattern, groupings

NO_GROUPS = "（不分组）"
TOO_FEW = f"回答的人不足 {MIN_COUNT} 人（或其中一次不足 {MIN_COUNT} 人），不显示，以免认出是谁"


class EvaluationView(View):
    """One form's results. Presets (optional): ``form`` (form_id), ``wave`` (a version),
    ``by`` (a grouping question's name)."""

    def __init__(
        self,
        forms: CampaignForms,
        *,
        illustrative: bool,
        interviews: pd.DataFrame | None = None,
        presenter: bool = False,
        form: str | None = None,
        wave: str | None = None,
        by: str | None = None,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.forms, self.illustrative = forms, illustrative
        # The form with the most answers first: what a meeting wants to see.
        # Door-visit records are a register kept on the forms engine, not an opinion survey.
        surveys = [f for f in forms.all() if f.form_id not in registry().register_forms()]
        available = sorted(surveys, key=lambda f: -forms.store.count(f.form_id))
        self.form_picker = widgets.Dropdown(options=[(f.title, f.form_id) for f in available], description="问卷：")
        self.wave = widgets.Dropdown(description="哪一次：")
        self.by = widgets.Dropdown(description="分组：")
        self.before = widgets.Dropdown(description="前：")
        self.after = widgets.Dropdown(description="后：")
        wide_labels(self.form_picker, self.wave, self.by, self.before, self.after)
        self.summary = widgets.HTML()
        self.charts = widgets.VBox()
        self.comparison = widgets.HTML()
        self.report_button = widgets.Button(
            description="生成评估报告（PDF）", icon="file-pdf-o", layout=widgets.Layout(width="auto")
        )
        self.report_link = widgets.HTML()
        self.report_button.on_click(lambda _: self._on_report())
        self.interviews = FigureArea()
        self.interview_note = widgets.HTML()
        problems = "".join(html.banner(str(e), "warning") for e in forms.errors)
        self.children = [
            widgets.HTML(problems),
            widgets.HBox([self.form_picker, self.wave, self.by]),
            self.status,
            self.summary,
            self.charts,
            widgets.HTML("<h3>前后对比</h3>"),
            widgets.HBox([self.before, self.after]),
            self.comparison,
            widgets.HBox([self.report_button, self.report_link]),
            widgets.HTML("<h3>随机访谈</h3>"),
            self.interview_note,
            self.interviews,
        ]
        self._show_interviews(interviews if interviews is not None else pd.DataFrame())
        if not available:
            self.summary.value = html.banner(
                "活动文件夹的 forms/ 里还没有问卷。问卷的写法见说明（README）“手机问卷”一节。", "info"
            )
            return
        if form is not None:
            self.preset(self.form_picker, form, "问卷")
        self._load_form()
        if wave is not None:
            self.preset(self.wave, wave, "哪一次")
        if by is not None:
            self.preset(self.by, by, "分组")
        for control in (self.wave, self.by):
            control.observe(self._on_change, names="value")
        for control in (self.before, self.after):
            control.observe(self._on_compare, names="value")
        self.form_picker.observe(self._on_form, names="value")
        self.refresh()
        self.show_notes()

    @property
    def form(self) -> Form:
        return self.forms.get(checked(self.form_picker.value, [v for _, v in self.form_picker.options], "问卷"))

    def _load_form(self) -> None:
        form = self.form
        self.answers = answers_frame(form, self.forms.store.responses(form.form_id))
        versions = sorted(self.answers["version"].dropna().unique())
        # A dropdown given new options keeps no value: each is set explicitly.
        self.wave.options = [ALL, *versions]
        self.wave.value = ALL
        self._pattern: dict | None = None  # what the page hides, over every wave and grouping: computed once
        self.by.options = [(NO_GROUPS, NO_GROUPS)] + [(q.label, q.name) for q in groupings(form)]
        self.by.value = NO_GROUPS
        self.before.options = versions
        self.after.options = versions
        if versions:
            self.before.value, self.after.value = versions[0], versions[-1]

    @property
    def pattern(self) -> dict:
        if self._pattern is None:
            self._pattern = evaluation_pattern(self.form, self.answers)
        return self._pattern

    @guarded
    def _on_form(self, change) -> None:
        self._load_form()
        self.refresh()

    @guarded
    def _on_change(self, change) -> None:
        self.refresh()

    @guarded
    def _on_compare(self, change) -> None:
        self._show_comparison()

    @guarded
    def refresh(self) -> None:
        form = self.form
        wave = checked(self.wave.value, list(self.wave.options), "哪一次")
        by_name = checked(self.by.value, [v for _, v in self.by.options], "分组")
        answers = self.answers if wave == ALL else self.answers[self.answers["version"] == wave]
        counts = self.answers["version"].value_counts().sort_index()
        waves = "；".join(f"{dates_in_words(str(v))}：{n} 份" for v, n in counts.items())
        text = (
            f"“{form.title}”共收到 {len(self.answers)} 份回答（{waves}）。" if len(self.answers) else "这份问卷还没有收到回答。"
        )
        self.summary.value = self.sentence_html(text, illustrative=self.illustrative)
        by = None if by_name == NO_GROUPS else form.question(by_name)
        areas = []
        for question in form.answerable:
            if question.type not in CHOICE_TYPES or question.name == PANEL or (by is not None and question is by):
                continue
            area = FigureArea()
            area.show(self._chart(form, question, by, answers, ALL_WAVES if wave == ALL else wave))
            areas.append(area)
        self.charts.children = areas
        self._show_comparison()

    def _chart(self, form: Form, question, by, answers: pd.DataFrame, wave: str):
        options = dict(form_title=form.title, illustrative=self.illustrative, presenter=self.presenter)
        likert = question.appearance == "likert"
        if by is None:
            if hidden_question(self.pattern, wave, question):
                return empty_figure(f"“{question.label}”{TOO_FEW}", self.presenter)
            shares = shown_shares(question, answers, self.pattern, wave)
            answered = shares["n"].dropna()
            skipped = len(answers) - int(answered.max()) if len(answered) else None  # skipped, or not asked
            if likert:
                return likert_chart(
                    question.label, _negative_first(question, shares.assign(group_label="全部")), no_answer=skipped, **options
                )
            return shares_chart(question.label, shares, no_answer=skipped, **options)
        table = crosstab(question, by, answers, self.pattern, wave)
        if likert:
            return likert_chart(f"{question.label}（按{by.label}）", _negative_first(question, table), **options)
        return crosstab_chart(f"{question.label}（按{by.label}）", table, **options)

    def _show_comparison(self) -> None:
        versions = list(self.before.options)
        if len(versions) < 2:
            self.comparison.value = html.banner("只有一次问卷的回答，还不能做前后对比。", "info")
            return
        before = checked(self.before.value, versions, "前")
        after = checked(self.after.value, versions, "后")
        if before == after:
            self.comparison.value = html.banner("请选两次不同的问卷来对比。", "info")
            return
        result = before_after(self.form, self.answers, before, after)
        shown = result.assign(
            method=[f"{t}（{'同一批人前后对比' if p else '两批人对比'}）" for t, p in zip(result["test"], result["paired"])]
        )
        # The hall hears the change in plain words; the tests behind them are one click away for the office.
        plain = {"label": "问题", "plain": f"{before} → {after}", "sizes": "回答人数"}
        stats = {"label": "问题", "words": f"{before} → {after}", "method": "方法"}
        note = (
            "<p>“有统计学意义”指这个变化不大像是偶然的；同时比较了多个问题，p 值已按 Benjamini–Hochberg 方法校正。"
            "同一批人：领了回访卡、两次都填了编号的人；同意程度按 1—5 分比较。</p>"
        )
        self.comparison.value = (
            frame_table(shown, plain, css_class="ck-comparison", illustrative=self.illustrative)
            + "<p>“明显提高”“明显降低”：这个变化不大像是碰巧；“变化不明显”：可能只是碰巧，不能说有变化。</p>"
            + '<details class="ck-stats"><summary>统计细节（供办公室核对）</summary>'
            + frame_table(shown, stats, css_class="ck-comparison-stats", illustrative=self.illustrative)
            + note
            + "</details>"
        )

    def _show_interviews(self, interviews: pd.DataFrame) -> None:
        """Topics counted, never the summaries: a note written in a home may name people."""
        illustrative = self.illustrative or bool(interviews.get("illustrative", pd.Series(dtype=bool)).fillna(False).any())
        self.interviews.show(tags_chart(interview_tags(interviews), illustrative=illustrative, presenter=self.presenter))
        if len(interviews):
            units = interviews["unit"].nunique()
            self.interview_note.value = self.sentence_html(
                f"共 {len(interviews)} 次随机访谈，走到 {units} 个单位；下面只统计谈到的话题，访谈摘要请在访谈记录表里看。",
                illustrative=illustrative,
            )

    @guarded
    def _on_report(self) -> None:
        from ..ui.export import data_link, render_pdf
        from .report import report_html

        form = self.form
        versions = list(self.before.options)
        before = checked(self.before.value, versions, "前") if len(versions) > 1 else None
        after = checked(self.after.value, versions, "后") if len(versions) > 1 else None
        page = report_html(form, self.answers, illustrative=self.illustrative, before=before, after=after)
        pdf = render_pdf(page).write_pdf()
        self.report_link.value = data_link(pdf, "application/pdf", f"{form.form_id}_效果评估.pdf", "下载评估报告（A4 PDF）")


def _negative_first(question, frame: pd.DataFrame) -> pd.DataFrame:
    """Likert rows in the order the diverging chart draws them: choices written from the
    positive end (5 = 非常同意 first) are turned round."""
    names = [c.name for c in question.choices]
    descending = len(names) > 1 and names[0].lstrip("-").isdigit() and int(names[0]) > int(names[-1])
    return frame.iloc[::-1] if descending else frame


def evaluation_view(
    path: str | Path | None = None,
    *,
    presenter: bool = False,
    form: str | None = None,
    wave: str | None = None,
    by: str | None = None,
):
    """The evaluation dashboard for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample),
    e.g. ``evaluation_view(form="survey", by="domain")``."""

    def build(campaign):
        return EvaluationView(
            CampaignForms(campaign.path),
            illustrative=bool(campaign.config.illustrative),
            interviews=campaign.tables["interviews"],
            presenter=presenter,
            form=form,
            wave=wave,
            by=by,
        )

    return dashboard(path, build, tables=["interviews"])
