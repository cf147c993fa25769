"""Data-health dashboard: a campaign's tables, their row counts and the problem
report, so a trainer sees what to fix. Personal values are masked."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import traitlets

from ..core.campaign import Campaign
from ..core.people import Masker
from ..core.problems import SEVERITY_LABELS, Problem, count_of
from ..ui import html
from ..ui.view import ALL, View, checked, dashboard, guarded

MAX_SHOWN = 300
SEVERITY_OPTIONS = ((ALL, "all"), ("只看错误", "error"), ("只看警告", "warning"))
ALL_TABLES = "all"


def _counts_html(campaign: Campaign) -> str:
    rows = []
    for name, table in campaign.catalogue.items():
        result = campaign.results.get(name)
        if result is None:
            rows.append([table.label, "（未提供）", None, None, None, None, None])
            continue
        c = result.counts
        rows.append(
            [table.label, html.Typed(c.file), c.rows_read, c.rows_skipped, c.rows_rejected, c.rows_loaded, c.records_loaded]
        )
    return html.table(
        ["表", "文件", "读入行", "跳过", "拒收", "载入行", "记录数"],
        rows,
        numeric=[False, False, True, True, True, True, True],
        css_class="ck-counts",
    )


def _problem_rows(problems: list[Problem], mask: Masker) -> list[list[object]]:
    return [
        [
            SEVERITY_LABELS[p.severity],
            html.Typed(p.file),
            p.sheet or "",
            p.row if p.row is not None else "整个文件",
            p.column or "",
            mask(p.column, p.value) if p.value is not None else "",
            p.message,
        ]
        for p in problems
    ]


def by_household(campaign: Campaign) -> dict[str, list[Problem]]:
    """Warnings on loaded rows that belong to a household (members, households, payments…),
    grouped by 户编号, so that a trainer fixes one family's records in one pass."""
    warned: dict[str, list[Problem]] = {}
    for problem in campaign.problems:
        if problem.severity == "warning" and problem.row is not None and problem.count == 1:
            warned.setdefault(problem.file, []).append(problem)
    grouped: dict[str, list[Problem]] = {}
    for result in campaign.results.values():
        records, problems = result.records, warned.get(result.file)
        if not problems or "household_id" not in records.columns or "src_row" not in records.columns:
            continue
        # Only the warned rows are looked up: a million payments must not be walked for a few warnings.
        rows = records.loc[records["src_row"].isin({p.row for p in problems}), ["src_row", "household_id"]]
        household_of = dict(zip(rows["src_row"].astype(int), rows["household_id"]))
        for problem in problems:
            household = household_of.get(problem.row)
            if isinstance(household, str):
                grouped.setdefault(household, []).append(problem)
    return dict(sorted(grouped.items()))


def _households_html(grouped: dict[str, list[Problem]], mask: Masker) -> str:
    if not grouped:
        return html.banner("没有需要逐户核对的登记资料。", "ok")
    parts = []
    for household, problems in list(grouped.items())[:MAX_SHOWN]:
        items = "".join(
            f"<li><code>{html.escape(p.file)}</code> 第 {p.row} 行“{html.escape(p.column or '')}”"
            f"{'（值：' + html.escape(str(mask(p.column, p.value))) + '）' if p.value is not None else ''}："
            f"{html.escape(p.message)}</li>"
            for p in problems
        )
        parts.append(
            f"<details><summary>{html.escape(household)}：这一户有 {len(problems)} 处资料待核</summary><ul>{items}</ul></details>"
        )
    more = f"<p>只列出前 {MAX_SHOWN} 户，共 {len(grouped)} 户。</p>" if len(grouped) > MAX_SHOWN else ""
    return "".join(parts) + more


class DataHealthView(View):
    """Counts and problems of one campaign folder, with filters by severity and table.

    Presets (optional): ``table`` (a table name, e.g. "payments"), ``severity`` ("error" or "warning").
    """

    severity = traitlets.Unicode("all", help="Which problems to list: all, error or warning.")
    table = traitlets.Unicode(ALL_TABLES, help="Which table's problems to list, or 'all'.")

    def __init__(self, campaign: Campaign, *, table: str | None = None, severity: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.campaign = campaign
        self.mask = Masker(campaign.catalogue.sensitive_fields())
        errors = campaign.error_count
        warnings = count_of(campaign.problems) - errors
        badge = html.ILLUSTRATIVE_BADGE if campaign.config.illustrative else ""
        self.header = widgets.HTML(
            f'<h2 style="margin:4px 0;">{html.escape(campaign.config.name)}{badge}</h2>'
            f'<div style="color:#555;">数据文件夹：<code>{html.escape(Path(campaign.path).name)}</code></div>'
        )
        if errors:
            verdict = html.banner(f"有 {errors} 个错误需要改正（有错误的行没有载入），另有 {warnings} 个警告。", "error")
        elif warnings:
            verdict = html.banner(f"没有错误，可以使用。有 {warnings} 个警告，请看一下。", "warning")
        else:
            verdict = html.banner("没有错误，也没有警告，可以使用。", "ok")
        self.verdict = widgets.HTML(verdict)
        self.counts = widgets.HTML(_counts_html(campaign))
        self.severity_picker = widgets.ToggleButtons(
            options=SEVERITY_OPTIONS, value="all", description="问题：", style={"button_width": "auto"}
        )
        tables = [(ALL, ALL_TABLES)] + [(t.label, n) for n, t in campaign.catalogue.items()]
        self.table_picker = widgets.Dropdown(options=tables, value=ALL_TABLES, description="表：")
        self.problem_list = widgets.HTML()
        self.households = widgets.HTML(_households_html(by_household(campaign), self.mask))
        if table is not None and self.preset(self.table_picker, table, "表"):
            self.table = table
        if severity is not None and self.preset(self.severity_picker, severity, "问题类型"):
            self.severity = severity
        self.severity_picker.observe(self._on_severity, names="value")
        self.table_picker.observe(self._on_table, names="value")
        self.children = [
            self.header,
            self.verdict,
            widgets.HTML("<h3>各表行数</h3>"),
            self.counts,
            widgets.HTML("<h3>问题清单</h3><p>行号就是在 Excel 或文本编辑器里看到的行号；身份证号、姓名、卡号已打码。</p>"),
            widgets.HBox([self.severity_picker, self.table_picker]),
            self.status,
            self.problem_list,
            widgets.HTML("<h3>逐户核对</h3><p>同一户的提醒放在一起，一次改完这一户的登记资料。</p>"),
            self.households,
        ]
        self._render()
        self.show_notes()

    # Values arrive from the browser and can be forged: a value the picker does not offer
    # is refused on the status line and the list falls back to everything.
    def _on_severity(self, change) -> None:
        self._filter("severity", change["new"], [v for _, v in SEVERITY_OPTIONS], "筛选条件")

    def _on_table(self, change) -> None:
        self._filter("table", change["new"], [v for _, v in self.table_picker.options], "表名")

    @guarded
    def _filter(self, trait: str, value: str, allowed: list[str], what: str) -> None:
        setattr(self, trait, "all")
        try:
            setattr(self, trait, checked(value, allowed, what))
        finally:
            self._render()

    def shown_problems(self) -> list[Problem]:
        problems = self.campaign.problems
        if self.severity != "all":
            problems = [p for p in problems if p.severity == self.severity]
        if self.table != ALL_TABLES:
            problems = [p for p in problems if p.table == self.table]
        return problems

    def _render(self) -> None:
        problems = self.shown_problems()
        if not problems:
            self.problem_list.value = html.banner("这里没有问题。", "ok")
            return
        shown = problems[:MAX_SHOWN]
        more = (
            ""
            if len(problems) <= MAX_SHOWN
            else (f"<p>只列出前 {MAX_SHOWN} 条，共 {len(problems)} 条；全部问题请在电脑上运行 campaignkit validate 查看。</p>")
        )
        self.problem_list.value = (
            html.table(
                ["类型", "文件", "工作表", "行", "列", "值", "说明"], _problem_rows(shown, self.mask), css_class="ck-problems"
            )
            + more
        )


def data_health_view(
    path: str | Path | None = None, *, table: str | None = None, severity: str | None = None
) -> DataHealthView | widgets.HTML:
    """The data-health board for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample):
    every registered table, e.g. ``data_health_view(table="payments", severity="error")``.
    A folder that cannot be read gives a readable message instead of a traceback.
    """
    build = lambda campaign: DataHealthView(campaign, table=table, severity=severity)  # noqa: E731
    return dashboard(path, build, page="data_health.ipynb", error_note=False)
