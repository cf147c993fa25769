"""家校合作: one XLSForm is both the phone form and the printed worksheet; the class page
counts each change across a class's families (then and now), never their stories."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from campaignkit.forms import read_form
from campaignkit.lessons import family
from campaignkit.ui.charts import figure_json
from helpers import SAMPLE


def _form():
    return read_form(SAMPLE / "forms" / "family.xlsx")


def test_the_sample_form_pairs_then_and_now_for_five_changes():
    form = _form()
    assert family.is_family_form(form)
    assert [what for what, _, _ in family.changes(form)] == [
        "住的房子",
        "家里一年的收入（大约）",
        "家门口的路",
        "家里吃的水",
        "上学",
    ]


def test_a_class_is_counted_then_and_now_and_other_classes_are_not():
    form = _form()
    _, then, now = family.changes(form)[0]
    responses = [
        {"answers": {"class_code": "7a", "house_then": "ger", "house_now": "flat", "story": "我家搬进了楼房"}},
        {"answers": {"class_code": "7A", "house_then": "adobe", "house_now": "flat"}},
        {"answers": {"class_code": "8B", "house_then": "ger", "house_now": "ger"}},
    ]
    answers = family.class_answers(responses, "7A")
    counts = family.change_counts(then, now, answers).set_index("label")
    assert counts.loc["蒙古包"].tolist() == [1, 0]
    assert counts.loc["楼房"].tolist() == [0, 2]
    assert counts.loc["土坯房"].tolist() == [1, 0]
    few = family.change_chart("住的房子", counts.reset_index(), len(answers), illustrative=True)
    assert "不到 5 家" in few.layout.annotations[0].text
    assert not few.data
    five = [{"class_code": "7A", "house_then": "ger", "house_now": "flat", "story": "我家搬进了楼房"}] * 5
    counts = family.change_counts(then, now, five)
    chart = family.change_chart("住的房子", counts, 5, illustrative=True)
    assert "5 家" in chart.layout.title.text
    assert any(a.name == "illustrative-badge" for a in chart.layout.annotations)
    assert "我家搬进了楼房" not in json.dumps(figure_json(chart), ensure_ascii=False)  # stories stay with the teacher


def test_the_worksheet_matches_the_phone_form_on_one_a4_page():
    form = _form()
    reader = PdfReader(io.BytesIO(family.worksheet_pdf(form)))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 595.3) < 1
    assert abs(height - 841.9) < 1
    text = reader.pages[0].extract_text()
    for what, then, _ in family.changes(form):
        assert what.split("（")[0] in text
        for choice in then.choices:
            assert choice.label in text
    assert "我家的故事" in text
    assert "不写名字" in text
