import shutil

import pytest

from campaignkit import CampaignDataError, catalogue, check_campaign, load_campaign
from helpers import accounted, append_line


def test_bundled_sample_loads_strictly():
    campaign = load_campaign()
    assert campaign.ok
    assert set(campaign.results) == set(catalogue())  # the sample has a file for every registered table
    for counts in campaign.counts:
        assert accounted(counts)
        assert counts.rows_rejected == 0
    payments = campaign.tables["payments"]
    assert {"household_id", "year", "item", "amount", "src_file", "src_row"} <= set(payments.columns)
    assert payments["year"].between(2016, 2023).all()


def test_strict_load_lists_every_problem_not_just_the_first(campaign_copy):
    append_line(campaign_copy / "payments.csv", "NOPE-1,2022-06-30,2022,禁牧补助,100,中央,99990000,")
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,禁牧补助,很多,中央,99990000,")
    with pytest.raises(CampaignDataError) as info:
        load_campaign(campaign_copy)
    errors = info.value.errors
    assert len(errors) == 2
    text = str(info.value)
    assert "户表中没有这个户编号" in text
    assert "金额" in text
    assert "payments.csv" in text


def test_dangling_reference_is_rejected_and_counted(campaign_copy):
    append_line(campaign_copy / "members.csv", "XX-999,某人,,1950-01,户主,否,否,")
    campaign = check_campaign(campaign_copy)
    members = campaign.results["members"]
    problem = [p for p in campaign.errors if p.table == "members"][0]
    assert problem.column == "户编号"
    assert problem.value == "XX-999"
    assert problem.row == members.counts.rows_read + 1
    assert accounted(members.counts)
    assert members.counts.rows_rejected == 1
    assert "XX-999" not in set(members.records["household_id"])
    assert "XX-999" in set(members.rejected["household_id"])


def test_unknown_payment_item_is_a_warning(campaign_copy):
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,神秘补贴,100,中央,99990000,")
    campaign = check_campaign(campaign_copy)
    assert campaign.ok
    assert any("神秘补贴" in p.message and p.severity == "warning" for p in campaign.problems)


def test_household_unit_must_be_in_campaign_toml(campaign_copy, tmp_path):
    text = (campaign_copy / "campaign.toml").read_text(encoding="utf-8").replace('name = "杨树村"', 'name = "杨树嘎查"')
    (campaign_copy / "campaign.toml").write_text(text, encoding="utf-8")
    campaign = check_campaign(campaign_copy)
    assert any(p.table == "households" and "campaign.toml" in p.message for p in campaign.errors)


def test_two_files_for_one_table_is_an_error(campaign_copy):
    shutil.copy(campaign_copy / "timeline.csv", campaign_copy / "历史大事.csv")
    campaign = check_campaign(campaign_copy)
    assert any("只保留一个" in p.message for p in campaign.errors)


def test_broken_toml_is_reported(campaign_copy):
    (campaign_copy / "campaign.toml").write_text('name = "未闭合\n', encoding="utf-8")
    campaign = check_campaign(campaign_copy)
    assert any(p.file == "campaign.toml" and "格式有误" in p.message for p in campaign.errors)
