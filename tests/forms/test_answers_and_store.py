"""Checking submissions, storing them once, and counting them."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit.forms import ResponseStore, SubmissionError, parse_answers, read_form, results
from campaignkit.forms.expressions import evaluate, parse
from helpers import SAMPLE

FORM = read_form(SAMPLE / "forms" / "survey.xlsx")
GOOD = {
    "domain": ["rural"],
    "audience": ["herder"],
    "age": ["63"],
    "policy_known": ["5"],
    "cadres_closer": ["4"],
    "activities": ["lecture", "other"],
    "activities_other": ["那达慕上的宣讲"],
    "card_received": ["yes"],
}


def test_a_good_submission_becomes_answers():
    answers = parse_answers(FORM, {**GOOD, "_submission_id": ["x" * 24]})
    assert answers["age"] == 63
    assert answers["activities"] == ["lecture", "other"]
    assert "suggestion" not in answers


@pytest.mark.parametrize(
    "change, words",
    [
        ({"password": ["x"]}, "没有这些题目"),
        ({"domain": ["moon"]}, "不在选项之中"),
        ({"domain": ["rural", "office"]}, "只能选一项"),
        ({"card_received": []}, "必须回答"),
        ({"age": ["200"]}, "年龄应在 10 到 110 岁之间"),
        ({"age": ["六十"]}, "应填整数"),
        ({"activities_other": ["长" * 60]}, "50 个字以内"),
        ({"suggestion": ["长" * 2001]}, "太长了"),
        ({"suggestion": ["a\x00b"]}, "无法保存"),
    ],
)
def test_bad_submissions_are_refused_in_chinese(change, words):
    with pytest.raises(SubmissionError, match=words):
        parse_answers(FORM, {**GOOD, **change})


def test_an_answer_to_a_question_that_does_not_apply_is_dropped():
    answers = parse_answers(FORM, {**GOOD, "activities": ["lecture"], "activities_other": ["不该有"]})
    assert "activities_other" not in answers


@pytest.mark.parametrize(
    "expression, answers, current, truth",
    [
        (". >= 10 and . <= 110", {}, 63, True),
        (". >= 10 and . <= 110", {}, 5, False),
        ("${a} = 'yes'", {"a": "yes"}, None, True),
        ("${a} != 'yes'", {}, None, True),
        ("selected(${m}, 'x')", {"m": ["x", "y"]}, None, True),
        ("not(selected(${m}, 'z'))", {"m": ["x"]}, None, True),
        ("${n} > 3 or ${a} = 'no'", {"n": 2, "a": "no"}, None, True),
        ("string-length(.) <= 3", {}, "四个字啊", False),
        ("${n} > 3", {}, None, False),
    ],
)
def test_the_expressions_trainers_write(expression, answers, current, truth):
    assert evaluate(parse(expression), answers, current) is truth


def test_a_resend_is_stored_once_and_counted(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    answers = parse_answers(FORM, GOOD)
    assert store.submit("survey", "2023-12", "a" * 24, answers) is True
    assert store.submit("survey", "2023-12", "a" * 24, answers) is False
    assert store.submit("survey", "2023-12", "b" * 24, {**answers, "card_received": "no"}) is True
    summary = results(FORM, store.responses("survey"))
    assert summary["responses"] == 2
    card = next(q for q in summary["questions"] if q["name"] == "card_received")
    assert card == {
        "name": "card_received",
        "label": "您家收到惠民政策明白卡了吗？",
        "n": 2,
        "no_answer": 0,
        "counts": {"yes": 1, "no": 1},
    }
    suggestion = next(q for q in summary["questions"] if q["name"] == "suggestion")
    assert (suggestion["n"], suggestion["no_answer"], suggestion["counts"]) == (0, 2, {})


def test_a_response_carries_no_submission_id_and_no_time_of_day(tmp_path):
    import sqlite3

    store = ResponseStore(tmp_path / "forms.sqlite")
    store.submit("survey", "2023-12", "secret-submission-id-123", parse_answers(FORM, GOOD))
    dump = "\n".join(sqlite3.connect(tmp_path / "forms.sqlite").iterdump())
    assert "secret-submission-id-123" not in dump
    (row,) = sqlite3.connect(tmp_path / "forms.sqlite").execute("SELECT day FROM responses").fetchall()
    assert len(row[0]) == 10  # YYYY-MM-DD


@settings(max_examples=25, deadline=None)
@given(ids=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=60), threads=st.integers(2, 6))
def test_concurrent_resends_are_never_stored_twice(tmp_path_factory, ids, threads):
    store = ResponseStore(tmp_path_factory.mktemp("db") / "forms.sqlite")
    answers = parse_answers(FORM, GOOD)
    chunks = [ids[i::threads] for i in range(threads)]

    def send(chunk):
        for n in chunk:
            store.submit("survey", "v", f"submission-{n:06d}-xxxxxxxx", answers)

    workers = [threading.Thread(target=send, args=(chunk,)) for chunk in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert store.count("survey") == len(set(ids))
