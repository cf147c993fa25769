"""One row per visited household with the days it was visited (corrections applied), kept up
to date as reports arrive: coverage for any date range reads 600,000 households rather than
6,000,000 visits' JSON."""

from __future__ import annotations

# The current visits (a visit a later record corrects is left out) folded per household;
# {where} narrows to the households a report touched.
FOLD = """
INSERT INTO household_visits (town, unit, grid, household_id, days)
SELECT town, max(unit), max(grid), household_id, array_agg(DISTINCT day ORDER BY day)
FROM (
    SELECT v.town, v.unit, coalesce(v.payload->>'grid', '') AS grid, v.payload->>'household_id' AS household_id,
           (v.payload->>'date')::date AS day
    FROM records v
    WHERE v.kind = 'visits' AND v.payload->>'date' IS NOT NULL AND v.payload->>'household_id' IS NOT NULL {where}
      AND (v.town, v.record_id) NOT IN (  -- corrections are few: one hashed set, not a lookup per visit
          SELECT c.town, c.payload->>'supersedes' FROM records c
          WHERE c.kind = 'visits' AND c.payload->>'supersedes' <> ''
      )
) current
GROUP BY town, household_id
"""

TABLE = """
CREATE INDEX records_visit_household ON records (town, (payload->>'household_id')) WHERE kind = 'visits';
CREATE INDEX records_visit_supersedes ON records (town, (payload->>'supersedes'))
    WHERE kind = 'visits' AND payload->>'supersedes' <> '';
CREATE TABLE household_visits (
    town text NOT NULL REFERENCES towns ON DELETE CASCADE,
    unit text NOT NULL,
    grid text NOT NULL,
    household_id text NOT NULL,
    days date[] NOT NULL,
    PRIMARY KEY (town, household_id)
);
""" + FOLD.format(where="")


def refresh(connection, town: str, households: list[str]) -> None:
    """Fold again the households a report touched (in the report's transaction)."""
    if not households:
        return
    connection.execute("DELETE FROM household_visits WHERE town = %s AND household_id = ANY(%s)", (town, households))
    connection.execute(
        FOLD.format(where="AND v.town = %(town)s AND v.payload->>'household_id' = ANY(%(households)s)"),
        {"town": town, "households": households},
    )


def rebuild(connection) -> None:
    """Fold every household again (after a bulk load)."""
    connection.execute("DELETE FROM household_visits")
    connection.execute(FOLD.format(where=""))
