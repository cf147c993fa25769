"""One query layer over payments: every aggregation written once, as ibis
expressions, run by an embedded DuckDB by default.

The same expressions run on any ibis backend (Polars here in the tests;
Trino, Spark, ClickHouse or PostgreSQL when a region outgrows one machine), so
a warehouse needs a connection, not new code. Nothing here loads a whole
payments table into pandas: a household's card is a filtered query.
"""

from __future__ import annotations

import tempfile
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import ibis
import pandas as pd

from ..core.campaign import Campaign
from ..core.disclosure import MIN_COUNT

MIN_HOUSEHOLDS = MIN_COUNT  # aggregates over fewer households are suppressed (could identify them)
HOUSEHOLD_COLUMNS = ["household_id", "unit", "household_type"]


@dataclass
class PaymentStore:
    """``payments`` and ``households`` as ibis tables on one backend connection."""

    payments: ibis.Table
    households: ibis.Table
    _scratch: object = field(default=None, repr=False)  # a TemporaryDirectory removed with the store

    @classmethod
    def from_parquet(cls, payments: str | Path, households: str | Path, backend: str = "duckdb") -> PaymentStore:
        con = getattr(ibis, backend).connect()
        return cls(
            con.read_parquet(str(payments), table_name="payments"), con.read_parquet(str(households), table_name="households")
        )

    @classmethod
    def from_campaign(cls, campaign: Campaign, folder: str | Path | None = None, backend: str = "duckdb") -> PaymentStore:
        """Write the campaign's payments and households as Parquet (in ``folder`` or a temporary one) and open them."""
        scratch = None if folder else tempfile.TemporaryDirectory(prefix="campaignkit-store-")
        target = Path(folder or scratch.name)
        target.mkdir(parents=True, exist_ok=True)
        # A payments sheet may have 年份 without 发放日期 (or no 资金层级): absent columns are blank.
        payments = campaign.tables["payments"].reindex(
            columns=["household_id", "year", "date", "item", "amount", "funding_level"]
        )
        payments["date"] = pd.to_datetime(payments["date"])
        payments["year"] = payments["year"].astype("int64")
        payments["funding_level"] = payments["funding_level"].fillna("未注明")
        payments.to_parquet(target / "payments.parquet", index=False)
        campaign.tables["households"].reindex(columns=HOUSEHOLD_COLUMNS).to_parquet(target / "households.parquet", index=False)
        store = cls.from_parquet(target / "payments.parquet", target / "households.parquet", backend)
        store._scratch = scratch
        if scratch is not None:  # removed with the store (quietly: the store's end is its cleanup)
            weakref.finalize(store, scratch.cleanup)
        return store

    # -- one household ------------------------------------------------------------
    def card(self, household_id: str) -> pd.DataFrame:
        """One household's payments per year, item and level: amount and number of payments."""
        p = self.payments.filter(self.payments.household_id == household_id)
        grouped = p.group_by(["year", "item", "funding_level"]).agg(amount=p.amount.sum(), payments=p.count())
        return grouped.order_by(["year", "item", "funding_level"]).execute()

    def paid(self, household_ids: list[str] | None = None, year: int | None = None) -> pd.DataFrame:
        """Paid per household, year and item (for reconcile): amount, and payments = the most
        rows any one funding level has (a shared item is paid as one row per level)."""
        p = self.payments
        if household_ids is not None:
            p = p.filter(p.household_id.isin(list(household_ids)))
        if year is not None:
            p = p.filter(p.year == year)
        per_level = p.group_by(["household_id", "year", "item", "funding_level"]).agg(amount=p.amount.sum(), rows=p.count())
        out = per_level.group_by(["household_id", "year", "item"]).agg(
            amount=per_level.amount.sum(), payments=per_level.rows.max()
        )
        return out.order_by(["household_id", "year", "item"]).execute()

    # -- meetings: aggregates only ------------------------------------------------------
    def aggregates(
        self,
        by: list[str],
        *,
        units: list[str] | None = None,
        years: tuple[int, int] | None = None,
        min_households: int = MIN_HOUSEHOLDS,
    ) -> pd.DataFrame:
        """Totals, households and per-household averages grouped by any of
        ``year``, ``item``, ``funding_level``, ``unit``; groups of fewer than
        ``min_households`` households are suppressed (amounts blanked, ``suppressed`` set)."""
        allowed = {"year", "item", "funding_level", "unit"}
        if not set(by) <= allowed:
            raise ValueError(f"unknown grouping: {set(by) - allowed}")
        frame = self._grouped(tuple(by), tuple(units) if units else None, tuple(years) if years else None).copy()
        if frame.empty:  # nothing paid in the choice (or no household loaded): the same columns, no rows
            frame = pd.DataFrame({**{b: pd.Series(dtype=object) for b in by}, "amount": [], "households": []})
            frame = frame.astype({"amount": "float64", "households": "int64"})
        frame["average"] = frame["amount"] / frame["households"]
        frame["suppressed"] = frame["households"] < min_households
        frame.loc[frame["suppressed"], ["amount", "average"]] = float("nan")
        return frame.reset_index(drop=True)

    def _grouped(self, by: tuple[str, ...], units: tuple[str, ...] | None, years: tuple[int, int] | None) -> pd.DataFrame:
        """One grouping's sums and distinct households, asked of DuckDB once per store: a meeting
        page asks the same trend again at every change of its grouping (compiling the query
        costs more than running it)."""
        key = (by, units, years)
        if key not in self._grouped_cache:
            joined = self._joined
            if units:
                joined = joined.filter(joined.unit.isin(list(units)))
            if years:
                joined = joined.filter((joined.year >= years[0]) & (joined.year <= years[1]))
            grouped = joined.group_by(list(by)).agg(amount=joined.amount.sum(), households=joined.household_id.nunique())
            self._grouped_cache[key] = grouped.order_by(list(by)).execute()
        return self._grouped_cache[key]

    @cached_property
    def _grouped_cache(self) -> dict[tuple, pd.DataFrame]:
        return {}

    @cached_property
    def _joined(self) -> ibis.Table:
        p, h = self.payments, self.households
        return p.join(h, p.household_id == h.household_id).select(
            p.household_id, p.year, p.item, p.funding_level, p.amount, h.unit
        )

    def sums(self, by: list[str]) -> pd.DataFrame:
        """Amount paid per combination of ``by`` (no suppression: for the disclosure control only)."""
        joined = self._joined
        return joined.group_by(by).agg(amount=joined.amount.sum()).order_by(by).execute()

    def household_counts(self, by: list[str]) -> pd.DataFrame:
        """Distinct households paid per combination of ``by`` (for the disclosure control only)."""
        joined = self._joined
        return joined.group_by(by).agg(households=joined.household_id.nunique()).order_by(by).execute()

    def village_households(self, unit: str) -> list[str]:
        h = self.households
        return h.filter(h.unit == unit).household_id.execute().tolist()
