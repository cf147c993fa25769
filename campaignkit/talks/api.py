"""What a talk notebook calls: ``talk.then_and_now(...)``, ``talk.chart(...)``,
``talk.event(...)``, ``talk.point(...)``, ``talk.benefit_summary(...)``.

Each call draws from the campaign's data and displays one part of a slide: a sentence or
card (HTML, with its source line and the 示例 badge when anything in it is invented) and,
for most, a chart (plotly, with the same source line and badge inside the figure). In
JupyterLab the trainer sees both; the talk builder (:mod:`.build`) reads the same outputs
from the executed notebook. A call that names something the campaign lacks stops the cell
with a Chinese message that says what is there instead.
"""

from __future__ import annotations

import os
import sys
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from .. import benefits, blueprint, guide, honors, ledger, timeline
from ..core.campaign import Campaign
from ..core.frames import any_illustrative
from ..errors import CampaignkitError, did_you_mean
from ..load import check_campaign
from ..ui import html as ui_html
from ..ui.charts import figure_json, source_text

PART_MIME = "application/vnd.campaignkit.slide-part+json"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
CARD_STYLE = "font-size:26px;line-height:1.6;margin:8px 0;"


class TalkError(CampaignkitError):
    """A talk names something the campaign does not have (message in Chinese)."""


class Part:
    """One part of a slide: HTML and/or a figure. Displays itself as two outputs (the
    HTML, then the chart), so JupyterLab shows both and the builder reads both."""

    def __init__(self, html: str = "", figure: go.Figure | None = None, *, illustrative: bool = False):
        self.html, self.figure, self.illustrative = html, figure, illustrative

    def _ipython_display_(self) -> None:
        if self.html:
            display({PART_MIME: {"html": self.html, "illustrative": self.illustrative}, "text/html": self.html}, raw=True)
        if self.figure is not None:
            display({PLOTLY_MIME: figure_json(self.figure)}, raw=True)


def _sources_line(frame: pd.DataFrame) -> str:
    return f'<div class="ck-source">{source_text(frame)}</div>'


def _card(body: str, *, sources: pd.DataFrame | None, illustrative: bool, css_class: str) -> str:
    badge = ui_html.ILLUSTRATIVE_BADGE if illustrative else ""
    source = _sources_line(sources) if sources is not None else ""
    return f'<div class="{css_class}" style="{CARD_STYLE}">{body}{badge}{source}</div>'


def _flag(row: pd.Series) -> bool:
    value = row.get("illustrative")
    return bool(value) if pd.notna(value) else False


class Talk:
    """The campaign a talk draws from (``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample),
    loaded on first use, leniently: rows with errors are left out, as on the dashboards."""

    def __init__(self, path: str | Path | None = None, *, presenter: bool = True):
        self.path, self.presenter = path, presenter

    @cached_property
    def campaign(self) -> Campaign:
        return check_campaign(self.path)

    def _table(self, name: str) -> pd.DataFrame:
        return self.campaign.tables[name]

    # -- the ledger -----------------------------------------------------------------
    def _selection(self, indicator: str, regions: list[str] | None) -> ledger.Selection:
        indicators = self._table("indicators")
        if indicator not in set(indicators["indicator"]):
            hint = did_you_mean(indicator, indicators["indicator"]) or "请照指标表中的名称一字不差地写。"
            raise TalkError(f"发展账指标表中没有指标“{indicator}”。{hint}")
        selection = ledger.select(indicators, indicator, regions)
        missing = [r for r in regions or [] if r not in set(selection.frame["region"])]
        if missing:
            regions_with_data = sorted(indicators.loc[indicators["indicator"] == indicator, "region"].unique())
            hint = did_you_mean(missing[0], regions_with_data) or f"有数据的地区：{'、'.join(regions_with_data)}"
            raise TalkError(f"指标“{indicator}”没有“{'、'.join(missing)}”的数据。{hint}")
        return selection

    def then_and_now(self, indicator: str, region: str, start: int | None = None, end: int | None = None) -> Part:
        """The indicator's first and last year with data in [start, end]: a sentence and two bars."""
        selection = self._selection(indicator, [region])
        comparison = ledger.then_and_now(selection, region, start, end)
        if comparison is None:
            years = sorted(selection.frame["year"].unique())
            raise TalkError(
                f"{region}“{indicator}”在 {start or '最早'}—{end or '最近'} 年之间不到两个年份的数据，无法前后对比；"
                f"有数据的年份：{'、'.join(map(str, years))}"
            )
        body = escape(comparison.sentence()) + (
            f'<div class="ck-caveat">{escape(comparison.caveat)}</div>' if comparison.caveat else ""
        )
        card = _card(body, sources=comparison.sources, illustrative=comparison.illustrative, css_class="ck-then-now")
        chart = ledger.then_and_now_chart(comparison, presenter=self.presenter)
        return Part(card, chart, illustrative=comparison.illustrative)

    def chart(self, indicator: str, regions: str | list[str] | None = None, years: tuple[int, int] | None = None) -> Part:
        """The indicator over the years, one line per region (every source's value shown)."""
        regions = [regions] if isinstance(regions, str) else regions
        selection = self._selection(indicator, regions)
        if years is not None:
            selection = selection.between(*years)
        figure = ledger.indicator_over_time(selection, presenter=self.presenter)
        return Part(figure=figure, illustrative=selection.illustrative)

    # -- history and the guide --------------------------------------------------------
    def event(self, code: str, *, strip: bool = True) -> Part:
        """One event of the timeline by its 编号: a card, and the timeline strip with it marked."""
        events = self._table("timeline")
        rows = events[events["code"] == code] if "code" in events.columns else events.iloc[0:0]
        if rows.empty:
            raise TalkError(f"历史大事表中没有编号为“{code}”的事件。请先在历史大事表中补上（带来源），或改正编号。")
        row = rows.iloc[0]
        place = f"（{escape(str(row['place']))}）" if pd.notna(row.get("place")) else ""
        when = timeline.parse_when(row["when"])  # 1945年2月21日, not the sheet's 1945-02-21
        body = f"<b>{escape(when.label if when else str(row['when']))}</b>{place}：{escape(str(row['event']))}"
        illustrative = _flag(row)
        card = _card(body, sources=rows[["source", "source_url"]], illustrative=illustrative, css_class="ck-event")
        figure = guide.timeline_strip(events, [code], presenter=self.presenter) if strip else None
        return Part(card, figure, illustrative=illustrative)

    def point(self, statement: str | int, number: int = 1, *, plain: bool = True) -> Part:
        """A point of the guide: ``talk.point(3, 1)`` is the first point of the third statement
        (or name the statement in full). Shows the point, the fact, the plain words and the source."""
        table = self._table("guide")
        if isinstance(statement, int):
            if not 1 <= statement <= len(guide.STATEMENTS):
                raise TalkError(f"“六句话”只有 {len(guide.STATEMENTS)} 句，没有第 {statement} 句。")
            statement = guide.STATEMENTS[statement - 1]
        rows = guide.points(table, statement)
        if rows.empty:
            raise TalkError(f"辅导书中还没有“{statement}”的要点。")
        if not 1 <= number <= len(rows):
            raise TalkError(f"辅导书中“{statement}”只有 {len(rows)} 个要点，没有第 {number} 个。")
        row = rows.iloc[number - 1]
        body = f"<b>{escape(str(row['point']))}</b><br>{escape(str(row['fact']))}"
        if plain and pd.notna(row.get("plain")):
            body += f'<div class="ck-plain" style="margin-top:8px;color:#1f3b57;">通俗地说：{escape(str(row["plain"]))}</div>'
        illustrative = _flag(row)
        card = _card(
            body, sources=rows.iloc[[number - 1]][["source", "source_url"]], illustrative=illustrative, css_class="ck-point"
        )
        return Part(card, illustrative=illustrative)

    # -- exemplars ----------------------------------------------------------------------
    def exemplar(self, name: str) -> Part:
        """One exemplar (先进典型) by name, or the start of it (``talk.exemplar("殷玉珍")``): the
        plain sentence, the deeds, honour and year, and the source — one slide."""
        table = self._table("exemplars")
        rows = table[table["name"].astype(str).str.startswith(name)] if len(table) else table
        if rows.empty:
            have = "现有：" + ("、".join(table["name"].astype(str).tolist()[:12]) or "（没有）")
            raise TalkError(f"先进典型表中没有“{name}”。{did_you_mean(name, table['name'].astype(str)) or have}")
        row = rows.iloc[0]
        plain = (
            f'<div class="ck-plain" style="color:#7a1f1f;font-weight:bold;">{escape(str(row["plain"]))}</div>'
            if pd.notna(row.get("plain"))
            else ""
        )
        body = f"<b>{escape(str(row['name']))}</b>（{escape(honors.subtitle(row))}）{plain}<div>{escape(str(row['deeds']))}</div>"
        illustrative = _flag(row)
        card = _card(body, sources=rows.iloc[[0]][["source", "source_url"]], illustrative=illustrative, css_class="ck-exemplar")
        return Part(card, illustrative=illustrative)

    # -- the blueprint ------------------------------------------------------------------
    def blueprint(self, domain: str | None = None, *, detail: bool = False) -> Part:
        """The five-year targets (of one 领域, or all): where they stand, in a sentence and a chart.
        ``detail=True`` says each target in a sentence of its own (a long list: one 领域 per slide)."""
        progress = blueprint.progress(self._table("blueprint"))
        if domain is not None:
            domains = list(dict.fromkeys(progress["domain"]))
            if domain not in domains:
                hint = did_you_mean(domain, domains) or f"可选：{'、'.join(domains)}"
                raise TalkError(f"发展蓝图中没有领域“{domain}”。{hint}")
            progress = progress[progress["domain"] == domain]
        if progress.empty:
            raise TalkError("还没有发展蓝图数据（blueprint 表）。")
        illustrative = any_illustrative(progress)
        if detail:
            sentences = "".join(f"<li>{escape(blueprint.explain(row))}</li>" for _, row in progress.iterrows())
            body = f"<ul style='margin:0'>{sentences}</ul>"
        else:
            body = f"<span>{escape(blueprint.overview(progress))}</span>"  # inline: the 示例 badge follows it
        sources = progress[["source"]].dropna().drop_duplicates() if "source" in progress.columns else None
        card = _card(body, sources=sources, illustrative=illustrative, css_class="ck-blueprint")
        return Part(card, blueprint.blueprint_board(progress, presenter=self.presenter), illustrative=illustrative)

    # -- benefits -----------------------------------------------------------------------
    def benefit_summary(self, years: tuple[int, int] | None = None, unit: str | None = None, by: str = "item") -> Part:
        """Benefit totals as the meeting page publishes them (small groups hidden)."""
        try:
            summary = benefits.benefit_summary(self.campaign, years=years, unit=unit, by=by, presenter=self.presenter)
        except CampaignkitError as exc:
            raise TalkError(str(exc)) from None
        card = _card(escape(summary.sentence), sources=None, illustrative=summary.illustrative, css_class="ck-benefits")
        return Part(card, summary.figure, illustrative=summary.illustrative)


DECK_BUILD_ENV = "CAMPAIGNKIT_DECK_BUILD"  # set in the kernel that builds a deck from a talk notebook


def _one_line_errors() -> None:
    """In a trainer's JupyterLab a talk's mistake shows as one Chinese line, not a red
    traceback with the message at its bottom. A deck build keeps the error as it is: it reports
    it with the cell's number."""
    if os.environ.get(DECK_BUILD_ENV):
        return
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def show(shell, kind, error, traceback, tb_offset=None):
        print(f"讲稿有一处要改：{error}", file=sys.stderr)

    shell.set_custom_exc((CampaignkitError,), show)


class _LazyTalk:
    """``from campaignkit.talks import talk``: the campaign is loaded at the first call."""

    _talk: Talk | None = None

    def __getattr__(self, name: str) -> Any:
        if self._talk is None:
            _one_line_errors()
            type(self)._talk = Talk()
        return getattr(self._talk, name)


talk = _LazyTalk()
