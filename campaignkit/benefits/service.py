"""What the benefit views ask of a campaign: find a household, its card, what
it should receive, the follow-up cases — one object over the tables and the
payment store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..core.campaign import Campaign
from ..core.people import NO_AGE, REVIEW_NOTES, mask_name
from .calculator import Estimate, estimate, expected_amounts
from .cases import reconcile
from .store import PaymentStore

YEARS = list(range(2016, 2024))
AGE_BASES = frozenset({"60岁以上人数", "80岁以上人数", "80至99岁人数", "100岁以上人数"})
# Which 计算依据 each kind of set-aside value can change.
NOTE_BASES = {
    REVIEW_NOTES["id_number"]: AGE_BASES,
    REVIEW_NOTES["birth_month"]: AGE_BASES,
    NO_AGE: AGE_BASES,
    REVIEW_NOTES["dibao"]: frozenset({"低保人数"}),
    REVIEW_NOTES["tekun"]: frozenset({"特困人数"}),
    REVIEW_NOTES["disability_grade"]: frozenset({"残疾人数"}),
    REVIEW_NOTES["relation"]: frozenset({"人口"}),  # is the person of this household at all?
}
AREA_BASES = {
    "禁牧面积": "grazing_ban_area",
    "草畜平衡面积": "balance_area",
    "耕地面积": "arable_area",
    "草场面积": "grassland_area",
}


class BenefitsData:
    """Benefit questions over one campaign. Payments are queried through :class:`PaymentStore`."""

    def __init__(self, campaign: Campaign, store: PaymentStore | None = None):
        self.campaign = campaign
        self.store = store or PaymentStore.from_campaign(campaign)
        tables = campaign.tables
        self.households = tables["households"].set_index("household_id", drop=False)
        self.members = tables["members"]
        self.policies = tables["policies"]
        self._members_by_household = {k: v for k, v in self.members.groupby("household_id")}
        years = tables["payments"]["year"].dropna() if len(tables["payments"]) else pd.Series(YEARS)
        self.years = list(range(int(years.min()), int(years.max()) + 1))

    @property
    def units(self) -> list[str]:
        return sorted(self.households["unit"].dropna().unique())

    def household_id_of(self, code: str) -> str | None:
        """The household_id a typed code means: exact, else ignoring case and full-width forms
        (a file may hold "hl-001" while a cadre types "HL-001")."""
        if code in self.households.index:
            return code
        folded = {_fold(h): h for h in self.households.index}
        return folded.get(_fold(code))

    def household(self, household_id: str) -> dict[str, Any] | None:
        if household_id not in self.households.index:
            return None
        return self.households.loc[household_id].to_dict()

    def members_of(self, household_id: str) -> pd.DataFrame:
        return self._members_by_household.get(household_id, self.members.iloc[0:0])

    def find(self, unit: str, name: str) -> pd.DataFrame:
        """Households of ``unit`` whose head's name contains ``name`` (names masked in the result)."""
        rows = self.households[(self.households["unit"] == unit) & self.households["head_name"].str.contains(name, regex=False)]
        return pd.DataFrame(
            {"household_id": rows["household_id"], "head": rows["head_name"].map(mask_name), "grid": rows.get("grid")}
        ).reset_index(drop=True)

    def card(self, household_id: str) -> pd.DataFrame:
        return self.store.card(household_id)

    def estimate(
        self,
        household_id: str,
        year: int,
        *,
        overrides: dict | None = None,
        extra_members: list[dict] | None = None,
        mask: bool = True,
    ) -> Estimate:
        household = {**(self.household(household_id) or {"household_id": household_id}), **(overrides or {})}
        members = self.members_of(household_id)
        if extra_members:
            members = pd.concat([members, pd.DataFrame(extra_members)], ignore_index=True)
        return estimate(household, members, self.policies, year, mask=mask)

    def follow_up(self, household_ids: list[str], years: list[int] | None = None) -> pd.DataFrame:
        """Reconcile expected against paid for these households."""
        years = years or self.years
        rows = self.households.loc[[h for h in household_ids if h in self.households.index]]
        expected = expected_amounts(rows.reset_index(drop=True), self.members, self.policies, years)
        paid = self.store.paid(list(rows.index))
        paid = paid[paid["year"].isin(years)]
        notes = self._notes(list(rows.index), paid)
        basis_of = dict(zip(self.policies["item"], self.policies["basis"])) if "basis" in self.policies else {}
        review = {}
        for household_id, item in pd.concat([expected, paid])[["household_id", "item"]].drop_duplicates().itertuples(index=False):
            # Only what can change this item's amount: an age for the pension, an area for 禁牧补助…
            texts = [text for bases, text in notes.get(household_id, []) if basis_of.get(item) in bases]
            if texts:
                review[(household_id, item)] = "；".join(dict.fromkeys(texts))
        return reconcile(expected, paid, known_items=set(self.policies["item"]), review=review)

    def review_notes(self, household_ids: list[str], paid: pd.DataFrame | None = None) -> dict[str, str]:
        """What in each household's register was set aside or is missing (names masked):
        {"HX-001": "甲*：身份证号有误，未采用；禁牧面积未填"}. An area counts as missing when the
        household was paid for an item reckoned on it (``paid``: household_id, item). Households
        with nothing to check are absent."""
        notes = self._notes(household_ids, paid)
        return {h: "；".join(dict.fromkeys(text for _, text in items)) for h, items in notes.items()}

    def _notes(self, household_ids: list[str], paid: pd.DataFrame | None) -> dict[str, list[tuple[frozenset, str]]]:
        """household_id → [(the 计算依据 a note can change, the note)]."""
        notes: dict[str, list[tuple[frozenset, str]]] = {}
        if "review" in self.members.columns:
            flagged = self.members[self.members["household_id"].isin(household_ids) & self.members["review"].notna()]
            for row in flagged.itertuples():
                for text in str(row.review).split("；"):
                    bases = NOTE_BASES.get(text, frozenset())
                    notes.setdefault(row.household_id, []).append((bases, f"{mask_name(str(row.name))}：{text}"))
        if paid is not None and len(paid) and "basis" in self.policies:
            basis_of = dict(zip(self.policies["item"], self.policies["basis"]))
            for household_id, item in paid[["household_id", "item"]].drop_duplicates().itertuples(index=False):
                basis = basis_of.get(item)
                field = AREA_BASES.get(basis)
                if not field or household_id not in self.households.index:
                    continue
                if field not in self.households.columns or pd.isna(self.households.at[household_id, field]):
                    notes.setdefault(household_id, []).append((frozenset({basis}), f"{basis}未填"))
        return notes

    def follow_up_village(self, unit: str, years: list[int] | None = None) -> pd.DataFrame:
        return self.follow_up(self.store.village_households(unit), years)


def access_log_path(campaign: Campaign) -> Path:
    """Where lookups are logged: $CAMPAIGNKIT_ACCESS_LOG, else <campaign>/.campaignkit/access_log.csv."""
    import os

    env = os.environ.get("CAMPAIGNKIT_ACCESS_LOG")
    return Path(env) if env else Path(campaign.path) / ".campaignkit" / "access_log.csv"


def log_access(path: Path, household_id: str, mode: str) -> None:
    """Append one lookup (time, household, mode) for the committee's audit."""
    import csv
    import datetime as dt

    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with open(path, "a", encoding="utf-8-sig" if new else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(["时间", "户编号", "方式"])
        writer.writerow([dt.datetime.now().isoformat(timespec="seconds"), household_id, mode])


def _fold(code: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", str(code)).strip().casefold()
