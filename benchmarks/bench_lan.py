"""A hall full of phones against one `campaignkit serve --lan` on this machine.

Starts the server on a copy of the bundled sample campaign, waits until its phone pages are
built, then measures:

- 100 simulated phones at once over loopback, each loading the ledger phone page and
  plotly.js as a first visit does (gzip accepted, nothing cached): p50/p95 load time
  (target p95 ≤ 2 s), and the server's memory over idle, sampled every 20 ms (target ≤ 500 MB);
- the page weight a phone downloads (page + plotly.js, as sent; target ≤ 1.5 MB);
- 10 real Chromium pages at once at 390 px, each until its charts are drawn.

Run: ``python benchmarks/bench_lan.py`` (needs Debian's Chromium, as `make test` installs).
"""

from __future__ import annotations

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
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from campaignkit.ui.static import CHROMIUM_ARGS, find_chromium  # noqa: E402

PHONES, BROWSERS = 100, 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of the server and every process it started (kernels, if any)."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    except OSError:
        children = []
    for p in pids + [int(c) for c in children]:
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        except (OSError, AttributeError):
            pass
    return total / 1024


def fetch(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return len(response.read())


def phone(base: str, token: str, start: threading.Barrier) -> tuple[float, int]:
    start.wait()
    began = time.perf_counter()
    page = urllib.request.urlopen(
        urllib.request.Request(f"{base}/campaignkit/phone/ledger?token={token}", headers={"Accept-Encoding": "gzip"}), timeout=60
    )
    body = page.read()
    import gzip

    html = gzip.decompress(body).decode() if page.headers.get("Content-Encoding") == "gzip" else body.decode()
    bundle = re.search(r'<script src="([^"]+)"', html).group(1).replace("&amp;", "&")
    weight = len(body) + fetch(base + bundle)
    return time.perf_counter() - began, weight


def browsers(base: str, token: str) -> tuple[float, int]:
    import asyncio

    from playwright.async_api import async_playwright

    async def run() -> tuple[float, int]:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            contexts = [await browser.new_context(viewport={"width": 390, "height": 844}) for _ in range(BROWSERS)]
            pages = [await c.new_page() for c in contexts]
            began = time.perf_counter()

            async def load(page) -> int:
                await page.goto(f"{base}/campaignkit/phone/ledger?token={token}")
                await page.wait_for_function("window.ckReady === true", timeout=60_000)
                return await page.locator(".ck-choice:not([hidden]) .ck-figure:has(.main-svg)").count()

            drawn = await asyncio.gather(*(load(page) for page in pages))
            elapsed = time.perf_counter() - began
            await browser.close()
            return elapsed, sum(1 for d in drawn if d >= 1)

    return asyncio.run(run())


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        campaign = Path(work) / "campaign"
        shutil.copytree(ROOT / "data" / "sample", campaign, ignore=shutil.ignore_patterns(".campaignkit"))
        port = free_port()
        log = open(Path(work) / "serve.log", "w+")
        server = subprocess.Popen(
            [sys.executable, "-m", "campaignkit", "serve", str(campaign), "--lan", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            token = None
            while time.monotonic() < deadline:
                log.seek(0)
                found = re.search(r"token=([\w-]+)", log.read())
                if found:
                    token = found.group(1)
                    try:
                        fetch(f"{base}/campaignkit/phone/ledger?token={token}")
                        break
                    except OSError:
                        pass
                time.sleep(0.5)
            for stem in ("funding", "blueprint", "benefits_meeting"):  # every page built: the laptop at rest
                fetch(f"{base}/campaignkit/phone/{stem}?token={token}")
            time.sleep(2)
            idle = rss_mb(server.pid)
            peak = [idle]
            sampling = True

            def sample() -> None:
                while sampling:
                    peak[0] = max(peak[0], rss_mb(server.pid))
                    time.sleep(0.02)

            sampler = threading.Thread(target=sample)
            sampler.start()
            start = threading.Barrier(PHONES)
            with ThreadPoolExecutor(PHONES) as pool:
                results = list(pool.map(lambda _: phone(base, token, start), range(PHONES)))
            sampling = False
            sampler.join()
            times = sorted(t for t, _ in results)
            weight = results[0][1]
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"server at rest (all phone pages built): {idle:.0f} MB")
            print(
                f"{PHONES} phones at once, ledger page + plotly.js: p50 {statistics.median(times):.2f} s, "
                f"p95 {p95:.2f} s (target ≤ 2 s); server memory over idle {peak[0] - idle:.0f} MB (target ≤ 500 MB)"
            )
            print(f"page weight as sent (gzip): {weight / 1e6:.2f} MB (target ≤ 1.5 MB)")
            elapsed, drawn = browsers(base, token)
            print(
                f"{BROWSERS} Chromium pages at 390 px at once: {drawn}/{BROWSERS} drew their charts, all within {elapsed:.1f} s"
            )
            print(
                f"kernels started by all of this: {len(subprocess.run(['pgrep', '-P', str(server.pid)], capture_output=True, text=True).stdout.split())}"
            )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


if __name__ == "__main__":
    main()
