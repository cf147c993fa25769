"""One-time respondent codes (民意测评): issued as hashes, spent once, never linked to a response."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit.forms import ResponseStore, parse_answers, read_form
from campaignkit.forms.store import CODE_ALPHABET, CodeRefused
from helpers import SAMPLE

FORM = read_form(SAMPLE / "forms" / "appraisal.xlsx")
ANSWERS = {"overall": ["good"], "listens": ["4"], "solves": ["3"], "explains": ["5"]}


def test_the_sample_appraisal_is_a_tokens_anonymous_form():
    assert FORM.access == "tokens"
    assert FORM.anonymous
    assert FORM.form_id == "appraisal"


def test_codes_carry_40_bits_and_are_stored_only_as_hashes(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    codes = store.issue_codes("appraisal", 50)
    assert len(set(codes)) == 50
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert len(CODE_ALPHABET) == 32
    assert "0" not in CODE_ALPHABET
    assert "O" not in CODE_ALPHABET
    dump = "\n".join(sqlite3.connect(tmp_path / "sealed" / "appraisal.sqlite").iterdump())
    assert not [c for c in codes if c in dump]
    assert store.codes_left("appraisal") == (50, 50)


def test_a_code_is_spent_once_and_a_resend_still_succeeds(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    (code,) = store.issue_codes("appraisal", 1)
    answers = parse_answers(FORM, ANSWERS)
    assert store.submit("appraisal", "v", "s" * 20, answers, code=code.lower()[:4] + " " + code[4:]) is True
    assert store.submit("appraisal", "v", "s" * 20, answers, code=code) is False  # the same phone sending again
    with pytest.raises(CodeRefused):
        store.submit("appraisal", "v", "t" * 20, answers, code=code)  # another submission, a spent code
    with pytest.raises(CodeRefused):
        store.submit("appraisal", "v", "u" * 20, answers, code="ZZZZZZZZ")
    assert store.count("appraisal") == 1
    assert store.codes_left("appraisal") == (0, 1)


def test_an_anonymous_response_cannot_be_linked_to_its_code(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    codes = store.issue_codes("appraisal", 3)
    for i, code in enumerate(codes):
        store.submit("appraisal", "v", f"submission-{i:04d}-abcdef", parse_answers(FORM, ANSWERS), code=code)
    con = sqlite3.connect(tmp_path / "sealed" / "appraisal.sqlite")
    assert [c[1] for c in con.execute("PRAGMA table_info(answers)")] == ["id", "version", "day", "answers"]
    assert [c[1] for c in con.execute("PRAGMA table_info(codes)")] == ["code_hash", "spent"]
    with pytest.raises(sqlite3.OperationalError):
        con.execute("SELECT rowid FROM answers")  # no hidden arrival order either
    ids = [r[0] for r in con.execute("SELECT id FROM answers")]
    assert all(len(i) == 32 and int(i, 16) > 2**64 for i in ids)  # random ids, not a count to match against slips


@settings(max_examples=20, deadline=None)
@given(picks=st.lists(st.integers(min_value=0, max_value=9), min_size=1, max_size=40), threads=st.integers(2, 5))
def test_concurrent_submits_never_accept_a_code_twice(tmp_path_factory, picks, threads):
    store = ResponseStore(tmp_path_factory.mktemp("codes") / "forms.sqlite")
    codes = store.issue_codes("appraisal", 10)
    answers = parse_answers(FORM, ANSWERS)
    accepted, lock = [], threading.Lock()

    def send(chunk, worker):
        for n, pick in enumerate(chunk):
            try:
                if store.submit("appraisal", "v", f"w{worker}-{n:04d}-{pick}-padding", answers, code=codes[pick]):
                    with lock:
                        accepted.append(pick)
            except CodeRefused:
                pass

    chunks = [picks[i::threads] for i in range(threads)]
    workers = [threading.Thread(target=send, args=(chunk, i)) for i, chunk in enumerate(chunks)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(accepted) == sorted(set(picks))
    assert store.count("appraisal") == len(set(picks))


def test_phones_written_in_one_batch_are_judged_one_by_one(tmp_path):
    """Phones waiting together are written together (one spend commit, one answer commit): a
    code two of them typed counts once, a resend in the same batch is a resend, a wrong code
    stores nothing — as if they had come one after another."""
    store = ResponseStore(tmp_path / "forms.sqlite")
    first, second = store.issue_codes("appraisal", 2)
    answers = parse_answers(FORM, ANSWERS)
    box = store.sealed("appraisal")
    sends = [("a" * 20, first), ("b" * 20, first), ("c" * 20, second), ("c" * 20, second), ("d" * 20, "ZZZZZZZZ")]
    results: dict[int, object] = {}

    def send(n, submission, code):
        try:
            results[n] = store.submit("appraisal", "v", submission, answers, code=code)
        except CodeRefused:
            results[n] = "refused"

    with box._writing:  # the writer is busy: all five wait and go in one batch
        workers = [threading.Thread(target=send, args=(n, *s)) for n, s in enumerate(sends)]
        for w in workers:
            w.start()
        while len(box._waiting) < len(sends):
            threading.Event().wait(0.01)
    for w in workers:
        w.join()
    assert sorted(map(str, [results[0], results[1]])) == ["True", "refused"]
    assert sorted([results[2], results[3]]) == [False, True]
    assert results[4] == "refused"
    assert store.count("appraisal") == 2
    assert store.codes_left("appraisal") == (0, 2)


def test_a_phone_guessing_codes_is_paused_but_a_hall_behind_one_address_is_not():
    from campaignkit.forms.attempts import CodeAttempts

    attempts = CodeAttempts(limit=10, window=600, address_limit=100)
    for _ in range(19):  # twenty phones raced with one slip's code: nineteen refusals, one wrong code
        attempts.failed("192.0.2.50", "ABCD2345", session="phone-a")
    assert not attempts.blocked("192.0.2.50", "phone-a")
    assert not attempts.blocked("192.0.2.50", "phone-b")
    for n in range(9):
        attempts.failed("192.0.2.50", f"GUESS{n:03d}", session="phone-a")
    assert attempts.blocked("192.0.2.50", "phone-a")  # ten different wrong codes from one phone
    assert not attempts.blocked("192.0.2.50", "phone-b")  # the phone beside it, same Wi-Fi, votes on
    for n in range(100):  # a script dropping its cookies: the address as a whole, far more loosely
        attempts.failed("192.0.2.60", f"SCRIPT{n:03d}", session=f"fresh-{n}")
    assert attempts.blocked("192.0.2.60", "another-fresh-one")
    for n in range(50):
        attempts.failed("127.0.0.1", f"DESK{n:03d}", session="laptop")
    assert not attempts.blocked("127.0.0.1", "laptop")
