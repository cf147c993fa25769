"""Meeting and door-visit views without a browser: privacy, masking, logging, what-if, cards."""

import base64
import csv
import io

import ipywidgets as widgets
import pytest

from campaignkit.benefits.door_visit import DoorVisitView
from campaignkit.benefits.meeting import MeetingView
from campaignkit.benefits.service import BenefitsData


@pytest.fixture(scope="module")
def benefits(sample):
    return BenefitsData(sample)


def private_values(sample):
    """Every name, ID number and card number in the sample."""
    values = set(sample.tables["households"]["head_name"]) | set(sample.tables["members"]["name"])
    values |= set(sample.tables["households"]["id_number"].dropna()) | set(sample.tables["members"]["id_number"].dropna())
    values |= set(sample.tables["payments"]["card_number"].dropna())
    return {v for v in values if isinstance(v, str) and len(v) >= 2}


def all_state(widget) -> str:
    """Everything a widget tree would send to the browser: states and captured outputs."""
    parts = []
    stack = [widget]
    while stack:
        w = stack.pop()
        parts.append(repr(w.get_state()))
        if isinstance(w, widgets.Output):
            parts.append(repr(w.outputs))
            if getattr(w, "figure", None) is not None:  # what a kernel would send for the figure
                parts.append(w.figure.to_json())
        stack.extend(getattr(w, "children", ()))
    return "\n".join(parts)


def test_meeting_view_carries_no_private_data(sample, benefits):
    view = MeetingView(benefits.store, benefits.units, (2016, 2023), illustrative=True)
    for grouping in ("item", "funding_level", "unit"):
        view.grouping.value = grouping
        state = all_state(view)
        leaked = [v for v in private_values(sample) if v in state]
        assert leaked == []
    assert "户均" in view.summary.value
    assert "示例" in view.summary.value


def test_meeting_view_renders_no_hidden_figure(sample, benefits):
    """阳光社区 2017 by item: 低保 (1 household) shows "不足 5 户", its partner "隐去（防推算）",
    and neither amount appears in the chart, the table or the download."""
    view = MeetingView(benefits.store, benefits.units, (2016, 2023), illustrative=True, years=(2017, 2017), unit="阳光社区")
    pay = sample.tables["payments"].merge(sample.tables["households"][["household_id", "unit"]], on="household_id")
    rows = pay[(pay["unit"] == "阳光社区") & (pay["year"] == 2017)].groupby("item")["amount"].sum()
    breakdown = view.publish((2017, 2017), "阳光社区", "item")["breakdown"].set_index("item")
    hidden = breakdown.index[breakdown["suppressed"]]
    assert "农村牧区低保" in hidden
    assert len(hidden) >= 2
    download = base64.b64decode(view.download.value.split("base64,")[1].split('"')[0]).decode("utf-8-sig")
    rendered = view.table.value + view.breakdown.figure.to_json() + download
    for item in hidden:
        amount = rows[item]
        assert f"{amount:,.0f}" not in rendered
        assert f"{amount / 1e4:.2f}" not in rendered
    assert "不足 5 户" in view.table.value
    assert "隐去（防推算）" in view.table.value
    assert "不足 5 户" in download


@pytest.fixture
def door(benefits, tmp_path):
    return DoorVisitView(benefits, tmp_path / "access_log.csv", tmp_path / "cards")


def test_lookup_masks_by_default_and_logs(door, sample, tmp_path):
    door.code.value = "hl-001"
    door.lookup.click()
    head = sample.tables["households"].set_index("household_id").loc["HL-001", "head_name"]
    assert door.household_id == "HL-001"
    assert head not in door.header.value
    assert head[0] + "*" in door.header.value
    assert "年 共" in door.card.value
    door.reveal.value = True
    assert head in door.header.value
    log = list(csv.reader(io.StringIO((tmp_path / "access_log.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert log[0] == ["时间", "户编号", "方式"]
    assert [r[1] for r in log[1:]] == ["HL-001", "HL-001"]
    assert "显示姓名" in log[2][2]


def test_find_by_name_within_a_village(door, sample):
    row = sample.tables["households"][sample.tables["households"]["unit"] == "沙柳嘎查"].iloc[0]
    door.unit.value = "沙柳嘎查"
    door.name.value = row["head_name"][:2]
    door.search.click()
    labels = [label for label, _ in door.matches.options]
    assert any(row["household_id"] in label for label in labels)
    assert all(row["head_name"] not in label for label in labels)  # masked in the list


def test_forged_and_bad_inputs_give_a_status_line(door):
    door.code.value = "../../etc/passwd"
    door.lookup.click()
    assert "没有户编号" in door.status.value
    assert door.household_id is None
    door.calculate.click()
    assert "请先查找一户" in door.status.value


def test_what_if_changes_the_estimate(door):
    door.code.value = "HL-001"
    door.lookup.click()
    before = door.estimate_box.value
    door.areas["grazing_ban_area"].value = 5000
    door.turning_60.value = True
    door.calculate.click()
    assert door.estimate_box.value != before
    assert "禁牧面积 5,000 亩" in door.estimate_box.value
    assert "按月折算" in door.estimate_box.value


def test_printed_card_is_a_pdf_with_chinese_items(door, tmp_path):
    from io import BytesIO

    from pypdf import PdfReader

    door.code.value = "HL-001"
    door.lookup.click()
    door.print_card.click()
    href = door.card_link.value.split('href="')[1].split('"')[0]
    pdf = base64.b64decode(href.split(",", 1)[1])
    reader = PdfReader(BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "明白卡" in text
    assert "禁牧补助" in text
    assert "元" in text
    fonts = [f.get_object() for f in reader.pages[0]["/Resources"]["/Font"].values()]
    cjk = [f for f in fonts if "Noto-Sans-CJK" in str(f["/BaseFont"])]
    assert cjk  # a real CJK font…
    descriptor = cjk[0]["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert "/FontFile3" in descriptor or "/FontFile2" in descriptor  # …embedded (as a subset)
    assert len(list((tmp_path / "cards").glob("HL-001_*.pdf"))) == 1


def test_village_export_with_progress(benefits, tmp_path):
    view = DoorVisitView(benefits, tmp_path / "log.csv", tmp_path / "cards")
    view.unit.value = "杨树村"
    view.export_unit.click()
    from pypdf import PdfReader

    files = list((tmp_path / "cards").glob("杨树村_*/*.pdf"))
    assert len(files) == len(benefits.store.village_households("杨树村"))
    for path in files[:5]:  # each file is that household's own card
        text = "".join(page.extract_text() for page in PdfReader(path).pages)
        assert path.stem in text
        assert "明白卡" in text
    assert view.progress.value == view.progress.max
    assert "已导出" in view.status.value


def test_cards_command_exports_one_pdf_for_a_village(tmp_path, capsys):
    from campaignkit.cli import main

    assert main(["cards", "杨树村", "--year", "2022", "--out", str(tmp_path), "--one-file", "--size", "A5"]) == 0
    assert len(list(tmp_path.glob("杨树村_2022年明白卡.pdf"))) == 1
    assert main(["cards", "不存在村", "--year", "2022", "--out", str(tmp_path)]) == 1


def _rename_unit(folder, old: str, new: str) -> None:
    from openpyxl import load_workbook

    toml = folder / "campaign.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    book = load_workbook(folder / "households.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == old:
                cell.value = new
    book.save(folder / "households.xlsx")


def test_cards_command_takes_the_campaign_last_like_every_command(tmp_path, campaign_copy, capsys):
    """A unit only the copy has: found only when the campaign argument is honoured."""
    from campaignkit.cli import main

    _rename_unit(campaign_copy, "杨树村", "新杨树村")
    out = tmp_path / "cards"
    assert main(["cards", "新杨树村", "--year", "2022", "--out", str(out)]) == 1  # the sample has no such unit
    assert main(["cards", "新杨树村", str(campaign_copy), "--year", "2022", "--out", str(out), "--one-file"]) == 0
    assert (out / "新杨树村_2022年明白卡.pdf").exists()
    (out / "新杨树村_2022年明白卡.pdf").unlink()
    # The old spelling still works.
    assert main(["cards", "新杨树村", "--campaign", str(campaign_copy), "--year", "2022", "--out", str(out), "--one-file"]) == 0
    assert (out / "新杨树村_2022年明白卡.pdf").exists()
    assert main(["cards", "新杨树村", str(tmp_path / "missing"), "--year", "2022", "--out", str(out)]) == 2
    assert "找不到活动数据文件夹" in capsys.readouterr().err


def test_a_name_search_is_logged_like_a_lookup(benefits, tmp_path):
    view = DoorVisitView(benefits, tmp_path / "log.csv", tmp_path / "cards")
    view.unit.value = "红柳嘎查"
    view.name.value = "巴"
    view.search.click()
    log = (tmp_path / "log.csv").read_text(encoding="utf-8-sig")
    assert "红柳嘎查（按姓名搜索）" in log
    assert "列出" in log


def test_household_codes_are_found_whatever_their_case(sample, tmp_path):
    """A file may write hl-001; the cadre types HL-001 (or the other way round, or full-width)."""
    import pandas as pd

    from campaignkit.benefits import BenefitsData

    campaign = sample
    lower = BenefitsData(campaign)
    lower.households = lower.households.rename(index=str.lower)
    lower.households["household_id"] = lower.households.index
    view = DoorVisitView(lower, tmp_path / "log.csv", tmp_path / "cards")
    for typed in ("HL-001", "hl-001", "ＨＬ－００１"):
        view.code.value = typed
        view.lookup.click()
        assert view.household_id == "hl-001", (typed, view.status.value)
    assert isinstance(lower.household("hl-001"), dict)
    assert pd.notna(lower.household("hl-001")["unit"])


def test_the_meeting_page_says_so_when_every_household_was_rejected(tmp_path):
    """Every row of the household register refused (here: a village campaign.toml does not
    name): the page says what is wrong and where, not "出了点问题"."""
    import shutil

    from openpyxl import load_workbook

    from campaignkit.benefits.meeting import meeting_view
    from helpers import SAMPLE

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    book = load_workbook(campaign / "households.xlsx")
    sheet = book.active
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=10) if any(c.value == "单位" for c in r))
    column = [c.value for c in header].index("单位") + 1
    for row in range(header[0].row + 1, sheet.max_row + 1):
        if sheet.cell(row, 1).value:
            sheet.cell(row, column).value = "没有这个村"
    book.save(campaign / "households.xlsx")
    page = all_state(meeting_view(campaign))
    assert "户表没有载入任何一户" in page
    assert "households.xlsx" in page
    assert "数据体检" in page
    assert "出了点问题" not in page
