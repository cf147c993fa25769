"""A sealed form: the answers and one-time codes of a form whose answers must not be linked to
anyone (``anonymous`` or ``access = tokens``: ballots, 民意测评), in a file of its own,
``.campaignkit/sealed/<form_id>.sqlite``.

What a copy of that file (with its journal) can tell, at any moment, is the set of answers,
which codes are spent, and at most the one write in flight — never which code went with which
answer nor the order in which answers came:

- every commit changes one thing: an answer is added in one transaction, a code is spent in
  another; nothing in either names the other (a resend is recognised by hashes of the phone's
  submission id, which is never stored);
- a rollback journal (not a write-ahead log, which keeps every commit's pages in order until a
  checkpoint), emptied after each commit, with ``secure_delete`` so freed space is zeroed;
- after every commit the file is rebuilt (``VACUUM``, temporary copy in memory): rows lie in
  the order of their random ids, so the file is byte for byte the same whatever order the same
  answers and spent codes arrived in — SQLite otherwise places a newer row at a lower offset
  in its page, which gives the order of arrival away;
- a spent code's mark has the width of an unspent one (32 bytes), so spending never moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id TEXT PRIMARY KEY,          -- the record's id: a hash of its submission id, or random
    version TEXT NOT NULL,
    day TEXT NOT NULL,            -- YYYY-MM-DD only
    answers TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS codes (
    code_hash TEXT PRIMARY KEY,   -- scrypt of the code with the salt below
    spent BLOB NOT NULL           -- 32 zero bytes until spent, then a hash of the submission id
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS salt (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    salt TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS receipts (  -- hashes of submission ids stored before sealing (resends)
    submission TEXT PRIMARY KEY
) WITHOUT ROWID;
"""

UNSPENT = bytes(32)
SPENT_BEFORE = b"\xff" * 32  # spent before sealing: which submission spent it was never kept
BUSY_SECONDS = 2.0  # a phone waits at most this long for another writer before "请稍后再试"

_locks: dict[Path, threading.Lock] = {}
_locks_guard = threading.Lock()


class CodeRefused(ValueError):
    """A one-time code that is not one of the form's, or was spent already."""


class StoreBusy(RuntimeError):
    """Another writer holds the database longer than a phone should wait."""


def private_file(path: Path) -> Path:
    """Create ``path`` readable by its owner only (SQLite gives its journals the same mode), or
    take that right away from an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    os.chmod(path, 0o600)
    return path


@dataclass(eq=False)
class _Pending:
    """A phone's write waiting for its turn, and what became of it."""

    kind: str
    args: tuple
    done: threading.Event = field(default_factory=threading.Event)
    result: object = None
    error: BaseException | None = None


SEALED_PRAGMAS = (
    "PRAGMA journal_mode=TRUNCATE",  # emptied after each commit, like DELETE, with less disk work
    "PRAGMA synchronous=FULL",
    "PRAGMA secure_delete=ON",
    "PRAGMA temp_store=MEMORY",  # VACUUM's copy never touches another disk file
)


@contextmanager
def thread_connection(local: threading.local, path: Path, timeout: float, pragmas: Iterable[str]) -> Iterator[sqlite3.Connection]:
    """This thread's connection to ``path`` (opened once, with ``pragmas``); SQLite's "locked" and
    "busy" become :class:`StoreBusy`, which pages answer with "请稍后再试"."""
    con = getattr(local, "con", None)
    if con is None:
        con = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        for pragma in pragmas:
            con.execute(pragma)
        local.con = con
    try:
        yield con
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(str(exc)) from exc
        raise


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))


def _lock(path: Path) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(path.resolve(), threading.Lock())


class SealedForm:
    """One sealed form's file; thread-safe (one connection per thread, writers in turn)."""

    def __init__(self, path: Path, timeout: float = BUSY_SECONDS):
        self.path = private_file(Path(path))
        self.timeout = timeout
        self._local = threading.local()
        self._writing = _lock(self.path)
        self._waiting: list[_Pending] = []
        self._waiting_guard = threading.Lock()
        self._salt: str | None = None
        with self._writing, self._connection() as con:
            con.executescript(SCHEMA)
            con.execute("VACUUM")  # a write cut off before its rebuild (kill -9) is rebuilt now
            self._receipts = con.execute("SELECT 1 FROM receipts LIMIT 1").fetchone() is not None

    def _connection(self):
        return thread_connection(self._local, self.path, self.timeout, SEALED_PRAGMAS)

    def _write(self, statements) -> int:
        """Run ``statements(con)`` in one transaction, then rebuild the file; the rows it changed."""
        if not self._writing.acquire(timeout=self.timeout):
            raise StoreBusy("another writer of this process")
        try:
            with self._connection() as con:
                con.execute("BEGIN IMMEDIATE")
                try:
                    changed = statements(con)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                if changed:
                    con.execute("VACUUM")
                return changed
        finally:
            self._writing.release()

    # -- many phones at once: their writes in turn, gathered ----------------------------------
    def _queued(self, kind: str, args: tuple):
        """Spend a code or add an answer with whatever other phones are waiting to do the same:
        the writer whose turn it is writes everything waiting in one commit of each kind (never
        a code and an answer in one), so the disk is synced once for all of them."""
        item = _Pending(kind, args)
        with self._waiting_guard:
            self._waiting.append(item)
        deadline = time.monotonic() + self.timeout
        while not item.done.is_set():
            if time.monotonic() > deadline:
                with self._waiting_guard:
                    if item in self._waiting:
                        self._waiting.remove(item)
                        raise StoreBusy("the phones before this one are still being written")
                item.done.wait()  # being written right now
                break
            if not self._writing.acquire(timeout=0.02):
                continue
            try:
                with self._waiting_guard:
                    batch, self._waiting = self._waiting, []
                if batch:
                    self._write_batch(batch)
            finally:
                self._writing.release()
        if item.error is not None:
            raise item.error
        return item.result

    def _write_batch(self, batch: list[_Pending]) -> None:
        """Every waiting spend in one commit, then every waiting answer in another (a phone's
        "cast" is both: its answer is added only if its code was accepted)."""
        for kind, write in (("spend", self._spend_all), ("add", self._add_all)):
            items = [i for i in batch if i.kind in (kind, "cast") and i.error is None]
            if not items:
                continue
            try:
                with self._connection() as con:
                    con.execute("BEGIN IMMEDIATE")
                    try:
                        changed = write(con, items)
                        con.execute("COMMIT")
                    except BaseException:
                        con.execute("ROLLBACK")
                        raise
                    if changed and kind == "add":
                        con.execute("VACUUM")
            except Exception as exc:  # every phone of the batch hears what went wrong
                for i in items:
                    i.error = i.error or exc
        for i in batch:
            i.done.set()

    # Each batch is a handful of statements whatever its size: a writer thread takes the GIL
    # back from the busy server once per statement, so a statement per phone made batches slow.
    @staticmethod
    def _spend_all(con: sqlite3.Connection, items: list[_Pending]) -> int:
        hashes = list({i.args[0] for i in items})
        marks = dict(con.execute(f"SELECT code_hash, spent FROM codes WHERE code_hash IN ({_marks(hashes)})", hashes))
        updates = []
        for item in items:
            code_hash, mark = item.args[:2]
            spent = marks.get(code_hash)
            if spent is not None and bytes(spent) == UNSPENT:
                marks[code_hash] = mark
                updates.append((mark, code_hash))
                item.result = True
            elif spent is not None and bytes(spent) == mark:
                item.result = False  # the same submission spent it before: a resend
            else:
                item.error = CodeRefused("答题码不对，或者已经用过了。请核对纸条上的答题码。")
        con.executemany("UPDATE codes SET spent = ? WHERE code_hash = ?", updates)
        return len(updates)

    @staticmethod
    def _add_all(con: sqlite3.Connection, items: list[_Pending]) -> int:
        ids = list({i.args[-4] for i in items})
        stored = {r[0] for r in con.execute(f"SELECT id FROM answers WHERE id IN ({_marks(ids)})", ids)}
        rows = []
        for item in items:
            row = item.args[-4:]
            item.result = row[0] not in stored
            if item.result:
                stored.add(row[0])
                rows.append(row)
        con.executemany("INSERT INTO answers (id, version, day, answers) VALUES (?, ?, ?, ?)", rows)
        return len(rows)

    # -- answers -------------------------------------------------------------------------
    def add(self, record_id: str, version: str, day: str, answers: dict) -> bool:
        """Store one answer under its id; False when that id is already stored."""
        return self._queued("add", (record_id, version, day, json.dumps(answers, ensure_ascii=False, sort_keys=True)))

    def add_many(self, rows: Iterable[tuple[str, str, str, dict]]) -> int:
        """Store answers from elsewhere (an import) in one transaction; how many were new."""
        encoded = [(i, v, d, json.dumps(a, ensure_ascii=False, sort_keys=True)) for i, v, d, a in rows]

        def insert(con):
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO answers (id, version, day, answers) VALUES (?, ?, ?, ?)", encoded)
            return con.total_changes - before

        return self._write(insert)

    def has(self, record_id: str) -> bool:
        with self._connection() as con:
            return con.execute("SELECT 1 FROM answers WHERE id = ?", (record_id,)).fetchone() is not None

    def has_receipt(self, receipt: str) -> bool:
        if not self._receipts:  # only a store sealed from an older one has any
            return False
        with self._connection() as con:
            return con.execute("SELECT 1 FROM receipts WHERE submission = ?", (receipt,)).fetchone() is not None

    def answers(self) -> list[dict]:
        with self._connection() as con:
            rows = con.execute("SELECT id, version, day, answers FROM answers ORDER BY day, id").fetchall()
        return [{"id": r[0], "version": r[1], "day": r[2], "answers": json.loads(r[3])} for r in rows]

    def count(self) -> int:
        with self._connection() as con:
            return con.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    # -- codes ---------------------------------------------------------------------------
    def salt(self, new: str) -> str:
        """The form's salt for hashing codes; ``new`` is kept if it has none yet."""
        if self._salt is None:
            with self._connection() as con:
                row = con.execute("SELECT salt FROM salt").fetchone()
            if row is None:
                self._write(lambda con: con.execute("INSERT OR IGNORE INTO salt (one, salt) VALUES (1, ?)", (new,)).rowcount)
                with self._connection() as con:
                    row = con.execute("SELECT salt FROM salt").fetchone()
            self._salt = row[0]
        return self._salt

    def issue(self, code_hashes: Iterable[str]) -> int:
        rows = [(h, UNSPENT) for h in code_hashes]

        def insert(con):
            before = con.total_changes
            con.executemany("INSERT OR IGNORE INTO codes (code_hash, spent) VALUES (?, ?)", rows)
            return con.total_changes - before

        return self._write(insert)

    def spend(self, code_hash: str, mark: bytes) -> bool:
        """Spend a code for the submission whose mark is ``mark``: True when spent now, False when
        that same submission spent it before (a resend); :class:`CodeRefused` otherwise. A mark as
        wide as the zeros it replaces is rewritten where it lies: nothing moves, no rebuild."""
        return self._queued("spend", (code_hash, mark))

    def cast(self, code_hash: str, mark: bytes, record_id: str, version: str, day: str, answers: dict) -> bool:
        """Spend a code and store the answer it was given for, in one turn of the writer but in
        two commits (the spend first; the answer only if the code was accepted): True when the
        answer is new, False for a resend; :class:`CodeRefused` for a code not issued or spent
        by another submission."""
        encoded = json.dumps(answers, ensure_ascii=False, sort_keys=True)
        return self._queued("cast", (code_hash, mark, record_id, version, day, encoded))

    def codes_left(self) -> tuple[int, int]:
        """(unused, issued)."""
        with self._connection() as con:
            issued, unused = con.execute("SELECT COUNT(*), COALESCE(SUM(spent = ?), 0) FROM codes", (UNSPENT,)).fetchone()
        return unused, issued

    # -- sealing an older store's form ------------------------------------------------------
    def take_over(
        self,
        salt: str | None,
        codes: Iterable[tuple[str, bool]],
        answers: Iterable[tuple[str, str, str, str]],
        receipts: Iterable[str],
    ) -> None:
        """Rows of this form from a store of before (idempotent: run again after a crash)."""
        code_rows = [(h, SPENT_BEFORE if used else UNSPENT) for h, used in codes]
        answer_rows, receipt_rows = list(answers), [(r,) for r in receipts]

        def codes_and_receipts(con):
            if salt is not None:
                con.execute("INSERT OR IGNORE INTO salt (one, salt) VALUES (1, ?)", (salt,))
            for code_hash, spent in code_rows:  # spent there: spent here too
                con.execute("INSERT OR IGNORE INTO codes (code_hash, spent) VALUES (?, ?)", (code_hash, UNSPENT))
                if spent != UNSPENT:
                    con.execute("UPDATE codes SET spent = ? WHERE code_hash = ? AND spent = ?", (spent, code_hash, UNSPENT))
            con.executemany("INSERT OR IGNORE INTO receipts (submission) VALUES (?)", receipt_rows)
            self._receipts = self._receipts or bool(receipt_rows)
            return 1

        self._write(codes_and_receipts)  # the answers in a commit of their own, like every answer
        self._write(
            lambda con: (
                con.executemany(
                    "INSERT OR IGNORE INTO answers (id, version, day, answers) VALUES (?, ?, ?, ?)", answer_rows
                ).rowcount
                or 1
            )
        )

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


def submission_hash(kind: str, form_id: str, submission_id: str) -> str:
    """A hash of a phone's submission id for one use (``record``, ``spent``): unlinkable to the
    other uses without the id itself, which is never stored."""
    return hashlib.sha256(f"campaignkit-{kind}\0{form_id}\0{submission_id}".encode()).hexdigest()
