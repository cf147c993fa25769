"""Load test: several browsers using dashboards on one laptop at the same time.

Each browser loops over two flows on a copy of the sample campaign: the guide page (load,
then three choices of the dropdown, each waiting for its answer) and the overview page
(load, choose a unit, export the A4 PDF). Prints every step's p50/p95/max and how many
flows got stuck (no answer within 90 s). The server's log is checked for kernel messages
written to a websocket from a thread other than the server's (tornado's write buffer breaks
under that: the cause of pages that stopped answering, fixed 2026-12-06).

A second cause of stuck flows (a render whose cell reply sat unread in Voilà's executor socket,
about 1 flow in 30–80 with 3–4 browsers) is fixed by campaignkit.server.client (2026-12-06).

Target: no stuck flow, no such write. Before the fix (ba8c62c), 3 browsers for 8 minutes: 10 of ~60
flows stuck; after it, 0 of 15 in 100 s (page p50 14–16 s, a choice p50 0.5 s, the PDF 4.5 s).

Run: ``python benchmarks/bench_pages_at_once.py [--browsers 3] [--seconds 240]``
(needs Debian's chromium, as `make test` installs).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT))

from support import browser_page, served  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
WAIT = 90_000


def guide(page, base):
    start = time.monotonic()
    page.goto(f"{base}/voila/render/guide.ipynb")
    page.wait_for_selector(".ck-guide-point", timeout=180_000)
    yield "guide: page", time.monotonic() - start
    for index, text in ((2, "草原补奖"), (3, "辅导书里还没有这一句的要点"), (0, "伊克昭盟")):
        start = time.monotonic()
        page.locator(".widget-dropdown select").select_option(index=index)
        page.wait_for_selector(f"text={text}", timeout=WAIT)
        yield "guide: choice", time.monotonic() - start


def overview(page, base):
    start = time.monotonic()
    page.goto(f"{base}/voila/render/overview.ipynb")
    page.wait_for_selector(".ck-overview", timeout=180_000)
    yield "overview: page", time.monotonic() - start
    start = time.monotonic()
    page.locator(".widget-dropdown", has_text="单位").locator("select").select_option("红柳嘎查")
    page.wait_for_selector("text=红柳嘎查群众教育实践活动工作概况", timeout=WAIT)
    yield "overview: unit", time.monotonic() - start
    start = time.monotonic()
    page.get_by_role("button", name="导出 A4 PDF").click()
    page.wait_for_selector("a.ck-download", timeout=WAIT)
    yield "overview: PDF", time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=240)
    args = parser.parse_args()
    times: dict[str, list[float]] = defaultdict(list)
    stuck: list[str] = []
    flows = done = 0
    lock = threading.Lock()

    def browser(n: int, base: str, end: float) -> None:
        nonlocal flows, done
        order = (guide, overview) if n % 2 == 0 else (overview, guide)
        i = 0
        while time.monotonic() < end:
            flow = order[i % 2]
            i += 1
            with lock:
                flows += 1
            try:
                with browser_page() as page:
                    for step, seconds in flow(page, base):
                        with lock:
                            times[step].append(seconds)
                        print(f"  browser {n}  {step:16} {seconds:5.1f} s", flush=True)
                    page.close(run_before_unload=True)  # as a closed tab: Voilà's beacon gives the kernel back
                with lock:
                    done += 1
            except Exception as exc:  # a timeout: the flow got stuck
                with lock:
                    stuck.append(f"{flow.__name__}: {str(exc).splitlines()[0]}")
                print(f"  browser {n}  {flow.__name__} stuck: {str(exc).splitlines()[0][:120]}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        campaign = Path(tmp) / "campaign"
        shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
        with served(campaign, timeout=120) as base:
            end = time.monotonic() + args.seconds
            threads = [threading.Thread(target=browser, args=(n, base, end)) for n in range(args.browsers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            log = served.log_path.read_text(errors="replace")
        print("server stopped", flush=True)
    print(f"{args.browsers} browsers, {args.seconds:.0f} s: {flows} flows, {done} finished, {len(stuck)} stuck")
    for step, values in times.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"  {step:16} n={len(values):3}  p50 {statistics.median(values):5.1f} s  p95 {p95:5.1f} s  max {values[-1]:5.1f} s")
    for line in stuck:
        print("  stuck:", line[:160])
    broken = log.count("assert 0 < size <= self._size")
    print(f"websocket writes that broke tornado's buffer (written from another thread): {broken}")


if __name__ == "__main__":
    main()
