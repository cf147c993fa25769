"""The attacker of a published table: a linear program over every figure a viewer can read,
each hidden cell >= 0 and <= its public ceiling, asked how far each hidden small figure can be
narrowed (tau-ARGUS' audit). Shared by the laptop's and the hub's disclosure tests."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array

from campaignkit.core.disclosure import PROTECTION


def narrowed(shown: dict, targets: dict, visited: np.ndarray, upper: np.ndarray) -> list:
    """The hidden small figures the published ones pin down to less than ±25 % (and ±1)."""
    pairs = [(r, c) for r, index in enumerate(shown) for c in index]
    a_eq = csr_array((np.ones(len(pairs)), ([r for r, _ in pairs], [c for _, c in pairs])), shape=(len(shown), len(visited)))
    b_eq = np.array(list(shown.values()))
    limits = list(zip(np.zeros(len(visited)), upper))
    failures = []
    for index, (period, key, ceiling) in targets.items():
        objective = np.zeros(len(visited))
        objective[list(index)] = 1
        value = visited[list(index)].sum()
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=limits, method="highs")
        assert low.status == 0
        assert high.status == 0
        margin = max(value * PROTECTION, 1.0)
        if low.fun > max(value - margin, 0) + 1e-6 or -high.fun < min(value + margin, ceiling) - 1e-6:
            failures.append((period, key, value, low.fun, -high.fun))
    return failures
