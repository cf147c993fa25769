"""The payment query layer: the same ibis expressions on DuckDB and on Polars."""

import pandas as pd
import pytest

from campaignkit.benefits.store import PaymentStore


@pytest.fixture(scope="module")
def stores(sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    duck = PaymentStore.from_campaign(sample, folder, backend="duckdb")
    polars = PaymentStore.from_parquet(folder / "payments.parquet", folder / "households.parquet", backend="polars")
    return duck, polars


def test_card_matches_the_table(sample, stores):
    duck, _ = stores
    card = duck.card("HL-001")
    rows = sample.tables["payments"][sample.tables["payments"]["household_id"] == "HL-001"]
    assert card["amount"].sum() == pytest.approx(rows["amount"].sum())
    assert set(card["year"]) == set(rows["year"])


def test_aggregates_suppress_small_groups(stores):
    duck, _ = stores
    agg = duck.aggregates(["unit", "item"])
    small = agg[agg["households"] < 5]
    assert len(small)
    assert small["amount"].isna().all()
    assert small["suppressed"].all()
    big = agg[agg["households"] >= 5]
    assert big["amount"].notna().all()
    assert (big["average"] - big["amount"] / big["households"]).abs().max() < 1e-6


def test_unknown_grouping_is_refused(stores):
    with pytest.raises(ValueError):
        stores[0].aggregates(["head_name"])


@pytest.mark.parametrize(
    "query",
    [
        lambda s: s.card("SL-010"),
        lambda s: s.paid(["HL-001", "HL-002", "YG-003"]),
        lambda s: s.paid(None, 2020),
        lambda s: s.aggregates(["year", "funding_level"]),
        lambda s: s.aggregates(["item"], units=["红柳嘎查"], years=(2018, 2021)),
    ],
)
def test_same_expressions_same_answers_on_a_second_backend(stores, query):
    duck, polars = stores
    a, b = query(duck), query(polars)
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False, check_exact=False)
