"""Cell suppression for pages that publish counts or sums over people.

A page that offers several margins of the same table (by village, by item, a
total) lets a viewer subtract: hiding each small cell on its own is not
enough. This module does what statistical offices do (tau-ARGUS, sdcTable):

* primary suppression: a figure over fewer than ``MIN_COUNT`` households is hidden;
* complementary suppression: more figures are hidden until, given everything
  still published, each primary cell's feasible range (linear programming,
  amounts >= 0) reaches at least ``PROTECTION`` of its value below and above it.

The complementary cells are chosen with the attacker's own linear program: the
constraints that bind the primary cell's bound (non-zero duals) are the
published figures an attacker would use, and the smallest of them is hidden
next. This is the cut-generation idea behind tau-ARGUS' optimal method in a
greedy form; it is not minimal, but it is verified: a cell is accepted only
when the attacker's own program cannot narrow it. scipy's HiGHS does the
solving; no Python package offers table suppression (sdcTable is R, tau-ARGUS
a Java/C++ program), which is why the loop is written here.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

MIN_COUNT = 5
# A suppressed amount must stay uncertain by at least a quarter of itself either way:
# one household's total could then be a one-person or a two-person 低保, a partial
# or a whole year — the standards themselves are public, the household's share is not.
PROTECTION = 0.25

PRIMARY, SECONDARY = "primary", "secondary"


@dataclass(frozen=True)
class Candidate:
    """A figure a page may publish: the base cells it sums and how many people it covers."""

    cells: frozenset[int]
    count: int


def feasible_range(
    size: int,
    published: Sequence[tuple[Iterable[int], float]],
    target: Iterable[int],
    upper: Sequence[float] | None = None,
) -> tuple[tuple[float, float], tuple[np.ndarray | None, np.ndarray | None]]:
    """The least and greatest value the sum of ``target`` cells can take, given that each
    published (cells, value) holds and every cell is >= 0 (and <= its ``upper`` bound, when
    the page makes one public: households visited never exceed households registered). Also
    returns the duals of the published constraints for each bound (None where unbounded)."""
    rows, cols = [], []
    for i, (cells, _) in enumerate(published):
        for c in cells:
            rows.append(i)
            cols.append(c)
    a_eq = csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(published), size)) if published else None
    b_eq = np.array([v for _, v in published], dtype=float) if published else None
    objective = np.zeros(size)
    objective[list(target)] = 1.0
    bounds, duals = [], []
    for sign in (1.0, -1.0):
        cells = (0, None) if upper is None else [(0, u) for u in upper]
        res = linprog(sign * objective, A_eq=a_eq, b_eq=b_eq, bounds=cells, method="highs")
        if res.status == 3:  # unbounded: nothing published caps this cell (the maximum is +inf)
            bounds.append(-sign * np.inf)
            duals.append(None)
            continue
        if res.status != 0:
            raise RuntimeError(f"suppression program failed: {res.message}")
        bounds.append(sign * res.fun)
        duals.append(res.eqlin.marginals if published else None)
    return (bounds[0], bounds[1]), (duals[0], duals[1])


def protected(
    value: float,
    low: float,
    high: float,
    protection: float = PROTECTION,
    absolute: float = 0.0,
    ceiling: float = np.inf,
) -> bool:
    """Whether [low, high] reaches ``protection`` of ``value`` (and at least ``absolute``) on each
    side — below only as far as 0 (an amount or a count cannot be negative), above only as far
    as the figure's public ``ceiling`` (3 of 3 households: the other side is the lower one)."""
    margin = max(abs(value) * protection, absolute)
    slack = 1e-6 * max(1.0, abs(value), absolute)
    return low <= max(value - margin, 0.0) + slack and high >= min(value + margin, ceiling) - slack


def suppress(
    values: Sequence[float],
    candidates: Mapping[Hashable, Candidate],
    *,
    minimum: int = MIN_COUNT,
    protection: float = PROTECTION,
    absolute: float = 0.0,
    upper: Sequence[float] | None = None,
) -> dict[Hashable, str]:
    """Which candidates to hide (key -> PRIMARY or SECONDARY) so that no primary one can be
    narrowed below ``protection`` of itself — and ``absolute``, in the values' unit: 1 for counts
    of people, so that "none of the 3 said yes" cannot be read either — by the published rest.
    ``values`` are the base cells' amounts; candidates with the same cells are one figure and
    share their fate. ``upper``: each base cell's public upper bound (None: unbounded)."""
    # HiGHS' tolerances are absolute: sums of hundreds of millions of 元 that agree to the cent
    # can be called infeasible. Solved on values scaled to at most 1 (the ratios are what count).
    values = np.asarray(values, dtype=float)
    scale = float(np.abs(values).max()) if len(values) and np.abs(values).max() > 0 else 1.0
    values, absolute = values / scale, absolute / scale
    bounds = None if upper is None else np.asarray(upper, dtype=float) / scale
    figures: dict[frozenset[int], list[Hashable]] = {}
    counts: dict[frozenset[int], int] = {}
    for key, cand in candidates.items():
        figures.setdefault(cand.cells, []).append(key)
        counts[cand.cells] = cand.count
    amount = {cells: float(values[list(cells)].sum()) for cells in figures}
    status = {cells: PRIMARY for cells in figures if 0 < counts[cells] < minimum}
    for target in sorted((c for c in status), key=lambda c: (amount[c], sorted(c))):
        while True:
            published = [c for c in figures if c not in status]
            try:
                (low, high), (low_duals, high_duals) = feasible_range(
                    len(values), [(c, amount[c]) for c in published], target, bounds
                )
            except RuntimeError:
                # The solver could not decide (numerically): hide the whole table rather than guess.
                status.update({c: SECONDARY for c in figures if c not in status})
                break
            ceiling = np.inf if bounds is None else float(bounds[list(target)].sum())
            if protected(amount[target], low, high, protection, absolute, ceiling):
                break
            margin = max(amount[target] * protection, absolute)
            duals = high_duals if high < min(amount[target] + margin, ceiling) - 1e-9 else low_duals
            binding = [c for c, d in zip(published, duals) if abs(d) > 1e-9] if duals is not None else []
            # The smallest binding figure costs the page least; any published figure sharing a
            # cell with the target will do if the solver reports no dual (degenerate vertex).
            pool = binding or [c for c in published if c & target] or published
            status[min(pool, key=lambda c: (amount[c], len(c), sorted(c)))] = SECONDARY
    return {key: status[cells] for cells, keys in figures.items() if cells in status for key in keys}
