"""The outreach dashboard for a meeting: who has been reached (town → unit → grid), the campaign
calendar by method, the seven carriers, 诉求, screenings per village and month with the crews
double-booked, and the stories told with consent. Aggregates only: no household, no name."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.disclosure import MIN_COUNT
from ..core.fmt import cn_date
from ..ui import html, theme
from ..ui.export import data_link, pdf_bytes
from ..ui.view import FigureArea, InputError, View, dashboard, guarded, wide_labels
from . import frames
from .charts import calendar_chart, carriers_chart, coverage_chart, demands_chart, screenings_chart
from .data import OutreachData, outreach_tables, periods
from .frames import TOWN
from .overview import TABLE_STYLE, demands_table, groups_table, methods_table
from .schedule import calendar_ics, notice_html, schedule


def heading(text: str, presenter: bool) -> str:
    return f'<h3 style="font-size:{theme.text_size("card", presenter)}px;margin:18px 0 4px;">{escape(text)}</h3>'


class OutreachView(View):
    """Presets: ``unit`` (全镇 or a unit of campaign.toml), ``period`` (an option's label, e.g. "2024年1月")."""

    def __init__(self, outreach: OutreachData, *, unit: str | None = None, period: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.outreach = outreach
        self.periods = dict(periods(outreach))
        self.unit = widgets.Dropdown(options=[TOWN, *outreach.units], description="单位：")
        self.period = widgets.Dropdown(options=list(self.periods), description="时段：")
        wide_labels(self.unit, self.period)
        if unit is not None:
            self.preset(self.unit, unit, "单位")
        if period is not None:
            self.preset(self.period, period, "时段")
        self.summary = widgets.HTML()
        self.coverage = FigureArea()
        self.drill = widgets.HTML()
        self.groups = widgets.HTML()
        self.methods = widgets.HTML()
        self.calendar = FigureArea()
        self.carriers = FigureArea()
        self.demands = FigureArea()
        self.demand_table = widgets.HTML()
        self.screenings = FigureArea()
        self.screening_notes = widgets.HTML()
        self.calendar_file = widgets.Button(
            description="下载放映演出日历（.ics）", layout=widgets.Layout(width="auto", height="44px")
        )
        self.notice = widgets.Button(
            description="打印本单位放映演出通知（A4 PDF）", layout=widgets.Layout(width="auto", height="44px")
        )
        self.download = widgets.HTML()
        self.calendar_file.on_click(self._on_calendar)
        self.notice.on_click(self._on_notice)
        self.stories = widgets.HTML()
        self.unit.observe(self._on_change, names="value")
        self.period.observe(self._on_change, names="value")
        p = self.presenter
        problems = (
            [widgets.HTML(html.banner(f"有 {len(outreach.problems)} 条记录有问题，没有计入（请看“数据体检”）。", "warning"))]
            if outreach.problems
            else []
        )
        self.children = [
            *problems,
            widgets.HBox([self.unit, self.period]),
            self.status,
            self.summary,
            widgets.HTML(heading("走访覆盖", p)),
            self.coverage,
            self.drill,
            self.groups,
            widgets.HTML(heading("四种方式、七种载体", p)),
            self.calendar,
            self.methods,
            self.carriers,
            widgets.HTML(heading("群众诉求", p)),
            self.demands,
            self.demand_table,
            widgets.HTML(heading("红色文艺放映演出", p)),
            self.screenings,
            self.screening_notes,
            widgets.HBox([self.calendar_file, self.notice]),
            self.download,
            widgets.HTML(heading("群众讲述的故事", p)),
            self.stories,
        ]
        self.draw()
        self.show_notes()

    @guarded
    def _on_change(self, change) -> None:
        self.draw()

    def chosen(self) -> tuple[str, frames.Period]:
        unit, label = self.unit.value, self.period.value
        if unit not in (TOWN, *self.outreach.units) or label not in self.periods:
            raise InputError("单位或时段无法识别，已恢复原来的选择。")
        return unit, self.periods[label]

    def draw(self) -> None:
        unit, period = self.chosen()
        o, p = self.outreach, self.presenter
        visits_invented = o.illustrative("visits", "households")
        rows, total, total_hidden = frames.coverage_rows(o, unit, period)
        whole = "本镇" if unit == TOWN else unit
        if total["registered"] == 0:
            sentence = f"{whole}没有登记的户（无对象）。"
        elif total_hidden:
            sentence = f"{whole}登记 {int(total['registered'])} 户，走访户数不足以公布（少于 {MIN_COUNT} 户的数字不公布）。"
        else:
            sentence = (
                f"{period.label()}，{whole}登记的 {int(total['registered'])} 户中走访到 {int(total['visited'])} 户，"
                f"覆盖率 {total['visited'] / total['registered'] * 100:.0f}%。"
            )
        repeated = len(o.store.repeats(unit=None if unit == TOWN else unit, period=period))
        if repeated >= MIN_COUNT:
            sentence += f"其中 {repeated} 户走访了不止一次，只算一次。"
        elif repeated:
            sentence += "有几户走访了不止一次，只算一次。"
        self.summary.value = self.sentence_html(sentence, illustrative=visits_invented)
        label = "单位" if unit == TOWN else "网格"
        self.coverage.show(
            coverage_chart(
                rows,
                label="name",
                title=f"{whole}各{label}走访覆盖率（{period.label()}）",
                illustrative=visits_invented,
                presenter=p,
            )
        )
        hint = "在上面“单位”里选一个单位，看它各网格的覆盖率。" if unit == TOWN else "选“全镇”回到各单位。"
        self.drill.value = f'<p style="font-size:{theme.note_size("card", p)}px;">{hint}“无对象”：这个网格没有登记的户。</p>'
        wrap = '<div class="ck-outreach-table" style="font-size:{}px;">{}{}</div>'
        size = theme.note_size("card", p) + 2
        badge = html.illustrative_note(visits_invented)
        self.groups.value = TABLE_STYLE + wrap.format(size, badge, "方案点名的群体：" + groups_table(o, unit, period))
        acts_invented = o.illustrative("activities")
        self.methods.value = wrap.format(size, html.illustrative_note(acts_invented), methods_table(o, unit, period))
        self.calendar.show(
            calendar_chart(
                frames.weekly(o, unit, period), phase=(o.period.start, o.period.end), illustrative=acts_invented, presenter=p
            )
        )
        self.carriers.show(carriers_chart(frames.carriers(o, unit, period), illustrative=acts_invented, presenter=p))
        demands = frames.demands(o, unit, period)
        self.demands.show(demands_chart(demands, illustrative=visits_invented, presenter=p))
        size = theme.note_size("card", p) + 2
        self.demand_table.value = TABLE_STYLE + (
            f'<div class="ck-outreach-table" style="font-size:{size}px;">'
            f"{html.illustrative_note(visits_invented)}{demands_table(o, unit, period)}</div>"
        )
        self.notice.layout.display = None if unit != TOWN else "none"
        self.download.value = ""
        self.draw_screenings(unit)
        self.draw_stories(unit)

    def draw_screenings(self, unit: str) -> None:
        o, p = self.outreach, self.presenter
        invented = o.illustrative("screenings")
        self.screenings.show(screenings_chart(frames.screening_table(o, unit), illustrative=invented, presenter=p))
        lines = [escape(n) for n in frames.screening_notes(o, unit)]
        size = theme.note_size("card", p) + 2
        self.screening_notes.value = (
            f'<ul style="font-size:{size}px;color:#9b1c1c;">' + "".join(f"<li>{t}</li>" for t in lines) + "</ul>"
            if lines
            else f'<p style="font-size:{size}px;">没有撞车；活动期间每个村每月都有放映演出。</p>'
        )

    def _schedule(self, unit: str | None) -> pd.DataFrame:
        rows = (
            schedule(self.outreach.screenings(), self.outreach.table("works"))
            if len(self.outreach.screenings())
            else pd.DataFrame()
        )
        return rows[rows["unit"] == unit] if unit and len(rows) else rows

    @guarded
    def _on_calendar(self, _button) -> None:
        unit, _ = self.chosen()
        rows = self._schedule(None if unit == TOWN else unit)
        if rows.empty:
            raise InputError("还没有放映演出安排。")
        name = f"{self.outreach.config.town or ''}{'' if unit == TOWN else unit}放映演出"
        self.download.value = data_link(
            calendar_ics(rows, name=name), "text/calendar", f"{name}.ics", f"下载{name}日历（.ics，手机日历可导入）"
        )

    @guarded
    def _on_notice(self, _button) -> None:
        unit, _ = self.chosen()
        if unit == TOWN:
            raise InputError("先在“单位”里选一个村或社区。")
        page = notice_html(
            self._schedule(unit),
            unit=unit,
            organisation=self.outreach.config.organisation,
            phone=self.outreach.config.complaint_phone,
            illustrative=self.outreach.illustrative("screenings"),
        )
        self.download.value = data_link(
            pdf_bytes(page), "application/pdf", f"放映演出通知-{unit}.pdf", f"下载{unit}放映演出通知（A4 PDF）"
        )

    def draw_stories(self, unit: str) -> None:
        told = frames.stories(self.outreach, unit)
        size = theme.text_size("card", self.presenter) - 2
        if told.empty:
            self.stories.value = f'<p style="font-size:{size}px;">还没有讲述人同意展示的故事。</p>'
            return
        badge = html.ILLUSTRATIVE_BADGE if self.outreach.illustrative("activities") else ""
        self.stories.value = "".join(
            f'<div class="ck-card" style="font-size:{size}px;line-height:1.6;margin:8px 0;">'
            f"<b>{escape(str(r.story_kind))}</b>　{escape(str(r.teller))}（{escape(str(r.unit))}，{cn_date(pd.Timestamp(r.date).date())}）{badge}"
            f"<br>{escape(str(r.story)) if isinstance(r.story, str) else ''}</div>"
            for r in told.itertuples(index=False)
        )


def outreach_view(path: str | Path | None = None, *, unit: str | None = None, period: str | None = None) -> widgets.Widget:
    """The outreach picture of a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the
    sample), e.g. ``outreach_view(unit="红柳嘎查", period="2024年1月")``."""
    return dashboard(path, lambda c: OutreachView(OutreachData(c.path), unit=unit, period=period), tables=outreach_tables())


__all__ = ["OutreachView", "outreach_view"]
