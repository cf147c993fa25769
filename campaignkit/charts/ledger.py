"""Ledger figures: an indicator over time, and then-and-now. Pure: data in, Figure out."""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from ..ledger import Selection, ThenAndNow, fmt_number
from . import theme
from .common import add_badge, add_source_line, empty_figure


def indicator_over_time(selection: Selection, *, presenter: bool = False) -> go.Figure:
    """One line per region through the leading source's values; other sources'
    values for the same year as open diamonds (shown, never averaged)."""
    frame = selection.frame
    if frame.empty:
        return empty_figure(f"“{selection.indicator}”在所选地区和年份没有数据", presenter)
    unit = selection.unit or ""
    fig = go.Figure()
    for i, (region, rows) in enumerate(frame.groupby("region", sort=False)):
        colour = theme.PALETTE[i % len(theme.PALETTE)]
        main = rows[rows["primary"]]
        fig.add_trace(go.Scatter(
            x=main["year"], y=main["value"], name=region, mode="lines+markers+text" if len(main) <= 12 else "lines+markers",
            text=[fmt_number(v) for v in main["value"]], textposition="top center", line=dict(color=colour),
            marker=dict(color=colour), customdata=main[["source"]].to_numpy(),
            hovertemplate=f"{escape(region)} %{{x}}年：%{{y:,}}{escape(unit)}<br>来源：%{{customdata[0]}}<extra></extra>",
            meta={"role": "primary", "region": region},
        ))
        others = rows[~rows["primary"]]
        if len(others):
            fig.add_trace(go.Scatter(
                x=others["year"], y=others["value"], name=f"{region}（其他来源）", mode="markers",
                marker=dict(symbol="diamond-open", size=14 if not presenter else 20, color=colour, line=dict(width=2)),
                customdata=others[["source"]].to_numpy(),
                hovertemplate=f"{escape(region)} %{{x}}年：%{{y:,}}{escape(unit)}<br>来源：%{{customdata[0]}}<extra></extra>",
                meta={"role": "other-source", "region": region},
            ))
    fig.update_layout(
        template=theme.template_name(presenter),
        title=f"{escape(selection.indicator)}（{escape(unit)}）" if unit else escape(selection.indicator),
        yaxis_title=escape(unit), xaxis=dict(dtick=1, tickformat="d"), hovermode="closest",
    )
    add_source_line(fig, selection.sources, selection.notes, presenter)
    return add_badge(fig, selection.illustrative, presenter)


def then_and_now_chart(comparison: ThenAndNow, *, presenter: bool = False) -> go.Figure:
    """Two bars, first and last year, labelled with the value; the change in the title."""
    unit = comparison.unit or ""
    years = [f"{comparison.start_year}年", f"{comparison.end_year}年"]
    values = [comparison.start_value, comparison.end_value]
    fig = go.Figure(go.Bar(
        x=years, y=values, text=[f"{fmt_number(v)}{unit}" for v in values], textposition="outside",
        marker=dict(color=[theme.PALETTE[5], theme.PALETTE[0]]), cliponaxis=False,
        hovertemplate="%{x}：%{y:,}" + escape(unit) + "<extra></extra>",
    ))
    fig.update_layout(template=theme.template_name(presenter), title=escape(_headline(comparison)),
                      yaxis=dict(title=escape(unit), rangemode="tozero"), showlegend=False, bargap=0.45)
    notes = [comparison.caveat] if comparison.caveat else []
    add_source_line(fig, comparison.sources, notes, presenter)
    return add_badge(fig, comparison.illustrative, presenter)


def _headline(c: ThenAndNow) -> str:
    head = f"{c.region}{c.indicator}：{c.start_year}→{c.end_year}年"
    if c.unit == "%":
        return f"{head}，{'提高' if c.change >= 0 else '下降'} {fmt_number(abs(c.change))} 个百分点"
    if c.multiple is not None and c.multiple >= 2:
        return f"{head}，增长到 {c.multiple:.1f} 倍"
    if c.percent is not None:
        return f"{head}，{'增长' if c.change >= 0 else '下降'} {abs(c.percent):.1f}%"
    return head
