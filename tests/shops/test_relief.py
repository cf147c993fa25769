"""The shops' tax relief: each measure in force in a year, its arithmetic and its document,
checked against the issue's worked example and on both sides of every measure's dates."""

from __future__ import annotations

import csv
import json
from decimal import Decimal as D

import pytest

from campaignkit.cli import main
from campaignkit.core.paths import reference_dir
from campaignkit.shops.measures import MeasuresError, load_rules, read_measures
from campaignkit.shops.relief import ShopYear, relief_lines, relief_report


def arithmetic(shop: ShopYear) -> list[str]:
    return [line.arithmetic for line in relief_lines(shop)]


def test_the_worked_example_exactly(capsys):
    assert main(["shop", "--year", "2023", "--sales-month", "80000", "--taxable-income", "200000", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "year": 2023,
        "lines": [
            {
                "measure": "小规模纳税人月销售额10万元以下免征增值税",
                "basis": "财政部 税务总局公告2023年第19号",
                "relief": 28800.0,
                "arithmetic": "增值税：月销售额 8万元，不超过 10万元，免征；按 3% 应缴 96万元 × 3% = 28,800元，少缴 28,800元（财政部 税务总局公告2023年第19号）",
            },
            {
                "measure": "个体工商户年应纳税所得额不超过200万元的部分减半征收个人所得税",
                "basis": "财政部 税务总局公告2023年第12号",
                "relief": 14750.0,
                "arithmetic": "个人所得税：应纳税所得额 20万元，按经营所得税率 20万元 × 20% − 10,500 = 29,500元，减半后少缴 14,750元（财政部 税务总局公告2023年第12号）",
            },
        ],
        "relief_total": 43550.0,
    }


def test_no_line_before_a_measure_began_or_after_it_ended():
    shop = dict(sales=D(960_000), taxable_income=D(200_000))
    assert arithmetic(ShopYear(2018, **shop)) == []  # before every measure of the table
    in_2020 = arithmetic(ShopYear(2020, **shop))  # the 10万 exemption, no income-tax halving yet
    assert [a.split("：")[0] for a in in_2020] == ["增值税"]
    assert "财税〔2019〕13号" in in_2020[0]
    assert any(a.startswith("个人所得税") and "2021年第12号" in a for a in arithmetic(ShopYear(2021, **shop)))
    assert arithmetic(ShopYear(2028, **shop)) == []  # the table's measures end with 2027


def test_a_measure_whose_terms_changed_uses_each_years_terms():
    income = D(1_500_000)  # between the 2021–2022 cap (100万) and the 2023 one (200万)
    tax = income * D("0.35") - 65_500  # 459,500
    in_2022 = relief_report(ShopYear(2022, taxable_income=income))["relief_total"]
    in_2023 = relief_report(ShopYear(2023, taxable_income=income))["relief_total"]
    assert D(str(in_2022)) == (tax * D(1_000_000) / income / 2).quantize(D("0.01"))
    assert D(str(in_2023)) == tax / 2  # all of it is under 200万
    over = arithmetic(ShopYear(2023, taxable_income=D(2_500_000)))[0]
    assert "不超过 200万元 的部分 809,500元 × 200万元 ÷ 250万元 = 647,600元，减半后少缴 323,800元" in over


def test_the_vat_threshold_moves_on_the_first_of_april_2021():
    lines = arithmetic(ShopYear(2021, sales=D(12 * 120_000)))  # 12万 a month: over 10万, under 15万
    assert lines == [
        "增值税（1—3月）：月销售额 12万元，超过 10万元，按 1% 缴 36万元 × 1% = 3,600元；按 3% 应缴 36万元 × 3% = 10,800元，少缴 7,200元（财政部 税务总局公告2021年第7号）",
        "增值税（4—12月）：月销售额 12万元，不超过 15万元，免征；按 3% 应缴 108万元 × 3% = 32,400元，少缴 32,400元（财政部 税务总局公告2021年第11号）",
    ]


def test_over_each_threshold():
    over_15 = arithmetic(ShopYear(2022, sales=D(12 * 200_000)))
    assert over_15[0].startswith("增值税（1—3月）：月销售额 20万元，超过 15万元，按 1% 缴 60万元")
    assert over_15[1].startswith(
        "增值税（4—12月）：月销售额 20万元，适用 3% 征收率的销售额免征；按 3% 应缴 180万元 × 3% = 54,000元"
    )
    assert "2022年第15号" in over_15[1]
    over_10 = relief_lines(ShopYear(2024, sales=D(12 * 100_001)))
    assert [line.relief for line in over_10] == [D("24000.24")]  # 1,200,012 × (3% − 1%)
    at_10 = relief_lines(ShopYear(2024, sales=D(12 * 100_000)))
    assert [line.relief for line in at_10] == [D("36000")]  # 10万 itself is exempt (含本数)


def test_a_fixed_quota_shop_and_a_general_taxpayer():
    quota = arithmetic(ShopYear(2023, sales=D(360_000), taxpayer="定期定额", taxable_income=D(60_000)))
    assert quota[0].startswith("增值税：月销售额 3万元，不超过 10万元，免征")
    assert quota[1].startswith("个人所得税：应纳税所得额 6万元，按经营所得税率 6万元 × 10% − 1,500 = 4,500元，减半后少缴 2,250元")
    general = ShopYear(2021, sales=D(6_000_000), taxpayer="一般纳税人", local_taxes=D(1000), taxable_income=D(100_000))
    assert [line.arithmetic.split("：")[0] for line in relief_lines(general)] == [
        "个人所得税"
    ]  # 2019–2021's 六税两费 cut was for small-scale taxpayers
    general_2023 = ShopYear(2023, sales=D(6_000_000), taxpayer="一般纳税人", local_taxes=D(1000))
    assert [line.relief for line in relief_lines(general_2023)] == [D(500)]  # from 2023 every 个体工商户


def test_a_loan_with_its_interest_subsidy():
    loan = ShopYear(2023, loan=D(200_000), loan_rate=D("3.95"), loan_lpr=D("3.45"))
    assert arithmetic(loan) == [
        "创业担保贷款贴息：贷款 20万元，年利率 3.95%，借款人负担 LPR 3.45% − 1.5个百分点 = 1.95%，其余 2个百分点由财政贴息：20万元 × 2% = 4,000元（创业担保贷款贴息政策，2021年1月1日起新发放的贷款）"
    ]
    assert arithmetic(ShopYear(2020, loan=D(200_000), loan_rate=D("3.95"), loan_lpr=D("3.45"))) == []  # before the rule
    assert (
        arithmetic(ShopYear(2023, loan=D(200_000), loan_rate=D("1.9"), loan_lpr=D("3.45"))) == []
    )  # the borrower's share covers it


def test_a_shop_in_the_table_by_its_code(capsys):
    assert main(["shop", "--year", "2023", "--id", "YG-S02"]) == 0
    said = capsys.readouterr().out
    assert "合计少缴 55,350 元" in said
    assert main(["shop", "--year", "2023", "--id", "YG-S02", "--sales-month", "80000", "--format", "json"]) == 0
    what_if = json.loads(capsys.readouterr().out)  # the table's other figures, this month's sales
    assert what_if["lines"][0]["relief"] == 28800.0
    assert what_if["relief_total"] == 28800 + 20750 + 1800 + 4000
    assert main(["shop", "--year", "2020", "--id", "YG-S02"]) == 2
    assert "没有 2020 年的数字（表里有：2023）" in capsys.readouterr().err
    assert main(["shop", "--year", "2023", "--sales-month", "八万"]) == 2
    assert "--sales-month：“八万”不是数字" in capsys.readouterr().err


def test_every_measure_cites_a_read_source():
    folder = reference_dir()
    with open(folder / "policy_sources.csv", encoding="utf-8") as handle:
        sources = {row["row"]: row for row in csv.DictReader(handle)}
    rules = load_rules()
    for measure in rules.measures:
        assert measure.sources, measure
        for key in measure.sources:
            row = sources[key]
            assert row["source_url"].startswith("http"), key
            assert 0 < len(row["quote"]) <= 80, key
            assert row["read_on"] == "2026-12-06", key


def test_a_bad_measures_row_is_named_by_file_row_and_column(tmp_path):
    source = (reference_dir() / "shop_relief_measures.csv").read_text(encoding="utf-8").splitlines()
    broken = source[:3] + [source[3].replace("2020-03-01", "2020-13-01")] + source[4:]
    path = tmp_path / "shop_relief_measures.csv"
    path.write_text("\n".join(broken), encoding="utf-8")
    with pytest.raises(MeasuresError, match="shop_relief_measures.csv 第 4 行“start”列：“2020-13-01”不是日期"):
        read_measures(path)


def test_a_bad_shop_row_is_named_where_the_trainer_sees_it(campaign_copy, capsys):
    path = campaign_copy / "shops.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",960000,", ",-5,")  # YG-S01's 2023 sales, row 3 in Excel
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(campaign_copy), "--table", "shops", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["file"], p["row"], p["column"], p["severity"]) for p in problems] == [("shops.csv", 3, "全年销售额", "error")]
    assert main(["shop", "--year", "2023", "--id", "YG-S01", str(campaign_copy)]) == 2  # the refused row is not computed


def test_a_shops_card_says_each_line_and_masks_the_operator(tmp_path, capsys):
    from pypdf import PdfReader

    out = tmp_path / "明白卡.pdf"
    assert main(["shop", "--year", "2023", "--id", "YG-S02", "--card", str(out)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "")
    assert "2023年减税降费明白卡（个体工商户） 示例" in text
    assert "经营者：李*生" in text
    assert "李春生" not in text
    for said in (
        "按 1% 缴 144万元 × 1% = 14,400元",
        "26万元 × 20% − 10,500 = 41,500元，减半后少缴 20,750元",
        "合计少缴 55,350元",
    ):
        assert said in text
    assert main(["shop", "--year", "2023", "--card", str(out), "--sales-month", "80000"]) == 2
    assert "--card 要和 --id 一起用" in capsys.readouterr().err
