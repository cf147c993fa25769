"""What the meeting page may publish: every view it offers (scope × year span ×
grouping, and the trend) read through one suppression pattern.

Each year is protected as one table — base cells (village, item, funding level),
published margins: village totals, item and level totals per village and for
the township, the township total. A figure over a span of years is published
only when every year of it is, so a span never tells more than its years: the
viewer's subtractions across spans, scopes and groupings all land on figures
the pattern already protects (see :mod:`campaignkit.core.disclosure`).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..core.disclosure import MIN_COUNT, PRIMARY, PROTECTION, SECONDARY, Candidate, suppress
from .store import PaymentStore

GROUPS = ("item", "funding_level", "unit")
PATTERN_FORMAT = 1  # bump when the candidates or the rule change
FEWER = f"不足 {MIN_COUNT} 户"
WITHHELD = "隐去（防推算）"


class MeetingFigures:
    """The meeting page's figures with primary and complementary suppression applied."""

    def __init__(self, store: PaymentStore, cache: Path | None = None):
        """``cache``: a folder (the campaign's ``.campaignkit/cache``) keeping each year's pattern,
        keyed by that year's figures: a year already paid out is not solved again at every page open."""
        self.store, self.cache = store, cache

    @cached_property
    def pattern(self) -> dict[tuple, str]:
        """(year, scope, by, group) -> PRIMARY or SECONDARY for every hidden yearly figure;
        scope None is the whole township, ``by`` "year" is the scope's total."""
        cells = self.store.sums(["unit", "year", "item", "funding_level"])
        counts = {by: self.store.household_counts(["unit", "year", by]) for by in ("item", "funding_level")}
        counts["year"] = self.store.household_counts(["unit", "year"])
        pattern: dict[tuple, str] = {}
        for year, frame in cells.groupby("year", sort=True):
            frame = frame.reset_index(drop=True)
            year_counts = {by: c[c["year"] == year] for by, c in counts.items()}
            hidden = self._solved(int(year), frame, year_counts)
            pattern.update({(year, *key): status for key, status in hidden.items()})
        return pattern

    def _solved(self, year: int, frame: pd.DataFrame, counts: dict[str, pd.DataFrame]) -> dict[tuple, str]:
        """One year's suppression, from the cache when the year's figures are unchanged."""
        digest = hashlib.blake2b(f"{PATTERN_FORMAT}|{MIN_COUNT}|{PROTECTION}".encode(), digest_size=16)
        for part in (frame, *(counts[by] for by in sorted(counts))):
            digest.update(pd.util.hash_pandas_object(part, index=False).to_numpy().tobytes())
        path = self.cache / f"meeting-{year}-{digest.hexdigest()}.json" if self.cache is not None else None
        if path is not None and path.exists():
            try:
                return {tuple(key): status for key, status in json.loads(path.read_text(encoding="utf-8"))}
            except (OSError, ValueError, TypeError):
                pass  # damaged: solve again
        hidden = suppress(frame["amount"], _candidates(frame, counts))
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                for stale in path.parent.glob(f"meeting-{year}-*.json"):  # the year's figures changed
                    stale.unlink(missing_ok=True)
                temporary = path.with_name(f".{path.name}.{os.getpid()}")
                temporary.write_text(json.dumps([[list(k), v] for k, v in hidden.items()], ensure_ascii=False), encoding="utf-8")
                os.replace(temporary, path)
            except OSError:
                pass  # a read-only folder: solved each time
        return hidden

    def table(self, by: str, scope: str | None, span: tuple[int, int]) -> pd.DataFrame:
        """Figures for one view: ``by`` is "year" (the trend) or one of GROUPS. Columns: the
        group, amount, households, average, suppressed (bool) and shown_households (text)."""
        frame = self.store.aggregates([by], units=None if scope is None else [scope], years=span, min_households=0)
        status = [self._status(by, scope, span, group) for group in frame[by]]
        hidden = [s is not None or h < MIN_COUNT for s, h in zip(status, frame["households"])]
        frame["suppressed"] = pd.Series(hidden, index=frame.index, dtype=bool)  # bool even with no rows
        frame.loc[frame["suppressed"], ["amount", "average"]] = float("nan")
        frame["shown_households"] = [
            (FEWER if h < MIN_COUNT else WITHHELD) if hide else str(int(h)) for hide, h in zip(hidden, frame["households"])
        ]
        frame.loc[frame["suppressed"], "households"] = pd.NA
        return frame

    def _status(self, by: str, scope: str | None, span: tuple[int, int], group) -> str | None:
        years = [group] if by == "year" else range(span[0], span[1] + 1)
        found = [self.pattern.get((y, scope, by, y if by == "year" else group)) for y in years]
        if PRIMARY in found:
            return PRIMARY
        return SECONDARY if SECONDARY in found else None


def _candidates(cells: pd.DataFrame, counts: dict[str, pd.DataFrame]) -> dict[tuple, Candidate]:
    """Every yearly figure the page can show, as sums of ``cells`` rows. Household counts add up
    over villages (a household belongs to one), so a township count is the sum of its villages'."""
    per_unit = {by: frame.set_index(["unit"] + ([] if by == "year" else [by]))["households"] for by, frame in counts.items()}
    out: dict[tuple, Candidate] = {}
    year = int(cells["year"].iloc[0])
    for scope in [None, *sorted(cells["unit"].unique())]:
        part = cells if scope is None else cells[cells["unit"] == scope]
        units = sorted(part["unit"].unique())
        total = int(per_unit["year"].reindex(units).fillna(0).sum())
        out[(scope, "year", year)] = Candidate(frozenset(part.index), total)
        for by in GROUPS:
            for group, rows in part.groupby(by, sort=True):
                if by == "unit":
                    count = int(per_unit["year"].get(group, 0))
                else:
                    count = int(sum(per_unit[by].get((u, group), 0) for u in rows["unit"].unique()))
                out[(scope, by, group)] = Candidate(frozenset(rows.index), count)
    return out
