"""The timeline dashboard (历史大事): the events of every level on one zoomable year axis,
filtered by level and period; each event with its time, place and source; the chosen event
beside the development ledger's figures of its year."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.campaign import Campaign
from ..core.fmt import dates_in_words
from ..ui import html, theme
from ..ui.view import FigureArea, View, dashboard, guarded, wide_labels
from . import compute
from .charts import timeline_chart

SHORT_EVENT = 22  # characters of an event in the picker


def event_label(row: pd.Series) -> str:
    text = str(row["event"])
    short = text if len(text) <= SHORT_EVENT else text[:SHORT_EVENT] + "…"
    code = f"{row['code']} " if isinstance(row.get("code"), str) and row.get("code") else ""
    return f"{code}{row['when_label']}：{short}"


def source_html(row: pd.Series) -> str:
    name, url = row.get("source"), row.get("source_url")
    if not isinstance(name, str) or not name:
        return "未注明来源"
    name = dates_in_words(name)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url)}" target="_blank">{html.escape(name)}</a>'
    return html.escape(name)


def ledger_html(indicators: pd.DataFrame, event: pd.Series, presenter: bool = False) -> str:
    """The ledger's then-and-now for the year of ``event``, as sentences with their sources."""
    year, found = compute.ledger_then_and_now(indicators, float(event["start"]), float(event["end"]))
    size, note = theme.text_size("card", presenter), theme.note_size("card", presenter)
    head = f"<h3>{html.escape(event_label(event))}</h3>"
    if year is None:
        first = int(indicators["year"].min()) if len(indicators) else None
        since = f"发展账从 {first} 年开始，" if first else "发展账里还没有数字，"
        return head + html.banner(f"{since}这件事那一年还没有发展账的数字。可以讲讲那时的情形，再看今天的发展账。", "info")
    items = []
    for c in found:
        badge = html.ILLUSTRATIVE_BADGE if c.illustrative else ""
        sources = html.escape(dates_in_words(c.start_source)) + (
            "" if c.end_source == c.start_source else f"；{html.escape(dates_in_words(c.end_source))}"
        )
        items.append(
            f'<li class="ck-card" style="font-size:{size}px;line-height:1.6;margin:4px 0;">{html.escape(c.sentence())}{badge}'
            f'<div style="font-size:{note}px;color:#444;">来源：{sources}</div></li>'
        )
    return (
        head
        + f"<p>这件事发生的 {year} 年，发展账上的数字和最近一年比：</p>"
        + f'<ul class="ck-then-now" style="padding-left:1.2em;">{"".join(items)}</ul>'
    )


def events_table(events: pd.DataFrame, presenter: bool = False) -> str:
    """Every shown event with its time, place, level and source (a link where there is one)."""
    if events.empty:
        return ""
    size = theme.text_size("card", presenter) - 4
    cell = f"border:1px solid #bbb;padding:4px 8px;vertical-align:top;font-size:{size}px;line-height:1.5;"
    head = "".join(f'<th style="{cell}background:#eef2f7;">{h}</th>' for h in ("编号", "时间", "事件", "地点", "级别", "来源"))
    rows = []
    for _, row in events.iterrows():
        badge = html.ILLUSTRATIVE_BADGE if bool(row.get("illustrative", False)) else ""
        values = [
            html.escape(str(row.get("code") or "")),
            html.escape(row["when_label"]),
            html.escape(str(row["event"])) + badge,
            html.escape(str(row.get("place") or "")),
            html.escape(str(row.get("level") or "未注明")),
            source_html(row),
        ]
        rows.append("<tr>" + "".join(f'<td style="{cell}">{v}</td>' for v in values) + "</tr>")
    return (
        f'<table class="ck-events" style="border-collapse:collapse;width:100%;"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def events_list(events: pd.DataFrame) -> str:
    """The events for a phone: one card each (a six-column table does not fit 390 px), headed by
    the date as people say it; the table's internal 编号 (E01…) is for trainers, not the hall."""
    items = []
    for _, row in events.iterrows():
        badge = html.ILLUSTRATIVE_BADGE if bool(row.get("illustrative", False)) else ""
        where = " · ".join(html.escape(str(v)) for v in (row.get("place"), row.get("level")) if isinstance(v, str) and v)
        items.append(
            f'<li class="ck-event"><b>{html.escape(row["when_label"])}</b>'
            f"{'（' + where + '）' if where else ''}<br>{html.escape(str(row['event']))}{badge}"
            f'<div class="ck-source">来源：{source_html(row)}</div></li>'
        )
    return f'<ul class="ck-events" style="list-style:none;padding:0;">{"".join(items)}</ul>'


class TimelineView(View):
    """Presets: ``levels`` (e.g. ``["旗", "镇"]``), ``years`` (``(1927, 1950)``), ``event`` (an 编号)."""

    def __init__(
        self,
        campaign: Campaign,
        *,
        levels: list[str] | tuple[str, ...] | None = None,
        years: tuple[int, int] | None = None,
        event: str | None = None,
        presenter: bool = False,
        **kwargs,
    ):
        super().__init__(presenter=presenter, **kwargs)
        self._quiet = False
        self.timeline = campaign.tables["timeline"]
        self.indicators = campaign.tables["indicators"]
        self.level_boxes = {
            level: widgets.Checkbox(value=True, description=level, indent=False, layout=widgets.Layout(width="auto"))
            for level in compute.levels_of(self.timeline)
        }
        low, high = compute.year_span(self.timeline)
        self.years = self.year_control(low, high)
        self.event = widgets.Dropdown(description="看一件事：", layout=widgets.Layout(width="min(100%, 760px)"))
        wide_labels(self.event)
        self.chart = FigureArea()
        self.beside = widgets.HTML()
        self.table = widgets.HTML()
        if levels is not None:
            unknown = [lv for lv in levels if lv not in self.level_boxes]
            if unknown:
                self._notes.append(f"历史大事里没有级别“{'、'.join(map(str, unknown))}”的事件，已显示全部级别。")
            else:
                for level, box in self.level_boxes.items():
                    box.value = level in levels
        if years is not None:
            self.preset_years(years)
        for box in self.level_boxes.values():
            box.observe(self._on_filter, names="value")
        self.years.observe(self._on_filter, names="value")
        self.event.observe(self._on_event, names="value")
        self.children = [
            widgets.HBox([widgets.Label("级别："), *self.level_boxes.values()], layout=widgets.Layout(flex_flow="row wrap")),
            self.years,
            self.status,
            self.chart,
            self.event,
            self.beside,
            widgets.HTML("<h3>事件和来源</h3>"),
            self.table,
        ]
        self.refresh()
        if event is not None:
            self.preset(self.event, event, "事件编号")
        self.show_notes()

    def chosen_levels(self) -> list[str]:
        return [level for level, box in self.level_boxes.items() if box.value]

    def shown(self) -> pd.DataFrame:
        return compute.select(self.timeline, self.chosen_levels(), self.span())

    @guarded
    def _on_filter(self, change) -> None:
        self.refresh(self.event.value)

    @guarded
    def _on_event(self, change) -> None:
        if not self._quiet:
            self._draw_event(self.shown())

    def refresh(self, keep: str | None = None) -> None:
        """Filter, list the events, keep the chosen one if it is still shown, draw."""
        events = self.shown()
        codes = events["code"].fillna("").tolist() if "code" in events.columns else [""] * len(events)
        options = [(event_label(row), code or str(i)) for (i, row), code in zip(events.iterrows(), codes)]
        values = [v for _, v in options]
        self._quiet = True  # one drawing below, not one per trait change
        try:
            self.event.options = options
            # The latest event by default: the one most likely to have ledger figures beside it.
            self.event.value = keep if keep in values else (values[-1] if values else None)
        finally:
            self._quiet = False
        self.table.value = events_table(events, self.presenter)
        self._draw_event(events)

    def _draw_event(self, events: pd.DataFrame) -> None:
        chosen = self.event.value
        self.chart.show(timeline_chart(events, chosen=chosen, presenter=self.presenter))
        match = events[events["code"] == chosen] if "code" in events.columns else events.iloc[0:0]
        if match.empty and chosen is not None and str(chosen).isdigit() and int(chosen) < len(events):
            match = events.iloc[[int(chosen)]]
        self.beside.value = ledger_html(self.indicators, match.iloc[0], self.presenter) if len(match) else ""


def timeline_view(
    path: str | Path | None = None,
    *,
    levels: list[str] | tuple[str, ...] | None = None,
    years: tuple[int, int] | None = None,
    event: str | None = None,
    presenter: bool = False,
) -> widgets.Widget:
    """The timeline for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``timeline_view(levels=["旗", "镇"], years=(1927, 1950), event="E14")``."""
    return dashboard(
        path,
        lambda c: TimelineView(c, levels=levels, years=years, event=event, presenter=presenter),
        tables=["timeline", "indicators"],
    )
