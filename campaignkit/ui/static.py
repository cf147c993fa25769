"""Static pages: one self-contained HTML file that draws campaignkit's charts with no
kernel and no network — talk decks and handouts now, phone pages later.

plotly.js's basic bundle (scatter, bar, pie: every chart campaignkit draws; 1.2 MB
against 4.6 MB for the full one) ships inside the package (``ui/vendor/``, refreshed by
``scripts/vendor_plotly.sh`` from the npm registry at the version plotly.py bundles),
and is inlined once per page. Charts are given as plotly figure specs and drawn on
load; a page may draw them later itself (``ckDraw``).

For a PDF, WeasyPrint lays out the page (A4, the CJK font embedded as a subset, text
that copies and searches as the characters typed — Chromium's own PDFs map CJK glyphs to
Kangxi radicals when text is copied out); it runs no JavaScript, so each chart is drawn
once by the same plotly.js in Chromium (Playwright, Debian's Chromium, offline) and goes
in as SVG (:func:`svg_images`).
"""

from __future__ import annotations

import json
import os
import shutil
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from ..errors import CampaignkitError
from . import elder
from .assets import script
from .fit import FIT_SCRIPT
from .theme import FONT_FAMILY

BUNDLE = Path(__file__).parent / "vendor" / "plotly-basic.min.js"
CHROMIUM_ENV = "CAMPAIGNKIT_CHROMIUM"
STATIC_CONFIG = {"displayModeBar": False, "responsive": True, "displaylogo": False}
BASE_STYLE = f"""
*{{box-sizing:border-box}}
html,body{{margin:0;padding:0;background:#fff;color:#222;font-family:{FONT_FAMILY};}}
a{{color:#0b5394}}
.ck-badge-illustrative{{display:inline-block;background:#fff3cd;color:#7a4f00;border:1px solid #e0b100;
border-radius:4px;padding:0 8px;font-weight:bold;margin-left:8px}}
.ck-figure{{width:100%;height:440px}}
.ck-source{{color:#444;font-size:0.8em;line-height:1.4;overflow-wrap:anywhere}}
.ck-speak{{min-width:44px;min-height:44px;margin-left:6px;font-size:20px;border:1px solid #889;border-radius:8px;
background:#fff;cursor:pointer;vertical-align:middle;color:#1f3b57;display:inline-flex;align-items:center;justify-content:center}}
.ck-say{{color:#333;margin:10px 0 0 0}}
@media print{{.ck-speak{{display:none !important}}}}
"""


class StaticPageError(CampaignkitError):
    """A static page or its PDF could not be made (message in Chinese, for the trainer)."""


def safe_inline(text: str) -> str:
    """Text that may sit inside a <script> element: no '</' to close it early, and no
    '://' — written '\\/', which JavaScript and JSON read as '/', so the program and data
    are the same and a search for external addresses in the file finds none (the bundle
    holds XML namespace names such as the SVG one, which are never fetched)."""
    return text.replace("</", "<\\/").replace("://", ":\\/\\/")


@lru_cache(maxsize=1)
def plotly_script() -> str:
    return safe_inline(BUNDLE.read_text(encoding="utf-8"))


# A speaker beside every sentence (``.ck-speakable``, ``.ck-card``): spoken by the laptop that
# served the page (``data-speak``: its espeak-ng), else by the browser's own Chinese voice, else
# no button. The speaker is drawn (inline SVG): phones and laptops without an emoji font showed
# "🔊" as an empty box.
SPEAKER_SVG = (
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">'
    '<path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor"/>'
    '<path d="M15.5 8.5a5 5 0 0 1 0 7M18 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" stroke-width="2" '
    'fill="none" stroke-linecap="round"/></svg>'
)
SPEAK_SCRIPT = script(__package__, "speak.js").replace("__SPEAKER__", SPEAKER_SVG)

DRAW_SCRIPT = script(__package__, "draw.js")


def figure_spec(figure: dict[str, Any]) -> dict[str, Any]:
    """A plotly figure (``fig.to_plotly_json()`` or the JSON a notebook saved) as a page draws
    it: sized by the box the page gives it (a fixed height from a dashboard would overflow a
    slide or a phone)."""
    layout = {k: v for k, v in figure.get("layout", {}).items() if k not in ("height", "width")}
    return {"data": figure.get("data", []), "layout": {**layout, "autosize": True}, "config": STATIC_CONFIG}


def figure_div(div_id: str, css_class: str = "ck-figure") -> str:
    return f'<div id="{escape(div_id, quote=True)}" class="{css_class}"></div>'


def embedded_figures(figures: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The figures as a page embeds them: each distinct plotly template once (a page of
    forty charts carries one copy of the theme, not forty)."""
    templates: list[Any] = []
    keys: dict[str, int] = {}
    shared = {}
    for div_id, spec in figures.items():
        layout = dict(spec.get("layout", {}))
        template = layout.pop("template", None)
        entry = {**spec, "layout": layout}
        if template is not None:
            key = json.dumps(template, sort_keys=True)
            if key not in keys:
                keys[key] = len(templates)
                templates.append(template)
            entry["template"] = keys[key]
        shared[div_id] = entry
    return {"figures": shared, "templates": templates}


def page(
    title: str,
    body: str,
    *,
    figures: dict[str, dict[str, Any]] | None = None,
    style: str = "",
    script: str = "",
    draw_later: bool = False,
    bundle_url: str | None = None,
    elder_mode: bool = True,
    speak_url: str | None = None,
) -> str:
    """One HTML page: ``body`` (HTML), the ``figures`` (div id → figure spec, drawn on load
    unless ``draw_later``), page ``style`` and ``script``. No external URL: plotly.js is inlined,
    or, with ``bundle_url``, loaded from the serving laptop (phones cache it across pages)."""
    figures = figures or {}
    specs = safe_inline(json.dumps(embedded_figures(figures), ensure_ascii=False, separators=(",", ":")))
    if not figures:
        plotly = ""
    elif bundle_url:
        plotly = f'<script src="{escape(bundle_url, quote=True)}"></script>'
    else:
        plotly = f"<script>{plotly_script()}</script>"
    later = " data-draw-later" if draw_later else ""
    if speak_url:
        later += f' data-speak="{escape(speak_url, quote=True)}"'
    # ``elder_mode``: the 长辈模式 switch and rules (not on a projector page, which is large already).
    switch, rules, script_head = (elder.SWITCH, elder.STYLE, f"<script>{elder.SCRIPT}</script>") if elder_mode else ("", "", "")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{BASE_STYLE}{rules}{style}</style>"
        f"{script_head}</head>"
        f"<body{later}>{switch}{body}"
        f'<script type="application/json" id="ck-figures">{specs}</script>'
        f"{plotly}<script>{FIT_SCRIPT}{DRAW_SCRIPT}{SPEAK_SCRIPT}{safe_inline(script)}</script></body></html>"
    )


def message_page(title: str, text: str, link: tuple[str, str] | None = None, style: str = "") -> str:
    """A page that says one thing in large type (a refusal, a missing page), with a way on."""
    more = f'<p><a href="{escape(link[1], quote=True)}">{escape(link[0])}</a></p>' if link else ""
    body = f'<h1 style="font-size:30px;">{escape(title)}</h1><p style="font-size:22px;">{escape(text)}</p>{more}'
    return page(title, body, style=style)


def find_chromium() -> str:
    """Debian's Chromium (or ``$CAMPAIGNKIT_CHROMIUM``); Playwright cannot download one here."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured and Path(configured).exists():
        return configured
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise StaticPageError(
        "生成 PDF 需要 Chromium 浏览器，这台电脑上没有找到。请运行 make runtime-deps"
        "（或 apt-get install chromium），或用环境变量 CAMPAIGNKIT_CHROMIUM 指定浏览器的位置。"
    )


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"]


SVG_PAGE = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><script>{plotly}</script></body></html>"


def svg_images(figures: dict[str, dict[str, Any]], *, width: int = 680, height: int = 380) -> dict[str, str]:
    """Each figure drawn once by plotly.js in Chromium (offline: every request refused) and
    returned as SVG text, for a document engine that runs no JavaScript (WeasyPrint)."""
    if not figures:
        return {}
    with SvgRenderer() as renderer:
        return renderer.render(figures, width=width, height=height)


def offline_page(browser, **context):
    """A Chromium page that can reach nothing: every request is refused (pages here are whole)."""
    page_ = browser.new_context(offline=True, **context).new_page()
    page_.route("**/*", lambda route: route.abort())
    return page_


class SvgRenderer:
    """Chromium with plotly.js loaded, started in a thread of its own as soon as it is made, so
    that it gets ready while the caller does something else (runs a talk's notebook):
    ``with SvgRenderer() as r: ...build...; r.render(figures)``."""

    def __init__(self, timeout_ms: int = 60_000):
        import queue
        import threading

        self.timeout_ms = timeout_ms
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="campaignkit-svg", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        try:
            executable = find_chromium()
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                try:
                    page_ = offline_page(browser)
                    page_.set_content(SVG_PAGE.format(plotly=plotly_script()), wait_until="load", timeout=self.timeout_ms)
                    while (job := self._jobs.get()) is not None:
                        figures, width, height = job
                        urls = page_.evaluate(
                            """([specs, w, h]) => Promise.all(Object.keys(specs).map(id => Plotly.toImage(
                                {data: specs[id].data, layout: specs[id].layout, config: {}},
                                {format: 'svg', width: w, height: h}
                            ).then(url => [id, url])))""",
                            [figures, width, height],
                        )
                        self._results.put(urls)
                finally:
                    browser.close()
        except PlaywrightError as exc:
            self._results.put(StaticPageError(f"Chromium 没能画出图表：{str(exc).splitlines()[0]}"))
        except StaticPageError as exc:
            self._results.put(exc)

    def render(self, figures: dict[str, dict[str, Any]], *, width: int = 680, height: int = 380) -> dict[str, str]:
        from urllib.parse import unquote

        if not figures:
            return {}
        self._jobs.put((figures, width, height))
        result = self._results.get(timeout=self.timeout_ms / 1000 + 30)
        if isinstance(result, Exception):
            raise result
        return {div_id: unquote(url.split(",", 1)[1]) for div_id, url in result}

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)

    def __enter__(self) -> SvgRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
