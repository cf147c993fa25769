"""campaignkit's plotly theme, registered once: CJK-first fonts, a colour-blind-safe
palette (Okabe–Ito), and a presenter variant with large type for a projector.

Use ``pio.templates["campaignkit"]`` or ``"campaignkit_presenter"``; builders take
``presenter=True`` to pick the latter.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif"
# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
# Funding levels keep their colour across every chart.
LEVEL_COLOURS = {"中央": "#0072B2", "自治区": "#E69F00", "市级": "#009E73", "旗级": "#CC79A7", "镇级": "#56B4E9"}
BADGE_COLOUR = "#7a4f00"
BADGE_FILL = "#fff3cd"

NAME = "campaignkit"
PRESENTER = "campaignkit_presenter"


def _template(base_size: int, title_size: int, line_width: float, marker_size: int) -> go.layout.Template:
    return go.layout.Template(
        layout=dict(
            font=dict(family=FONT_FAMILY, size=base_size, color="#222"),
            title=dict(font=dict(size=title_size), x=0.0, xanchor="left"),
            colorway=PALETTE,
            paper_bgcolor="white",
            plot_bgcolor="white",
            # No SI prefixes (24.2k) on any axis: digits with separators, or 万/亿 ticks (ui.charts).
            xaxis=dict(
                showgrid=False,
                linecolor="#444",
                ticks="outside",
                tickfont=dict(size=base_size),
                exponentformat="none",
                separatethousands=True,
            ),
            yaxis=dict(
                gridcolor="#e5e5e5",
                zerolinecolor="#999",
                tickfont=dict(size=base_size),
                separatethousands=True,
                exponentformat="none",
            ),
            legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0, font=dict(size=base_size)),
            hoverlabel=dict(font=dict(family=FONT_FAMILY, size=base_size)),
            separators=".,",
        ),
        data=dict(
            scatter=[go.Scatter(line=dict(width=line_width), marker=dict(size=marker_size))],
            bar=[go.Bar(textfont=dict(size=base_size))],
        ),
    )


def register() -> None:
    """Register both templates (idempotent)."""
    pio.templates[NAME] = _template(base_size=15, title_size=20, line_width=3, marker_size=9)
    pio.templates[PRESENTER] = _template(base_size=24, title_size=32, line_width=5, marker_size=14)


def template_name(presenter: bool = False) -> str:
    if NAME not in pio.templates:
        register()
    return PRESENTER if presenter else NAME


_DICTS: dict[str, dict] = {}


def template_dict(presenter: bool = False) -> dict:
    """The registered template as a plain dict (for figures built without validation)."""
    name = template_name(presenter)
    if name not in _DICTS:
        _DICTS[name] = pio.templates[name].to_plotly_json()
    return _DICTS[name]


def font_size(presenter: bool = False) -> int:
    """Chart text."""
    return 24 if presenter else 15


# Text outside the charts, in px: (on a laptop, in presenter mode).
TEXT_SIZES = {
    "title": (24, 32),  # a household's header line on the door-visit page
    "headline": (22, 30),  # the then-and-now sentence a lecturer reads out
    "card": (20, 26),  # summary sentences (funding, meeting, a household's payments)
    "list": (18, 24),  # lists of targets, follow-up cases, an estimate's items
}


def text_size(role: str, presenter: bool = False) -> int:
    return TEXT_SIZES[role][1 if presenter else 0]


def note_size(role: str, presenter: bool = False) -> int:
    """Sources and caveats under a text of ``role``."""
    return text_size(role, presenter) - 6


# Slides are read from the back of a hall.
SLIDE_TITLE_SIZE, SLIDE_TEXT_SIZE, SLIDE_NOTE_SIZE, SLIDE_BUTTON_SIZE = 44, 32, 22, 22


register()
