"""Fixture builders: small files that each carry one defect, written the way
Excel, WPS or a text editor writes them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], merges: list[str] = (), sheet: str = "Sheet1",
               text_cols: tuple[int, ...] = ()) -> Path:
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


@pytest.fixture
def csv_file(tmp_path):
    def make(name: str, rows: list[list[object]], encoding: str = "utf-8") -> Path:
        return write_csv(tmp_path / name, rows, encoding)
    return make


@pytest.fixture
def xlsx_file(tmp_path):
    def make(name: str, rows: list[list[object]], **kw) -> Path:
        return write_xlsx(tmp_path / name, rows, **kw)
    return make


def accounted(counts) -> bool:
    """The row accounting holds: nothing disappears without being counted."""
    return counts.rows_read == counts.rows_skipped + counts.rows_rejected + counts.rows_loaded


PAYMENT_HEADER = ["户编号", "发放日期", "项目", "金额", "卡号"]
