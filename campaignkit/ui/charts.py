"""What every campaignkit figure carries: a source line under the plot and,
when any value is illustrative, a visible 示例 badge."""

from __future__ import annotations

import json
import math
import re
from html import escape

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..core.fmt import WAN, cn_number, dates_in_words, nice_ticks, tick_labels
from . import theme

MAX_SOURCES_LISTED = 3
SOURCE_LINE_NAME = "source-line"
BADGE_NAME = "illustrative-badge"


def source_text(sources: pd.DataFrame) -> str:
    """'来源：A（链接）；B；等 N 个来源' — names with links where there are links."""
    parts = []
    for row in sources.head(MAX_SOURCES_LISTED).itertuples(index=False):
        name = escape(dates_in_words(str(row.source)))
        url = getattr(row, "source_url", None)
        kind = getattr(row, "source_kind", None)
        label = f"{name}（第三方转载）" if kind == "第三方转载" and "转载" not in name and "镜像" not in name else name
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            label = f'<a href="{escape(url, quote=True)}" target="_blank">{label}</a>'
        parts.append(label)
    more = len(sources) - MAX_SOURCES_LISTED
    tail = f"；等 {len(sources)} 个来源，详见数据表" if more > 0 else ""
    return "来源：" + "；".join(parts) + tail if parts else "来源：未注明"


def source_annotation(
    sources: pd.DataFrame, notes: list[str] = (), presenter: bool = False, *, x_titled: bool = False
) -> tuple[dict, int]:
    """The source line (and notes) under the plot area, and the bottom margin it needs."""
    lines = [source_text(sources), *[n for n in notes if n]]
    size = theme.font_size(presenter) - (0 if presenter else 3)  # a projector's source line stays at 24 px
    # Tick labels (up to two lines), and an axis title below them when there is one: at 24 px a
    # title sat on the source line when both shared two rows.
    rows = 3 if x_titled else 2
    below_axis = rows * theme.font_size(presenter) + 30 + (6 * rows if x_titled else 0)
    note = dict(
        text="<br>".join(lines),
        name=SOURCE_LINE_NAME,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-below_axis,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=size, color="#444"),
    )
    return note, below_axis + int(size * 1.6) * len(lines) + 10


def badge_annotation(presenter: bool = False) -> dict:
    """A 示例 badge for the top-right corner."""
    return dict(
        text="<b>示例</b> 虚构数据",
        name=BADGE_NAME,
        xref="paper",
        yref="paper",
        x=1,
        y=1.0,
        yshift=40,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        bgcolor=theme.BADGE_FILL,
        bordercolor=theme.BADGE_COLOUR,
        borderwidth=1,
        borderpad=4,
        font=dict(color=theme.BADGE_COLOUR, size=theme.font_size(presenter)),
    )


def figure(
    data: list[dict], layout: dict, *, sources: pd.DataFrame, notes: list[str] = (), illustrative: bool, presenter: bool = False
) -> go.Figure:
    """Assemble a campaignkit figure in one go: theme, source line, badge.

    Built from plain dicts without plotly's property validation, which costs
    ~10 ms a figure (deep copies of the template) on every control change; the
    test suite validates every builder's output instead (tests/test_charts.py).
    """
    chinese_ticks(data, layout)
    units_on_ticks(layout)
    note, bottom = source_annotation(sources, notes, presenter, x_titled=bool(_plain(_title_text(layout, "xaxis"))))
    annotations = [*layout.pop("annotations", []), note]
    if illustrative:
        annotations.append(badge_annotation(presenter))
    margin = {"t": 90 if illustrative else 70, **layout.pop("margin", {}), "b": bottom}
    return go.Figure(
        data=data,
        layout={"template": theme.template_dict(presenter), **layout, "annotations": annotations, "margin": margin},
        _validate=False,
    )


def share_bars(
    names: list[str],
    percents: list[float],
    texts: list[str],
    drawn: list[bool],
    *,
    title: str,
    axis_title: str,
    sources: pd.DataFrame,
    notes: list[str],
    illustrative: bool,
    presenter: bool = False,
    name: str = "覆盖率",
) -> go.Figure:
    """One horizontal bar per name, the first at the top: a share in per cent (0–100) with its
    words beside it; a share not drawn (hidden, 无对象) is a grey bar at 0 whose words say why."""
    data = [
        dict(
            type="bar",
            orientation="h",
            y=[escape(str(n)) for n in names[::-1]],
            x=list(percents[::-1]),
            text=list(texts[::-1]),
            textposition="outside",
            cliponaxis=False,
            marker=dict(color=[theme.PALETTE[0] if ok else "#bbbbbb" for ok in drawn[::-1]]),
            hovertemplate="%{y}：%{text}<extra></extra>",
            name=name,
        )
    ]
    layout = dict(
        title=dict(text=title),
        xaxis=dict(title=dict(text=axis_title), range=[0, 135], ticksuffix="%"),
        yaxis=dict(automargin=True),
        height=170 + (58 if presenter else 40) * len(names),
        showlegend=False,
    )
    return figure(data, layout, sources=sources, notes=notes, illustrative=illustrative, presenter=presenter)


def _numbers(values) -> list[float]:
    out = []
    for v in values if isinstance(values, list | tuple) else []:
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            out.append(float(v))
    return out


def chinese_ticks(data: list[dict], layout: dict) -> None:
    """Label every value axis whose numbers reach 万 in 万 and 亿 ('2万', '1.5亿'), never
    plotly's k / M / G; smaller numbers keep their digits (the theme turns SI prefixes off)."""
    values: dict[str, list[float]] = {}
    for trace in data:
        if trace.get("orientation") == "h":
            name, numbers = "xaxis" + trace.get("xaxis", "x")[1:], trace.get("x")
        else:
            name, numbers = "yaxis" + trace.get("yaxis", "y")[1:], trace.get("y")
        values.setdefault(name, []).extend(_numbers(numbers))
    for name, numbers in values.items():
        axis = layout.setdefault(name, {})
        if not numbers or "tickvals" in axis or "tickformat" in axis or axis.get("type") in ("category", "date", "log"):
            continue
        low, high = axis.get("range") or (min(0.0, min(numbers)), max(numbers))
        if max(abs(low), abs(high)) < WAN:
            continue
        ticks = [t for t in nice_ticks(low, high) if low - 1e-9 <= t <= high * 1.0001 or t == 0]
        axis["tickvals"], axis["ticktext"] = ticks, tick_labels(ticks)


_SCALES = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}
_SCALE_OF = {v: k for k, v in _SCALES.items()}
_SHORT_UNIT = re.compile(r"[^\s（()）:：,，、]{1,3}")


def _title_text(layout: dict, name: str) -> str:
    title = (layout.get(name) or {}).get("title")
    return title.get("text") if isinstance(title, dict) else (title or "")


def with_unit(label: str, unit: str) -> str:
    """A tick label and its unit read as one quantity: '1.5万' and '万元' → '1.5亿元'."""
    match = re.fullmatch(r"(.*?)(万亿|亿|万)?", label)
    number, scale = match.group(1), match.group(2) or ""
    prefix = re.match(r"(万亿|亿|万)?", unit).group(1) or ""
    total = _SCALES[scale] * _SCALES[prefix]
    if not number or total not in _SCALE_OF:
        return f"{label}{unit}"
    return f"{number}{_SCALE_OF[total]}{unit[len(prefix) :]}"


def units_on_ticks(layout: dict) -> None:
    """A value axis titled with a short unit ('元', '万人', '%') carries it on every tick label
    ('1.5万元') instead of a title turned on its side beside the labels: read the same way
    from the back of a hall, and one element fewer to collide. Longer titles stay titles."""
    for name in [k for k in layout if re.fullmatch(r"yaxis\d*", k)]:
        axis = layout[name]
        unit = _plain(_title_text(layout, name))
        if not _SHORT_UNIT.fullmatch(unit) or axis.get("type") in ("category", "date", "log"):
            continue
        if "ticktext" in axis:
            axis["ticktext"] = [with_unit(str(t), unit) if str(t) != "0" else "0" for t in axis["ticktext"]]
        elif "tickformat" not in axis:
            axis["ticksuffix"] = unit
        else:
            continue
        axis["title"] = {"text": ""}
        layout.setdefault("meta", {}).setdefault("units", {})[name] = unit


def _plain(text: object) -> str:
    return re.sub(r"<[^>]+>", "", str(text or "")).replace("&amp;", "&").strip()


def _axis_unit(layout: dict, name: str) -> str:
    """The unit an axis carries on its ticks or its title names: '万元', or the '元' of '户均（元）'."""
    moved = ((layout.get("meta") or {}).get("units") or {}).get(name)
    if moved:
        return moved
    title = (layout.get(name) or {}).get("title")
    text = _plain(title.get("text") if isinstance(title, dict) else title)
    inside = re.search(r"[（(]([^）)]{1,6})[）)]", text)
    if inside:
        return inside.group(1)
    return text if len(text) <= 4 else ""


def describe(figure: dict) -> str:
    """One sentence that says what a chart shows, from its own data: the text a 🔊 button
    reads out and a screen reader gets for the chart (``aria-label``)."""
    layout = figure.get("layout", {})
    title = layout.get("title")
    head = _plain(title.get("text") if isinstance(title, dict) else title).replace("\n", "")
    traces = [
        t
        for t in figure.get("data", [])
        if t.get("type", "scatter") in ("bar", "scatter") and (t.get("meta") or {}).get("role") != "other-source"
    ]
    said = []
    for trace in traces[:3]:
        horizontal = trace.get("orientation") == "h"
        labels, values = (trace.get("y"), trace.get("x")) if horizontal else (trace.get("x"), trace.get("y"))
        pairs = [
            (_plain(lab), v) for lab, v in zip(labels or [], values or []) if isinstance(v, int | float) and math.isfinite(v)
        ]
        if not pairs:
            continue
        unit = _axis_unit(
            layout, ("xaxis" + trace.get("xaxis", "x")[1:]) if horizontal else ("yaxis" + trace.get("yaxis", "y")[1:])
        )
        name = _plain(trace.get("name"))
        lead = f"{name}：" if name and len(traces) > 1 else ""
        if trace.get("type") == "bar" and horizontal:
            top = max(pairs, key=lambda p: p[1])
            said.append(f"{lead}共 {len(pairs)} 项，最多的是{top[0]}，{cn_number(top[1])}{unit}")
        else:
            (x0, y0), (x1, y1) = pairs[0], pairs[-1]
            when = lambda x: f"{x}年" if re.fullmatch(r"\d{4}", str(x)) else str(x)  # noqa: E731
            said.append(
                f"{lead}{when(x0)} {cn_number(y0)}{unit}"
                if len(pairs) == 1
                else f"{lead}{when(x0)} {cn_number(y0)}{unit}，{when(x1)} {cn_number(y1)}{unit}"
            )
    body = "；".join(said)
    return f"图：{head}。{body}。" if body else f"图：{head}。"


def figure_json(fig: go.Figure) -> dict:
    """The figure as plotly's JSON (what a page or a notebook output carries), without a
    second validation pass (~45 ms a figure; builders are validated in the tests)."""
    return json.loads(pio.to_json(fig, validate=False))


def empty_figure(message: str, presenter: bool = False) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template=theme.template_name(presenter), xaxis=dict(visible=False), yaxis=dict(visible=False))
    fig.add_annotation(
        text=escape(message),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font=dict(size=theme.font_size(presenter) + 2),
    )
    return fig


def annotation(fig: go.Figure, name: str):
    """The annotation called ``name``, or None (for tests and widgets)."""
    for item in fig.layout.annotations:
        if item.name == name:
            return item
    return None
