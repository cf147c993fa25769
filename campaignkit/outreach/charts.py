"""Chart builders (frame → plotly Figure) for outreach: coverage, the campaign calendar, carriers,
诉求 and screenings. Every chart names its source (the campaign's own records) and carries the
示例 badge when the records are invented."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..ui import theme
from ..ui.charts import empty_figure, figure, share_bars
from .tables import CARRIERS, METHODS

NO_TARGET = "无对象"
HIDDEN_TEXT = "不足5户，不公布"
GUARD_TEXT = "不公布（防止推算出小数字）"
RECORDS = pd.DataFrame({"source": ["本活动的走访记录（走访表、走访登记）"], "source_url": [None], "source_kind": [None]})
ACTIVITY_RECORDS = pd.DataFrame({"source": ["本活动的宣讲活动记录"], "source_url": [None], "source_kind": [None]})
SCREENING_RECORDS = pd.DataFrame({"source": ["本活动的放映演出安排"], "source_url": [None], "source_kind": [None]})


def rate_label(row) -> str:
    if row.registered == 0:
        return NO_TARGET
    hidden = getattr(row, "hidden", "")
    if hidden:
        return HIDDEN_TEXT if hidden == "primary" else GUARD_TEXT
    return f"{row.rate * 100:.0f}%（{int(row.visited)}/{int(row.registered)} 户）"


def coverage_chart(frame: pd.DataFrame, *, label: str, title: str, illustrative: bool, presenter: bool = False) -> go.Figure:
    """One bar per unit or grid: households visited ÷ registered; 无对象 and hidden rates written out."""
    if frame.empty:
        return empty_figure("没有登记的户，也没有走访记录", presenter)
    return share_bars(
        [str(n) for n in frame[label]],
        (frame["rate"].fillna(0) * 100).round(1).tolist(),
        [rate_label(r) for r in frame.itertuples(index=False)],
        [not pd.isna(r) for r in frame["rate"]],
        title=title,
        axis_title="走访到的户占登记户数（%）",
        sources=RECORDS,
        notes=["一户走访多次只算一次；按户表中现在的单位和网格计"],
        illustrative=illustrative,
        presenter=presenter,
    )


def calendar_chart(weekly: pd.DataFrame, *, phase: tuple | None, illustrative: bool, presenter: bool = False) -> go.Figure:
    """The campaign calendar: activities per week by method, with the plan's concentrated phase shaded."""
    if weekly.empty:
        return empty_figure("还没有宣讲活动记录", presenter)
    weeks = sorted(weekly["week"].unique())
    data = []
    for i, method in enumerate(METHODS):
        part = weekly[weekly["method"] == method].set_index("week")
        data.append(
            dict(
                type="bar",
                x=[pd.Timestamp(w).strftime("%Y-%m-%d") for w in weeks],
                y=[int(part["activities"].get(w, 0)) for w in weeks],
                name=method,
                marker=dict(color=theme.PALETTE[i]),
                hovertemplate="%{x} 这一周：%{y} 场（" + method + "）<extra></extra>",
            )
        )
    shapes = []
    if phase and phase[0] and phase[1]:
        shapes.append(
            dict(
                type="rect",
                xref="x",
                yref="paper",
                x0=str(phase[0]),
                x1=str(phase[1]),
                y0=0,
                y1=1,
                fillcolor="#0072B2",
                opacity=0.06,
                line=dict(width=0),
                layer="below",
            )
        )
    layout = dict(
        title=dict(text="每周开展的宣讲活动（按四种方式）"),
        barmode="stack",
        xaxis=dict(title=dict(text="周（从星期一算起）"), type="date"),
        yaxis=dict(title=dict(text="活动场次")),
        legend=dict(orientation="h", y=-0.25),
        shapes=shapes,
        height=460 if presenter else 420,
    )
    notes = ["浅蓝底色：方案规定的集中教育实践阶段"] if shapes else []
    return figure(data, layout, sources=ACTIVITY_RECORDS, notes=notes, illustrative=illustrative, presenter=presenter)


def carriers_chart(by_carrier: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Activities and attendance (人次) by the seven carriers; a carrier not yet used shows 0."""
    if by_carrier.empty:
        return empty_figure("还没有宣讲活动记录", presenter)
    counts = by_carrier.set_index("carrier")
    order = [*CARRIERS, *[c for c in counts.index if c not in CARRIERS]]
    shown = list(reversed(order))
    data = [
        dict(
            type="bar",
            orientation="h",
            y=shown,
            x=[int(counts["activities"].get(c, 0)) for c in shown],
            text=[
                f"{int(counts['activities'].get(c, 0))} 场，{int(counts['attendance'].get(c, 0)):,} 人次"
                if c in counts.index
                else "还没有用"
                for c in shown
            ],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=theme.PALETTE[2]),
            hovertemplate="%{y}：%{text}<extra></extra>",
            name="活动场次",
        )
    ]
    layout = dict(
        title=dict(text="七种载体用了多少"),
        xaxis=dict(title=dict(text="活动场次")),
        yaxis=dict(automargin=True),
        height=200 + (58 if presenter else 40) * len(shown),
        showlegend=False,
    )
    return figure(data, layout, sources=ACTIVITY_RECORDS, illustrative=illustrative, presenter=presenter)


def demands_chart(summary: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """诉求 per unit: closed, in progress, not started (stacked, each labelled)."""
    if summary.empty:
        return empty_figure("走访记录里还没有群众诉求", presenter)
    # A unit whose breakdown is not published is drawn as one grey bar of its total (or not at all).
    rows = summary.iloc[::-1]
    split = rows[["closed", "in_progress", "not_started"]].notna().all(axis=1)
    parts = (
        ("closed", "已办结", theme.PALETTE[2]),
        ("in_progress", "办理中", theme.PALETTE[1]),
        ("not_started", "未办", theme.PALETTE[3]),
    )
    data = [
        dict(
            type="bar",
            orientation="h",
            y=rows["unit"].tolist(),
            x=rows[column].where(split, 0).fillna(0).astype(int).tolist(),
            name=word,
            text=[f"{word} {int(v)}" if ok and v else "" for v, ok in zip(rows[column].fillna(0), split)],
            textposition="inside",
            marker=dict(color=colour),
            hovertemplate="%{y}：" + word + " %{x} 件<extra></extra>",
        )
        for column, word, colour in parts
    ]
    if not split.all():
        data.append(
            dict(
                type="bar",
                orientation="h",
                y=rows["unit"].tolist(),
                x=[0 if ok or pd.isna(t) else int(t) for t, ok in zip(rows["raised"], split)],
                name="细分不公布",
                text=[
                    "" if ok else ("共" + (f" {int(t)} 件" if pd.notna(t) else "不足5件") + "，细分不公布")
                    for t, ok in zip(rows["raised"], split)
                ],
                textposition="outside",
                cliponaxis=False,
                marker=dict(color="#bbbbbb"),
                hovertemplate="%{y}：%{text}<extra></extra>",
            )
        )
    layout = dict(
        title=dict(text="群众诉求办得怎么样（件）"),
        barmode="stack",
        xaxis=dict(title=dict(text="诉求件数")),
        yaxis=dict(automargin=True),
        legend=dict(orientation="h", y=-0.3),
        height=220 + (58 if presenter else 40) * len(rows),
    )
    return figure(data, layout, sources=RECORDS, illustrative=illustrative, presenter=presenter)


def screenings_chart(table: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Screenings per village and month: a grid of counts, a month without one marked 无."""
    if table.empty:
        return empty_figure("还没有放映演出安排", presenter)
    months = list(table.columns)
    units = list(table.index)[::-1]
    z = [[int(table.loc[u, m]) for m in months] for u in units]
    data = [
        dict(
            type="heatmap",
            x=[f"{m.year}年{m.month}月" for m in months],
            y=units,
            z=z,
            text=[[str(v) if v else "无" for v in row] for row in z],
            texttemplate="%{text}",
            colorscale=[[0, "#fde8e8"], [0.01, "#e6f4ea"], [1, "#1e6b34"]],
            showscale=False,
            xgap=3,
            ygap=3,
            hovertemplate="%{y} %{x}：%{text} 场<extra></extra>",
        )
    ]
    layout = dict(
        title=dict(text="各村每月放映演出场次（每月至少一场）"),
        yaxis=dict(automargin=True),
        height=200 + (58 if presenter else 44) * len(units),
    )
    return figure(data, layout, sources=SCREENING_RECORDS, illustrative=illustrative, presenter=presenter)
