"""A retiree's 养老金明白卡 (A4 PDF): the pension year by year, what each year added, and the
national raise of that year with its document; the name masked unless asked otherwise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from jinja2 import Environment, select_autoescape

from ..core.fmt import cn_date
from ..core.people import mask_name
from ..ui.export import write_pdf
from .pension import PensionYear, summary

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>养老金明白卡</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 14pt; color: #111; }
h1, .badge { font-weight: normal; }
h1 { font-size: 1.6em; margin: 0 0 4px 0; }
.meta { color: #333; margin-bottom: 8px; }
li { margin: 4px 0; }
.total { font-size: 1.2em; margin: 8px 0; border-top: 2px solid #111; padding-top: 4px; }
.foot { font-size: 0.8em; color: #444; margin-top: 8px; }
.badge { border: 1px solid #b58900; background: #fff3cd; padding: 0 4px; }
</style></head><body>
<h1>养老金明白卡{% if illustrative %} <span class="badge">示例</span>{% endif %}</h1>
<div class="meta">人员编号：{{ person_id }}　姓名：{{ name }}　所在单位：{{ unit }}　养老保险：{{ scheme }}</div>
<ol>{% for year in years %}<li>{{ year.said }}</li>{% endfor %}</ol>
{% if total %}<div class="total">{{ total }}</div>{% endif %}
<div class="foot">每月养老金按本人所报（或存折所见）填写；全国的调整是总体水平，每个人的调整还与缴费年限、养老金水平等有关，以社保部门核定为准。
全国调整的文件和出处见 campaignkit 的 data/reference/pension_raises.csv 与 policy_sources.csv。制卡日期：{{ date }}。</div>
</body></html>"""

TEMPLATE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string(_TEMPLATE)


def card_html(rows: pd.DataFrame, history: list[PensionYear], *, show_name: bool = False, today: dt.date | None = None) -> str:
    last = rows.sort_values("year").iloc[-1]
    return TEMPLATE.render(
        illustrative=bool(rows["illustrative"].fillna(False).any()) if "illustrative" in rows else False,
        person_id=last["person_id"],
        name=last["name"] if show_name else mask_name(last["name"]),
        unit=last["unit"],
        scheme=last["scheme"],
        years=history,
        total=summary(history),
        date=cn_date(today or dt.date.today()),
    )


def write_card(rows: pd.DataFrame, history: list[PensionYear], path: str | Path, **kw) -> Path:
    return write_pdf(card_html(rows, history, **kw), path)
