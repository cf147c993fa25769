"""Files cannot lose rows or stop the process (issue 24): a sheet whose one far cell makes the
reader's grid enormous is refused in Chinese; a quote that never closes costs its own line
only, for every table of the campaign."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from campaignkit import read_table
from campaignkit.features import catalogue
from helpers import SAMPLE, accounted, write_xlsx

TABLES = list(catalogue())
SAMPLE_CSV = {t: SAMPLE / f"{t}.csv" for t in TABLES if (SAMPLE / f"{t}.csv").exists()}


def far_cell(path, header: list[str], cell: str = "XFD1048576", row_tag: int = 1048576):
    """An xlsx of one header row and one number at ``cell`` (1.6 KB, as the review's)."""
    write_xlsx(path, [header])
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace("</sheetData>", f'<row r="{row_tag}"><c r="{cell}"><v>1</v></c></row></sheetData>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            book.writestr(name, data)
    return path


@pytest.mark.parametrize("table", TABLES)
def test_a_far_cell_is_refused_naming_the_sheet_for_every_table(tmp_path, table):
    header = [f.header for f in catalogue()[table].required_fields]
    result = read_table(far_cell(tmp_path / f"{table}.xlsx", header), table)
    assert result.unreadable
    assert result.counts.rows_loaded == 0
    message = result.errors[0].message
    assert "工作表“Sheet1”" in message
    assert "XFD1048576" in message
    assert "Ctrl+End" in message


def test_a_far_cell_outside_its_row_is_found_too(tmp_path):
    """A cell's own reference places it, whatever row it is written under."""
    path = far_cell(tmp_path / "households.xlsx", ["户编号", "户主姓名", "单位"], cell="XFD999999", row_tag=2)
    result = read_table(path, "households")
    assert result.unreadable
    assert "XFD999999" in result.errors[0].message


def test_a_far_cell_with_only_a_style_is_read_as_the_sheet_it_is(tmp_path):
    path = write_xlsx(tmp_path / "households.xlsx", [["户编号", "户主姓名", "单位"], ["HL-001", "张三", "红柳嘎查"]])
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
    ).encode()
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)
    result = read_table(path, "households")
    assert not result.unreadable
    assert result.counts.rows_loaded == 1


def test_validate_survives_the_far_cell_and_says_what_to_do(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    far_cell(campaign / "households.xlsx", ["户编号", "户主姓名", "单位"])
    run = subprocess.run(
        [sys.executable, "-m", "campaignkit", "validate", str(campaign)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 1, run.stderr[-2000:]  # problems found; not killed by the reader (134)
    assert "households.xlsx" in run.stdout
    assert "Ctrl+End" in run.stdout
    assert "Traceback" not in run.stderr


def _stray_quote(path, line: int) -> str:
    """Open a quote in the last cell of ``line`` (1-based) that nothing closes, as a trainer
    typing "一卡通补发 into a note would; the line as it then reads."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    lines[line - 1] = (
        lines[line - 1].rstrip("\r").rsplit(",", 1)[0] + ',"一卡通补发' + ("\r" if lines[line - 1].endswith("\r") else "")
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[line - 1]


@pytest.mark.parametrize("table", sorted(SAMPLE_CSV))
def test_a_stray_quote_costs_its_own_line_only_for_every_table(tmp_path, table):
    before = read_table(SAMPLE_CSV[table], table)
    path = tmp_path / SAMPLE_CSV[table].name
    shutil.copy(SAMPLE_CSV[table], path)
    line = min(4, before.counts.rows_read + 1)
    _stray_quote(path, line)
    after = read_table(path, table)
    assert accounted(after.counts)
    assert after.counts.rows_read == before.counts.rows_read
    broken = [p for p in after.errors if p.row == line and "引号没有配对" in p.message]
    assert broken, [(p.row, p.message) for p in after.errors][:5]
    assert after.counts.rows_loaded >= before.counts.rows_loaded - 1
    assert not [p for p in after.errors if p.row not in {q.row for q in before.errors} | {line}]


def test_the_payments_file_keeps_its_other_8498_rows(tmp_path):
    path = tmp_path / "payments.csv"
    shutil.copy(SAMPLE / "payments.csv", path)
    _stray_quote(path, 101)
    result = read_table(path, "payments")
    counts = result.counts
    assert (counts.rows_read, counts.rows_rejected, counts.rows_loaded) == (8500, 1, 8499)
    (problem,) = result.errors
    assert (problem.row, problem.column) == (101, "备注")
    assert '"一卡通补发' in problem.message


def test_rows_are_numbered_by_line_when_a_note_spans_two(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text(
        '户编号,发放日期,项目,金额,备注\nHL-001,2022-06-30,禁牧补助,100,"两行\n的备注"\nHL-001,2022-06-30,禁牧补助,x,\n',
        encoding="utf-8",
    )
    result = read_table(path, "payments")
    assert result.counts.rows_loaded == 1
    assert [(p.row, p.column) for p in result.errors] == [(4, "金额")]


def test_a_header_over_two_rows_with_cells_merged_down(tmp_path):
    """户编号 and 发放日期 merged down over both header rows, 项目 and 金额 under a merged 发放情况."""
    path = write_xlsx(
        tmp_path / "payments.xlsx",
        [
            ["户编号", "发放日期", "发放情况", None],
            [None, None, "项目", "金额"],
            ["HL-001", "2022-06-30", "禁牧补助", 100],
            ["HL-002", "2022-06-30", "禁牧补助", 200],
        ],
        merges=["A1:A2", "B1:B2", "C1:D1"],
    )
    result = read_table(path, "payments")
    assert result.ok
    assert result.counts.rows_loaded == 2
    assert result.header_row == 2
    assert list(result.records["amount"]) == [100, 200]


@pytest.mark.parametrize("table, rows", [("payments", 3), ("members", 2)])
def test_exact_duplicate_rows_are_a_warning_naming_the_row_they_repeat(tmp_path, table, rows):
    lines = SAMPLE_CSV[table].read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / SAMPLE_CSV[table].name
    path.write_text("\n".join(lines + lines[1 : 1 + rows]) + "\n", encoding="utf-8")
    before, after = read_table(SAMPLE_CSV[table], table), read_table(path, table)
    new = [p for p in after.problems if p.row > len(lines)]
    assert [(p.severity, p.row, p.value) for p in new] == [
        ("warning", len(lines) + i, f"同第 {i + 1} 行") for i in range(1, rows + 1)
    ]
    assert "一模一样" in new[0].message
    assert after.counts.rows_loaded == before.counts.rows_loaded + rows


def test_a_table_with_a_key_rejects_a_repeated_row_by_its_key(tmp_path):
    lines = (SAMPLE / "visits.csv").read_text(encoding="utf-8-sig").splitlines()
    path = tmp_path / "visits.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    result = read_table(path, "visits")
    assert [p.row for p in result.errors if p.row == len(lines) + 1]
    assert not [p for p in result.problems if "一模一样" in p.message]


def test_a_damaged_store_and_cache_are_named_in_validate_not_a_traceback(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    command = [sys.executable, "-m", "campaignkit", "validate", str(campaign)]
    subprocess.run(command, capture_output=True, timeout=300)  # fills the cache
    entries = list((campaign / ".campaignkit" / "cache").glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text('{"table": 5}', encoding="utf-8")  # an entry of another shape
    (campaign / ".campaignkit" / "forms.sqlite").write_bytes(b"not a database at all")
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1, run.stderr[-2000:]
    assert "forms.sqlite 读不了" in run.stdout
    assert "households.xlsx" in run.stdout


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "payments.csv"
    path.write_bytes(
        "户编号,发放日期,项目,金额\r\nHL-001,2022-06-30,禁牧补助,100\r\nHL-002,2022-06-30,草畜平衡奖励,200\r\n".encode(encoding)
    )
    result = read_table(path, "payments")
    assert result.ok
    assert list(result.records["item"]) == ["禁牧补助", "草畜平衡奖励"]


def test_full_width_digits_are_folded_in_every_column_holding_codes(tmp_path):
    """Typed with a Chinese input method: 时间, 用到的事件 and 事件编号 read like 编号 and 户编号."""
    from campaignkit import check_campaign

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    timeline = read_table(SAMPLE / "timeline.csv", "timeline")
    code = timeline.records["code"].iloc[0]
    wide = code.translate(str.maketrans("0123456789E", "０１２３４５６７８９Ｅ"))
    with open(campaign / "timeline.csv", "a", encoding="utf-8") as fh:
        fh.write("\r\nＺ９９,１９４９－０８－１０,全角数字写的一件事,,,,示例来源,\r\n")
    with open(campaign / "lessons.csv", encoding="utf-8-sig") as fh:
        lessons = fh.read().splitlines()
    header = lessons[0].split(",")
    row = [""] * len(header)
    for name, value in (
        ("编号", "L99"),
        ("年级段", lessons[1].split(",")[header.index("年级段")]),
        ("课题", "全角编号"),
        ("故事", "故事"),
        ("用到的事件", f"{wide}，Ｚ９９"),
    ):
        row[header.index(name)] = value
    (campaign / "lessons.csv").write_text("\n".join([*lessons, ",".join(row)]) + "\n", encoding="utf-8")
    result = check_campaign(campaign)
    added = result.tables["timeline"].set_index("code").loc["Z99"]
    assert str(added["when"]).startswith("1949")
    lesson = result.tables["lessons"].set_index("code").loc["L99"]
    assert code in str(lesson["events"])
    assert "Z99" in str(lesson["events"])
    assert not [p for p in result.problems if p.severity == "error" and p.table in ("timeline", "lessons")]


def test_each_rows_unknown_reference_message_names_its_own_values(tmp_path):
    import csv

    from campaignkit import check_campaign

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with open(campaign / "lessons.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("用到的事件")
    known = rows[1][column].split("、")[0]
    rows[1][column], rows[2][column] = f"{known}、X01", "X02"
    with open(campaign / "lessons.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = check_campaign(campaign)
    said = {p.row: p.message for p in result.problems if p.table == "lessons" and p.column == "用到的事件"}
    assert "X01" in said[2]
    assert "X02" not in said[2]
    assert "X02" in said[3]
    assert "X01" not in said[3]
    assert result.results["lessons"].counts.rows_rejected == 2
    rejected = result.results["lessons"].rejected
    assert rejected["reasons"].str.contains("X01").sum() == 1
    assert rejected["reasons"].str.contains("X02").sum() == 1


def test_a_cell_too_long_to_read_costs_its_own_line_with_its_number(tmp_path):
    """A whole document pasted into one 备注 cell (over 16 million characters)."""
    path = tmp_path / "payments.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("户编号,发放日期,项目,金额,备注\nHL-001,2022-06-30,禁牧补助,100,\n")
        fh.write("HL-002,2022-06-30,禁牧补助,100," + "备" * (17 * 1024 * 1024) + "\nHL-003,2022-06-30,禁牧补助,100,\n")
    result = read_table(path, "payments")
    assert (result.counts.rows_read, result.counts.rows_rejected, result.counts.rows_loaded) == (3, 1, 2)
    (problem,) = result.errors
    assert (problem.row, problem.column) == (3, "备注")
    assert "万字" in problem.message
    assert len(str(result.rejected.iloc[0].to_dict())) < 2000  # the rejected row keeps a glimpse, not the 50 MB
