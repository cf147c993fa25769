"""Benefit figures for meetings: aggregates only (never a household)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..core.disclosure import MIN_COUNT
from ..core.fmt import cn_quantity
from ..ui import theme
from ..ui.charts import empty_figure, figure

SOURCE = pd.DataFrame({"source": ["本活动一卡通发放明细汇总"]})
SUPPRESSED_NOTE = f"不足 {MIN_COUNT} 户的组合不显示金额；能据其他数字推算出它们的，也一并隐去，以免认出具体人家。"


def benefit_trend(by_year: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Total paid per year (bars, 万元) and the per-household average (line, 元)."""
    shown = by_year[~by_year["suppressed"]]
    if shown.empty:
        return empty_figure("所选范围内没有可以显示的发放数据", presenter)
    data = [
        dict(
            type="bar",
            x=shown["year"].tolist(),
            y=(shown["amount"] / 1e4).round(2).tolist(),
            name="发放总额（万元）",
            marker=dict(color=theme.PALETTE[0]),
            text=[cn_quantity(v, "元") for v in shown["amount"]],
            # Inside the bar, at its top: outside labels ran into the average line's markers.
            textposition="inside",
            insidetextanchor="end",
            textfont=dict(color="white"),
            hovertemplate="%{x}年：%{text}<extra></extra>",
            meta={"role": "total"},
        ),
        dict(
            type="scatter",
            x=shown["year"].tolist(),
            y=shown["average"].round(0).tolist(),
            name="户均（元）",
            yaxis="y2",
            mode="lines+markers",
            line=dict(color=theme.PALETTE[1]),
            text=[cn_quantity(v, "元") for v in shown["average"].round(0)],  # for the hover only (mode has no text)
            hovertemplate="%{x}年 户均：%{text}<extra></extra>",
            meta={"role": "average"},
        ),
    ]
    layout = dict(
        title=dict(text="惠民资金逐年发放"),
        xaxis=dict(dtick=1, tickformat="d"),
        yaxis=dict(title=dict(text="万元"), rangemode="tozero"),
        yaxis2=dict(
            title=dict(text="户均（元）"), overlaying="y", side="right", rangemode="tozero", showgrid=False, tickmode="auto"
        ),
    )
    notes = [SUPPRESSED_NOTE] if by_year["suppressed"].any() else []
    return figure(data, layout, sources=SOURCE, notes=notes, illustrative=illustrative, presenter=presenter)


def benefit_breakdown(frame: pd.DataFrame, by: str, label: str, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Horizontal bars of the total per ``by`` (item, level or village), largest at the top."""
    shown = frame[~frame["suppressed"]].sort_values("amount")
    if shown.empty:
        return empty_figure("所选范围内没有可以显示的发放数据", presenter)
    total = shown["amount"].sum()
    colours = [theme.LEVEL_COLOURS.get(v, theme.PALETTE[0]) for v in shown[by]] if by == "funding_level" else theme.PALETTE[0]
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(v)) for v in shown[by]],  # plotly renders markup in labels: names from files are text
            x=(shown["amount"] / 1e4).round(2).tolist(),
            marker=dict(color=colours),
            cliponaxis=False,
            textposition="outside",
            text=[
                f"{cn_quantity(a, '元')}（{a / total * 100:.1f}%），{int(h)}户"
                for a, h in zip(shown["amount"], shown["households"])
            ],
            customdata=[cn_quantity(a, "元") for a in shown["amount"]],
            hovertemplate="%{y}：%{customdata}<extra></extra>",
        )
    ]
    layout = dict(
        title=dict(text=f"按{label}：发放总额与占比"),
        showlegend=False,
        yaxis=dict(automargin=True),
        xaxis=dict(title=dict(text="万元"), range=[0, float(shown["amount"].max()) / 1e4 * 1.6]),
        height=180 + (56 if presenter else 34) * len(shown),
    )
    notes = [SUPPRESSED_NOTE] if frame["suppressed"].any() else []
    return figure(data, layout, sources=SOURCE, notes=notes, illustrative=illustrative, presenter=presenter)
