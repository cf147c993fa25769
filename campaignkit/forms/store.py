"""Responses in the campaign folder: ``.campaignkit/forms.sqlite`` for forms whose answers are
not anonymous (door visits, quizzes by seat, named surveys: WAL, fast, readers never block the
phones), and a sealed file per anonymous or code-taking form (:mod:`.sealed`).

Every record keeps one id for life, whatever brought it: a hash of the submission id its phone,
ODK Collect or another laptop gave it (so a resend, or the same record imported twice, is
stored once), or the id its writer names (a door visit, so a correction can point at it).
A response carries that id and the day, never a finer time. Files are readable by their owner
only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..core.network import READABLE_ALPHABET
from .sealed import BUSY_SECONDS, CodeRefused, SealedForm, StoreBusy, private_file, submission_hash, thread_connection

__all__ = ["CodeRefused", "ResponseStore", "StoreBusy", "database_path", "normalize_code", "record_id"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    id TEXT PRIMARY KEY,          -- the record's id for life (see record_id)
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    day TEXT NOT NULL,            -- YYYY-MM-DD only
    answers TEXT NOT NULL         -- JSON {question name: value}
) WITHOUT ROWID;                  -- stored in id order: no hidden rowid keeps the order of arrival
CREATE INDEX IF NOT EXISTS responses_form ON responses (form_id);
CREATE TABLE IF NOT EXISTS receipts (  -- resends of submissions stored before ids were hashes
    form_id TEXT NOT NULL,
    submission TEXT NOT NULL,
    PRIMARY KEY (form_id, submission)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS panel_codes (  -- panel cards issued (forms.panel), as salted hashes
    form_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    PRIMARY KEY (form_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quiz_classes (  -- a class the teacher opened: its size; closed, the answers are shown
    form_id TEXT NOT NULL,
    class_code TEXT NOT NULL,
    size INTEGER NOT NULL,
    closed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (form_id, class_code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS panel_salts (
    form_id TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);
"""

MAIN_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",  # WAL + NORMAL: durable at checkpoints, no torn writes
    "PRAGMA secure_delete=ON",
)
CODE_ALPHABET = READABLE_ALPHABET  # 32 symbols, no 0/O, 1/I look-alikes
CODE_LENGTH = 8  # 8 × 5 bits = 40 bits
# scrypt's work factor for new forms: 2**10 × r 8 is ~2–3 ms a code on this kind of laptop, so
# 50 phones voting at once are answered within 200 ms, while a copied database still costs
# some 10**9 hashes (weeks of a CPU) per unused code found among 500 of 2**40. A code is
# never linked to an answer, so what a search could win is a spare code, not a voter's choice.
SCRYPT_LOG2_N = 10


def normalize_code(code: str) -> str:
    """'abcd 2345' or 'ABCD-2345' → 'ABCD2345' (as a phone keyboard may type it)."""
    return "".join(code.split()).upper().replace("-", "")


def database_path(campaign: Path) -> Path:
    return Path(campaign) / ".campaignkit" / "forms.sqlite"


def record_id(form_id: str, submission_id: str) -> str:
    """The id a record keeps for life: 32 hex digits from the form and the submission id (a phone's
    ``_submission_id``, ODK's ``instanceID``), the same on every laptop that stores it."""
    return submission_hash("record", form_id, submission_id)[:32]


def _legacy_receipt(form_id: str, submission_id: str) -> str:
    return hashlib.sha256(f"{form_id}\0{submission_id}".encode()).hexdigest()


def new_codes(count: int) -> list[str]:
    """``count`` distinct codes of 8 characters from 32 (40 bits each), in random order."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    ordered = list(codes)
    secrets.SystemRandom().shuffle(ordered)  # printed in no order that a signing roll could follow
    return ordered


class StoreUnreadable(Exception):
    """The campaign's response store cannot be read at all (damaged, or not a database)."""


def answer_rows(path: Path, form_id: str, names: Sequence[str]) -> list[tuple]:
    """(record id, day, one value per answer in ``names``…) of every stored response of an
    unsealed form (a register, e.g. door visits), read-only: the file is neither made nor
    changed, and SQLite's JSON functions take the answers apart, so 200,000 records are not
    parsed one by one in Python. An answer not given is None; no store yet: []. Raises
    :class:`StoreUnreadable` for a file that is not a readable store."""
    if not Path(path).exists():
        return []
    if not all(name.isidentifier() for name in names):  # they are written into the query
        raise ValueError(f"answer names must be identifiers: {names}")
    picks = "".join(f", json_extract(answers, '$.{name}')" for name in names)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT id, day{picks} FROM responses WHERE form_id = ?", (form_id,)).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a database from before any form was stored
            return []
        raise StoreUnreadable(str(exc)) from exc
    except sqlite3.DatabaseError as exc:
        raise StoreUnreadable(str(exc)) from exc
    finally:
        con.close()


class ResponseStore:
    """Thread-safe (one connection per thread); every write is one short transaction."""

    def __init__(self, path: Path):
        self.path = private_file(Path(path))
        self.sealed_dir = self.path.parent / "sealed"
        self._local = threading.local()
        # Writers of this process take turns here rather than in SQLite's busy handler, which
        # sleeps (1, 2, 5, 10… ms) between tries: 50 phones at once would wait on its naps.
        self._writing = threading.Lock()
        self._sealed: dict[str, SealedForm] = {}
        self._sealed_guard = threading.Lock()
        with self._connection() as con:
            con.executescript(SCHEMA)
        self._seal_older_forms()

    def _connection(self):
        return thread_connection(self._local, self.path, BUSY_SECONDS, MAIN_PRAGMAS)

    # -- sealed forms ------------------------------------------------------------------------
    def _sealed_path(self, form_id: str) -> Path:
        return self.sealed_dir / f"{form_id}.sqlite"

    def sealed(self, form_id: str, create: bool = False) -> SealedForm | None:
        """The sealed file of an anonymous or code-taking form (made with ``create``), else None."""
        with self._sealed_guard:
            found = self._sealed.get(form_id)
            if found is None and (create or self._sealed_path(form_id).exists()):
                found = self._sealed[form_id] = SealedForm(self._sealed_path(form_id))
                self._move_into(form_id, found)
            return found

    def seal(self, form_id: str) -> SealedForm:
        """Keep this form's answers sealed from now on (its stored ones are moved there)."""
        sealed = self.sealed(form_id, create=True)
        assert sealed is not None
        return sealed

    def _seal_older_forms(self) -> None:
        """A store of before kept codes and ballots beside every other answer, spent in the same
        commit as the answer they came with: seal every form that has codes there."""
        with self._connection() as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "codes" not in tables:
                return
            forms = [r[0] for r in con.execute("SELECT DISTINCT form_id FROM codes UNION SELECT form_id FROM salts")]
        for form_id in forms:
            self.seal(form_id)
        with self._writing, self._connection() as con:
            if not con.execute("SELECT COUNT(*) FROM codes").fetchone()[0]:
                con.execute("DROP TABLE codes")
                con.execute("DROP TABLE salts")
        self.compact()

    def _move_into(self, form_id: str, sealed: SealedForm) -> None:
        """This form's rows in forms.sqlite (answers, codes, receipts) into its sealed file, then
        gone from forms.sqlite, its free pages and its write-ahead log (idempotent)."""
        with self._connection() as con:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            answers = con.execute(
                "SELECT id, version, day, answers FROM responses WHERE form_id = ? ORDER BY id", (form_id,)
            ).fetchall()
            receipts = [r[0] for r in con.execute("SELECT submission FROM receipts WHERE form_id = ?", (form_id,))]
            codes, salt = [], None
            if "codes" in tables:
                codes = [(h, bool(u)) for h, u in con.execute("SELECT code_hash, used FROM codes WHERE form_id = ?", (form_id,))]
                row = con.execute("SELECT salt FROM salts WHERE form_id = ?", (form_id,)).fetchone()
                salt = row[0] if row else None
        if not (answers or receipts or codes or salt):
            return
        sealed.take_over(salt, codes, answers, receipts)
        with self._writing, self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            con.execute("DELETE FROM responses WHERE form_id = ?", (form_id,))
            con.execute("DELETE FROM receipts WHERE form_id = ?", (form_id,))
            if "codes" in tables:
                con.execute("DELETE FROM codes WHERE form_id = ?", (form_id,))
                con.execute("DELETE FROM salts WHERE form_id = ?", (form_id,))
            con.execute("COMMIT")
            con.execute("VACUUM")
        self.compact()

    # -- answers -----------------------------------------------------------------------------
    def submit(
        self,
        form_id: str,
        version: str,
        submission_id: str,
        answers: dict,
        day: str | None = None,
        code: str | None = None,
        response_id: str | None = None,
        sealed: bool = False,
    ) -> bool:
        """Store one response; False when this submission was already stored (a resend).
        ``day`` (YYYY-MM-DD) for responses imported from elsewhere; today otherwise. ``code``: the
        respondent's one-time code for a ``tokens`` form — spent first, in a commit of its own, and
        never linked to the response (:class:`CodeRefused` if unknown or spent by another
        submission). ``sealed``: an anonymous form. ``response_id``: the id to store it under,
        when the caller names the record (a door visit); :func:`record_id` otherwise.
        :class:`StoreBusy` when another writer holds the database for more than 2 s."""
        rid = response_id or record_id(form_id, submission_id)
        day = day or dt.date.today().isoformat()
        box = self.sealed(form_id, create=sealed or code is not None)
        if box is not None:
            if box.has_receipt(_legacy_receipt(form_id, submission_id)):
                return False
            if code is not None:
                mark = bytes.fromhex(submission_hash("spent", form_id, submission_id))
                return box.cast(self._code_hash(box, code), mark, rid, version, day, answers)
            return box.add(rid, version, day, answers)
        row = (rid, form_id, version, day, json.dumps(answers, ensure_ascii=False, sort_keys=True))
        if not self._writing.acquire(timeout=BUSY_SECONDS):
            raise StoreBusy("another writer of this process")
        try:
            with self._connection() as con:
                if con.execute(
                    "SELECT 1 FROM receipts WHERE form_id = ? AND submission = ?",
                    (form_id, _legacy_receipt(form_id, submission_id)),
                ).fetchone():
                    return False
                return bool(
                    con.execute(
                        "INSERT OR IGNORE INTO responses (id, form_id, version, day, answers) VALUES (?, ?, ?, ?, ?)", row
                    ).rowcount
                )
        finally:
            self._writing.release()

    def merge(self, form_id: str, records: Iterable[tuple[str, str, str, dict]], sealed: bool = False) -> int:
        """Records from elsewhere, each ``(id, version, day, answers)`` under the id it already has,
        all in one transaction (all or nothing); how many were new here."""
        records = list(records)
        box = self.sealed(form_id, create=sealed)
        if box is not None:
            return box.add_many(records)
        rows = [(i, form_id, v, d, json.dumps(a, ensure_ascii=False, sort_keys=True)) for i, v, d, a in records]
        with self._writing, self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                before = con.total_changes
                con.executemany(
                    "INSERT OR IGNORE INTO responses (id, form_id, version, day, answers) VALUES (?, ?, ?, ?, ?)", rows
                )
                added = con.total_changes - before
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return added

    def responses(self, form_id: str) -> list[dict]:
        """Every stored response of a form: {"id", "version", "day", "answers"}."""
        box = self.sealed(form_id)
        if box is not None:
            return box.answers()
        with self._connection() as con:
            rows = con.execute(
                "SELECT id, version, day, answers FROM responses WHERE form_id = ? ORDER BY day, id", (form_id,)
            ).fetchall()
        return [{"id": r[0], "version": r[1], "day": r[2], "answers": json.loads(r[3])} for r in rows]

    def has_submission(self, form_id: str, submission_id: str) -> bool:
        """True when this submission is already stored (a resend)."""
        rid, receipt = record_id(form_id, submission_id), _legacy_receipt(form_id, submission_id)
        box = self.sealed(form_id)
        if box is not None:
            return box.has(rid) or box.has_receipt(receipt)
        with self._connection() as con:
            found = (
                con.execute("SELECT 1 FROM responses WHERE id = ?", (rid,)).fetchone()
                or con.execute("SELECT 1 FROM receipts WHERE form_id = ? AND submission = ?", (form_id, receipt)).fetchone()
            )
        return found is not None

    def count(self, form_id: str) -> int:
        box = self.sealed(form_id)
        if box is not None:
            return box.count()
        with self._connection() as con:
            return con.execute("SELECT COUNT(*) FROM responses WHERE form_id = ?", (form_id,)).fetchone()[0]

    # -- one-time codes ----------------------------------------------------------------------
    def record_codes(self, form_id: str, codes: Iterable[str]) -> int:
        """Keep the hashes of codes handed out (their file already written); how many were new."""
        box = self.seal(form_id)
        return box.issue([self._code_hash(box, c) for c in codes])

    def issue_codes(self, form_id: str, count: int) -> list[str]:
        """``count`` new codes, recorded at once (tests and callers that keep them in memory; the
        commands write their file first: :func:`campaignkit.forms.slips.issue_to_file`)."""
        codes = new_codes(count)
        self.record_codes(form_id, codes)
        return codes

    def codes_left(self, form_id: str) -> tuple[int, int]:
        """(unused, issued) codes of a form."""
        box = self.sealed(form_id)
        return box.codes_left() if box is not None else (0, 0)

    def _code_hash(self, box: SealedForm, code: str) -> str:
        """scrypt with a per-form salt: 40-bit codes must not fall to a quick offline search.
        The work factor is written with the salt (``n10$<hex>``; a bare hex salt, from before,
        means 2**12), so codes printed under an older setting keep working."""
        log2_n, _, salt = box.salt(f"n{SCRYPT_LOG2_N}${secrets.token_hex(16)}").rpartition("$")
        n = 2 ** int(log2_n[1:]) if log2_n else 2**12
        return hashlib.scrypt(normalize_code(code).encode(), salt=bytes.fromhex(salt), n=n, r=8, p=1, dklen=32).hex()

    def response(self, form_id: str, submission_id: str) -> dict | None:
        """The stored response of this submission (a resend is answered with what was stored)."""
        rid = record_id(form_id, submission_id)
        return next((r for r in self.responses(form_id) if r["id"] == rid), None)

    # -- a quiz's classes ----------------------------------------------------------------------
    def open_class(self, form_id: str, class_code: str, size: int) -> None:
        """The teacher opens (or reopens, with a new size) a class for a quiz."""
        with self._writing, self._connection() as con:
            con.execute(
                "INSERT INTO quiz_classes (form_id, class_code, size, closed) VALUES (?, ?, ?, 0) "
                "ON CONFLICT (form_id, class_code) DO UPDATE SET size = excluded.size, closed = 0",
                (form_id, class_code, int(size)),
            )

    def close_class(self, form_id: str, class_code: str) -> None:
        """The teacher takes the papers in: no more hand-ins, the right answers are shown."""
        with self._writing, self._connection() as con:
            con.execute("UPDATE quiz_classes SET closed = 1 WHERE form_id = ? AND class_code = ?", (form_id, class_code))

    def quiz_class(self, form_id: str, class_code: str) -> tuple[int, bool] | None:
        """(size, closed) of a class the teacher opened, else None."""
        with self._connection() as con:
            row = con.execute(
                "SELECT size, closed FROM quiz_classes WHERE form_id = ? AND class_code = ?", (form_id, class_code)
            ).fetchone()
        return (int(row[0]), bool(row[1])) if row else None

    # -- panel cards ---------------------------------------------------------------------------
    def record_panel_codes(self, form_id: str, codes: Iterable[str]) -> int:
        """Keep the hashes of panel cards handed out (their file already written)."""
        rows = [(form_id, self._panel_hash(form_id, c)) for c in codes]
        with self._writing, self._connection() as con:
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO panel_codes (form_id, code_hash) VALUES (?, ?)", rows)
            return con.total_changes - before

    def panel_issued(self, form_id: str, code: str) -> bool:
        with self._connection() as con:
            if con.execute("SELECT 1 FROM panel_salts WHERE form_id = ?", (form_id,)).fetchone() is None:
                return False
            found = con.execute(
                "SELECT 1 FROM panel_codes WHERE form_id = ? AND code_hash = ?", (form_id, self._panel_hash(form_id, code))
            ).fetchone()
        return found is not None

    def panel_count(self, form_id: str) -> int:
        with self._connection() as con:
            return con.execute("SELECT COUNT(*) FROM panel_codes WHERE form_id = ?", (form_id,)).fetchone()[0]

    def panel_answered(self, form_id: str, version: str, code: str, question: str) -> bool:
        """Whether an answer of this version carries this panel code in ``question`` already."""
        box = self.sealed(form_id)
        if box is not None:
            return any(r["version"] == version and r["answers"].get(question) == code for r in box.answers())
        with self._connection() as con:
            found = con.execute(
                "SELECT 1 FROM responses WHERE form_id = ? AND version = ? AND json_extract(answers, ?) = ?",
                (form_id, version, f'$."{question}"', code),
            ).fetchone()
        return found is not None

    def _panel_hash(self, form_id: str, code: str) -> str:
        with self._connection() as con:
            row = con.execute("SELECT salt FROM panel_salts WHERE form_id = ?", (form_id,)).fetchone()
            if row is None:
                con.execute("INSERT OR IGNORE INTO panel_salts (form_id, salt) VALUES (?, ?)", (form_id, secrets.token_hex(16)))
                row = con.execute("SELECT salt FROM panel_salts WHERE form_id = ?", (form_id,)).fetchone()
        return hashlib.scrypt(
            normalize_code(code).encode(), salt=bytes.fromhex(row[0]), n=2**SCRYPT_LOG2_N, r=8, p=1, dklen=32
        ).hex()

    def compact(self) -> None:
        """Fold forms.sqlite's write-ahead log into it and empty it (sealed files have none)."""
        with self._writing, self._connection() as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
        for box in self._sealed.values():
            box.close()
