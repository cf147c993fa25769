import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaignkit.core import normalize as nz
from campaignkit.core.normalize import (
    CellError,
    convert_numbers,
    convert_years,
    parse_date,
    parse_flag,
    parse_month,
    parse_number,
    parse_year,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234", (1234.0, False)),
        ("1,234.5", (1234.5, False)),
        ("  12,345,678 ", (12345678.0, False)),
        ("１２３", (123.0, False)),
        ("\u3000４５.６\u3000", (45.6, False)),
        ("68.6%", (68.6, True)),
        ("68.6％", (68.6, True)),
        ("-3.5", (-3.5, False)),
        (7.5, (7.5, False)),
        (12, (12.0, False)),
    ],
)
def test_parse_number_accepts_what_trainers_type(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text, hint",
    [
        ("不详", "留空"),
        ("—", "留空"),
        ("约120", "确切"),
        ("120余", "确切"),
        ("1.2万", "单位"),
        ("12,34", "数字"),
        ("abc", "数字"),
        ("", "数字"),
    ],
)
def test_parse_number_rejects_with_a_reason(text, hint):
    with pytest.raises(CellError, match=hint):
        parse_number(text)


@pytest.mark.parametrize(
    "text, year",
    [
        ("2022", 2022),
        ("2022年", 2022),
        (" 2022 年 ", 2022),
        (2022.0, 2022),
        ("２０２２", 2022),
        ("2022.0", 2022),
        ("2022年度", 2022),
    ],
)
def test_parse_year(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["22年", "2022.5", "二〇二二", "2022-2023", 2022.5])
def test_parse_year_rejects(text):
    with pytest.raises(CellError):
        parse_year(text)


@pytest.mark.parametrize("text, value", [("是", True), ("否", False), ("Y", True), ("n", False), ("√", True), (1, True)])
def test_parse_flag(text, value):
    assert parse_flag(text) is value


def test_parse_flag_rejects():
    with pytest.raises(CellError, match="是.*否"):
        parse_flag("可能")


@pytest.mark.parametrize(
    "text", ["2022-03-05", "2022/3/5", "2022.3.5", "2022年3月5日", "20220305", dt.datetime(2022, 3, 5, 0, 0), dt.date(2022, 3, 5)]
)
def test_parse_date(text):
    assert parse_date(text) == dt.date(2022, 3, 5)


def test_parse_date_rejects_impossible_dates():
    with pytest.raises(CellError, match="不存在"):
        parse_date("2022-02-30")


@pytest.mark.parametrize("text", ["1958-03", "1958年3月", "1958.3", "195803", "1958/03", dt.date(1958, 3, 17), 1958.03])
def test_parse_month(text):
    assert parse_month(text) == dt.date(1958, 3, 1)


def test_parse_month_rejects_month_13():
    with pytest.raises(CellError):
        parse_month("1958-13")


def test_convert_numbers_reports_every_bad_cell_and_keeps_good_ones():
    raw = pd.Series(["1,000", "2", None, "不详", "约3", "５%"], dtype=object)
    values, percent, errors = convert_numbers(raw)
    assert values.iloc[0] == 1000
    assert values.iloc[1] == 2
    assert pd.isna(values.iloc[2])
    assert set(errors) == {3, 4}
    assert percent.tolist() == [False, False, False, False, False, True]


def test_convert_numbers_refuses_inf_text():
    _, _, errors = convert_numbers(pd.Series(["inf", "1"], dtype=object))
    assert set(errors) == {0}


def test_convert_years_mixed_column():
    years, errors = convert_years(pd.Series([2020.0, "2021年", "", "二〇二二"], dtype=object))
    assert years.iloc[0] == 2020
    assert years.iloc[1] == 2021
    assert pd.isna(years.iloc[2])
    assert set(errors) == {3}


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouped_integers_round_trip(n):
    assert parse_number(f"{n:,}") == (float(n), False)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip_with_spaces_and_percent(d):
    text = f"\u3000{d}% "
    value, percent = parse_number(text)
    assert percent
    assert value == pytest.approx(float(d))


@given(st.integers(min_value=0, max_value=10**9))
def test_fullwidth_digits_equal_ascii(n):
    fullwidth = str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert parse_number(fullwidth) == parse_number(str(n))


@given(st.integers(min_value=1900, max_value=2100), st.sampled_from(["", "年", " 年", "年度"]), st.booleans())
def test_year_forms(year, suffix, as_float):
    value = float(year) if as_float and not suffix else f"{year}{suffix}"
    assert parse_year(value) == year


@given(st.text(alphabet="约余多不详—-/abc万亿", min_size=1, max_size=6))
def test_words_never_become_numbers(text):
    with pytest.raises(CellError):
        parse_number(text)


_EDGES = [" ", "\t", "\r", "\n", "\u3000", "\u00a0", "\ufeff", "一", "禁", "a", "é"]


@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(_EDGES + ["x", "牧", "１"]), max_size=6)), max_size=60))
def test_text_cells_lose_every_kind_of_edge_space_and_blanks_become_missing(cells):
    """The byte-level shortcut (only cells with a space-like edge are stripped) must agree with
    stripping every cell, for Arrow columns in several chunks as pyarrow's reader makes them."""
    import pyarrow as pa

    half = len(cells) // 2
    chunked = pa.chunked_array([pa.array(cells[:half], pa.large_string()), pa.array(cells[half:], pa.large_string())])
    column = pd.Series(pd.arrays.ArrowStringArray(chunked))
    expected = [None if v is None or not v.strip(nz._SPACES) else v.strip(nz._SPACES) for v in cells]
    got = nz.convert_text(column)
    assert [None if pd.isna(v) else v for v in got] == expected
    blank = [v is None or not v.strip(nz._SPACES) for v in cells]
    assert list(nz.blank_mask(column)) == blank


def test_a_few_padded_cells_among_many_clean_ones_are_stripped():
    clean = ["HH-00001", "禁牧补助", "一", "中央"] * 50
    padded = [f"{space}一" for space in nz._SPACES] + [f"一{space}" for space in nz._SPACES]
    cells = clean + padded + ["\u00a0", "", None]
    got = nz.convert_text(pd.Series(cells, dtype="str"))
    assert list(got[: len(clean)]) == clean
    assert [None if pd.isna(v) else v for v in got[len(clean) :]] == ["一"] * len(padded) + [None, None, None]
