"""The timeline's figure: events of every level on one zoomable year axis. Pure: data in, Figure out."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..core.frames import any_illustrative
from ..ui import theme
from ..ui.charts import empty_figure, figure
from .compute import level_column

SHORT = 14  # characters of an event in its hover title line; the whole text follows


def _sources(events: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in ("source", "source_url") if c in events.columns]
    if "source" not in columns:
        return pd.DataFrame(columns=["source", "source_url"])
    return events[columns].dropna(subset=["source"]).drop_duplicates("source").reset_index(drop=True)


def _spaced(starts: pd.Series, lanes: pd.Series, chosen: pd.Series) -> list[bool]:
    """Which events get their 编号 beside the dot: the chosen one, and in each lane those at
    least a 40th of the shown span after the last labelled one (closer labels would print
    over each other; a narrower period or the hover shows the rest)."""
    gap = max(float(starts.max() - starts.min()), 1.0) / 40
    keep = [False] * len(starts)
    last: dict[str, float] = {}
    for position, (start, lane, is_chosen) in enumerate(zip(starts, lanes, chosen)):
        if is_chosen or start - last.get(lane, -1e9) >= gap:
            keep[position] = True
            last[lane] = start
    return keep


def timeline_chart(events: pd.DataFrame, *, chosen: str | None = None, presenter: bool = False) -> go.Figure:
    """One lane per level (全国 at the top, 镇 at the bottom), each event a labelled dot at its
    time (a bar over a span such as 1927-02 至 1928-10); ``chosen`` (an event's 编号) is
    drawn larger. ``events`` comes from :func:`campaignkit.timeline.compute.select`."""
    if events.empty:
        return empty_figure("所选级别和年份内没有历史大事", presenter)
    lanes = level_column(events)
    order = [lv for lv in ("镇", "旗", "市", "自治区", "全国", "未注明") if lv in set(lanes)]
    size = theme.font_size(presenter)
    codes = events["code"].fillna("") if "code" in events.columns else pd.Series("", index=events.index)
    places = events["place"].fillna("") if "place" in events.columns else pd.Series("", index=events.index)
    hover = [
        f"<b>{escape(str(c))} {escape(w)}</b><br>{escape(str(e))}" + (f"<br>地点：{escape(str(p))}" if p else "")
        for c, w, e, p in zip(codes, events["when_label"], events["event"], places)
    ]
    spans = events["end"] - events["start"] > 1.01
    data: list[dict] = []
    for i in events.index[spans]:
        data.append(
            dict(
                type="scatter",
                x=[float(events.at[i, "start"]), float(events.at[i, "end"])],
                y=[lanes[i], lanes[i]],
                mode="lines",
                line=dict(width=size // 2 + 4, color=theme.PALETTE[0]),
                hoverinfo="skip",
                showlegend=False,
                meta={"role": "span", "code": codes[i]},
            )
        )
    big = codes == (chosen or "\0")
    labelled = _spaced(events["start"], lanes, big)
    data.append(
        dict(
            type="scatter",
            x=events["start"].round(4).tolist(),
            y=lanes.tolist(),
            mode="markers+text",
            text=[escape(str(c)) if keep else "" for c, keep in zip(codes, labelled)],
            textposition=["top center" if k % 2 == 0 else "bottom center" for k in range(len(events))],
            textfont=dict(size=size - 2),
            marker=dict(
                size=[size + 8 if b else size // 2 + 6 for b in big],
                color=[theme.PALETTE[3] if b else theme.PALETTE[0] for b in big],
                symbol=["diamond" if b else "circle" for b in big],
                line=dict(width=1, color="#ffffff"),
            ),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            showlegend=False,
            meta={"role": "events"},
        )
    )
    low, high = float(events["start"].min()), float(events["end"].max())
    pad = max(1.0, (high - low) * 0.04)
    layout = dict(
        title=dict(text=f"历史大事：{int(low)}—{int(high - 1e-9)}年，共 {len(events)} 件"),
        xaxis=dict(
            range=[low - pad, high + pad], tickformat="d", ticksuffix="年", showgrid=True, zeroline=False, title=dict(text="")
        ),
        yaxis=dict(type="category", categoryorder="array", categoryarray=order, fixedrange=True, title=dict(text="级别")),
        hovermode="closest",
        dragmode="zoom",
        height=max(360, 120 + 70 * len(order)) + (60 if presenter else 0),
    )
    return figure(data, layout, sources=_sources(events), illustrative=any_illustrative(events), presenter=presenter)
