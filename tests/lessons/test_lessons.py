"""Lessons for pupils: the table (age bands, timeline references checked with the row and
column the teacher sees in Excel), the sample (two lessons for each of two bands, every event
sourced), and the lesson view (presets, the story, the events with sources, the questions)."""

from __future__ import annotations

import csv

import pytest

from campaignkit.lessons import BANDS, bands_of, events_of, lessons_for, questions_of
from campaignkit.lessons.view import LessonView
from campaignkit.load import check_campaign
from helpers import SAMPLE

HEADER = ["编号", "年级段", "课题", "目标", "用到的事件", "故事", "讨论题", "活动", "活动地点", "家校任务"]


@pytest.fixture(scope="module")
def sample():
    return check_campaign(SAMPLE, tables=["lessons", "timeline"])


def _lessons(folder, rows):
    with open(folder / "lessons.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _row(**changes):
    row = dict(zip(HEADER, ["L01", "初中", "课题", "", "E08", "故事", "", "", "", ""]))
    row.update(changes)
    return list(row.values())


def test_the_sample_has_two_lessons_for_each_of_two_bands_on_sourced_events(sample):
    lessons, timeline = sample.tables["lessons"], sample.tables["timeline"]
    assert not [p for p in sample.problems if p.severity == "error"]
    counts = lessons["band"].value_counts()
    assert sum(counts >= 2) >= 2
    assert bands_of(lessons) == [b for b in BANDS if b in set(lessons["band"])]
    for _, lesson in lessons.iterrows():
        events = events_of(lesson, timeline)
        assert len(events) >= 2, lesson["code"]
        assert events["source"].notna().all(), lesson["code"]


def test_a_lesson_naming_an_unknown_event_or_band_is_an_error_with_row_and_column(campaign_copy):
    _lessons(
        campaign_copy,
        [
            _row(),
            _row(编号="L02", 用到的事件="E08、E99"),
            _row(编号="L03", 年级段="大学"),
            _row(编号="L01", 课题="重复的编号"),
        ],
    )
    campaign = check_campaign(campaign_copy)
    errors = {p.row: p for p in campaign.problems if p.severity == "error" and p.table == "lessons"}
    assert set(errors) == {3, 4, 5}  # Excel rows: the header is row 1
    assert errors[3].column == "用到的事件"
    assert "E99" in errors[3].message
    assert "E08" not in errors[3].message
    assert errors[4].column == "年级段"
    assert errors[4].value == "大学"
    assert "初中" in errors[4].message
    assert "重复" in errors[5].message
    assert all(p.file == "lessons.csv" for p in errors.values())
    assert list(campaign.tables["lessons"]["code"]) == ["L01"]


def test_lessons_by_band_and_their_questions(sample):
    lessons = sample.tables["lessons"]
    junior = lessons_for(lessons, "初中")
    assert set(junior["band"]) == {"初中"}
    assert list(junior["code"]) == sorted(junior["code"])
    row = lessons[lessons["code"] == "L03"].iloc[0]
    assert questions_of(row) == [
        "1957年的大旱给牧民带来了什么损失？",
        "从1957年到1965年，乌审召发生了什么变化？查一查资料再说。",
        "《人民日报》的报道为什么重要？",
    ]
    assert list(events_of(row, sample.tables["timeline"])["code"]) == ["E19", "E20", "E21"]


def test_the_lesson_view_opens_on_the_first_lesson_of_the_youngest_band(sample):
    view = LessonView(sample)
    assert (view.band.value, view.lesson.value) == ("小学高年级", "L01")
    assert "殷玉珍" in view.body.value
    assert view.chart.figure is not None


def test_the_lesson_view_shows_the_story_events_with_sources_and_the_tasks(sample):
    view = LessonView(sample, lesson="L04")
    assert view.band.value == "初中"
    assert view.lesson.value == "L04"
    body = view.body.value
    for part in ("1938年11月22日", "乌素加汉村", "来源：", "想一想，说一说", "大石砭庙", "回家和爸爸妈妈一起做"):
        assert part in body, part
    assert "font-size:30px" in body  # the story in classroom type
    view.band.value = "小学高年级"
    assert view.lesson.value == "L01"
    assert "殷玉珍" in view.body.value
    odd = LessonView(sample, band="大学", lesson="L99")
    assert "大学" in odd.status.value
    assert "L99" in odd.status.value


def test_no_lessons_table_says_how_to_add_one(campaign_copy):
    (campaign_copy / "lessons.csv").unlink()
    view = LessonView(check_campaign(campaign_copy, tables=["lessons", "timeline"]))
    assert "还没有学生课程" in view.children[0].value


def _quiz(tmp_path, rank_choices, answer):
    from openpyxl import Workbook

    book = Workbook()
    sheets = {
        "survey": [["type", "name", "label", "answer"], ["rank ev", "order", "按时间排", answer]],
        "choices": [["list_name", "name", "label"], *[["ev", code, code] for code in rank_choices]],
        "settings": [["form_id", "quiz"], ["q", "yes"]],
    }
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path = tmp_path / "q.xlsx"
    book.save(path)
    from campaignkit.forms import read_form

    return read_form(path)


def test_an_order_question_must_name_timeline_events_in_their_order(tmp_path):
    from campaignkit.lessons.quiz import check_order_questions

    assert check_order_questions(_quiz(tmp_path, ["E07", "E08", "E09"], "E07 E08 E09"), SAMPLE) == []
    [unknown] = check_order_questions(_quiz(tmp_path, ["E07", "E99", "E09"], "E07 E99 E09"), SAMPLE)
    assert (unknown.sheet, unknown.row, unknown.column) == ("choices", 3, "name")
    assert "E99" in str(unknown)
    [order] = check_order_questions(_quiz(tmp_path, ["E07", "E08", "E09"], "E08 E07 E09"), SAMPLE)
    assert (order.sheet, order.row, order.column) == ("survey", 2, "answer")
    assert "时间先后" in str(order)
    [few] = check_order_questions(_quiz(tmp_path, ["E07", "E08"], "E07 E08"), SAMPLE)
    assert few.column == "type"
    assert "3—5" in str(few)


def test_the_sample_quiz_passes_the_lessons_checks():
    from campaignkit.forms import read_form
    from campaignkit.lessons.quiz import check_order_questions

    assert check_order_questions(read_form(SAMPLE / "forms" / "quiz_history.xlsx"), SAMPLE) == []


def test_forms_list_names_the_cell_of_a_bad_order_question(campaign_copy, tmp_path, capsys):
    import shutil

    from campaignkit.cli import main

    bad = _quiz(tmp_path, ["E07", "E99", "E09"], "E07 E99 E09")
    shutil.copy(bad.path, campaign_copy / "forms" / "q.xlsx")
    assert main(["forms", "list", str(campaign_copy)]) != 0
    err = capsys.readouterr().err
    assert "q.xlsx" in err
    assert "工作表“choices”" in err
    assert "第 3 行" in err
    assert "“name”列" in err
    assert "E99" in err


def test_the_board_shows_class_results_only_from_five_pupils():
    from campaignkit.forms import read_form
    from campaignkit.forms.quiz import class_results
    from campaignkit.lessons.quiz_pages import board_fragment

    quiz = read_form(SAMPLE / "forms" / "quiz_history.xlsx")
    pupils = [{"answers": {"_class": "7A", "_seat": seat, "q1": "b"}} for seat in range(1, 6)]
    few = board_fragment(class_results(quiz, pupils[:4], "7A"))
    assert "已交卷 4 人" in few
    assert "乌审旗人民政府是哪一天成立的" not in few
    assert "%" not in few
    five = board_fragment(class_results(quiz, pupils, "7A"))
    assert "乌审旗人民政府是哪一天成立的" in five
    assert "100%（5/5）" in five
