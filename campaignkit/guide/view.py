"""The guide dashboard: choose a statement and an audience; each point with its evidence
drawn inline (the events on a timeline strip, each indicator's then and now) and its
source; tick points and start a new talk from them."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .. import ledger
from ..core.campaign import Campaign
from ..core.vocab import AUDIENCES, split_items
from ..errors import CampaignkitError
from ..ui import html, theme
from ..ui.charts import source_text
from ..ui.view import ALL, FigureArea, View, checked, dashboard, guarded, wide_labels
from .charts import timeline_strip
from .compute import coverage, events_of, points, series_of
from .starter import talk_from_points
from .tables import STATEMENTS

NO_POINTS = "辅导书里还没有这一句的要点：本活动的参考资料中没有可靠的来源。请使用上级下发的辅导材料，不要自行补充。"


class GuideView(View):
    """Presets: ``statement`` (1–6 or the wording), ``audience``."""

    def __init__(
        self,
        campaign: Campaign,
        *,
        statement: int | str | None = None,
        audience: str | None = None,
        presenter: bool = False,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self.campaign = campaign
        self.guide = campaign.tables["guide"]
        self.timeline = campaign.tables["timeline"]
        self.indicators = campaign.tables["indicators"]
        counts = coverage(self.guide).set_index("statement")["points"]
        options = [(f"第{i + 1}句：{s}（{counts[s]} 条要点）", s) for i, s in enumerate(STATEMENTS)]
        self.statement = widgets.Dropdown(
            description="六句话：", options=options, layout=widgets.Layout(width="min(100%, 900px)")
        )
        audiences = [ALL, *dict.fromkeys([*AUDIENCES, *campaign.config.audiences])]
        self.audience = widgets.ToggleButtons(description="讲给：", options=audiences, style={"button_width": "auto"})
        wide_labels(self.statement, self.audience)
        if statement is not None:
            self.preset(
                self.statement,
                STATEMENTS[statement - 1] if isinstance(statement, int) and 1 <= statement <= 6 else statement,
                "句子",
            )
        if audience is not None:
            self.preset(self.audience, audience, "宣讲对象")
        self.points_box = widgets.VBox()
        self.choices: list[tuple[widgets.Checkbox, pd.Series]] = []
        self.talk_name = widgets.Text(description="讲稿名称：", placeholder="例如：红柳嘎查十二月宣讲")
        self.start = widgets.Button(
            description="用勾选的要点开始写讲稿", button_style="primary", layout=widgets.Layout(width="260px", height="44px")
        )
        self.start.on_click(self._start_talk)
        self.started = widgets.HTML()
        wide_labels(self.talk_name)
        for control in (self.statement, self.audience):
            control.observe(self._on_change, names="value")
        self.children = [
            self.statement,
            self.audience,
            self.status,
            self.points_box,
            widgets.HTML(
                "<h3>开始写讲稿</h3><p>勾选上面的要点，起个名字，生成的讲稿放在活动文件夹的 talks/ 里，用 JupyterLab 打开修改。</p>"
            ),
            widgets.HBox([self.talk_name, self.start]),
            self.started,
        ]
        self.refresh()
        self.show_notes()

    @guarded
    def _on_change(self, change) -> None:
        self.refresh()

    def _chosen_audience(self) -> str | None:
        value = checked(self.audience.value, list(self.audience.options), "宣讲对象")
        return None if value == ALL else value

    @guarded
    def refresh(self) -> None:
        statement = checked(self.statement.value, list(STATEMENTS), "句子")
        rows = points(self.guide, statement, self._chosen_audience())
        self.choices = []
        if rows.empty:
            note = (
                NO_POINTS
                if not (self.guide["statement"] == statement).any()
                else "这一句没有适合所选对象的要点，可以选“（全部）”看看。"
            )
            self.points_box.children = [widgets.HTML(html.banner(note, "info"))]
            return
        boxes = []
        for number, (_, row) in enumerate(rows.iterrows(), start=1):
            tick = widgets.Checkbox(value=True, description="选用这一条", indent=False)
            self.choices.append((tick, row))
            boxes.append(widgets.VBox([widgets.HTML(self._card(number, row)), tick, *self._evidence(row)]))
        self.points_box.children = boxes

    def _card(self, number: int, row: pd.Series) -> str:
        size = theme.text_size("card", self.presenter)
        badge = html.ILLUSTRATIVE_BADGE if bool(row.get("illustrative")) else ""
        plain = (
            f'<div style="color:#1f3b57;margin-top:6px;">通俗说法：{escape(str(row["plain"]))}</div>'
            if pd.notna(row.get("plain"))
            else ""
        )
        who = "、".join(split_items(row.get("audiences"))) or "各类对象"
        source = source_text(pd.DataFrame([{"source": row["source"], "source_url": row.get("source_url")}]))
        return (
            f'<div class="ck-guide-point" style="font-size:{size}px;line-height:1.6;border-top:2px solid #dde;padding-top:8px;">'
            f"<b>要点{number}：{escape(str(row['point']))}</b>{badge}<div>{escape(str(row['fact']))}</div>{plain}"
            f'<div style="font-size:0.8em;color:#555;">适合：{escape(who)}　{source}</div></div>'
        )

    def _evidence(self, row: pd.Series) -> list[widgets.Widget]:
        shown: list[widgets.Widget] = []
        events = events_of(row, self.timeline)
        if len(events):
            area = FigureArea()
            area.show(timeline_strip(self.timeline, list(events["code"]), presenter=self.presenter))
            shown.append(area)
        for series in series_of(row):
            selection = ledger.select(self.indicators, series.indicator, [series.region])
            comparison = ledger.then_and_now(selection, series.region)
            area = FigureArea()
            if comparison is not None:
                area.show(ledger.then_and_now_chart(comparison, presenter=self.presenter))
            else:
                area.show(ledger.indicator_over_time(selection, presenter=self.presenter))
            shown.append(area)
        return shown

    @guarded
    def _start_talk(self, _button) -> None:
        chosen = pd.DataFrame([row for tick, row in self.choices if tick.value])
        name = self.talk_name.value.strip()
        if not name:
            self.started.value = html.banner("请先给讲稿起个名字。", "warning")
            return
        try:
            path = talk_from_points(chosen, self.guide, self.campaign.path, name, audience=self._chosen_audience())
        except CampaignkitError as exc:
            self.started.value = html.banner(str(exc), "warning")
            return
        self.started.value = html.banner(
            f"已生成讲稿 talks/{path.name}（{len(chosen)} 条要点）。用 JupyterLab 打开修改，在“宣讲稿”页面放映。", "ok"
        )


def guide_view(
    path: str | Path | None = None, *, statement: int | str | None = None, audience: str | None = None, presenter: bool = False
) -> widgets.Widget:
    """The guide for a campaign folder, e.g. ``guide_view(statement=3, audience="农牧民")``."""

    def build(campaign):
        return GuideView(campaign, statement=statement, audience=audience, presenter=presenter)

    return dashboard(path, build, tables=["guide", "timeline", "indicators"], page="guide.ipynb")
