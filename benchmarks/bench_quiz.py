"""A class quiz: 40 pupils hand in the sample's 10-question quiz at once to one `campaignkit serve`.

Starts the server on a copy of the bundled sample campaign, opens the teacher's page for the
class in Debian's Chromium, then 40 simulated pupils (asyncio HTTP clients over loopback) each
open the quiz and hand it in at the same moment, class code and seat filled in. Prints:

- the hand-in latency (p50/p95/max; target p95 ≤ 200 ms);
- answers lost (stored ≠ handed in; target 0) — every seat must be on the teacher's page;
- how long after the last hand-in the teacher's page, as drawn in Chromium, counts all 40
  (target ≤ 2 s; the page asks the server every second).

Run: ``python benchmarks/bench_quiz.py [--pupils 40]`` (needs Debian's Chromium, as `make test` installs).
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
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from campaignkit.ui.static import CHROMIUM_ARGS, find_chromium  # noqa: E402

CLASS = "7A"
CHOICES = {
    "q1": ["a", "b", "c"],
    "q2": ["yes", "no"],
    "q3": ["a", "b", "c", "d"],
    "q5": ["a", "b", "c"],
    "q6": ["yes", "no"],
    "q7": ["yes", "no"],
    "q8": ["a", "b", "c"],
    "q10": ["a", "b", "c", "d"],
}
ORDERS = {"q4": ["E07", "E08", "E09", "E10"], "q9": ["E12", "E13", "E14", "E18"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(seat: int) -> list[tuple[str, str]]:
    """A pupil's answers: some right, some wrong, as a class would."""
    rng = random.Random(seat)
    fields = [("_class", CLASS), ("_seat", str(seat))]
    for name, options in CHOICES.items():
        picks = rng.sample(options, rng.randint(1, 2)) if name in ("q3", "q10") else [rng.choice(options)]
        fields += [(name, p) for p in picks]
    for name, order in ORDERS.items():
        shuffled = order[:] if rng.random() < 0.6 else rng.sample(order, len(order))
        fields += [(name, code) for code in shuffled]
    return fields


async def pupil(client, base: str, seat: int, ready: asyncio.Event, latencies: list, failures: list, opened: list) -> None:
    from tornado.httpclient import HTTPRequest

    page = await client.fetch(f"{base}/forms/quiz_history?class={CLASS}")
    cookies = "; ".join(c.split(";", 1)[0] for c in page.headers.get_list("Set-Cookie"))
    hidden = re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', page.body.decode())
    body = urllib.parse.urlencode([*hidden, *answers(seat)])
    request = HTTPRequest(f"{base}/forms/quiz_history", method="POST", body=body, headers={"Cookie": cookies}, request_timeout=60)
    opened.append(seat)
    await ready.wait()  # every pupil hands in at the same moment
    start = time.perf_counter()
    response = await client.fetch(request, raise_error=False)
    latencies.append(time.perf_counter() - start)
    if response.code != 200 or "得分" not in response.body.decode():
        failures.append(response.code)


async def class_hands_in(base: str, pupils: int) -> tuple[list, list, float]:
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=pupils)
    client = AsyncHTTPClient()
    ready = asyncio.Event()
    latencies: list[float] = []
    failures: list[int] = []
    opened: list[int] = []
    tasks = [asyncio.create_task(pupil(client, base, seat, ready, latencies, failures, opened)) for seat in range(1, pupils + 1)]
    while len(opened) < pupils:
        await asyncio.sleep(0.05)
    ready.set()
    await asyncio.gather(*tasks)
    return latencies, failures, time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=40)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="campaignkit-bench-quiz-"))
    campaign = work / "campaign"
    shutil.copytree(ROOT / "data" / "sample", campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    sys.path.insert(0, str(ROOT))
    from campaignkit.forms import ResponseStore, database_path

    ResponseStore(database_path(campaign)).open_class("quiz_history", CLASS, args.pupils)  # the teacher opens the class
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
                urllib.request.urlopen(f"{base}/forms/quiz_history", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            teacher = browser.new_page()
            teacher.goto(f"{base}/campaignkit/quiz/quiz_history/{CLASS}")
            teacher.wait_for_selector(".ck-count")
            result: dict = {}

            def hand_in() -> None:
                result["latencies"], result["failures"], result["last"] = asyncio.run(class_hands_in(base, args.pupils))

            worker = threading.Thread(target=hand_in)
            worker.start()
            worker.join()
            teacher.wait_for_function(
                f"() => document.querySelector('.ck-count').innerText.includes('已交卷 {args.pupils} 人')", timeout=30_000
            )
            shown_after = time.perf_counter() - result["last"]
            seats_shown = teacher.locator(".ck-seats tbody tr").count()
            browser.close()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()

    from campaignkit.forms import ResponseStore, database_path

    stored = ResponseStore(database_path(campaign)).count("quiz_history")
    ordered = sorted(result["latencies"])
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    lost = args.pupils - stored
    print(f"{args.pupils} pupils hand in a 10-question quiz at the same moment")
    print(
        f"hand-in latency: p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"refused or failed: {len(result['failures'])}; stored {stored}; seats on the teacher's page {seats_shown}")
    print(f"teacher's page (Chromium) counted all {args.pupils} {shown_after:.2f} s after the last hand-in")
    print()
    print(
        f"p95 hand-in {p95 * 1000:.0f} ms (target <= 200 ms); lost {lost} (target 0); "
        f"teacher's page {shown_after:.2f} s after the last answer (target <= 2 s)"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
