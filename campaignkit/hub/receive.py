"""A town's report stored on the hub, exactly once: each record under the id it keeps for life
(a form's 32-hex id as it is; a trainer's own id, such as V0001 or 活动编号, under its town and
unit, since two villages may both number theirs from 1). A resend adds nothing; a changed
record replaces the hub's copy; activities and screenings removed on the laptop are removed
here. Everything in one transaction: a refused report stores nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from psycopg.types.json import Jsonb

from ..hookspecs import HubRecord
from .bundle import KINDS
from .errors import HubError
from .household_visits import refresh
from .reported import Report

_HASHED = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Received:
    added: int
    changed: int
    removed: int
    unchanged: int

    def said(self) -> str:
        return f"新收 {self.added} 条，更新 {self.changed} 条，删去 {self.removed} 条，已有 {self.unchanged} 条"


def hub_id(town: str, unit: str, record_id: str) -> str:
    return record_id if _HASHED.match(record_id) else f"{town}/{unit}/{record_id}"


def check_town(connection, report: Report, key_town: str | None) -> str:
    """The town the report is stored under: its key's (a push), or its own when the hub has a
    key for it (a bundle); each record's unit one of the town's."""
    if key_town is not None and key_town != report.town:
        raise HubError(f"这把钥匙是“{key_town}”的，报送的却是“{report.town}”的记录：没有收下")
    has_key = connection.execute("SELECT 1 FROM keys WHERE town = %s AND revoked IS NULL", (report.town,)).fetchone()
    if has_key is None:
        raise HubError(
            f"这个中心没有给“{report.town}”发过钥匙（或已作废）：没有收下；先 campaignkit hub keys add {report.town} 中心文件夹"
        )
    for number, record in enumerate(report.records, start=1):
        if record.unit and record.unit not in report.units:
            raise HubError(
                f"第 {number} 条记录（{KINDS.get(record.kind, record.kind)} {record.record_id}）的单位“{record.unit}”不是{report.town}的"
                "（campaign.toml 的 units 里没有）：整份报送没有收下"
            )
    return report.town


def receive(connection, report: Report, *, via: str, key_town: str | None = None) -> Received:
    town = check_town(connection, report, key_town)
    rows = [(r.kind, hub_id(town, r.unit, r.record_id), r.unit, stored_payload(town, r)) for r in report.records]
    seen: set[tuple[str, str]] = set()
    for kind, rid, _, _ in rows:
        if (kind, rid) in seen:
            raise HubError(f"报送里有两条 {kind} 记录的编号都是 {rid}：没有收下；请在那台电脑上改正后重新报送")
        seen.add((kind, rid))
    with connection.transaction():
        connection.execute("LOCK TABLE records IN SHARE ROW EXCLUSIVE MODE")  # two laptops of a town at once: one after the other
        known = _known(connection, rows)
        foreign = [(kind, rid) for kind, rid, _, _ in rows if (kind, rid) in known and known[(kind, rid)][0] != town]
        if foreign:
            raise HubError(f"记录 {foreign[0][1]} 已由另一个镇报送过：没有收下")
        new = [r for r in rows if (r[0], r[1]) not in known]
        changed = [r for r in rows if (r[0], r[1]) in known and known[(r[0], r[1])][1] != r[3]]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO records (kind, record_id, town, unit, payload) VALUES (%s, %s, %s, %s, %s)",
                [(k, rid, town, unit, Jsonb(p)) for k, rid, unit, p in new],
            )
            cursor.executemany(
                "UPDATE records SET unit = %s, payload = %s, received = now() WHERE kind = %s AND record_id = %s",
                [(unit, Jsonb(p), k, rid) for k, rid, unit, p in changed],
            )
        removed = _remove_gone(connection, town, report, rows)
        touched = sorted({str(p.get("household_id")) for k, _, _, p in new + changed if k == "visits" and p.get("household_id")})
        refresh(connection, town, touched)
        _units(connection, town, report.units)
        connection.execute(
            "INSERT INTO deliveries (town, via, added, illustrative, fingerprints, units) VALUES (%s, %s, %s, %s, %s, %s)",
            (town, via, len(new), report.illustrative, Jsonb(report.fingerprints), sorted(report.units)),
        )
    return Received(len(new), len(changed), removed, len(rows) - len(new) - len(changed))


def stored_payload(town: str, record: HubRecord) -> dict:
    """A record's fields as the hub stores them (a correction names its record by hub id)."""
    data = dict(record.data)
    if record.kind == "visits" and data.get("supersedes"):  # a correction names the record it replaces
        data["supersedes"] = hub_id(town, record.unit, str(data["supersedes"]))
    return data


def _known(connection, rows: list[tuple]) -> dict[tuple[str, str], tuple[str, dict]]:
    known: dict[tuple[str, str], tuple[str, dict]] = {}
    for kind in {r[0] for r in rows}:
        ids = [r[1] for r in rows if r[0] == kind]
        for rid, town, payload in connection.execute(
            "SELECT record_id, town, payload FROM records WHERE kind = %s AND record_id = ANY(%s)", (kind, ids)
        ):
            known[(kind, rid)] = (town, payload)
    return known


def _remove_gone(connection, town: str, report: Report, rows: list[tuple]) -> int:
    """Activities and screenings of the report's units that its laptop no longer has."""
    if report.keep is None:
        return 0
    removed = 0
    for kind, pairs in sorted(report.keep.items()):
        kept = [hub_id(town, unit, rid) for unit, rid in pairs]
        removed += connection.execute(
            "DELETE FROM records WHERE town = %s AND kind = %s AND unit = ANY(%s) AND NOT (record_id = ANY(%s))",
            (town, kind, list(report.units), kept),
        ).rowcount
    return removed


def _units(connection, town: str, units: dict[str, list[str]]) -> None:
    pairs = [(town, unit, grid) for unit, grids in units.items() for grid in (grids or [""])]
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO units (town, unit, grid) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING", pairs)
