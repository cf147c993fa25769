"""Codes handed out on paper exist once their file does: written to a temporary file beside
the one asked for, recorded, then moved into place. A file that cannot be written records
nothing (a roll's quota of codes stays whole)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from .store import ResponseStore, new_codes


class CodeFileError(OSError):
    """The codes' file cannot be written; nothing was recorded. The message is in Chinese."""


def issue_to_file(
    store: ResponseStore,
    form_id: str,
    count: int,
    out: Path,
    write: Callable[[list[str], Path], None],
    *,
    panel: bool = False,
) -> list[str]:
    """``count`` new codes written by ``write(codes, path)`` to ``out`` and recorded for
    ``form_id`` (as panel cards with ``panel``); :class:`CodeFileError` (nothing recorded) when
    the file cannot be written."""
    out = Path(out)
    if not out.parent.is_dir():
        raise CodeFileError(f"没有文件夹 {out.parent}，码没有生成：请先建好这个文件夹，或换一个 --out 位置")
    if out.is_dir():
        raise CodeFileError(f"{out} 是一个文件夹，码没有生成：--out 要写文件名，如 纸条.pdf")
    codes = new_codes(count)
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        write(codes, part)
        (store.record_panel_codes if panel else store.record_codes)(form_id, codes)
        os.replace(part, out)
    except OSError as exc:
        raise CodeFileError(f"无法写入 {out}（{exc.strerror or exc}），码没有生成") from exc
    finally:
        part.unlink(missing_ok=True)
    return codes
