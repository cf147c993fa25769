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
when the attacker's own program cannot narrow it. HiGHS (highspy) does the
solving, one model per page re-solved from its last basis; no Python package offers table suppression (sdcTable is R, tau-ARGUS
a Java/C++ program), which is why the loop is written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

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


class Attacker:
    """The viewer's linear program over a page: every published figure an equation, every base
    cell >= 0 (and <= its public upper bound). Kept in one HiGHS model between questions: hiding
    a figure frees its row, a new target changes only the objective, and the simplex starts
    from the last basis — a page of a thousand figures is asked hundreds of times."""

    def __init__(
        self,
        size: int,
        equations: Sequence[tuple[Iterable[int] | Mapping[int, float], float]],
        upper: Sequence[float] | np.ndarray | None = None,
    ):
        import highspy
        from highspy._core import _Highs

        self._highspy = highspy
        self.size = size
        starts, columns, coefficients = [0], [], []
        for cells, _ in equations:
            weighted = cells.items() if isinstance(cells, Mapping) else ((c, 1.0) for c in cells)
            for c, w in weighted:
                columns.append(int(c))
                coefficients.append(float(w))
            starts.append(len(columns))
        values = np.array([v for _, v in equations], dtype=float)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = size, len(equations)
        lp.col_cost_ = np.zeros(size)
        lp.col_lower_ = np.zeros(size)
        lp.col_upper_ = (
            np.full(size, highspy.kHighsInf) if upper is None else np.where(np.isfinite(upper), upper, highspy.kHighsInf)
        )
        lp.row_lower_, lp.row_upper_ = values.copy(), values.copy()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(columns, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(coefficients, dtype=float)
        # The bare binding: highspy.Highs() prints a banner to the process's standard output (into
        # a notebook's output) before any option can silence it. One model per direction, each
        # starting from its own last basis (the least and the greatest lie far apart).
        self.models = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            model = _Highs()
            model.setOptionValue("output_flag", False)
            model.setOptionValue("presolve", "off")
            model.setOptionValue("simplex_strategy", 4)
            model.passModel(lp)
            model.changeObjectiveSense(sense)
            self.models.append(model)
        self._target: list[int] = []
        self.rows = len(equations)

    def drop(self, row: int) -> None:
        """The figure of ``row`` is hidden: the viewer no longer has its equation."""
        inf = self._highspy.kHighsInf
        for model in self.models:
            model.changeRowBounds(row, -inf, inf)

    def bounds(self, target: Iterable[int]) -> tuple[tuple[float, float], tuple[np.ndarray | None, np.ndarray | None]]:
        """The least and greatest value of the sum of ``target`` cells, and the rows' duals at each."""
        hs = self._highspy
        target = sorted(set(target))
        previous, self._target = self._target, target
        found: list[float] = []
        duals: list[np.ndarray | None] = []
        for model, sign in zip(self.models, (1.0, -1.0)):
            if previous:
                model.changeColsCost(len(previous), np.array(previous, dtype=np.int32), np.zeros(len(previous)))
            model.changeColsCost(len(target), np.array(target, dtype=np.int32), np.ones(len(target)))
            model.run()
            status = model.getModelStatus()
            if status in (hs.HighsModelStatus.kUnbounded, hs.HighsModelStatus.kUnboundedOrInfeasible):
                found.append(-np.inf if sign > 0 else np.inf)  # nothing published caps it that way
                duals.append(None)
                continue
            if status != hs.HighsModelStatus.kOptimal:
                raise RuntimeError(f"suppression program failed: {model.modelStatusToString(status)}")
            found.append(model.getInfo().objective_function_value)
            duals.append(np.asarray(model.getSolution().row_dual) if self.rows else None)
        return (found[0], found[1]), (duals[0], duals[1])


def feasible_range(
    size: int,
    published: Sequence[tuple[Iterable[int] | Mapping[int, float], float]],
    target: Iterable[int],
    upper: Sequence[float] | None = None,
) -> tuple[tuple[float, float], tuple[np.ndarray | None, np.ndarray | None]]:
    """The least and greatest value the sum of ``target`` cells can take, given that each
    published (cells, value) holds and every cell is >= 0 (and <= its ``upper`` bound, when
    the page makes one public: households visited never exceed households registered). Cells
    given as {cell: coefficient} make a weighted sum (a structural fact such as "those who
    answered a question and those who skipped it are the group": x + y − size = 0). Also
    returns the duals of the published constraints for each bound (None where unbounded)."""
    return Attacker(size, published, upper).bounds(target)


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
    structural: Sequence[tuple[Mapping[int, float], float]] = (),
    fixed: Collection[Hashable] = (),
    primary: Collection[Hashable] = (),
    given: Mapping[Hashable, str] | None = None,
) -> dict[Hashable, str]:
    """Which candidates to hide (key -> PRIMARY or SECONDARY) so that no primary one can be
    narrowed below ``protection`` of itself — and ``absolute``, in the values' unit: 1 for counts
    of people, so that "none of the 3 said yes" cannot be read either — by the published rest.
    ``values`` are the base cells' amounts; candidates with the same cells are one figure and
    share their fate. ``upper``: each base cell's public upper bound (None: unbounded).
    ``structural``: facts anyone knows, as ({cell: coefficient}, value) equations; ``fixed``:
    keys of figures always published (never chosen to hide: a total in a sentence);
    ``primary``: keys protected whatever their count; ``given``: a pattern found before (on a
    part of the page), kept and completed."""
    # HiGHS' tolerances are absolute: sums of hundreds of millions of 元 that agree to the cent
    # can be called infeasible. Solved on values scaled to at most 1 (the ratios are what count).
    amounts = np.asarray(values, dtype=float)
    scale = float(np.abs(amounts).max()) if len(amounts) and np.abs(amounts).max() > 0 else 1.0
    amounts, absolute = amounts / scale, absolute / scale
    bounds = None if upper is None else np.asarray(upper, dtype=float) / scale
    figures, small = _figures(candidates, minimum)
    amount = {cells: float(amounts[list(cells)].sum()) for cells in figures}
    kept = {candidates[key].cells for key in fixed if key in candidates}
    status = _first_status(candidates, figures, small, kept, primary, given)
    facts: list[tuple[Iterable[int] | Mapping[int, float], float]] = [(cells, value / scale) for cells, value in structural]
    order = list(figures)
    rows: list[tuple[Iterable[int] | Mapping[int, float], float]] = [(c, amount[c]) for c in order]
    hiding = _Hiding(Attacker(len(amounts), rows + facts, bounds), order, amount, status, kept, bounds, protection, absolute)
    for target in sorted((c for c in status if status[c] == PRIMARY), key=lambda c: (amount[c], sorted(c))):
        hiding.protect(target)
    return {key: status[cells] for cells, keys in figures.items() if cells in status for key in keys}


def _figures(
    candidates: Mapping[Hashable, Candidate], minimum: int
) -> tuple[dict[frozenset[int], list[Hashable]], set[frozenset[int]]]:
    """The distinct figures (cells -> the keys that read them) and those over a small group."""
    figures: dict[frozenset[int], list[Hashable]] = {}
    small: set[frozenset[int]] = set()  # a figure is over a small group if any reading of it is
    for key, cand in candidates.items():
        figures.setdefault(cand.cells, []).append(key)
        if 0 < cand.count < minimum:
            small.add(cand.cells)
    return figures, small


def _first_status(
    candidates: Mapping[Hashable, Candidate],
    figures: Mapping[frozenset[int], list[Hashable]],
    small: set[frozenset[int]],
    kept: set[frozenset[int]],
    primary: Collection[Hashable],
    given: Mapping[Hashable, str] | None,
) -> dict[frozenset[int], str]:
    """The figures hidden before any complementary one: the small, those named primary and the given pattern."""
    extra = {candidates[key].cells for key in primary if key in candidates}
    status = {cells: PRIMARY for cells in figures if (cells in small or cells in extra) and cells not in kept}
    for key, was in (given or {}).items():
        if key in candidates and candidates[key].cells not in kept:
            status.setdefault(candidates[key].cells, was)  # a primary one stays primary: it is checked again
    return status


class _Hiding:
    """The figures of one page as the suppression goes: which are hidden, and the attacker's
    program without their rows."""

    def __init__(
        self,
        attacker: Attacker,
        order: list[frozenset[int]],
        amount: Mapping[frozenset[int], float],
        status: dict[frozenset[int], str],
        kept: set[frozenset[int]],
        bounds: np.ndarray | None,
        protection: float,
        absolute: float,
    ):
        self.attacker, self.order, self.amount, self.status, self.kept = attacker, order, amount, status, kept
        self.bounds, self.protection, self.absolute = bounds, protection, absolute
        self.row_of = {cells: i for i, cells in enumerate(order)}
        for cells in status:
            attacker.drop(self.row_of[cells])

    def hide(self, cells: frozenset[int], why: str) -> None:
        self.status[cells] = why
        self.attacker.drop(self.row_of[cells])

    def hideable(self) -> list[frozenset[int]]:
        return [c for c in self.order if c not in self.status and c not in self.kept]

    def protect(self, target: frozenset[int]) -> None:
        """Hide more figures until the attacker cannot narrow ``target`` (or nothing is left to hide)."""
        amount = self.amount[target]
        while True:
            try:
                (low, high), (low_duals, high_duals) = self.attacker.bounds(target)
            except RuntimeError:
                # The solver could not decide (numerically): hide the whole table rather than guess.
                for c in self.hideable():
                    self.hide(c, SECONDARY)
                return
            ceiling = np.inf if self.bounds is None else float(self.bounds[list(target)].sum())
            if protected(amount, low, high, self.protection, self.absolute, ceiling):
                return
            margin = max(amount * self.protection, self.absolute)
            duals = high_duals if high < min(amount + margin, ceiling) - 1e-9 else low_duals
            pool = self._pool(target, duals)
            if not pool:  # only figures that must stay are left: nothing more can be hidden
                return
            self.hide(min(pool, key=lambda c: (self.amount[c], len(c), sorted(c))), SECONDARY)

    def _pool(self, target: frozenset[int], duals: np.ndarray | None) -> list[frozenset[int]]:
        """The figures to hide the next one from. The smallest binding figure costs the page least;
        any published figure sharing a cell with the target will do if the solver reports no dual
        (degenerate vertex)."""
        hideable = self.hideable()
        binding = [c for c in hideable if abs(duals[self.row_of[c]]) > 1e-9] if duals is not None else []
        return binding or [c for c in hideable if c & target] or hideable


# Periods a page offers (the phase, each month, all time), each with .start and .end (days, both
# included; None: open): a viewer can add months up to the phase, so a pattern is solved over the
# stretches of time between their boundaries.
def stretches(periods: Sequence) -> list[tuple[dt.date | None, dt.date | None]]:
    """The stretches of time between every boundary of these periods (first and last days,
    None: open), so that each period is a union of whole stretches."""
    day = dt.timedelta(days=1)
    cuts = sorted({p.start for p in periods if p.start} | {p.end + day for p in periods if p.end})
    edges = [None, *cuts, None]
    return [(a, b - day if b else None) for a, b in zip(edges[:-1], edges[1:])]


def spans(period, parts: Sequence[tuple[dt.date | None, dt.date | None]]) -> list[int]:
    """The stretches a period is made of."""
    return [
        i
        for i, (a, b) in enumerate(parts)
        if (period.start is None or (a is not None and a >= period.start))
        and (period.end is None or (b is not None and b <= period.end))
    ]
