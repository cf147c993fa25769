"""Coverage on a meeting page under the hardening rule: a rate over fewer than 5 registered
households is hidden, and so is whatever else would give it back by subtraction (a unit's
total less its other grids) — the cell suppression of :mod:`campaignkit.core.disclosure`."""

from __future__ import annotations

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress

HIDDEN = "hidden"  # column: "" shown, "primary" fewer than 5 households, "secondary" would give one back


def suppress_coverage(rows: pd.DataFrame, total: pd.Series | None = None) -> tuple[pd.DataFrame, bool]:
    """``rows`` (one per grid or unit, with registered and visited) and the ``total`` the page
    also shows: the rows with ``hidden`` set and visited/rate blanked where hidden; and whether
    the total itself must be hidden."""
    out = rows.copy().reset_index(drop=True)
    values = out["visited"].astype(float).tolist()
    candidates = {("row", i): Candidate(frozenset([i]), int(n)) for i, n in enumerate(out["registered"])}
    if total is not None:
        candidates[("total",)] = Candidate(frozenset(range(len(out))), int(total["registered"]))
    # Empty grids (nothing registered) publish nothing: not a figure about anyone.
    candidates = {k: c for k, c in candidates.items() if c.count > 0}
    pattern = suppress(values, candidates, minimum=MIN_COUNT, absolute=1.0) if values else {}
    out[HIDDEN] = ""
    for key, status in pattern.items():
        if key[0] == "row":
            out.loc[key[1], HIDDEN] = status
    hidden = out[HIDDEN] != ""
    out["visited"] = out["visited"].astype("float").where(~hidden)
    out["rate"] = out["rate"].where(~hidden)
    return out, ("total",) in pattern
