"""Pieces every dashboard widget uses: a figure area, a status line, guarded
callbacks, CSV downloads, loading the campaign for a notebook."""

from __future__ import annotations

import base64
import functools
import json
import logging
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from IPython.display import display

from ..campaign import Campaign, check_campaign
from . import html

log = logging.getLogger("campaignkit")

# The plotly mimetype is drawn with the plotly.js that JupyterLab's plotly extension
# serves locally: offline, and without inlining 5 MB into every page.
MIMETYPE = "application/vnd.plotly.v1+json"
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "locale": "zh-CN",
               "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
               "toImageButtonOptions": {"format": "png", "scale": 2}}


class InputError(ValueError):
    """A control value that is not one the dashboard offers (possibly forged)."""


def guarded(method: Callable) -> Callable:
    """Run a callback; show problems on the status line, never a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            self.status.value = ""
            return method(self, *args, **kwargs)
        except InputError as exc:
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
        spec = json.loads(pio.to_json(figure, validate=False))
        spec["config"] = PLOT_CONFIG
        with self:
            self.clear_output(wait=True)
            display({MIMETYPE: spec}, raw=True)


def wide_labels(*controls: widgets.Widget) -> None:
    """Let descriptions take the width they need: Chinese labels are wider than ipywidgets' default."""
    for control in controls:
        control.style.description_width = "initial"


def csv_link(frame: pd.DataFrame, filename: str, label: str = "下载这张表（CSV，可用 Excel 打开）") -> str:
    """A download link holding the CSV itself (UTF-8 with BOM, so Excel reads the Chinese right)."""
    data = ("\ufeff" + frame.to_csv(index=False)).encode("utf-8")
    href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")
    return (f'<a class="ck-download" download="{html.escape(filename, quote=True)}" href="{href}" '
            f'style="font-size:16px;">⬇ {html.escape(label)}</a>')


def checked(value: Any, allowed: list | tuple, what: str) -> Any:
    """``value`` if it is one of ``allowed``, else :class:`InputError`."""
    if value not in allowed:
        raise InputError(f"无法识别的{what}，请从列表中选择。")
    return value


def year_span(value: Any, low: int, high: int) -> tuple[int, int]:
    """A (start, end) pair of whole years inside [low, high]; forged values are refused."""
    try:
        start, end = (int(v) for v in value)
    except (TypeError, ValueError):
        raise InputError("年份范围无法识别，已恢复原来的选择。") from None
    if not (low <= start <= end <= high):
        raise InputError(f"年份范围应在 {low} 到 {high} 年之间。")
    return start, end


def load_for_dashboard(path: str | Path | None = None) -> tuple[Campaign | None, widgets.HTML | None]:
    """The campaign for a dashboard, or a readable message if it cannot be shown."""
    try:
        campaign = check_campaign(path)
    except FileNotFoundError as exc:
        return None, widgets.HTML(html.banner(str(exc), "error"))
    if not campaign.ok:
        note = html.banner(f"数据中有 {len(campaign.errors)} 处错误，有错误的行没有显示。请打开“数据体检”页面查看并改正。", "warning")
        return campaign, widgets.HTML(note)
    return campaign, None


def dashboard(path: str | Path | None, build: Callable[[Campaign], widgets.Widget]) -> widgets.Widget:
    """A dashboard for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample):
    ``build(campaign)``, under a note when the data has errors; a message when it cannot be read."""
    campaign, note = load_for_dashboard(path)
    if campaign is None:
        return note
    widget = build(campaign)
    return widgets.VBox([note, widget]) if note else widget


def frame_table(frame: pd.DataFrame, columns: dict[str, str], *, limit: int = 200, css_class: str = "ck-table",
                illustrative: bool = False) -> str:
    """An HTML table of ``frame`` with Chinese column names (``columns`` maps field → label),
    under a 示例 badge when it shows invented figures."""
    shown = frame[list(columns)].head(limit)
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c]) for c in columns]
    rows = [[_cell(v) for v in row] for row in shown.itertuples(index=False)]
    more = f"<p>只显示前 {limit} 行，共 {len(frame)} 行；完整数据请下载。</p>" if len(frame) > limit else ""
    badge = f"<div>{html.ILLUSTRATIVE_BADGE} 表中含示例（虚构）数据</div>" if illustrative else ""
    return badge + html.table(list(columns.values()), rows, numeric=numeric, css_class=css_class) + more


def _cell(value: Any) -> Any:
    from ..ledger import fmt_number

    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return fmt_number(value)
    return value
