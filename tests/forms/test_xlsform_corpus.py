"""Forms as ODK, KoboToolbox and Ona users write them (xlsform_corpus.py): each listed,
listed with a warning, or refused by its unsupported construct at its cell."""

from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import Workbook
from xlsform_corpus import CORPUS, Case

from campaignkit.forms import FormError, parse_answers, read_form
from campaignkit.forms.answers import SubmissionError
from campaignkit.forms.page import form_page
from helpers import SAMPLE


def write(tmp_path, case: Case):
    book = Workbook()
    sheets = {"survey": case.survey, "choices": case.choices, "settings": case.settings, **case.extra_sheets}
    first = True
    for title, rows in sheets.items():
        if rows is None:
            continue
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path = tmp_path / f"{case.name}.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.name)
def test_each_kind_of_form_is_listed_warned_or_refused_by_its_construct(tmp_path, case):
    path = write(tmp_path, case)
    if case.outcome == "refused":
        with pytest.raises(FormError) as refused:
            read_form(path)
        error = refused.value
        assert (error.sheet, error.row, error.column) == case.cell
        assert case.words in str(error)
        assert path.name in str(error)
        return
    form = read_form(path)
    texts = [str(w) for w in form.warnings]
    if case.outcome == "warned":
        assert any(case.words in t for t in texts), texts
    else:
        assert texts == []
    assert not any("不支持" in t for t in texts)  # a warning never says a column is unsupported
    assert form.answerable


def read(tmp_path, name: str):
    return read_form(write(tmp_path, next(c for c in CORPUS if c.name == name)))


def test_or_other_adds_a_chinese_other_choice_and_its_text(tmp_path):
    form = read(tmp_path, "or_other")
    heard = form.question("heard")
    assert [c.name for c in heard.choices] == ["tv", "meeting", "other"]
    assert heard.choice_label("other") == "其他"
    other = form.question("heard_other")
    assert other.label == "其他（请写明）"
    assert parse_answers(form, {"heard": ["other"], "heard_other": ["邻居说的"]}) == {"heard": "other", "heard_other": "邻居说的"}
    assert parse_answers(form, {"heard": ["tv"], "heard_other": ["不算"]}) == {"heard": "tv"}


def test_languages_show_the_chinese_label_whichever_spelling(tmp_path):
    assert read(tmp_path, "two_languages").question("ok").label == "满意吗？"
    assert read(tmp_path, "two_languages").question("ok").choice_label("yes") == "是"
    assert read(tmp_path, "single_colon_languages").question("advice").label == "您的建议"


def test_headers_in_any_case_are_read(tmp_path):
    form = read(tmp_path, "headers_in_any_case")
    assert (form.form_id, form.title, form.version) == ("cards", "明白卡回访", "2026-01")
    assert form.question("q1").required
    assert form.question("q1").hint == "点一下"
    assert parse_answers(form, {"q1": ["yes"], "why": ["不该算"]}) == {"q1": "yes"}


def test_groups_and_field_lists_are_one_page(tmp_path):
    form = read(tmp_path, "groups")
    assert form.question("herd").group == "家庭情况"
    assert form.question("better").group == "看法"
    assert read(tmp_path, "field_list").question("day").group == "第一页"


def test_choice_filters_offer_and_accept_only_matching_choices(tmp_path):
    form = read(tmp_path, "choice_filter")
    assert parse_answers(form, {"sumu": ["s1"], "gacha": ["g2"], "colour": ["pink"]})["gacha"] == "g2"
    with pytest.raises(SubmissionError, match="哪个嘎查"):
        parse_answers(form, {"sumu": ["s1"], "gacha": ["g3"]})
    with pytest.raises(SubmissionError, match="浅色"):
        parse_answers(form, {"colour": ["red"]})
    page = form_page(form, "/forms/choice_filter", "xsrf")
    assert "data-filter=" in page
    assert "data-cols=" in page


def test_a_phone_number_is_digits_only(tmp_path):
    form = read(tmp_path, "phone_number")
    assert parse_answers(form, {"phone": ["13800000000"]}) == {"phone": "13800000000"}
    with pytest.raises(SubmissionError, match="只能填数字"):
        parse_answers(form, {"phone": ["138-0000"]})
    assert 'inputmode="numeric"' in form_page(form, "/forms/phone_number", "xsrf")


def test_metadata_is_neither_asked_nor_stored(tmp_path):
    form = read(tmp_path, "metadata")
    assert [q.name for q in form.answerable] == ["note_text"]
    with pytest.raises(SubmissionError, match="没有这些题目"):
        parse_answers(form, {"device": ["imei:1234"]})


def test_the_sample_forms_read_without_warnings():
    for path in sorted((SAMPLE / "forms").glob("*.xlsx")):
        assert [str(w) for w in read_form(path).warnings] == [], path.name


def test_forms_list_names_the_file_and_id_and_exits_0_with_warnings(tmp_path):
    forms = tmp_path / "campaign" / "forms"
    forms.mkdir(parents=True)
    (tmp_path / "campaign" / "campaign.toml").write_text((SAMPLE / "campaign.toml").read_text(encoding="utf-8"), encoding="utf-8")
    write(forms, next(c for c in CORPUS if c.name == "media_columns"))
    command = [sys.executable, "-m", "campaignkit", "forms", "list", str(tmp_path / "campaign")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = run.stdout + run.stderr
    assert "media_columns.xlsx" in out
    assert "media_columns\t" in out
    assert "提醒" in out
    assert "图片" in out
    write(forms, next(c for c in CORPUS if c.name == "repeat"))
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "repeat.xlsx" in run.stderr
    assert "重复组（begin repeat）" in run.stderr


def test_numbers_text_is_taken_as_odk_takes_it(tmp_path):
    form = read(tmp_path, "phone_number")
    assert parse_answers(form, {"hukou": ["0471-123.5"]}) == {"hukou": "0471-123.5"}
    with pytest.raises(SubmissionError, match="户口本编号"):
        parse_answers(form, {"hukou": ["一二三"]})


def test_pictures_on_choices_are_reported(tmp_path):
    assert any("选项图片" in str(w) for w in read(tmp_path, "media_columns").warnings)


def test_choice_filters_compare_numbers_as_numbers(tmp_path):
    case = Case(
        "ages",
        [
            ["type", "name", "label", "choice_filter"],
            ["integer", "age", "年龄", ""],
            ["select_one groups", "group", "哪一组", "min_age <= ${age}"],
        ],
        [["list_name", "name", "label", "min_age"], ["groups", "child", "少儿", "5"], ["groups", "adult", "成人", "18"]],
    )
    form = read_form(write(tmp_path, case))
    assert parse_answers(form, {"age": ["30"], "group": ["child"]})["group"] == "child"  # 5 <= 30 as numbers, not text
    with pytest.raises(SubmissionError, match="不相符"):
        parse_answers(form, {"age": ["9"], "group": ["adult"]})


def test_collects_metadata_and_audit_are_never_answers(tmp_path):
    from campaignkit.forms.xform import read_instance

    form = read(tmp_path, "metadata")
    instance = (
        b'<data id="metadata"><start>2026-12-06T08:00:00</start><device>imei:1</device><note_text>x</note_text>'
        b"<meta><audit>audit.csv</audit><instanceID>uuid:6f1c0e4e-3c1b-4d0e-9a53-1b2b3c4d5e6f</instanceID></meta></data>"
    )
    _, read_back = read_instance(instance, lambda form_id: form)
    assert read_back.fields == {"note_text": ["x"]}
    assert read_back.instance_id == "6f1c0e4e-3c1b-4d0e-9a53-1b2b3c4d5e6f"


def test_an_instance_with_a_dtd_is_refused_however_it_is_padded(tmp_path):
    from campaignkit.forms.xform import InstanceError, read_instance

    form = read(tmp_path, "metadata")
    bomb = (
        b"<?xml version='1.0'?><!--"
        + b"x" * 5000
        + b'--><!DOCTYPE d [<!ENTITY a "aaaa">]><data id="metadata"><note_text>&a;</note_text></data>'
    )
    with pytest.raises(InstanceError, match="DOCTYPE"):
        read_instance(bomb, lambda form_id: form)


def test_collect_opens_the_form_in_the_language_the_phone_pages_show(tmp_path):
    import xml.etree.ElementTree as ET

    from campaignkit.forms.xform import xform_of

    two = next(c for c in CORPUS if c.name == "two_languages")
    english_first = Case(
        "english_first",
        [["type", "name", "label::English (en)", "label::中文 (zh)"], ["select_one yes_no", "ok", "Satisfied?", "满意吗？"]],
        two.choices,
    )
    for form in (read(tmp_path, "two_languages"), read_form(write(tmp_path, english_first))):
        assert form.question("ok").label == "满意吗？"
        root = ET.fromstring(xform_of(form).xml)
        translations = root.findall(".//{http://www.w3.org/2002/xforms}translation")
        assert [t.get("lang") for t in translations if t.get("default") == "true()"] == ["中文 (zh)"]
