"""The bundled sample is honest: real rows carry sources, invented rows say so,
invented people can never be real ones."""

import pandas as pd

from campaignkit.core.idnumber import SAMPLE_REGION
from helpers import ROOT


def test_every_indicator_has_a_source_or_is_marked_illustrative(sample):
    ind = sample.tables["indicators"]
    real = ind[~ind["illustrative"].astype(bool)]
    assert real["source"].notna().all()
    assert real["source_url"].str.startswith("http").all()
    assert (ind[ind["source_url"].isna()]["illustrative"]).all()


def test_real_indicators_are_the_reference_rows(sample):
    ref = pd.read_csv(ROOT / "data" / "reference" / "indicators.csv", dtype=str)
    real = sample.tables["indicators"][~sample.tables["indicators"]["illustrative"].astype(bool)]
    dated = ref[ref["year"].notna()]
    # One reference cell holds two figures (7.1/8.3) and became two rows.
    assert len(real) == len(dated) + 1
    assert set(real["source_url"]) == set(dated["source_url"])


def test_mirror_sources_are_flagged(sample):
    kinds = sample.tables["indicators"].dropna(subset=["source_kind"]).set_index("source_url")["source_kind"]
    assert kinds.get("http://m.xiaomonv0755.com/tjgb/05nmg/36928.html").iloc[0] == "第三方转载"
    assert kinds.get("https://tj.nmg.gov.cn/hdjl/xwfbh/202401/t20240119_2443748.html").iloc[0] == "官方"


def test_disagreeing_sources_are_both_kept(sample):
    forest = sample.tables["indicators"].query(
        "region == '内蒙古自治区' and year == 2019 and indicator.str.startswith('森林覆盖率')"
    )
    assert sorted(forest["value"]) == [20.79, 22.1]


def test_invented_people_use_the_fake_region_code(sample):
    for frame in (sample.tables["households"], sample.tables["members"]):
        ids = frame["id_number"].dropna()
        assert len(ids)
        assert ids.str.startswith(SAMPLE_REGION).all()
    assert sample.tables["households"]["illustrative"].all()
    assert sample.tables["projects"]["illustrative"].all()
    assert sample.tables["blueprint"]["illustrative"].all()
    assert sample.tables["policies"]["illustrative"].all()


def test_sample_is_big_enough_for_dashboards(sample):
    hh = sample.tables["households"]
    assert len(hh) >= 300
    assert hh["unit"].nunique() >= 5
    assert "社区居民户" in set(hh["household_type"])
    assert set(sample.tables["payments"]["year"]) == set(range(2016, 2024))
    assert len(sample.tables["policies"]) >= 12


def test_timeline_rows_all_have_sources(sample):
    assert sample.tables["timeline"]["source_url"].str.startswith("http").all()
