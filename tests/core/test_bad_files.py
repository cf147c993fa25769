"""Files that used to crash `validate` and every dashboard: each is now a Chinese problem
naming the file, the row and the column (or the campaign.toml key and line)."""

from __future__ import annotations

import shutil

import pytest

from campaignkit import check_campaign, read_table
from campaignkit.cli import main
from helpers import SAMPLE, write_csv


@pytest.mark.parametrize("day", ["0001-01-01", "1600-01-01", "2262-05-01", "9999-12-31"])
def test_dates_outside_what_a_campaign_holds(csv_file, day):
    path = csv_file(
        "payments.csv",
        [["户编号", "发放日期", "项目", "金额"], ["HL-001", day, "禁牧补助", "100"], ["HL-001", "2022-06-30", "禁牧补助", "100"]],
    )
    result = read_table(path, "payments")
    problem = [p for p in result.problems if p.severity == "error"][0]
    assert (problem.row, problem.column, problem.value) == (2, "发放日期", day)
    assert "1900—2100" in problem.message
    assert result.counts.rows_loaded == 1
    assert result.counts.rows_rejected == 1


def test_a_birth_month_outside_what_pandas_holds(csv_file):
    path = csv_file("members.csv", [["户编号", "姓名", "出生年月"], ["HL-001", "张三", "1022-03"]])
    result = read_table(path, "members")
    problem = result.problems[0]  # 出生年月 identifies nothing: set aside, the person is kept
    assert (problem.severity, problem.row, problem.column, problem.value) == ("warning", 2, "出生年月", "1022-03")
    assert result.counts.rows_loaded == 1
    assert result.records["birth_month"].isna().all()


def test_a_csv_with_carriage_returns_only(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_bytes("户编号,发放日期,项目,金额\rHL-001,2022-06-30,禁牧补助,100\rHL-002,2022-06-30,禁牧补助,x\r".encode())
    result = read_table(path, "payments")
    assert result.counts.rows_loaded == 1
    assert result.errors[0].row == 3
    assert result.errors[0].column == "金额"


def test_a_cell_longer_than_the_csv_module_allows(tmp_path):
    """The notes row sends the file to the forgiving reader, whose cells used to stop at 128 KB."""
    path = write_csv(
        tmp_path / "payments.csv",
        [["户编号", "发放日期", "项目", "金额"], ["HL-001", "2022-06-30", "x" * 140_000, "1"], ["注：说明行，列数不同"]],
    )
    result = read_table(path, "payments")
    assert (result.counts.rows_read, result.counts.rows_loaded, result.counts.rows_skipped) == (2, 1, 1)
    assert result.records["item"].iloc[0] == "x" * 140_000
    assert result.ok


@pytest.mark.parametrize(
    "text, key",
    [
        ("units = 5", "units"),
        ("audiences = 5", "audiences"),
        ('defaults = "x"', "defaults"),
        ('illustrative = "也许"', "illustrative"),
        ('[[units]]\nname = "红柳嘎查"\ngrids = 3', "grids"),
    ],
)
def test_campaign_toml_keys_of_the_wrong_kind(tmp_path, text, key):
    (tmp_path / "campaign.toml").write_text(f'name = "测试"\n{text}\n', encoding="utf-8")
    campaign = check_campaign(tmp_path)
    problems = [p for p in campaign.errors if p.file == "campaign.toml"]
    assert problems
    assert problems[0].column == key
    assert "campaign.toml" in problems[0].message


def test_campaign_toml_says_what_it_means(tmp_path):
    (tmp_path / "campaign.toml").write_text(
        'name = "测试"\nillustrative = "否"\n[[units]]\nname = "红柳嘎查"\ngrids = "一组"\n', encoding="utf-8"
    )
    campaign = check_campaign(tmp_path)
    assert campaign.config.illustrative is False
    assert campaign.config.units[0].grids == []
    assert [p for p in campaign.errors if p.column == "grids"]


def test_campaign_toml_syntax_errors_in_chinese_with_the_line(tmp_path):
    (tmp_path / "campaign.toml").write_text('name = "测试"\ntown = 乌审旗\n', encoding="utf-8")
    problem = check_campaign(tmp_path).errors[0]
    assert problem.row == 2
    assert "第 2 行" in problem.message
    assert "line" not in problem.message


def test_campaign_toml_that_is_a_folder(tmp_path):
    (tmp_path / "campaign.toml").mkdir()
    assert "文件夹" in check_campaign(tmp_path).errors[0].message


def test_a_folder_without_tables_is_not_called_fine(tmp_path, capsys):
    shutil.copy(SAMPLE / "campaign.toml", tmp_path / "campaign.toml")
    assert main(["validate", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "没有任何表格文件" in out
    assert "没有错误，可以使用。请看一下上面的警告" in out


def test_an_xlsx_whose_sheet_is_cut_short(tmp_path, capsys):
    import zipfile

    broken = tmp_path / "households.xlsx"
    with zipfile.ZipFile(SAMPLE / "households.xlsx") as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[: len(data) // 2] if item.filename.startswith("xl/worksheets/sheet") else data)
    assert main(["validate", str(broken)]) == 2
    out = capsys.readouterr().out
    assert "已损坏" in out
    assert "Traceback" not in out


def test_a_card_number_excel_stored_as_a_number_is_set_aside_not_changed(xlsx_file, csv_file):
    rows = [["户编号", "发放日期", "项目", "金额", "卡号"], ["HL-001", "2022-06-30", "禁牧补助", 100, 6228480000000005678]]
    result = read_table(xlsx_file("payments.xlsx", rows), "payments")
    assert result.counts.rows_loaded == 1
    assert result.records["card_number"].isna().all()
    warning = [p for p in result.problems if p.column == "卡号"][0]
    assert warning.severity == "warning"
    assert warning.row == 2
    assert "文本" in warning.message
    saved = csv_file("payments.csv", [rows[0], ["HL-001", "2022-06-30", "禁牧补助", "100", "6.22848E+18"]])
    result = read_table(saved, "payments")
    assert result.counts.rows_loaded == 1
    assert result.records["card_number"].isna().all()


@pytest.mark.parametrize(
    "table, rows, column",
    [
        ("payments", [["户编号", "年份", "项目", "金额"], ["HL-001", "2022", "禁牧补助", "1e300"]], "金额"),
        ("payments", [["户编号", "年份", "项目", "金额"], ["HL-001", "2022", "禁牧补助", "50000000"]], "金额"),
        ("households", [["户编号", "户主姓名", "单位", "禁牧面积"], ["HL-001", "甲", "红柳嘎查", "3000000000"]], "禁牧面积"),
        (
            "projects",
            [["项目", "年份", "地区", "类别", "资金合计", "资金单位"], ["路", "2020", "红柳嘎查", "交通", "5000", "亿元"]],
            "资金合计",
        ),
    ],
)
def test_amounts_and_areas_have_plausible_bounds(csv_file, table, rows, column):
    result = read_table(csv_file(f"{table}.csv", rows), table)
    assert result.counts.rows_rejected == 1
    assert result.errors[0].column == column


def _payments_rows(n: int, start: int = 0) -> list[list[str]]:
    return [[f"HL-{i % 900 + 1:03d}", "2022-06-30", "禁牧补助", "100"] for i in range(start, start + n)]


def test_a_file_gbk_at_first_and_utf8_after_is_not_read_as_garbled_text(tmp_path):
    header = ["户编号", "发放日期", "项目", "金额"]
    gbk = write_csv(tmp_path / "a.csv", [header, *_payments_rows(3000)], "gb18030").read_bytes()
    assert len(gbk) > 65536  # past what the encoding is guessed from
    utf8 = write_csv(tmp_path / "b.csv", _payments_rows(5, 3000), "utf-8").read_bytes()
    path = tmp_path / "payments.csv"
    path.write_bytes(gbk + utf8)
    result = read_table(path, "payments")
    assert not result.ok
    assert result.counts.rows_loaded == 0
    message = result.errors[0].message
    assert "GBK" in message
    assert "UTF-8" in message
    assert f"第 {3002} 行" in message


def test_a_file_utf8_at_first_and_gbk_after_names_the_row(tmp_path):
    header = ["户编号", "发放日期", "项目", "金额"]
    utf8 = write_csv(tmp_path / "a.csv", [header, *_payments_rows(10)], "utf-8").read_bytes()
    gbk = write_csv(tmp_path / "b.csv", _payments_rows(2, 10), "gb18030").read_bytes()
    path = tmp_path / "payments.csv"
    path.write_bytes(utf8 + gbk)
    message = read_table(path, "payments").errors[0].message
    assert "第 12 行起却是 GBK" in message


def test_a_utf8_mark_before_gbk_text_says_so(tmp_path):
    path = tmp_path / "payments.csv"
    rows = [["户编号", "发放日期", "项目", "金额"], *_payments_rows(3)]
    path.write_bytes(b"\xef\xbb\xbf" + write_csv(tmp_path / "x.csv", rows, "gb18030").read_bytes())
    message = read_table(path, "payments").errors[0].message
    assert "标明是 UTF-8" in message
    assert "GBK" in message


def test_a_date_without_its_day_is_a_warning_that_shows_how_it_was_read(csv_file):
    rows = [
        ["户编号", "发放日期", "项目", "金额"],
        ["HL-001", "2023.5", "禁牧补助", "100"],
        ["HL-001", "2022", "禁牧补助", "100"],
    ]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert result.counts.rows_loaded == 2
    warnings = {p.row: p for p in result.problems if p.severity == "warning" and p.column == "发放日期"}
    assert "按 2023-05-01 计" in warnings[2].message
    assert warnings[2].value == "2023.5"
    assert "按 2022-01-01 计" in warnings[3].message


def test_a_date_stored_as_a_fractional_number_is_not_guessed(xlsx_file):
    rows = [
        ["户编号", "发放日期", "项目", "金额"],
        ["HL-001", 2023.5, "禁牧补助", 100],
        ["HL-001", "2022-06-30", "禁牧补助", 100],
    ]
    result = read_table(xlsx_file("payments.xlsx", rows), "payments")
    assert result.counts.rows_rejected == 1
    assert result.errors[0].row == 2
    assert result.errors[0].column == "发放日期"


@pytest.mark.parametrize("maker", ["csv", "xlsx"])
def test_a_year_is_written_as_a_year(csv_file, xlsx_file, maker):
    rows = [["户编号", "年份", "项目", "金额"], ["HL-001", "2021", "禁牧补助", "100"], ["HL-001", "2.022e3", "禁牧补助", "100"]]
    path = csv_file("payments.csv", rows) if maker == "csv" else xlsx_file("payments.xlsx", rows)
    result = read_table(path, "payments")
    assert result.counts.rows_loaded == 1
    assert result.errors[0].row == 3
    assert result.errors[0].column == "年份"


def test_a_file_of_many_bad_rows_lists_each_kind_a_hundred_times_then_counts(csv_file):
    rows = [["户编号", "发放日期", "项目", "金额"]] + [["HL-001", "2022-06-30", "禁牧补助", "约100"] for _ in range(1000)]
    rows += [["HL-001", "2022-06-30", "禁牧补助", "100"]]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert result.counts.rows_rejected == 1000
    assert result.counts.rows_loaded == 1
    listed = [p for p in result.errors if p.count == 1]
    summary = [p for p in result.errors if p.count > 1]
    assert len(listed) == 100
    assert [p.row for p in listed] == list(range(2, 102))
    assert len(summary) == 1
    assert summary[0].count == 900
    assert summary[0].column == "金额"
    assert "还有 900 处" in summary[0].message
    assert "第 102—1001 行" in summary[0].message
    assert result.error_count == 1000
    assert len(result.rejected) == 1000  # every rejected row is still there to download
    assert set(result.rejected["reasons"].astype(str)) == {f"金额：{listed[0].message}"}


def test_a_row_wrong_in_two_places_gives_both_reasons_in_column_order(csv_file):
    bad = [["HL-001", "2022-13-45", "禁牧补助", "约100"] for _ in range(200)]  # enough for the bulk path
    result = read_table(csv_file("payments.csv", [["户编号", "发放日期", "项目", "金额"], *bad]), "payments")
    reasons = result.rejected["reasons"].astype(str)
    assert reasons.nunique() == 1
    assert reasons.iloc[0].startswith("发放日期：")
    assert "；金额：" in reasons.iloc[0]


def test_rows_rejected_for_the_same_reason_one_by_one_share_it(csv_file):
    rows = [
        ["户编号", "发放日期", "项目", "金额"],
        ["HL-001", "2022-06-30", "禁牧补助", "待定"],
        ["HL-002", "2022-06-30", "禁牧补助", "无"],
    ]
    rows += [["HL-003", "2022-06-30", "禁牧补助", "100"]]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert result.counts.rows_rejected == 2
    assert result.counts.rows_loaded == 1
    assert result.rejected["reasons"].astype(str).nunique() == 1


def test_a_year_alone_outside_the_range_says_so(csv_file):
    rows = [["户编号", "发放日期", "项目", "金额"], ["HL-001", "1899", "禁牧补助", "100"]]
    error = read_table(csv_file("payments.csv", rows), "payments").errors[0]
    assert "1900—2100" in error.message
