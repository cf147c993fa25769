"""The outreach dashboard and the overview: what a meeting sees (aggregates, small rates hidden,
no household and no name), the drill-down, the stories told with consent, the A4 PDF."""

from __future__ import annotations

import io
import re

import pypdf
from openpyxl import load_workbook

from campaignkit.outreach.data import OutreachData
from campaignkit.outreach.overview import OverviewView
from campaignkit.outreach.view import OutreachView


def _text(view) -> str:
    """Everything the page shows as HTML, and every chart's text."""
    parts = []
    for child in _walk(view):
        if hasattr(child, "value") and isinstance(child.value, str):
            parts.append(child.value)
        figure = getattr(child, "figure", None)
        if figure is not None:
            parts.append(figure.to_json())
    return "\n".join(parts)


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_the_town_then_one_unit_then_one_month(sample):
    view = OutreachView(OutreachData(sample.path))
    assert "本镇登记的 320 户中走访到 229 户，覆盖率 72%" in view.summary.value
    assert view.coverage.figure.data[0].text[0] == "无对象"  # 镇机关: no households registered
    view.unit.value = "阳光社区"
    assert "阳光社区登记的 60 户中走访到 29 户" in view.summary.value
    grids = list(view.coverage.figure.data[0].y)
    assert grids == ["第四网格", "第三网格", "第二网格", "第一网格"]
    assert view.coverage.figure.data[0].text[0] == "无对象"
    view.period.value = "2024年1月"
    assert "2024年1月1日至2024年1月31日" in view.summary.value


def test_a_meeting_page_shows_no_household_and_no_name(sample):
    outreach = OutreachData(sample.path)
    households = outreach.table("households")
    shown = _text(OutreachView(outreach)) + _text(OverviewView(outreach, unit="红柳嘎查"))
    for hid in households["household_id"]:  # ids are HL-001…: none is a part of another
        assert hid not in shown, hid
    for name in households["head_name"]:
        assert name not in shown
    visits = outreach.log.records
    for text in set(visits["demand"].dropna()) | set(visits["cadre"].dropna()):
        assert text not in shown, text
    tellers = outreach.table("activities")["storyteller"].dropna()
    assert len(tellers)
    assert not any(t in shown for t in tellers)
    assert "乌*" in shown


def test_a_story_without_consent_is_not_shown(sample):
    outreach = OutreachData(sample.path)
    activities = outreach.table("activities")
    withheld = activities[activities["story_kind"].notna() & ~activities["consent"]]
    assert len(withheld)
    view = OutreachView(outreach)
    for kind in withheld["story_kind"]:
        shown_kinds = re.findall(r"<b>(.*?)</b>", view.stories.value)
        assert kind not in shown_kinds


def test_a_grid_of_fewer_than_five_households_has_its_rate_hidden_and_cannot_be_subtracted(campaign_copy):
    # Three of 阳光社区's households move to 第四网格: its rate would describe three households.
    book = load_workbook(campaign_copy / "households.xlsx")
    sheet = book.active
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=5) if any(c.value == "网格" for c in r))
    grid_col = next(c.column for c in header if c.value == "网格")
    moved = 0
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[grid_col - 1].value == "第一网格" and moved < 3:
            row[grid_col - 1].value = "第四网格"
            moved += 1
    book.save(campaign_copy / "households.xlsx")
    view = OutreachView(OutreachData(campaign_copy), unit="阳光社区")
    labels = dict(zip(view.coverage.figure.data[0].y, view.coverage.figure.data[0].text))
    assert labels["第四网格"] == "不足5户，不公布"
    # With the unit's total shown, one more grid is hidden so that no subtraction gives it back.
    hidden = [g for g, t in labels.items() if "不公布" in t]
    assert len(hidden) >= 2, labels


def test_the_overview_pdf_is_a4_with_every_section(sample):
    view = OverviewView(OutreachData(sample.path), unit="红柳嘎查")
    for heading in ("一、走访覆盖", "二、四种方式", "三、群众诉求", "四、红色文艺放映演出", "五、效果评估"):
        assert heading in view.body.value
    view._on_export(None)
    data = re.search(r'href="data:application/pdf;base64,([^"]+)"', view.link.value).group(1)
    import base64

    pdf = pypdf.PdfReader(io.BytesIO(base64.b64decode(data)))
    first = pdf.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "红柳嘎查群众教育实践活动工作概况" in text
    assert "示例" in text
    assert "92.5%" in text
