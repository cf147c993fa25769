"""Test helpers: the sample's location and small files that each carry one defect,
written the way Excel, WPS or a text editor writes them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
PAYMENT_HEADER = ["户编号", "发放日期", "项目", "金额", "卡号"]


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], merges: list[str] = (), sheet: str = "Sheet1", text_cols: tuple[int, ...] = ()
) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for col in text_cols:
        for cell in ws.iter_cols(min_col=col, max_col=col):
            for c in cell:
                c.number_format = "@"
    book.save(path)
    return path


def accounted(counts) -> bool:
    """The row accounting holds: nothing disappears without being counted."""
    return counts.rows_read == counts.rows_skipped + counts.rows_rejected + counts.rows_loaded


def append_line(path: Path, line: str) -> None:
    """Add one data row to a CSV file, as a trainer typing at the end of the sheet."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\r\n")


def note_texts(talk: str, audience: str | None = None, folder: Path = ROOT / "notebooks" / "talks") -> list[str]:
    """The opening words (plain text, no markup) of every speaker note a version of a sample
    talk has: what must never reach a projector, a handout or a phone."""
    import nbformat

    from campaignkit.talks.notebook import NOTE_PREFIXES, for_audience, is_note

    nb = for_audience(nbformat.read(folder / f"{talk}.ipynb", as_version=4), audience)
    notes = []
    for cell in nb.cells:
        if is_note(cell):
            text = "".join(cell.source).strip()
            for prefix in NOTE_PREFIXES:
                text = text.removeprefix(prefix)
            notes.append(text.strip().split("\n")[0][:16])
    return notes


def abort_process(*_args) -> None:
    """A worker that dies the way a Rust reader aborting on a bad file does (SIGABRT)."""
    import os

    os.abort()
