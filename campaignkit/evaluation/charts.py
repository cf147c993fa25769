"""Evaluation charts: shares with their intervals, agreement scales as diverging bars,
shares by group. Pure functions: frame → plotly Figure."""

from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go

from ..core.disclosure import MIN_COUNT
from ..ui import theme
from ..ui.charts import empty_figure, figure

HIDDEN_NOTE = f"不足 {MIN_COUNT} 人的组不显示；能据其他数字推算出它们的，也一并隐去。"
# Agreement from the negative end to the positive one: red … grey … blue (colour-blind safe).
DIVERGING = ["#B2182B", "#EF8A62", "#BDBDBD", "#67A9CF", "#2166AC"]


def _sources(form_title: str) -> pd.DataFrame:
    return pd.DataFrame({"source": [f"本活动手机问卷“{form_title}”回答汇总"]})


LABEL_COLUMN = 104  # where the shares chart writes its figures (the axis ends at 100 %)


def shares_chart(
    label: str, shares: pd.DataFrame, *, form_title: str, illustrative: bool, presenter: bool = False, no_answer: int = 0
) -> go.Figure:
    """Horizontal bars: each choice's share with its Wilson 95 % interval, and its count;
    ``no_answer``: how many respondents skipped the question (said under the chart)."""
    n = int(shares["n"].max()) if len(shares) and shares["n"].notna().any() else 0
    if not n:
        return empty_figure(f"“{label}”还没有人回答", presenter)
    hidden = shares.get("hidden", pd.Series("", index=shares.index)).fillna("")
    share = pd.to_numeric(shares["share"], errors="coerce")
    low, high = pd.to_numeric(shares["low"], errors="coerce"), pd.to_numeric(shares["high"], errors="coerce")
    labels = [h if h else f"{s * 100:.0f}%（{int(k)}人）" for s, k, h in zip(share, shares["count"], hidden)][::-1]
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(v)) for v in shares["label"]][::-1],
            x=(share.fillna(0) * 100).round(1).tolist()[::-1],
            error_x=dict(
                type="data",
                symmetric=False,
                array=((high - share).fillna(0) * 100).round(1).tolist()[::-1],
                arrayminus=((share - low).fillna(0) * 100).round(1).tolist()[::-1],
                color="#555",
            ),
            marker=dict(color=theme.PALETTE[0]),
            customdata=labels,
            hovertemplate="%{y}：%{customdata}<extra></extra>",
            meta={"role": "shares"},
        ),
        # Each share and its count in a column right of 100 %: beside the bar, the range line
        # struck through "49%（124人）".
        dict(
            type="scatter",
            mode="text",
            y=[escape(str(v)) for v in shares["label"]][::-1],
            x=[LABEL_COLUMN] * len(shares),
            text=labels,
            textposition="middle right",
            cliponaxis=False,
            showlegend=False,
            hoverinfo="skip",
            meta={"role": "labels"},
        ),
    ]
    layout = dict(
        title=dict(text=escape(label)),
        showlegend=False,
        xaxis=dict(
            # Short, so it fits a phone; who answered and what the thin lines mean go under the chart.
            title=dict(text="占回答人数的百分比"),
            range=[0, 150],
            tickvals=[0, 50, 100],
            ticktext=["0", "50%", "100%"],
            showgrid=True,
        ),
        yaxis=dict(automargin=True),
        height=160 + (56 if presenter else 40) * len(shares),
    )
    notes = [f"{n} 人回答，{no_answer} 人未答；细线是这个比例可能的范围。"]
    notes += [HIDDEN_NOTE] if (hidden != "").any() else []
    return figure(data, layout, sources=_sources(form_title), notes=notes, illustrative=illustrative, presenter=presenter)


def likert_chart(
    label: str, rows: pd.DataFrame, *, form_title: str, illustrative: bool, presenter: bool = False, no_answer: int | None = None
) -> go.Figure:
    """Diverging stacked bars, one row per group (or 全部): disagreement left of zero, agreement
    right, the middle choice split across it. ``rows``: group_label, choice, label, share (0–1),
    ordered from the most negative choice to the most positive."""
    shown = rows.dropna(subset=["share"])
    if shown.empty:
        return empty_figure(f"“{label}”没有可以显示的回答", presenter)
    choices = list(dict.fromkeys(shown["choice"]))
    groups = list(dict.fromkeys(shown["group_label"]))
    count = len(choices)
    middle = count // 2 if count % 2 else None
    colours = DIVERGING if count == 5 else [theme.PALETTE[i % len(theme.PALETTE)] for i in range(count)]
    # Stacked outward from zero: the middle choice split across it, then the milder answers, then the strongest.
    below = [i for i in range(count) if i < count / 2 and i != middle][::-1]
    above = [i for i in range(count) if i >= count / 2 and i != middle]
    order = ([(middle, -0.5), (middle, 0.5)] if middle is not None else []) + [(i, -1) for i in below] + [(i, 1) for i in above]
    data = []
    for i, sign in order:
        part = shown[shown["choice"] == choices[i]].set_index("group_label").reindex(groups)
        values = (part["share"].fillna(0) * 100).round(1)
        name = escape(str(part["label"].dropna().iloc[0])) if part["label"].notna().any() else choices[i]
        data.append(
            dict(
                type="bar",
                orientation="h",
                y=[escape(str(g)) for g in groups],
                x=(values * sign).round(1).tolist(),
                name=name,
                showlegend=sign != -0.5,
                legendgroup=choices[i],
                legendrank=i,
                marker=dict(color=colours[i]),
                customdata=values.tolist(),
                hovertemplate=f"%{{y}} {name}：%{{customdata:.1f}}%<extra></extra>",
            )
        )
    layout = dict(
        title=dict(text=escape(label)),
        barmode="relative",
        xaxis=dict(
            title=dict(text="← 不同意　百分比　同意 →"),
            range=[-100, 100],
            # Both sides count people: 50 % who disagree is "50%", not "−50".
            tickvals=[-100, -50, 0, 50, 100],
            ticktext=["100%", "50%", "0", "50%", "100%"],
            zeroline=True,
            zerolinewidth=2,
        ),
        yaxis=dict(automargin=True),
        height=200 + (60 if presenter else 44) * len(groups),
        meta={"diverging": ["xaxis"]},  # its ticks say how many on each side of 0 (for the page checker)
    )
    notes = [f"{int(shown['n'].max())} 人回答，{no_answer} 人未答。"] if no_answer is not None and "n" in shown else []
    notes += (
        [HIDDEN_NOTE] if (rows["share"].isna() & rows.get("hidden", pd.Series("", index=rows.index)).astype(bool)).any() else []
    )
    return figure(data, layout, sources=_sources(form_title), notes=notes, illustrative=illustrative, presenter=presenter)


def crosstab_chart(label: str, table: pd.DataFrame, *, form_title: str, illustrative: bool, presenter: bool = False) -> go.Figure:
    """Grouped bars: each choice's share within each group; hidden groups left out with a note."""
    shown = table.dropna(subset=["share"])
    if shown.empty:
        return empty_figure(f"“{label}”分组后各组人数太少，不显示", presenter)
    data = []
    for i, (_, part) in enumerate(shown.groupby("choice", sort=False)):
        data.append(
            dict(
                type="bar",
                x=[escape(str(g)) for g in part["group_label"]],
                y=(part["share"] * 100).round(1).tolist(),
                name=escape(str(part["label"].iloc[0])),
                marker=dict(color=theme.PALETTE[i % len(theme.PALETTE)]),
                hovertemplate="%{x}：%{y:.1f}%<extra></extra>",
            )
        )
    layout = dict(
        title=dict(text=escape(label)), barmode="group", yaxis=dict(title=dict(text="占本组回答人数的百分比"), range=[0, 100])
    )
    notes = [HIDDEN_NOTE] if (table["hidden"] != "").any() else []
    return figure(data, layout, sources=_sources(form_title), notes=notes, illustrative=illustrative, presenter=presenter)


def tags_chart(tags: pd.DataFrame, *, illustrative: bool, presenter: bool = False) -> go.Figure:
    """How many interviews raised each topic (a tag), most frequent at the top."""
    if tags.empty:
        return empty_figure("还没有随机访谈记录", presenter)
    shown = tags.head(15).iloc[::-1]
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(t)) for t in shown["tag"]],
            x=shown["interviews"].tolist(),
            text=[f"{n} 次（{u} 个单位）" for n, u in zip(shown["interviews"], shown["units"])],
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=theme.PALETTE[2]),
            hovertemplate="%{y}：%{x} 次<extra></extra>",
        )
    ]
    layout = dict(
        title=dict(text="随机访谈中谈到最多的话题"),
        showlegend=False,
        xaxis=dict(title=dict(text="访谈次数"), range=[0, float(shown["interviews"].max()) * 1.5]),
        yaxis=dict(automargin=True),
        height=160 + (50 if presenter else 34) * len(shown),
    )
    sources = pd.DataFrame({"source": ["本活动随机访谈记录"]})
    return figure(data, layout, sources=sources, illustrative=illustrative, presenter=presenter)
