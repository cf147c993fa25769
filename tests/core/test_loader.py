"""One defect per fixture file; each test checks what the trainer is told and
that every row is accounted for."""

import pandas as pd
import pytest

from campaignkit import read_table
from campaignkit.core.idnumber import make_id
from helpers import PAYMENT_HEADER, accounted

GOOD_ROWS = [
    ["HL-001", "2022-06-30", "禁牧补助", "15000", "9999000011112222"],
    ["HL-002", "2022-07-01", "草畜平衡奖励", "2500", "9999000011113333"],
]


def only(problems, severity="error"):
    return [p for p in problems if p.severity == severity]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(csv_file, encoding):
    path = csv_file(
        "payments.csv", [PAYMENT_HEADER, *GOOD_ROWS, ["HL-003", "2022-07-02", "高龄津贴（百岁老人）", "7200", ""]], encoding
    )
    result = read_table(path, "payments")
    assert result.ok, result.problems
    assert result.records["item"].tolist() == ["禁牧补助", "草畜平衡奖励", "高龄津贴（百岁老人）"]
    assert result.records["src_row"].tolist() == [2, 3, 4]


def test_gbk_file_named_txt_is_read_by_content(csv_file):
    path = csv_file("发放明细.txt", [PAYMENT_HEADER, *GOOD_ROWS], "gbk")
    assert read_table(path, "payments").records["item"].iloc[0] == "禁牧补助"


def test_title_rows_notes_rows_and_blank_rows_are_counted_not_loaded(csv_file):
    rows = [
        ["2022年一卡通发放明细表", "", "", "", ""],
        ["", "", "", "", ""],
        PAYMENT_HEADER,
        GOOD_ROWS[0],
        ["", "", "", "", ""],
        GOOD_ROWS[1],
        ["注：金额单位为元", "", "", "", ""],
        ["资料来源：镇财政所", "", "", "", ""],
    ]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert result.header_row == 3
    c = result.counts
    assert (c.rows_read, c.rows_skipped, c.rows_rejected, c.rows_loaded) == (5, 3, 0, 2)
    assert result.records["src_row"].tolist() == [4, 6]


def test_hand_typed_notes_row_with_fewer_columns(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text("户编号,发放日期,项目,金额,卡号\nHL-001,2022-06-30,禁牧补助,100,1\n注：以上为示例\n", encoding="utf-8")
    result = read_table(path, "payments")
    assert result.ok
    assert result.counts.rows_skipped == 1
    assert result.counts.rows_loaded == 1


def test_xlsx_with_merged_title_and_notes(xlsx_file):
    rows = [["无定河镇一卡通发放明细"], [], PAYMENT_HEADER, *GOOD_ROWS, [], ["注：示例"]]
    path = xlsx_file("payments.xlsx", rows, merges=["A1:E1"], sheet="明细")
    result = read_table(path, "payments")
    assert result.ok
    assert result.sheet == "明细"
    assert result.header_row == 3
    assert result.records["src_row"].tolist() == [4, 5]
    assert result.records["amount"].tolist() == [15000.0, 2500.0]
    assert accounted(result.counts)
    assert result.counts.rows_skipped == 2


def test_merged_data_cells_take_the_value_excel_shows(xlsx_file):
    rows = [
        ["地区", "指标", "年份", "数值", "单位", "来源"],
        ["乌审旗", "地区生产总值", 2013, 378, "亿元", "报道"],
        [None, "地区生产总值", 2024, 352, "亿元", "报道"],
    ]
    path = xlsx_file("indicators.xlsx", rows, merges=["A2:A3"])
    result = read_table(path, "indicators")
    assert result.ok, result.problems
    assert result.records["region"].tolist() == ["乌审旗", "乌审旗"]


def test_wrong_header_is_named_with_a_suggestion(csv_file):
    path = csv_file("payments.csv", [["户编号", "发放日期", "项目名", "金额"], ["HL-001", "2022-06-30", "禁牧补助", "1"]])
    result = read_table(path, "payments")
    errors = only(result.problems)
    assert len(errors) == 1
    assert errors[0].column == "项目"
    assert errors[0].row == 1
    assert "项目名" in errors[0].message
    assert result.counts.rows_rejected == 1
    assert result.records.empty
    assert result.rejected["src_row"].tolist() == [2]


def test_unknown_column_is_a_warning_not_silently_dropped(csv_file):
    path = csv_file("payments.csv", [PAYMENT_HEADER + ["经办人"], GOOD_ROWS[0] + ["王某"]])
    result = read_table(path, "payments")
    assert result.ok
    warning = only(result.problems, "warning")[0]
    assert warning.column == "经办人"
    assert "没有读入" in warning.message


def test_data_right_of_the_last_header_is_reported(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_text("户编号,发放日期,项目,金额\nHL-001,2022-06-30,禁牧补助,100,多出来的\n", encoding="utf-8")
    result = read_table(path, "payments")
    assert any("没有表头" in p.message and p.row == 2 for p in result.problems)


def test_bad_numbers_name_file_row_column_and_value(csv_file):
    rows = [
        PAYMENT_HEADER,
        GOOD_ROWS[0],
        ["HL-002", "2022-06-30", "禁牧补助", "不详", ""],
        ["HL-003", "2022-06-30", "禁牧补助", "约120", ""],
        ["HL-004", "2022-06-30", "禁牧补助", "1,200.50", ""],
        ["HL-005", "2022-06-30", "禁牧补助", "-5", ""],
    ]
    result = read_table(csv_file("payments.csv", rows), "payments")
    errors = {(p.row, p.column, p.value) for p in only(result.problems)}
    assert errors == {(3, "金额", "不详"), (4, "金额", "约120"), (6, "金额", "-5")}
    assert all(p.file == "payments.csv" for p in result.problems)
    assert result.records["amount"].tolist() == [15000.0, 1200.5]
    assert accounted(result.counts)
    assert result.counts.rows_rejected == 3
    assert set(result.rejected["src_row"]) == {3, 4, 6}


def test_every_error_in_a_row_is_listed(csv_file):
    rows = [PAYMENT_HEADER, ["", "2022-13-40", "禁牧补助", "abc", ""]]
    result = read_table(csv_file("payments.csv", rows), "payments")
    columns = {p.column for p in only(result.problems)}
    assert columns == {"户编号", "发放日期", "金额"}
    assert result.counts.rows_rejected == 1


def test_header_unit_converts_to_the_column_unit(csv_file):
    rows = [["户编号", "年份", "项目", "金额（万元）"], ["HL-001", "2022年", "禁牧补助", "1.5"]]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert result.records["amount"].iloc[0] == pytest.approx(15000)


def test_duplicate_household_id(xlsx_file):
    rows = [
        ["户编号", "户主姓名", "单位"],
        ["HL-001", "甲", "红柳嘎查"],
        ["HL-002", "乙", "红柳嘎查"],
        ["HL-001", "丙", "红柳嘎查"],
    ]
    result = read_table(xlsx_file("households.xlsx", rows), "households")
    error = only(result.problems)[0]
    assert error.row == 4
    assert error.column == "户编号"
    assert "第 2 行" in error.message
    assert result.records["household_id"].tolist() == ["HL-001", "HL-002"]


def test_bad_id_checksum(xlsx_file):
    good = make_id("999999", __import__("datetime").date(1960, 1, 2), 5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [["户编号", "户主姓名", "单位", "身份证号"], ["HL-001", "甲", "红柳嘎查", good], ["HL-002", "乙", "红柳嘎查", bad]]
    result = read_table(xlsx_file("households.xlsx", rows, text_cols=(4,)), "households")
    warning = only(result.problems, "warning")[0]  # an ID identifies nothing here: set aside, the row kept
    assert (warning.row, warning.column) == (3, "身份证号")
    assert "校验位" in warning.message
    assert result.counts.rows_loaded == 2
    assert result.records["id_number"].isna().tolist() == [False, True]


def test_id_number_stored_as_excel_number(xlsx_file):
    rows = [["户编号", "户主姓名", "单位", "身份证号"], ["HL-001", "甲", "红柳嘎查", 999999196001020051]]
    result = read_table(xlsx_file("households.xlsx", rows), "households")
    assert "文本" in only(result.problems, "warning")[0].message
    assert result.records["id_number"].isna().all()


def test_empty_file(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_bytes(b"")
    result = read_table(path, "payments")
    assert result.unreadable
    assert "空" in result.problems[0].message
    assert result.counts.rows_read == 0


def test_not_a_spreadsheet(tmp_path):
    path = tmp_path / "payments.xlsx"
    path.write_bytes(b"%PDF-1.4 this is a pdf\x00\x01")
    result = read_table(path, "payments")
    assert result.unreadable
    assert ".xlsx" in result.problems[0].message


def test_binary_file_named_csv(tmp_path):
    path = tmp_path / "payments.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = read_table(path, "payments")
    assert result.unreadable
    assert "不是文本格式" in result.problems[0].message


def test_no_header_found(csv_file):
    result = read_table(csv_file("payments.csv", [["a", "b"], ["1", "2"]]), "payments")
    assert "找不到表头" in result.problems[0].message
    assert not result.unreadable


def test_table_is_guessed_from_chinese_file_name(csv_file):
    path = csv_file("一卡通发放明细.csv", [PAYMENT_HEADER, *GOOD_ROWS])
    assert read_table(path).table == "payments"


def test_table_is_guessed_from_headers(csv_file):
    path = csv_file("export (3).csv", [PAYMENT_HEADER, *GOOD_ROWS])
    assert read_table(path).table == "payments"


def test_payment_needs_a_date_or_a_year(csv_file):
    rows = [
        ["户编号", "发放日期", "年份", "项目", "金额"],
        ["HL-001", "", "", "禁牧补助", "1"],
        ["HL-002", "", "2021", "禁牧补助", "1"],
    ]
    result = read_table(csv_file("payments.csv", rows), "payments")
    assert [p.row for p in only(result.problems)] == [2]
    assert result.records["year"].tolist() == [2021]


IND_HEADER = ["地区", "指标", "年份", "数值", "单位", "来源"]


def test_same_figure_in_wan_and_yi_yuan_gets_the_same_base_value(csv_file):
    rows = [IND_HEADER, ["甲镇", "财政收入", "2022", "5000", "万元", "公报"], ["甲镇", "财政收入", "2021", "0.5", "亿元", "公报"]]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert result.records["base_value"].tolist() == [5e7, 5e7]
    assert set(result.records["base_unit"]) == {"元"}
    assert result.records["unit"].tolist() == ["万元", "亿元"]


def test_unknown_unit_is_kept_with_a_warning(csv_file):
    rows = [IND_HEADER, ["甲镇", "羊绒", "2022", "12", "袋", "公报"], ["甲镇", "羊绒", "2023", "13", "袋", "公报"]]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert result.ok
    assert result.records["unit"].tolist() == ["袋", "袋"]
    warnings = only(result.problems, "warning")
    assert len(warnings) == 1
    assert "袋" in warnings[0].message
    assert "2 行" in warnings[0].message


def test_percent_sign_sets_the_unit(csv_file):
    rows = [["地区", "指标", "年份", "数值", "来源"], ["甲镇", "城镇化率", "2022", "68.6%", "公报"]]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert result.ok
    assert result.records.loc[0, "unit"] == "%"
    assert result.records.loc[0, "value"] == 68.6


def test_disagreeing_sources_are_both_kept_with_a_warning(csv_file):
    rows = [
        IND_HEADER,
        ["内蒙古", "森林覆盖率", "2019", "20.79", "%", "央视"],
        ["内蒙古", "森林覆盖率", "2019", "22.1", "%", "新华社"],
    ]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert result.ok
    assert len(result.records) == 2
    assert "两者都保留" in only(result.problems, "warning")[0].message


def test_same_source_two_values_is_an_error(csv_file):
    rows = [IND_HEADER, ["甲镇", "人口", "2019", "100", "人", "公报"], ["甲镇", "人口", "2019", "120", "人", "公报"]]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert [p.row for p in only(result.problems)] == [3]


def test_yearbook_wide_layout_with_unit_in_the_name(xlsx_file):
    rows = [
        ["乌审旗主要指标"],
        ["指标", "2012", "2013年", "2014"],
        ["地区生产总值（亿元）", 300, 378, None],
        ["常住人口（万人）", 12.5, "—", 13],
    ]
    path = xlsx_file("indicators.xlsx", rows)
    result = read_table(path, "indicators", defaults={"地区": "乌审旗", "来源": "年鉴"})
    assert result.wide
    errors = only(result.problems)
    assert [(p.row, p.column, p.value) for p in errors] == [(4, "2013年", "—")]
    recs = result.records
    assert recs[["indicator", "year", "value", "unit"]].values.tolist() == [
        ["地区生产总值", 2012, 300.0, "亿元"],
        ["地区生产总值", 2013, 378.0, "亿元"],
    ]
    assert set(recs["region"]) == {"乌审旗"}
    assert recs["src_row"].tolist() == [3, 3]
    c = result.counts
    assert (c.rows_read, c.rows_rejected, c.rows_loaded, c.records_loaded) == (2, 1, 1, 2)


def test_wide_layout_without_region_default_is_an_error(csv_file):
    result = read_table(csv_file("indicators.csv", [["指标", "单位", "2012"], ["GDP", "亿元", "1"]]), "indicators")
    assert any(p.column == "地区" for p in only(result.problems))


def test_parquet_reads(tmp_path):
    path = tmp_path / "payments.parquet"
    pd.DataFrame({"户编号": ["HL-001"], "年份": [2022], "项目": ["禁牧补助"], "金额": [100.0]}).to_parquet(path)
    result = read_table(path, "payments")
    assert result.ok
    assert result.records["src_row"].tolist() == [2]


def test_policy_funding_shares_must_add_up(xlsx_file):
    header = ["项目", "类别", "标准", "标准单位", "计算依据", "资金层级", "起始年份"]
    rows = [
        header,
        ["养老金", "养老", 88, "元/人/月", "60岁以上人数", "中央80%/自治区20%", 2018],
        ["低保", "救助", 720, "元/人/月", "低保人数", "中央80%/自治区10%", 2023],
        ["禁牧", "生态", 7.5, "元/亩/年", "禁牧面积", "国家", 2021],
    ]
    result = read_table(xlsx_file("policies.xlsx", rows), "policies")
    assert [p.row for p in only(result.problems)] == [3, 4]
    assert "90%" in only(result.problems)[0].message


def test_member_birth_month_is_taken_from_the_id_number(csv_file):
    number = make_id("999999", __import__("datetime").date(1944, 5, 6), 1)
    rows = [["户编号", "姓名", "身份证号", "出生年月"], ["HL-001", "甲", number, ""], ["HL-001", "乙", number, "1950-01"]]
    result = read_table(csv_file("members.csv", rows), "members")
    assert result.records["birth_month"].iloc[0] == pd.Timestamp(1944, 5, 1)
    assert "不一致" in only(result.problems, "warning")[0].message


def test_timeline_needs_a_year(csv_file):
    rows = [["时间", "事件"], ["1949-08-10", "成立"], ["1927-02 至 1928-10", "作战"], ["建国之初", "?"]]
    result = read_table(csv_file("timeline.csv", rows), "timeline")
    assert result.records["year"].tolist() == [1949, 1927]
    assert [p.row for p in only(result.problems)] == [4]


def test_wide_layout_duplicate_indicator_rows(csv_file):
    rows = [
        ["地区", "指标", "单位", "来源", "2012", "2013"],
        ["甲镇", "人口", "人", "年鉴", "100", "110"],
        ["甲镇", "人口", "人", "年鉴", "100", "111"],
    ]
    result = read_table(csv_file("indicators.csv", rows), "indicators")
    assert [p.row for p in only(result.problems)] == [3]
    assert result.counts.records_loaded == 2


def test_messy_gbk_yearbook_export(tmp_path):
    """A GBK CSV as WPS exports it: title, unit in the header, full-width figures, blank and notes rows."""
    text = (
        "乌审旗主要经济指标,,,\r\n,,,\r\n指标,单位,2012年,2013年\r\n"
        '地区生产总值,亿元,\u3000３００,378\r\n,,,\r\n城镇化率,%," 56.2 ",57.1%\r\n'
        "粮食产量,万吨,约12,13\r\n注：数据来自统计年鉴\r\n"
    )
    path = tmp_path / "indicators.csv"
    path.write_bytes(text.encode("gbk"))
    result = read_table(path, "indicators", defaults={"地区": "乌审旗", "来源": "乌审旗统计年鉴"})
    assert [(p.row, p.column, p.value) for p in only(result.problems)] == [(7, "2012年", "约12")]
    assert result.records[["indicator", "year", "value"]].values.tolist() == [
        ["地区生产总值", 2012, 300.0],
        ["地区生产总值", 2013, 378.0],
        ["城镇化率", 2012, 56.2],
        ["城镇化率", 2013, 57.1],
    ]
    c = result.counts
    assert (c.rows_read, c.rows_skipped, c.rows_rejected, c.rows_loaded, c.records_loaded) == (5, 2, 1, 2, 4)
