"""The guide's figures: a timeline strip with the cited events marked. Pure: data in, Figure out."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..core.frames import any_illustrative
from ..ui import theme
from ..ui.charts import empty_figure, figure

LABEL_WIDTH = 16  # characters of an event shown beside its marker; the rest is in the hover


def timeline_strip(timeline: pd.DataFrame, cited: list[str], *, presenter: bool = False) -> go.Figure:
    """Every event of the timeline as a grey dot on one year axis; the ``cited`` events
    (their 编号) in colour and labelled. Sources: the cited events'."""
    if timeline.empty:
        return empty_figure("历史大事表中没有事件", presenter)
    events = timeline.dropna(subset=["year"])
    marked = events["code"].isin(cited) if "code" in events.columns else pd.Series(False, index=events.index)
    others, chosen = events[~marked], events[marked]
    size = theme.font_size(presenter)
    data = [
        dict(
            type="scatter",
            x=others["year"].astype(int).tolist(),
            y=[0] * len(others),
            mode="markers",
            marker=dict(size=size // 2 + 4, color="#bbbbbb"),
            text=[escape(str(e)) for e in others["event"]],
            hovertemplate="%{x}年：%{text}<extra></extra>",
            showlegend=False,
        ),
        dict(
            type="scatter",
            x=chosen["year"].astype(int).tolist(),
            y=[0] * len(chosen),
            mode="markers+text",
            marker=dict(size=size, color=theme.PALETTE[3], symbol="diamond"),
            text=[f"{int(y)}年<br>{escape(_short(str(e)))}" for y, e in zip(chosen["year"], chosen["event"])],
            textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(chosen))],
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        ),
    ]
    layout = dict(
        title=dict(text="历史大事（彩色为本条引用的事件）"),
        yaxis=dict(visible=False, range=[-1.6, 1.6]),
        xaxis=dict(tickformat="d", showgrid=False),
        height=320 if not presenter else 420,
    )
    sources = chosen if len(chosen) else events
    return figure(
        data,
        layout,
        sources=sources[["source", "source_url"]].dropna(subset=["source"]).drop_duplicates("source").reset_index(drop=True),
        illustrative=any_illustrative(chosen),
        presenter=presenter,
    )


def _short(text: str) -> str:
    return text if len(text) <= LABEL_WIDTH else text[: LABEL_WIDTH - 1] + "…"
