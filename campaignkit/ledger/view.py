"""Ledger explorer (发展账): pick regions, category and indicator and a span of
years; see then-and-now first, the yearly chart, and the table of exactly what
is shown (downloadable)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.fmt import cn_quantity, dates_in_words
from ..ui import html, theme
from ..ui.export import csv_link
from ..ui.html import frame_table
from ..ui.view import FigureArea, InputError, View, checked, dashboard, guarded, wide_labels
from . import compute as ledger
from .charts import indicator_over_time, then_and_now_chart

TABLE_COLUMNS = {
    "region": "地区",
    "year": "年份",
    "value": "数值",
    "unit": "单位",
    "primary": "画在折线上",
    "source": "来源",
    "source_kind": "来源类型",
    "source_url": "来源链接",
    "illustrative": "示例",
    "original_value": "原表数值",
    "original_unit": "原表单位",
    "note": "备注",
    "src_file": "文件",
    "src_row": "行号",
}


class LedgerView(View):
    """The development ledger for one campaign's ``indicators`` table.

    Presets (all optional): ``indicator``, ``regions``, ``years`` (start, end),
    ``compare`` (the region of the then-and-now card).
    """

    def __init__(
        self,
        indicators: pd.DataFrame,
        *,
        presenter: bool = False,
        indicator: str | None = None,
        regions: list[str] | None = None,
        years: tuple[int, int] | None = None,
        compare: str | None = None,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.indicators = indicators
        self.menu = ledger.indicator_menu(indicators)
        self.selection: ledger.Selection | None = None
        self.comparison: ledger.ThenAndNow | None = None
        self.category = widgets.Dropdown(description="类别：", options=sorted(self.menu["category"].unique()))
        self.indicator = widgets.Dropdown(description="指标：", layout=widgets.Layout(width="420px"))
        self.regions = widgets.SelectMultiple(description="地区：", rows=4)
        self.years = self.year_control(*ledger.LEDGER_SPAN)
        self.compare_region = widgets.Dropdown(description="对比地区：")
        self.play = widgets.Play(interval=1500, step=1, description="逐年播放", show_repeat=False)
        self.large = widgets.ToggleButton(value=presenter, description="投影大字", icon="")
        wide_labels(self.category, self.indicator, self.regions, self.years, self.compare_region)
        self.card = widgets.HTML()
        self.compare_chart = FigureArea()
        self.chart = FigureArea()
        self.table = widgets.HTML()
        self.download = widgets.HTML()
        tabs = widgets.Tab(
            children=[
                widgets.VBox([self.compare_region, self.card, self.compare_chart]),
                widgets.VBox([widgets.HBox([self.play, widgets.Label("（从起始年份逐年画到结束年份）")]), self.chart]),
                widgets.VBox([self.download, self.table]),
            ]
        )
        for i, title in enumerate(("前后对比", "历年变化", "数据表")):
            tabs.set_title(i, title)
        self.tabs = tabs
        self.children = [
            widgets.HBox([self.category, self.indicator]),
            widgets.HBox([self.regions, widgets.VBox([self.years, self.large])]),
            self.status,
            tabs,
        ]
        self._busy = False
        self._cache_key, self._full, self._stale = None, None, set()
        self.tabs.observe(self._on_tab, names="selected_index")
        if self.menu.empty:
            self.status.value = html.banner("发展账指标表是空的，请先填写 indicators 表。", "warning")
            return
        self.category.value = self._default_category()
        self._fill_indicators()
        self._apply_presets(indicator, regions, years, compare)
        self.category.observe(self._on_category, names="value")
        self.indicator.observe(self._on_indicator, names="value")
        self.regions.observe(self._on_change, names="value")
        self.years.observe(self._on_change, names="value")
        self.compare_region.observe(self._on_change, names="value")
        self.large.observe(self._on_large, names="value")
        self.play.observe(self._on_play, names="value")
        self.refresh()
        self.show_notes()

    def _apply_presets(self, indicator, regions, years, compare) -> None:
        if indicator is not None:
            rows = self.menu[self.menu["indicator"] == indicator]
            if rows.empty:
                self._notes.append(f"本活动的数据里没有指标“{indicator}”，已显示默认内容。")
            else:
                self.category.value = rows.iloc[0]["category"]
                self._fill_indicators()
                self.indicator.value = indicator
                self._fill_regions_and_years()
        if regions is not None:  # no observers yet: nothing redraws until refresh()
            self.preset(self.regions, list(regions), "地区")
        if years is not None:
            self.preset_years(years)
        if compare is not None:
            self.preset(self.compare_region, compare, "对比地区")

    # -- defaults ------------------------------------------------------------------
    def _default_category(self) -> str:
        spans = self.menu.assign(span=self.menu["last_year"] - self.menu["first_year"])
        return spans.sort_values(["values", "span"], ascending=False).iloc[0]["category"]

    def _fill_indicators(self) -> None:
        rows = self.menu[self.menu["category"] == self.category.value]
        rows = rows.sort_values("values", ascending=False, kind="stable")
        self._busy = True
        self.indicator.options = list(rows["indicator"])
        self.indicator.value = self.indicator.options[0]
        self._busy = False
        self._fill_regions_and_years()

    def _fill_regions_and_years(self) -> None:
        row = self.menu[(self.menu["category"] == self.category.value) & (self.menu["indicator"] == self.indicator.value)].iloc[0]
        regions = list(row["regions"])
        first, last = int(row["first_year"]), max(int(row["last_year"]), int(row["first_year"]) + 1)
        self._busy = True
        self.regions.options = regions
        self.regions.value = tuple(regions)
        _set_bounds(self.years, first, last)
        start, end = ledger.default_span(first, last)
        self.years.value = (start, end)
        _set_bounds(self.play, first, last)
        self.compare_region.options = regions
        self.compare_region.value = self._richest_region(regions, start, end)
        self._busy = False

    def _richest_region(self, regions: list[str], start: int, end: int) -> str:
        """The region with the most years of data in the span: the best then-and-now."""
        rows = self.indicators[
            (self.indicators["indicator"] == self.indicator.value) & self.indicators["year"].between(start, end)
        ]
        counts = rows.groupby("region")["year"].nunique().reindex(regions).fillna(0)
        spans = rows.groupby("region")["year"].agg(lambda y: y.max() - y.min()).reindex(regions).fillna(0)
        return max(regions, key=lambda r: (counts[r] >= 2, spans[r], counts[r]))

    # -- callbacks (values may be forged: check before use) -----------------------
    @guarded
    def _on_category(self, change) -> None:
        checked(change["new"], list(self.category.options), "类别")
        self._fill_indicators()
        self.refresh()

    @guarded
    def _on_indicator(self, change) -> None:
        if self._busy:
            return
        checked(change["new"], list(self.indicator.options), "指标")
        self._fill_regions_and_years()
        self.refresh()

    @guarded
    def _on_change(self, change) -> None:
        if not self._busy:
            self.refresh()

    @guarded
    def _on_large(self, change) -> None:
        self.presenter = bool(change["new"])
        self.refresh()

    @guarded
    def _on_play(self, change) -> None:
        if self._busy:  # the play slider's bounds set for a new indicator: not a press of play
            return
        start, _ = self.span()
        try:
            end = int(change["new"])
        except (TypeError, ValueError):
            raise InputError("播放位置无法识别。") from None
        if self.years.min <= end <= self.years.max:
            self.years.value = (min(start, end), end)

    # -- drawing ------------------------------------------------------------------
    def current(self) -> tuple[str, list[str], tuple[int, int], str]:
        indicator = checked(self.indicator.value, list(self.indicator.options), "指标")
        regions = list(self.regions.value)
        if not regions:
            raise InputError("请至少选择一个地区。")
        for region in regions:
            checked(region, list(self.regions.options), "地区")
        span = self.span()
        compare = self.compare_region.value if self.compare_region.value in regions else regions[0]
        return indicator, regions, span, compare

    @guarded
    def refresh(self) -> None:
        indicator, regions, (start, end), compare = self.current()
        key = (indicator, tuple(regions))
        if self._cache_key != key:  # year and comparison changes reuse the selection
            self._cache_key, self._full = key, ledger.select(self.indicators, indicator, regions)
        self.selection = self._full.between(start, end)
        self.comparison = ledger.then_and_now(self.selection, compare)
        self._stale = {0, 1, 2}
        self._draw_tab(self.tabs.selected_index or 0)

    @guarded
    def _on_tab(self, change) -> None:
        if isinstance(change["new"], int) and change["new"] in self._stale:
            self._draw_tab(change["new"])

    def _draw_tab(self, index: int) -> None:
        """Draw only what the open tab shows; the others when they are opened."""
        self._stale.discard(index)
        if index == 0:
            self.card.value = self._card_html()
            if self.comparison is not None:
                self.compare_chart.show(then_and_now_chart(self.comparison, presenter=self.presenter))
            else:
                self.compare_chart.clear()
        elif index == 1:
            self.chart.show(indicator_over_time(self.selection, presenter=self.presenter))
        elif index == 2:
            frame = self.selection.frame
            self.table.value = frame_table(
                frame, TABLE_COLUMNS, css_class="ck-ledger-table", illustrative=self.selection.illustrative
            )
            start, end = (int(frame["year"].min()), int(frame["year"].max())) if len(frame) else self.years.value
            self.download.value = csv_link(
                frame.rename(columns=TABLE_COLUMNS)[list(TABLE_COLUMNS.values())],
                f"发展账_{self.selection.indicator}_{start}-{end}.csv",
            )

    def _card_html(self) -> str:
        c = self.comparison
        if c is None:
            return html.banner("所选年份范围内这个地区只有一年或没有数据，无法做前后对比。请放宽年份范围或换一个地区。", "info")
        size, note = theme.text_size("headline", self.presenter), theme.note_size("headline", self.presenter)
        badge = html.ILLUSTRATIVE_BADGE if c.illustrative else ""
        change = cn_quantity(c.change, c.unit or "")
        parts = [
            f'<div class="ck-card" style="font-size:{size}px;line-height:1.6;border:1px solid #ccd;'
            f'border-radius:8px;padding:12px 16px;margin:6px 0;">',
            f"<div><b>{html.escape(c.sentence())}</b>{badge}</div>",
            f"<div>变化：{html.escape(('+' if c.change >= 0 else '') + change)}；相隔 {c.years} 年</div>",
            f'<div style="font-size:{note}px;color:#444;">来源：{html.escape(dates_in_words(c.start_source))}'
            + ("" if c.end_source == c.start_source else f"；{html.escape(dates_in_words(c.end_source))}")
            + "</div>",
        ]
        if c.caveat:
            parts.append(f'<div style="font-size:{note}px;color:#7a4f00;">{html.escape(c.caveat)}</div>')
        parts.append("</div>")
        return "".join(parts)


def _set_bounds(control: widgets.Widget, low: int, high: int) -> None:
    """Move a slider's bounds without ever passing through min > max."""
    if low > control.max:
        control.max, control.min = high, low
    else:
        control.min, control.max = low, high


def ledger_view(
    path: str | Path | None = None,
    *,
    presenter: bool = False,
    indicator: str | None = None,
    regions: list[str] | None = None,
    years: tuple[int, int] | None = None,
    compare: str | None = None,
) -> widgets.Widget:
    """The ledger for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``ledger_view(indicator="地区生产总值", regions=["内蒙古自治区"], years=(2013, 2022))``."""
    return dashboard(
        path,
        lambda c: LedgerView(
            c.tables["indicators"], presenter=presenter, indicator=indicator, regions=regions, years=years, compare=compare
        ),
        tables=["indicators"],
    )
