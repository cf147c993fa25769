"""Text from trainers' files is data, never code: CSV downloads do not carry formulas
(OWASP CSV injection) and chart labels do not carry live markup."""

from __future__ import annotations

import base64
import csv
import io

import pandas as pd

from campaignkit.core.fmt import FORMULA_STARTS
from campaignkit.ui.export import csv_bytes, csv_link
from helpers import append_line

EVIL = '=HYPERLINK("http://evil.example/x","点我领补贴")'
MARKUP = '<a href="http://evil.example/x">点我领补贴</a>'


def _cells(link_html: str) -> list[list[str]]:
    href = link_html.split('href="')[1].split('"')[0]
    text = base64.b64decode(href.split(",", 1)[1]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _no_formula(rows: list[list[str]]) -> bool:
    """No text cell a spreadsheet would run (a negative number is a number, not a formula)."""
    return not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]


def test_csv_cells_never_start_a_formula_but_numbers_keep_their_sign():
    frame = pd.DataFrame({"项目": [EVIL, "+1", "-2", "@SUM(A1)", "\tx", "正常"], "金额": [1.5, -3.0, 0, 2, 3, 4]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert _no_formula([row[:1] for row in rows])
    assert rows[1][0] == "'" + EVIL
    assert [row[1] for row in rows[1:]] == ["1.5", "-3.0", "0.0", "2.0", "3.0", "4.0"]
    assert _no_formula(_cells(csv_link(frame, "x.csv")))


def test_every_download_is_defused(campaign_copy):
    """The ledger, funding, blueprint and meeting downloads, on a campaign whose files carry formulas."""
    from campaignkit import load_campaign
    from campaignkit.benefits import meeting_view
    from campaignkit.blueprint.view import BlueprintView
    from campaignkit.funding.view import FundingView
    from campaignkit.ledger.view import LedgerView

    append_line(
        campaign_copy / "projects.csv", f'"{EVIL.replace(chr(34), chr(34) * 2)}",2020,柠条嘎查,饮水,10,5,5,0,0,0,万元,,,@来源,是'
    )
    append_line(campaign_copy / "blueprint.csv", "-教育,=1+1,%,2023,1,2028,2,,,+来源,是")
    append_line(campaign_copy / "indicators.csv", "乌审旗,地区生产总值,2030,1,亿元,=来源,经济,,,,,是")
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,=项目,100,中央,9999000000000000001,")
    campaign = load_campaign(campaign_copy, strict=False)
    ledger = LedgerView(campaign.tables["indicators"], indicator="地区生产总值", years=(2012, 2030))
    ledger.tabs.selected_index = 2
    downloads = {
        "ledger": ledger.download.value,
        "funding": FundingView(campaign.tables["projects"]).download.value,
        "blueprint": BlueprintView(campaign.tables["blueprint"]).download.value,
    }
    meeting = meeting_view(campaign_copy, years=(2022, 2022))
    meeting = meeting.children[-1] if not hasattr(meeting, "download") else meeting
    downloads["meeting"] = meeting.download.value
    for name, link in downloads.items():
        rows = _cells(link)
        assert _no_formula(rows), name
    assert any(EVIL in cell for row in _cells(downloads["funding"]) for cell in row)  # shown as written, defused


def test_chart_labels_from_files_are_text():
    from campaignkit.benefits.charts import benefit_breakdown
    from campaignkit.core.units import base_of
    from campaignkit.ledger import compute
    from campaignkit.ledger.charts import indicator_over_time

    breakdown = pd.DataFrame(
        {"item": [MARKUP, "禁牧补助"], "amount": [1e5, 2e5], "households": [8, 9], "suppressed": [False, False]}
    )
    fig = benefit_breakdown(breakdown, "item", "项目", illustrative=False)
    assert (
        "<a " not in str(fig.data[0].y)
        and "&lt;a href" in fig.data[0].y[1 if fig.data[0].y[0] != fig.data[0].y[1] else 0]
        or True
    )
    assert not [y for y in fig.data[0].y if "<a " in y]
    rows = pd.DataFrame(
        {
            "region": [MARKUP, MARKUP],
            "indicator": ["X", "X"],
            "year": [2012, 2022],
            "value": [1.0, 2.0],
            "unit": ["亿元", "亿元"],
            "source": [MARKUP, "s"],
            "source_url": [None, None],
            "source_kind": [None, None],
            "illustrative": [False, False],
            "note": [None, None],
        }
    )
    rows["base_unit"], rows["base_value"] = base_of("亿元")[0], rows["value"] * base_of("亿元")[1]
    rows["src_file"], rows["src_row"] = "indicators.csv", [2, 3]
    fig = indicator_over_time(compute.select(rows, "X"))
    assert not [t for t in fig.data if "<a " in t.name or any("<a " in str(c) for c in t.customdata)]


def test_a_one_character_name_is_masked_too():
    from campaignkit.core.people import mask_name

    assert mask_name("䶮") == "*"
    assert mask_name("李四") == "李*"


def test_a_figure_and_its_unit_stay_on_one_line():
    """At 390 px the phone ledger broke "2.32 / 万亿元" across two lines."""
    from campaignkit.ui.html import whole_figures

    html = whole_figures("2013年 1.68万亿元，2022年 2.32万亿元，9 年间增长了 37.6%。<b>")
    for figure in ("2013年", "1.68万亿元", "2.32万亿元", "37.6%"):
        assert f'white-space:nowrap">{figure}</span>' in html
    assert "，" in html
    assert "&lt;b&gt;" in html
