"""The guide table: the six statements verbatim, points whose evidence (timeline 编号,
indicator series) the loader checks with the row and column the trainer sees in Excel,
and the sample's points resting only on sourced events and figures."""

from __future__ import annotations

import csv

import pandas as pd

from campaignkit import load_campaign
from campaignkit.guide import STATEMENTS, coverage, events_of, points, series_of
from campaignkit.load import check_campaign
from helpers import SAMPLE

SEED_STATEMENTS = [
    "内蒙古地区是中国共产党最早建立党组织的民族地区",
    "内蒙古自治区是在中共中央直接领导下建立的",
    "内蒙古是在党中央的支持下发展起来的",
    "内蒙古工作中出现的重大偏差都是党中央帮助纠正的",
    "内蒙古新时代的发展成就是在习近平总书记亲切关怀和指引下取得的",
    "内蒙古作为模范自治区模范就模范在听党的话上",
]
HEADER = ["句子", "序号", "要点", "事实", "通俗说法", "适用对象", "事件编号", "指标", "来源", "来源链接"]


def _guide_rows(folder, rows):
    with open(folder / "guide.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _row(**changes):
    row = dict(zip(HEADER, [STATEMENTS[0], 1, "要点", "事实", "", "农牧民", "E08", "", "某来源", ""]))
    row.update(changes)
    return list(row.values())


def test_the_statements_are_the_seeds_wording_verbatim():
    assert list(STATEMENTS) == SEED_STATEMENTS


def test_the_sample_guide_loads_and_every_point_has_real_evidence(sample):
    guide, timeline = sample.tables["guide"], sample.tables["timeline"]
    assert len(guide) >= 8
    assert not guide["illustrative"].any()
    covered = coverage(guide).set_index("statement")["points"]
    assert covered[STATEMENTS[3]] == 0  # nothing in the reference data: left empty, said in the README
    assert all(covered[s] >= 1 for s in STATEMENTS if s != STATEMENTS[3])
    assert "重大偏差" in (SAMPLE / "README.md").read_text(encoding="utf-8")
    for _, point in guide.iterrows():
        events, series = events_of(point, timeline), series_of(point)
        assert len(events) or series, point["point"]
        assert events["source"].notna().all()
        assert events["source_url"].str.startswith("http").all()
        for s in series:
            rows = sample.tables["indicators"]
            rows = rows[(rows["region"] == s.region) & (rows["indicator"] == s.indicator)]
            assert len(rows)
            assert not rows["illustrative"].any()


def test_points_follow_statement_order_and_suit_the_audience(sample):
    guide = sample.tables["guide"]
    for_herders = points(guide, audience="农牧民")
    assert list(for_herders["statement"].map(STATEMENTS.index)) == sorted(for_herders["statement"].map(STATEMENTS.index))
    assert for_herders["audiences"].map(lambda a: "农牧民" in a).all()
    community = points(guide, STATEMENTS[4], "社区居民")
    assert "城镇居民收入也大幅增加" in set(community["point"])
    assert "“十个全覆盖”把路、水、电、房送到嘎查村" in set(community["point"])


def test_a_point_citing_an_unknown_event_or_series_is_an_error_with_row_and_column(campaign_copy):
    _guide_rows(
        campaign_copy,
        [
            _row(),
            _row(要点="二", 事件编号="E08、E99"),
            _row(要点="三", 事件编号="", 指标="内蒙古自治区：不存在的指标"),
            _row(要点="四", 事件编号="", 指标="内蒙古自治区：农村牧区常住居民人均可支配收入；乌审旗：森林覆盖率"),
            _row(要点="五", 适用对象="农牧民、外星人"),
        ],
    )
    campaign = check_campaign(campaign_copy)
    errors = [p for p in campaign.problems if p.severity == "error" and p.table == "guide"]
    by_row = {p.row: p for p in errors}
    assert set(by_row) == {3, 4, 6}  # Excel rows: the header is row 1
    assert by_row[3].column == "事件编号"
    assert "E99" in by_row[3].message
    assert "E08" not in by_row[3].message
    assert by_row[4].column == "指标"
    assert "不存在的指标" in by_row[4].message
    assert by_row[6].column == "适用对象"
    assert "外星人" in by_row[6].message
    assert all(p.file == "guide.csv" for p in errors)
    assert list(campaign.tables["guide"]["point"]) == ["要点", "四"]  # bad rows set aside, good rows kept


def test_a_statement_not_in_the_six_is_refused(campaign_copy):
    _guide_rows(campaign_copy, [_row(句子="内蒙古是个好地方")])
    campaign = check_campaign(campaign_copy)
    problem = next(p for p in campaign.problems if p.table == "guide" and p.severity == "error")
    assert problem.row == 2
    assert problem.column == "句子"


def test_the_timeline_has_codes_and_levels_and_a_repeated_code_is_an_error(campaign_copy):
    timeline = load_campaign(SAMPLE).tables["timeline"]
    assert timeline["code"].is_unique
    assert timeline["code"].notna().all()
    assert set(timeline["level"]) <= {"全国", "自治区", "市", "旗", "镇"}
    assert timeline["level"].notna().all()
    path = campaign_copy / "timeline.csv"
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    frame.loc[3, "编号"] = "E01"
    frame.to_csv(path, index=False, encoding="utf-8-sig")
    campaign = check_campaign(campaign_copy)
    problem = next(p for p in campaign.problems if p.table == "timeline" and p.severity == "error")
    assert problem.row == 5
    assert problem.column == "编号"
    assert "第 2 行" in problem.message
