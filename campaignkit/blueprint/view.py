"""Blueprint board (发展蓝图): every target's progress, in a chart and in words."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.frames import any_illustrative
from ..ui import html, theme
from ..ui.export import csv_link
from ..ui.html import frame_table
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded
from . import compute as blueprint
from .charts import blueprint_board

COLUMNS = {
    "domain": "领域",
    "indicator": "指标",
    "unit": "单位",
    "base_year": "基期年份",
    "base_value": "基期值",
    "latest_year": "最新年份",
    "latest_value": "最新值",
    "target_year": "目标年份",
    "target_value": "目标值",
    "progress": "完成进度（%）",
    "pace_so_far": "此前每年变化",
    "pace_needed": "今后每年需变化",
    "status": "状态",
    "illustrative": "示例",
}


class BlueprintView(View):
    """Every target's progress, in a chart and in words. Preset: ``domain`` (e.g. "养老")."""

    def __init__(self, targets: pd.DataFrame, *, presenter: bool = False, domain: str | None = None, **kwargs):
        super().__init__(presenter=presenter, **kwargs)
        self.progress = blueprint.progress(targets)
        domains = list(dict.fromkeys(self.progress["domain"].dropna())) if len(self.progress) else []
        self.domain = widgets.ToggleButtons(
            options=[ALL, *domains], value=ALL, description="领域：", style={"button_width": "auto"}
        )
        self.chart = FigureArea()
        self.sentences = widgets.HTML()
        self.table = widgets.HTML()
        self.download = widgets.HTML()
        if domain is not None:
            self.preset(self.domain, domain, "领域")
        self.domain.observe(self._on_domain, names="value")
        self.children = [self.domain, self.status, self.chart, self.sentences, self.download, self.table]
        self.refresh()
        self.show_notes()

    @guarded
    def _on_domain(self, change) -> None:
        self.refresh()

    @guarded
    def refresh(self) -> None:
        domain = checked(self.domain.value, list(self.domain.options), "领域")
        rows = self.progress if domain == ALL else self.progress[self.progress["domain"] == domain]
        self.shown = rows
        self.chart.show(blueprint_board(rows, presenter=self.presenter))
        size = theme.text_size("list", self.presenter)
        illustrative = any_illustrative(rows)
        items = "".join(
            f"<li><b>[{html.escape(r['status'])}]</b> {html.escape(blueprint.explain(r))}</li>" for _, r in rows.iterrows()
        )
        badge = html.ILLUSTRATIVE_BADGE if illustrative else ""
        self.sentences.value = (
            f'<div class="ck-targets" style="font-size:{size}px;line-height:1.7;">{badge}<ul>{items}</ul></div>'
        )
        self.table.value = frame_table(rows, COLUMNS, css_class="ck-blueprint-table", illustrative=illustrative)
        self.download.value = csv_link(rows.reindex(columns=list(COLUMNS)).rename(columns=COLUMNS), "发展蓝图.csv")


def blueprint_view(path: str | Path | None = None, *, presenter: bool = False, domain: str | None = None) -> widgets.Widget:
    """The blueprint board for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``blueprint_view(domain="养老")``."""
    return dashboard(
        path, lambda c: BlueprintView(c.tables["blueprint"], presenter=presenter, domain=domain), tables=["blueprint"]
    )
