"""How far a worksheet's cells really reach, read from its XML before calamine reads it.

calamine makes one dense grid from the top-left to the bottom-right cell that holds a value:
a 1.6 KB file with a header and one cell at XFD1048576 asks for 17 billion cells and the
process aborts (Rust cannot raise an exception for that). A sheet's declared size
(``<dimension>``) is not trusted; its cells are. The scan is cheap for the usual narrow sheet:
with no cell beyond column Z, no grid can exceed 1,048,576 × 26 cells, so only a
search runs; wider sheets have every valued cell's reference read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml import ElementTree

MAX_CELLS = 30_000_000  # calamine keeps ~32 bytes a cell: about 1 GB at most
CHUNK_BYTES = 4 << 20
OVERLAP = 256  # a cell reference cut by a chunk boundary is found in the next chunk

# Any reference whose column has two or three letters (AA…XFD); leading space: not ``ref=``.
_WIDE = re.compile(rb' r="[A-Z]{2,3}\d')
# A cell holding something: ``<c …>`` not closed at once (``<c r="B5" s="3"/>`` is only a style).
_VALUED = re.compile(rb'<c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"[^>]*(?<!/)>')

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass(frozen=True)
class Extent:
    rows: int
    columns: int
    corner: str  # the reference of the far corner, as Excel names it (e.g. "XFD1048576")

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_members(book: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip member holding its cells."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL)}
    members = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL), "")
        if target:
            members[sheet.get("name", "")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            )
    return members


def _chunks(book: zipfile.ZipFile, member: str):
    tail = b""
    with book.open(member) as fh:
        while chunk := fh.read(CHUNK_BYTES):
            data = tail + chunk
            yield data
            tail = data[-OVERLAP:]


def sheet_extent(book: zipfile.ZipFile, member: str) -> Extent | None:
    """The grid calamine would make of this sheet (rows × columns up to its far valued cell);
    None for a sheet with nothing beyond column Z, whose grid is never too big."""
    if not any(_WIDE.search(data) for data in _chunks(book, member)):
        return None
    rows = columns = 0
    for data in _chunks(book, member):
        for letters, number in _VALUED.findall(data):
            columns = max(columns, column_number(letters.decode()))
            rows = max(rows, int(number))
    return Extent(rows, columns, f"{column_letters(columns)}{rows}" if rows else "")
