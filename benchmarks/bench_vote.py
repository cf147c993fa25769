"""A selection's vote: 500 voters from 50 concurrent clients against one `campaignkit serve`.

Starts the server on a copy of the bundled sample with one more selection whose roll is every
adult of the sample's villages and community (enough for 500 codes), issues 500 codes with
`campaignkit vote codes`, then 50 clients (asyncio HTTP over loopback) post the ballots at
once, each client ten voters in turn: 10% of the ballots are sent twice (the same submission,
as a phone that lost the answer resends it) and 2% are a second ballot with a code already
used. Prints:

- submit latency (p50/p95/max; target p95 ≤ 200 ms);
- ballots counted (target exactly 500), resends answered as success, used codes refused;
- the tally of 20,000 ballots (the store read and the count; target ≤ 1 s), and the whole
  `campaignkit vote tally` command on them (which also reads the campaign's tables).

Run: ``python benchmarks/bench_vote.py [--voters 500] [--clients 50]``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SELECTION = "SB"
UNITS = "红柳嘎查、沙柳嘎查、柠条嘎查、杨树村、阳光社区"
NOMINEES = ["段丽娟", "徐建国", "其木格其其格"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def add_bench_selection(campaign: Path) -> None:
    with open(campaign / "selections.csv", "a", encoding="utf-8", newline="") as fh:
        fh.write(f"{SELECTION},致富能手,农村牧区,{UNITS},,,2024-01-15,,2,2,过半数,成年成员,5,,,,是\r\n")
    with open(campaign / "nominations.csv", "a", encoding="utf-8", newline="") as fh:
        for household, name in zip(("HL-001", "HL-002", "HL-003"), NOMINEES):
            fh.write(f"{SELECTION},{name},红柳嘎查,{household},测试,（示例）事迹,是\r\n")


async def client_votes(client, base: str, codes: list[str], plan: dict, ready: asyncio.Event, out: dict) -> None:
    from tornado.httpclient import HTTPRequest

    page = await client.fetch(f"{base}/vote/{SELECTION}")
    cookies = "; ".join(c.split(";", 1)[0] for c in page.headers.get_list("Set-Cookie"))
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.body.decode()).group(1)
    out["opened"] += 1
    await ready.wait()
    for code in codes:
        rng = random.Random(code)
        submission = secrets.token_urlsafe(18)
        fields = [("_xsrf", xsrf), ("_submission_id", submission), ("code", code)]
        fields += [("choice", name) for name in rng.sample(NOMINEES, rng.randint(1, 2))]
        request = HTTPRequest(
            f"{base}/vote/{SELECTION}",
            method="POST",
            body=urllib.parse.urlencode(fields),
            headers={"Cookie": cookies},
            request_timeout=60,
        )
        sends = 2 if code in plan["twice"] else 1
        for _ in range(sends):
            start = time.perf_counter()
            response = await client.fetch(request, raise_error=False)
            out["latencies"].append(time.perf_counter() - start)
            if response.code == 200:
                out["ok"] += 1
            else:
                out["failed"].append(response.code)
        if code in plan["reuse"]:  # someone types a slip's code that was already used
            again = [("_xsrf", xsrf), ("_submission_id", secrets.token_urlsafe(18)), ("code", code), ("choice", NOMINEES[0])]
            request = HTTPRequest(
                f"{base}/vote/{SELECTION}",
                method="POST",
                body=urllib.parse.urlencode(again),
                headers={"Cookie": cookies},
                request_timeout=60,
            )
            start = time.perf_counter()
            response = await client.fetch(request, raise_error=False)
            out["latencies"].append(time.perf_counter() - start)
            out["refused" if response.code == 403 else "wrongly_accepted"] += 1


async def vote(base: str, codes: list[str], clients: int, plan: dict) -> dict:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=clients)
    client = AsyncHTTPClient()
    out = {"latencies": [], "ok": 0, "failed": [], "refused": 0, "wrongly_accepted": 0, "opened": 0}
    ready = asyncio.Event()
    shares = [codes[i::clients] for i in range(clients)]
    tasks = [asyncio.create_task(client_votes(client, base, share, plan, ready, out)) for share in shares]
    while out["opened"] < clients:
        await asyncio.sleep(0.05)
    started = time.perf_counter()
    ready.set()
    await asyncio.gather(*tasks)
    out["seconds"] = time.perf_counter() - started
    return out


def tally_20000(work: Path) -> tuple[float, float]:
    """20,000 ballots in a fresh store of a copy: (count in process, the whole CLI command), seconds."""
    import sqlite3

    from campaignkit.forms import ResponseStore, database_path
    from campaignkit.honors.ballot import ballots
    from campaignkit.honors.data import SelectionData
    from campaignkit.honors.tally import tally

    campaign = work / "tally"
    shutil.copytree(ROOT / "data" / "sample", campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    add_bench_selection(campaign)
    store = ResponseStore(database_path(campaign))
    store.issue_codes(f"vote_{SELECTION}", 1)  # the salt and the codes table, as a real selection has
    rng = random.Random(1)
    rows = [
        (
            secrets.token_hex(16),
            "1",
            "2024-01-15",
            json.dumps({"choice": rng.sample(NOMINEES, rng.randint(1, 2))}, ensure_ascii=False),
        )
        for _ in range(20_000)
    ]
    store.close()
    sealed = database_path(campaign).parent / "sealed" / f"vote_{SELECTION}.sqlite"
    with sqlite3.connect(sealed) as con:  # fixture data only: ballots as the sealed file keeps them
        con.executemany("INSERT INTO answers (id, version, day, answers) VALUES (?, ?, ?, ?)", rows)
    store = ResponseStore(database_path(campaign))
    book = SelectionData(campaign)
    selection = book.selection(SELECTION)
    candidates = book.candidates(selection)
    start = time.perf_counter()
    result = tally(selection, candidates, ballots(store, selection), store.codes_left(selection.form_id)[1])
    counted = time.perf_counter() - start
    assert result["ballots_cast"] == 20_000
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "campaignkit", "vote", "tally", SELECTION, str(campaign), "--format", "json"],
        check=True,
        capture_output=True,
    )
    command = time.perf_counter() - start
    return counted, command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="campaignkit-bench-vote-"))
    campaign = work / "campaign"
    shutil.copytree(ROOT / "data" / "sample", campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    add_bench_selection(campaign)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "campaignkit",
            "vote",
            "codes",
            SELECTION,
            str(campaign),
            "--count",
            str(args.voters),
            "--out",
            str(work / "codes.csv"),
        ],
        check=True,
        capture_output=True,
    )
    with open(work / "codes.csv", encoding="utf-8-sig") as fh:
        codes = [row["code"] for row in csv.DictReader(fh)]
    rng = random.Random(7)
    plan = {"twice": set(rng.sample(codes, len(codes) // 10)), "reuse": set(rng.sample(codes, len(codes) // 50))}
    port = free_port()
    log = open(work / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "campaignkit", "serve", str(campaign), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/vote/{SELECTION}", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        out = asyncio.run(vote(base, codes, args.clients, plan))
        out["server_cpu"], out["client_cpu"] = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    from campaignkit.forms import ResponseStore, database_path

    counted = ResponseStore(database_path(campaign)).count(f"vote_{SELECTION}")
    counted_20000, command_20000 = tally_20000(work)
    ordered = sorted(out["latencies"])
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{args.voters} voters from {args.clients} concurrent clients; {len(plan['twice'])} ballots sent twice, "
        f"{len(plan['reuse'])} second ballots with a used code; {len(ordered)} posts in {out['seconds']:.1f} s"
    )
    print(
        f"CPU per post: server {out['server_cpu'] / len(ordered) * 1000:.1f} ms, the {args.clients} clients "
        f"{out['client_cpu'] / len(ordered) * 1000:.1f} ms (the two share this machine's cores)"
    )
    print(
        f"submit latency: p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(
        f"answered 200: {out['ok']} (ballots and their resends); failed: {len(out['failed'])}; "
        f"used codes refused: {out['refused']}, wrongly accepted: {out['wrongly_accepted']}; counted {counted}"
    )
    print(
        f"tally of 20,000 ballots: {counted_20000 * 1000:.0f} ms (store read + count); the whole command: {command_20000:.2f} s"
    )
    print()
    print(
        f"counted {counted} (target exactly {args.voters}); p95 submit {p95 * 1000:.0f} ms (target <= 200 ms); "
        f"tally of 20,000 {counted_20000:.2f} s (target <= 1 s)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
