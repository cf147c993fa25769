""" "记一笔走访" on the door-visit page: this household's visit records (corrections marked) and a
short form that appends one more — through the same checks and the same store as the phone
form, so a record written at the kitchen table and one sent from a phone are one log."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core import clock
from ..core.fmt import cn_date
from ..forms.answers import SubmissionError
from ..forms.service import CampaignForms
from ..ui import html, theme
from ..ui.view import InputError, guarded, wide_labels
from .data import OutreachData
from .entry import record_visit
from .tables import STATUSES

NO_DEMAND = "没有诉求"
NOT_A_CORRECTION = "不是更正（新记一笔）"
STATUS_NAMES = {"已办结": "done", "办理中": "doing", "未办": "not_yet"}


class VisitPanel(widgets.VBox):
    """Call :meth:`show` with a household id; the panel lists and records its visits."""

    def __init__(self, campaign_dir: Path, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(campaign_dir)
        self.forms = CampaignForms(self.folder)
        self.household_id: str | None = None
        style = {"description_width": "initial"}
        self.records = widgets.HTML()
        self.date = widgets.DatePicker(description="走访日期：", value=clock.today(), style=style)
        self.cadre = widgets.Text(description="走访干部：", placeholder="谁去的", style=style)
        self.topics = widgets.Text(description="走访内容：", placeholder="讲了什么、算了什么账", style=style)
        self.demand = widgets.Textarea(description="群众诉求：", placeholder="没有就不填", style=style)
        self.handling = widgets.Dropdown(description="办理情况：", options=[NO_DEMAND, *STATUSES], style=style)
        self.closed_on = widgets.DatePicker(description="办结日期：", style=style)
        self.corrects = widgets.Dropdown(description="更正：", options=[NOT_A_CORRECTION], style=style)
        self.save = widgets.Button(
            description="记一笔走访", button_style="primary", layout=widgets.Layout(width="200px", height="44px")
        )
        self.message = widgets.HTML()
        self.status = widgets.HTML()  # where @guarded puts a problem with the input
        wide_labels(self.cadre, self.topics, self.demand, self.handling, self.corrects)
        self.save.on_click(self._on_save)
        self.children = [
            widgets.HTML("<h3>走访记录</h3>"),
            self.records,
            widgets.HTML("<h4>记一笔走访</h4>"),
            widgets.HBox([self.date, self.cadre]),
            self.topics,
            self.demand,
            widgets.HBox([self.handling, self.closed_on]),
            self.corrects,
            self.save,
            self.status,
            self.message,
        ]

    def show(self, household_id: str) -> None:
        self.household_id = household_id
        self.message.value = ""
        self._draw()

    def _draw(self) -> None:
        log = OutreachData(self.folder).log
        mine = log.records[log.records["household_id"] == self.household_id].sort_values(["date", "record_id"])
        corrected = set(log.records["supersedes"].dropna())
        size = theme.text_size("list")
        if mine.empty:
            self.records.value = f'<p style="font-size:{size}px;">这一户还没有走访记录。</p>'
        else:
            items = []
            for r in mine.itertuples(index=False):
                topics = f"：{escape(r.topics)}" if isinstance(r.topics, str) else ""
                demand = (
                    f"{'；' if topics else '：'}诉求：{escape(str(r.demand))}（{escape(str(r.status))}"
                    if isinstance(r.demand, str)
                    else ""
                )
                if demand:
                    demand += f"，{cn_date(r.closed_on.date())}办结）" if pd.notna(r.closed_on) else "）"
                mark = "<b>【已被更正】</b>" if r.record_id in corrected else ""
                fixes = f"（更正 {escape(str(r.supersedes))}）" if isinstance(r.supersedes, str) else ""
                items.append(
                    f"<li>{mark}{cn_date(r.date.date())} {escape(str(r.cadre))}{topics}{demand}"
                    f'　<span style="color:#555;">编号 {escape(str(r.record_id))}{fixes}</span></li>'
                )
            self.records.value = f'<ul class="ck-visits" style="font-size:{size}px;line-height:1.7;">{"".join(items)}</ul>'
        current = mine[~mine["record_id"].isin(corrected)]
        self.corrects.options = [
            NOT_A_CORRECTION,
            *[(f"{cn_date(r.date.date())} {r.cadre}（{r.record_id}）", r.record_id) for r in current.itertuples(index=False)],
        ]
        self.corrects.value = NOT_A_CORRECTION

    def fields(self) -> dict[str, list[str]]:
        """What the form sends, as the phone form would post it."""
        if self.date.value is None:
            raise InputError("请选走访日期。")
        fields = {"household_id": [self.household_id], "date": [self.date.value.isoformat()], "cadre": [self.cadre.value]}
        for name, control in (("topics", self.topics), ("demand", self.demand)):
            if control.value.strip():
                fields[name] = [control.value]
        if self.handling.value != NO_DEMAND:
            if self.handling.value not in STATUS_NAMES:
                raise InputError("办理情况无法识别。")
            fields["status"] = [STATUS_NAMES[self.handling.value]]
        if self.closed_on.value is not None:
            fields["closed_on"] = [self.closed_on.value.isoformat()]
        if self.corrects.value != NOT_A_CORRECTION:
            fields["supersedes"] = [str(self.corrects.value)]
        return fields

    @guarded
    def _on_save(self, _button) -> None:
        if not self.household_id:
            raise InputError("请先查找一户。")
        try:
            record = record_visit(self.forms, self.fields())
        except SubmissionError as exc:
            self.message.value = html.banner(f"没有记下：{exc}", "error")
            return
        self.demand.value = self.topics.value = ""
        self.handling.value = NO_DEMAND
        self.closed_on.value = None
        self._draw()
        self.message.value = html.banner(f"已记下（记录编号 {record}）。写错了就再记一笔，在“更正”里选这一条。", "ok")
