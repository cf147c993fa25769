"""``hub backup`` and ``hub restore``: the hub's database with pg_dump / pg_restore (custom
format: one file, compressed, restorable on a newer PostgreSQL)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .cluster import bindir
from .errors import HubError
from .folder import database, db_url


def _libpq(url: str) -> list[str]:
    return ["--dbname", url]


def backup(folder: Path, out: Path) -> Path:
    out = Path(out).resolve()
    with database(folder):  # the folder's cluster running for the dump
        done = subprocess.run(
            [str(bindir() / "pg_dump"), "-Fc", "--no-owner", "-f", str(out), *_libpq(db_url(folder))],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise HubError(f"备份没有成功：{done.stderr.strip()[-300:]}")
    return out


def restore(file: Path, folder: Path) -> None:
    file = Path(file).resolve()
    if not file.exists():
        raise HubError(f"找不到备份文件 {file}")
    with database(folder):
        done = subprocess.run(
            [
                str(bindir() / "pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_libpq(db_url(folder)),
                str(file),
            ],
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise HubError(f"{file.name} 没有恢复（中心的数据没有改动）：{done.stderr.strip()[-300:]}")
