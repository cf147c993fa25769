"""Reading XLSForm workbooks: the spellings real forms use, and every refusal with its cell."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from campaignkit.forms import FormError, read_form
from helpers import SAMPLE

SURVEY = [["type", "name", "label"], ["select_one yn", "q1", "您满意吗？"], ["integer", "age", "年龄"]]
CHOICES = [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "no", "否"]]


def workbook(tmp_path, survey=SURVEY, choices=CHOICES, settings=None, names=("survey", "choices", "settings")):
    book = Workbook()
    for index, (title, rows) in enumerate(zip(names, (survey, choices, settings))):
        if rows is None:
            continue
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path = tmp_path / "form.xlsx"
    book.save(path)
    return path


def test_the_sample_questionnaire_reads():
    form = read_form(SAMPLE / "forms" / "survey.xlsx")
    assert form.form_id == "survey"
    assert form.access == "open"
    assert "示例" in form.title
    kinds = {q.type for q in form.questions}
    assert {"note", "begin_group", "select_one", "select_multiple", "integer", "text"} <= kinds
    assert form.question("policy_known").appearance == "likert"
    assert form.question("policy_known").criterion == "思想觉悟有提高"
    assert form.question("age").group == "关于您"
    assert form.question("activities_other").relevant is not None


def test_the_spellings_real_forms_use(tmp_path):
    survey = [
        ["Type", "Name", "label::中文 (zh)", "hint::中文 (zh)", "Required"],
        ["begin group", "g1", "第一部分", "", ""],
        ["select_one yn", "q1", "您满意吗？", "点一下", "TRUE"],
        ["end group", "", "", "", ""],
        ["begin_group", "g2", "第二部分", "", ""],
        ["date", "when", "哪一天？", "", "no"],
        ["end_group", "", "", "", ""],
    ]
    form = read_form(workbook(tmp_path, survey, names=("Survey", "CHOICES", "Settings")))
    q1 = form.question("q1")
    assert (q1.label, q1.hint, q1.required, q1.group) == ("您满意吗？", "点一下", True, "第一部分")
    assert form.question("when").group == "第二部分"


@pytest.mark.parametrize(
    "survey, choices, settings, sheet, row, column, words",
    [
        (
            [["type", "name", "label", "calculation"], ["integer", "a", "A", "1+1"]],
            CHOICES,
            None,
            "survey",
            2,
            "calculation",
            "计算（calculation 列）",
        ),
        ([["type", "name", "label"], ["geopoint", "a", "A"]], CHOICES, None, "survey", 2, "type", "定位（geopoint）"),
        ([["type", "name", "label"], ["select_one colours", "a", "A"]], CHOICES, None, "survey", 2, "type", "没有选项表"),
        ([["type", "name", "label"], ["integer", "a", "A"], ["integer", "a", "B"]], CHOICES, None, "survey", 3, "name", "重复"),
        ([["type", "name", "label"], ["integer", "1a", "A"]], CHOICES, None, "survey", 2, "name", "英文字母"),
        ([["type", "name", "label"], ["integer", "a", ""]], CHOICES, None, "survey", 2, "label", "缺少题目文字"),
        (
            [["type", "name", "label", "constraint"], ["integer", "a", "A", ". + 1 > 2"]],
            CHOICES,
            None,
            "survey",
            2,
            "constraint",
            "看不懂",
        ),
        (
            [["type", "name", "label", "relevant"], ["integer", "a", "A", "${b} = 1"], ["integer", "b", "B", ""]],
            CHOICES,
            None,
            "survey",
            2,
            "relevant",
            "不存在",
        ),
        ([["type", "name", "label"], ["end group", "", ""]], CHOICES, None, "survey", 2, "type", "begin_group"),
        (
            [["type", "name", "label"], ["begin group", "g", "G"], ["integer", "a", "A"]],
            CHOICES,
            None,
            "survey",
            2,
            "type",
            "end_group",
        ),
        (
            [["type", "name", "label", "required"], ["integer", "a", "A", "maybe"]],
            CHOICES,
            None,
            "survey",
            2,
            "required",
            "yes 或 no",
        ),
        (
            [["type", "name", "label", "appearance"], ["integer", "a", "A", "likert"]],
            CHOICES,
            None,
            "survey",
            2,
            "appearance",
            "likert",
        ),
        (
            [["type", "name", "label", "criterion"], ["integer", "a", "A", "好"]],
            CHOICES,
            None,
            "survey",
            2,
            "criterion",
            "五条标准",
        ),
        (
            [["type", "name", "label", "answer"], ["select_one yn", "a", "A", "maybe"]],
            CHOICES,
            None,
            "survey",
            2,
            "answer",
            "不是这一题的选项名",
        ),
        (SURVEY, [["list_name", "name", "label"], ["yn", "yes", "是"], ["yn", "yes", "对"]], None, "choices", 3, "name", "重复"),
        (SURVEY, [["list_name", "name", "label"], ["yn", "yes", ""]], None, "choices", 2, "label", "缺少"),
        (SURVEY, CHOICES, [["form_id", "access"], ["f", "everyone"]], "settings", None, "access", "open"),
        (SURVEY, CHOICES, [["form_id", "public_key"], ["f", "MIIBIjAN"]], "settings", 2, "public_key", "加密"),
    ],
)
def test_every_refusal_names_its_cell(tmp_path, survey, choices, settings, sheet, row, column, words):
    with pytest.raises(FormError) as refused:
        read_form(workbook(tmp_path, survey, choices, settings))
    error = refused.value
    assert (error.sheet, error.row, error.column) == (sheet, row, column)
    assert words in str(error)
    assert "form.xlsx" in str(error)


def test_a_workbook_without_a_survey_sheet_or_not_a_workbook(tmp_path):
    with pytest.raises(FormError, match="找不到 survey"):
        read_form(workbook(tmp_path, names=("questions", "choices", "settings")))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(FormError, match="无法作为 Excel 工作簿打开"):
        read_form(broken)
