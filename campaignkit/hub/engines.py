"""The two engines the roll-ups run on: the hub's PostgreSQL, and DuckDB on a laptop (or a
copy of the hub's tables, for the parity test and for comparing speeds)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import ibis

from .folder import db_url

TABLES = ("records", "deliveries", "towns", "units", "household_visits")


def postgres(folder: Path):
    """An ibis connection to a hub's PostgreSQL (which must be running)."""
    url = urlsplit(db_url(folder))
    host = parse_qs(url.query).get("host", [url.hostname or ""])[0]
    return ibis.postgres.connect(
        host=host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.path.lstrip("/"),
    )


def duckdb_copy(source, path: str = ":memory:"):
    """The hub's tables copied into DuckDB, value for value (jsonb becomes DuckDB's JSON)."""
    target = ibis.duckdb.connect(path)
    for name in TABLES:
        table = source.table(name)
        schema = ibis.schema({column: ("json" if kind.is_json() else kind) for column, kind in table.schema().items()})
        target.create_table(name, schema=schema)
        data = table.to_pyarrow()
        if len(data):
            target.insert(name, data)
    return target
