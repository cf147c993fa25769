"""Exports in one place: CSV downloads for Excel, and HTML → PDF with a real CJK font."""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..core.fmt import defuse  # export.defuse stays the name callers know
from .html import escape


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel reads the Chinese right; no cell runs as a formula
    (numbers keep their sign: only text is defused)."""
    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) or pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(defuse)
    safe.columns = [defuse(str(c)) for c in safe.columns]
    return ("\ufeff" + safe.to_csv(index=False)).encode("utf-8")


def data_link(data: bytes, mimetype: str, filename: str, label: str) -> str:
    """A download link holding the bytes themselves (no server round trip, works offline)."""
    href = f"data:{mimetype};base64," + base64.b64encode(data).decode("ascii")
    return (
        f'<a class="ck-download" download="{escape(filename, quote=True)}" href="{href}" '
        f'style="font-size:16px;">⬇ {escape(label)}</a>'
    )


def csv_link(frame: pd.DataFrame, filename: str, label: str = "下载这张表（CSV，可用 Excel 打开）") -> str:
    return data_link(csv_bytes(frame), "text/csv;charset=utf-8", filename, label)


@lru_cache(maxsize=1)
def font_config():
    """WeasyPrint's font lookup, once per process rather than once per document."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def write_pdf(html: str, path: str | Path) -> Path:
    """Render HTML to PDF; the CJK font is embedded (subset) by WeasyPrint."""
    from weasyprint import HTML

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html).write_pdf(path, font_config=font_config())
    return path


def pdf_bytes(html: str) -> bytes:
    """Render HTML to PDF in memory (a download from a page), the CJK font embedded."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf(font_config=font_config())


def render_pdf(html: str):
    """A laid-out WeasyPrint document (pages and anchors), for cutting one PDF into several."""
    from weasyprint import HTML

    return HTML(string=html).render(font_config=font_config())
