"""One base for every dashboard: a status line, guarded callbacks, presenter
mode, the year-span control, presets from keyword arguments, and loading the
campaign for a notebook."""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go
import traitlets
from IPython.display import display

from ..core.campaign import LAN_ENV, Campaign
from ..errors import CalculatorError, CampaignNotFound, InputError
from ..features import registry
from ..load import check_campaign
from . import html, theme
from .charts import figure_json

log = logging.getLogger("campaignkit")

ALL = "（全部）"  # the "no filter" choice in every picker
# The plotly mimetype is drawn with the plotly.js that JupyterLab's plotly extension
# serves locally: offline, and without inlining 5 MB into every page.
MIMETYPE = "application/vnd.plotly.v1+json"
PLOT_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "locale": "zh-CN",
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}

__all__ = ["ALL", "FigureArea", "InputError", "View", "checked", "dashboard", "guarded", "wide_labels"]


def guarded(method: Callable) -> Callable:
    """Run a callback; show problems on the status line, never a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            self.status.value = ""
            return method(self, *args, **kwargs)
        except (InputError, CalculatorError) as exc:  # messages written for the viewer, with no data in them
            self.status.value = html.banner(str(exc), "warning")
        except Exception:  # a viewer must never see a traceback
            log.exception("dashboard callback failed")
            self.status.value = html.banner("出了点问题，这次操作没有完成。请换个选项或刷新页面。", "error")
        return None

    return wrapper


class FigureArea(widgets.Output):
    """Shows one plotly Figure; ``figure`` is the Figure last shown."""

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.figure: go.Figure | None = None

    def show(self, figure: go.Figure) -> None:
        self.figure = figure
        # The same bundle plotly's mimetype renderer makes, without its second
        # validation pass (~45 ms a figure, on every control change).
        spec = figure_json(figure)
        spec["config"] = PLOT_CONFIG
        with self:
            self.clear_output(wait=True)
            display({MIMETYPE: spec}, raw=True)

    def clear(self) -> None:
        self.clear_output()
        self.figure = None


def wide_labels(*controls: widgets.Widget) -> None:
    """Let descriptions take the width they need: Chinese labels are wider than ipywidgets' default."""
    for control in controls:
        control.style.description_width = "initial"


def checked(value: Any, allowed: list | tuple, what: str) -> Any:
    """``value`` if it is one of ``allowed``, else :class:`InputError` (values from a browser can be forged)."""
    if value not in allowed:
        raise InputError(f"无法识别的{what}，请从列表中选择。")
    return value


class View(widgets.VBox):
    """A dashboard: subclasses build their controls in ``__init__``, apply the presets a
    notebook passed (``indicator="…"``, ``years=(2013, 2022)``) with :meth:`preset` and
    :meth:`preset_years`, draw, then :meth:`show_notes`: a preset that names something the
    campaign lacks is reported on the status line and the default stays."""

    presenter = traitlets.Bool(False, help="Large type for a projector.")

    def __init__(self, *, presenter: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.status = widgets.HTML()
        self.presenter = presenter
        self._notes: list[str] = []

    # -- the year span ----------------------------------------------------------------
    def year_control(self, low: int, high: int, value: tuple[int, int] | None = None) -> widgets.IntRangeSlider:
        """The year-span slider every dashboard uses (whole years, updates on release)."""
        high = max(high, low + 1)
        control = widgets.IntRangeSlider(
            description="年份：",
            min=low,
            max=high,
            value=value or (low, high),
            step=1,
            continuous_update=False,
            layout=widgets.Layout(width="520px"),
        )
        wide_labels(control)
        return control

    def span(self) -> tuple[int, int]:
        """The chosen (start, end) years, checked against the bounds: forged values are refused."""
        try:
            start, end = (int(v) for v in self.years.value)
        except (TypeError, ValueError):
            raise InputError("年份范围无法识别，已恢复原来的选择。") from None
        low, high = int(self.years.min), int(self.years.max)
        if not (low <= start <= end <= high):
            raise InputError(f"年份范围应在 {low} 到 {high} 年之间。")
        return start, end

    # -- presets ----------------------------------------------------------------------
    def preset(self, control: widgets.Widget, value: Any, what: str) -> bool:
        """Set ``control`` to ``value`` if it offers it; otherwise note it for the status line."""
        options = _option_values(control)
        values = list(value) if isinstance(control, widgets.SelectMultiple) else [value]
        missing = [v for v in values if v not in options]
        if missing:
            self._notes.append(f"本活动的数据里没有{what}“{'、'.join(map(str, missing))}”，已显示默认内容。")
            return False
        control.value = tuple(values) if isinstance(control, widgets.SelectMultiple) else value
        return True

    def preset_years(self, years: Any) -> bool:
        try:
            start, end = (int(v) for v in years)
        except (TypeError, ValueError):
            self._notes.append("年份应写成 (起始年, 结束年)，已显示默认年份。")
            return False
        low, high = int(self.years.min), int(self.years.max)
        if not (low <= start <= end <= high):
            self._notes.append(f"本活动的数据只有 {low}—{high} 年，没有 {start}—{end} 年，已显示默认年份。")
            return False
        self.years.value = (start, end)
        return True

    def show_notes(self) -> None:
        """Put the preset notes on the status line (after the first draw, which clears it)."""
        if self._notes:
            self.status.value = "".join(html.banner(n, "warning") for n in self._notes)
            self._notes = []

    # -- text -------------------------------------------------------------------------
    def sentence_html(self, text: str, *, illustrative: bool, css_class: str = "ck-card") -> str:
        """A sentence for the lecturer to read out, with the 示例 badge when it is invented."""
        badge = html.ILLUSTRATIVE_BADGE if illustrative else ""
        return (
            f'<div class="{css_class}" style="font-size:{theme.text_size("card", self.presenter)}px;line-height:1.6;'
            f'margin:6px 0;">{html.escape(text)}{badge}</div>'
        )


def _option_values(control: widgets.Widget) -> list:
    options = getattr(control, "options", ())
    return [o[1] if isinstance(o, tuple) else o for o in options]


PRIVATE_ON_LAN = "这一页有个人信息，只在宣讲员自己的电脑上使用；局域网（手机）模式下不提供。"


def dashboard(
    path: str | Path | None,
    build: Callable[[Campaign], widgets.Widget],
    *,
    tables: Collection[str] | None = None,
    page: str | None = None,
    error_note: bool = True,
) -> widgets.Widget:
    """A dashboard for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample):
    ``build(campaign)``, under a note when the data has errors; a message when it cannot be read.

    ``tables``: the tables the page shows (None: all). Only those are read (with the tables
    they refer to), so a page opens as fast with a million payments in the folder as without,
    and a broken table it does not use leaves it alone.

    ``error_note=False`` for a page that lists the errors itself (data health).
    ``page``: the registry page this view is (its notebook's name). A page its feature declares
    private (personal data, raw problem values) is refused here under ``serve --lan``, in the
    kernel, whatever the notebook calling it is named (the server also hides the registry's
    private notebooks, but a trainer's copy has another name).
    """
    if page in registry().private_notebooks() and os.environ.get(LAN_ENV):
        return widgets.HTML(html.banner(PRIVATE_ON_LAN, "warning"))
    try:
        campaign = check_campaign(path, tables=tables)
    except CampaignNotFound as exc:
        return widgets.HTML(html.banner(str(exc), "error"))
    widget = build(campaign)
    if campaign.ok or not error_note:
        return widget
    note = html.banner(f"数据中有 {campaign.error_count} 处错误，有错误的行没有显示。请打开“数据体检”页面查看并改正。", "warning")
    return widgets.VBox([widgets.HTML(note), widget])
