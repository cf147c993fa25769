"""Running ``campaignkit hub …`` in the hub tests."""

from __future__ import annotations

import subprocess
import sys


def hub(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``campaignkit hub …`` as a trainer runs it."""
    done = subprocess.run([sys.executable, "-m", "campaignkit", "hub", *args], capture_output=True, text=True, timeout=180)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def folded_matches_visits(hub_dir) -> None:
    """The hub's per-household days are exactly its current visits, folded (however the
    visits arrived: one bundle, or a push in chunks with corrections after what they correct)."""
    from campaignkit.hub.folder import database

    with database(hub_dir) as connection:
        folded = {
            (town, household): sorted(days)
            for town, household, days in connection.execute("SELECT town, household_id, days FROM household_visits")
        }
        current: dict = {}
        for town, household, day in connection.execute(
            """SELECT v.town, v.payload->>'household_id', (v.payload->>'date')::date FROM records v
               WHERE v.kind = 'visits' AND v.record_id NOT IN (
                   SELECT c.payload->>'supersedes' FROM records c WHERE c.kind = 'visits' AND c.payload->>'supersedes' <> '')"""
        ):
            current.setdefault((town, household), set()).add(day)
    assert folded == {key: sorted(days) for key, days in current.items()}
    assert folded


def with_answers(campaign) -> None:
    """The sample's questionnaire answers imported into a copy of it (as `make dashboards` does)."""
    for form in ("survey", "appraisal"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "campaignkit",
                "forms",
                "import",
                str(campaign / "forms" / f"{form}_responses.csv"),
                str(campaign),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
