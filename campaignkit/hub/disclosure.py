"""What the hub's coverage pages hide, with the laptop's rule (a figure over fewer than 5
households is hidden, and whatever would give one back by subtraction) and one more: a roll-up
never shows what a town's own pages hide.

A town's laptop knows its groups (农牧民, 城镇低保户), which never travel; its pages may hide a
grid only because subtracting it would reveal a group. So each laptop sends, per period its
pages offer, which of its figures they hide (``hidden`` records), and the hub takes every one
of them as a figure to protect in its own program (not merely to leave out: the banner's total
less the other towns' would give a hidden town total back). A town that sent no pattern for a
period shows nothing below the banner for it.

One pattern serves every period the pages offer (a viewer can add months up to the phase, as on
a laptop), solved as tau-ARGUS' modular method (HiTaS) solves a hierarchical table: each town's
own table first (:func:`town_pattern`), then the banner's table of towns (:func:`banner_pattern`),
protecting every town total the first stage hid; a hub solves the first stage again only for a
town that has reported since (:func:`campaignkit.hub.page_data.coverage_patterns`).

Figure keys: ("banner",), ("town", t), ("unit", t, u), ("grid", t, u, g)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import pandas as pd

from ..core.disclosure import MIN_COUNT, Candidate, suppress

Key = tuple[str, ...]
BANNER = "全旗"


def figure_keys(cells: pd.DataFrame) -> dict[Key, list[int]]:
    """Every figure the hub's coverage pages publish, as the grid rows (``cells``: town, unit,
    grid, registered, visited; a unit without grids has one row with grid "") it sums."""
    figures: dict[Key, list[int]] = {("banner",): list(range(len(cells)))}
    for i, row in enumerate(cells.itertuples(index=False)):
        figures.setdefault(("town", row.town), []).append(i)
        figures.setdefault(("unit", row.town, row.unit), []).append(i)
        if row.grid:
            figures.setdefault(("grid", row.town, row.unit, row.grid), []).append(i)
    return figures


def towns_hidden(patterns: pd.DataFrame) -> dict[str, set[Key]]:
    """Per town, the figures its own pages hide for one period, as hub keys. ``patterns``: the
    period's ``hidden`` records (town, unit, town_hidden, unit_hidden, grids)."""
    out: dict[str, set[Key]] = {}
    for row in patterns.itertuples(index=False):
        keys = out.setdefault(row.town, set())
        if row.town_hidden:
            keys.add(("town", row.town))
        if row.unit_hidden:
            keys.add(("unit", row.town, row.unit))
        keys.update(("grid", row.town, row.unit, grid) for grid in row.grids)
    return out


def town_pattern(
    parts: Sequence[pd.DataFrame], periods: Mapping[Hashable, list[int]], patterns: pd.DataFrame
) -> dict[Hashable, dict[Key, str]]:
    """The first stage: one town's table (its grid cells of each stretch) over every period,
    protecting what its own pages hide (``patterns``: its ``hidden`` records). A period it sent
    no pattern for shows nothing of it."""
    figures = {key: members for key, members in figure_keys(parts[0]).items() if key[0] != "banner"}
    town = parts[0]["town"].iloc[0]
    protect = {period: towns_hidden(patterns[patterns["period"] == period]).get(town, set(figures)) for period in periods}
    found = _solve(parts, figures, periods, protect)
    return {period: found.get(period, {}) for period in periods}


def banner_pattern(
    towns: Mapping[str, tuple[Sequence[pd.DataFrame], dict[Hashable, dict[Key, str]]]],
    periods: Mapping[Hashable, list[int]],
) -> dict[Hashable, dict[Key, str]]:
    """The second stage: the banner's table of towns (each town's cells of each stretch and its
    first-stage pattern), protecting every town total the first stage hid; every period's
    pattern, both stages together."""
    names = sorted(towns)
    totals = [
        pd.DataFrame(
            {
                "registered": [int(towns[t][0][s]["registered"].sum()) for t in names],
                "visited": [int(towns[t][0][s]["visited"].sum()) for t in names],
            }
        )
        for s in range(len(next(iter(towns.values()))[0]) if towns else 0)
    ]
    out: dict[Hashable, dict[Key, str]] = {period: {} for period in periods}
    for _, first in towns.values():
        _merge(out, first)
    if not names:
        return out
    figures = {("banner",): list(range(len(names))), **{("town", t): [i] for i, t in enumerate(names)}}
    protect = {period: {key for key in out[period] if key[0] == "town"} for period in periods}
    _merge(out, _solve(totals, figures, periods, protect))
    return out


def _solve(
    parts: Sequence[pd.DataFrame],
    figures: Mapping[Key, list[int]],
    periods: Mapping[Hashable, list[int]],
    protect: Mapping[Hashable, set[Key]],
) -> dict[Hashable, dict[Key, str]]:
    """The suppression of one table over every period (stretch s, row i: base cell s × rows + i)."""
    size = len(parts[0])
    registered = parts[0]["registered"].astype(int).tolist()
    candidates: dict[Hashable, Candidate] = {}
    for period, stretch in periods.items():
        for key, members in figures.items():
            count = sum(registered[i] for i in members)
            if count > 0:  # nothing registered: 无对象, not a figure
                candidates[(period, key)] = Candidate(frozenset(s * size + i for s in stretch for i in members), count)
    primary = [(period, key) for period, keys in protect.items() for key in keys if (period, key) in candidates]
    visited = [float(v) for part in parts for v in part["visited"]]
    pattern = suppress(visited, candidates, minimum=MIN_COUNT, absolute=1.0, upper=registered * len(parts), primary=primary)
    out: dict[Hashable, dict[Key, str]] = {}
    for (period, key), why in pattern.items():
        out.setdefault(period, {})[key] = why
    return out


def _merge(into: dict[Hashable, dict[Key, str]], found: dict[Hashable, dict[Key, str]]) -> None:
    for period, keys in found.items():
        for key, why in keys.items():
            into[period].setdefault(key, why)


def evaluation_hidden(frame: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    """Which (form, wave, criterion, town or "全旗") figures of the evaluation page to hide: a town
    whose answers come from fewer than 5 people, and what would give it back from the banner's
    total. (A town's figure sums only what its own page shows: it hides nothing more.)"""
    hidden: set[tuple[str, str, str, str]] = set()
    for (form, wave, criterion), part in frame.groupby(["form", "wave", "criterion"], sort=True):
        towns = list(part["town"])
        candidates: dict[Hashable, Candidate] = {
            town: Candidate(frozenset([i]), int(n)) for i, (town, n) in enumerate(zip(towns, part["respondents"]))
        }
        candidates[BANNER] = Candidate(frozenset(range(len(towns))), int(part["respondents"].sum()))
        pattern = suppress(
            [float(v) for v in part["positive"]],
            candidates,
            minimum=MIN_COUNT,
            absolute=1.0,
            upper=[float(v) for v in part["answered"]],
        )
        hidden |= {(form, wave, criterion, str(key)) for key in pattern}
    return hidden
