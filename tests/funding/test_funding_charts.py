"""Chart builders: structure, values, the source line and the 示例 badge (never pixels)."""

import pandas as pd
import pytest

from campaignkit.funding import compute as funding
from campaignkit.funding.charts import funding_by_level, funding_shares
from campaignkit.ui.charts import BADGE_NAME, annotation


def test_funding_by_level_sums_and_shares(sample):
    tidy = funding.by_level(sample.tables["projects"])
    by_year = tidy.groupby("year")["amount"].sum()
    expected = sample.tables["projects"].groupby("year")["total_yuan"].sum() / 1e4
    assert (by_year - expected).abs().max() < 1e-6
    assert tidy.groupby("year")["share"].sum().round(6).eq(1).all()
    fig = funding_by_level(tidy, pd.DataFrame({"source": ["示例数据（虚构）"]}), illustrative=True)
    levels = [t.meta["level"] for t in fig.data if t.type == "bar"]
    assert levels == ["中央", "自治区", "市级", "旗级", "镇级"]
    assert fig.layout.barmode == "stack"
    assert annotation(fig, BADGE_NAME) is not None
    totals = funding.level_totals(tidy)
    assert totals["share"].sum() == pytest.approx(1)
    shares = funding_shares(totals, pd.DataFrame({"source": ["x"]}), illustrative=False)
    assert any("%" in t for t in shares.data[0].text)


def test_projects_with_only_a_total_are_unsplit():
    projects = pd.DataFrame(
        {"year": [2020, 2020], "total_yuan": [1e6, 2e6], "central_yuan": [1e6, None], "region_level_yuan": [0.0, None]}
    )
    tidy = funding.by_level(projects)
    assert tidy.set_index("level")["amount"].to_dict() == {"中央": 100.0, "自治区": 0.0, funding.UNSPLIT: 200.0}


def test_physical_quantities(sample):
    q = funding.physical_quantities(sample.tables["projects"])
    road = q[(q["category"] == "交通") & (q["quantity_unit"] == "公里")]
    assert road["quantity"].iloc[0] == pytest.approx(sample.tables["projects"].query("category == '交通'")["quantity"].sum())
