"""Coverage as a leader is assessed on it, computed by hand on a small register, on two engines."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaignkit.outreach.coverage import UNGRIDDED, OutreachStore, Period, months_without

PHASE = Period(dt.date(2023, 12, 1), dt.date(2024, 3, 31))
HOUSEHOLDS = pd.DataFrame(
    {
        "household_id": ["a1", "a2", "a3", "a4", "b1", "b2", "c1"],
        "unit": ["甲村", "甲村", "甲村", "甲村", "甲村", "乙社区", "乙社区"],
        # b1 moved from 二组 to 一组 during the period: the register says 一组 now.
        "grid": ["一组", "一组", "二组", "二组", "一组", "第一网格", None],
        "farmer": [True, True, True, False, True, False, False],
        "dibao": [False, False, False, False, False, True, False],
    }
)
VISITS = pd.DataFrame(
    {
        "household_id": ["a1", "a1", "a1", "a3", "b1", "b1", "b2", "c1", "a4"],
        "date": pd.to_datetime(
            [
                "2023-12-05",  # a1 three times: counts once
                "2024-01-10",
                "2024-03-31",  # the last day of the phase is in it
                "2024-02-01",
                "2023-12-20",  # b1 visited while still in 二组, and again in 一组
                "2024-02-20",
                "2024-04-01",  # b2 only after the phase
                "2023-11-30",  # c1 only before it
                "2024-01-15",
            ]
        ),
    }
)
GRIDS = [("甲村", "一组"), ("甲村", "二组"), ("甲村", "三组"), ("乙社区", "第一网格")]


@pytest.fixture(params=["duckdb", "polars"])
def store(request) -> OutreachStore:
    return OutreachStore(HOUSEHOLDS, VISITS, grids=GRIDS, units=["甲村", "乙社区", "镇机关"], backend=request.param)


def _rows(frame: pd.DataFrame, *keys: str) -> dict:
    return {
        tuple(r[k] for k in keys): (r["registered"], r["visited"], None if pd.isna(r["rate"]) else round(r["rate"], 4))
        for _, r in frame.iterrows()
    }


def test_coverage_by_grid_counts_each_household_once_in_its_present_grid(store):
    got = _rows(store.coverage("grid", period=PHASE), "unit", "grid")
    assert got == {
        # 一组: a1 (3 visits), a2 (none), b1 (moved in; both visits count for 一组) → 2 of 3
        ("甲村", "一组"): (3, 2, 0.6667),
        ("甲村", "二组"): (2, 2, 1.0),  # a3, a4
        ("甲村", "三组"): (0, 0, None),  # no registered household: 无对象, never 100 %
        ("乙社区", "第一网格"): (1, 0, 0.0),  # b2 visited only after the phase
        ("乙社区", UNGRIDDED): (1, 0, 0.0),  # c1 visited before the campaign: not counted
    }


def test_coverage_by_unit_and_for_the_town_never_exceeds_one(store):
    by_unit = _rows(store.coverage("unit", period=PHASE), "unit")
    assert by_unit == {("甲村",): (5, 4, 0.8), ("乙社区",): (2, 0, 0.0), ("镇机关",): (0, 0, None)}
    town = store.coverage("town", period=PHASE).iloc[0]
    assert (town["registered"], town["visited"]) == (7, 4)
    everything = store.coverage("grid")  # all time: every visit, still at most one per household
    assert (everything["visited"] <= everything["registered"]).all()
    assert everything["rate"].dropna().le(1).all()


def test_drill_down_to_one_village_and_the_repeat_visits_listed(store):
    one = store.coverage("grid", unit="乙社区", period=PHASE)
    assert list(one["grid"]) == ["第一网格", UNGRIDDED]
    repeats = store.repeats(period=PHASE)
    assert dict(zip(repeats["household_id"], repeats["visits"])) == {"a1": 3, "b1": 2}


def test_a_period_by_month(store):
    january = _rows(store.coverage("unit", period=Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31))), "unit")
    assert january[("甲村",)] == (5, 2, 0.4)  # a1 on the 10th, a4 on the 15th


def test_the_plans_groups_where_the_register_carries_them(store):
    groups = store.groups(period=PHASE).set_index("group")
    assert (groups.loc["农牧民", "registered"], groups.loc["农牧民", "visited"]) == (4, 3)  # a1, a2, a3, b1
    assert (groups.loc["城镇低保户", "registered"], groups.loc["城镇低保户", "visited"]) == (1, 0)
    assert not groups.loc["个体工商户", "carried"]
    assert pd.isna(groups.loc["个体工商户", "rate"])


def test_both_engines_give_the_same_figures():
    duck = OutreachStore(HOUSEHOLDS, VISITS, grids=GRIDS, backend="duckdb")
    polars = OutreachStore(HOUSEHOLDS, VISITS, grids=GRIDS, backend="polars")
    for by in ("unit", "grid", "town"):
        pd.testing.assert_frame_equal(duck.coverage(by, period=PHASE), polars.coverage(by, period=PHASE), check_dtype=False)


SCREENINGS = pd.DataFrame(
    {
        "row": [2, 3, 4, 5, 6, 7],
        "work": ["石榴红了"] * 6,
        "unit": ["甲村", "乙村", "甲村", "丙村", "乙村", "丙村"],
        "place": ["党群中心"] * 6,
        "start": pd.to_datetime(
            [
                "2024-01-05 19:00",
                "2024-01-05 20:30",
                "2024-01-05 21:00",
                "2024-01-06 19:00",
                "2024-02-06 19:00",
                "2024-01-06 21:00",
            ]
        ),
        "end": pd.to_datetime(
            [
                "2024-01-05 21:00",
                "2024-01-05 22:00",
                "2024-01-05 22:30",
                "2024-01-06 21:00",
                "2024-02-06 21:00",
                "2024-01-06 23:00",
            ]
        ),
        "crew": ["刘师傅", "刘师傅", "乌兰牧骑", "刘师傅", "刘师傅", "刘师傅"],
    }
)


@pytest.mark.parametrize("backend", ["duckdb", "polars"])
def test_a_crew_in_two_places_at_once_is_found_and_back_to_back_is_not(backend):
    store = OutreachStore(HOUSEHOLDS, VISITS, screenings=SCREENINGS, backend=backend)
    found = store.conflicts(month=dt.date(2024, 1, 1))
    # Rows 2 and 3: 刘师傅 19:00–21:00 in 甲村 and 20:30 in 乙村. Row 4 is another crew; row 5
    # is the next day; row 7 starts at 21:00 the minute row 5 ends: back to back, not a clash.
    assert [(c.crew, c.row_a, c.row_b) for c in found.itertuples()] == [("刘师傅", 2, 3)]
    assert store.conflicts(month=dt.date(2024, 2, 1)).empty


def test_villages_without_a_screening_in_a_month_are_listed():
    store = OutreachStore(HOUSEHOLDS, VISITS, screenings=SCREENINGS)
    missing = months_without(
        store.screenings_by_month(), ["甲村", "乙村", "丙村"], Period(dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    )
    assert [(f"{m:%Y-%m}", u) for m, u in zip(missing["month"], missing["unit"])] == [("2024-02", "甲村"), ("2024-02", "丙村")]


def test_a_full_grid_cannot_be_read_back_from_the_total():
    """3 of 3 households in one grid, 20 of 20 in the other: hiding the small grid is not
    enough while the total says 23 of 23 (visited cannot exceed registered)."""
    from campaignkit.outreach.disclosure import hidden_figures

    cells = pd.DataFrame(
        {
            "unit": ["甲村", "甲村"],
            "grid": ["一组", "二组"],
            "farmer": [True, True],
            "dibao": [False, False],
            "registered": [3, 20],
            "visited": [3, 20],
        }
    )
    hidden = hidden_figures(cells)
    assert hidden[("grid", "甲村", "一组")] == "primary"
    assert ("unit", "甲村") in hidden
    assert ("town",) in hidden
    assert ("group", "甲村", "农牧民") in hidden


def test_a_small_part_no_page_shows_is_protected_too():
    """78 farming households and 2 others in one grid: the grid and the 农牧民 figure together
    would give the 2 others' visits by subtraction."""
    from campaignkit.outreach.disclosure import hidden_figures

    cells = pd.DataFrame(
        {
            "unit": ["甲村", "甲村"],
            "grid": ["一组", "一组"],
            "farmer": [True, False],
            "dibao": [False, False],
            "registered": [78, 2],
            "visited": [60, 1],
        }
    )
    hidden = hidden_figures(cells)
    published = {("grid", "甲村", "一组"), ("unit", "甲村"), ("town",), ("group", "甲村", "农牧民"), ("group", "全镇", "农牧民")}
    # Whatever stays published must not pin the two households' count: at least one of each pair goes.
    assert not ({("grid", "甲村", "一组"), ("group", "甲村", "农牧民")} <= published - set(hidden))
