"""Blueprint board (发展蓝图): every target's progress, in a chart and in words."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import blueprint
from ..charts import blueprint_board
from . import html
from .common import FigureArea, checked, csv_link, frame_table, guarded, dashboard

ALL = "全部"
COLUMNS = {"domain": "领域", "indicator": "指标", "unit": "单位", "base_year": "基期年份", "base_value": "基期值",
           "latest_year": "最新年份", "latest_value": "最新值", "target_year": "目标年份", "target_value": "目标值",
           "progress": "完成进度（%）", "pace_so_far": "此前每年变化", "pace_needed": "今后每年需变化", "status": "状态",
           "illustrative": "示例"}


class BlueprintBoard(widgets.VBox):
    def __init__(self, targets: pd.DataFrame, *, presenter: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.progress = blueprint.progress(targets)
        self.presenter = presenter
        self.status = widgets.HTML()
        domains = list(dict.fromkeys(self.progress["domain"].dropna())) if len(self.progress) else []
        self.domain = widgets.ToggleButtons(options=[ALL, *domains], value=ALL, description="领域：",
                                            style={"button_width": "auto"})
        self.chart = FigureArea()
        self.sentences = widgets.HTML()
        self.table = widgets.HTML()
        self.download = widgets.HTML()
        self.domain.observe(self._on_domain, names="value")
        self.children = [self.domain, self.status, self.chart, self.sentences, self.download, self.table]
        self.refresh()

    @guarded
    def _on_domain(self, change) -> None:
        self.refresh()

    @guarded
    def refresh(self) -> None:
        domain = checked(self.domain.value, list(self.domain.options), "领域")
        rows = self.progress if domain == ALL else self.progress[self.progress["domain"] == domain]
        self.shown = rows
        self.chart.show(blueprint_board(rows, presenter=self.presenter))
        size = 24 if self.presenter else 18
        items = "".join(f"<li><b>[{html.escape(r['status'])}]</b> {html.escape(blueprint.explain(r))}</li>"
                        for _, r in rows.iterrows())
        badge = html.ILLUSTRATIVE_BADGE if bool(rows["illustrative"].fillna(False).any()) else ""
        self.sentences.value = f'<div class="ck-targets" style="font-size:{size}px;line-height:1.7;">{badge}<ul>{items}</ul></div>'
        self.table.value = frame_table(rows, COLUMNS, css_class="ck-blueprint-table",
                                       illustrative=bool(rows["illustrative"].fillna(False).any()))
        self.download.value = csv_link(rows.reindex(columns=list(COLUMNS)).rename(columns=COLUMNS), "发展蓝图.csv")


def blueprint_view(path: str | Path | None = None, *, presenter: bool = False) -> widgets.Widget:
    """The blueprint board for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample)."""
    return dashboard(path, lambda c: BlueprintBoard(c.blueprint, presenter=presenter))
