"""Visit records from the spreadsheet, the door-visit page, phones and ODK exports: one log,
appended only; bad input refused or reported with its row; corrections keep both records."""

from __future__ import annotations

import csv
import datetime as dt
import json

import icalendar
import pytest

from campaignkit.cli import main
from campaignkit.forms import ResponseStore, database_path
from campaignkit.forms.answers import SubmissionError
from campaignkit.forms.service import CampaignForms
from campaignkit.load import check_campaign
from campaignkit.outreach.data import OutreachData
from campaignkit.outreach.entry import record_visit


def _problems(folder, table):
    return [(p.row, p.column, p.message) for p in check_campaign(folder).problems if p.table == table and p.severity == "error"]


def _write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def test_bad_visits_and_screenings_are_named_by_file_row_and_column(campaign_copy):
    _write(
        campaign_copy / "visits.csv",
        ["户编号", "走访日期", "走访干部", "诉求", "办理情况", "办结日期"],
        [
            ["HL-001", "2023-12-20", "王建军", "", "", ""],
            ["XX-999", "2023-12-21", "王建军", "", "", ""],  # not in the register
            ["HL-002", "2023-11-30", "王建军", "", "", ""],  # before the campaign
            ["HL-003", (dt.date.today() + dt.timedelta(days=2)).isoformat(), "王建军", "", "", ""],  # in the future
            ["HL-004", "2023-12-21", "王建军", "路灯", "已办结", ""],  # closed without a date
        ],
    )
    _write(
        campaign_copy / "screenings.csv",
        ["作品", "单位", "地点", "日期", "开始时间", "结束时间", "放映员或剧团"],
        [
            ["没有这部片子", "红柳嘎查", "党群服务中心", "2024-01-05", "19:00", "21:00", "刘师傅"],
            ["石榴红了", "红柳嘎查", "党群服务中心", "2024-01-05", "七点", "21:00", "刘师傅"],
            ["石榴红了", "红柳嘎查", "党群服务中心", "2028-01-05", "19:00", "21:00", "刘师傅"],  # a plan: the future is fine
        ],
    )
    visits = _problems(campaign_copy, "visits")
    assert [(r, c) for r, c, _ in visits] == [(3, "户编号"), (4, "走访日期"), (5, "走访日期"), (6, "办结日期")]
    assert "早于活动开始（2023年12月1日）" in visits[1][2]
    assert "今天" in visits[2][2]
    screenings = _problems(campaign_copy, "screenings")
    assert [(r, c) for r, c, _ in screenings] == [(2, "作品"), (3, "开始时间")]
    outreach = OutreachData(campaign_copy)
    assert len(outreach.log.records) == 1  # the rejected rows are reported, not counted


def test_the_door_visit_page_appends_and_a_correction_keeps_both(campaign_copy):
    forms = CampaignForms(campaign_copy)
    first = record_visit(
        forms,
        {"household_id": ["HL-001"], "date": ["2024-01-03"], "cadre": ["王建军"], "demand": ["路灯不亮"], "status": ["doing"]},
    )
    fixed = record_visit(
        forms,
        {
            "household_id": ["HL-001"],
            "date": ["2024-01-03"],
            "cadre": ["王建军"],
            "demand": ["路灯不亮"],
            "status": ["done"],
            "closed_on": ["2024-01-09"],
            "supersedes": [first],
        },
    )
    log = OutreachData(campaign_copy).log
    mine = log.records[log.records["record_id"].isin([first, fixed])]
    assert len(mine) == 2  # nothing edited in place
    current = log.current.set_index("record_id")
    assert fixed in current.index
    assert first not in current.index
    assert current.loc[fixed, "status"] == "已办结"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"household_id": ["XX-1"], "date": ["2024-01-03"], "cadre": ["王"]}, "户表中没有户编号“XX-1”"),
        ({"household_id": ["HL-001"], "date": ["2023-11-03"], "cadre": ["王"]}, "早于活动开始"),
        ({"household_id": ["HL-001"], "date": ["2099-01-03"], "cadre": ["王"]}, "在今天之后"),
        ({"household_id": ["HL-001"], "date": ["2024-01-03"], "cadre": ["王"], "supersedes": ["deadbeef"]}, "不存在"),
        (
            {"household_id": ["HL-001"], "date": ["2024-01-03"], "cadre": ["王"], "demand": ["修路"], "status": ["done"]},
            "办结日期",
        ),
    ],
)
def test_a_bad_visit_is_refused_before_it_is_stored(campaign_copy, fields, message):
    forms = CampaignForms(campaign_copy)
    before = forms.store.count("visits")
    with pytest.raises(SubmissionError, match=message):
        record_visit(forms, fields)
    assert forms.store.count("visits") == before


def test_an_odk_export_is_imported_once_and_its_bad_rows_named(campaign_copy, capsys):
    export = campaign_copy / "visits_odk.csv"
    _write(
        export,
        ["KEY", "SubmissionDate", "household_id", "date", "cadre", "demand", "status"],
        [
            ["uuid:1", "2024-01-05T10:00:00", "HL-005", "2024-01-05", "巴图", "", ""],
            ["uuid:2", "2024-01-05T11:00:00", "NOPE-1", "2024-01-05", "巴图", "", ""],
        ],
    )
    argv = ["forms", "import", str(export), str(campaign_copy), "--form", "visits"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "visits_odk.csv 第 3 行" in err
    assert "NOPE-1" in err
    assert "整个文件都没有导入" in err
    assert ResponseStore(database_path(campaign_copy)).count("visits") == 0  # all or nothing
    export.write_text("".join(export.read_text(encoding="utf-8").splitlines(keepends=True)[:2]), encoding="utf-8")
    assert main(argv) == 0
    assert "新导入 1 份" in capsys.readouterr().out
    assert main(argv) == 0
    assert "新导入 0 份，已导入过 1 份" in capsys.readouterr().out
    assert "HL-005" in set(OutreachData(campaign_copy).log.current["household_id"])


def test_coverage_command_on_the_sample(capsys):
    assert main(["coverage", "--by", "grid", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"unit", "grid", "registered", "visited", "rate"}
    empty = [r for r in rows if r["grid"] == "第四网格"]
    assert empty == [{"unit": "阳光社区", "grid": "第四网格", "registered": 0, "visited": 0, "rate": None}]
    assert all(r["visited"] <= r["registered"] for r in rows)
    assert main(["coverage"]) == 0
    text = capsys.readouterr().out
    assert "镇机关  0  0  无对象" in text
    assert "合计  320 户" in text


def test_works_ics_parses_back_in_beijing_time(tmp_path, capsys):
    out = tmp_path / "s.ics"
    assert main(["works", "ics", "--out", str(out)]) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    zones = [tz["TZID"] for tz in cal.walk("VTIMEZONE")]
    assert zones == ["Asia/Shanghai"]
    events = cal.walk("VEVENT")
    assert len(events) == 20
    start = events[0].decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert str(start.tzinfo) == "Asia/Shanghai"
    assert (start.hour, start.minute) == (19, 0)
    assert len({e["UID"] for e in events}) == 20


def test_works_check_finds_the_sample_double_booking_and_the_month_without(capsys):
    assert main(["works", "check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [c["crew"] for c in found["conflicts"]] == ["流动放映队（刘师傅）"]
    assert found["months_without"] == [{"month": "2024-02", "unit": "杨树村"}]


def test_a_village_notice_is_one_a4_page_with_the_complaint_phone(tmp_path, capsys):
    import pypdf

    out = tmp_path / "n.pdf"
    assert main(["works", "notice", "红柳嘎查", "--out", str(out)]) == 0
    pdf = pypdf.PdfReader(out)
    text = "".join(p.extract_text() for p in pdf.pages)
    assert len(pdf.pages) == 1
    assert "红柳嘎查" in text
    assert "0477-0000000" in text
    assert "示例" in text
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)


def test_a_stored_record_that_cannot_be_counted_is_reported_by_validate(campaign_copy, capsys):
    # A household taken off the register after its visit was recorded: the record stays, is
    # not counted, and validate (and the data-health page) says so, naming the record.
    forms = CampaignForms(campaign_copy)
    forms.store.submit("visits", "2024-01", "s-1", {"household_id": "GONE-1", "date": "2024-01-05", "cadre": "王"})
    assert main(["validate", str(campaign_copy), "--format", "json"]) == 1
    problems = [p for p in json.loads(capsys.readouterr().out)["problems"] if p["table"] == "visits"]
    assert len(problems) == 1
    assert "GONE-1" in problems[0]["message"]
    assert "没有计入" in problems[0]["message"]
    assert "GONE-1" not in set(OutreachData(campaign_copy).log.current["household_id"])


def test_corrections_that_cannot_stand_are_reported_and_left_out(campaign_copy):
    _write(
        campaign_copy / "visits.csv",
        ["记录编号", "户编号", "走访日期", "走访干部", "更正记录"],
        [
            ["V1", "HL-001", "2023-12-20", "王建军", ""],
            ["V2", "HL-002", "2023-12-21", "王建军", ""],
            ["V3", "HL-002", "2023-12-22", "王建军", "V1"],  # another household's record
            ["V4", "HL-003", "2023-12-22", "王建军", "V9999"],  # no such record
            ["V5", "HL-004", "2023-12-22", "王建军", "V5"],  # itself
            ["V6", "HL-005", "2023-12-22", "王建军", "V7"],  # a circle
            ["V7", "HL-005", "2023-12-23", "王建军", "V6"],
            ["V8", "HL-002", "2023-12-24", "王建军", "V2"],  # a good one
        ],
    )
    problems = [p for p in check_campaign(campaign_copy).problems if p.table == "visits"]
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("visits.csv", 4, "更正记录"),
        ("visits.csv", 5, "更正记录"),
        ("visits.csv", 6, "更正记录"),
        ("visits.csv", 7, "更正记录"),
        ("visits.csv", 8, "更正记录"),
    ]
    assert "另一户" in problems[0].message
    assert "不存在" in problems[1].message
    assert "绕回" in problems[2].message
    current = set(OutreachData(campaign_copy).log.current["record_id"])
    assert current == {"V1", "V8"}  # V1 stands (its bad correction left out); V2 is corrected by V8


def test_the_door_visit_page_cannot_correct_another_households_record(campaign_copy):
    forms = CampaignForms(campaign_copy)
    theirs = record_visit(forms, {"household_id": ["HL-001"], "date": ["2024-01-03"], "cadre": ["王建军"]})
    with pytest.raises(SubmissionError, match="另一户"):
        record_visit(forms, {"household_id": ["HL-002"], "date": ["2024-01-04"], "cadre": ["王建军"], "supersedes": [theirs]})
    # A spreadsheet row without 记录编号 is corrected by its place, as the door-visit list names it.
    _write(campaign_copy / "visits.csv", ["户编号", "走访日期", "走访干部"], [["HL-003", "2023-12-20", "王建军"]])
    record_visit(
        forms, {"household_id": ["HL-003"], "date": ["2023-12-21"], "cadre": ["王建军"], "supersedes": ["visits.csv第2行"]}
    )
    log = OutreachData(campaign_copy).log
    assert "visits.csv第2行" not in set(log.current["record_id"])
    assert not log.problems


def test_rows_of_one_activity_must_agree(campaign_copy):
    _write(
        campaign_copy / "activities.csv",
        ["活动编号", "日期", "单位", "方式", "对象", "人数"],
        [
            ["A1", "2023-12-15", "红柳嘎查", "面对面引领教育", "农牧民", "30"],
            ["A1", "2023-12-16", "红柳嘎查", "面对面引领教育", "学生", "5"],  # another day
            ["A1", "2023-12-15", "红柳嘎查", "面对面引领教育", "农牧民", "3"],  # the same audience twice
            ["A1", "2023-12-20", "沙柳嘎查", "分众式学习教育", "农牧民", "12"],  # another village's A1
        ],
    )
    problems = [(p.row, p.column) for p in check_campaign(campaign_copy).problems if p.table == "activities"]
    assert problems == [(3, "日期"), (4, "对象")]
    assert OutreachData(campaign_copy).activities()["activity"].nunique() == 2


def test_a_rescheduled_screening_keeps_its_calendar_event(campaign_copy, tmp_path):
    out = tmp_path / "a.ics"
    assert main(["works", "ics", str(campaign_copy), "--out", str(out)]) == 0
    before = {str(e["UID"]): e.decoded("dtstart") for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    text = (campaign_copy / "screenings.csv").read_text(encoding="utf-8")
    assert "P001,乌审旗乌兰牧骑演出,红柳嘎查,党群服务中心,2023-12-08,19:00,21:00" in text
    (campaign_copy / "screenings.csv").write_text(
        text.replace(
            "P001,乌审旗乌兰牧骑演出,红柳嘎查,党群服务中心,2023-12-08,19:00,21:00",
            "P001,乌审旗乌兰牧骑演出,红柳嘎查,党群服务中心,2023-12-09,18:30,20:30",
        ),
        encoding="utf-8",
    )
    assert main(["works", "ics", str(campaign_copy), "--out", str(out)]) == 0
    after = {str(e["UID"]): e.decoded("dtstart") for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert set(after) == set(before)  # the same events: a calendar updates the moved one
    moved = [uid for uid in after if after[uid] != before[uid]]
    assert len(moved) == 1
    assert (after[moved[0]].day, after[moved[0]].hour, after[moved[0]].minute) == (9, 18, 30)


def test_repeat_visits_are_listed_for_the_cadres(capsys):
    assert main(["coverage", "--repeats", "--unit", "杨树村", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    assert all(r["visits"] >= 2 and r["unit"] == "杨树村" for r in rows)
    log = OutreachData().log.current
    for r in rows:
        assert (log["household_id"] == r["household_id"]).sum() >= r["visits"]


def test_a_visits_form_without_a_question_the_log_reads_is_named_not_a_crash(campaign_copy, capsys):
    """The visits form check (the outreach feature's, on its own form only) names the file,
    sheet and question a trainer must add."""
    from openpyxl import load_workbook

    path = campaign_copy / "forms" / "visits.xlsx"
    book = load_workbook(path)
    survey = book["survey"]
    names = [c.value for c in survey[1]].index("name") + 1
    row = next(r for r in range(2, survey.max_row + 1) if survey.cell(r, names).value == "household_id")
    survey.delete_rows(row)
    book.save(path)
    assert main(["forms", "list", str(campaign_copy)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "[错误]" in line]
    assert any("visits.xlsx" in e and "household_id" in e for e in errors), errors
