"""A town's own roll-up without a server: its campaign's report and the bundles its villages'
laptops made (``campaignkit bundle``, copied into the campaign's ``报送文件`` folder), stored
in an in-memory DuckDB with the hub's tables, so the hub's roll-ups and pages run on it
unchanged. Records are kept as the hub keeps them: once per id, the later report's copy when
two carry the same record, a corrected visit folded out."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa

from . import rollups
from .bundle import read_bundle
from .receive import hub_id, stored_payload
from .reported import Report, report

BUNDLES = "报送文件"


def local_reports(campaign: Path) -> list[Report]:
    """The campaign's own report, then each bundle of its ``报送文件`` folder (by name)."""
    folder = Path(campaign) / BUNDLES
    bundles = sorted(folder.glob("*.zip")) + sorted(folder.glob("*.ckbundle")) if folder.is_dir() else []
    return [report(Path(campaign)), *(read_bundle(path) for path in bundles)]


def local_hub(reports: list[Report]):
    """An ibis DuckDB connection holding these reports as a hub's tables."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    records: dict[tuple[str, str], dict] = {}
    for made in reports:
        for r in made.records:
            rid = hub_id(made.town, r.unit, r.record_id)
            payload = stored_payload(made.town, r)
            records[(r.kind, rid)] = dict(kind=r.kind, record_id=rid, town=made.town, unit=r.unit, payload=json.dumps(payload))
    units = {(m.town, unit, grid) for m in reports for unit, grids in m.units.items() for grid in (grids or [""])}
    con = ibis.duckdb.connect()
    raw = con.con  # DuckDB's own connection: JSON columns are made by a cast it does
    raw.register(
        "incoming", pa.Table.from_pandas(_frame(list(records.values()), ["kind", "record_id", "town", "unit", "payload"]))
    )
    raw.execute("CREATE TABLE records AS SELECT kind, record_id, town, unit, payload::JSON AS payload FROM incoming")
    raw.unregister("incoming")
    con.create_table(
        "units", ibis.memtable(_frame([dict(zip(["town", "unit", "grid"], u)) for u in sorted(units)], ["town", "unit", "grid"]))
    )
    con.create_table("towns", ibis.memtable(pd.DataFrame({"town": sorted({m.town for m in reports})}, dtype="string")))
    deliveries = pd.DataFrame(
        {
            "id": range(1, len(reports) + 1),
            "town": [m.town for m in reports],
            "via": ["bundle"] * len(reports),
            "received": [now] * len(reports),
            "added": [len(m.records) for m in reports],
            "illustrative": [m.illustrative for m in reports],
            "units": [sorted(m.units) for m in reports],
        }
    )
    con.create_table("deliveries", ibis.memtable(deliveries))
    v = rollups.visits(con.table("records"))
    v = v.filter(v.day.notnull() & v.household_id.notnull())
    folded = v.group_by(["town", "household_id"]).aggregate(
        unit=v.unit.max(), grid=v.grid.fill_null("").max(), days=v.day.collect(distinct=True, order_by=v.day)
    )
    con.create_table("household_visits", folded)
    return con


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as text columns (an empty list still has its columns)."""
    return pd.DataFrame(rows, columns=columns).astype("string")
