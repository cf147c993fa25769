"""个体工商户 · 会议用: what the tax measures saved the town's (or a unit's) shops in a year, by
tax. Aggregates only: no shop, no operator is part of this page or its widget state; a
figure over fewer than 5 shops is hidden, and so is any that would give it away
(:mod:`campaignkit.shops.disclosure`)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from ..core.disclosure import MIN_COUNT
from ..core.fmt import cn_quantity
from ..core.frames import any_illustrative
from ..ui import html, theme
from ..ui.charts import empty_figure, figure
from ..ui.html import frame_table
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded, wide_labels
from .disclosure import FEWER, TOTAL, ShopFigures, relief_frame

SOURCE = pd.DataFrame({"source": ["本活动个体工商户表（店主所报数字）；政策及文件：data/reference/shop_relief_measures.csv"]})
HIDDEN_NOTE = "不足 5 户的项目不显示金额；能据其他数字推算出它们的，也一并隐去，以免认出具体店铺。"


def relief_chart(table: pd.DataFrame, scope: str, year: int, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Horizontal bars of the relief by tax (万元), the largest at the top; hidden taxes in a note."""
    shown = table[(table["说明"] == "") & (table["项目"] != TOTAL)].sort_values("少缴税费（元）")
    if shown.empty:
        return empty_figure(f"{scope}{year}年的数字不显示：户数太少，或能据其他数字推算出户数太少的项目", presenter)
    amounts = shown["少缴税费（元）"].astype(float)
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(v)) for v in shown["项目"]],
            x=(amounts / 1e4).tolist(),  # unrounded: the bar ends where its label says
            marker=dict(color=theme.PALETTE[0]),
            cliponaxis=False,
            textposition="outside",
            text=[f"{cn_quantity(a, '元')}，{int(n)}户" for a, n in zip(amounts, shown["户数"])],
            customdata=[cn_quantity(a, "元") for a in amounts],
            hovertemplate="%{y}：%{customdata}<extra></extra>",
        )
    ]
    layout = dict(
        title=dict(text=f"{scope}{year}年个体工商户少缴的税费（按税种）"),
        showlegend=False,
        yaxis=dict(automargin=True),
        xaxis=dict(title=dict(text="万元"), range=[0, float(amounts.max()) / 1e4 * 1.7]),
        height=180 + (56 if presenter else 34) * len(shown),
    )
    hidden = table[(table["说明"] != "") & (table["项目"] != TOTAL)]
    notes = [HIDDEN_NOTE] if not hidden.empty else []
    return figure(data, layout, sources=SOURCE, notes=notes, illustrative=illustrative, presenter=presenter)


class ShopsMeetingView(View):
    """Presets (optional): ``year``, ``unit`` (a village or community)."""

    def __init__(
        self,
        figures: ShopFigures,
        *,
        illustrative: bool,
        presenter: bool = False,
        year: int | None = None,
        unit: str | None = None,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.figures, self.illustrative = figures, illustrative
        years = figures.years
        self.year = widgets.Dropdown(description="年度：", options=[(f"{y}年", y) for y in years], value=years[-1])
        self.unit = widgets.Dropdown(description="范围：", options=[ALL, *figures.units])
        wide_labels(self.year, self.unit)
        if year is not None:
            self.preset(self.year, year, "年度")
        if unit is not None:
            self.preset(self.unit, unit, "单位")
        self.summary = widgets.HTML()
        self.chart = FigureArea()
        self.table = widgets.HTML()
        for control in (self.year, self.unit):
            control.observe(self._on_change, names="value")
        self.children = [widgets.HBox([self.year, self.unit]), self.status, self.summary, self.chart, self.table]
        self.refresh()
        self.show_notes()

    @guarded
    def _on_change(self, change) -> None:
        self.refresh()

    def publish(self, year: int, unit: str) -> pd.DataFrame:
        """The one table a choice of the controls shows (chart, summary and table come from it)."""
        return self.figures.table(year, None if unit == ALL else unit)

    @guarded
    def refresh(self) -> None:
        year = checked(self.year.value, self.figures.years, "年度")
        unit = checked(self.unit.value, list(self.unit.options), "范围")
        table = self.publish(year, unit)
        scope = "全镇" if unit == ALL else unit
        self.chart.show(relief_chart(table, scope, year, illustrative=self.illustrative, presenter=self.presenter))
        self.summary.value = self._summary(table, scope, year)
        self.table.value = frame_table(
            table,
            {"项目": "税种", "户数": "户数", "少缴税费（元）": "少缴税费", "说明": "说明"},
            css_class="ck-benefit-table",
            illustrative=self.illustrative,
            units={"少缴税费（元）": "元"},
        )

    def _summary(self, table: pd.DataFrame, scope: str, year: int) -> str:
        total = table[table["项目"] == TOTAL]
        if total.empty or total["说明"].iloc[0]:
            small = total.empty or total["说明"].iloc[0] == FEWER
            why = f"户数不足 {MIN_COUNT} 户" if small else "合计能让人推算出户数太少的项目"
            return html.banner(f"{scope}{year}年个体工商户合计少缴的税费不显示：{why}。", "info")
        text = (
            f"{scope}{year}年，{int(total['户数'].iloc[0])} 户个体工商户因减税降费和贷款贴息"
            f"共少缴税费 {cn_quantity(float(total['少缴税费（元）'].iloc[0]), '元')}（按店主所报数字和当年政策计算）。"
        )
        return self.sentence_html(text, illustrative=self.illustrative)


def shops_meeting_view(
    path: str | Path | None = None, *, presenter: bool = False, year: int | None = None, unit: str | None = None
) -> widgets.Widget:
    """The shops' meeting view for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample),
    e.g. ``shops_meeting_view(year=2023, unit="阳光社区")``."""

    def build(campaign):
        shops = campaign.tables["shops"] if "shops" in campaign.results else pd.DataFrame()
        relief = relief_frame(shops) if not shops.empty else pd.DataFrame()
        if relief.empty:
            return widgets.HTML(
                html.banner("还没有个体工商户的数字（个体工商户表 shops.csv），或这些年份没有适用的减免政策。", "info")
            )
        illustrative = bool(campaign.config.illustrative or any_illustrative(shops))
        return ShopsMeetingView(ShopFigures(relief), illustrative=illustrative, presenter=presenter, year=year, unit=unit)

    return dashboard(path, build, tables=["shops"], page="shops_meeting.ipynb")
