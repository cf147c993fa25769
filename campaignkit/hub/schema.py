"""The hub's tables, and the steps that bring an older hub's database up to them (a schema
upgrade keeps the data: each step runs once, in order, in one transaction)."""

from __future__ import annotations

from .household_visits import TABLE as HOUSEHOLD_VISITS

# (version, SQL). Append new steps; never edit one that has shipped.
STEPS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE towns (
            town text PRIMARY KEY,
            added timestamptz NOT NULL DEFAULT now()
        );
        -- A key is stored as its SHA-256: the hub's database never holds a key that works.
        CREATE TABLE keys (
            key_hash text PRIMARY KEY,
            town text NOT NULL REFERENCES towns ON DELETE CASCADE,
            issued timestamptz NOT NULL DEFAULT now(),
            revoked timestamptz
        );
        -- A town's villages, communities and grids, as its laptops' campaign.toml names them.
        CREATE TABLE units (
            town text NOT NULL REFERENCES towns ON DELETE CASCADE,
            unit text NOT NULL,
            grid text NOT NULL DEFAULT '',
            PRIMARY KEY (town, unit, grid)
        );
        -- One row per record, under the id it keeps for life on every laptop.
        CREATE TABLE records (
            kind text NOT NULL,
            record_id text NOT NULL,
            town text NOT NULL REFERENCES towns ON DELETE CASCADE,
            unit text NOT NULL DEFAULT '',
            payload jsonb NOT NULL,
            received timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (kind, record_id)
        );
        CREATE INDEX records_town ON records (town, kind);
        -- What each delivery (a push or a bundle) brought: completeness and timeliness read it.
        CREATE TABLE deliveries (
            id bigserial PRIMARY KEY,
            town text NOT NULL REFERENCES towns ON DELETE CASCADE,
            via text NOT NULL,
            received timestamptz NOT NULL DEFAULT now(),
            added integer NOT NULL DEFAULT 0,
            illustrative boolean NOT NULL DEFAULT false,
            fingerprints jsonb NOT NULL DEFAULT '{}'
        );
        """,
    ),
    (2, HOUSEHOLD_VISITS),  # coverage from one row per household, filled from what is stored
    (
        3,
        # Which villages and communities each delivery came from (a village's laptop reports its
        # own): completeness per unit. An older delivery is taken as from all its town's units.
        """
        ALTER TABLE deliveries ADD COLUMN units text[] NOT NULL DEFAULT '{}';
        UPDATE deliveries d SET units = ARRAY(SELECT DISTINCT u.unit FROM units u WHERE u.town = d.town ORDER BY u.unit);
        """,
    ),
]


def migrate(connection) -> int:
    """Bring the database up to the newest step; returns its version."""
    with connection.transaction():
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] or 0
        for version, sql in STEPS:
            if version > current:
                connection.execute(sql)
                connection.execute("INSERT INTO schema_version VALUES (%s)", (version,))
                current = version
    return current
