"""Printable explainer cards (明白卡): one page per household, A4 or A5, as
print-ready HTML and as PDF with a real CJK font embedded (WeasyPrint draws
with the system's fonts: Debian's fonts-noto-cjk).

The card shows what the household should receive this year, item by item, who
pays, the arithmetic and the policy documents, and what was paid; names, ID and
card numbers are masked unless the caller asks otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from jinja2 import Environment, select_autoescape

from ..core.fmt import cn_date, fmt_number
from ..core.idnumber import mask_id
from ..core.people import mask_card, mask_name
from ..ui.export import render_pdf, write_pdf
from .service import BenefitsData

FONT_STACK = '"Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'
SIZES = {"A4": ("A4", "15pt"), "A5": ("A5", "11pt")}

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>惠民政策明白卡</title>
<style>
@page { size: {{ page }}; margin: 12mm; }
body { font-family: {{ font|safe }}; font-size: {{ size }}; color: #111; }
/* One weight only: every weight is another CJK font subset to embed (~50 ms a PDF). */
h1, th, b, strong, .total, .badge { font-weight: normal; }
.card { page-break-after: always; }
.card:last-child { page-break-after: auto; }
h1 { font-size: 1.6em; margin: 0 0 4px 0; }
.meta { color: #333; margin-bottom: 8px; }
/* Fixed layout: measuring CJK text for automatic column widths costs ~90 ms a card. */
table { border-collapse: collapse; width: 100%; margin: 6px 0; table-layout: fixed; }
col.item { width: 30%; } col.amount { width: 18%; } col.level { width: 34%; } col.paid { width: 18%; }
th, td { border: 1px solid #555; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.words { font-size: 0.9em; }
.total { font-size: 1.2em; margin: 6px 0; border-top: 2px solid #111; padding-top: 4px; }
.foot { font-size: 0.8em; color: #444; margin-top: 8px; }
.badge { border: 1px solid #b58900; background: #fff3cd; padding: 0 4px; }
</style></head><body>
{% for c in cards %}
<section class="card" id="card-{{ c.household_id }}">
  <h1>{{ c.year }}年惠民政策明白卡{% if c.illustrative %} <span class="badge">示例</span>{% endif %}</h1>
  <div class="meta">户编号：{{ c.household_id }}　户主：{{ c.head }}　身份证：{{ c.id_number }}<br>
  所在单位：{{ c.unit }}{% if c.grid %}　网格：{{ c.grid }}{% endif %}　一卡通：{{ c.card_number }}</div>
  <table>
    <colgroup><col class="item"><col class="amount"><col class="level"><col class="paid"></colgroup>
    <tr><th>项目</th><th>应得（元）</th><th>出资</th><th>已发（元）</th></tr>
    {% for i in c.lines %}
    <tr><td>{{ i.item }}</td><td class="num">{{ i.amount }}</td><td>{{ i.level }}</td><td class="num">{{ i.paid }}</td></tr>
    <tr><td colspan="4" class="words">{{ i.explanation }}{% if i.document %}　依据：{{ i.document }}{% endif %}</td></tr>
    {% endfor %}
  </table>
  <div class="total">合计应得 {{ c.total }} 元；已发 {{ c.paid_total }} 元。{{ c.by_level }}</div>
  {% if c.cases %}<div>需要核对：{% for x in c.cases %}{{ x }}{% if not loop.last %}；{% endif %}{% endfor %}</div>{% endif %}
  <div class="foot">制卡日期：{{ c.date }}。金额按惠民政策表中的标准计算，实际以发放部门为准；有疑问请联系驻村工作队或镇政府。</div>
</section>
{% endfor %}
</body></html>"""

_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
TEMPLATE = _ENV.from_string(_TEMPLATE)


def cards_context(benefits: BenefitsData, household_ids: list[str], year: int) -> dict:
    """What several cards need from the payments, fetched once for all of them."""
    paid = benefits.store.paid(household_ids, year)
    cases = benefits.follow_up(household_ids, [year])
    payments = benefits.campaign.tables["payments"]
    cards = payments[payments["household_id"].isin(household_ids)].dropna(subset=["card_number"])
    return {
        "paid": {h: g.set_index("item")["amount"] for h, g in paid.groupby("household_id")},
        "cases": {h: list(g["explanation"]) for h, g in cases.groupby("household_id")},
        "card_numbers": cards.groupby("household_id")["card_number"].first().to_dict(),
    }


def card_data(
    benefits: BenefitsData,
    household_id: str,
    year: int,
    *,
    mask: bool = True,
    today: dt.date | None = None,
    context: dict | None = None,
) -> dict:
    """Everything one card shows, as strings ready for the template."""
    household = benefits.household(household_id)
    if household is None:
        raise KeyError(f"没有户编号为“{household_id}”的户")
    context = context or cards_context(benefits, [household_id], year)
    est = benefits.estimate(household_id, year, mask=mask)
    paid = context["paid"].get(household_id, {})
    expected_items = set(est.items["item"])
    lines = [
        {
            "item": r["item"],
            "amount": fmt_number(r["amount"]),
            "level": r["funding_level"],
            "paid": fmt_number(float(paid.get(r["item"], 0.0))),
            "explanation": r["explanation"],
            "document": r["document"] if isinstance(r["document"], str) else "",
        }
        for _, r in est.items.iterrows()
    ]
    for item, amount in dict(paid).items():
        if item not in expected_items:
            lines.append(
                {
                    "item": item,
                    "amount": "0",
                    "level": "",
                    "paid": fmt_number(float(amount)),
                    "explanation": "应得中没有这一项，请核对。",
                    "document": "",
                }
            )
    # A value set aside at loading is blank (NaN), not text.
    head, id_number = (household.get(k) if isinstance(household.get(k), str) else "" for k in ("head_name", "id_number"))
    card_number = str(context["card_numbers"].get(household_id, ""))
    levels = "，".join(f"{r.level}{fmt_number(r.amount)}元" for r in est.by_level.itertuples())
    return {
        "household_id": household_id,
        "year": year,
        "unit": household.get("unit") or "",
        "grid": household.get("grid") or "",
        "head": mask_name(head) if mask else head,
        "id_number": mask_id(id_number) if mask else id_number,
        "card_number": (mask_card(card_number) or "") if mask else card_number,
        "lines": lines,
        "total": fmt_number(est.total),
        "paid_total": fmt_number(float(sum(dict(paid).values()))),
        "by_level": f"其中{levels}。" if levels else "",
        "cases": context["cases"].get(household_id, []),
        "illustrative": bool(household.get("illustrative")),
        "date": cn_date(today or dt.date.today()),
    }


def render_html(cards: Iterable[dict], size: str = "A4") -> str:
    page, font_size = SIZES[size]
    return TEMPLATE.render(cards=list(cards), page=page, size=font_size, font=FONT_STACK)


def export_village(
    benefits: BenefitsData,
    unit: str,
    year: int,
    folder: str | Path,
    *,
    size: str = "A4",
    one_file: bool = False,
    mask: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Cards for every household of ``unit``: one PDF each (with its HTML), or one PDF for the village.

    Either way the village is laid out and written once, so the CJK font is subset once
    (~50 ms a PDF otherwise); one PDF each is then cut from it page by page.
    """
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ids = benefits.store.village_households(unit)
    if progress:
        progress(0, len(ids))
    context = cards_context(benefits, ids, year)
    data = [card_data(benefits, household_id, year, mask=mask, context=context) for household_id in ids]
    if one_file:
        path = write_pdf(render_html(data, size), folder / f"{unit}_{year}年明白卡.pdf")
        if progress:
            progress(len(ids), len(ids))
        return [path]
    document = render_pdf(render_html(data, size))
    starts = {}  # card anchor -> first page index
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("card-"):
                starts.setdefault(anchor[5:], index)
    reader = PdfReader(BytesIO(document.write_pdf()))
    bounds = sorted(starts.values()) + [len(reader.pages)]
    out = []
    for n, card in enumerate(data, start=1):
        first = starts[card["household_id"]]
        last = bounds[bounds.index(first) + 1]
        writer = PdfWriter()
        for page in reader.pages[first:last]:
            writer.add_page(page)
        path = folder / f"{card['household_id']}.pdf"
        with open(path, "wb") as fh:
            writer.write(fh)
        (folder / f"{card['household_id']}.html").write_text(render_html([card], size), encoding="utf-8")
        out.append(path)
        if progress:
            progress(n, len(ids))
    return out
