"""What the selections report to the banner's hub: each selection's dates, places and turnout,
and once its voting has closed, the tally and who was elected (what its 公示 announces). Never
a ballot, a code or who voted."""

from __future__ import annotations

from pathlib import Path

from ..forms import ResponseStore, database_path
from ..hookspecs import HubRecord
from .ballot import ballots
from .data import SelectionData
from .tally import tally


def hub_records(campaign: Path) -> list[HubRecord]:
    if not database_path(campaign).exists():
        return []
    book = SelectionData(campaign)
    store = ResponseStore(database_path(campaign))
    try:
        return [
            _record(s, tally(s, book.candidates(s), ballots(store, s), store.codes_left(s.form_id)[1])) for s in book.selections
        ]
    finally:
        store.close()


def _record(selection, result: dict) -> HubRecord:
    data = {
        "code": selection.code,
        "award": selection.award,
        "units": list(selection.units),
        "vote_from": selection.vote_from.isoformat(),
        "vote_to": selection.vote_to.isoformat() if selection.vote_to else None,
        "places": selection.winners,
        "threshold": selection.threshold,
        "codes_issued": result["codes_issued"],
        "ballots_cast": result["ballots_cast"],
        "ballots_spoiled": result["ballots_spoiled"],
        "illustrative": bool(selection.illustrative),
    }
    if result["status"] == "已截止":  # counts while voting is open stay on the laptop
        data["candidates"] = [{"name": c["name"], "unit": c["unit"], "votes": c["votes"]} for c in result["candidates"]]
        data["winners"] = list(result["winners"])
        data["ties"] = [dict(t) for t in result["ties"]]
    return HubRecord(kind="selections", record_id=selection.code, unit="", data=data, replaceable=True)
