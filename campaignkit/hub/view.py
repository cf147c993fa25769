"""The hub's dashboard (Voilà, the banner office's laptop): coverage banner → town → village →
grid for each period the towns' pages offer, hidden as the hub's pages hide it, and who has
reported. On a hub folder it reads the hub's PostgreSQL (``hub serve`` running); on a campaign
folder it is the town's own roll-up of its report and its villages' bundles (DuckDB, no
server)."""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets

from ..ui import html, theme
from ..ui.view import FigureArea, InputError, View, dashboard, guarded, wide_labels
from . import page_data, pages, rollups
from .charts import coverage_chart
from .disclosure import evaluation_hidden
from .errors import HubError

HUB_ENV = "CAMPAIGNKIT_HUB"  # a hub folder: the dashboard reads that hub instead of a campaign
WHOLE = "全旗各镇"


class HubView(View):
    """Presets: ``town`` (a town the hub has), ``period`` (an option's label, e.g. "2024年1月")."""

    def __init__(self, con, *, source: str, on_hub: bool, town: str | None = None, period: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.con = con
        patterns = page_data.hidden_records(con)
        self.offered = {p.label: p for p in page_data.periods(patterns)}
        self.hidden = page_data.coverage_patterns(con, patterns, list(self.offered.values()))
        self.illustrative = page_data.illustrative_towns(con)
        towns = sorted(con.table("units").select("town").distinct().execute()["town"])
        self.town = widgets.Dropdown(options=[WHOLE, *towns], description="范围：")
        # The phase's dates are in the chart's title: a dropdown cut "集中教育阶段（2023年12月1".
        self.period = widgets.Dropdown(options=[(_short(p), p) for p in self.offered], description="时段：")
        wide_labels(self.town, self.period)
        if len(towns) == 1:  # a town's own roll-up: its villages at once
            self.town.value = towns[0]
        if town is not None:
            self.preset(self.town, town, "镇")
        if period is not None:
            self.preset(self.period, period, "时段")
        self._cells: dict = {}
        self.chart = FigureArea()
        self.table = widgets.HTML()
        self.activities = widgets.HTML()
        size = theme.text_size("card", self.presenter)
        intro = f'<div style="font-size:{size}px;margin:4px 0;">数据：{html.escape(source)}。</div>'
        reported = []
        if on_hub:
            today = page_data.today_in_beijing()
            last, weekly = page_data.last_deliveries(con), page_data.weekly(con, today)
            reported = [
                widgets.HTML(
                    f"<style>{pages.TABLE_STYLE}</style>" + pages.completeness_table(last, weekly, today, self.illustrative)
                )
            ]
        self.town.observe(self._on_change, names="value")
        self.period.observe(self._on_change, names="value")
        self.children = [
            widgets.HTML(intro),
            *reported,
            widgets.HBox([self.town, self.period]),
            self.status,
            self.chart,
            self.table,
            widgets.HTML(f'<p style="font-size:{size}px;">{html.escape(pages.HIDDEN_NOTE)}</p>'),
            widgets.HTML(self._heading("宣讲活动")),
            self.activities,
            widgets.HTML(self._others(page_data.today_in_beijing())),
        ]
        self.draw()
        self.show_notes()

    def _heading(self, text: str) -> str:
        return (
            f'<h3 style="font-size:{theme.text_size("card", self.presenter) + 4}px;margin:18px 0 4px;">{html.escape(text)}</h3>'
        )

    def _others(self, today) -> str:
        """What does not change with the period: the evaluation by the five criteria, the
        selections and the quizzes, as the hub's pages show them."""
        frame = rollups.evaluation(self.con.table("records")).execute()
        hidden = evaluation_hidden(frame)
        parts = [self._heading("问卷评估（按活动的五条标准）")]
        for form, title in sorted(dict(zip(frame["form"], frame["title"])).items()):
            parts.append(f"<p><strong>{html.escape(title)}</strong></p>")
            parts.append(pages.evaluation_table(frame[frame["form"] == form], hidden, self.illustrative))
        if frame.empty:
            parts.append("<p>还没有问卷的汇总。</p>")
        else:
            parts.append(f"<p>{html.escape(pages.EVALUATION_NOTE)}</p>")
        parts += [self._heading("先进评选"), pages.selections_table(page_data.payloads(self.con, "selections"), today)]
        parts += [self._heading("课堂测验"), pages.quiz_table(page_data.payloads(self.con, "quiz"), self.illustrative)]
        return f"<style>{pages.TABLE_STYLE}</style>" + "".join(parts)

    @guarded
    def _on_change(self, change) -> None:
        self.draw()

    def draw(self) -> None:
        if not self.offered:
            self.table.value = html.banner("还没有走访数据：各镇（各村）报送了入户走访记录以后，这里显示覆盖情况。", "info")
            self.chart.clear()
            return
        if self.period.value not in self.offered or self.town.value not in self.town.options:
            raise InputError("范围或时段无法识别，已恢复原来的选择。")
        period = self.offered[self.period.value]
        town = None if self.town.value == WHOLE else self.town.value
        if period not in self._cells:
            self._cells[period] = page_data.grid_cells(self.con, period)
        cells, hidden = self._cells[period], self.hidden[period]
        rows = pages.chart_rows(cells, hidden, town)
        invented = bool({town} & self.illustrative) if town else bool(self.illustrative)
        title = f"{town}各村（社区）入户走访覆盖" if town else "各镇入户走访覆盖"
        self.table.value = f"<style>{pages.TABLE_STYLE}</style>" + pages.coverage_table(cells, hidden, town, self.illustrative)
        self.chart.show(coverage_chart(rows, title=f"{title}：{period.label}", illustrative=invented, presenter=self.presenter))
        start, end = period.start or page_data.OPEN_START, period.end or page_data.OPEN_END
        by_method, by_carrier = (
            rollups.activities_by(self.con.table("records"), start, end, by).execute() for by in ("method", "carrier")
        )
        if town:
            by_method, by_carrier = by_method[by_method["town"] == town], by_carrier[by_carrier["town"] == town]
        self.activities.value = f"<style>{pages.TABLE_STYLE}</style>" + pages.activity_tables(
            by_method, by_carrier, self.illustrative, level=4
        )


def hub_view(
    path: str | Path | None = None, *, hub: str | Path | None = None, town: str | None = None, period: str | None = None
) -> widgets.Widget:
    """``hub_view()``: the campaign's own roll-up (its report and the bundles in its 报送文件
    folder); ``hub_view(hub="/srv/旗汇总")`` (or ``$CAMPAIGNKIT_HUB``): that hub's PostgreSQL."""
    hub = hub or os.environ.get(HUB_ENV) or None
    if hub is not None:
        import psycopg

        from .engines import postgres

        try:
            con = postgres(Path(hub))
        except (HubError, OSError, psycopg.Error) as exc:
            return widgets.HTML(html.banner(f"连不上汇总中心 {hub}：{exc}（先运行 campaignkit hub serve {hub}）", "error"))
        return HubView(con, source=f"汇总中心 {hub}", on_hub=True, town=town, period=period)

    def build(campaign) -> widgets.Widget:
        from .local import BUNDLES, local_hub, local_reports

        try:
            reports = local_reports(campaign.path)
        except HubError as exc:
            return widgets.HTML(html.banner(str(exc), "error"))
        source = "本机的记录" + (f"和“{BUNDLES}”文件夹里的 {len(reports) - 1} 个报送文件" if len(reports) > 1 else "")
        return HubView(local_hub(reports), source=source, on_hub=False, town=town, period=period)

    return dashboard(path, build, tables=(), page="hub.ipynb")


def _short(label: str) -> str:
    return label.split("（")[0] if label.endswith("）") and not label.startswith("（") else label


__all__ = ["HubView", "hub_view"]
