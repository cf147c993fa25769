"""Quizzes on the forms engine: an XLSForm with answer and explain; the scoring rules,
hand-computed (partly right multiple choice and order questions included); class results
by seat, never by name."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from campaignkit.forms import FormError, read_form
from campaignkit.forms.quiz import JoinError, check_join, class_results, mark, question_score, total
from helpers import SAMPLE

SETTINGS = [["form_id", "quiz"], ["quiz", "yes"]]
CHOICES = [
    ["list_name", "name", "label"],
    ["abc", "a", "甲"],
    ["abc", "b", "乙"],
    ["abc", "c", "丙"],
    ["abc", "d", "丁"],
    ["tf", "yes", "对"],
    ["tf", "no", "错"],
    ["ev", "E07", "1935"],
    ["ev", "E08", "1938"],
    ["ev", "E09", "1945"],
    ["ev", "E10", "1947"],
]
SURVEY = [
    ["type", "name", "label", "answer", "explain"],
    ["select_one abc", "one", "单选", "b", "因为乙。来源：某书"],
    ["select_multiple abc", "many", "多选", "a c", ""],
    ["select_one tf", "truth", "判断", "no", ""],
    ["rank ev", "order", "排序", "E07 E08 E09 E10", ""],
    ["text", "free", "说说看", "", ""],
]


def workbook(tmp_path, survey=SURVEY, choices=CHOICES, settings=SETTINGS):
    book = Workbook()
    for index, (title, rows) in enumerate((("survey", survey), ("choices", choices), ("settings", settings))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path = tmp_path / "quiz.xlsx"
    book.save(path)
    return path


@pytest.fixture
def quiz(tmp_path):
    return read_form(workbook(tmp_path))


def test_a_quiz_reads_with_its_answers_and_explanations(quiz):
    assert quiz.quiz
    assert [q.name for q in quiz.graded] == ["one", "many", "truth", "order"]
    assert quiz.question("many").answer == ("a", "c")
    assert quiz.question("one").explain == "因为乙。来源：某书"


@pytest.mark.parametrize(
    ("given", "points"),
    [(["a", "c"], 1.0), (["a"], 0.5), (["a", "b", "c"], 0.5), (["a", "b"], 0.0), (["b"], 0.0), ([], 0.0), (None, 0.0)],
)
def test_multiple_choice_scores_right_picks_less_wrong_picks(quiz, given, points):
    assert question_score(quiz.question("many"), given) == pytest.approx(points)


@pytest.mark.parametrize(
    ("given", "points"),
    [
        (["E07", "E08", "E09", "E10"], 1.0),
        (["E08", "E07", "E09", "E10"], 5 / 6),  # one neighbouring pair swapped: 5 of 6 pairs in order
        (["E10", "E09", "E08", "E07"], 0.0),
        (["E07", "E09", "E08", "E10"], 5 / 6),
        (["E09", "E10", "E07", "E08"], 2 / 6),  # in order: E07<E08 and E09<E10 only
        (["E07", "E08"], 1 / 6),  # an unfinished order: only pairs both placed count
    ],
)
def test_order_questions_score_the_share_of_pairs_in_order(quiz, given, points):
    assert question_score(quiz.question("order"), given) == pytest.approx(points)


def test_single_choice_and_true_false(quiz):
    assert question_score(quiz.question("one"), "b") == 1
    assert question_score(quiz.question("one"), "a") == 0
    assert question_score(quiz.question("truth"), "no") == 1
    assert question_score(quiz.question("truth"), None) == 0


def test_a_pupils_total(quiz):
    answers = {"one": "b", "many": ["a"], "truth": "yes", "order": ["E08", "E07", "E09", "E10"], "free": "好"}
    marked = mark(quiz, answers)
    assert [m.correct for m in marked] == [True, False, False, False]
    assert total(marked) == pytest.approx(1 + 0.5 + 0 + round(5 / 6, 2), abs=0.01)  # 2.33 of 4


def _response(cls, seat, **answers):
    return {"id": "x", "version": "", "day": "2024-01-01", "answers": {"_class": cls, "_seat": seat, **answers}}


def test_class_results_by_question_and_seat(quiz):
    right = {"one": "b", "many": ["a", "c"], "truth": "no", "order": ["E07", "E08", "E09", "E10"]}
    responses = [
        _response("7A", 1, **right),
        _response("7A", 2, **{**right, "one": "a", "many": ["a"]}),
        _response("7A", 3, **{**right, "one": "a"}),
        _response("7A", 3, **{**right, "one": "c", "truth": "yes"}),  # the same seat twice: the lower one counts
        _response("8B", 1, **{**right, "one": "c"}),  # another class
    ]
    results = class_results(quiz, responses, "7A")
    assert results["pupils"] == 3
    assert results["full"] == 4
    one = results["questions"][0]
    assert (one["correct"], one["rate"], one["common_wrong"], one["common_wrong_count"]) == (1, 33.3, "甲", 1)
    assert results["questions"][1]["rate"] == pytest.approx(66.7)
    seats = {s["seat"]: s for s in results["seats"]}
    assert seats[1]["score"] == 4
    assert seats[2]["score"] == 2.5
    assert seats[3]["score"] == 2
    assert seats[3]["sent"] == 2
    assert results["average"] == pytest.approx(2.83)


def test_joining_takes_a_class_code_and_a_seat_never_a_name():
    assert check_join(" 7a ", "12") == ("7A", 12)
    for code, seat in (("", "1"), ("七年级", "1"), ("7A", "0"), ("7A", "100"), ("7A", "张三")):
        with pytest.raises(JoinError):
            check_join(code, seat)


@pytest.mark.parametrize(
    ("survey", "column", "row", "words"),
    [
        ([SURVEY[0], ["select_one abc", "one", "单选", "", ""]], "answer", 2, "正确答案"),
        ([SURVEY[0], ["select_one abc", "one", "单选", "e", ""]], "answer", 2, "“e”不是这一题的选项名"),
        ([SURVEY[0], ["rank ev", "order", "排序", "E07 E08 E09", ""]], "answer", 2, "全部选项"),
        ([SURVEY[0], ["select_multiple abc", "many", "多选", "a z", ""]], "answer", 2, "“z”"),
    ],
)
def test_quiz_answers_are_checked_with_their_cell(tmp_path, survey, column, row, words):
    with pytest.raises(FormError) as caught:
        read_form(workbook(tmp_path, survey))
    error = caught.value
    assert (error.sheet, error.row, error.column) == ("survey", row, column), str(error)
    assert words in str(error), str(error)


def test_the_sample_quiz_has_ten_scored_questions_of_every_kind():
    quiz = read_form(SAMPLE / "forms" / "quiz_history.xlsx")
    assert quiz.quiz
    assert len(quiz.graded) == 10
    assert {q.type for q in quiz.graded} == {"select_one", "select_multiple", "rank"}
    assert any(q.choices and {c.label for c in q.choices} == {"对", "错"} for q in quiz.graded)  # true/false
    assert all(q.explain and "来源" in q.explain for q in quiz.graded)
