"""Funding view (项目资金): who paid, per year and in total, what was built, and
the projects table (downloadable)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.frames import any_illustrative
from ..ui import html
from ..ui.export import csv_link
from ..ui.html import frame_table
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded, wide_labels
from . import compute as funding
from .charts import funding_by_level, funding_shares

PROJECT_COLUMNS = {
    "year": "年份",
    "region": "地区",
    "category": "类别",
    "project": "项目",
    "total": "资金合计",
    "central": "中央",
    "region_level": "自治区",
    "city": "市级",
    "banner": "旗级",
    "town": "镇级",
    "funding_unit": "资金单位",
    "quantity": "实物量",
    "quantity_unit": "实物量单位",
    "source": "来源",
    "illustrative": "示例",
}
# On the page each amount is written with its unit from the loader's 元 figure (rows may be
# typed in 元, 万元 or 亿元); the download keeps the columns as typed, with 资金单位.
AMOUNTS_YUAN = tuple(f"{name}_yuan" for name in ("total", "central", "region_level", "city", "banner", "town"))
SHOWN_COLUMNS = {
    (f"{k}_yuan" if f"{k}_yuan" in AMOUNTS_YUAN else k): v for k, v in PROJECT_COLUMNS.items() if k != "funding_unit"
}
QUANTITY_COLUMNS = {
    "category": "类别",
    "quantity": "实物量合计",
    "quantity_unit": "单位",
    "projects": "项目数",
    "amount": "资金（万元）",
}


class FundingView(View):
    """Funding by government level from a campaign's ``projects`` table.

    Presets (all optional): ``years`` (start, end), ``region``, ``category``.
    """

    def __init__(
        self,
        projects: pd.DataFrame,
        *,
        presenter: bool = False,
        years: tuple[int, int] | None = None,
        region: str | None = None,
        category: str | None = None,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.projects = projects
        known = projects["year"].dropna().astype(int) if len(projects) else pd.Series([2012, 2022])
        self.years = self.year_control(int(known.min()), int(known.max()))
        self.region = widgets.Dropdown(
            description="地区：", options=[ALL, *sorted(projects["region"].dropna().unique())] if len(projects) else [ALL]
        )
        self.category = widgets.Dropdown(
            description="类别：", options=[ALL, *sorted(projects["category"].dropna().unique())] if len(projects) else [ALL]
        )
        wide_labels(self.region, self.category)
        self.summary = widgets.HTML()
        self.by_year = FigureArea()
        self.shares = FigureArea()
        self.quantities = widgets.HTML()
        self.table = widgets.HTML()
        self.download = widgets.HTML()
        tabs = widgets.Tab(
            children=[
                widgets.VBox([self.summary, self.shares]),
                widgets.VBox([self.by_year]),
                widgets.VBox([self.quantities]),
                widgets.VBox([self.download, self.table]),
            ]
        )
        for i, title in enumerate(("钱从哪里来", "逐年投入", "建成了什么", "项目清单")):
            tabs.set_title(i, title)
        self.children = [widgets.HBox([self.years]), widgets.HBox([self.region, self.category]), self.status, tabs]
        if years is not None:
            self.preset_years(years)
        if region is not None:
            self.preset(self.region, region, "地区")
        if category is not None:
            self.preset(self.category, category, "类别")
        for control in (self.years, self.region, self.category):
            control.observe(self._on_change, names="value")
        self.refresh()
        self.show_notes()

    @guarded
    def _on_change(self, change) -> None:
        self.refresh()

    def current(self) -> pd.DataFrame:
        start, end = self.span()
        region = checked(self.region.value, list(self.region.options), "地区")
        category = checked(self.category.value, list(self.category.options), "类别")
        return funding.filter_projects(
            self.projects,
            start=start,
            end=end,
            regions=None if region == ALL else [region],
            categories=None if category == ALL else [category],
        )

    @guarded
    def refresh(self) -> None:
        rows = self.current()
        self.rows = rows
        tidy = funding.by_level(rows)
        totals = funding.level_totals(tidy)
        illustrative = any_illustrative(rows)
        sources = funding.sources(rows)
        self.by_year.show(funding_by_level(tidy, sources, illustrative=illustrative, presenter=self.presenter))
        self.shares.show(funding_shares(totals, sources, illustrative=illustrative, presenter=self.presenter))
        self.summary.value = self._summary(rows, totals, illustrative)
        self.quantities.value = frame_table(
            funding.physical_quantities(rows),
            {**QUANTITY_COLUMNS, "amount": "资金"},
            css_class="ck-quantities",
            illustrative=illustrative,
            units={"amount": "万元"},
        )
        shown = rows.sort_values(["year", "region"])
        self.table.value = frame_table(
            shown, SHOWN_COLUMNS, css_class="ck-projects", illustrative=illustrative, units=dict.fromkeys(AMOUNTS_YUAN, "元")
        )
        self.download.value = csv_link(
            rows.reindex(columns=list(PROJECT_COLUMNS)).rename(columns=PROJECT_COLUMNS), "项目资金.csv"
        )

    def _summary(self, rows: pd.DataFrame, totals: pd.DataFrame, illustrative: bool) -> str:
        text = funding.summary_text(rows, totals)
        if text is None:
            return html.banner("所选范围内没有项目。", "info")
        return self.sentence_html(text, illustrative=illustrative)


def funding_view(
    path: str | Path | None = None,
    *,
    presenter: bool = False,
    years: tuple[int, int] | None = None,
    region: str | None = None,
    category: str | None = None,
) -> widgets.Widget:
    """The funding view for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``funding_view(years=(2016, 2022), category="交通")``."""
    return dashboard(
        path,
        lambda c: FundingView(c.tables["projects"], presenter=presenter, years=years, region=region, category=category),
        tables=["projects"],
    )
