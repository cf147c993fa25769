"""The outreach pages over time (issue 24, finding 3): every period they offer (the phase, each
month, all time) is hidden with one pattern, so that a viewer who adds months up to the phase
cannot work out a grid the month's page hid as "不足 5 户". The attacker is a linear program over
every period's published figures, granted even the number of households visited in more than
one month (the strongest viewer); no hidden small figure may be narrower than ±25 % of itself
(and ±1 household)."""

from __future__ import annotations

import numpy as np
from table_attacker import narrowed

from campaignkit.core.disclosure import MIN_COUNT, spans, stretches
from campaignkit.outreach.coverage import Period
from campaignkit.outreach.data import OutreachData, periods
from campaignkit.outreach.disclosure import figure_keys
from helpers import SAMPLE


def _narrowed(outreach: OutreachData) -> tuple[list, int]:
    offered = [p for _, p in periods(outreach)]
    parts = stretches(offered)
    cells = [outreach.store.cells(period=Period(a, b)) for a, b in parts]
    size = len(cells[0])
    registered = cells[0]["registered"].to_numpy(dtype=float)
    visited = np.concatenate([c["visited"].to_numpy(dtype=float) for c in cells])
    figures = figure_keys(cells[0])
    shown, hidden = {}, {}
    for period in offered:
        pattern = outreach.hidden(period)
        for key, members in figures.items():
            index = frozenset(s * size + i for s in spans(period, parts) for i in members)
            count = registered[list(members)].sum()
            if pattern.get(key) == "primary" and 0 < count < MIN_COUNT:
                hidden[index] = (period, key, count * len(spans(period, parts)))
            elif key not in pattern:
                shown[index] = visited[list(index)].sum()
    failures = narrowed(shown, hidden, visited, np.tile(registered, len(parts)))
    return failures, len(hidden)


def test_no_hidden_grid_is_worked_out_from_the_other_periods():
    failures, targets = _narrowed(OutreachData(SAMPLE))
    assert targets, "the sample has no small grid: the attacker tested nothing"
    assert failures == []
