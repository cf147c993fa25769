"""Anonymous answers and one-time codes cannot be linked, nor their order recovered, by anyone
holding a copy of the campaign folder and the printed code list: during voting, after a
kill -9, after closing (issue 23, finding 1). Each attack is first shown to work on a store
written the way the store used to write (one commit spending the code and adding the answer,
in a write-ahead log, rows placed as they came)."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
from folder_attacker import journal_change, link_by_wal, page_order, same_as_rebuilt, state

from campaignkit.forms import ResponseStore
from campaignkit.forms.store import CodeRefused
from helpers import ROOT

FORM = "appraisal"
OLD_SCHEMA = """
CREATE TABLE responses (id TEXT PRIMARY KEY, form_id TEXT NOT NULL, version TEXT NOT NULL, day TEXT NOT NULL,
    answers TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX responses_form ON responses (form_id);
CREATE TABLE codes (form_id TEXT NOT NULL, code_hash TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (form_id, code_hash)) WITHOUT ROWID;
CREATE TABLE salts (form_id TEXT PRIMARY KEY, salt TEXT NOT NULL);
CREATE TABLE receipts (form_id TEXT NOT NULL, submission TEXT NOT NULL, PRIMARY KEY (form_id, submission)) WITHOUT ROWID;
"""
SALT = "cd" * 16  # a bare hex salt: the older store's scrypt 2**12


def _old_hash(code: str) -> str:
    return hashlib.scrypt(code.encode(), salt=bytes.fromhex(SALT), n=2**12, r=8, p=1, dklen=32).hex()


def _old_store(path, codes, submissions=()):
    """A forms.sqlite as the store wrote it before: each ballot in one WAL commit with its code.
    ``submissions``: (submission id, code, answers) in the order they arrived."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")  # a copy taken before the log was folded in
    con.executescript(OLD_SCHEMA)
    con.execute("INSERT INTO salts VALUES (?, ?)", (FORM, SALT))
    con.executemany("INSERT INTO codes (form_id, code_hash) VALUES (?, ?)", [(FORM, _old_hash(c)) for c in codes])
    truth = {}
    for submission, code, answers in submissions:
        rid = secrets.token_hex(16)
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO receipts VALUES (?, ?)", (FORM, hashlib.sha256(f"{FORM}\0{submission}".encode()).hexdigest()))
        con.execute("UPDATE codes SET used = 1 WHERE form_id = ? AND code_hash = ?", (FORM, _old_hash(code)))
        con.execute("INSERT INTO responses VALUES (?, ?, 'v', '2024-03-05', ?)", (rid, FORM, json.dumps(answers)))
        con.execute("COMMIT")
        truth[_old_hash(code)] = rid
    return con, truth


def _vote(store, n, codes):
    """n submissions with the given codes, in that order; {code hash: answer id} as it really was."""
    truth = {}
    box = store.seal(FORM)
    for i, code in enumerate(codes[:n]):
        submission = f"phone-{secrets.token_hex(8)}"
        store.submit(FORM, "v", submission, {"advice": f"意见 {i}"}, code=code)
        rid = next(r["id"] for r in store.responses(FORM) if r["answers"]["advice"] == f"意见 {i}")
        truth[store._code_hash(box, code)] = rid
    return truth


def test_the_attacker_links_every_answer_of_the_older_store_and_reads_their_order(tmp_path):
    codes = [f"CODE{i:04d}" for i in range(20)]
    arrivals = [(f"sub-{i:04d}-xxxxxxxxxxxx", codes[i], {"advice": str(i)}) for i in range(20)]
    con, truth = _old_store(tmp_path / "forms.sqlite", codes, arrivals)
    pairs = link_by_wal(tmp_path)
    assert len(pairs) == 20
    assert all(truth[c] == a for c, a in pairs)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    newest_first = page_order(tmp_path / "forms.sqlite")["answers"]
    assert newest_first == [truth[_old_hash(c)] for _, c, _ in reversed(arrivals)]  # the order of arrival
    assert not same_as_rebuilt(tmp_path / "forms.sqlite")  # which the check below would have caught
    con.close()


def test_no_copy_of_the_folder_during_voting_links_a_code_or_gives_the_order(tmp_path):
    folder = tmp_path / ".campaignkit"
    store = ResponseStore(folder / "forms.sqlite")
    store.submit("survey", "v", "named-1-xxxxxxxxxxxx", {"q": "a"})  # other forms keep writing forms.sqlite
    codes = store.issue_codes(FORM, 20)
    truth, box = {}, store.seal(FORM)
    for i, code in enumerate(codes):
        store.submit(FORM, "v", f"phone-{secrets.token_hex(8)}", {"advice": f"意见 {i}"}, code=code)
        store.submit("survey", "v", f"named-{i}-xxxxxxxxxxxxxxx", {"q": str(i)})
        truth[store._code_hash(box, code)] = next(r["id"] for r in store.responses(FORM) if r["answers"]["advice"] == f"意见 {i}")
        copy = tmp_path / f"copy{i}"
        shutil.copytree(folder, copy)
        assert link_by_wal(copy) == []
        assert not list(copy.rglob("*-wal")) or all("sealed" not in str(p) for p in copy.rglob("*-wal"))
        sealed = copy / "sealed" / f"{FORM}.sqlite"
        assert same_as_rebuilt(sealed)
        assert len(page_order(sealed)["answers"]) == i + 1
        assert state(copy / "forms.sqlite")[1] == set()  # no code in the shared file
        shutil.rmtree(copy)
    assert len(truth) == 20


def test_spending_a_code_rewrites_its_mark_where_it_lies(tmp_path):
    """A code is spent in a commit of its own and the file is not rebuilt after it: the spent mark
    is as wide as the unspent one, so the file stays what a rebuild would make of it."""
    store = ResponseStore(tmp_path / "forms.sqlite")
    codes = store.issue_codes(FORM, 300)
    box = store.seal(FORM)
    for i, code in enumerate(codes[:30]):
        box.spend(store._code_hash(box, code), hashlib.sha256(f"submission {i}".encode()).digest())
        assert same_as_rebuilt(tmp_path / "sealed" / f"{FORM}.sqlite")
    assert store.codes_left(FORM) == (270, 300)


def test_the_sealed_file_is_the_same_byte_for_byte_whatever_order_the_answers_came_in(tmp_path):
    submissions = [(f"phone-{i:04d}-{secrets.token_hex(6)}", {"advice": f"意见 {i}"}) for i in range(12)]
    files = []
    for run, order in enumerate([list(range(12)), [5, 11, 0, 3, 9, 1, 7, 2, 10, 4, 8, 6]]):
        store = ResponseStore(tmp_path / f"run{run}" / "forms.sqlite")
        box = store.seal(FORM)
        box.salt("n10$" + "ab" * 16)  # the same salt, so the same code hashes on both runs
        codes = [f"CODE{i:04d}" for i in range(12)]
        store.record_codes(FORM, codes)
        for i in order:
            store.submit(FORM, "v", submissions[i][0], submissions[i][1], day="2024-03-05", code=codes[i])
        store.close()
        files.append((tmp_path / f"run{run}" / "sealed" / f"{FORM}.sqlite").read_bytes())
    assert files[0] == files[1]


def test_each_commit_changes_one_thing_so_a_write_cut_off_by_kill_9_shows_at_most_that_one(tmp_path):
    folder = tmp_path / ".campaignkit"
    store = ResponseStore(folder / "forms.sqlite")
    codes = store.issue_codes(FORM, 400)
    store.close()
    script = (
        "import sys, secrets\n"
        "from campaignkit.forms import ResponseStore\n"
        f"store = ResponseStore({str(folder / 'forms.sqlite')!r})\n"
        "for code in sys.stdin.readline().split():\n"
        "    store.submit('appraisal', 'v', 'p-' + secrets.token_hex(10), {'advice': secrets.token_hex(4)}, code=code)\n"
        "    print('stored', flush=True)\n"
    )
    seen_in_flight = 0
    for attempt in range(6):
        process = subprocess.Popen(
            [sys.executable, "-c", script],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        process.stdin.write((" ".join(codes[attempt * 60 : attempt * 60 + 60]) + "\n").encode())
        process.stdin.flush()
        for _ in range(3 + attempt):  # into the writes, however long the start took on a busy machine
            assert process.stdout.readline() == b"stored\n"
        time.sleep(0.003 * attempt)  # then at a different moment of a write each time
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdin.close()
        process.stdout.close()
        copy = tmp_path / f"copy{attempt}"
        shutil.copytree(folder, copy)
        assert link_by_wal(copy) == []
        change = journal_change(copy / "sealed" / f"{FORM}.sqlite")
        if change is not None:
            seen_in_flight += 1
            answers, spent = change
            assert len(answers) + len(spent) <= 1, change  # one answer or one code, never both
    after = ResponseStore(folder / "forms.sqlite")
    assert after.count(FORM) > 0  # the form's file, opened again, is rebuilt after a write cut off
    assert same_as_rebuilt(folder / "sealed" / f"{FORM}.sqlite")
    print(f"writes caught in flight: {seen_in_flight} of 6")


def test_store_files_and_folders_are_for_their_owner_only(tmp_path):
    store = ResponseStore(tmp_path / ".campaignkit" / "forms.sqlite")
    store.issue_codes(FORM, 2)
    store.submit("survey", "v", "s" * 20, {"q": "a"})
    for path in [tmp_path / ".campaignkit", tmp_path / ".campaignkit" / "sealed"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for path in (tmp_path / ".campaignkit").rglob("*.sqlite*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_older_store_is_sealed_on_first_start_with_nothing_lost_and_its_log_emptied(tmp_path):
    codes = [f"CODE{i:04d}" for i in range(6)]
    path = tmp_path / ".campaignkit" / "forms.sqlite"
    path.parent.mkdir()
    con, truth = _old_store(path, codes, [(f"sub-{i:04d}-xxxxxxxxxxxx", codes[i], {"advice": str(i)}) for i in range(3)])
    con.execute("INSERT INTO responses VALUES ('ab' || hex(randomblob(15)), 'survey', 'v', '2024-03-05', '{}')")
    con.close()
    store = ResponseStore(path)
    assert store.count(FORM) == 3
    assert store.count("survey") == 1
    assert store.codes_left(FORM) == (3, 6)
    with pytest.raises(CodeRefused):
        store.submit(FORM, "v", "another-phone-xxxxxxx", {"advice": "x"}, code=codes[0])  # spent before: still spent
    assert store.submit(FORM, "v", "sub-0001-xxxxxxxxxxxx", {"advice": "1"}, code=codes[1]) is False  # a resend
    assert store.submit(FORM, "v", "new-phone-xxxxxxxxxxx", {"advice": "new"}, code=codes[4].lower()) is True
    tables = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert "codes" not in tables
    assert "salts" not in tables
    assert state(path) == ({r["id"] for r in store.responses("survey")}, set())  # only the named survey left there
    assert not os.path.exists(f"{path}-wal") or os.path.getsize(f"{path}-wal") == 0
    assert link_by_wal(tmp_path) == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
