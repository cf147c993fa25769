"""Responses in one SQLite database in the campaign folder (``.campaignkit/forms.sqlite``).

One transaction per submission, WAL so that readers never block the phones writing.
A resend of the same ``_submission_id`` (a phone that lost the network after posting)
is answered as success and stored once: the receipts table's primary key decides, in
the same transaction as the response. Receipts are kept apart from the responses,
with no link between them; a response carries a random id (which says nothing of
order) and the day, never a finer time — so an anonymous form stays anonymous.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    id TEXT PRIMARY KEY,          -- random, not a sequence
    form_id TEXT NOT NULL,
    version TEXT NOT NULL,
    day TEXT NOT NULL,            -- YYYY-MM-DD only
    answers TEXT NOT NULL         -- JSON {question name: value}
) WITHOUT ROWID;                  -- stored in id order: no hidden rowid keeps the order of arrival
CREATE INDEX IF NOT EXISTS responses_form ON responses (form_id);
CREATE TABLE IF NOT EXISTS codes (     -- one-time respondent codes, as hashes only
    form_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (form_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS salts (
    form_id TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS receipts (
    form_id TEXT NOT NULL,
    submission TEXT NOT NULL,     -- a hash of the phone's _submission_id
    PRIMARY KEY (form_id, submission)
) WITHOUT ROWID;
"""


CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols, no 0/O, 1/I look-alikes
CODE_LENGTH = 8  # 8 × 5 bits = 40 bits
# scrypt's work factor for new forms: 2**10 × r 8 is ~2–3 ms a code on this kind of laptop, so
# 50 phones voting at once are answered within 200 ms, while a copied database still costs
# some 10**9 hashes (weeks of a CPU) per unused code found among 500 of 2**40. A code is
# never linked to an answer, so what a search could win is a spare code, not a voter's choice.
SCRYPT_LOG2_N = 10


class CodeRefused(ValueError):
    """A one-time code that is not one of the form's, or was spent already."""


def normalize_code(code: str) -> str:
    """'abcd 2345' or 'ABCD-2345' → 'ABCD2345' (as a phone keyboard may type it)."""
    return "".join(code.split()).upper().replace("-", "")


def database_path(campaign: Path) -> Path:
    return Path(campaign) / ".campaignkit" / "forms.sqlite"


class ResponseStore:
    """Thread-safe (one connection per thread); every write is one short transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        # Writers of this process take turns here rather than in SQLite's busy handler, which
        # sleeps (1, 2, 5, 10… ms) between tries: 50 phones at once would wait on its naps.
        self._writing = threading.Lock()
        with self._connection() as con:
            con.executescript(SCHEMA)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, no torn writes
            self._local.con = con
        yield con

    def submit(
        self,
        form_id: str,
        version: str,
        submission_id: str,
        answers: dict,
        day: str | None = None,
        code: str | None = None,
        response_id: str | None = None,
    ) -> bool:
        """Store one response; False when this submission was already stored (a resend).
        ``day`` (YYYY-MM-DD) for responses imported from elsewhere; today otherwise. ``code``: the
        respondent's one-time code for a ``tokens`` form — spent in the same transaction, and
        never linked to the response (:class:`CodeRefused` if unknown or already spent).
        ``response_id``: the random id to store it under, when the caller must name the record
        (a door visit, so that a later correction can point at it); a new one otherwise."""
        receipt = hashlib.sha256(f"{form_id}\0{submission_id}".encode()).hexdigest()
        code_hash = self._code_hash(form_id, code) if code is not None else None
        with self._writing, self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                inserted = con.execute(
                    "INSERT OR IGNORE INTO receipts (form_id, submission) VALUES (?, ?)", (form_id, receipt)
                ).rowcount
                if inserted and code_hash is not None:
                    spent = con.execute(
                        "UPDATE codes SET used = 1 WHERE form_id = ? AND code_hash = ? AND used = 0", (form_id, code_hash)
                    ).rowcount
                    if not spent:
                        raise CodeRefused("答题码不对，或者已经用过了。请核对纸条上的答题码。")
                if inserted:
                    con.execute(
                        "INSERT INTO responses (id, form_id, version, day, answers) VALUES (?, ?, ?, ?, ?)",
                        (
                            response_id or secrets.token_hex(16),
                            form_id,
                            version,
                            day or dt.date.today().isoformat(),
                            json.dumps(answers, ensure_ascii=False, sort_keys=True),
                        ),
                    )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return bool(inserted)

    # -- one-time codes ----------------------------------------------------------------
    def issue_codes(self, form_id: str, count: int) -> list[str]:
        """``count`` new codes of 8 characters from 32 (40 bits each), stored only as hashes."""
        codes: set[str] = set()
        while len(codes) < count:
            codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
        rows = [(form_id, self._code_hash(form_id, c)) for c in codes]
        with self._connection() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                con.executemany("INSERT OR IGNORE INTO codes (form_id, code_hash) VALUES (?, ?)", rows)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        ordered = list(codes)
        secrets.SystemRandom().shuffle(ordered)  # printed in no order that a signing roll could follow
        return ordered

    def codes_left(self, form_id: str) -> tuple[int, int]:
        """(unused, issued) codes of a form."""
        with self._connection() as con:
            issued, used = con.execute(
                "SELECT COUNT(*), COALESCE(SUM(used), 0) FROM codes WHERE form_id = ?", (form_id,)
            ).fetchone()
        return issued - used, issued

    def _code_hash(self, form_id: str, code: str) -> str:
        """scrypt with a per-form salt: 40-bit codes must not fall to a quick offline search.
        The work factor is written with the salt (``n10$<hex>``; a bare hex salt, from before,
        means 2**12), so codes printed under an older setting keep working."""
        with self._connection() as con:
            row = con.execute("SELECT salt FROM salts WHERE form_id = ?", (form_id,)).fetchone()
            if row is None:
                salt = f"n{SCRYPT_LOG2_N}${secrets.token_hex(16)}"
                con.execute("INSERT OR IGNORE INTO salts (form_id, salt) VALUES (?, ?)", (form_id, salt))
                row = con.execute("SELECT salt FROM salts WHERE form_id = ?", (form_id,)).fetchone()
        log2_n, _, salt = row[0].rpartition("$")
        n = 2 ** int(log2_n[1:]) if log2_n else 2**12
        return hashlib.scrypt(normalize_code(code).encode(), salt=bytes.fromhex(salt), n=n, r=8, p=1, dklen=32).hex()

    def responses(self, form_id: str) -> list[dict]:
        """Every stored response of a form: {"id", "version", "day", "answers"}."""
        with self._connection() as con:
            rows = con.execute(
                "SELECT id, version, day, answers FROM responses WHERE form_id = ? ORDER BY day, id", (form_id,)
            ).fetchall()
        return [{"id": r[0], "version": r[1], "day": r[2], "answers": json.loads(r[3])} for r in rows]

    def has_submission(self, form_id: str, submission_id: str) -> bool:
        """True when this submission is already stored (a resend)."""
        receipt = hashlib.sha256(f"{form_id}\0{submission_id}".encode()).hexdigest()
        with self._connection() as con:
            row = con.execute("SELECT 1 FROM receipts WHERE form_id = ? AND submission = ?", (form_id, receipt)).fetchone()
        return row is not None

    def compact(self) -> None:
        """Fold the write-ahead log into the database and empty it: its frames keep each write's
        pages side by side (a code spent beside the ballot it came with) until overwritten."""
        with self._writing, self._connection() as con:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def count(self, form_id: str) -> int:
        with self._connection() as con:
            return con.execute("SELECT COUNT(*) FROM responses WHERE form_id = ?", (form_id,)).fetchone()[0]

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
