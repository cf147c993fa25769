"""Funding figures: by government level per year, and each level's share in total."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..core.fmt import cn_quantity
from ..ui import theme
from ..ui.charts import empty_figure, figure
from .compute import UNSPLIT


def _colour(level: str) -> str:
    return theme.LEVEL_COLOURS.get(level, "#999999")


def funding_by_level(tidy: pd.DataFrame, sources: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Stacked bars: each year's funding (万元) split by 中央/自治区/市级/旗级/镇级."""
    if tidy.empty:
        return empty_figure("所选范围内没有项目资金数据", presenter)
    data = [
        dict(
            type="bar",
            x=rows["year"].tolist(),
            y=rows["amount"].tolist(),
            name=level,
            marker=dict(color=_colour(level)),
            customdata=[[cn_quantity(a, "万元"), round(s * 100, 1)] for a, s in zip(rows["amount"], rows["share"])],
            meta={"level": level},
            hovertemplate=f"%{{x}}年 {level}：%{{customdata[0]}}（占 %{{customdata[1]}}%）<extra></extra>",
        )
        for level, rows in tidy.groupby("level", sort=False)
    ]
    totals = tidy.groupby("year")["amount"].sum()
    data.append(
        dict(
            type="scatter",
            x=totals.index.tolist(),
            y=totals.tolist(),
            mode="text",
            text=[cn_quantity(v, "万元") for v in totals],
            textposition="top center",
            showlegend=False,
            hoverinfo="skip",
            meta={"role": "totals"},
        )
    )
    layout = dict(
        barmode="stack",
        title=dict(text="各级财政投入（万元）"),
        yaxis=dict(title=dict(text="万元")),
        xaxis=dict(dtick=1, tickformat="d"),
    )
    return figure(data, layout, sources=sources, illustrative=illustrative, presenter=presenter)


def funding_shares(totals: pd.DataFrame, sources: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Horizontal bars: each level's total and share, labelled in words and numbers."""
    if totals.empty:
        return empty_figure("所选范围内没有项目资金数据", presenter)
    rows = totals.iloc[::-1]
    data = [
        dict(
            type="bar",
            y=rows["level"].tolist(),
            x=rows["amount"].tolist(),
            orientation="h",
            marker=dict(color=[_colour(level) for level in rows["level"]]),
            text=[f"{cn_quantity(a, '万元')}（{s * 100:.1f}%）" for a, s in zip(rows["amount"], rows["share"])],
            customdata=[cn_quantity(a, "万元") for a in rows["amount"]],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}：%{customdata}<extra></extra>",
        )
    ]
    notes = [f"“{UNSPLIT}”是只填了资金合计、没有分级的项目。"] if UNSPLIT in set(totals["level"]) else []
    layout = dict(
        title=dict(text="钱从哪里来：各级资金合计与占比"),
        showlegend=False,
        yaxis=dict(automargin=True),
        xaxis=dict(title=dict(text="万元"), range=[0, float(totals["amount"].max()) * 1.45]),
    )
    return figure(data, layout, sources=sources, notes=notes, illustrative=illustrative, presenter=presenter)
