"""Chart builders (frame → plotly Figure) for the hub: coverage of the towns, or of one town's
villages, as its pages show it (a hidden rate is written out, never drawn)."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..ui import theme
from ..ui.charts import empty_figure, figure

REPORTS = pd.DataFrame({"source": ["各镇（各村）报送的入户走访记录"], "source_url": [None], "source_kind": [None]})


def rate_text(row) -> str:
    if row.registered == 0:
        return "无对象"
    if row.hidden:
        return "不公开"
    return f"{row.visited / row.registered * 100:.0f}%（{int(row.visited)}/{int(row.registered)} 户）"


def coverage_chart(rows: pd.DataFrame, *, title: str, illustrative: bool, presenter: bool = False) -> go.Figure:
    """One bar per town or village (``rows``: name, registered, visited, hidden)."""
    if rows.empty:
        return empty_figure("还没有登记的户，也没有走访记录", presenter)
    rows = rows.iloc[::-1]
    shown = [not h and r > 0 for h, r in zip(rows["hidden"], rows["registered"])]
    rates = [round(v / r * 100, 1) if ok else 0 for v, r, ok in zip(rows["visited"], rows["registered"], shown)]
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(n)) for n in rows["name"]],
            x=rates,
            text=[rate_text(r) for r in rows.itertuples(index=False)],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=[theme.PALETTE[0] if ok else "#bbbbbb" for ok in shown]),
            hovertemplate="%{y}：%{text}<extra></extra>",
            name="覆盖率",
        )
    ]
    layout = dict(
        title=dict(text=title),
        xaxis=dict(title=dict(text="走访到的户占登记户数（%）"), range=[0, 135], ticksuffix="%"),
        yaxis=dict(automargin=True),
        height=170 + (58 if presenter else 40) * len(rows),
        showlegend=False,
    )
    notes = ["一户走访多次只算一次；不足5户或能推算出小数字的不公开"]
    return figure(data, layout, sources=REPORTS, notes=notes, illustrative=illustrative, presenter=presenter)
