"""Panel cards (issue 23, finding 4): issued like answer codes, answered once per wave, and a
phone's answer under a card never issued is refused — one phone can no longer send a second wave
under the sample's HF-0001…HF-0060 and turn the before/after comparison."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil

from campaignkit.cli import main
from campaignkit.forms import ResponseStore, database_path, parse_answers, read_form
from campaignkit.forms.panel import PANEL, panel_problems
from campaignkit.forms.store import CODE_ALPHABET
from helpers import SAMPLE

SURVEY = read_form(SAMPLE / "forms" / "survey.xlsx")
FIELDS = {"domain": ["rural"], "audience": ["herder"], "policy_known": ["4"], "cadres_closer": ["4"]}
FIELDS |= {"activities": ["lecture"], "card_received": ["yes"]}


def _answers(code: str) -> dict:
    return parse_answers(SURVEY, {**FIELDS, PANEL: [code]})


def test_cards_are_issued_as_40_bit_codes_to_a_file_and_only_their_hashes_kept(tmp_path, capsys):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    out = tmp_path / "cards.csv"
    assert main(["forms", "codes", "survey", str(folder), "--panel", "--count", "60", "--out", str(out)]) == 0
    codes = [r["回访卡编号"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""))]
    assert len(set(codes)) == 60
    assert all(len(c) == 8 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert "共发出 60 张" in capsys.readouterr().out
    dump = "\n".join(__import__("sqlite3").connect(database_path(folder)).iterdump())
    assert not [c for c in codes if c in dump]
    assert main(["forms", "codes", "survey", str(folder), "--panel", "--count", "10", "--out", str(tmp_path / "cards.pdf")]) == 0
    assert (tmp_path / "cards.pdf").read_bytes().startswith(b"%PDF")
    assert (
        main(["forms", "codes", "appraisal", str(folder), "--panel", "--count", "5", "--out", str(out)]) == 2
    )  # no panel question


def test_a_guessed_card_is_refused_and_a_card_answers_once_a_wave(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    card = "ABCD2345"
    assert store.record_panel_codes("survey", [card]) == 1
    guessed = _answers("HF-0001")
    assert "照回访卡上的编号" in "".join(panel_problems(store, SURVEY, guessed))
    mine = _answers("abcd 2345")
    assert panel_problems(store, SURVEY, mine) == []
    assert mine[PANEL] == card
    store.submit("survey", SURVEY.version, "phone-one-xxxxxxxxxxxx", mine)
    again = _answers("ABCD-2345")
    assert "已经填过" in "".join(panel_problems(store, SURVEY, again))  # a second answer this wave
    later = dataclasses.replace(SURVEY, version="2099-01")
    assert panel_problems(store, later, _answers("ABCD2345")) == []  # the next wave may
    assert panel_problems(store, SURVEY, parse_answers(SURVEY, FIELDS)) == []  # no card: answered without one
