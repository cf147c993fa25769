"""What a laptop reports to the hub from its campaign folder: each feature's records (the
``hub_records`` hook), the answers of anonymous forms (no code, no day: nothing that orders
them), and the fingerprints of its spreadsheets (which version of the ledger a town used)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.config import CampaignConfig
from ..features import registry
from ..hookspecs import HubRecord
from .errors import HubError

SHEETS = ("*.csv", "*.xlsx", "*.xls")


@dataclass(frozen=True)
class Report:
    town: str
    campaign: str
    illustrative: bool
    units: dict[str, list[str]]  # unit → its grids, as campaign.toml names them
    fingerprints: dict[str, str]  # spreadsheet file → SHA-256
    records: list[HubRecord]
    # (unit, record_id) of every activity and screening the laptop has now: the hub removes the
    # others of these units. None: remove nothing (a push's chunk before its last).
    keep: dict[str, list[tuple[str, str]]] | None = None

    def manifest(self) -> dict:
        return {
            "format": 1,
            "town": self.town,
            "campaign": self.campaign,
            "illustrative": self.illustrative,
            "units": self.units,
            "fingerprints": self.fingerprints,
        }


def report(folder: Path) -> Report:
    folder = Path(folder)
    config = CampaignConfig.of(folder)
    if not config.town:
        raise HubError(f'{folder / "campaign.toml"} 里没有写 town（本镇的名字）：中心按镇收报送，请先写上，如 town = "无定河镇"')
    records = sorted([*registry().hub_records(folder), *_anonymous_answers(folder)], key=lambda r: (r.kind, r.record_id))
    return Report(
        town=config.town,
        campaign=config.name,
        illustrative=bool(config.illustrative),
        units={u.name: list(getattr(u, "grids", []) or []) for u in config.units},
        fingerprints={
            p.name: hashlib.sha256(p.read_bytes()).hexdigest() for pattern in SHEETS for p in sorted(folder.glob(pattern))
        },
        records=records,
        keep=keep_of(records),
    )


def keep_of(records: list[HubRecord]) -> dict[str, list[tuple[str, str]]]:
    keep: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        if record.replaceable:
            keep.setdefault(record.kind, []).append((record.unit, record.record_id))
    return keep


def _anonymous_answers(folder: Path) -> list[HubRecord]:
    from ..forms import CampaignForms, ResponseStore, database_path

    if not database_path(folder).exists():
        return []
    forms = [f for f in CampaignForms(folder, registry().form_checks()).all() if f.anonymous and not f.quiz]
    store = ResponseStore(database_path(folder))
    try:
        return [
            HubRecord(
                kind="responses",
                record_id=r["id"],
                unit="",
                data={"form": f.form_id, "version": r["version"], "answers": r["answers"]},
            )
            for f in forms
            for r in store.responses(f.form_id)
        ]
    finally:
        store.close()
