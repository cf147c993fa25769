"""A selection (先进评选) as its table row says, its candidates and its roll of voters.

The roll is who may vote: a unit's adult members, one vote per household, or a list. It is
used to know how many codes may be printed (one per voter) and to check that nominees belong
to the selection's units; it never reaches a ballot, a ballot page or a tally.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ..core.campaign import Campaign
from ..core.fmt import cn_date
from ..core.idnumber import birth_date
from ..core.problems import Problem
from ..core.vocab import split_items

ADULT_AGE = 18
STATUS_WORDS = ("未开始", "提名中", "待投票", "投票中", "已截止")


@dataclass(frozen=True)
class Candidate:
    key: str  # what a ballot stores: the name, or "name（户编号）" where two nominees share a name
    name: str
    unit: str
    deeds: str
    nominated_by: str = ""


@dataclass(frozen=True)
class Selection:
    code: str
    award: str
    domain: str
    units: tuple[str, ...]
    vote_from: dt.date
    vote_to: dt.date | None
    winners: int
    choices: int
    threshold: str = "过半数"
    voters: str = "成年成员"
    nominate_from: dt.date | None = None
    nominate_to: dt.date | None = None
    notice_days: int = 5
    office: str = ""
    phone: str = ""
    address: str = ""
    illustrative: bool = False

    @property
    def form_id(self) -> str:
        """The ballot's id on the forms engine (codes and ballots are stored under it)."""
        return f"vote_{self.code}"

    @property
    def title(self) -> str:
        return f"{'、'.join(self.units)}{self.award}评选"

    def status(self, today: dt.date | None = None) -> str:
        today = today or dt.date.today()
        if self.vote_to is not None and today > self.vote_to:
            return "已截止"
        if today >= self.vote_from:
            return "投票中"
        if self.nominate_from is not None and today < self.nominate_from:
            return "未开始"
        if self.nominate_to is not None and today > self.nominate_to:
            return "待投票"
        return "提名中"

    def period_text(self) -> str:
        nominate = (
            f"提名 {_day(self.nominate_from)} 至 {_day(self.nominate_to)}；" if self.nominate_from or self.nominate_to else ""
        )
        vote_to = _day(self.vote_to) if self.vote_to else "另行通知（尚未截止）"
        return f"{nominate}投票 {_day(self.vote_from)} 至 {vote_to}"


def _day(value: dt.date | None) -> str:
    return cn_date(value) if value else "未定"


def _date(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def selections(campaign: Campaign) -> list[Selection]:
    """Every selection of the campaign, in the table's order."""
    frame = campaign.tables["selections"]
    found = []
    for row in frame.to_dict("records"):
        found.append(
            Selection(
                code=_text(row["code"]),
                award=_text(row["award"]),
                domain=_text(row["domain"]),
                units=tuple(split_items(row["units"])),
                vote_from=_date(row["vote_from"]),
                vote_to=_date(row.get("vote_to")),
                winners=int(row["winners"]),
                choices=int(row["choices"]),
                threshold=_text(row.get("threshold")) or "过半数",
                voters=_text(row["voters"]),
                nominate_from=_date(row.get("nominate_from")),
                nominate_to=_date(row.get("nominate_to")),
                notice_days=int(row["notice_days"]) if pd.notna(row.get("notice_days")) else 5,
                office=_text(row.get("office")),
                phone=_text(row.get("phone")),
                address=_text(row.get("address")),
                illustrative=bool(row.get("illustrative")),
            )
        )
    return found


class UnknownSelection(KeyError):
    def __str__(self) -> str:
        return self.args[0]


def find_selection(campaign: Campaign, code: str) -> Selection:
    found = selections(campaign)
    for selection in found:
        if selection.code == code:
            return selection
    known = "、".join(s.code for s in found) or "（没有）"
    raise UnknownSelection(f"没有编号为“{code}”的评选；现有：{known}")


def roll(campaign: Campaign, selection: Selection) -> pd.DataFrame:
    """Who may vote: columns ``name``, ``unit``, ``household_id`` (blank for a list), ``note``.
    Adults are those 18 or older on the first day of voting; a member whose age cannot be
    told is left off and said so in ``note`` of the returned frame's ``attrs["left_off"]``."""
    if selection.voters == "名单":
        listed = campaign.tables["voters"]
        listed = listed[listed["selection"] == selection.code]
        frame = pd.DataFrame({"name": listed["name"], "unit": listed["department"].fillna(""), "household_id": ""})
        frame.attrs["left_off"] = 0
        return frame.reset_index(drop=True)
    households = campaign.tables["households"]
    households = households[households["unit"].isin(selection.units)]
    if selection.voters == "每户一票":
        frame = pd.DataFrame(
            {"name": households["head_name"], "unit": households["unit"], "household_id": households["household_id"]}
        )
        frame.attrs["left_off"] = 0
        return frame.reset_index(drop=True)
    members = campaign.tables["members"].merge(households[["household_id", "unit"]], on="household_id")
    born = pd.to_datetime(members["birth_month"])
    cutoff = pd.Timestamp(selection.vote_from) - pd.DateOffset(years=ADULT_AGE)
    # The day of birth from a valid ID number where the month alone cannot tell (born in the
    # cutoff's month); with only the month, the whole month must be past.
    ids = members["id_number"] if "id_number" in members.columns else pd.Series(None, index=members.index)
    exact = pd.to_datetime(pd.Series([birth_date(v) if isinstance(v, str) else None for v in ids], index=members.index))
    by_month = born.notna() & (born + pd.DateOffset(months=1) <= cutoff + pd.DateOffset(days=1))
    same_month = born.notna() & (born.dt.year == cutoff.year) & (born.dt.month == cutoff.month)
    adult = by_month | (same_month & exact.notna() & (exact <= cutoff))
    frame = pd.DataFrame({"name": members["name"], "unit": members["unit"], "household_id": members["household_id"]})[adult]
    frame.attrs["left_off"] = int(born.isna().sum() + (same_month & exact.isna()).sum())
    return frame.reset_index(drop=True)


def candidates(campaign: Campaign, selection: Selection, nominations: pd.DataFrame | None = None) -> list[Candidate]:
    """The selection's nominees, in the nominations table's order (``nominations``: the rows to
    use, when some are kept off the ballot)."""
    frame = campaign.tables["nominations"] if nominations is None else nominations
    frame = frame[frame["selection"] == selection.code]
    names = frame["nominee"].tolist()
    found = []
    for row in frame.to_dict("records"):
        name, household = _text(row["nominee"]), _text(row.get("household_id"))
        key = f"{name}（{household}）" if names.count(name) > 1 and household else name
        found.append(Candidate(key, name, _text(row["unit"]), _text(row["deeds"]), _text(row.get("nominated_by"))))
    return found


def nomination_problems(campaign: Campaign) -> list[Problem]:
    """Nominees checked against their selection: the unit must be one the selection covers and
    the nominee must be on its roll (an adult member, a household head, or on the list); two
    nominees of one name need their 户编号. Each problem names the file, row and column."""
    problems: list[Problem] = []
    frame = campaign.tables["nominations"]
    by_code = {s.code: s for s in selections(campaign)}
    rolls: dict[str, pd.DataFrame] = {}
    for row in frame.to_dict("records"):
        selection = by_code.get(_text(row["selection"]))
        if selection is None:
            continue  # the loader's reference check has said so

        def report(column: str, message: str, value: object, at: dict = row) -> None:
            where = (at["src_file"], message, at.get("src_sheet"), int(at["src_row"]))
            problems.append(Problem("error", "nominations", *where, column, value))

        name, unit, household = _text(row["nominee"]), _text(row["unit"]), _text(row.get("household_id"))
        if unit not in selection.units:
            report("单位", f"评选 {selection.code} 只在 {'、'.join(selection.units)} 评选，被提名人的单位是 {unit}", unit)
            continue
        if selection.code not in rolls:
            rolls[selection.code] = roll(campaign, selection)
        voters = rolls[selection.code]
        matches = voters[voters["name"] == name]
        if selection.voters != "名单":
            matches = matches[matches["unit"] == unit]
        if household:
            matches = matches[matches["household_id"] == household]
        who = {"成年成员": f"{unit}的成年成员", "每户一票": f"{unit}的户主", "名单": "投票人名单"}[selection.voters]
        if matches.empty:
            report(
                "被提名人",
                f"{who}里没有“{name}”{f'（户编号 {household}）' if household else ''}：请核对姓名，或先在户表、成员表或名单中登记",
                name,
            )
        elif len(matches) > 1 and not household and selection.voters != "名单":
            report("户编号", f"{who}里有 {len(matches)} 个“{name}”：请填户编号区分", name)
    return problems
