"""Form statistics against hand-computed values, and a sample too small to conclude."""

from __future__ import annotations

import pytest

from campaignkit.forms.statistics import (
    Share,
    adjust,
    compare_paired_scales,
    compare_paired_shares,
    compare_scales,
    compare_shares,
)


def test_wilson_interval_by_hand():
    # p = 0.3, n = 100, z = 1.96: centre (0.3 + z²/200)/(1 + z²/100) = 0.30740,
    # half-width z·sqrt(0.3·0.7/100 + z²/40000)/(1 + z²/100) = 0.08845.
    low, high = Share(30, 100).interval
    assert low == pytest.approx(0.21895, abs=1e-4)
    assert high == pytest.approx(0.39585, abs=1e-4)
    assert Share(0, 10).interval[0] == 0
    assert Share(0, 10).interval[1] > 0.2


def test_exact_mcnemar_by_hand():
    # 10 respondents went from no to yes, 2 from yes to no, 8 stayed: p = 2·(1+12+66)/4096.
    pairs = [(False, True)] * 10 + [(True, False)] * 2 + [(True, True)] * 5 + [(False, False)] * 3
    result = compare_paired_shares(pairs)
    assert result.p == pytest.approx(158 / 4096)
    assert result.difference == pytest.approx(8 / 20)
    assert result.in_words() == "提高了 40 个百分点，差异有统计学意义（p=0.039；20 人前后都答了）"


def test_a_tiny_sample_says_it_cannot_conclude():
    result = compare_shares(Share(3, 4), Share(1, 5))
    assert result.p is None
    assert result.in_words() == "样本太少，不能下结论（前 4 人，后 5 人）"
    assert compare_scales([5, 4], [1, 2, 3]).in_words().startswith("样本太少")


def test_unpaired_shares_use_fisher_when_a_cell_is_small_and_chi_square_otherwise():
    small = compare_shares(Share(0, 10), Share(7, 10))  # expected counts of 3.5: too small for χ²
    assert small.test == "Fisher 精确检验"
    assert small.p < 0.01
    large = compare_shares(Share(40, 100), Share(60, 100))
    assert large.test == "卡方检验"
    assert large.p == pytest.approx(0.00721, abs=5e-5)
    assert "提高了 20 个百分点，差异有统计学意义" in large.in_words()
    assert "前 100 人，后 100 人" in large.in_words()


def test_scales_and_no_change():
    same = compare_paired_scales([(3, 3)] * 12)
    assert same.p == 1.0
    assert same.in_words().startswith("没有变化，差异没有统计学意义")
    up = compare_scales([2, 3, 3, 2, 3, 2, 3, 2, 3, 2], [4, 5, 4, 5, 4, 5, 4, 5, 4, 5])
    assert up.p < 0.001
    assert up.in_words().startswith("提高了 2.00 分")


def test_many_comparisons_are_corrected_with_benjamini_hochberg():
    from campaignkit.forms.statistics import Comparison

    made = [Comparison("share", "卡方检验", 50, 50, 0.5, 0.6, p) for p in (0.01, 0.04, 0.03, 0.5)]
    made.append(Comparison("share", "卡方检验", 3, 3, 0.5, 0.6, None))
    adjusted = adjust(made)
    # sorted 0.01, 0.03, 0.04, 0.5 (m = 4): 0.04, 0.0533, 0.0533, 0.5 after the step-up minimum.
    assert [round(c.p, 4) for c in adjusted[:4]] == [0.04, 0.0533, 0.0533, 0.5]
    assert all(c.adjusted for c in adjusted[:4])
    assert adjusted[4].p is None
    assert "已按多重比较校正" in adjusted[0].in_words()


def test_the_change_in_plain_words_names_no_test_and_no_p():
    """Issue 25: what a hall is told — 明显提高 / 明显降低 with the change, 变化不明显, or too few."""
    from campaignkit.forms.statistics import Share, compare_shares

    up = compare_shares(Share(40, 100), Share(70, 100))
    assert up.in_plain_words() == "明显提高（30 个百分点）"
    assert "p" in up.in_words()
    assert compare_shares(Share(70, 100), Share(40, 100)).in_plain_words() == "明显降低（30 个百分点）"
    assert compare_shares(Share(50, 100), Share(53, 100)).in_plain_words() == "变化不明显"
    assert compare_shares(Share(1, 2), Share(2, 3)).in_plain_words() == "答的人太少，还不能下结论"
    assert up.sizes() == "前 100 人，后 100 人"
