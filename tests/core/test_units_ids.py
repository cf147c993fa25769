import datetime as dt

import pytest

from campaignkit.core.idnumber import birth_date, check_digit, id_problem, make_id, mask_id
from campaignkit.core.people import Masker, mask_card, mask_name
from campaignkit.core.units import base_of, split_unit


@pytest.mark.parametrize(
    "unit, base, factor",
    [
        ("元", "元", 1),
        ("万元", "元", 1e4),
        ("亿元", "元", 1e8),
        ("人", "人", 1),
        ("万人", "人", 1e4),
        ("亩", "亩", 1),
        ("万亩", "亩", 1e4),
        ("公里", "公里", 1),
        ("千米", "公里", 1),
        ("%", "%", 1),
        ("billion yuan", "元", 1e9),
    ],
)
def test_known_units(unit, base, factor):
    assert base_of(unit) == (base, factor)


def test_same_amount_in_wan_and_yi_compares_equal():
    wan, yi = base_of("万元"), base_of("亿元")
    assert 5000 * wan[1] == 0.5 * yi[1]


def test_unknown_unit():
    assert base_of("袋") is None


@pytest.mark.parametrize(
    "label, expected",
    [
        ("地区生产总值（亿元）", ("地区生产总值", "亿元")),
        ("地区生产总值(亿元)", ("地区生产总值", "亿元")),
        ("森林覆盖率（另一口径）", ("森林覆盖率（另一口径）", None)),
        ("金额", ("金额", None)),
    ],
)
def test_split_unit(label, expected):
    assert split_unit(label) == expected


def test_known_valid_id_numbers():
    # The example number from GB 11643-1999 itself.
    assert id_problem("11010519491231002X") is None
    assert check_digit("11010519491231002") == "X"


def test_bad_checksum_names_the_right_digit():
    message = id_problem("110105194912310021")
    assert "校验位" in message
    assert "X" in message


@pytest.mark.parametrize(
    "number, words",
    [
        ("1101051949123100", "18 位"),
        ("110105491231002", "15 位"),
        ("11010519491331002X", "出生日期"),
        ("1101051949123100AX", "数字"),
    ],
)
def test_id_format_problems(number, words):
    assert words in id_problem(number)


def test_made_ids_are_valid_and_fake():
    number = make_id("999999", dt.date(1958, 3, 12), 18)
    assert number.startswith("999999")
    assert id_problem(number) is None
    assert birth_date(number) == dt.date(1958, 3, 12)


def test_masks():
    assert mask_name("张三明") == "张*明"
    assert mask_name("李四") == "李*"
    assert mask_id("150626195803121234") == "150626********1234"
    assert mask_card("6228480000000005678") == "****5678"
    from campaignkit import catalogue

    mask = Masker(catalogue().sensitive_fields())
    assert mask("户主姓名", "巴特尔") == "巴*尔"
    assert mask("身份证号", "150626195803121234") == "150626********1234"
    assert mask("卡号", "6228480000000005678") == "****5678"
    assert mask("金额", 100) == 100
