"""Selections: one person one vote on printed codes, counted exactly once, anonymous, and a
tally that applies the threshold and flags ties."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campaignkit.forms import ResponseStore, SubmissionError
from campaignkit.forms.store import CodeRefused
from campaignkit.honors.ballot import cast
from campaignkit.honors.data import SelectionData
from campaignkit.honors.notice import working_days
from campaignkit.honors.selections import Candidate, Selection, roll
from campaignkit.honors.tally import tally, threshold_votes
from helpers import SAMPLE

SELECTION = Selection(
    code="T1",
    award="致富能手",
    domain="农村牧区",
    units=("红柳嘎查",),
    vote_from=dt.date(2024, 1, 1),
    vote_to=None,
    winners=2,
    choices=2,
)
CANDIDATES = [Candidate("甲", "甲", "红柳嘎查", ""), Candidate("乙", "乙", "红柳嘎查", ""), Candidate("丙", "丙", "红柳嘎查", "")]


def _ballot(*names: str) -> dict:
    return {"choice": list(names)}


def test_the_threshold_counts_against_ballots_cast():
    assert [threshold_votes("过半数", n) for n in (1, 10, 11)] == [1, 6, 6]
    assert [threshold_votes("三分之二以上", n) for n in (3, 10, 12)] == [2, 7, 8]
    assert threshold_votes("不设", 50) == 1


def test_tally_applies_the_threshold_and_counts_spoiled_ballots_as_cast():
    # 10 cast (1 spoiled): 甲 7, 乙 6, 丙 5 → 过半数 needs 6: 甲 and 乙 win, 丙 does not pass.
    ballots = [_ballot("甲", "乙")] * 5 + [_ballot("甲", "丙")] * 2 + [_ballot("乙", "丙"), _ballot("丙"), {"spoiled": True}]
    result = tally(SELECTION, CANDIDATES, ballots, codes_issued=12)
    assert result["ballots_cast"] == 10
    assert result["ballots_spoiled"] == 1
    assert result["ballots_counted"] == 9
    assert {c["name"]: c["votes"] for c in result["candidates"]} == {"甲": 7, "乙": 6, "丙": 4}
    assert result["threshold_votes"] == 6
    assert result["winners"] == ["甲", "乙"]
    assert result["ties"] == []
    assert result["turnout"] == pytest.approx(10 / 12, abs=1e-4)


def test_a_tie_for_the_last_place_is_flagged_never_broken():
    ballots = [_ballot("甲", "乙")] * 3 + [_ballot("甲", "丙")] * 3  # 甲 6, 乙 3, 丙 3 of 6 cast; 不设 threshold
    selection = Selection(**{**SELECTION.__dict__, "threshold": "不设"})
    result = tally(selection, CANDIDATES, ballots, codes_issued=6)
    assert result["winners"] == ["甲"]
    assert result["ties"] == [{"votes": 3, "names": ["乙", "丙"], "places": 1}]


def test_nobody_wins_below_the_threshold_and_a_vote_for_someone_not_nominated_is_shown():
    ballots = [_ballot("甲"), _ballot("乙"), _ballot("丙"), {"choice": ["丁"]}]
    result = tally(SELECTION, CANDIDATES, ballots, codes_issued=4)
    assert result["winners"] == []
    assert result["ties"] == []
    assert {"name": "丁", "unit": "", "votes": 1, "not_nominated": True} in result["candidates"]


def _store(tmp_path, n: int) -> tuple[ResponseStore, list[str]]:
    store = ResponseStore(tmp_path / "forms.sqlite")
    return store, store.issue_codes(SELECTION.form_id, n)


@pytest.mark.parametrize(
    "choice, message",
    [(["戊"], "不在选项之中"), (["甲", "乙", "丙"], "最多选 2 人"), (["甲", "甲"], "重复")],
)
def test_forged_choices_are_refused_with_nothing_stored_and_the_code_unspent(tmp_path, choice, message):
    store, (code,) = _store(tmp_path, 1)
    with pytest.raises(SubmissionError, match=message):
        cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": choice}, "s" * 20)
    assert store.count(SELECTION.form_id) == 0
    assert store.codes_left(SELECTION.form_id) == (1, 1)


def test_a_code_counts_once_a_resend_succeeds_and_a_second_ballot_is_refused(tmp_path):
    store, (code,) = _store(tmp_path, 1)
    assert cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, "a" * 20) is True
    assert cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, "a" * 20) is False  # resend
    with pytest.raises(CodeRefused):
        cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["乙"]}, "b" * 20)
    assert store.count(SELECTION.form_id) == 1


def test_no_ballot_before_voting_opens_or_after_it_closes(tmp_path):
    store, (code,) = _store(tmp_path, 1)
    closed = Selection(**{**SELECTION.__dict__, "vote_to": dt.date(2024, 1, 5)})
    with pytest.raises(SubmissionError, match="已截止"):
        cast(store, closed, CANDIDATES, {"code": [code], "choice": ["甲"]}, "a" * 20)
    with pytest.raises(SubmissionError, match="不能投票"):
        cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, "a" * 20, today=dt.date(2023, 12, 31))
    assert store.codes_left(SELECTION.form_id) == (1, 1)


def test_the_ballots_table_holds_nothing_from_which_a_code_or_voter_can_be_recovered(tmp_path):
    store, codes = _store(tmp_path, 5)
    for i, code in enumerate(codes):
        cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, f"submission-{i:04d}-xyz")
    con = sqlite3.connect(tmp_path / "sealed" / f"{SELECTION.form_id}.sqlite")
    assert [c[1] for c in con.execute("PRAGMA table_info(answers)")] == ["id", "version", "day", "answers"]
    with pytest.raises(sqlite3.OperationalError):
        con.execute("SELECT rowid FROM answers")  # no hidden order of arrival
    code_hashes = {r[0] for r in con.execute("SELECT code_hash FROM codes")}
    for row_id, day, answers in con.execute("SELECT id, day, answers FROM answers"):
        assert dt.date.fromisoformat(day)
        assert len(day) == 10
        assert answers == '{"choice": ["甲"]}'  # only the choice
        assert row_id not in code_hashes
        assert not any(c in row_id or c in answers for c in codes)
    dump = "\n".join(con.iterdump())
    assert not [c for c in codes if c in dump]  # codes exist only as salted hashes


@settings(max_examples=15, deadline=None)
@given(
    picks=st.lists(st.tuples(st.sampled_from(["valid", "repeat", "unknown"]), st.integers(0, 7)), min_size=1, max_size=30),
    threads=st.integers(2, 6),
)
def test_any_interleaving_counts_each_valid_code_exactly_once(tmp_path_factory, picks, threads):
    """Threads submit at once: new ballots with valid codes, resends of a ballot already
    sent, and unknown codes. Counted = distinct valid codes used; no code counts twice."""
    store = ResponseStore(tmp_path_factory.mktemp("vote") / "forms.sqlite")
    codes = store.issue_codes(SELECTION.form_id, 8)
    sends = []
    for n, (kind, i) in enumerate(picks):
        if kind == "unknown":
            sends.append(("ZZZZ" + "2345"[i % 4] * 4, f"unknown-{n:04d}-pad"))
        elif kind == "repeat":
            sends.append((codes[i], f"first-{i}-submission-pad"))  # the same submission as a first send of code i
        else:
            sends.append((codes[i], f"valid-{n:04d}-submission"))
    barrier = threading.Barrier(threads)

    def send(chunk):
        barrier.wait()
        for code, submission in chunk:
            try:
                cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, submission)
            except CodeRefused:
                pass

    workers = [threading.Thread(target=send, args=(sends[i::threads],)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    used = {i for kind, i in picks if kind != "unknown"}
    assert store.count(SELECTION.form_id) == len(used)
    assert store.codes_left(SELECTION.form_id) == (8 - len(used), 8)


def test_working_days_skip_weekends_and_holidays_and_count_make_up_days():
    # National Day 2024: 10-1 to 10-7 off, Sunday 9-29 worked.
    assert working_days(dt.date(2024, 9, 27), 5) == (dt.date(2024, 9, 27), dt.date(2024, 10, 9))
    # A notice dated on a Saturday starts on Monday: 2024-01-20 → 01-22 to 01-26.
    assert working_days(dt.date(2024, 1, 20), 5) == (dt.date(2024, 1, 22), dt.date(2024, 1, 26))
    # Spring Festival 2026 (2-15 to 2-23 off, Saturday 2-14 and 2-28 worked).
    assert working_days(dt.date(2026, 2, 13), 3) == (dt.date(2026, 2, 13), dt.date(2026, 2, 24))


def test_the_roll_is_the_units_adults_one_per_household_or_the_list():
    book = SelectionData(SAMPLE)
    s01, s02, s03 = (book.selection(c) for c in ("S01", "S02", "S03"))
    adults = roll(book.campaign, s01)
    members = book.campaign.tables["members"]
    hl = members[members["household_id"].str.startswith("HL")]
    born = hl["birth_month"]
    assert len(adults) == int((born <= "2005-12-01").sum())
    assert set(adults["unit"]) == {"红柳嘎查"}
    assert len(roll(book.campaign, s02)) == 60  # 60 households in 阳光社区
    assert len(roll(book.campaign, s03)) == 10  # the list
    assert book.problems == []


def test_a_nominee_off_the_roll_is_named_with_file_row_and_column(campaign_copy):
    with open(campaign_copy / "nominations.csv", "a", encoding="utf-8") as fh:
        fh.write("S01,段丽娟,阳光社区,,居民,事迹,是\r\nS01,不存在的人,红柳嘎查,,党支部,事迹,是\r\n")
    book = SelectionData(campaign_copy)
    messages = [(p.file, p.row, p.column, p.message) for p in book.problems]
    assert ("nominations.csv", 10, "单位", "评选 S01 只在 红柳嘎查 评选，被提名人的单位是 阳光社区") in messages
    assert any(
        row == 11 and column == "被提名人" and "红柳嘎查的成年成员里没有“不存在的人”" in m for _, row, column, m in messages
    )
    assert [c.name for c in book.candidates(book.selection("S01"))] == ["段丽娟", "徐建国", "其木格其其格"]


def test_a_selection_over_several_units_names_the_unknown_one(campaign_copy):
    text = (campaign_copy / "selections.csv").read_text(encoding="utf-8-sig")
    (campaign_copy / "selections.csv").write_text(
        text.replace("S01,致富能手,农村牧区,红柳嘎查,", "S01,致富能手,农村牧区,红柳嘎查、火星村,"), encoding="utf-8"
    )
    book = SelectionData(campaign_copy)
    assert [(p.file, p.row, p.column) for p in book.problems if "火星村" in p.message] == [("selections.csv", 2, "单位")]
    (campaign_copy / "selections.csv").write_text(
        text.replace("S01,致富能手,农村牧区,红柳嘎查,", "S01,致富能手,农村牧区,红柳嘎查、沙柳嘎查,"), encoding="utf-8"
    )
    book = SelectionData(campaign_copy)
    assert book.problems == []
    assert book.selection("S01").units == ("红柳嘎查", "沙柳嘎查")


def test_a_selection_code_that_cannot_be_in_an_address_is_refused(campaign_copy):
    text = (campaign_copy / "selections.csv").read_text(encoding="utf-8-sig")
    (campaign_copy / "selections.csv").write_text(text.replace("\nS02,", "\n文明02,"), encoding="utf-8")
    book = SelectionData(campaign_copy)
    assert [(p.row, p.column) for p in book.problems if "英文字母" in p.message] == [(3, "编号")]


def test_a_voter_born_in_the_cutoff_month_counts_by_the_day_on_the_id(campaign_copy):
    """Voting opens 2024-01-15: born 2006-01-05 is 18, born 2006-01-20 is not; with the month
    alone it cannot be told, and the person is left off and counted as such."""
    from campaignkit.core.idnumber import make_id

    early, late = make_id("999999", dt.date(2006, 1, 5), 11), make_id("999999", dt.date(2006, 1, 20), 12)
    with open(campaign_copy / "members.csv", "a", encoding="utf-8") as fh:
        fh.write(f"HL-001,早生,{early},2006-01,子女,否,否,\r\n")
        fh.write(f"HL-001,晚生,{late},2006-01,子女,否,否,\r\n")
        fh.write("HL-001,只知月份,,2006-01,子女,否,否,\r\n")
    book = SelectionData(campaign_copy)
    voters = roll(book.campaign, book.selection("S01"))
    names = set(voters["name"])
    assert "早生" in names
    assert "晚生" not in names
    assert "只知月份" not in names
    assert voters.attrs["left_off"] == 1


def test_a_ballot_counted_before_closing_is_answered_as_counted_when_sent_again_after(tmp_path):
    store, (code,) = _store(tmp_path, 1)
    assert cast(store, SELECTION, CANDIDATES, {"code": [code], "choice": ["甲"]}, "phone-a-submission") is True
    closed = Selection(**{**SELECTION.__dict__, "vote_to": dt.date(2024, 1, 5)})
    later = dt.date(2024, 1, 6)
    assert cast(store, closed, CANDIDATES, {"code": [code], "choice": ["甲"]}, "phone-a-submission", today=later) is False
    with pytest.raises(SubmissionError, match="已截止"):  # anything else after closing is refused
        cast(store, closed, CANDIDATES, {"code": [code], "choice": ["乙"]}, "phone-b-submission", today=later)
    assert store.count(SELECTION.form_id) == 1


def test_the_results_page_says_the_threshold_set_and_names_winners_only_once_voting_closed():
    """Issue 25: with no ballot yet a 过半数 selection read "不设当选门槛" (vote tally said 过半数),
    and "当选：…" stood on the laptop's live view after 2 of 239 ballots."""
    from campaignkit.honors.pages import results_page, threshold_words

    assert threshold_words(tally(SELECTION, CANDIDATES, [], codes_issued=239)).startswith("当选门槛：过半数")
    ballots = [_ballot("甲", "乙"), _ballot("甲")]
    live = tally(SELECTION, CANDIDATES, ballots, codes_issued=239)
    assert threshold_words(live) == "当选门槛：过半数（按已投 2 票算，至少 2 票）"
    page = results_page(SELECTION, {**live, "status": "投票中"}, counts_shown=True, refresh=False)
    assert "当选：" not in page
    assert "截止后" in page
    assert "过半数" in page
    closed = results_page(SELECTION, {**live, "status": "已截止"}, counts_shown=True, refresh=False)
    assert "当选：甲" in closed
    nobody = Selection(**{**SELECTION.__dict__, "threshold": "不设"})
    assert threshold_words(tally(nobody, CANDIDATES, ballots, codes_issued=239)) == "不设当选门槛（按得票多少确定）"


def test_the_printed_slip_says_one_rule_for_too_many_choices():
    from campaignkit.honors.slips import slips_html

    page = slips_html(SELECTION, CANDIDATES, ["ABCDEFGH"], "http://192.168.1.5:8866")
    assert "最多选 2 人，选多了这张票作废" in page
    assert "多选作废" not in page
