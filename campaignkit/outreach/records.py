"""Door-visit records from everywhere, as one log: the visits spreadsheet, the door-visit page
and the phone form (both stored by the forms engine as responses to the ``visits`` form), and
ODK/Kobo exports brought in with ``forms import``.

Records are appended, never edited: a correction is a new record naming the one it corrects
(``supersedes``); both are kept and the log says which one counts."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.config import CampaignConfig
from ..core.problems import Problem
from ..forms.store import database_path
from .tables import DOING, DONE, NOT_YET, STATUSES

VISIT_FORM = "visits"  # form_id of the XLSForm (forms/visits.xlsx) the page and the phones fill in
# The form's choice names for 办理情况 (XLSForm names are ASCII) and the words the table uses.
STATUS_NAMES = {"done": DONE, "doing": DOING, "not_yet": NOT_YET}
COLUMNS = [
    "record_id",
    "household_id",
    "date",
    "cadre",
    "topics",
    "demand",
    "status",
    "closed_on",
    "supersedes",
    "origin",  # "visits.xlsx 第 5 行" or "登记 2024-01-03" (the page or a phone)
    "illustrative",
]
FORM_ID_LENGTH = 8  # a stored record is named by the first 8 hex digits of its random id


@dataclass
class VisitLog:
    """Every record (``records``), the ones that count (``current``: not corrected by a later
    one) and what is wrong with stored records (``problems``; spreadsheet rows are checked by
    the loader)."""

    records: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def current(self) -> pd.DataFrame:
        corrected = set(self.records["supersedes"].dropna())
        return self.records[~self.records["record_id"].isin(corrected)].reset_index(drop=True)

    @property
    def corrections(self) -> pd.DataFrame:
        return self.records[self.records["supersedes"].notna()].reset_index(drop=True)


def stored_visits(campaign_dir: Path) -> pd.DataFrame:
    """The ``visits`` form's responses in the campaign's SQLite (read with Python's sqlite3:
    DuckDB's sqlite extension would download itself on first use). SQLite's own JSON functions
    take the answers apart, so 200,000 records are not parsed one by one in Python."""
    path = database_path(Path(campaign_dir))
    fields = [c for c in COLUMNS if c not in ("record_id", "origin", "illustrative")]
    rows: list[tuple] = []
    if path.exists():
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        picks = ", ".join(f"json_extract(answers, '$.{name}')" for name in fields)
        try:
            rows = con.execute(
                f"SELECT substr(id, 1, {FORM_ID_LENGTH}), day, {picks}, "
                "COALESCE(json_extract(answers, '$.illustrative'), 0) FROM responses WHERE form_id = ?",
                (VISIT_FORM,),
            ).fetchall()
        except sqlite3.OperationalError:  # a database from before any form was stored
            rows = []
        finally:
            con.close()
    frame = pd.DataFrame.from_records(rows, columns=["record_id", "day", *fields, "illustrative"])
    frame["origin"] = "登记 " + frame["day"].astype(str)
    frame["status"] = frame["status"].map(lambda v: STATUS_NAMES.get(v, v), na_action="ignore")
    frame["illustrative"] = frame["illustrative"].astype(bool)
    for name in ("date", "closed_on"):
        frame[name] = pd.to_datetime(frame[name], errors="coerce")
    for name in ("household_id", "cadre", "topics", "demand", "status", "supersedes"):
        frame[name] = frame[name].astype(object)
    return frame[COLUMNS]


def sheet_visits(frame: pd.DataFrame) -> pd.DataFrame:
    """The loaded visits spreadsheet in the log's columns; a row without 记录编号 is named by its place."""
    out = frame.reindex(columns=COLUMNS).copy()
    for name in ("record_id", "cadre", "topics", "demand", "status", "supersedes"):
        out[name] = out[name].astype(object)  # an absent column comes back as float NaN
    place = [f"{f} 第 {int(r)} 行" for f, r in zip(frame.get("src_file", ""), frame.get("src_row", 0))]
    out["origin"] = place
    named = out["record_id"].notna()
    out.loc[~named, "record_id"] = [p.replace(" ", "") for p, n in zip(place, named) if not n]
    out["illustrative"] = out["illustrative"].fillna(False).astype(bool)
    return out


def visit_log(campaign, campaign_dir: Path | None = None) -> VisitLog:
    """The campaign's visits: spreadsheet rows and stored records, checked together."""
    folder = Path(campaign_dir or campaign.path)
    sheet = campaign.tables["visits"] if "visits" in campaign.results else pd.DataFrame()
    sheet = sheet_visits(sheet) if len(sheet) else pd.DataFrame(columns=COLUMNS)
    stored = stored_visits(folder)
    households = set(campaign.tables["households"]["household_id"]) if "households" in campaign.results else set()
    problems, keep = check_stored(stored, households, campaign.config, set(sheet["record_id"]))
    parts = [p for p in (sheet, stored[keep]) if len(p)]
    records = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    for name in ("date", "closed_on"):
        records[name] = pd.to_datetime(records[name])
    return VisitLog(records.reset_index(drop=True), problems)


def check_stored(
    stored: pd.DataFrame, households: set[str], config: CampaignConfig, sheet_ids: set[str]
) -> tuple[list[Problem], pd.Series]:
    """Stored records the log cannot count (their household left the register, a date outside
    the campaign): each reported, naming the record; kept out of the figures."""
    problems: list[Problem] = []
    keep = pd.Series(True, index=stored.index)
    start = pd.Timestamp(config.start_date) if config.start_date else None
    known = sheet_ids | set(stored["record_id"])
    for idx, row in stored.iterrows():
        why = []
        if row["household_id"] not in households:
            why.append(f"户编号“{row['household_id']}”不在户表中")
        if pd.isna(row["date"]):
            why.append("没有走访日期")
        elif start is not None and row["date"] < start:
            why.append("走访日期早于活动开始")
        if pd.notna(row["supersedes"]) and row["supersedes"] not in known:
            why.append(f"要更正的记录“{row['supersedes']}”不存在")
        if row["status"] is not None and pd.notna(row["status"]) and row["status"] not in STATUSES:
            why.append(f"办理情况“{row['status']}”不认识")
        if why:
            keep.at[idx] = False
            date = f"{row['date']:%Y-%m-%d}" if pd.notna(row["date"]) else "无日期"
            problems.append(
                Problem(
                    "error",
                    "visits",
                    "走访登记（forms.sqlite）",
                    f"记录 {row['record_id']}（{date}，{row['cadre']}）：{'；'.join(why)}。这条记录没有计入；请另记一条更正它",
                    column="户编号" if "户编号" in why[0] else None,
                    value=row["household_id"],
                )
            )
    return problems, keep


def stored_problems(campaign) -> list[Problem]:
    """The door-visit records stored by the forms engine that cannot be counted (a record check)."""
    if "households" not in campaign.results:
        return []
    return visit_log(campaign).problems
