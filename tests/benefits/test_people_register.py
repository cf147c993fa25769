"""People data as villages keep it (issue 8): no person lost for a typo, relations as
GB/T 4761 writes them, and the calculator counting every person it can."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import campaignkit as ck
from campaignkit import read_table
from campaignkit.benefits import reconcile
from campaignkit.benefits.calculator import expected_amounts
from campaignkit.benefits.tables import PAYMENTS, POLICIES
from campaignkit.core.idnumber import make_id, upgrade_15
from campaignkit.core.people import HOUSEHOLDS, MEMBERS
from campaignkit.core.relations import CODES, relation_code
from campaignkit.errors import CalculatorError

MEMBERS_HEADER = ["户编号", "姓名", "身份证号", "出生年月", "与户主关系"]
REGISTER = [
    MEMBERS_HEADER,
    ["HX-001", "甲", "999999195803011236", "1958-03", "户主"],  # check digit mistyped
    ["HX-001", "乙", "", "1963-07", "妻"],
    ["HX-001", "丙", "99999919430501123", "1943-05", "父亲"],  # 17 digits
    ["HX-001", "丁", "", "1990-11", "长子"],
    ["HX-001", "戊", "", "2015-02", "孙女"],
]
HOUSEHOLD = [["户编号", "户主姓名", "单位", "禁牧面积", "草畜平衡面积"], ["HX-001", "测试户", "示例嘎查", "2000", "1000"]]
POLICY_ROWS = [
    ["项目", "类别", "标准", "标准单位", "计算依据", "资金层级", "起始年份"],
    ["禁牧补助", "生态", "7.5", "元/亩/年", "禁牧面积", "中央", "2021"],
    ["草畜平衡奖励", "生态", "2.5", "元/亩/年", "草畜平衡面积", "中央", "2021"],
    ["城乡居民基础养老金", "养老", "110", "元/人/月", "60岁以上人数", "中央", "2020"],
    ["高龄津贴", "养老", "100", "元/人/月", "80岁以上人数", "自治区", "2012"],
]


def _register(csv_file, members=REGISTER, policies=POLICY_ROWS):
    return (
        read_table(csv_file("households.csv", HOUSEHOLD), "households").records,
        read_table(csv_file("members.csv", members), "members"),
        read_table(csv_file("policies.csv", policies), "policies").records,
    )


def test_the_village_register_counts_every_person(csv_file):
    households, members, policies = _register(csv_file)
    assert members.counts.rows_loaded == 5
    assert members.ok
    warned = sorted({p.row for p in members.problems if p.severity == "warning"})
    assert warned == [2, 4]
    estimate = ck.estimate(households.iloc[0], members.records, policies, 2023, mask=False)
    amounts = estimate.items.set_index("item")["amount"]
    assert estimate.total == 21600
    assert amounts["城乡居民基础养老金"] == 3300
    assert amounts["高龄津贴"] == 800
    words = "\n".join(estimate.items["explanation"])
    assert "甲的年龄按出生年月计算" in words
    assert "丙的年龄按出生年月计算" in words
    assert "乙的年龄按出生年月计算" not in words  # 乙 wrote no ID: nothing was set aside


def test_an_empty_policy_table_is_refused_in_chinese(csv_file):
    households, members, _ = _register(csv_file)
    with pytest.raises(CalculatorError, match="惠民政策表是空的"):
        ck.estimate(households.iloc[0], members.records, pd.DataFrame(), 2023)
    with pytest.raises(CalculatorError, match="缺少这些列：.*起始年份"):
        ck.estimate(households.iloc[0], members.records, pd.DataFrame({"item": ["x"], "standard": [1.0]}), 2023)


def test_many_households_and_reconcile_refuse_bad_input_in_chinese(csv_file):
    households, members, policies = _register(csv_file)
    with pytest.raises(CalculatorError, match="没有户编号"):
        expected_amounts(households.assign(household_id=None), members.records, policies, [2023])
    with pytest.raises(CalculatorError, match="缺少这些列：.*笔数"):
        reconcile(pd.DataFrame(columns=["household_id", "year", "item", "amount"]), pd.DataFrame(columns=["household_id"]))


def test_the_set_aside_rule_is_written_in_the_declarations():
    def aside(table):
        return {f.name for f in table.fields if f.set_aside}

    assert aside(MEMBERS) == {"id_number", "birth_month", "relation", "dibao", "tekun", "disability_grade"}
    assert aside(HOUSEHOLDS) == {"id_number"}
    assert aside(PAYMENTS) == {"card_number"}
    assert not {f.name for f in MEMBERS.fields if f.required} & aside(MEMBERS)  # what identifies is never set aside
    assert not POLICIES.field("category").required


@pytest.mark.parametrize(
    "column, value, kept",
    [
        ("身份证号", "999999195803011236", True),
        ("与户主关系", "表舅的邻居", True),
        ("残疾等级", "五级", True),
        ("出生年月", "1958-13", True),
        ("低保", "也许", True),
        ("户编号", "", False),
        ("姓名", "", False),
    ],
)
def test_members_keep_the_row_for_what_identifies_nothing(csv_file, column, value, kept):
    header = [*MEMBERS_HEADER, "残疾等级", "低保"]
    row = dict(zip(header, ["HX-001", "甲", "", "1958-03", "户主", "", "否"]))
    row[column] = value
    result = read_table(csv_file("members.csv", [header, [row[h] for h in header]]), "members")
    assert result.counts.rows_loaded == (1 if kept else 0)
    problem = [p for p in result.problems if p.column == column][0]
    assert problem.severity == ("warning" if kept else "error")
    assert problem.row == 2
    if kept:
        assert problem.value == value
        assert "照常读入" in problem.message


@pytest.mark.parametrize(
    "column, value, kept",
    [
        ("卡号", "62284800000000056781234567", True),
        ("卡号", 6228480000000005678, True),
        ("金额", "约100", False),
        ("年份", "去年", False),
    ],
)
def test_payments_keep_the_payment_when_only_the_card_number_is_bad(xlsx_file, column, value, kept):
    header = ["户编号", "年份", "项目", "金额", "卡号"]
    row = dict(zip(header, ["HL-001", "2022", "禁牧补助", "100", "6228480000000005678"]))
    row[column] = value
    result = read_table(xlsx_file("payments.xlsx", [header, [row[h] for h in header]], text_cols=(5,)), "payments")
    assert result.counts.rows_loaded == (1 if kept else 0)


@pytest.mark.parametrize(
    "written, code",
    [
        ("妻", "12"),
        ("夫", "11"),
        ("长子", "22"),
        ("次女", "33"),
        ("父亲", "51"),
        ("母亲", "52"),
        ("孙子", "41"),
        ("孙女", "42"),
        ("外孙女", "44"),
        ("兄", "71"),
        ("妹妹", "77"),
        ("儿媳", "38"),
        ("女婿", "28"),
        ("公公", "53"),
        ("岳母", "56"),
        ("非亲属", "99"),
        ("12", "12"),
        ("２２", "22"),
        ("老伴", "10"),
        ("之子", "20"),
        ("之女", "30"),
        ("丈夫", "11"),
        ("媳妇", "38"),
        (" 长子 ", "22"),
    ],
)
def test_relations_as_gb_t_4761_and_village_books_write_them(written, code):
    assert relation_code(written) == code


def test_the_code_table_is_the_standards():
    # GB/T 4761-2008's two-digit table: 01–02, 10–12, 20–29, 30–39, 40–49, 50–59, 60–69, 70–79, 80–97, 99.
    expected = {"01", "02", "10", "11", "12", "97", "99", *(f"{d}{u}" for d in "234567" for u in "0123456789")}
    expected |= {f"8{u}" for u in "0123456789"} | {f"9{u}" for u in "0123456"}
    assert set(CODES) == expected
    assert (CODES["22"], CODES["44"], CODES["53"], CODES["84"], CODES["92"]) == (
        "长子",
        "外孙女",
        "公公",
        "婶母",
        "表兄弟、表姐妹",
    )


def test_relations_are_kept_as_written_with_the_standard_beside_them(csv_file):
    rows = [MEMBERS_HEADER, ["HX-001", "甲", "", "1958-03", "老伴"], ["HX-001", "乙", "", "1990-03", "小叔子的朋友"]]
    result = read_table(csv_file("members.csv", rows), "members")
    records = result.records.set_index("name")
    assert (records.at["甲", "relation"], records.at["甲", "relation_code"], records.at["甲", "relation_category"]) == (
        "老伴",
        "10",
        "配偶",
    )
    assert pd.isna(records.at["乙", "relation"])
    assert records.at["乙", "review"] == "关系未识别"
    warning = [p for p in result.problems if p.column == "与户主关系"][0]
    assert warning.value == "小叔子的朋友"
    assert "关系未识别" in warning.message


def test_a_15_digit_id_becomes_18_digits_with_a_warning(csv_file):
    full = make_id("999999", dt.date(1958, 3, 1), 123)
    old = full[:6] + full[8:17]  # the old form: two-digit year, no check digit
    assert upgrade_15(old) == full
    rows = [MEMBERS_HEADER, ["HX-001", "甲", old, "", "户主"]]
    result = read_table(csv_file("members.csv", rows), "members")
    record = result.records.iloc[0]
    assert record["id_number"] == full
    assert record["age_from"] == "身份证号"
    assert record["birth_month"] == pd.Timestamp(1958, 3, 1)
    warning = result.problems[0]
    assert warning.severity == "warning"
    assert "15 位" in warning.message
    assert full not in warning.message


def test_a_birth_month_and_id_that_disagree_are_both_named_and_the_month_wins(csv_file):
    number = make_id("999999", dt.date(1958, 5, 1), 7)
    rows = [MEMBERS_HEADER, ["HX-001", "甲", number, "1958-03", "户主"]]
    result = read_table(csv_file("members.csv", rows), "members")
    warning = result.problems[0]
    assert "1958-03" in warning.message
    assert "1958-05" in warning.message
    assert "按出生年月" in warning.message
    assert result.records.iloc[0]["birth_month"] == pd.Timestamp(1958, 3, 1)
    assert result.records.iloc[0]["age_from"] == "出生年月"


def test_a_person_without_any_usable_age_is_kept_and_left_out_with_a_note(csv_file):
    rows = [*REGISTER[:2], ["HX-001", "己", "12345", "去年", "父亲"]]
    households, members, policies = _register(csv_file, rows)
    assert members.counts.rows_loaded == 2
    person = members.records.set_index("name").loc["己"]
    assert "年龄无法确定" in person["review"]
    words = "\n".join(ck.estimate(households.iloc[0], members.records, policies, 2023, mask=False).items["explanation"])
    assert "己出生年月和身份证号都不能用，年龄无法确定，没有计入（资料待核）" in words


@pytest.mark.parametrize("written, month", [("1958.3", 3), ("1958年3月", 3), ("195803", 3), ("１９５８－０３", 3)])
def test_birth_months_written_the_village_way(csv_file, written, month):
    rows = [MEMBERS_HEADER, ["HX-001", "甲", "", written, "户主"]]
    result = read_table(csv_file("members.csv", rows), "members")
    assert result.records.iloc[0]["birth_month"] == pd.Timestamp(1958, month, 1)
    assert not result.problems


def test_a_birth_month_excel_stored_as_1958_1_is_read_with_a_warning(xlsx_file):
    rows = [MEMBERS_HEADER, ["HX-001", "甲", None, 1958.1, "户主"], ["HX-001", "乙", None, 1958.3, "妻"]]
    result = read_table(xlsx_file("members.xlsx", rows), "members")
    assert result.records["birth_month"].tolist() == [pd.Timestamp(1958, 1, 1), pd.Timestamp(1958, 3, 1)]
    warning = [p for p in result.problems if p.row == 2][0]
    assert "按 1958-01 读入" in warning.message
    assert "10 月" in warning.message
    assert not [p for p in result.problems if p.row == 3]


def test_a_policies_sheet_without_its_category_column_loads_every_policy(csv_file):
    rows = [[c for i, c in enumerate(r) if i != 1] for r in POLICY_ROWS]
    result = read_table(csv_file("policies.csv", rows), "policies")
    assert result.ok
    assert result.counts.rows_loaded == 4


def test_data_caused_cases_are_labelled_for_the_register_not_the_door(campaign_copy):
    from campaignkit.benefits.cases import DATA_REVIEW
    from campaignkit.benefits.service import BenefitsData

    with open(campaign_copy / "members.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-002,测试人,999999194001010010,,父亲,否,否,\r\n")  # a bad ID and no 出生年月: age unknown
    with open(campaign_copy / "payments.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-002,2022-06-30,2022,城乡居民基础养老金,1320,中央,,\r\n")  # his pension, which the register cannot explain
    benefits = BenefitsData(ck.load_campaign(campaign_copy, strict=False))
    notes = benefits.review_notes(["HL-002", "HL-001"])
    assert list(notes) == ["HL-002"]
    assert "身份证号有误" in notes["HL-002"]
    assert "测试人" not in notes["HL-002"]
    cases = benefits.follow_up(["HL-002", "HL-001"], [2022])
    mine = cases[cases["household_id"] == "HL-002"]
    assert len(mine)
    assert set(mine["reason"]) == {DATA_REVIEW}
    assert mine["explanation"].str.contains("先核对户表和家庭成员表").all()
    assert mine["explanation"].str.contains("身份证号有误").all()
    assert DATA_REVIEW not in set(cases.loc[cases["household_id"] == "HL-001", "reason"])


def test_a_register_written_by_hand_the_village_way_counts_everyone(tmp_path):
    """Full-width digits, a 15-digit ID, relation words, 出生年月 as 1958.3 / 1963年7月 / 194305."""
    from campaignkit.benefits.service import BenefitsData
    from helpers import write_csv

    rows = [
        MEMBERS_HEADER,
        ["ＨＸ－００１", "甲", "９９９９９９５８０３０１１２３", "1958.3", "户主"],
        ["HX-001", "乙", "", "1963年7月", "老伴"],
        ["HX-001", "丙", "", "194305", "之父"],
        ["HX-001", "丁", "", "１９９０－１１", "户主之长子"],
        ["HX-001", "戊", "", "2015.2", "孙女"],
    ]
    write_csv(tmp_path / "members.csv", rows)
    write_csv(tmp_path / "households.csv", HOUSEHOLD)
    write_csv(tmp_path / "policies.csv", POLICY_ROWS)
    campaign = ck.load_campaign(tmp_path, strict=False)
    assert campaign.ok, campaign.errors
    members = campaign.tables["members"]
    assert len(members) == 5
    assert members["relation_code"].notna().all()
    assert members["review"].isna().all()
    estimate = BenefitsData(campaign).estimate("HX-001", 2023)
    assert estimate.total == 21600


def test_the_door_visit_page_marks_register_cases_and_shows_calculator_refusals(campaign_copy, tmp_path):
    from campaignkit.benefits.door_visit import DoorVisitView
    from campaignkit.benefits.service import BenefitsData

    with open(campaign_copy / "members.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-002,测试人,999999194001010010,,父亲,否,否,\r\n")
    with open(campaign_copy / "payments.csv", "a", encoding="utf-8") as fh:
        fh.write("HL-002,2023-06-30,2023,城乡居民基础养老金,1320,中央,,\r\n")
    campaign = ck.load_campaign(campaign_copy, strict=False)
    door = DoorVisitView(BenefitsData(campaign), tmp_path / "log.csv", tmp_path / "cards")
    door.code.value = "HL-002"
    door.lookup.click()
    assert "【资料待核】" in door.cases.value
    assert "测试人" not in door.cases.value

    (campaign_copy / "policies.xlsx").unlink()
    empty = DoorVisitView(BenefitsData(ck.load_campaign(campaign_copy, strict=False)), tmp_path / "log.csv", tmp_path / "c2")
    empty.code.value = "HL-002"
    empty.lookup.click()
    assert "惠民政策表是空的" in empty.status.value
    assert "Traceback" not in empty.status.value


def test_a_note_relabels_only_the_items_it_can_change(tmp_path):
    from campaignkit.benefits.cases import DATA_REVIEW, PAID_TWICE
    from campaignkit.benefits.service import BenefitsData
    from helpers import write_csv

    members = [[*MEMBERS_HEADER, "残疾等级"], ["HX-001", "甲", "", "1958-03", "户主", "五级"]]  # grade set aside
    policies = [*POLICY_ROWS, ["耕地地力保护补贴", "农业", "10", "元/亩/年", "耕地面积", "中央", "2021"]]
    payments = [
        ["户编号", "年份", "项目", "金额", "资金层级"],
        ["HX-001", "2023", "禁牧补助", "15000", "中央"],
        ["HX-001", "2023", "禁牧补助", "15000", "中央"],  # paid twice
        ["HX-001", "2023", "耕地地力保护补贴", "300", "中央"],  # the register has no 耕地面积 column at all
        ["HX-001", "2023", "草畜平衡奖励", "2500", "中央"],
        ["HX-001", "2023", "城乡居民基础养老金", "1320", "中央"],
    ]
    for name, rows in (("members", members), ("households", HOUSEHOLD), ("policies", policies), ("payments", payments)):
        write_csv(tmp_path / f"{name}.csv", rows)
    cases = BenefitsData(ck.load_campaign(tmp_path, strict=False)).follow_up(["HX-001"], [2023]).set_index("item")
    assert cases.at["禁牧补助", "reason"] == PAID_TWICE  # a disability note cannot explain a double payment
    assert cases.at["耕地地力保护补贴", "reason"] == DATA_REVIEW
    assert "耕地面积未填" in cases.at["耕地地力保护补贴", "explanation"]
