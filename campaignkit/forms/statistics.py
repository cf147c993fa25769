"""Statistics for form results, said in words a township meeting understands.

Shares carry Wilson 95 % intervals; before/after comparisons use the test that fits the
data — paired (the same respondents, by a panel code): exact McNemar for yes/no, Wilcoxon
signed-rank for scales; unpaired: chi-square (Fisher's exact test when a cell is small)
and Mann–Whitney — and many comparisons at once are corrected with Benjamini–Hochberg.
All of it is scipy's: McNemar's exact test is the binomial test on the discordant pairs,
which is what it is. A p-value is never given without its n, and a sample too small to
decide says so instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

ALPHA = 0.05
MIN_PER_WAVE = 10  # fewer answers than this in a wave (or pairs): "样本太少，不能下结论"


@dataclass(frozen=True)
class Share:
    k: int
    n: int

    @property
    def value(self) -> float:
        return self.k / self.n if self.n else float("nan")

    @property
    def interval(self) -> tuple[float, float]:
        """Wilson 95 % interval (good at small n and near 0 or 100 %)."""
        if not self.n:
            return (float("nan"), float("nan"))
        ci = stats.binomtest(self.k, self.n).proportion_ci(confidence_level=0.95, method="wilson")
        return (float(ci.low), float(ci.high))


@dataclass(frozen=True)
class Comparison:
    what: str  # "share" (percentage points) or "scale" (mean on the scale)
    test: str  # the test's name in Chinese, for the footnote
    n_before: int
    n_after: int
    before: float
    after: float
    p: float | None  # None: too few answers to test
    adjusted: bool = False  # p corrected for many comparisons (Benjamini–Hochberg)

    @property
    def difference(self) -> float:
        return self.after - self.before

    def sizes(self) -> str:
        """How many answered: "前 120 人，后 118 人", or "40 人前后都答了" for the same people."""
        return f"前 {self.n_before} 人，后 {self.n_after} 人" if self.test not in PAIRED else f"{self.n_after} 人前后都答了"

    def in_plain_words(self) -> str:
        """The change as a hall is told it: no test, no p (those are in :meth:`in_words`)."""
        if self.p is None:
            return "答的人太少，还不能下结论"
        if self.p >= ALPHA or self.difference == 0:
            return "变化不明显"
        change = f"{abs(self.difference) * 100:.0f} 个百分点" if self.what == "share" else f"{abs(self.difference):.2f} 分"
        return f"明显{'提高' if self.difference > 0 else '降低'}（{change}）"

    def in_words(self) -> str:
        sizes = self.sizes()
        if self.p is None:
            return f"样本太少，不能下结论（{sizes}）"
        if self.what == "share":
            change = f"{abs(self.difference) * 100:.0f} 个百分点"
        else:
            change = f"{abs(self.difference):.2f} 分"
        direction = "提高了" if self.difference > 0 else "降低了" if self.difference < 0 else "没有变化"
        p = f"p={self.p:.3f}" if self.p >= 0.001 else "p<0.001"
        corrected = "，已按多重比较校正" if self.adjusted else ""
        verdict = "差异有统计学意义" if self.p < ALPHA else "差异没有统计学意义"
        head = direction if direction == "没有变化" else f"{direction} {change}"
        return f"{head}，{verdict}（{p}{corrected}；{sizes}）"


PAIRED = ("McNemar 精确检验", "Wilcoxon 符号秩检验")


def compare_shares(before: Share, after: Share) -> Comparison:
    """Unpaired yes/no (or one choice against the rest) in two waves."""
    if min(before.n, after.n) < MIN_PER_WAVE:
        return Comparison("share", "卡方检验", before.n, after.n, before.value, after.value, None)
    table = np.array([[before.k, before.n - before.k], [after.k, after.n - after.k]])
    expected = stats.contingency.expected_freq(table) if table.min() >= 0 and table.sum(axis=0).all() else np.zeros((2, 2))
    if expected.min() < 5:
        test, p = "Fisher 精确检验", float(stats.fisher_exact(table).pvalue)
    else:
        test, p = "卡方检验", float(stats.chi2_contingency(table).pvalue)
    return Comparison("share", test, before.n, after.n, before.value, after.value, p)


def compare_paired_shares(pairs: Sequence[tuple[bool, bool]]) -> Comparison:
    """The same respondents before and after: exact McNemar on the pairs that changed."""
    n = len(pairs)
    before = sum(1 for b, _ in pairs if b) / n if n else float("nan")
    after = sum(1 for _, a in pairs if a) / n if n else float("nan")
    if n < MIN_PER_WAVE:
        return Comparison("share", PAIRED[0], n, n, before, after, None)
    gained = sum(1 for b, a in pairs if not b and a)
    lost = sum(1 for b, a in pairs if b and not a)
    p = 1.0 if gained + lost == 0 else float(stats.binomtest(gained, gained + lost, 0.5).pvalue)
    return Comparison("share", PAIRED[0], n, n, before, after, p)


def compare_scales(before: Sequence[float], after: Sequence[float]) -> Comparison:
    """Unpaired scale answers (e.g. 1–5 agreement): Mann–Whitney."""
    b, a = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    mean_b, mean_a = (float(b.mean()) if len(b) else float("nan")), (float(a.mean()) if len(a) else float("nan"))
    if min(len(b), len(a)) < MIN_PER_WAVE:
        return Comparison("scale", "Mann–Whitney 检验", len(b), len(a), mean_b, mean_a, None)
    p = float(stats.mannwhitneyu(b, a, alternative="two-sided").pvalue)
    return Comparison("scale", "Mann–Whitney 检验", len(b), len(a), mean_b, mean_a, p)


def compare_paired_scales(pairs: Sequence[tuple[float, float]]) -> Comparison:
    """The same respondents' scale answers before and after: Wilcoxon signed-rank."""
    b = np.asarray([x for x, _ in pairs], dtype=float)
    a = np.asarray([y for _, y in pairs], dtype=float)
    n = len(pairs)
    means = (float(b.mean()) if n else float("nan"), float(a.mean()) if n else float("nan"))
    if n < MIN_PER_WAVE:
        return Comparison("scale", PAIRED[1], n, n, *means, None)
    p = 1.0 if np.all(a == b) else float(stats.wilcoxon(a, b).pvalue)
    return Comparison("scale", PAIRED[1], n, n, *means, p)


def adjust(comparisons: Sequence[Comparison]) -> list[Comparison]:
    """Benjamini–Hochberg over the comparisons that were tested (the others stay as they are)."""
    tested = [i for i, c in enumerate(comparisons) if c.p is not None]
    out = list(comparisons)
    if len(tested) < 2:
        return out
    corrected = stats.false_discovery_control([comparisons[i].p for i in tested], method="bh")
    for i, p in zip(tested, corrected):
        out[i] = replace(comparisons[i], p=float(p), adjusted=True)
    return out
