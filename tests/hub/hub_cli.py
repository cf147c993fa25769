"""Running ``campaignkit hub …`` in the hub tests."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def hub(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``campaignkit hub …`` as a trainer runs it."""
    done = subprocess.run([sys.executable, "-m", "campaignkit", "hub", *args], capture_output=True, text=True, timeout=180)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@contextmanager
def hub_served(hub_dir: Path, log: Path) -> Iterator[tuple[str, str]]:
    """``campaignkit hub serve HUB_DIR`` on a free loopback port for the block, its output in
    ``log``: (its address, the pages' link it printed). Stopped as Ctrl+C stops it."""
    from support import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with open(log, "w+", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "campaignkit", "hub", "serve", str(hub_dir), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 90
            while True:
                link = re.search(r"汇总页面：(\S+)", log.read_text(encoding="utf-8"))
                try:
                    urllib.request.urlopen(f"{url}/hub/api/ping", timeout=2)
                    if link:
                        break
                except OSError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"campaignkit hub serve did not start: {log.read_text(encoding='utf-8')[-2000:]}")
                time.sleep(0.3)
            yield url, link.group(1)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def copy_hub(template, to):
    """A fresh hub folder at ``to``, as `hub init` makes it, copied from ``template`` (a stopped
    cluster; ``cp -a`` keeps its files' owner, the postgres user)."""
    subprocess.run(["cp", "-a", str(template), str(to)], check=True)
    return to


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


def campaignkit(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "campaignkit", *args], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return done.stdout


def with_answers(campaign) -> None:
    """A copy of the sample with what a season leaves on a laptop: the questionnaire answers (as
    `make dashboards` imports them), the selection S01 closed with six paper ballots, and a quiz
    handed in by six pupils of class 7A and three of 7B."""
    import csv

    from campaignkit.forms import ResponseStore, database_path

    for form in ("survey", "appraisal"):
        campaignkit("forms", "import", str(campaign / "forms" / f"{form}_responses.csv"), str(campaign))
    table = campaign / "selections.csv"
    text = table.read_text(encoding="utf-8-sig")
    assert ",2024-01-15,,2," in text
    table.write_text(text.replace(",2024-01-15,,2,", ",2024-01-15,2024-01-20,2,", 1), encoding="utf-8")
    campaignkit("vote", "codes", "S01", str(campaign), "--count", "6", "--out", str(campaign.parent / "codes.csv"))
    with open(campaign.parent / "codes.csv", encoding="utf-8-sig") as fh:
        codes = [row["code"] for row in csv.DictReader(fh)]
    chosen = ["段丽娟、徐建国"] * 4 + ["其木格其其格", ""]
    entry, again = campaign.parent / "甲.csv", campaign.parent / "乙.csv"  # two people enter the paper ballots
    entry.write_text(
        "投票码,选择,废票\n" + "".join(f"{c},{v},{'' if v else '是'}\n" for c, v in zip(codes, chosen)), encoding="utf-8"
    )
    again.write_bytes(entry.read_bytes())
    campaignkit("vote", "paper", "S01", str(campaign), "--first", str(entry), "--second", str(again))
    store = ResponseStore(database_path(campaign))
    try:
        for class_code, seats in (("7A", 6), ("7B", 3)):
            for seat in range(1, seats + 1):
                answers = {"_class": class_code, "_seat": seat, "q1": "b" if seat % 3 else "a"}
                store.submit("quiz_history", "2024-01", f"{class_code}-{seat}", answers)
    finally:
        store.close()
