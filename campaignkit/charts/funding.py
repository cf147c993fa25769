"""Funding figures: by government level per year, and each level's share in total."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..funding import UNSPLIT
from ..ledger import fmt_number
from . import theme
from .common import add_badge, add_source_line, empty_figure


def _colour(level: str) -> str:
    return theme.LEVEL_COLOURS.get(level, "#999999")


def funding_by_level(tidy: pd.DataFrame, sources: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Stacked bars: each year's funding (万元) split by 中央/自治区/市级/旗级/镇级."""
    if tidy.empty:
        return empty_figure("所选范围内没有项目资金数据", presenter)
    fig = go.Figure()
    for level, rows in tidy.groupby("level", sort=False):
        fig.add_trace(go.Bar(
            x=rows["year"], y=rows["amount"], name=level, marker=dict(color=_colour(level)),
            customdata=(rows["share"] * 100).round(1), meta={"level": level},
            hovertemplate=f"%{{x}}年 {level}：%{{y:,.1f}}万元（占 %{{customdata}}%）<extra></extra>",
        ))
    totals = tidy.groupby("year")["amount"].sum()
    fig.add_trace(go.Scatter(x=totals.index, y=totals.values, mode="text", text=[fmt_number(v) for v in totals.values],
                             textposition="top center", showlegend=False, hoverinfo="skip", meta={"role": "totals"}))
    fig.update_layout(template=theme.template_name(presenter), barmode="stack", title="各级财政投入（万元）",
                      yaxis_title="万元", xaxis=dict(dtick=1, tickformat="d"))
    add_source_line(fig, sources, [], presenter)
    return add_badge(fig, illustrative, presenter)


def funding_shares(totals: pd.DataFrame, sources: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Horizontal bars: each level's total and share, labelled in words and numbers."""
    if totals.empty:
        return empty_figure("所选范围内没有项目资金数据", presenter)
    rows = totals.iloc[::-1]
    fig = go.Figure(go.Bar(
        y=rows["level"], x=rows["amount"], orientation="h", marker=dict(color=[_colour(l) for l in rows["level"]]),
        text=[f"{fmt_number(a)}万元（{s * 100:.1f}%）" for a, s in zip(rows["amount"], rows["share"])],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}：%{x:,.1f}万元<extra></extra>",
    ))
    note = [f"“{UNSPLIT}”是只填了资金合计、没有分级的项目。"] if UNSPLIT in set(totals["level"]) else []
    fig.update_layout(template=theme.template_name(presenter), title="钱从哪里来：各级资金合计与占比",
                      xaxis=dict(title="万元", range=[0, float(totals["amount"].max()) * 1.45]), showlegend=False)
    add_source_line(fig, sources, note, presenter)
    return add_badge(fig, illustrative, presenter)
