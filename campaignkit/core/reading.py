"""Read a spreadsheet file into raw cells, the way real files come.

Handles CSV in UTF-8 (with or without BOM) and GBK/GB18030 (detected from the
bytes, not guessed from the extension), ``.xlsx`` with title rows above the
header and merged cells, and ``.parquet``. Nothing here interprets values;
:mod:`campaignkit.core.loader` does that. Row numbers are kept as the trainer sees
them in Excel or a text editor.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import UnreadableFile
from .xlsx_extent import MAX_CELLS, sheet_extent, sheet_members

CSV_SUFFIXES = {".csv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
PARQUET_SUFFIXES = {".parquet"}
SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES
HEADER_SCAN_ROWS = 30
MAX_CELL_CHARS = 16 * 1024 * 1024


@dataclass
class RawSheet:
    """Cells below the header, as read, with Excel row numbers."""

    path: Path
    sheet: str | None
    header_row: int  # 1-based row of the header; 0 when there is none
    headers: list[str]  # as written in the file
    cells: pd.DataFrame  # one column per header position (0..n-1), raw values
    rows: np.ndarray  # Excel row number of each row of ``cells``
    encoding: str | None = None
    headerless_cells: list[tuple[int, int, object]] = field(default_factory=list)  # (row, col, value) right of the header
    broken_rows: dict[int, tuple[int, str]] = field(default_factory=dict)  # position -> (column, why it cannot be read)


def clean_header(text: object) -> str:
    """A header as compared: NFKC, no spaces or line breaks, no required-marker '*'."""
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    value = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s*]", "", value)


def _header_as_written(text: object) -> str:
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    if isinstance(text, float) and text.is_integer():
        return str(int(text))
    return str(text).strip()


# -- encodings -------------------------------------------------------------


def detect_encoding(head: bytes) -> str:
    """Encoding of a text file from its first bytes: BOM, then UTF-8, then charset-normalizer."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
        line_start = head.rfind(b"\n", 0, exc.start) + 1
        if not head[:line_start].isascii() and _decodes(head[line_start:], "gb18030"):
            raise UnreadableFile(
                f"文件前面是 UTF-8 编码，第 {_line_of(head, exc.start)} 行起却是 GBK 编码（可能是两个文件拼在了一起），"
                f"照原样读会变成乱码；{RESAVE}"
            ) from None
    if _plausible_gb18030(head):
        # Short Chinese texts fool statistical detectors (GBK is read as Korean cp949),
        # and Excel/WPS on Chinese Windows save CSV as GBK: prefer it when it decodes cleanly.
        return "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise UnreadableFile("无法识别文件的文字编码，它可能不是表格文件；请用 Excel 或 WPS 另存为 .xlsx 或 UTF-8 编码的 CSV")
    name = best.encoding.lower().replace("_", "")
    # GBK and GB2312 are subsets of GB18030; reading as the superset loses nothing.
    if name in {"gbk", "gb2312", "gb18030", "cp936", "hz"}:
        return "gb18030"
    return best.encoding


def _plausible_gb18030(head: bytes) -> bool:
    try:
        text = head.decode("gb18030")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:
            return False
        text = head[: exc.start].decode("gb18030")
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return False
    chinese = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return chinese / len(wide) >= 0.95


# -- finding the header ----------------------------------------------------


def find_header(rows: list[list[Any]], score: Callable[[list[str]], int]) -> int | None:
    """Index of the header among the first rows: the best-scoring row (first on ties), or None."""
    best, best_index = 0, None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        value = score([clean_header(c) for c in row])
        if value > best:
            best, best_index = value, index
    return best_index


# -- CSV -------------------------------------------------------------------


def read_csv(
    path: Path,
    score: Callable[[list[str]], int],
    text_columns: Callable[[list[str]], set[int]],
    literal_columns: Callable[[list[str]], set[int]] | None = None,
) -> RawSheet:
    with open(path, "rb") as fh:
        data = fh.read(65536)  # enough to detect the encoding and find the header
    if not data.strip() and path.stat().st_size <= len(data):
        raise UnreadableFile("文件是空的，没有表头也没有数据")
    utf16 = _bomless_utf16(data[:4096])
    if utf16 is None and _looks_binary(data[:4096]):
        raise UnreadableFile("这不是文本格式的 CSV 文件（可能是其他类型的文件改了扩展名）；请用 Excel 或 WPS 另存为 .xlsx 或 CSV")
    encoding = utf16 or detect_encoding(data[:65536])
    _check_one_encoding(path, data, encoding)
    try:
        text_head = data[:65536].decode(encoding, errors="ignore")
    except LookupError as exc:
        raise UnreadableFile(f"无法识别文件的文字编码（{encoding}）") from exc
    # newline="": rows end at \n, \r\n or a lone \r (old Mac and some exports), as editors show them.
    head_rows = list(csv.reader(io.StringIO(text_head, newline="")))[: HEADER_SCAN_ROWS + 1]
    header_index = find_header(head_rows, score)
    if header_index is None:
        return RawSheet(path, None, 0, [], pd.DataFrame(), np.array([], dtype=int), encoding)
    headers = [_header_as_written(h) for h in head_rows[header_index]]
    while headers and headers[-1] == "":
        headers.pop()
    literal = literal_columns(headers) if literal_columns else set()
    frame = _read_csv_fast(path, encoding, header_index, len(headers), text_columns(headers), literal)
    if frame is not None:
        rows = np.arange(len(frame), dtype=np.int64) + header_index + 2
        return _split_headerless(RawSheet(path, None, header_index + 1, headers, frame, rows, encoding))
    frame, rows, broken = _read_csv_slow(path.read_bytes(), encoding, header_index, len(headers))
    raw = RawSheet(path, None, header_index + 1, headers, frame, rows, encoding, broken_rows=broken)
    return _split_headerless(raw)


# Three or more Chinese characters in UTF-8 in a row; GBK text practically never has this shape.
_UTF8_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3,}")
RESAVE = "请用 Excel 或 WPS 打开后另存为 .xlsx 或“CSV UTF-8”，再检查一次"


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line (as a spreadsheet shows it) holding byte ``offset``."""
    breaks = data.count(b"\n", 0, offset) or data.count(b"\r", 0, offset)
    return breaks + 1


def _check_one_encoding(path: Path, head: bytes, encoding: str) -> None:
    """A file whose parts are in different encodings (two exports pasted together, or a
    UTF-8 mark before GBK text) would load as garbled text: say where they disagree."""
    if encoding == "utf-8-sig":
        try:
            head[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            if not (exc.start >= len(head) - 6 and exc.reason == "unexpected end of data"):
                raise UnreadableFile(
                    f"文件开头标明是 UTF-8 编码，第 {_line_of(head, exc.start + 3)} 行起的内容却不是 UTF-8"
                    f"（看起来是 GBK）；{RESAVE}"
                ) from None
    if encoding == "gb18030":
        data = path.read_bytes() if path.stat().st_size > len(head) else head
        for match in _UTF8_RUN.finditer(data):
            start = data.rfind(b"\n", 0, match.start()) + 1
            end = data.find(b"\n", match.end())
            try:
                data[start : end if end >= 0 else len(data)].decode("utf-8")
            except UnicodeDecodeError:
                continue
            raise UnreadableFile(
                f"文件前面是 GBK 编码，第 {_line_of(data, match.start())} 行起却是 UTF-8 编码"
                f"（可能是两个文件拼在了一起），照原样读会变成乱码；{RESAVE}"
            )


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without its byte-order mark ("Unicode text" from some exporters): zero bytes only
    on one side of each pair, and text with separators and no control characters."""
    sample = head[: len(head) // 2 * 2]
    if b"\x00" not in sample:
        return None
    for encoding, side in (("utf-16-le", 1), ("utf-16-be", 0)):
        if sample[1 - side :: 2].count(0) or not sample[side::2].count(0):
            continue
        for cut in (0, 2):  # a character's pair of surrogates cut by the sample's end
            try:
                text = sample[: len(sample) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            plain = not any(ord(c) < 32 and c not in "\r\n\t" for c in text)
            if plain and ("," in text or "\t" in text):
                return encoding
    return None


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _read_csv_fast(
    path: Path,
    encoding: str,
    header_index: int,
    width: int,
    text_cols: set[int],
    literal_cols: frozenset[int] | set[int] = frozenset(),
) -> pd.DataFrame | None:
    """pyarrow's multithreaded reader; None when the file needs the forgiving reader.
    ``literal_cols`` (years, dates) come back as written when the reader made them fractions:
    "2.022e3" and "2023.5" must reach their checks as text, not as 2022.0 and 2023.5."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    invalid: list[object] = []

    def on_invalid(row: object) -> str:
        invalid.append(row)
        return "skip"

    encoding_name = "utf8" if encoding in ("utf-8", "utf-8-sig") else encoding

    def read(as_text: set[int], only: list[str] | None = None):
        return pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(encoding=encoding_name, skip_rows=header_index + 1, column_names=names),
            parse_options=pcsv.ParseOptions(ignore_empty_lines=False, invalid_row_handler=on_invalid),
            # Only the empty string is missing: "N/A", "NULL", "-" must reach the checks, not vanish.
            convert_options=pcsv.ConvertOptions(
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
                true_values=[],
                false_values=[],
                column_types={f"c{i}": pa.string() for i in as_text},
                include_columns=only or [],
            ),
        )

    try:
        table = read(text_cols)
        fractional = [i for i in sorted(literal_cols) if i < width and pa.types.is_floating(table.column(i).type)]
        if fractional and not invalid:
            again = read(set(fractional), [names[i] for i in fractional])
            for i in fractional:
                table = table.set_column(i, names[i], again.column(names[i]))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError):
        return None
    if invalid:
        return None  # rows of another width (hand-typed notes rows): keep every row, read slowly
    if _has_quote(path) and _spans_lines(table):
        return None  # a cell over several lines: rows are numbered by line only by the slow reader
    # Dates as datetime64 (not Python date objects): stays vectorised downstream.
    frame = table.to_pandas(date_as_object=False)
    frame.columns = range(width)
    return frame


def _has_quote(path: Path) -> bool:
    """Only a quoted cell can hold a line break: a file without quotes needs no further look."""
    import mmap

    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b'"') >= 0


def _spans_lines(table) -> bool:
    import pyarrow as pa
    import pyarrow.compute as pc

    return any(
        pc.any(pc.match_substring(column, "\n")).as_py() or pc.any(pc.match_substring(column, "\r")).as_py()
        for column in table.columns
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type)
    )


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 4  # a character cut at the end of the sample
    return True


def _read_csv_slow(data: bytes, encoding: str, header_index: int, width: int) -> tuple[pd.DataFrame, np.ndarray, dict]:
    """Every record below the header, the line each starts on, and the lines that cannot be read
    as one row: a quote that never closes (``"一卡通补发``) would otherwise swallow the rest of
    the file into one cell. Such a line is kept as written and reported; reading goes on at
    the next line."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        rest = data[data.rfind(b"\n", 0, exc.start) + 1 :]
        if encoding.startswith("utf-8") and _decodes(rest[:65536], "gb18030"):
            raise UnreadableFile(
                f"文件前面是 UTF-8 编码，第 {line} 行起却是 GBK 编码（可能是两个文件拼在了一起），照原样读会变成乱码；{RESAVE}"
            ) from exc
        raise UnreadableFile(f"文件第 {line} 行有无法按 {encoding} 编码读取的字符；{RESAVE}") from exc
    # A pasted document can make a cell longer than the csv module's default 128 KB: read it, lose nothing.
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL_CHARS))
    lines = io.StringIO(text, newline="").readlines()  # split as editors split: \n, \r\n or a lone \r
    records, starts, broken = _records_by_line(lines, width)
    keep = range(header_index + 1, len(records))
    records = [records[i] for i in keep]
    rows = np.array([starts[i] + 1 for i in keep], dtype=np.int64)
    broken = {pos: broken[i] for pos, i in enumerate(keep) if i in broken}
    wide = max([width, *(len(r) for r in records)]) if records else width
    padded = [r + [""] * (wide - len(r)) for r in records]
    return pd.DataFrame(padded, columns=range(wide), dtype=object), rows, broken


def _records_by_line(lines: list[str], width: int) -> tuple[list[list[str]], list[int], dict[int, tuple[int, str]]]:
    """Records with the 0-based line each starts on, and the records that are broken lines:
    index -> (column, message)."""
    records: list[list[str]] = []
    starts: list[int] = []
    broken: dict[int, tuple[int, str]] = {}
    line = 0
    while line < len(lines):
        reader = csv.reader(map(lines.__getitem__, range(line, len(lines))), strict=True)  # no copy per restart
        base, restart = line, None
        try:
            for record in reader:
                end = base + reader.line_num  # lines consumed so far: the record ends on end - 1
                if end - line > 1 and _swallowed_rows(lines[line + 1 : end], width):
                    restart = line
                    break
                records.append(record)
                starts.append(line)
                line = end
        except csv.Error as exc:
            restart = line
            if "field limit" in str(exc):  # the cell is the problem, not a quote
                restart = base + max(reader.line_num - 1, 0)
                broken[len(records)] = (_widest_cell(lines[restart]), TOO_LONG)
                records.append(_cells_as_written(lines[restart]))
                starts.append(restart)
                line = restart + 1
                continue
        if restart is None:
            break
        column, message = _unclosed_quote(lines[restart])
        broken[len(records)] = (column, message)
        records.append(_cells_as_written(lines[restart]))
        starts.append(restart)
        line = restart + 1
    return records, starts, broken


TOO_LONG = (
    f"这一行有个格子超过 {MAX_CELL_CHARS // 10_000:,} 万字（多半是粘贴进了整篇文档），读不了；这一行没有读入，"
    "其余各行照常读入。请把这段文字另存成文件，格子里只写个简短说明"
)
SHOWN_CHARS = 200  # of a line that could not be read, what the rejected rows keep of each cell


def _cells_as_written(text: str) -> list[str]:
    """A line that could not be read as CSV, split at its commas, each cell cut short."""
    return [cell if len(cell) <= SHOWN_CHARS else cell[:SHOWN_CHARS] + "…" for cell in text.rstrip("\r\n").split(",")]


def _widest_cell(text: str) -> int:
    cells = text.split(",")
    return max(range(len(cells)), key=lambda i: len(cells[i]))


def _swallowed_rows(continuation: list[str], width: int) -> bool:
    """Lines taken into one quoted cell that look like rows of their own (as many commas as a
    row has): a quote that did not close, not a note written over two lines."""
    return width > 1 and any(text.count(",") >= width - 1 for text in continuation)


def _unclosed_quote(text: str) -> tuple[int, str]:
    """Which cell of a broken line opens the quote that does not close, and what to tell the trainer."""
    cells = text.rstrip("\r\n").split(",")
    column = next((i for i, cell in enumerate(cells) if cell.lstrip().startswith('"') and cell.count('"') % 2), 0)
    start = cells[column].strip()[:20] if column < len(cells) else ""
    return column, (
        f"这一行里以 {start} 开头的格子，引号没有配对（缺少结尾的引号），按 CSV 规则会把后面的行都吞进这一个格子；"
        "这一行没有读入，其余各行照常读入。请删掉这个多余的引号，或在 Excel 里改好后再保存"
    )


# -- Excel -----------------------------------------------------------------


def read_excel(path: Path, score: Callable[[list[str]], int], sheet_names: tuple[str, ...] = ()) -> RawSheet:
    from python_calamine import CalamineWorkbook

    if not zipfile.is_zipfile(path):
        raise UnreadableFile(
            "这不是有效的 .xlsx 文件（可能是其他类型的文件改了扩展名，或文件已损坏）；请用 Excel 或 WPS 重新另存为 .xlsx"
        )
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types for broken files
        raise UnreadableFile(
            f"无法打开这个 Excel 文件（{type(exc).__name__}）；请用 Excel 或 WPS 打开后重新另存为 .xlsx"
        ) from exc
    names = list(book.sheet_names)
    if not names:
        raise UnreadableFile("这个 Excel 文件里没有工作表")
    preferred = [n for n in names if n.strip() in sheet_names]
    with zipfile.ZipFile(path) as archive:
        members = sheet_members(archive)
    for name in preferred + names:
        _refuse_oversized(path, name, members.get(name))
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.iter_rows()
            head = [row for _, row in zip(range(HEADER_SCAN_ROWS), rows)]
            _fill_header_merges(head, sheet.merged_cell_ranges or [])
            header_index = find_header(head, score)
            if header_index is not None:
                return _excel_body(path, name, sheet, head, rows, header_index)
        except Exception as exc:  # a sheet cut short or damaged: calamine raises its own types
            raise UnreadableFile(
                f"工作表“{name}”已损坏，读不完（{type(exc).__name__}）；请用 Excel 或 WPS 打开后重新另存为 .xlsx"
            ) from exc
    return RawSheet(path, names[0], 0, [], pd.DataFrame(), np.array([], dtype=int))


EXCEL_CHUNK_ROWS = 20_000


def _refuse_oversized(path: Path, name: str, member: str | None) -> None:
    """Refuse, before calamine makes its grid, a sheet whose cells reach too far (see
    :mod:`campaignkit.core.xlsx_extent`); a sheet not found in the archive is left to calamine."""
    if member is None:
        return
    try:
        with zipfile.ZipFile(path) as archive:
            extent = sheet_extent(archive, member)
    except (KeyError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise UnreadableFile(f"工作表“{name}”已损坏，读不完；请用 Excel 或 WPS 打开后重新另存为 .xlsx") from exc
    if extent is not None and extent.cells > MAX_CELLS:
        raise UnreadableFile(
            f"工作表“{name}”的 {extent.corner} 格里有内容，整张表因此有 {extent.rows:,} 行 × {extent.columns:,} 列，"
            f"超出能读的大小（最多 {MAX_CELLS // 10_000:,} 万格）。这多半是远处误填的一个格子：请在 Excel 或 WPS 里"
            "按 Ctrl+End 跳到它，删掉它所在的行和列，保存后再检查一次"
        )


def _excel_body(path: Path, name: str, sheet, head: list[list[Any]], rest, header_index: int) -> RawSheet:
    """The rows below the header, read in chunks and stored compactly column by column:
    holding every cell as a Python object at once would take ~8x the final table's memory."""
    merged = sheet.merged_cell_ranges or []
    remembered: dict[Any, Any] = {}
    headers = [_header_as_written(h) for h in head[header_index]]
    while headers and headers[-1] == "":
        headers.pop()
    chunks: list[pd.DataFrame] = []
    first = header_index + 1
    pending = head[first:]
    while True:
        pending.extend(row for _, row in zip(range(EXCEL_CHUNK_ROWS - len(pending)), rest))
        if not pending:
            break
        _fill_merged(pending, merged, header_index, offset=first, remembered=remembered)
        chunks.append(_compact_frame(pending))
        first += len(pending)
        pending = []
    frame = _concat_chunks(chunks) if chunks else pd.DataFrame(columns=range(len(headers)), dtype=object)
    for col in range(frame.shape[1], len(headers)):
        frame[col] = None
    rows = np.arange(len(frame), dtype=np.int64) + header_index + 2
    return _split_headerless(RawSheet(path, name, header_index + 1, headers, frame, rows))


def _fill_header_merges(head: list[list[Any]], ranges: list) -> None:
    """A header over two rows with cells merged down (户编号 spanning both rows, 项目 and 金额
    under a merged 发放情况): a merged cell's text is every covered row's, as Excel shows it,
    so the lower row is a whole header."""
    for (r0, c0), (r1, c1) in ranges:
        if r1 == r0 or r0 >= len(head) or c0 >= len(head[r0]):
            continue
        value = head[r0][c0]
        if value is None or value == "":
            continue
        for r in range(r0 + 1, min(r1, len(head) - 1) + 1):
            row = head[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] is None or row[c] == "":
                    row[c] = value


def _compact_frame(rows: list[list[Any]]) -> pd.DataFrame:
    width = max(len(r) for r in rows)
    columns = {}
    for col in range(width):
        values = [None if (c := (r[col] if col < len(r) else None)) == "" else c for r in rows]
        kinds = {type(v) for v in values if v is not None}
        if kinds <= {str}:
            columns[col] = pd.Series(values, dtype="str")
        elif kinds <= {float, int}:
            columns[col] = pd.Series(values, dtype="float64")
        else:
            columns[col] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)


def _concat_chunks(chunks: list[pd.DataFrame]) -> pd.DataFrame:
    width = max(c.shape[1] for c in chunks)
    out = {}
    for col in range(width):
        parts = [c[col] if col in c.columns else pd.Series([None] * len(c), dtype=object) for c in chunks]
        if len({str(p.dtype) for p in parts}) > 1:
            parts = [p.astype(object) for p in parts]
        out[col] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(out)


def _fill_merged(grid: list[list[Any]], ranges: list, header_index: int, offset: int = 0, remembered: dict | None = None) -> None:
    """Give every cell of a merged block below the header the block's value, as Excel shows it.

    ``grid`` holds sheet rows ``offset``…; a block's value comes from its top-left cell,
    which may sit in an earlier chunk (then it was kept in ``remembered``).
    """
    remembered = {} if remembered is None else remembered
    for (r0, c0), (r1, c1) in ranges:
        if r1 <= header_index or r1 < offset or r0 >= offset + len(grid):
            continue  # title blocks above the header are not data; blocks outside this chunk
        key = (r0, c0)
        if offset <= r0:
            row = grid[r0 - offset]
            remembered[key] = row[c0] if c0 < len(row) else None
        value = remembered.get(key)
        for r in range(max(r0, header_index + 1, offset), min(r1, offset + len(grid) - 1) + 1):
            row = grid[r - offset]
            for c in range(c0, c1 + 1):
                if c < len(row):
                    row[c] = value


# -- Parquet ---------------------------------------------------------------


def read_parquet(path: Path) -> RawSheet:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError… for non-parquet bytes
        raise UnreadableFile("这不是有效的 Parquet 文件") from exc
    headers = [str(c) for c in frame.columns]
    frame.columns = range(len(headers))
    rows = np.arange(len(frame), dtype=np.int64) + 2
    return RawSheet(path, None, 1, headers, frame, rows)


def _split_headerless(raw: RawSheet) -> RawSheet:
    """Move cells right of the last header out of the frame, remembering any that hold data."""
    width = len(raw.headers)
    extra = [c for c in raw.cells.columns if c >= width]
    for col in extra:
        values = raw.cells[col]
        filled = values.notna() & (values.astype(str).str.strip() != "")
        for pos in np.flatnonzero(filled.to_numpy()):
            raw.headerless_cells.append((int(raw.rows[pos]), int(col), values.iloc[pos]))
    if extra:
        raw.cells = raw.cells.drop(columns=extra)
    return raw


def read_raw(
    path: Path,
    score: Callable[[list[str]], int],
    text_columns: Callable[[list[str]], set[int]],
    sheet_names: tuple[str, ...] = (),
    literal_columns: Callable[[list[str]], set[int]] | None = None,
) -> RawSheet:
    """Read any supported file; raises :class:`UnreadableFile` with a Chinese message."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UnreadableFile("文件不存在")
    if path.stat().st_size == 0:
        raise UnreadableFile("文件是空的（0 字节）")
    if suffix in CSV_SUFFIXES:
        return read_csv(path, score, text_columns, literal_columns)
    if suffix in EXCEL_SUFFIXES:
        return read_excel(path, score, sheet_names)
    if suffix in PARQUET_SUFFIXES:
        return read_parquet(path)
    if suffix == ".xls":
        raise UnreadableFile("不支持旧版 .xls 格式；请用 Excel 或 WPS 打开后另存为 .xlsx")
    raise UnreadableFile(f"不支持“{suffix or '无扩展名'}”类型的文件；请使用 .xlsx、.csv 或 .parquet")
