"""One row per visited household with the days it was visited (corrections applied), kept up
to date as reports arrive: coverage for any date range reads 600,000 households rather than
6,000,000 visits' JSON."""

from __future__ import annotations

# The current visits (a visit a later record corrects is left out) folded per household;
# {where} narrows to the households a report touched and leaves the corrected visits out.
FOLD = """
INSERT INTO household_visits (town, unit, grid, household_id, days)
SELECT town, max(unit), max(grid), household_id, array_agg(DISTINCT day ORDER BY day)
FROM (
    SELECT v.town, v.unit, coalesce(v.payload->>'grid', '') AS grid, v.payload->>'household_id' AS household_id,
           (v.payload->>'date')::date AS day
    FROM records v
    WHERE v.kind = 'visits' AND v.payload->>'date' IS NOT NULL AND v.payload->>'household_id' IS NOT NULL {where}
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
""" + FOLD.format(
    where="""AND (v.town, v.record_id) NOT IN (
        SELECT c.town, c.payload->>'supersedes' FROM records c WHERE c.kind = 'visits' AND c.payload->>'supersedes' <> ''
    )"""
)


def refresh(connection, town: str, households: list[str]) -> None:
    """Fold again the households a report touched (in the report's transaction)."""
    if not households:
        return
    # A correction is of the same household (the laptop allows no other), so the corrected visits
    # are found among these households' own: a short list, looked up once, not per visit.
    corrected = [
        row[0]
        for row in connection.execute(
            "SELECT payload->>'supersedes' FROM records WHERE kind = 'visits' AND town = %s"
            " AND payload->>'household_id' = ANY(%s) AND payload->>'supersedes' <> ''",
            (town, households),
        )
    ]
    connection.execute("DELETE FROM household_visits WHERE town = %s AND household_id = ANY(%s)", (town, households))
    connection.execute(
        FOLD.format(
            where="AND v.town = %(town)s AND v.payload->>'household_id' = ANY(%(households)s)"
            " AND NOT (v.record_id = ANY(%(corrected)s))"
        ),
        {"town": town, "households": households, "corrected": corrected},
    )


def rebuild(connection) -> None:
    """Fold every household again (after a bulk load)."""
    corrected = [
        row[0]
        for row in connection.execute(
            "SELECT payload->>'supersedes' FROM records WHERE kind = 'visits' AND payload->>'supersedes' <> ''"
        )
    ]
    connection.execute("DELETE FROM household_visits")
    connection.execute(FOLD.format(where="AND NOT (v.record_id = ANY(%(corrected)s))"), {"corrected": corrected})
