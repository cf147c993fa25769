"""Serve dashboards with `campaignkit serve` and drive Debian's Chromium with Playwright."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CAMPAIGNKIT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(campaign: Path, *extra: str, timeout: float = 90, port: int | None = 0):
    """Run `campaignkit serve CAMPAIGN` on a free port (``port=None``: the port the command picks,
    which ``--port`` in ``extra`` or the campaign's saved LAN port decides); yield its base URL;
    stop it and its kernels.

    The log is readable as ``served.log_path`` while it runs (``--lan`` prints its token there).
    """
    if port is None:  # the command decides: --port, else the port the campaign saved for --lan
        saved = json.loads((campaign / ".campaignkit" / "lan.json").read_text()) if "--port" not in extra else {}
        port = int(extra[extra.index("--port") + 1]) if "--port" in extra else int(saved["port"])
        command_port: tuple[str, ...] = ()
    else:
        port = free_port()
        command_port = ("--port", str(port))
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"campaignkit-serve-{port}.log"
    served.log_path = log_path
    log = open(log_path, "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "campaignkit", "serve", str(campaign), *command_port, *extra],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/voila/tree", timeout=2)
                break
            except urllib.error.HTTPError:
                break  # the server answers (e.g. 403 without a token)
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("campaignkit serve did not start:\n" + log.read()[-3000:]) from None
                time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # anything left of the group (kernels)
        except ProcessLookupError:
            pass
        log.close()


@contextmanager
def browser_page(*, width: int = 1280, height: int = 900, host: str | None = None):
    """A Playwright page in headless Debian Chromium that records every non-local request.
    ``host``: a name Chromium resolves to 127.0.0.1 (``--host-resolver-rules``), so a page is
    seen as a phone on the village network sees it: not localhost, not a secure context."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: run `make test` (it installs Debian's chromium)")
    args = [*CHROMIUM_ARGS, *([f"--host-resolver-rules=MAP {host} 127.0.0.1"] if host else [])]
    local = LOCAL_PREFIXES + ((f"http://{host}",) if host else ())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            # A context of its own (not browser.new_page), so a test can open a second window
            # in it: the presenter's page beside the projector's.
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
            page = context.new_page()
            # Voilà sends the page once the notebook has run: on a busy 2-core machine that can
            # take longer than Playwright's default 30 s.
            page.set_default_navigation_timeout(120_000)
            page.external_requests = []
            page.on("request", lambda r: None if r.url.startswith(local) else page.external_requests.append(r.url))
            yield page
        finally:
            browser.close()


def visible_text(page) -> str:
    return page.inner_text("body")


def assert_clean(page) -> None:
    """Nothing requested outside this machine; no traceback or Python source in the page."""
    body = page.inner_text("body")
    assert "Traceback" not in body
    assert 'File "' not in body
    assert "from campaignkit" not in page.content()
    assert page.external_requests == [], page.external_requests


def assert_chart_fits(chart, width: int, where: str) -> None:
    """A drawn chart laid out for ``width``: its title, legend and 示例 badge apart, and every
    annotation (the source line, the badge) inside the screen."""
    boxes = {
        "title": chart.locator(".gtitle").first,
        "legend": chart.locator(".legend").first,
        "badge": chart.locator(".annotation", has_text="虚构数据").first,
    }
    if not chart.is_visible():
        return  # a chart in a section not shown is laid out when it is shown
    found = {k: v.bounding_box() for k, v in boxes.items() if v.count() and v.is_visible()}
    names = list(found)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            x, y = found[a], found[b]
            apart = x["x"] + x["width"] <= y["x"] or y["x"] + y["width"] <= x["x"]
            apart = apart or x["y"] + x["height"] <= y["y"] + 1 or y["y"] + y["height"] <= x["y"] + 1
            assert apart, (where, a, b, x, y)
    for note in chart.locator(".annotation").all():
        box = note.bounding_box()
        if box is None:
            continue
        assert box["x"] >= 0, (where, note.text_content()[:30], box)
        assert box["x"] + box["width"] <= width + 1, (where, note.text_content()[:30], box)


READABLE = (Path(__file__).with_name("readable.js")).read_text(encoding="utf-8")


def unreadable(page, *, slide: bool = False, min_plot: int = 120) -> list[str]:
    """What a person cannot read on the page as drawn now (see readable.js): charts without
    room, text over text or off the screen, ticks unequal to their values, foreign words."""
    return page.evaluate(READABLE, {"slide": slide, "minPlot": min_plot})


def assert_readable(page, where, **options) -> None:
    problems = unreadable(page, **options)
    assert problems == [], (where, problems[:8])


# 长辈模式's measures. Every visible text element of the page (not the charts' SVG): its size, line height and the
# contrast of its colour against the first opaque background behind it (WCAG's formula).
ELDER_MEASURE = """
() => {
  function rgb(c){ const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
  function lum(c){ const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
  function background(el){
    for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.closest('script') || el.closest('style') || el.closest('.js-plotly-plot')) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    const s = getComputedStyle(el), fg = rgb(s.color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const size = parseFloat(s.fontSize);
    let line = s.lineHeight === 'normal' ? size * 1.2 : parseFloat(s.lineHeight);
    // Chromium keeps a list box's options at line-height normal: each is one line, spaced by its own box.
    if (el.tagName === 'OPTION') line = Math.max(line, box.height);
    out.push({tag: el.tagName, text: el.textContent.trim().slice(0, 20), size, line, contrast: (hi + 0.05) / (lo + 0.05)});
  }
  return out;
}
"""
ELDER_TARGETS = """
() => [...document.querySelectorAll('a, button, select')].filter(e => !e.closest('svg') && e.getBoundingClientRect().width)
  .map(e => { const b = e.getBoundingClientRect(); return {text: e.textContent.trim().slice(0, 12), w: b.width, h: b.height}; })
"""
