"""`campaignkit vote …` on the sample: a newcomer lists, prints codes, votes, tallies and
prints the 公示 from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import docx
import pypdf

from campaignkit.cli import main
from campaignkit.forms import ResponseStore, database_path
from campaignkit.honors.ballot import cast
from campaignkit.honors.data import SelectionData


def _codes(path) -> list[str]:
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["code"]  # one code a line for a print shop's mail merge, no address or token
    return [r["code"] for r in rows]


def test_list_shows_each_selection_with_status_and_period(campaign_copy, capsys):
    assert main(["vote", "list", str(campaign_copy), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["selections"]
    assert [(s["selection"], s["domain"], s["status"]) for s in listed] == [
        ("S01", "农村牧区", "投票中"),
        ("S02", "社区", "投票中"),
        ("S03", "机关", "已截止"),
    ]
    assert listed[0]["vote_to"] is None
    assert listed[0]["candidates"] == 3


def test_codes_are_one_per_voter_and_the_csv_has_a_code_column(campaign_copy, tmp_path, capsys):
    assert main(["vote", "codes", "S03", str(campaign_copy), "--count", "10", "--out", str(tmp_path / "c.csv")]) == 0
    assert len(set(_codes(tmp_path / "c.csv"))) == 10
    assert main(["vote", "codes", "S03", str(campaign_copy), "--count", "1", "--out", str(tmp_path / "d.csv")]) == 2
    assert "名册上有 10 人，已经发出 10 个投票码" in capsys.readouterr().err
    assert main(["vote", "codes", "S01", str(campaign_copy), "--count", "4", "--out", str(tmp_path / "s.pdf")]) == 0
    reader = pypdf.PdfReader(tmp_path / "s.pdf")
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "投票码" in text
    assert "段丽娟" in text
    assert "示例" in text


def test_vote_tally_and_notice_from_the_command_line(campaign_copy, tmp_path, capsys):
    assert main(["vote", "codes", "S01", str(campaign_copy), "--count", "5", "--out", str(tmp_path / "c.csv")]) == 0
    codes = _codes(tmp_path / "c.csv")
    book = SelectionData(campaign_copy)
    selection = book.selection("S01")
    store = ResponseStore(database_path(campaign_copy))
    picks = [["段丽娟", "徐建国"], ["段丽娟", "徐建国"], ["段丽娟"], ["徐建国", "其木格其其格"]]
    for i, (code, choice) in enumerate(zip(codes, picks)):
        cast(store, selection, book.candidates(selection), {"code": [code], "choice": choice}, f"cli-test-submission-{i}")
    capsys.readouterr()
    assert main(["vote", "tally", "S01", str(campaign_copy), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {k: result[k] for k in ("selection", "codes_issued", "ballots_cast", "ballots_spoiled")} == {
        "selection": "S01",
        "codes_issued": 5,
        "ballots_cast": 4,
        "ballots_spoiled": 0,
    }
    assert result["candidates"][:2] == [
        {"name": "段丽娟", "unit": "红柳嘎查", "votes": 3},
        {"name": "徐建国", "unit": "红柳嘎查", "votes": 3},
    ]
    assert result["winners"] == ["段丽娟", "徐建国"]
    assert result["ties"] == []
    assert main(["vote", "notice", "S01", str(campaign_copy), "--out", str(tmp_path / "n.pdf"), "--date", "2024-09-27"]) == 0
    text = pypdf.PdfReader(tmp_path / "n.pdf").pages[0].extract_text().replace("\n", "")
    assert "2024年9月27日 至 2024年10月9日" in text
    assert "段丽娟" in text
    assert "实名" in text
    assert "示例" in text
    assert main(["vote", "notice", "S01", str(campaign_copy), "--out", str(tmp_path / "n.docx"), "--date", "2024-09-27"]) == 0
    words = "\n".join(p.text for p in docx.Document(tmp_path / "n.docx").paragraphs)
    assert "拟表彰人选的公示" in words
    assert "0477-0000000" in words
    assert main(["vote", "ballots", "S01", str(campaign_copy), "--out", str(tmp_path / "b.csv")]) == 0
    data = (tmp_path / "b.csv").read_text(encoding="utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(data)))) == 4
    assert not any(c in data for c in codes)


def test_paper_ballots_count_only_when_both_entries_agree(campaign_copy, tmp_path, capsys):
    assert main(["vote", "codes", "S01", str(campaign_copy), "--count", "3", "--out", str(tmp_path / "c.csv")]) == 0
    a, b, c = _codes(tmp_path / "c.csv")
    first = tmp_path / "甲.csv"
    first.write_text(f"投票码,选择,废票\n{a},段丽娟、徐建国,\n{b},其木格其其格,\n{c},,是\n", encoding="utf-8")
    second = tmp_path / "乙.csv"
    second.write_text(f"投票码,选择,废票\n{a},徐建国、段丽娟,\n{b},段丽娟,\n{c},,是\n", encoding="utf-8")
    assert main(["vote", "paper", "S01", str(campaign_copy), "--first", str(first), "--second", str(second)]) == 1
    err = capsys.readouterr().err
    assert f"投票码 {b}：甲.csv 第 3 行录为“其木格其其格”，乙.csv 第 3 行录为“段丽娟”" in err
    assert "一张也没有计入" in err
    assert ResponseStore(database_path(campaign_copy)).count("vote_S01") == 0
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["vote", "paper", "S01", str(campaign_copy), "--first", str(first), "--second", str(second)]) == 0
    capsys.readouterr()
    assert main(["vote", "tally", "S01", str(campaign_copy), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ballots_cast"] == 3
    assert result["ballots_spoiled"] == 1


def test_a_paper_entry_naming_someone_not_nominated_names_file_row_and_column(campaign_copy, tmp_path, capsys):
    entry = tmp_path / "甲.csv"
    entry.write_text("投票码,选择\nABCD2345,张三\n", encoding="utf-8")
    assert main(["vote", "paper", "S01", str(campaign_copy), "--first", str(entry), "--second", str(entry)]) == 2
    assert "甲.csv，第 2 行，“选择”列：张三 不是这项评选的候选人" in capsys.readouterr().err


def test_paper_entry_refuses_one_file_twice_and_a_name_written_twice(campaign_copy, tmp_path, capsys):
    assert main(["vote", "codes", "S01", str(campaign_copy), "--count", "2", "--out", str(tmp_path / "c.csv")]) == 0
    a, b = _codes(tmp_path / "c.csv")
    entry = tmp_path / "甲.csv"
    entry.write_text(f"投票码,选择,废票\n{a},段丽娟,\n", encoding="utf-8")
    assert main(["vote", "paper", "S01", str(campaign_copy), "--first", str(entry), "--second", str(entry)]) == 2
    assert "同一个文件" in capsys.readouterr().err
    entry.write_text(f"投票码,选择,废票\n{a},段丽娟,\n{b},段丽娟、段丽娟,\n", encoding="utf-8")
    other = tmp_path / "乙.csv"
    other.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["vote", "paper", "S01", str(campaign_copy), "--first", str(entry), "--second", str(other)]) == 2
    assert "第 3 行，“选择”列：同一个人写了两次" in capsys.readouterr().err
    assert ResponseStore(database_path(campaign_copy)).count("vote_S01") == 0  # nothing stored


def test_an_unknown_selection_is_named(campaign_copy, capsys):
    assert main(["vote", "tally", "S09", str(campaign_copy)]) == 2
    assert "没有编号为“S09”的评选；现有：S01、S02、S03" in capsys.readouterr().err


def test_codes_that_cannot_be_written_are_not_issued(campaign_copy, tmp_path, capsys):
    """A missing folder, a folder given as the file, a file that cannot be written: a Chinese
    message, no traceback, no folder made, and the roll's quota of codes unchanged."""
    store = ResponseStore(database_path(campaign_copy))
    (tmp_path / "a-folder.csv").mkdir()
    for out in [
        tmp_path / "missing" / "c.pdf",
        tmp_path / "a-folder.csv",
        Path("/proc/c.csv"),
    ]:  # /proc: not even root writes there
        assert main(["vote", "codes", "S03", str(campaign_copy), "--count", "5", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "码没有生成" in err
        assert "Traceback" not in err
    assert not (tmp_path / "missing").exists()
    assert store.codes_left("vote_S03") == (0, 0)
    assert not list(tmp_path.rglob("*.part"))
    assert main(["vote", "codes", "S03", str(campaign_copy), "--count", "10", "--out", str(tmp_path / "ok.csv")]) == 0
