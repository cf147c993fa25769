"""个体工商户 at the door: the relief calculator for a shop and a year on the door-visit page —
find the shop by its code, or type the figures a shopkeeper gives (a what-if) — with every
line's arithmetic and document, as ``campaignkit shop`` and the shop's 明白卡 say them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.people import mask_name
from ..errors import InputError
from ..load import check_campaign
from ..ui import html
from ..ui.view import guarded, wide_labels
from .relief import FigureError, ShopYear, money, parse_figure, relief_lines
from .shops import shop_years
from .tables import TAXPAYER_KINDS

NOT_IN_TABLE = "（不用表里的，直接填数字）"


def _amount(text: str, what: str) -> Decimal | None:
    try:
        return parse_figure(text, what)
    except FigureError as exc:  # said on the panel's status line
        raise InputError(str(exc)) from None


class ShopPanel(widgets.VBox):
    """The calculator; the shops table is read when the panel is first used."""

    def __init__(self, campaign_dir: Path, log_lookup: Callable[[str, str], None] | None = None, **kwargs):
        """``log_lookup(who, what)``: the page's access log; a shop looked up is logged like a household."""
        super().__init__(**kwargs)
        self.folder, self.log_lookup = Path(campaign_dir), log_lookup
        self._shops: pd.DataFrame | None = None
        style = {"description_width": "initial"}
        self.shop = widgets.Combobox(description="店铺编号：", placeholder="如 YG-S01，不填就直接填数字", style=style)
        self.year = widgets.BoundedIntText(description="年度：", value=2023, min=2019, max=2100, style=style)
        self.sales = widgets.Text(description="月销售额（元）：", placeholder="不含增值税", style=style)
        self.income = widgets.Text(description="应纳税所得额（元/年）：", style=style)
        self.local_taxes = widgets.Text(description="六税两费（元，按全额）：", style=style)
        self.taxpayer = widgets.Dropdown(description="纳税人类型：", options=TAXPAYER_KINDS, style=style)
        self.fill = widgets.Button(description="用表里的数字", layout=widgets.Layout(width="160px", height="44px"))
        self.calculate = widgets.Button(
            description="算一算", button_style="primary", layout=widgets.Layout(width="160px", height="44px")
        )
        self.who = widgets.HTML()
        self.result = widgets.HTML()
        self.status = widgets.HTML()  # where @guarded puts a problem with the input
        wide_labels(self.shop, self.year, self.sales, self.income, self.local_taxes, self.taxpayer)
        self.fill.on_click(lambda _: self._on_fill())
        self.calculate.on_click(lambda _: self._on_calculate())
        self.children = [
            widgets.HTML("<h3>个体工商户：减税降费账</h3>"),
            widgets.HBox([self.shop, self.year, self.fill]),
            self.who,
            widgets.HBox([self.sales, self.income]),
            widgets.HBox([self.local_taxes, self.taxpayer]),
            self.calculate,
            self.status,
            self.result,
        ]

    @property
    def shops(self) -> pd.DataFrame:
        if self._shops is None:
            campaign = check_campaign(self.folder, tables=["shops"])
            self._shops = campaign.tables["shops"] if "shops" in campaign.results else pd.DataFrame()
            if not self._shops.empty:
                self.shop.options = sorted(self._shops["shop_id"].unique())
        return self._shops

    def _row(self) -> pd.DataFrame:
        code = self.shop.value.strip()
        frame = self.shops
        if frame.empty or code not in set(frame["shop_id"]):
            raise InputError(f"个体工商户表里没有店铺编号“{code}”")
        rows = frame[(frame["shop_id"] == code) & (frame["year"] == self.year.value)]
        if rows.empty:
            years = "、".join(str(int(y)) for y in sorted(frame.loc[frame["shop_id"] == code, "year"]))
            raise InputError(f"店铺“{code}”没有 {self.year.value} 年的数字（表里有：{years}）")
        return rows.head(1)

    @guarded
    def _on_fill(self) -> None:
        row, shop = shop_years(self._row())[0]
        if self.log_lookup is not None:
            self.log_lookup(f"店铺 {row['shop_id']}", f"个体工商户查询（{shop.year}年）")
        self.sales.value = "" if shop.monthly_sales is None else f"{shop.monthly_sales.quantize(Decimal('0.01')).normalize():f}"
        self.income.value = "" if shop.taxable_income is None else f"{shop.taxable_income.normalize():f}"
        self.local_taxes.value = "" if shop.local_taxes is None else f"{shop.local_taxes.normalize():f}"
        self.taxpayer.value = shop.taxpayer
        self.who.value = html.banner(
            f"{escape(str(row['shop_id']))}：{escape(mask_name(row.get('operator')) or '')}，{escape(str(row.get('trade') or ''))}，"
            f"{escape(str(row['unit']))}（店主所报数字，可以改了再算）",
            "info",
        )
        self._on_calculate()

    @guarded
    def _on_calculate(self) -> None:
        monthly = _amount(self.sales.value, "月销售额")
        loan: dict = {}
        if self.shop.value.strip() and not self.shops.empty and self.shop.value.strip() in set(self.shops["shop_id"]):
            _, stated = shop_years(self._row())[0]  # the loan stays as the table has it
            loan = {"loan": stated.loan, "loan_rate": stated.loan_rate, "loan_lpr": stated.loan_lpr}
        shop = ShopYear(
            year=int(self.year.value),
            sales=None if monthly is None else monthly * 12,
            taxable_income=_amount(self.income.value, "应纳税所得额"),
            taxpayer=self.taxpayer.value,
            local_taxes=_amount(self.local_taxes.value, "六税两费"),
            **loan,
        )
        lines = relief_lines(shop)
        if not lines:
            self.result.value = html.banner(f"{shop.year}年没有适用的减免政策（或所填数字用不上）。", "info")
            return
        items = "".join(f"<li>{escape(line.arithmetic)}</li>" for line in lines)
        total = money(sum((line.relief for line in lines), Decimal(0)))
        self.result.value = (
            f'<ul style="font-size:18px;line-height:1.6">{items}</ul><p style="font-size:20px">合计少缴 {total}</p>'
        )
