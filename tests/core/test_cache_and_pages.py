"""A page reads only its tables; parsed tables come back from the campaign's cache."""

from __future__ import annotations

import pandas as pd
import pytest

from campaignkit import check_campaign
from campaignkit.core import loader
from campaignkit.core.cache import cache_dir
from helpers import append_line


def test_an_unchanged_campaign_comes_back_from_the_cache_identical(campaign_copy, monkeypatch):
    first = check_campaign(campaign_copy)
    assert list(cache_dir(campaign_copy).glob("payments-*.json"))

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached table was parsed again")

    monkeypatch.setattr(loader._Reader, "run", no_parsing)
    second = check_campaign(campaign_copy)
    for name, result in first.results.items():
        pd.testing.assert_frame_equal(result.records, second.results[name].records)
        assert result.problems == second.results[name].problems
        assert result.counts == second.results[name].counts
    assert first.problems == second.problems


def test_a_changed_file_is_read_again(campaign_copy):
    check_campaign(campaign_copy)
    append_line(campaign_copy / "payments.csv", "HL-001,2022-06-30,2022,禁牧补助,约100,中央,99990000,")
    again = check_campaign(campaign_copy)
    assert [p for p in again.errors if p.value == "约100"]
    assert len(list(cache_dir(campaign_copy).glob("payments-*.json"))) == 1  # the old entry is gone


def test_a_damaged_cache_is_ignored(campaign_copy):
    fresh = check_campaign(campaign_copy)
    for entry in cache_dir(campaign_copy).glob("*.parquet"):
        entry.write_bytes(b"not parquet")
    again = check_campaign(campaign_copy)
    assert again.problems == fresh.problems
    assert len(again.tables["payments"]) == len(fresh.tables["payments"])


def test_a_page_reads_only_its_tables_and_what_they_refer_to(campaign_copy, monkeypatch):
    monkeypatch.setenv("CAMPAIGNKIT_CACHE", "0")
    (campaign_copy / "payments.csv").write_bytes(b"\x00\x01 not a table")
    ledger = check_campaign(campaign_copy, tables=["indicators"])
    assert set(ledger.results) == {"indicators"}
    assert ledger.ok
    with pytest.raises(KeyError):
        ledger.tables["payments"]  # a page must say which tables it reads
    meeting = check_campaign(campaign_copy, tables=["payments"])
    assert {"payments", "households"} <= set(meeting.results)  # payments refer to households
    assert not meeting.ok


def test_the_ledger_page_works_when_payments_are_broken(campaign_copy, monkeypatch):
    from campaignkit.ledger import ledger_view

    monkeypatch.setenv("CAMPAIGNKIT_CACHE", "0")
    (campaign_copy / "payments.csv").write_bytes(b"\x00\x01 not a table")
    page = ledger_view(campaign_copy)
    assert type(page).__name__ == "LedgerView"  # no "数据中有 N 处错误" note above it


def test_a_deleted_register_does_not_live_on_in_the_cache(campaign_copy):
    check_campaign(campaign_copy)
    assert list(cache_dir(campaign_copy).glob("members-*"))
    (campaign_copy / "members.csv").unlink()
    check_campaign(campaign_copy)
    assert not list(cache_dir(campaign_copy).glob("members-*"))


def test_a_changed_declaration_is_not_served_from_the_cache(campaign_copy):
    from campaignkit.core import cache
    from campaignkit.features import catalogue

    table = catalogue()["indicators"]
    path = campaign_copy / "indicators.csv"
    other = table.__class__(**{**table.__dict__, "fields": table.fields[:-1]})
    assert cache._key(path, table, {}) != cache._key(path, other, {})
