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
import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from html import escape
from pathlib import Path
from urllib.parse import quote

from jupyter_server.utils import url_path_join
from tornado import web

from ..core.cache import files_state
from ..core.network import LOOPBACK
from ..features import registry
from ..load import check_campaign
from ..ui import fit, speech, static
from ..ui.handler import CampaignHandler
from ..ui.phone import PHONE_STYLE, phone_document

BUNDLE_MARK, HOME_MARK, SPEAK_MARK = "ck-bundle-address", "ck-home-address", "ck-speak-address"  # placeholders in a built page
JS = "text/javascript; charset=utf-8"
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


class PhoneHandler(CampaignHandler):
    csp = CSP

    @property
    def builds(self) -> PhoneBuilds:
        return self.kept("phone builds", lambda: PhoneBuilds(self.campaign))

    @web.authenticated
    async def get(self, stem: str = ""):
        query = self.token_query()
        home = self.address("campaignkit", "phone", "") + query
        if not stem:
            return self.send_page(200, self._index(query), compress=True)
        if stem not in registry().phone_pages():
            return self.send_page(404, _message("没有这一页", "地址不对，或者这一页不在手机上提供。", home))
        bundle = self.address("campaignkit", "static", "plotly-basic.min.js") + f"?v={BUNDLE_VERSION}" + self.token_query("&")
        speak = self.address("campaignkit", "speak") + query
        try:
            page = await self.builds.page(stem, bundle, home, speak)
        except Exception as exc:  # a phone never sees a traceback; the laptop's log has it
            self.log.exception("campaignkit: the phone page %s could not be built", stem)
            text = "这一页暂时无法生成。请宣讲员在电脑上打开“数据体检”查看表格的问题，改正后再刷新。"
            if isinstance(exc, BuildCrashed):
                text = "生成这一页时读表格的程序意外退出了（多半是这一页用到的某个表格文件有问题）。" + text
            return self.send_page(500, _message("这一页暂时打不开", text, home))
        self.send_page(200, page, compress=True)

    def _index(self, query: str) -> str:
        links = [
            (p.title, self.address("campaignkit", "phone", stem) + query, p.summary)
            for stem, p in registry().phone_pages().items()
        ]
        now: list[tuple[str, str, str]] = []
        for link in registry().phone_links(self.campaign, Path(self.contents_manager.root_dir)):
            address = self.with_token(self.address(link.address)) if query else self.address(link.address)
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


class BundleHandler(CampaignHandler):
    """plotly.js, cached by the phone for a year (the address carries the bundle's hash)."""

    @web.authenticated
    def get(self):
        self.send_page(200, static.BUNDLE.read_bytes(), kind=JS, compress=True, cache="public, max-age=31536000, immutable")


class FitHandler(CampaignHandler):
    """The charts' layout for the width they get and for 长辈模式, for Voilà dashboards
    (:mod:`campaignkit.ui.fit`); loaded by the campaignkit Voilà template."""

    @web.authenticated
    def get(self):
        self.send_page(200, FIT_JS, kind=JS, compress=True, cache="no-cache")  # small, and must follow an upgrade


class SpeakHandler(CampaignHandler):
    """``GET /campaignkit/speak?text=…``: the sentence spoken in Mandarin (WAV), by this laptop."""

    @web.authenticated
    async def get(self):
        text = self.get_argument("text", "").strip()
        if not text:
            raise web.HTTPError(400)
        try:
            audio = await asyncio.get_running_loop().run_in_executor(None, speech.speak_wav, text)
        except speech.SpeechUnavailable as exc:
            return self.send_page(503, str(exc), kind="text/plain; charset=utf-8")
        self.send_page(200, audio, kind="audio/wav", cache="private, max-age=3600")


def phone_redirect(handler, path: str, *, lan: bool) -> bool:
    """Under ``--lan``, answer another machine's request for a Voilà page with its phone page
    (or a page saying where to go) and return True; the laptop itself gets Voilà."""
    if not lan or handler.request.remote_ip in LOOPBACK:
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
