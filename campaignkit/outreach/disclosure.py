"""Coverage on a meeting page under the hardening rule, decided once for every page of a period:
a figure over fewer than 5 households is hidden — a grid's, a unit's, a group's, and also what a
unit less its group would show (the 2 non-farming households of a village) — and so is whatever else would
give one back by subtraction, across the town page, the unit pages and the groups tables alike
(the town page must not print a unit total that the unit's page hid). The linear programming is
:mod:`campaignkit.core.disclosure`'s, with each cell's registered households as its public
upper bound: "visited" can never exceed it, and an attacker knows that.

The pages offer several periods (the phase, each month, all time), and a viewer can add months
up to the phase: :func:`hidden_over_periods` solves one pattern for all of them, over the
stretches of time between the periods' boundaries. A period's figure is the sum of its
stretches' figures less the households visited in more than one of them; the attacker is
granted that correction exactly (the strongest viewer), which shifts a figure without
widening or narrowing it."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress

TOWN = "全镇"
GROUP_FLAGS = {"农牧民": "farmer", "城镇低保户": "dibao"}


def figure_keys(cells: pd.DataFrame) -> dict[Hashable, list[int]]:
    """Every figure the outreach pages publish, as the base cells it sums."""
    figures: dict[Hashable, list[int]] = {("town",): list(range(len(cells)))}
    for i, row in enumerate(cells.itertuples(index=False)):
        figures.setdefault(("unit", row.unit), []).append(i)
        figures.setdefault(("grid", row.unit, row.grid), []).append(i)
        for group, flag in GROUP_FLAGS.items():
            if getattr(row, flag):
                figures.setdefault(("group", row.unit, group), []).append(i)
                figures.setdefault(("group", TOWN, group), []).append(i)
    return figures


def hidden_figures(cells: pd.DataFrame) -> dict[Hashable, str]:
    """Which published figures of one period to hide (key → "primary" / "secondary")."""
    return hidden_over_periods([cells], {None: [0]})[None] if not cells.empty else {}


def hidden_over_periods(parts: Sequence[pd.DataFrame], periods: dict[Hashable, list[int]]) -> dict[Hashable, dict]:
    """One pattern for every period a page offers. ``parts``: the cells table of each stretch
    of time (the same rows in the same order: every unit, grid and group of the register);
    ``periods``: each period's key and the stretches it is made of. Each period's
    {figure key: "primary" / "secondary"}."""
    if not parts or parts[0].empty:
        return {period: {} for period in periods}
    cells = parts[0]
    registered = cells["registered"].astype(int).tolist()
    figures = figure_keys(cells)
    candidates: dict[Hashable, Candidate] = {}
    for period, stretch in periods.items():
        candidates.update(_period_candidates(period, stretch, figures, registered))
    visited = [float(v) for part in parts for v in part["visited"]]
    pattern = suppress(visited, candidates, minimum=MIN_COUNT, absolute=1.0, upper=registered * len(parts))
    out: dict[Hashable, dict] = {period: {} for period in periods}
    for (period, *key), why in pattern.items():
        if key[0] != "rest":
            out[period][tuple(key)] = why
    return out


def _period_candidates(
    period: Hashable, stretch: list[int], figures: dict[Hashable, list[int]], registered: list[int]
) -> dict[Hashable, Candidate]:
    """One period's figures, over the base cells of its stretches (stretch s, row i: cell s × rows + i)."""
    size = len(registered)

    def over(members: Iterable[int]) -> frozenset[int]:
        return frozenset(s * size + i for s in stretch for i in members)

    candidates: dict[Hashable, Candidate] = {}
    for key, members in figures.items():
        count = sum(registered[i] for i in members)
        if count > 0:  # nothing registered: no figure about anyone ("无对象")
            candidates[(period, *key)] = Candidate(over(members), count)
    # What a page gives by subtraction without printing it: a unit (or the town) less one of
    # its groups — the 2 households of a village that do not farm. Protected like a printed
    # figure when small; never printed, so never in the answer. (Not every small base cell: a
    # banner's thousands of them cost minutes of linear programming, and no two printed
    # figures isolate one.)
    for key, members in figures.items():
        if key[0] != "group":
            continue
        rest = frozenset(figures[("town",) if key[1] == TOWN else ("unit", key[1])]) - frozenset(members)
        count = sum(registered[i] for i in rest)
        if 0 < count < MIN_COUNT:
            candidates[(period, "rest", key[1], key[2])] = Candidate(over(rest), count)
    return candidates
