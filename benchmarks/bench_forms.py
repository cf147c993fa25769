"""Phone-form benchmark: a hall of phones submitting to one `campaignkit serve` over loopback.

200 simulated phones (asyncio HTTP clients) each open the sample questionnaire and submit
10 times (2,000 submissions), spread over about ``--seconds`` seconds; 10 % of submissions
are sent a second time (a phone that lost the network). Prints the submit latency
(p50/p95/max), how many were lost or stored twice, and the server's memory over idle.

Targets (issue 9): p95 ≤ 200 ms, none lost, none duplicated, memory ≤ 300 MB over idle.
Then a busy store (issue 23): another process holds the database's write lock for 8 s while
one phone submits (answered "请稍后再试" within 2 s), one sends a 50 MB body, and 20 other phones
keep opening pages — their page loads' p95 (target ≤ 500 ms) and the server's memory over idle
(target ≤ 100 MB). Then the evaluation tables for one form with 10,000 responses × 30 questions
(the page-wide suppression pattern, every question's shares and cross-tabs by domain, one
before/after): target ≤ 2 s.

Run: ``python benchmarks/bench_forms.py [--phones 200] [--per-phone 10] [--seconds 60] [--only phones|busy|tables]``
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = {
    "domain": "rural",
    "audience": "herder",
    "age": "63",
    "policy_known": "5",
    "cadres_closer": "4",
    "activities": "lecture",
    "card_received": "yes",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    """The server's resident memory, sampled every 100 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_mb(self.pid))
            time.sleep(0.1)


async def phone(client, base: str, count: int, gap: float, latencies: list, sent: set, failures: list) -> None:
    from tornado.httpclient import HTTPRequest

    await asyncio.sleep(random.uniform(0, gap))
    for _ in range(count):
        page = await client.fetch(f"{base}/forms/survey")
        cookies = "; ".join(c.split(";", 1)[0] for c in page.headers.get_list("Set-Cookie"))
        html = page.body.decode()
        hidden = dict(re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', html))
        body = urllib.parse.urlencode({**ANSWERS, **hidden})
        request = HTTPRequest(f"{base}/forms/survey", method="POST", body=body, headers={"Cookie": cookies}, request_timeout=60)
        for attempt in range(2 if random.random() < 0.10 else 1):  # 10 %: the phone sends again
            start = time.perf_counter()
            response = await client.fetch(request, raise_error=False)
            latencies.append(time.perf_counter() - start)
            if response.code != 200:
                failures.append(response.code)
            elif attempt == 0:
                sent.add(hidden["_submission_id"])
        await asyncio.sleep(random.uniform(0, 2 * gap / count))


async def run_phones(base: str, phones: int, per_phone: int, seconds: float) -> tuple[list, set, list]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=phones)
    client = AsyncHTTPClient()
    latencies: list[float] = []
    sent: set[str] = set()
    failures: list[int] = []
    gap = seconds / 3  # start within the first third; ten submissions spread over the rest: all within `seconds`
    await asyncio.gather(*(phone(client, base, per_phone, gap, latencies, sent, failures) for _ in range(phones)))
    return latencies, sent, failures


def evaluation_tables(responses: int = 10_000, questions: int = 30) -> None:
    """Time the evaluation's tables on a synthetic form (in-process, after imports)."""
    sys.path.insert(0, str(ROOT))
    import numpy as np
    import pandas as pd

    from campaignkit.evaluation.compute import before_after, crosstab, shown_shares
    from campaignkit.evaluation.disclosure import ALL, evaluation_pattern
    from campaignkit.forms.xlsform import CRITERIA, Choice, Form, Question

    agree = tuple(
        Choice(str(v), label) for v, label in zip(range(5, 0, -1), ("非常同意", "同意", "说不清", "不同意", "非常不同意"))
    )
    domain = Question(
        "select_one",
        "domain",
        "您在哪里工作或生活？",
        2,
        required=True,
        choices=(Choice("rural", "农村牧区"), Choice("community", "社区"), Choice("office", "机关")),
    )
    items = [
        Question("select_one", f"q{i}", f"第 {i} 题", 3 + i, appearance="likert", criterion=CRITERIA[i % 5], choices=agree)
        for i in range(questions - 1)
    ]
    form = Form("bench", "基准问卷", "1", (domain, *items))
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({q.name: rng.choice([c.name for c in q.choices], responses).astype(object) for q in items})
    frame["domain"] = rng.choice(["rural", "community", "office"], responses, p=[0.5, 0.3, 0.2]).astype(object)
    frame["version"] = np.where(np.arange(responses) < responses // 2, "2023-12", "2024-03")
    frame["day"] = "2024-01-01"
    start = time.perf_counter()
    pattern = evaluation_pattern(form, frame)
    for question in items:
        shown_shares(question, frame, pattern, ALL)
        crosstab(question, domain, frame, pattern, ALL)
    before_after(form, frame, "2023-12", "2024-03")
    elapsed = time.perf_counter() - start
    print(
        f"evaluation tables, {responses:,} responses × {questions} questions (shares, cross-tabs by domain with suppression, before/after): {elapsed:.2f} s (target <= 2 s)"
    )


def _busy_page_loads(base: str, stop: float, loads: list[float]) -> None:
    """One of the other phones: opens a page again and again until ``stop``."""
    while time.monotonic() < stop:
        started = time.perf_counter()
        try:
            urllib.request.urlopen(f"{base}/forms/appraisal", timeout=30).read()
            loads.append(time.perf_counter() - started)
        except OSError:
            loads.append(float("inf"))
        time.sleep(0.05)


def _busy_submit(base: str, outcome: dict) -> None:
    """The phone that submits while the store is locked."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    html = opener.open(f"{base}/forms/survey", timeout=30).read().decode()
    hidden = dict(re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', html))
    started = time.perf_counter()
    try:
        response = opener.open(
            urllib.request.Request(f"{base}/forms/survey", data=urllib.parse.urlencode({**ANSWERS, **hidden}).encode()),
            timeout=60,
        )
        outcome["status"] = response.status
    except urllib.error.HTTPError as exc:
        outcome["status"], outcome["text"] = exc.code, exc.read().decode()
    outcome["seconds"] = time.perf_counter() - started


def _busy_big_post(port: int, outcome: dict) -> None:
    """The phone that sends a 50 MB body."""
    size = 50 * 1024 * 1024
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        head = f"POST /forms/survey HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {size}\r\n\r\n".encode()
        try:
            sock.sendall(head)
            chunk = b"suggestion=" + b"A" * (1024 * 1024)
            for _ in range(50):
                sock.sendall(chunk)
        except OSError:
            pass  # the server closed the connection: refused before the body was kept
        answer = _read_all(sock)
    outcome["big"] = (answer.split(b"\r\n", 1)[0].decode(errors="replace"), len(answer), time.perf_counter() - started)


def _read_all(sock: socket.socket) -> bytes:
    """What the server answered before it closed (a reset ends it too)."""
    answer = b""
    try:
        while part := sock.recv(65536):
            answer += part
    except OSError:
        pass
    return answer


def busy_store(base: str, port: int, campaign: Path, pid: int, idle: float, seconds: float = 8.0) -> None:
    """The database locked by another process; one phone submits, one sends 50 MB, 20 open pages."""
    import sqlite3

    holder = sqlite3.connect(campaign / ".campaignkit" / "forms.sqlite", isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    sampler = Sampler(pid)
    sampler.start()
    loads: list[float] = []
    outcome: dict = {}
    stop = time.monotonic() + seconds
    threads = [threading.Thread(target=_busy_page_loads, args=(base, stop, loads)) for _ in range(20)] + [
        threading.Thread(target=_busy_submit, args=(base, outcome)),
        threading.Thread(target=_busy_big_post, args=(port, outcome)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    holder.execute("ROLLBACK")
    holder.close()
    sampler.running = False
    sampler.join()
    ordered = sorted(loads)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    busy = "请稍后再试" in outcome.get("text", "")
    print(
        f"busy store ({seconds:.0f} s locked by another process): the submitting phone got {outcome.get('status')} "
        f"in {outcome.get('seconds', 0):.1f} s{'（请稍后再试）' if busy else ''}; the 50 MB body: {outcome.get('big')}"
    )
    print(
        f"other phones' page loads: {len(loads)}, p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms "
        f"(target <= 500 ms); server memory over idle {sampler.peak - idle:.0f} MB (target <= 100 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--per-phone", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--only", choices=["phones", "busy", "tables"])
    args = parser.parse_args()
    if args.only in (None, "tables"):
        evaluation_tables()
        if args.only == "tables":
            return

    work = Path(tempfile.mkdtemp(prefix="campaignkit-bench-forms-"))
    campaign = work / "campaign"
    shutil.copytree(ROOT / "data" / "sample", campaign, ignore=shutil.ignore_patterns(".campaignkit"))
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
                urllib.request.urlopen(f"{base}/forms/survey", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        time.sleep(2)
        idle = rss_mb(server.pid)
        sampler = Sampler(server.pid)
        sampler.start()
        started = time.perf_counter()
        if args.only == "busy":
            busy_store(base, port, campaign, server.pid, idle)
            return
        latencies, sent, failures = asyncio.run(run_phones(base, args.phones, args.per_phone, args.seconds))
        elapsed = time.perf_counter() - started
        sampler.running = False
        sampler.join()
        if args.only is None:
            time.sleep(2)
            busy_store(base, port, campaign, server.pid, rss_mb(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    sys.path.insert(0, str(ROOT))
    from campaignkit.forms import ResponseStore, database_path

    stored = ResponseStore(database_path(campaign)).count("survey")
    wanted = args.phones * args.per_phone
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"{args.phones} phones, {wanted} submissions ({len(latencies) - wanted} resent) in {elapsed:.1f} s")
    print(
        f"submit latency: p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"refused or failed requests: {len(failures)}")
    print(f"stored {stored}: lost {max(wanted - stored, 0)}, duplicated {max(stored - len(sent), 0)}")
    print(f"server memory: idle {idle:.0f} MB, peak {sampler.peak:.0f} MB, over idle {sampler.peak - idle:.0f} MB")
    print()
    print(
        f"p95 submit latency {p95 * 1000:.0f} ms (target <= 200 ms); lost {max(wanted - stored, 0)} (target 0); "
        f"duplicated {max(stored - len(sent), 0)} (target 0); memory over idle {sampler.peak - idle:.0f} MB (target <= 300 MB)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
