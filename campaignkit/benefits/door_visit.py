"""Door-visit view (炕头账): find one household, read its card year by year in
plain words, try "what if" with the calculator, see the follow-up cases, print
its 明白卡. Names, ID and card numbers are masked unless 显示姓名 is switched on;
every lookup is appended to the access log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.fmt import fmt_number
from ..core.idnumber import mask_id
from ..core.people import mask_name
from ..outreach import VisitPanel
from ..shops import ShopPanel
from ..ui import html, theme
from ..ui.export import data_link, write_pdf
from ..ui.view import InputError, View, checked, dashboard, guarded
from .cards import card_data, cards_context, export_village, render_html
from .cases import DATA_REVIEW
from .service import BenefitsData, access_log_path, log_access

AREAS = (
    ("grazing_ban_area", "禁牧面积（亩）"),
    ("balance_area", "草畜平衡面积（亩）"),
    ("arable_area", "耕地面积（亩）"),
    ("grassland_area", "草场面积（亩）"),
)
MAX_AREA = 1_000_000.0


class DoorVisitView(View):
    """One household's account at its kitchen table. Preset: ``household`` (户编号) to open it directly."""

    def __init__(
        self,
        benefits: BenefitsData,
        log_path: Path,
        export_dir: Path,
        *,
        household: str | None = None,
        campaign_dir: Path | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.benefits, self.log_path, self.export_dir = benefits, log_path, export_dir
        self.household_id: str | None = None
        style = {"description_width": "initial"}
        self.code = widgets.Text(description="户编号：", placeholder="例如 HL-001", style=style)
        self.lookup = widgets.Button(description="查找", button_style="primary")
        self.unit = widgets.Dropdown(description="或在单位：", options=benefits.units, style=style)
        self.name = widgets.Text(description="户主姓名含：", placeholder="输入一两个字", style=style)
        self.search = widgets.Button(description="按姓名找")
        self.matches = widgets.Dropdown(description="找到：", options=[], style=style)
        self.reveal = widgets.ToggleButton(value=False, description="显示姓名", tooltip="只在户主本人面前打开")
        self.year = widgets.Dropdown(description="年份：", options=benefits.years, value=benefits.years[-1], style=style)
        self.header = widgets.HTML()
        self.card = widgets.HTML()
        self.areas = {
            name: widgets.BoundedFloatText(description=label, min=0, max=MAX_AREA, style=style) for name, label in AREAS
        }
        self.turning_60 = widgets.Checkbox(description="假设家里有一位今年 7 月满 60 周岁的成员", indent=False)
        self.calculate = widgets.Button(description="重新计算")
        self.estimate_box = widgets.HTML()
        self.cases = widgets.HTML()
        self.print_card = widgets.Button(description="生成明白卡（PDF）")
        self.card_link = widgets.HTML()
        self.export_unit = widgets.Button(description="导出本单位全部明白卡")
        self.progress = widgets.IntProgress(
            min=0, max=1, value=0, description="进度：", layout=widgets.Layout(visibility="hidden")
        )
        self.lookup.on_click(lambda _: self._on_lookup())
        self.search.on_click(lambda _: self._on_search())
        self.matches.observe(self._on_match, names="value")
        self.reveal.observe(self._on_reveal, names="value")
        self.year.observe(lambda _: self._on_year(), names="value")
        self.calculate.on_click(lambda _: self._on_calculate())
        self.print_card.on_click(lambda _: self._on_print())
        self.export_unit.on_click(lambda _: self._on_export())
        calculator = widgets.VBox(
            [
                widgets.HTML("<h3>算一算（可以改数字试试）</h3>"),
                *self.areas.values(),
                self.turning_60,
                self.calculate,
                self.estimate_box,
            ]
        )
        self.children = [
            widgets.HBox([self.code, self.lookup]),
            widgets.HBox([self.unit, self.name, self.search]),
            self.matches,
            widgets.HBox([self.year, self.reveal]),
            self.status,
            self.header,
            widgets.HBox(
                [
                    widgets.VBox([widgets.HTML("<h3>一卡通到账（按年）</h3>"), self.card], layout=widgets.Layout(width="55%")),
                    widgets.VBox([calculator], layout=widgets.Layout(width="45%")),
                ]
            ),
            widgets.HTML("<h3>需要核对的事项</h3>"),
            self.cases,
            widgets.HBox([self.print_card, self.export_unit, self.progress]),
            self.card_link,
        ]
        # 记一笔走访: the visit records of the household on the screen, and one more.
        self.visits = VisitPanel(campaign_dir) if campaign_dir is not None else None
        if self.visits is not None:
            self.children = [*self.children, self.visits]
        # A shop at the door: the 个体工商户 calculator (the plan's 惠民卡 is for shopkeepers too).
        self.shops = (
            ShopPanel(campaign_dir, log_lookup=lambda who, what: log_access(self.log_path, who, what))
            if campaign_dir is not None
            else None
        )
        if self.shops is not None:
            self.children = [*self.children, self.shops]
        if household is not None:
            self.code.value = str(household)
            self._on_lookup()

    # -- finding ---------------------------------------------------------------------
    @guarded
    def _on_lookup(self) -> None:
        code = str(self.code.value).strip()
        if not code or len(code) > 40:
            raise InputError("请输入户编号，例如 HL-001。")
        household_id = self.benefits.household_id_of(code)
        if household_id is None:
            raise InputError(f"没有户编号为“{code}”的户，请核对。")
        self.show_household(household_id, "按户编号")

    @guarded
    def _on_search(self) -> None:
        unit = checked(self.unit.value, list(self.unit.options), "单位")
        name = str(self.name.value).strip()
        if not name or len(name) > 10:
            raise InputError("请输入户主姓名中的一两个字。")
        found = self.benefits.find(unit, name)
        # A name search lists households (masked): it is a lookup, so it is logged like one.
        log_access(self.log_path, f"{unit}（按姓名搜索）", f"列出 {len(found)} 户")
        if found.empty:
            raise InputError(f"{unit}没有户主姓名含“{name}”的户。")
        self.matches.options = [(f"{r.household_id}　{r.head}", r.household_id) for r in found.itertuples()]

    @guarded
    def _on_match(self, change) -> None:
        if change["new"] in [v for _, v in self.matches.options]:
            self.show_household(change["new"], "按姓名")

    @guarded
    def _on_reveal(self, change) -> None:
        if self.household_id:
            log_access(self.log_path, self.household_id, "显示姓名" if change["new"] else "恢复打码")
            self._draw()

    @guarded
    def _on_year(self) -> None:
        checked(self.year.value, self.benefits.years, "年份")
        if self.household_id:
            self._draw()

    def show_household(self, household_id: str, how: str) -> None:
        self.household_id = household_id
        log_access(self.log_path, household_id, f"入户查询（{how}，{'显示姓名' if self.reveal.value else '打码'}）")
        household = self.benefits.household(household_id)
        for name, control in self.areas.items():
            value = household.get(name)
            control.value = float(value) if value is not None and pd.notna(value) else 0.0
        self.turning_60.value = False
        self.card_link.value = ""
        self._draw()
        if self.visits is not None:
            self.visits.show(household_id)

    # -- drawing ---------------------------------------------------------------------
    def _draw(self) -> None:
        hid = self.household_id
        household = self.benefits.household(hid)
        mask = not self.reveal.value
        name = household.get("head_name") if isinstance(household.get("head_name"), str) else ""
        # An ID set aside at loading is blank (NaN): nothing to show, masked or not.
        id_number = household.get("id_number") if isinstance(household.get("id_number"), str) else ""
        badge = html.ILLUSTRATIVE_BADGE if household.get("illustrative") else ""
        self.header.value = (
            f'<div class="ck-household" style="font-size:{theme.text_size("title")}px;line-height:1.6;">'
            f"户编号 {html.escape(hid)}　户主 {html.escape(mask_name(name) if mask else name)}"
            f"　{html.escape(household.get('unit') or '')} {html.escape(str(household.get('grid') or ''))}"
            f"　身份证 {html.escape(mask_id(id_number) if mask else id_number)}{badge}</div>"
        )
        self.card.value = self._card_html(hid)
        self._draw_estimate()
        cases = self.benefits.follow_up([hid])
        if cases.empty:
            self.cases.value = html.banner("各年应得与到账一致，没有需要核对的事项。", "ok")
        else:
            items = "".join(
                f"<li>{'<b>【资料待核】</b>' if reason == DATA_REVIEW else ''}{html.escape(text)}</li>"
                for reason, text in zip(cases["reason"], cases["explanation"])
            )
            self.cases.value = f'<ul class="ck-cases" style="font-size:{theme.text_size("card")}px;line-height:1.7;">{items}</ul>'

    def _card_html(self, hid: str) -> str:
        paid = self.benefits.card(hid)
        if paid.empty:
            return html.banner("没有找到这一户的一卡通发放记录。", "info")
        parts = []
        for year, rows in paid.groupby("year"):
            per_item = rows.groupby("item").agg(
                amount=("amount", "sum"), levels=("funding_level", lambda s: "、".join(dict.fromkeys(s)))
            )
            lines = "；".join(
                f"{html.escape(i)} {fmt_number(r.amount)} 元（{html.escape(r.levels)}）" for i, r in per_item.iterrows()
            )
            parts.append(f"<p><b>{int(year)}年 共 {fmt_number(rows['amount'].sum())} 元：</b>{lines}</p>")
        return f'<div class="ck-card" style="font-size:{theme.text_size("card")}px;line-height:1.7;">{"".join(parts)}</div>'

    def _overrides(self) -> tuple[dict, list[dict]]:
        overrides = {}
        for name, control in self.areas.items():
            value = float(control.value)
            if not 0 <= value <= MAX_AREA:
                raise InputError("面积应在 0 到 1,000,000 亩之间。")
            overrides[name] = value
        extra = []
        if self.turning_60.value:
            year = int(self.year.value)
            extra.append({"name": "假设成员", "birth_month": pd.Timestamp(year - 60, 7, 1)})
        return overrides, extra

    @guarded
    def _on_calculate(self) -> None:
        if not self.household_id:
            raise InputError("请先查找一户。")
        self._draw_estimate()

    def _draw_estimate(self) -> None:
        overrides, extra = self._overrides()
        est = self.benefits.estimate(
            self.household_id, int(self.year.value), overrides=overrides, extra_members=extra, mask=not self.reveal.value
        )
        lines = "".join(f"<li>{html.escape(t)}</li>" for t in est.items["explanation"])
        self.estimate_box.value = (
            f'<div class="ck-estimate" style="font-size:{theme.text_size("list")}px;line-height:1.7;">'
            f"<b>{html.escape(est.summary())}</b><ul>{lines}</ul></div>"
        )

    # -- printing --------------------------------------------------------------------
    @guarded
    def _on_print(self) -> None:
        if not self.household_id:
            raise InputError("请先查找一户。")
        year = int(self.year.value)
        data = card_data(
            self.benefits,
            self.household_id,
            year,
            mask=not self.reveal.value,
            context=cards_context(self.benefits, [self.household_id], year),
        )
        page = render_html([data], "A5")
        pdf = write_pdf(page, self.export_dir / f"{self.household_id}_{year}.pdf")
        log_access(self.log_path, self.household_id, "打印明白卡")
        self.card_link.value = (
            data_link(pdf.read_bytes(), "application/pdf", pdf.name, "下载明白卡 PDF")
            + "　"
            + data_link(page.encode("utf-8"), "text/html", pdf.with_suffix(".html").name, "打开可打印的网页版")
        )

    @guarded
    def _on_export(self) -> None:
        unit = checked(self.unit.value, list(self.unit.options), "单位")
        year = int(self.year.value)
        folder = self.export_dir / f"{unit}_{year}"
        self.progress.layout.visibility = "visible"

        def step(done: int, total: int) -> None:
            self.progress.max, self.progress.value = total, done

        paths = export_village(self.benefits, unit, year, folder, mask=True, progress=step)
        log_access(self.log_path, f"{unit}（全部）", "批量导出明白卡")
        self.status.value = html.banner(f"已导出 {len(paths)} 张明白卡到电脑上的文件夹：{folder}", "ok")


def door_visit_view(path: str | Path | None = None, *, household: str | None = None) -> widgets.Widget:
    """The door-visit view for a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample);
    ``household="HL-001"`` opens that household (the lookup is logged like any other)."""

    def build(campaign):
        exports = Path(campaign.path) / ".campaignkit" / f"明白卡_{dt.date.today():%Y%m%d}"
        return DoorVisitView(
            BenefitsData(campaign), access_log_path(campaign), exports, household=household, campaign_dir=Path(campaign.path)
        )

    return dashboard(path, build, tables=["households", "members", "policies", "payments"], page="door_visit.ipynb")
