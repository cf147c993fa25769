"""Ledger figures: an indicator over time, and then-and-now. Pure: data in, Figure out."""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from ..core.fmt import cn_quantity, fmt_number
from ..ui import theme
from ..ui.charts import empty_figure, figure
from .compute import Selection, ThenAndNow


def indicator_over_time(selection: Selection, *, presenter: bool = False) -> go.Figure:
    """One line per region through the leading source's values; other sources'
    values for the same year as open diamonds (shown, never averaged)."""
    frame = selection.frame
    if frame.empty:
        return empty_figure(f"“{selection.indicator}”在所选地区和年份没有数据", presenter)
    unit = escape(selection.unit or "")
    data = []
    for i, (region, rows) in enumerate(frame.groupby("region", sort=False)):
        colour = theme.PALETTE[i % len(theme.PALETTE)]
        hover = f"{escape(region)} %{{x}}年：%{{text}}<br>来源：%{{customdata}}<extra></extra>"
        main = rows[rows["primary"]]
        data.append(
            dict(
                type="scatter",
                x=main["year"].tolist(),
                y=main["value"].tolist(),
                name=escape(region),  # plotly renders markup in names: names from files are text
                mode="lines+markers+text" if len(main) <= 12 else "lines+markers",
                text=[cn_quantity(v, selection.unit or "") for v in main["value"]],
                textposition="top center",
                line=dict(color=colour),
                marker=dict(color=colour),
                customdata=[escape(str(s)) for s in main["source"]],
                hovertemplate=hover,
                meta={"role": "primary", "region": region},
            )
        )
        others = rows[~rows["primary"]]
        if len(others):
            data.append(
                dict(
                    type="scatter",
                    x=others["year"].tolist(),
                    y=others["value"].tolist(),
                    name=f"{escape(region)}（其他来源）",
                    mode="markers",
                    text=[cn_quantity(v, selection.unit or "") for v in others["value"]],
                    customdata=[escape(str(s)) for s in others["source"]],
                    hovertemplate=hover,
                    marker=dict(symbol="diamond-open", size=20 if presenter else 14, color=colour, line=dict(width=2)),
                    meta={"role": "other-source", "region": region},
                )
            )
    title = f"{escape(selection.indicator)}（{unit}）" if unit else escape(selection.indicator)
    # From zero, as the hall reads a height (issue 25: a population axis from 2,400万 made a 4 %
    # change look like a doubling); a quantity that goes below zero keeps plotly's range.
    rangemode = "tozero" if (frame["value"] >= 0).all() else "normal"
    layout = dict(
        title=dict(text=title),
        yaxis=dict(title=dict(text=unit), rangemode=rangemode),
        xaxis=dict(dtick=1, tickformat="d"),
        hovermode="closest",
    )
    return figure(
        data, layout, sources=selection.sources, notes=selection.notes, illustrative=selection.illustrative, presenter=presenter
    )


def then_and_now_chart(comparison: ThenAndNow, *, presenter: bool = False) -> go.Figure:
    """Two bars, first and last year, labelled with the value; the change in the title."""
    unit = comparison.unit or ""
    values = [comparison.start_value, comparison.end_value]
    data = [
        dict(
            type="bar",
            x=[f"{comparison.start_year}年", f"{comparison.end_year}年"],
            y=values,
            text=[cn_quantity(v, unit) for v in values],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=[theme.PALETTE[5], theme.PALETTE[0]]),
            hovertemplate="%{x}：%{text}<extra></extra>",
        )
    ]
    layout = dict(
        title=dict(text=escape(_headline(comparison))),
        showlegend=False,
        bargap=0.45,
        yaxis=dict(title=dict(text=escape(unit)), rangemode="tozero"),
    )
    return figure(
        data,
        layout,
        sources=comparison.sources,
        notes=[comparison.caveat] if comparison.caveat else [],
        illustrative=comparison.illustrative,
        presenter=presenter,
    )


def _headline(c: ThenAndNow) -> str:
    head = f"{c.region}{c.indicator}：{c.start_year}→{c.end_year}年"
    if c.unit == "%":
        return f"{head}，{'提高' if c.change >= 0 else '下降'} {fmt_number(abs(c.change))} 个百分点"
    if c.multiple is not None and c.multiple >= 2:
        return f"{head}，增长到 {c.multiple:.1f} 倍"
    if c.percent is not None:
        return f"{head}，{'增长' if c.change >= 0 else '下降'} {abs(c.percent):.1f}%"
    return head
