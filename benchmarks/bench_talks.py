"""Talks: slide-change latency in Chromium, and the handout's size and export times.

Writes a 10-slide talk with 6 charts (then-and-now, indicators over time, events on the
timeline, the blueprint) against the bundled sample campaign, then measures:

- next-slide keypress to the new slide drawn, over 50 presses of → on the projector page
  (from the key event's timestamp to the second animation frame after it, i.e. after the
  frame showing the new slide was painted), p50 and p95 — target p95 ≤ 100 ms;
- the HTML handout's size — target ≤ 1.5 MB;
- HTML and PDF export time, each from the notebook file to the written handout (the talk
  runs in a fresh kernel each time: nothing kept from a previous build) — target ≤ 5 s each.

Run: ``python benchmarks/bench_talks.py`` (needs Debian's Chromium, as `make test` installs).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from campaignkit.talks import build as talk_build  # noqa: E402
from campaignkit.talks import build_deck, export_handout, projector_page  # noqa: E402
from campaignkit.ui.static import CHROMIUM_ARGS, find_chromium  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
PRESSES = 50
SLIDES = [
    ("农牧民的收入", 'talk.then_and_now("农村牧区常住居民人均可支配收入", "内蒙古自治区", 2014, 2022)'),
    ("城镇居民的收入", 'talk.then_and_now("城镇常住居民人均可支配收入", "内蒙古自治区", 2014, 2022)'),
    ("常住人口", 'talk.chart("年末常住人口", "内蒙古自治区")'),
    ("1949年：乌审旗人民政府成立", 'talk.event("E14")'),
    ("1965年：牧区大寨", 'talk.event("E20")'),
    ("五年目标", "talk.blueprint()"),
    ("第一句", "talk.point(1, 1)"),
    ("第三句", "talk.point(3, 1)"),
    ("小结", None),
]


def write_talk(folder: Path) -> Path:
    cells = [new_markdown_cell("# 基准测试讲稿\n\n十页，六张图"), new_code_cell("from campaignkit.talks import talk")]
    for title, call in SLIDES:
        cells.append(new_markdown_cell(f"## {title}"))
        cells.append(new_markdown_cell(f"备注：{title}的讲稿备注"))
        if call:
            cells.append(new_code_cell(call))
    path = folder / "bench_talk.ipynb"
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}), path)
    return path


def timed_export(talk: Path, out: Path) -> float:
    talk_build._CACHE.clear()  # from the notebook file: the talk runs again
    start = time.perf_counter()
    export_handout(talk, out, SAMPLE)
    return time.perf_counter() - start


MEASURE = """
window.__latencies = [];
document.addEventListener('keydown', function(e){
  var t0 = e.timeStamp;
  requestAnimationFrame(function(){ requestAnimationFrame(function(){ window.__latencies.push(performance.now() - t0); }); });
}, true);
"""


def keypress_latencies(page_html: Path, count: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(page_html.as_uri())
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            page.evaluate(MEASURE)
            slides = page.evaluate("window.ckCount")
            measured = 0
            while measured < count:
                if page.evaluate("window.ckIndex()") == slides - 1:
                    page.evaluate("window.ckGo(0)")  # back to the start, not measured
                    page.wait_for_timeout(50)
                page.keyboard.press("ArrowRight")
                measured += 1
                page.wait_for_function(f"window.__latencies.length >= {measured}", timeout=10_000)
                page.wait_for_timeout(30)  # a lecturer does not press 30 times a second
            return page.evaluate("window.__latencies")
        finally:
            browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        talk = write_talk(work)
        deck = build_deck(talk, SAMPLE)
        charts = sum(len(s.figures) for s in deck.slides)
        print(f"talk: {len(deck.slides)} slides, {charts} charts (sample campaign)")
        html_time = timed_export(talk, work / "handout.html")
        size = (work / "handout.html").stat().st_size
        pdf_time = timed_export(talk, work / "handout.pdf")
        projector = work / "projector.html"
        projector.write_text(projector_page(deck, channel="bench"), encoding="utf-8")
        latencies = keypress_latencies(projector, PRESSES)
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(
        f"next-slide keypress → new slide drawn, {len(latencies)} presses: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 ≤ 100 ms)"
    )
    print(f"handout HTML size: {size / 1e6:.2f} MB (target ≤ 1.5 MB)")
    print(f"export from the notebook file: HTML {html_time:.2f} s, PDF {pdf_time:.2f} s (target ≤ 5 s each)")


if __name__ == "__main__":
    main()
