"""Parsed tables kept in the campaign's ``.campaignkit/cache/``, keyed by file content.

Opening a page re-reads only what changed: a table whose file, declaration,
defaults and campaignkit code are the same as last time comes back from Parquet
(a million payments in well under a second instead of many seconds of parsing
and checking). The cache is data only (Parquet and JSON, never pickle: a
campaign folder may come from someone else), written atomically, and a cache
that cannot be written (a read-only folder) or read (damaged) is ignored.
Set ``CAMPAIGNKIT_CACHE=0`` to bypass it.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .declare import Table
from .loader import TableResult
from .problems import Problem, TableCounts

CACHE_ENV = "CAMPAIGNKIT_CACHE"
FORMAT = 3


def cache_dir(campaign: Path) -> Path:
    return campaign / ".campaignkit" / "cache"


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Every source file of campaignkit: a change to any check invalidates every entry."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _library_versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("pandas", "pyarrow", "numpy", "openpyxl", "python-calamine", "pandera"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return ",".join(found)


@lru_cache(maxsize=64)
def _declaration(table: Table) -> str:
    """The table as declared — fields, keys, messages — and the source of every rule it runs,
    wherever it lives (a township's own registry is outside campaignkit's package)."""
    import inspect

    parts = [repr(table.fields), repr(table.unique), repr(table.one_of), repr(dict(table.messages))]
    parts += [repr((table.duplicates_compare, table.row_label, table.wide_years))]
    for rule in (*table.rules, *table.finish):
        try:
            module = inspect.getmodule(rule)
            source = inspect.getsource(module) if module else ""
        except (OSError, TypeError):
            source = ""
        parts.append(f"{rule.__module__}.{rule.__qualname__}:{hashlib.blake2b(source.encode(), digest_size=16).hexdigest()}")
    return "\n".join(parts)


def _key(path: Path, table: Table, defaults: Mapping[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (
        str(FORMAT),
        _code_fingerprint(),
        _library_versions(),
        _declaration(table),
        table.name,
        path.name,
        json.dumps(dict(defaults), sort_keys=True),
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached_read(
    campaign: Path, path: Path, table: Table, defaults: Mapping[str, str], read: Callable[[], TableResult]
) -> TableResult:
    """``read()``'s result for ``path``, from the cache when the file has not changed."""
    if os.environ.get(CACHE_ENV, "1") == "0":
        return read()
    try:
        key = _key(path, table, defaults)
    except OSError:
        return read()
    folder = cache_dir(campaign)
    stem = folder / f"{table.name}-{key}"
    hit = _load(stem)
    if hit is not None:
        return hit
    before = _stamp(path)
    result = read()
    if before is not None and _stamp(path) == before:  # saved while being read: not this key's content
        _store(folder, stem, table.name, result)
    return result


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


def files_state(campaign: Path) -> str:
    """Changes when any file of the campaign folder changes (names, sizes, times); what
    campaignkit keeps there itself (``.campaignkit/``, other dot folders) is not walked."""
    digest = hashlib.blake2b(digest_size=12)
    for root, folders, files in os.walk(campaign):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            stamp = _stamp(path)
            if stamp is not None:
                digest.update(f"{path.relative_to(campaign)}:{stamp[0]}:{stamp[1]}".encode())
    return digest.hexdigest()


def forget(campaign: Path, tables: Iterable[str]) -> None:
    """Drop the entries of tables the folder no longer has a file for: a deleted register
    must not live on in the cache (it holds names and ID numbers)."""
    folder = cache_dir(campaign)
    if folder.is_dir():
        for name in tables:
            _drop(folder, name)


def _drop(folder: Path, table: str) -> None:
    """Every entry of one table (temporary files start with "." and are left to their writer)."""
    for entry in folder.glob(f"{table}-*"):
        try:
            entry.unlink()
        except OSError:
            pass


def _load(stem: Path) -> TableResult | None:
    meta_path = stem.with_suffix(".json")
    if not meta_path.exists():
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        records = pd.read_parquet(stem.with_name(stem.name + "-records.parquet"))
        rejected = pd.read_parquet(stem.with_name(stem.name + "-rejected.parquet"))
    except (OSError, ValueError, KeyError):
        return None
    try:
        for frame, columns in ((records, meta.get("object_columns", [])), (rejected, meta.get("rejected_object_columns", []))):
            for column in columns:  # Parquet gives text back as str; keep what the loader made
                if column in frame.columns:
                    frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        return TableResult(
            meta["table"],
            meta["file"],
            records,
            rejected,
            [Problem(**p) for p in meta["problems"]],
            TableCounts(**meta["counts"]),
            meta["header_row"],
            meta["sheet"],
            meta["wide"],
            meta["extra"],
            meta["unreadable"],
        )
    except (AttributeError, KeyError, TypeError, ValueError):  # an entry of another shape (damaged, edited): read again
        return None


def _store(folder: Path, stem: Path, table: str, result: TableResult) -> None:
    token = uuid.uuid4().hex
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder.parent, 0o700)  # names and ID numbers: the owner's only
        os.chmod(folder, 0o700)
        _drop(folder, table)  # one entry per table: the last file read
        for part, frame in (("records", result.records), ("rejected", _as_text(result.rejected))):
            target = stem.with_name(f"{stem.name}-{part}.parquet")
            temporary = target.with_name(f".{token}-{target.name}")
            written.append(temporary)
            frame.to_parquet(temporary, index=False)
            os.chmod(temporary, 0o600)
            os.replace(temporary, target)
        meta = {
            "table": result.table,
            "file": result.file,
            "problems": [_problem(p) for p in result.problems],
            "counts": asdict(result.counts),
            "header_row": result.header_row,
            "sheet": result.sheet,
            "wide": result.wide,
            "extra": result.extra,
            "unreadable": result.unreadable,
            "object_columns": [str(c) for c in result.records.columns if result.records[c].dtype == object],
            "rejected_object_columns": [str(c) for c in result.rejected.columns if result.rejected[c].dtype == object],
        }
        temporary = stem.with_name(f".{token}-{stem.name}.json")
        written.append(temporary)
        temporary.write_text(json.dumps(meta, ensure_ascii=False, default=str), encoding="utf-8")
        os.chmod(temporary, 0o600)
        os.replace(temporary, stem.with_suffix(".json"))  # last: its presence marks a complete entry
    except (OSError, ValueError, TypeError):
        for leftover in written:
            leftover.unlink(missing_ok=True)


def _problem(problem: Problem) -> dict:
    data = asdict(problem)
    value = data["value"]
    if value is not None and not isinstance(value, (str, int, float, bool)):
        data["value"] = str(value)
    return data


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Rejected rows hold cells as written, mixed types in one column: Parquet wants one type."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None or v != v else str(v)).astype("str")
    out.columns = [str(c) for c in out.columns]
    return out
