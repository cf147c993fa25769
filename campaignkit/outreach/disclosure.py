"""Coverage on a meeting page under the hardening rule, decided once for every page of a period:
a figure over fewer than 5 households is hidden — a grid's, a unit's, a group's, and also what a
unit less its group would show (the 2 non-farming households of a village) — and so is whatever else would
give one back by subtraction, across the town page, the unit pages and the groups tables alike
(the town page must not print a unit total that the unit's page hid). The linear programming is
:mod:`campaignkit.core.disclosure`'s, with each cell's registered households as its public
upper bound: "visited" can never exceed it, and an attacker knows that."""

from __future__ import annotations

from collections.abc import Hashable

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
    """Which published figures to hide (key → "primary" / "secondary")."""
    if cells.empty:
        return {}
    registered = cells["registered"].astype(int).tolist()
    candidates: dict[Hashable, Candidate] = {}
    for key, members in figure_keys(cells).items():
        count = sum(registered[i] for i in members)
        if count > 0:  # nothing registered: no figure about anyone ("无对象")
            candidates[key] = Candidate(frozenset(members), count)
    # What a page gives by subtraction without printing it: a unit (or the town) less one of its
    # groups — the 2 households of a village that do not farm. Protected like a printed figure
    # when small; never printed, so never in the answer. (Not every small base cell: a banner's
    # thousands of them cost minutes of linear programming, and no two printed figures isolate one.)
    figures = figure_keys(cells)
    for key, members in figures.items():
        if key[0] != "group":
            continue
        rest = frozenset(figures[("town",) if key[1] == TOWN else ("unit", key[1])]) - frozenset(members)
        count = sum(registered[i] for i in rest)
        if 0 < count < MIN_COUNT:
            candidates[("rest", key[1], key[2])] = Candidate(rest, count)
    visited = cells["visited"].astype(float).tolist()
    pattern = suppress(visited, candidates, minimum=MIN_COUNT, absolute=1.0, upper=registered)
    return {k: v for k, v in pattern.items() if k[0] != "rest"}
