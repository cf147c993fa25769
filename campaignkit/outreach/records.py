"""Door-visit records from everywhere, as one log: the visits spreadsheet, the door-visit page
and the phone form (both stored by the forms engine as responses to the ``visits`` form), and
ODK/Kobo exports brought in with ``forms import``.

Records are appended, never edited: a correction is a new record naming the one it corrects
(``supersedes``); both are kept and the log says which one counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core import clock
from ..core.config import CampaignConfig
from ..core.problems import Problem
from ..forms.store import StoreUnreadable, answer_rows, database_path
from ..load import check_campaign
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
    "file",  # where a problem with the record is reported: the sheet's file, or STORED
    "row",  # its Excel row (sheet records only)
]
# A stored record is named by the first 12 hex digits of its random id: short enough to read
# out, and two of 200,000 records share a name about once in 14,000 campaigns (n² / 2⁴⁹).
FORM_ID_LENGTH = 12
STORED = "走访登记（forms.sqlite）"  # where stored records are, as a problem names the file


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


def stored_visits(campaign_dir: Path, *, empty: bool = False) -> pd.DataFrame:
    """The ``visits`` form's responses in the campaign's response store (the forms engine's
    read-only query: :func:`campaignkit.forms.store.answer_rows`). Raises
    :class:`~campaignkit.forms.store.StoreUnreadable` when the file is not a database;
    ``empty``: none, in the same shape."""
    fields = [c for c in COLUMNS if c not in ("record_id", "origin", "illustrative")]
    rows = [] if empty else answer_rows(database_path(Path(campaign_dir)), VISIT_FORM, [*fields, "illustrative"])
    rows = [(rid[:FORM_ID_LENGTH], *rest[:-1], rest[-1] or 0) for rid, *rest in rows]
    frame = pd.DataFrame.from_records(rows, columns=["record_id", "day", *fields, "illustrative"])
    frame["origin"] = "登记 " + frame["day"].astype(str)
    frame["file"], frame["row"] = STORED, pd.Series(pd.NA, index=frame.index, dtype="Int64")
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
    files = frame["src_file"] if "src_file" in frame.columns else pd.Series("visits", index=frame.index)
    rows = frame["src_row"] if "src_row" in frame.columns else pd.Series(0, index=frame.index)
    out["file"], out["row"] = files.astype(object), rows.astype("Int64")
    out["origin"] = [f"{f} 第 {int(r)} 行" for f, r in zip(files, rows)]
    named = out["record_id"].notna()
    out.loc[~named, "record_id"] = [place_id(f, r) for f, r, n in zip(files, rows, named) if not n]
    out["illustrative"] = out["illustrative"].map(lambda v: bool(v) if pd.notna(v) else False).astype(bool)
    return out


def place_id(file: str, row: int) -> str:
    """How a spreadsheet row without 记录编号 is named (and corrected): "visits.csv第5行"."""
    return f"{file}第{int(row)}行"


def visit_log(campaign, campaign_dir: Path | None = None, *, today: dt.date | None = None) -> VisitLog:
    """The campaign's visits: spreadsheet rows and stored records, checked together. A stored
    record the log cannot count, and a correction that cannot stand (of nothing, of another
    household's record, of itself or in a circle), is reported and left out."""
    folder = Path(campaign_dir or campaign.path)
    sheet = campaign.tables["visits"] if "visits" in campaign.results else pd.DataFrame()
    sheet = sheet_visits(sheet) if len(sheet) else pd.DataFrame(columns=COLUMNS)
    damaged: list[Problem] = []
    try:
        stored = stored_visits(folder)
    except StoreUnreadable as exc:
        stored = stored_visits(folder, empty=True)
        damaged.append(
            Problem(
                "error",
                "visits",
                STORED,
                f"手机登记的记录库 .campaignkit/forms.sqlite 读不了（已损坏，或不是数据库文件：{exc}），手机登记的走访都没有计入。"
                "请把这个文件的备份放回原处；没有备份的，把它改名留存后重新启动，再请干部补登",
            )
        )
    households = set(campaign.tables["households"]["household_id"]) if "households" in campaign.results else set()
    problems, keep = check_stored(stored, households, campaign.config, today or clock.today())
    problems = damaged + problems
    parts = [p for p in (sheet, stored[keep]) if len(p)]
    records = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    for name in ("date", "closed_on"):
        records[name] = pd.to_datetime(records[name])
    wrong, refused = check_corrections(records)
    return VisitLog(records[~refused].reset_index(drop=True), problems + wrong)


def _problem(row, message: str, column: str | None, value=None) -> Problem:
    if row["file"] == STORED:
        date = f"{row['date']:%Y-%m-%d}" if pd.notna(row["date"]) else "无日期"
        text = f"记录 {row['record_id']}（{date}，{row['cadre']}）：{message}。这条记录没有计入；请另记一条更正它"
        return Problem("error", "visits", STORED, text, column=column, value=value)
    row_number = int(row["row"]) if pd.notna(row["row"]) else None
    return Problem("error", "visits", str(row["file"]), f"{message}。这一行没有计入", row=row_number, column=column, value=value)


def check_corrections(records: pd.DataFrame) -> tuple[list[Problem], pd.Series]:
    """Corrections that cannot stand: of a record that does not exist, of another household's
    record, of itself, or in a circle (A corrects B corrects A). Each is reported, naming its
    file and row (or its stored record), and left out; the record it named stays as it was."""
    problems: list[Problem] = []
    refused = pd.Series(False, index=records.index)
    if records.empty:
        return problems, refused
    household = dict(zip(records["record_id"], records["household_id"]))
    corrects = {r: t for r, t in zip(records["record_id"], records["supersedes"]) if isinstance(t, str) and t}
    for idx, row in records[records["supersedes"].notna()].iterrows():
        target = row["supersedes"]
        why = None
        if target not in household:
            why = f"要更正的记录“{target}”不存在（请照着走访记录上的编号填）"
        elif household[target] != row["household_id"]:
            why = f"要更正的记录“{target}”是另一户（{household[target]}）的：更正只能改同一户的记录"
        else:
            seen, step = {row["record_id"]}, target
            while step in corrects and step not in seen:
                seen.add(step)
                step = corrects[step]
            if step == row["record_id"] or target == row["record_id"]:
                why = f"更正记录“{target}”绕回了这条记录自己：请只填被更正的那一条的编号"
        if why:
            refused.at[idx] = True
            problems.append(_problem(row, why, "更正记录", target))
    return problems, refused


def check_stored(
    stored: pd.DataFrame, households: set[str], config: CampaignConfig, today: dt.date
) -> tuple[list[Problem], pd.Series]:
    """Stored records the log cannot count (their household left the register, a date outside
    the campaign, a closing date that cannot be): each reported, naming the record and the
    question; kept out of the figures."""
    problems: list[Problem] = []
    if stored.empty:
        return problems, pd.Series(True, index=stored.index)
    start = pd.Timestamp(config.start_date) if config.start_date else pd.Timestamp.min
    end = pd.Timestamp(today)
    checks = (
        (~stored["household_id"].isin(households), "户编号", lambda r: f"户编号“{r['household_id']}”不在户表中"),
        (stored["date"].isna(), "走访日期", lambda r: "走访日期缺失或看不懂"),
        (stored["date"] < start, "走访日期", lambda r: "走访日期早于活动开始"),
        (stored["date"] > end, "走访日期", lambda r: "走访日期在今天之后"),
        (stored["closed_on"] < stored["date"], "办结日期", lambda r: "办结日期早于走访日期"),
        (stored["closed_on"] > end, "办结日期", lambda r: "办结日期在今天之后"),
        (
            stored["status"].notna() & ~stored["status"].isin(STATUSES),
            "办理情况",
            lambda r: f"办理情况“{r['status']}”不认识",
        ),
    )
    bad = pd.Series(False, index=stored.index)
    for mask, column, say in checks:
        mask = mask.fillna(False).astype(bool) & ~bad  # one problem per record: the first found
        for _, row in stored[mask].iterrows():
            problems.append(_problem(row, say(row), column, row["household_id"] if column == "户编号" else None))
        bad |= mask
    return problems, ~bad


def known_records(campaign_dir: Path) -> dict[str, str]:
    """Every record id a correction may name (spreadsheet and stored) → its household."""
    sheet = check_campaign(campaign_dir, tables=["visits"]).tables["visits"]
    sheet = sheet_visits(sheet) if len(sheet) else pd.DataFrame(columns=COLUMNS)
    stored = stored_visits(campaign_dir)
    return dict(zip([*sheet["record_id"], *stored["record_id"]], [*sheet["household_id"], *stored["household_id"]]))


def stored_problems(campaign) -> list[Problem]:
    """The visit records that cannot be counted (a record check): stored ones, and corrections."""
    if "households" not in campaign.results:
        return []
    return visit_log(campaign).problems
