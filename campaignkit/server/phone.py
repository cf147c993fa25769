"""Phone pages in ``campaignkit serve`` (behind the token): kernel-free, built from the campaign.

- ``/campaignkit/phone/``: the pages a phone can open (each meeting-safe dashboard the
  registry gives a ``phone`` builder, and what features add, e.g. talk handouts);
- ``/campaignkit/phone/<page>``: a dashboard as one static page (:mod:`campaignkit.ui.phone`),
  built once per state of the campaign's files and kept in memory — a hall of phones costs
  one build and a few hundred kB each, not a kernel each;
- ``/campaignkit/static/plotly-basic.min.js``: plotly.js from the laptop, cached by phones.
- ``/campaignkit/static/fit.js``: the charts' layout for their width and 长辈模式, for Voilà pages.

Under ``--lan`` a Voilà page asked for by another machine is answered with a redirect to its
phone page (:func:`phone_redirect`): kernels are for the lecturer's laptop only.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from ..core.cache import files_state
from ..core.campaign import CAMPAIGN_ENV, LAN_ENV
from ..core.network import LOOPBACK
from ..features import registry
from ..load import check_campaign
from ..ui import fit, speech, static
from ..ui.errors import ChineseErrors
from ..ui.phone import PHONE_STYLE, phone_document

BUNDLE_MARK, HOME_MARK, SPEAK_MARK = "ck-bundle-address", "ck-home-address", "ck-speak-address"  # placeholders in a built page
CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; media-src 'self'"
FIT_JS = (fit.FIT_SCRIPT + fit.VOILA_SCRIPT).encode()
BUNDLE_VERSION = hashlib.blake2b(static.BUNDLE.read_bytes(), digest_size=6).hexdigest()


class BuildCrashed(RuntimeError):
    """The process building a phone page ended without an answer (a reader aborted in it)."""


def build_phone_page(folder: str, stem: str) -> str:
    """One phone page, built in the worker process from only the tables it shows: a file another
    page uses cannot spoil it, and nothing a file contains can stop the server."""
    page = registry().phone_pages()[stem]
    assert page.phone is not None  # phone_pages() lists only pages with a phone builder
    campaign = check_campaign(Path(folder), tables=page.phone_tables or None)
    return phone_document(page.phone(campaign), bundle_url=BUNDLE_MARK, home_url=HOME_MARK, speak_url=SPEAK_MARK)


class _Workers:
    """One spawned worker process for the phone pages, started again after it died."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._guard = threading.Lock()

    def run(self, function, *args):
        with self._guard:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            pool = self._pool
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool as exc:
            with self._guard:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise BuildCrashed(str(exc)) from exc


WORKERS = _Workers()


class PhoneBuilds:
    """Each phone page built once per campaign state, however many phones ask at once, in a
    worker process (:func:`build_phone_page`)."""

    def __init__(self, folder: Path, worker=build_phone_page):
        self.folder = folder
        self.worker = worker
        self._built: dict[tuple[str, str], asyncio.Future] = {}

    async def page(self, stem: str, bundle_url: str = BUNDLE_MARK, home_url: str = HOME_MARK, speak_url: str = SPEAK_MARK) -> str:
        loop = asyncio.get_running_loop()
        state = await loop.run_in_executor(None, files_state, self.folder)
        key = (stem, state)
        if key not in self._built:
            for old in [k for k in self._built if k[0] == stem]:
                del self._built[old]  # the campaign changed: that build is stale
            self._built[key] = loop.run_in_executor(None, self._build, stem)
        # A failed build stays failed for this state of the files: asked again, it answers at once
        # (the page says what to fix); a changed file is a new state and a new build.
        built = await asyncio.shield(self._built[key])
        # The addresses carry the asker's token (or none): filled in per request, built once.
        for mark, address in ((BUNDLE_MARK, bundle_url), (HOME_MARK, home_url), (SPEAK_MARK, speak_url)):
            built = built.replace(mark, escape(address, quote=True))
        return built

    async def prebuild(self) -> None:
        """Every phone page, before the first phone asks (``serve --lan`` starts this)."""
        for stem in registry().phone_pages():
            try:
                await self.page(stem)
            except Exception:  # the page reports it when asked for; the server goes on
                pass

    def _build(self, stem: str) -> str:
        return WORKERS.run(self.worker, str(self.folder), stem)


def _message(title: str, text: str, link: str = "") -> str:
    return static.message_page(title, text, ("看手机版页面", link) if link else None, style=PHONE_STYLE)


def builds(settings: dict) -> PhoneBuilds:
    if "campaignkit_phone_builds" not in settings:
        settings["campaignkit_phone_builds"] = PhoneBuilds(Path(os.environ[CAMPAIGN_ENV]))
    return settings["campaignkit_phone_builds"]


class PhoneHandler(ChineseErrors, JupyterHandler):
    def _token_query(self) -> str:
        token = self.get_argument("token", "")
        return f"?token={quote(token)}" if token else ""

    def _address(self, *parts: str) -> str:
        return url_path_join(self.base_url, "campaignkit", *parts)

    def _finish(self, status: int, page: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        send(self, page.encode("utf-8"))

    @web.authenticated
    async def get(self, stem: str = ""):
        query = self._token_query()
        home = self._address("phone", "") + query
        if not stem:
            return self._finish(200, self._index(query))
        if stem not in registry().phone_pages():
            return self._finish(404, _message("没有这一页", "地址不对，或者这一页不在手机上提供。", home))
        bundle = self._address("static", "plotly-basic.min.js") + f"?v={BUNDLE_VERSION}" + (f"&{query[1:]}" if query else "")
        speak = self._address("speak") + query
        try:
            page = await builds(self.settings).page(stem, bundle, home, speak)
        except Exception as exc:  # a phone never sees a traceback; the laptop's log has it
            self.log.exception("campaignkit: the phone page %s could not be built", stem)
            text = "这一页暂时无法生成。请宣讲员在电脑上打开“数据体检”查看表格的问题，改正后再刷新。"
            if isinstance(exc, BuildCrashed):
                text = "生成这一页时读表格的程序意外退出了（多半是这一页用到的某个表格文件有问题）。" + text
            return self._finish(500, _message("这一页暂时打不开", text, home))
        self._finish(200, page)

    def _index(self, query: str) -> str:
        folder = Path(os.environ[CAMPAIGN_ENV])
        links = [(p.title, self._address("phone", stem) + query, p.summary) for stem, p in registry().phone_pages().items()]
        now: list[tuple[str, str, str]] = []
        for link in registry().phone_links(folder, Path(self.contents_manager.root_dir)):
            joiner = "&" if "?" in link.address else "?"
            address = url_path_join(self.base_url, link.address) + (joiner + query[1:] if query else "")
            (now if link.now else links).append((link.title, address, ""))

        def items(entries: list[tuple[str, str, str]]) -> str:
            return "".join(
                f'<li style="margin:10px 0;"><a style="font-size:24px;display:inline-flex;align-items:center;min-height:60px;" '
                f'href="{escape(address, quote=True)}">{escape(title)}</a>'
                f"{f'<br><span>{escape(summary)}</span>' if summary else ''}</li>"
                for title, address, summary in entries
            )

        showing = f'<h2>大屏上正在放</h2><ul style="list-style:none;padding:0;">{items(now)}</ul><h2>全部</h2>' if now else ""
        body = (
            "<h1>手机看板</h1><p>点一项打开。这些页面不占宣讲员电脑的内存，全场手机可以同时看。"
            "看不清就点右上角的“长辈模式”：字更大、按钮更大。</p>"
            f'{showing}<ul style="list-style:none;padding:0;">{items(links)}</ul>'
        )
        return static.page("手机看板", body, style=PHONE_STYLE)


class BundleHandler(JupyterHandler):
    """plotly.js, cached by the phone for a year (the address carries the bundle's hash)."""

    @web.authenticated
    def get(self):
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("X-Content-Type-Options", "nosniff")
        send(self, static.BUNDLE.read_bytes(), cached=True)


class FitHandler(JupyterHandler):
    """The charts' layout for the width they get and for 长辈模式, for Voilà dashboards
    (:mod:`campaignkit.ui.fit`); loaded by the campaignkit Voilà template."""

    @web.authenticated
    def get(self):
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "no-cache")  # small, and must follow an upgrade
        self.set_header("X-Content-Type-Options", "nosniff")
        send(self, FIT_JS, cached=True)


@lru_cache(maxsize=64)
def _gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=6, mtime=0)


def send(handler, body: bytes, *, cached: bool = False) -> None:
    """``body``, gzipped when the phone accepts it (a village network is slow: the page
    and plotly.js shrink to a third). Only these handlers compress: Voilà's pages stream."""
    if "gzip" in handler.request.headers.get("Accept-Encoding", ""):
        handler.set_header("Content-Encoding", "gzip")
        handler.set_header("Vary", "Accept-Encoding")
        body = _gzipped(body) if cached or len(body) > 200_000 else gzip.compress(body, compresslevel=6, mtime=0)
    handler.finish(body)


class SpeakHandler(JupyterHandler):
    """``GET /campaignkit/speak?text=…``: the sentence spoken in Mandarin (WAV), by this laptop."""

    @web.authenticated
    async def get(self):
        text = self.get_argument("text", "").strip()
        if not text:
            raise web.HTTPError(400)
        try:
            audio = await asyncio.get_running_loop().run_in_executor(None, speech.speak_wav, text)
        except speech.SpeechUnavailable as exc:
            self.set_status(503)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            return self.finish(str(exc))
        self.set_header("Content-Type", "audio/wav")
        self.set_header("Cache-Control", "private, max-age=3600")
        self.finish(audio)


def phone_redirect(handler, path: str) -> bool:
    """Under ``--lan``, answer another machine's request for a Voilà page with its phone page
    (or a page saying where to go) and return True; the laptop itself gets Voilà."""
    if not os.environ.get(LAN_ENV) or handler.request.remote_ip in LOOPBACK:
        return False
    token = handler.get_argument("token", "")
    query = f"?token={quote(token)}" if token else ""
    stem = os.path.basename(path or "").removesuffix(".ipynb")
    home = url_path_join(handler.base_url, "campaignkit", "phone", "") + query
    if stem in registry().phone_pages():
        handler.redirect(url_path_join(handler.base_url, "campaignkit", "phone", stem) + query)
    else:
        handler.set_status(403)
        handler.set_header("Content-Type", "text/html; charset=utf-8")
        handler.finish(_message("这一页只在宣讲员的电脑上打开", "手机上请看手机版页面：不占电脑内存，全场手机可以同时看。", home))
    return True


ROUTES = [
    (r"/campaignkit/phone/?", PhoneHandler),
    (r"/campaignkit/phone/(?P<stem>[A-Za-z0-9_\-]+)", PhoneHandler),
    (r"/campaignkit/static/plotly-basic\.min\.js", BundleHandler),
    (r"/campaignkit/static/fit\.js", FitHandler),
    (r"/campaignkit/speak", SpeakHandler),
]
