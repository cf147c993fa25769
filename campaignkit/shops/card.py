"""A shop's 明白卡 (A4 PDF, like the household's): the year's relief measure by measure, with
the arithmetic and the document of each, the figures as the shop stated them, and the
operator's name masked unless the caller asks otherwise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, select_autoescape

from ..core.fmt import cn_date
from ..core.people import mask_name
from ..ui.export import write_pdf
from .relief import ShopYear, base, money, relief_lines

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>减税降费明白卡</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 14pt; color: #111; }
h1, th, .total, .badge { font-weight: normal; }
h1 { font-size: 1.6em; margin: 0 0 4px 0; }
.meta { color: #333; margin-bottom: 8px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; table-layout: fixed; }
col.tax { width: 18%; } col.relief { width: 18%; } col.basis { width: 64%; }
th, td { border: 1px solid #555; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.words { font-size: 0.9em; }
.total { font-size: 1.2em; margin: 6px 0; border-top: 2px solid #111; padding-top: 4px; }
.foot { font-size: 0.8em; color: #444; margin-top: 8px; }
.badge { border: 1px solid #b58900; background: #fff3cd; padding: 0 4px; }
</style></head><body>
<h1>{{ year }}年减税降费明白卡（个体工商户）{% if illustrative %} <span class="badge">示例</span>{% endif %}</h1>
<div class="meta">店铺编号：{{ shop_id }}　经营者：{{ operator }}　行业：{{ trade }}<br>
所在单位：{{ unit }}{% if grid %}　网格：{{ grid }}{% endif %}　纳税人类型：{{ taxpayer }}<br>
店主所报：全年销售额 {{ sales }}，应纳税所得额 {{ income }}</div>
{% if lines %}
<table>
  <colgroup><col class="tax"><col class="relief"><col class="basis"></colgroup>
  <tr><th>税费</th><th>少缴（元）</th><th>依据</th></tr>
  {% for line in lines %}
  <tr><td>{{ line.tax }}</td><td class="num">{{ line.relief }}</td><td>{{ line.basis }}</td></tr>
  <tr><td colspan="3" class="words">{{ line.arithmetic }}</td></tr>
  {% endfor %}
</table>
{% else %}<p>这一年没有适用的减免政策。</p>{% endif %}
<div class="total">合计少缴 {{ total }}</div>
<div class="foot">少缴的税费 = 没有这项政策时按法定税率应缴的税费 − 有这项政策时应缴的税费。数字按店主所报计算，实际以税务机关核定为准；
政策文件和出处见 campaignkit 的 data/reference/shop_relief_measures.csv 与 policy_sources.csv。制卡日期：{{ date }}。</div>
</body></html>"""

TEMPLATE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(_TEMPLATE)


def card_html(row: dict, shop: ShopYear, *, show_name: bool = False, today: dt.date | None = None) -> str:
    """The card of one shop-year: ``row`` is the shop's row of the table (operator, trade, unit…)."""
    lines = relief_lines(shop)
    name = row.get("operator") or ""
    return TEMPLATE.render(
        year=shop.year,
        illustrative=bool(row.get("illustrative")),
        shop_id=row.get("shop_id", ""),
        operator=name if show_name else (mask_name(name) or ""),
        trade=row.get("trade") or "",
        unit=row.get("unit") or "",
        grid=row.get("grid") or "",
        taxpayer=shop.taxpayer,
        sales=base(shop.sales) if shop.sales is not None else "未报",
        income=base(shop.taxable_income) if shop.taxable_income is not None else "未报",
        lines=[
            {"tax": line.tax, "relief": money(line.relief).removesuffix("元"), "basis": line.basis, "arithmetic": line.arithmetic}
            for line in lines
        ],
        total=money(sum((line.relief for line in lines), Decimal(0))),
        date=cn_date(today or dt.date.today()),
    )


def write_card(row: dict, shop: ShopYear, path: str | Path, **kw) -> Path:
    return write_pdf(card_html(row, shop, **kw), path)
