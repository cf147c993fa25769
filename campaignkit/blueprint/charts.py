"""Blueprint board: each target's progress, with the expected progress for the time
elapsed, and the status written out (colour is never the only signal)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..core.frames import any_illustrative
from ..ui.charts import empty_figure, figure
from .compute import BEHIND, NO_DATA, ON_TRACK, REACHED

STATUS_COLOURS = {REACHED: "#009E73", ON_TRACK: "#0072B2", BEHIND: "#D55E00", NO_DATA: "#999999"}


def blueprint_board(progress: pd.DataFrame, *, presenter: bool = False) -> go.Figure:
    if progress.empty:
        return empty_figure("没有发展蓝图数据", presenter)
    rows = progress.iloc[::-1]
    labels = [f"{escape(d)}·{escape(i)}" for d, i in zip(rows["domain"], rows["indicator"])]
    shown = rows["progress"].fillna(0).clip(lower=0, upper=100)
    data = [
        dict(
            type="bar",
            y=labels,
            x=shown.tolist(),
            orientation="h",
            name="完成进度",
            marker=dict(color=[STATUS_COLOURS[s] for s in rows["status"]]),
            meta={"role": "progress"},
            hovertemplate="%{y}<br>完成 %{x:.0f}%<extra></extra>",
        ),
        # Each row's figure and status in a column right of 100 %, where neither a bar nor the
        # expected-progress mark can run through it (beside the bar, a mark struck "18%").
        dict(
            type="scatter",
            y=labels,
            x=[104] * len(rows),
            mode="text",
            text=[f"{p:.0f}%　{s}" if pd.notna(p) else s for p, s in zip(rows["progress"], rows["status"])],
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
            meta={"role": "status"},
        ),
        dict(
            type="scatter",
            y=labels,
            x=rows["expected"].clip(upper=100).tolist(),
            mode="markers",
            name="按时间应完成",
            marker=dict(symbol="line-ns-open", size=26 if presenter else 18, line=dict(width=3, color="#222")),
            hovertemplate="%{y}<br>按时间应完成 %{x:.0f}%<extra></extra>",
            meta={"role": "expected"},
        ),
    ]
    layout = dict(
        title=dict(text="发展蓝图：各项目标完成进度"),
        yaxis=dict(automargin=True, tickmode="linear", dtick=1),  # every target named, none skipped
        height=160 + (60 if presenter else 40) * len(rows),
        bargap=0.35,
        # No axis title: the legend names the bars and the ticks carry their %.
        xaxis=dict(range=[0, 175], tickvals=[0, 50, 100], ticktext=["0", "50%", "100%"], showgrid=True),
    )
    sources = (
        progress.assign(source_url=None, source_kind=None)[["source", "source_url", "source_kind"]]
        .dropna(subset=["source"])
        .drop_duplicates("source")
    )
    return figure(
        data,
        layout,
        sources=sources,
        notes=["竖线为按时间进度应完成的比例；状态：已达成、按计划推进、进度落后。"],
        illustrative=any_illustrative(progress),
        presenter=presenter,
    )
