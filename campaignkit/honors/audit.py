"""What anyone may check of a selection: codes issued, ballots cast, counted and spoiled, and
the ballots themselves (no code, no time finer than the day, in an order that says nothing)."""

from __future__ import annotations

import csv
import io

from ..forms import ResponseStore
from .ballot import CHOICE_FIELD
from .selections import Selection


def audit_figures(selection: Selection, store: ResponseStore) -> dict:
    left, issued = store.codes_left(selection.form_id)
    ballots = [r["answers"] for r in store.responses(selection.form_id)]
    spoiled = sum(1 for b in ballots if b.get("spoiled"))
    return {
        "codes_issued": issued,
        "codes_unused": left,
        "ballots_cast": len(ballots),
        "ballots_counted": len(ballots) - spoiled,
        "ballots_spoiled": spoiled,
    }


def ballots_csv(selection: Selection, store: ResponseStore) -> bytes:
    """Every ballot, one a row: its random id, the day, the names chosen (、), 废票."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["选票编号", "日期", "选择", "废票"])
    for response in store.responses(selection.form_id):
        ballot = response["answers"]
        writer.writerow(
            [response["id"], response["day"], "、".join(ballot.get(CHOICE_FIELD, [])), "是" if ballot.get("spoiled") else "否"]
        )
    return out.getvalue().encode("utf-8-sig")
