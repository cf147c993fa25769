"""An attacker with a copy of a campaign's ``.campaignkit/`` folder and the printed code list:
everything a copy of the SQLite files can say about which code went with which answer, or the
order answers came in — replaying every write-ahead log commit by commit, rolling a hot
journal back, and reading the place of every row in its page.

Works on any SQLite file of the folder without knowing its schema beyond this: an answer row's
key is 32 hex digits, a code row's key 64 hex digits; a code counts as spent when its row's
``used`` is 1 or its ``spent`` mark is not 32 zero bytes."""

from __future__ import annotations

import shutil
import sqlite3
import struct
import tempfile
from pathlib import Path

UNSPENT = bytes(32)


def state(db: Path) -> tuple[set[str], set[str]]:
    """(answer ids, spent code hashes) of one SQLite file, as SQLite reads it."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        answers: set[str] = set()
        for table in tables & {"responses", "answers"}:
            answers |= {r[0] for r in con.execute(f"SELECT id FROM {table}")}
        spent: set[str] = set()
        if "codes" in tables:
            columns = {c[1] for c in con.execute("PRAGMA table_info(codes)")}
            if "used" in columns:
                spent = {r[0] for r in con.execute("SELECT code_hash FROM codes WHERE used = 1")}
            else:
                spent = {r[0] for r in con.execute("SELECT code_hash, spent FROM codes") if bytes(r[1]) != UNSPENT}
        return answers, spent
    finally:
        con.close()


def wal_events(db: Path) -> list[tuple[set[str], set[str]]]:
    """Replay ``db``'s write-ahead log commit by commit: for each commit, (answers it added,
    codes it spent)."""
    wal = Path(f"{db}-wal")
    if not wal.exists() or wal.stat().st_size < 32:
        return []
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    frame = 24 + page_size
    commits = [
        32 + (i + 1) * frame
        for i in range((len(data) - 32) // frame)
        if struct.unpack(">I", data[32 + i * frame + 4 : 32 + i * frame + 8])[0] != 0
    ]
    events, before = [], None
    with tempfile.TemporaryDirectory() as scratch:
        for end in [32, *commits]:
            copy = Path(scratch) / f"at{end}.sqlite"
            shutil.copyfile(db, copy)
            Path(f"{copy}-wal").write_bytes(data[:end])
            now = state(copy)
            if before is not None:
                events.append((now[0] - before[0], now[1] - before[1]))
            before = now
    return events


def journal_change(db: Path) -> tuple[set[str], set[str]] | None:
    """A hot rollback journal (a write cut off, or a copy taken mid-write): what the write was
    changing, as (answers, codes) that differ between the journal's before-image and the file."""
    journal = Path(f"{db}-journal")
    if not journal.exists() or journal.stat().st_size == 0:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        after, before = Path(scratch) / "after.sqlite", Path(scratch) / "before.sqlite"
        shutil.copyfile(db, after)
        shutil.copyfile(db, before)
        shutil.copyfile(journal, f"{before}-journal")
        try:
            new = state(after)
        except sqlite3.DatabaseError:  # torn mid-write: only the before-image is readable
            new = (set(), set())
        old = _rolled_back_state(before)
    return new[0] ^ old[0], new[1] ^ old[1]


def _rolled_back_state(db: Path) -> tuple[set[str], set[str]]:
    con = sqlite3.connect(db)  # read-write: SQLite rolls the hot journal back on first read
    con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    con.close()
    return state(db)


def page_order(db: Path) -> dict[str, list[str]]:
    """Keys of the rows on every b-tree leaf page of ``db`` (read raw, no SQLite), newest first
    as SQLite places them (a new cell goes below the others in its page), by kind:
    ``"answers"`` (32-hex keys) and ``"codes"`` (64-hex keys)."""
    found: dict[str, list[str]] = {"answers": [], "codes": []}
    for kind, keys in pages(db):
        found[kind].extend(keys)
    return found


COUNTERS = {*range(24, 28), *range(40, 44), *range(92, 96)}  # header: change counter, schema cookie, version-valid-for


def same_as_rebuilt(db: Path) -> bool:
    """True when ``db`` is byte for byte what SQLite builds from its rows alone (VACUUM of a
    copy), but for the header's write counters: where each row lies then follows from the
    rows themselves, never from when they came."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "copy.sqlite"
        shutil.copyfile(db, copy)
        con = sqlite3.connect(copy)
        con.execute("VACUUM")
        con.close()
        mine, rebuilt = Path(db).read_bytes(), copy.read_bytes()
    return len(mine) == len(rebuilt) and all(a == b or i in COUNTERS for i, (a, b) in enumerate(zip(mine, rebuilt)))


def pages(db: Path) -> list[tuple[str, list[str]]]:
    """Per leaf page: its kind and its rows' keys by place, lowest offset (placed last) first."""
    data = Path(db).read_bytes()
    page_size = struct.unpack(">H", data[16:18])[0] or 65536
    found: list[tuple[str, list[str]]] = []
    for number in range(len(data) // page_size):
        start = number * page_size
        header = start + (100 if number == 0 else 0)
        if data[header] not in (0x0A, 0x0D):  # index leaf (WITHOUT ROWID tables), table leaf
            continue
        cells = struct.unpack(">H", data[header + 3 : header + 5])[0]
        pointers = [struct.unpack(">H", data[header + 8 + 2 * i : header + 10 + 2 * i])[0] for i in range(cells)]
        keys = [_first_text(data, start + offset, data[header] == 0x0D) for offset in sorted(pointers)]
        for kind, width in (("answers", 32), ("codes", 64)):
            mine = [k for k in keys if k is not None and len(k) == width]
            if mine:
                found.append((kind, mine))
    return found


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + i + 1
    raise AssertionError


def _first_text(data: bytes, at: int, table_leaf: bool) -> str | None:
    try:
        _, at = _varint(data, at)  # payload size
        if table_leaf:
            _, at = _varint(data, at)  # rowid
        header_size, body = _varint(data, at)
        serial, _ = _varint(data, body)
        if serial < 13 or serial % 2 == 0:
            return None
        length = (serial - 13) // 2
        text = data[at + header_size : at + header_size + length].decode("ascii")
    except (IndexError, UnicodeDecodeError, AssertionError):
        return None
    return text if all(c in "0123456789abcdef" for c in text) else None


def link_by_wal(folder: Path) -> list[tuple[str, str]]:
    """(code hash, answer id) pairs the write-ahead logs give away: a commit that spends one
    code and adds one answer, or a commit spending a code right before one adding an answer."""
    pairs = []
    for db in sorted(folder.rglob("*.sqlite")):
        events = wal_events(db)
        for i, (added, spent) in enumerate(events):
            if len(added) == 1 and len(spent) == 1:
                pairs.append((next(iter(spent)), next(iter(added))))
            elif len(spent) == 1 and not added and i + 1 < len(events) and len(events[i + 1][0]) == 1:
                pairs.append((next(iter(spent)), next(iter(events[i + 1][0]))))
    return pairs
