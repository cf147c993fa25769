"""Meeting view (惠民资金 · 会议用): totals and per-household averages by year,
item, funding level and village. Aggregates only: no name, ID or card number is
part of this page or its widget state; groups of fewer than 5 households are
hidden, and so are the figures that would let a viewer subtract them back
(see :mod:`campaignkit.benefits.disclosure`)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.cache import cache_dir
from ..core.fmt import cn_quantity
from ..core.frames import any_illustrative
from ..ui import html
from ..ui.export import csv_link
from ..ui.html import frame_table
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded, wide_labels
from .charts import benefit_breakdown, benefit_trend
from .disclosure import MeetingFigures
from .store import PaymentStore

GROUPINGS = (("按项目", "item"), ("按出资层级", "funding_level"), ("按嘎查村/社区", "unit"))
LABELS = {"item": "项目", "funding_level": "出资层级", "unit": "嘎查村/社区"}


class MeetingView(View):
    """Aggregated benefit figures from a :class:`PaymentStore`.

    Presets (all optional): ``years`` (start, end), ``unit`` (a village or community), ``by``
    ("item", "funding_level" or "unit").
    """

    def __init__(
        self,
        store: PaymentStore,
        units: list[str],
        bounds: tuple[int, int],
        *,
        illustrative: bool,
        presenter: bool = False,
        years: tuple[int, int] | None = None,
        unit: str | None = None,
        by: str | None = None,
        cache: Path | None = None,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.figures, self.illustrative = MeetingFigures(store, cache), illustrative
        self.years = self.year_control(*bounds)
        self.unit = widgets.Dropdown(description="范围：", options=[ALL, *units])
        self.grouping = widgets.ToggleButtons(
            options=GROUPINGS, value="item", description="分组：", style={"button_width": "auto"}
        )
        wide_labels(self.unit, self.grouping)
        if years is not None:
            self.preset_years(years)
        if unit is not None:
            self.preset(self.unit, unit, "单位")
        if by is not None:
            self.preset(self.grouping, by, "分组")
        self.summary = widgets.HTML()
        self.trend = FigureArea()
        self.breakdown = FigureArea()
        self.download = widgets.HTML()
        self.table = widgets.HTML()
        for control in (self.years, self.unit, self.grouping):
            control.observe(self._on_change, names="value")
        self.children = [
            widgets.HBox([self.years, self.unit]),
            self.grouping,
            self.status,
            self.summary,
            self.trend,
            self.breakdown,
            self.download,
            self.table,
        ]
        self.refresh()
        self.show_notes()

    @guarded
    def _on_change(self, change) -> None:
        self.refresh()

    def publish(self, span: tuple[int, int], unit: str, by: str) -> dict[str, pd.DataFrame]:
        """Everything one choice of the controls shows (trend, breakdown, table, download,
        summary all come from these two frames, suppression applied)."""
        scope = None if unit == ALL else unit
        return {"by_year": self.figures.table("year", scope, span), "breakdown": self.figures.table(by, scope, span)}

    @guarded
    def refresh(self) -> None:
        span = self.span()
        unit = checked(self.unit.value, list(self.unit.options), "范围")
        by = checked(self.grouping.value, [v for _, v in GROUPINGS], "分组")
        published = self.publish(span, unit, by)
        by_year, breakdown = published["by_year"], published["breakdown"]
        self.trend.show(benefit_trend(by_year, illustrative=self.illustrative, presenter=self.presenter))
        self.breakdown.show(
            benefit_breakdown(breakdown, by, LABELS[by], illustrative=self.illustrative, presenter=self.presenter)
        )
        self.summary.value = self._summary(by_year, span, unit)
        shown = breakdown.assign(
            amount=breakdown["amount"].round(2), average=breakdown["average"].round(0), households=breakdown["shown_households"]
        )
        columns = {by: LABELS[by], "amount": "发放总额（元）", "households": "户数", "average": "户均（元）"}
        self.table.value = frame_table(
            shown,
            {**columns, "amount": "发放总额", "average": "户均"},
            css_class="ck-benefit-table",
            illustrative=self.illustrative,
            units={"amount": "元", "average": "元"},
        )
        self.download.value = csv_link(
            shown.reindex(columns=list(columns)).rename(columns=columns), f"惠民资金汇总_{span[0]}-{span[1]}.csv"
        )

    def _summary(self, by_year: pd.DataFrame, span: tuple[int, int], unit: str) -> str:
        shown = by_year[~by_year["suppressed"]]
        if shown.empty:
            return html.banner("所选范围内户数太少或没有发放记录，不显示金额。", "info")
        total = shown["amount"].sum()
        last = shown.iloc[-1]
        partial = "（不含因户数太少而隐去的年份）" if by_year["suppressed"].any() else ""
        text = (
            f"{unit if unit != ALL else '全镇'}{span[0]}—{span[1]}年通过一卡通共发放惠民资金 {cn_quantity(total, '元')}{partial}；"
            f"{int(last['year'])}年 {int(last['households'])} 户，户均 {cn_quantity(round(last['average']), '元')}。"
        )
        return self.sentence_html(text, illustrative=self.illustrative)


def meeting_view(
    path: str | Path | None = None,
    *,
    presenter: bool = False,
    years: tuple[int, int] | None = None,
    unit: str | None = None,
    by: str | None = None,
) -> widgets.Widget:
    """The meeting view for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``meeting_view(unit="红柳嘎查", by="funding_level")``."""

    def build(campaign):
        payments, households = campaign.tables["payments"], campaign.tables["households"]
        if payments.empty:
            return widgets.HTML(html.banner("还没有一卡通发放明细。", "info"))
        if households.empty:  # every household rejected: no payment can be placed in a village
            result = campaign.results.get("households")
            read = (
                f"{result.file} 的 {result.counts.rows_read} 行都" if result is not None and result.counts.rows_read else "户表"
            )
            text = f"户表没有载入任何一户（{read}因错误没有载入），发放明细对不上户，无法按村汇总。请打开“数据体检”查看户表的问题，改正后刷新。"
            return widgets.HTML(html.banner(text, "warning"))
        known = payments["year"].dropna().astype(int)
        illustrative = bool(campaign.config.illustrative or any_illustrative(households))
        return MeetingView(
            PaymentStore.from_campaign(campaign),
            sorted(households["unit"].dropna().unique()),
            (int(known.min()), int(known.max())),
            illustrative=illustrative,
            presenter=presenter,
            years=years,
            unit=unit,
            by=by,
            cache=cache_dir(campaign.path),
        )

    return dashboard(path, build, tables=["payments", "households"])
