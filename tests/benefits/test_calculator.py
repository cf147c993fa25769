"""Calculator rules with hand-computed cases, and reconcile cases."""

import datetime as dt

import pandas as pd
import pytest

import campaignkit.benefits.cases as rec
from campaignkit.benefits import estimate, months_in_band, reconcile
from campaignkit.errors import CalculatorError


def policy(item, standard, unit, basis, level="中央", start=2016, end=None, condition=None, category="测试"):
    return dict(
        item=item,
        category=category,
        standard=standard,
        standard_unit=unit,
        basis=basis,
        funding_level=level,
        year_from=start,
        year_to=end,
        condition=condition,
        document=f"{item}文件",
    )


def policies(*rows):
    frame = pd.DataFrame(rows)
    frame["year_to"] = frame["year_to"].astype("Float64")
    return frame


HERDER = {
    "household_id": "T-1",
    "household_type": "牧户",
    "grazing_ban_area": 2000.0,
    "balance_area": 1000.0,
    "arable_area": 30.0,
    "grassland_area": 3000.0,
    "persons": 3,
}


def member(name, born, **kw):
    return {"name": name, "birth_month": pd.Timestamp(born), **kw}


def test_area_standard_with_the_arithmetic_in_words():
    est = estimate(HERDER, [], policies(policy("禁牧补助", 7.5, "元/亩/年", "禁牧面积")), 2022)
    row = est.items.iloc[0]
    assert row["amount"] == 15000
    assert row["中央"] == 15000
    assert row["explanation"] == "禁牧补助：禁牧面积 2,000 亩 × 7.5 元/亩/年 = 15,000 元（中央出资）"


def test_each_unit_kind():
    table = policies(
        policy("草畜平衡奖励", 2.5, "元/亩/年", "草畜平衡面积"),
        policy("耕地补贴", 60, "元/亩/年", "耕地面积"),
        policy("生产资料", 500, "元/户/年", "户"),
        policy("人口补助", 100, "元/人/年", "人口"),
        policy("低保", 720, "元/人/月", "低保人数"),
        policy("残疾补贴", 80, "元/人/月", "残疾人数"),
    )
    people = [
        member("甲", "1970-01", dibao=True),
        member("乙", "1972-01", dibao=False, disability_grade="二级"),
        member("丙", "2000-01"),
    ]
    items = estimate(HERDER, people, table, 2022).items.set_index("item")["amount"]
    assert items.to_dict() == {
        "草畜平衡奖励": 2500,
        "耕地补贴": 1800,
        "生产资料": 500,
        "人口补助": 300,
        "低保": 720 * 12,
        "残疾补贴": 80 * 12,
    }


def test_age_threshold_prorated_from_the_birthday_month():
    table = policies(policy("基础养老金", 88, "元/人/月", "60岁以上人数", level="中央80%/自治区20%"))
    people = [member("张三明", "1962-05"), member("李四", "1950-01"), member("王五", "1970-01")]
    row = estimate(HERDER, people, table, 2022).items.iloc[0]
    # 李四: 12 months; 张三明 turns 60 in May 2022: May–December = 8 months.
    assert row["months"] == 20
    assert row["amount"] == 88 * 20
    assert row["中央"] == pytest.approx(88 * 20 * 0.8)
    assert row["自治区"] == pytest.approx(88 * 20 * 0.2)
    assert "张*明当年5月满 60 周岁，按月折算 8 个月" in row["explanation"]
    assert "张三明" not in row["explanation"]
    assert "张三明" in estimate(HERDER, people, table, 2022, mask=False).items.iloc[0]["explanation"]


def test_age_from_the_id_number_when_birth_month_is_blank():
    from campaignkit.core.idnumber import make_id

    people = [{"name": "甲", "birth_month": None, "id_number": make_id("999999", dt.date(1942, 3, 9), 1)}]
    row = estimate(HERDER, people, policies(policy("高龄津贴", 100, "元/人/月", "80至99岁人数")), 2022).items.iloc[0]
    assert row["months"] == 10  # turns 80 in March 2022


def test_centenarian_moves_from_the_80_to_99_item_to_the_100_item():
    table = policies(
        policy("高龄津贴", 100, "元/人/月", "80至99岁人数", level="自治区"),
        policy("百岁津贴", 600, "元/人/月", "100岁以上人数", level="自治区"),
    )
    items = estimate(HERDER, [member("甲", "1922-04")], table, 2022).items.set_index("item")
    assert items.loc["高龄津贴", "months"] == 3
    assert items.loc["百岁津贴", "months"] == 9
    assert items["amount"].sum() == 3 * 100 + 9 * 600


@pytest.mark.parametrize(
    "born, year, months",
    [("1962-01", 2022, 12), ("1962-12", 2022, 1), ("1962-05", 2021, 0), ("1962-05", 2023, 12), (None, 2022, 0)],
)
def test_months_in_band(born, year, months):
    date = dt.date.fromisoformat(born + "-01") if born else None
    assert months_in_band(date, year, 60, None) == months


def test_validity_years():
    table = policies(
        policy("禁牧补助", 6, "元/亩/年", "禁牧面积", start=2016, end=2020),
        policy("禁牧补助", 7.5, "元/亩/年", "禁牧面积", start=2021),
    )
    assert estimate(HERDER, [], table, 2020).total == 12000
    assert estimate(HERDER, [], table, 2021).total == 15000
    assert estimate(HERDER, [], table, 2015).total == 0


def test_household_type_condition():
    table = policies(policy("生产资料", 500, "元/户/年", "户", condition="牧户、农牧户"))
    assert estimate({**HERDER, "household_type": "农牧户"}, [], table, 2020).total == 500
    assert estimate({**HERDER, "household_type": "农户"}, [], table, 2020).total == 0


def test_totals_by_level():
    table = policies(
        policy("禁牧补助", 7.5, "元/亩/年", "禁牧面积"),
        policy("养老金", 100, "元/人/月", "60岁以上人数", level="中央80%/自治区20%"),
    )
    est = estimate(HERDER, [member("甲", "1950-01")], table, 2022)
    assert est.by_level.set_index("level")["amount"].to_dict() == {"中央": 15000 + 960, "自治区": 240}
    assert "应得合计 16,200 元" in est.summary()


def test_typed_in_household_needs_no_stored_data():
    est = estimate({"grazing_ban_area": 100}, None, policies(policy("禁牧补助", 7.5, "元/亩/年", "禁牧面积")), 2023)
    assert est.total == 750


def test_bad_year_is_refused():
    with pytest.raises(CalculatorError):
        estimate(HERDER, [], policies(policy("禁牧补助", 7.5, "元/亩/年", "禁牧面积")), 10**9)


def test_reconcile_reasons():
    expected = pd.DataFrame(
        {
            "household_id": ["A", "A", "A", "B"],
            "year": [2022] * 4,
            "item": ["禁牧补助", "养老金", "低保", "禁牧补助"],
            "amount": [15000, 1056, 8640, 7500],
        }
    )
    paid = pd.DataFrame(
        {
            "household_id": ["A", "A", "B", "B"],
            "year": [2022] * 4,
            "item": ["禁牧补助", "养老金", "禁牧补助", "神秘补贴"],
            "amount": [12000, 2112, 7500.4, 50],
            "payments": [1, 2, 1, 1],
        }
    )
    cases = reconcile(expected, paid, known_items={"禁牧补助", "养老金", "低保"}).set_index(["household_id", "item"])
    assert cases.loc[("A", "禁牧补助"), "reason"] == rec.PAID_LESS
    assert cases.loc[("A", "禁牧补助"), "difference"] == -3000
    assert cases.loc[("A", "养老金"), "reason"] == rec.PAID_TWICE
    assert cases.loc[("A", "低保"), "reason"] == rec.NO_PAYMENT
    assert cases.loc[("B", "神秘补贴"), "reason"] == rec.NO_POLICY
    assert ("B", "禁牧补助") not in cases.index  # within tolerance
    assert "少 3,000 元" in cases.loc[("A", "禁牧补助"), "explanation"]


def test_vectorised_amounts_agree_with_the_household_calculator():
    from campaignkit import load_campaign
    from campaignkit.benefits.calculator import expected_amounts

    c = load_campaign()
    households = c.tables["households"].head(60)
    fast = expected_amounts(households, c.tables["members"], c.tables["policies"], [2016, 2019, 2023])
    by_household = dict(tuple(c.tables["members"].groupby("household_id")))
    slow = pd.concat(
        [
            estimate(h, by_household.get(h["household_id"]), c.tables["policies"], y).items.assign(
                household_id=h["household_id"], year=y
            )
            for h in households.to_dict("records")
            for y in (2016, 2019, 2023)
        ]
    )
    key = ["household_id", "year", "item"]
    merged = fast.merge(slow[[*key, "amount"]], on=key, how="outer", suffixes=("_fast", "_slow"))
    assert len(merged) == len(slow)
    assert (merged["amount_fast"] - merged["amount_slow"]).abs().max() < 0.01
