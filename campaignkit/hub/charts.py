"""Chart builders (frame → plotly Figure) for the hub: coverage of the towns, or of one town's
villages, as its pages show it (a hidden rate is written out, never drawn)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..ui.charts import empty_figure, share_bars

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
    drawn = [not h and r > 0 for h, r in zip(rows["hidden"], rows["registered"])]
    return share_bars(
        list(rows["name"]),
        [round(v / r * 100, 1) if ok else 0 for v, r, ok in zip(rows["visited"], rows["registered"], drawn)],
        [rate_text(r) for r in rows.itertuples(index=False)],
        drawn,
        title=title,
        axis_title="走访到的户占登记户数（%）",
        sources=REPORTS,
        notes=["一户走访多次只算一次；不足5户或能推算出小数字的不公开"],
        illustrative=illustrative,
        presenter=presenter,
    )
