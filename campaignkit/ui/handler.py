"""The one base of campaignkit's pages in the server (the phone pages, forms, ballots, talks,
quizzes): how a page is sent (security headers, no caching, gzip for a slow hall network), the
hall's token carried on the links a page prints, pages only the laptop may open, form fields
read as text, and the served campaign, from the server extension's configuration
(:class:`campaignkit.server.extension.CampaignkitApp`), never from the environment."""

from __future__ import annotations

import functools
import gzip
import inspect
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.extension.handler import ExtensionHandlerMixin
from jupyter_server.utils import url_path_join

from ..core.network import LOOPBACK
from . import static
from .errors import ChineseErrors

HTML = "text/html; charset=utf-8"
# Inline scripts and styles, images from data: URLs, nothing else: not a font, not a request.
STRICT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
T = TypeVar("T")


class FieldsNotText(ValueError):
    """A form body that is not UTF-8: a browser never sends one; refused with a page, not a 500."""


class CampaignHandler(ChineseErrors, ExtensionHandlerMixin, JupyterHandler):
    """A campaignkit page handler; its extension app holds the campaign and the server's state."""

    csp: str = STRICT_CSP

    @property
    def campaign(self) -> Path:
        """The campaign folder the server serves."""
        return Path(self.extensionapp.campaign)  # type: ignore[attr-defined]

    @property
    def lan(self) -> bool:
        """``serve --lan``: phones in the hall may ask; private pages are absent."""
        return bool(getattr(self.extensionapp, "lan", False))

    @property
    def laptop(self) -> bool:
        """The request comes from the laptop the server runs on."""
        return (self.request.remote_ip or "") in LOOPBACK

    def kept(self, key: str, make: Callable[[], T]) -> T:
        """The server's one ``key`` (a forms store, a cache of built pages), made on first use."""
        kept: dict[str, Any] = self.extensionapp.kept  # type: ignore[attr-defined]
        if key not in kept:
            kept[key] = make()
        return kept[key]

    def address(self, *parts: str) -> str:
        return url_path_join(self.base_url, *parts)

    def token_query(self, first: str = "?") -> str:
        """``?token=…`` as this page was asked for (a phone keeps no login cookie), or ""."""
        token = self.get_argument("token", "")
        return f"{first}token={quote(token)}" if token else ""

    def with_token(self, address: str) -> str:
        return address + self.token_query("&" if "?" in address else "?")

    def send_page(
        self,
        status: int,
        body: str | bytes,
        *,
        kind: str = HTML,
        download: str | None = None,
        compress: bool = False,
        cache: str = "no-store",
    ) -> None:
        """Answer with ``body`` and the kit's headers; ``download``: as a file of that name;
        ``compress``: gzipped when the phone accepts it (a page and plotly.js shrink to a third)."""
        self.set_status(status)
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", cache)
        if kind.startswith("text/html"):
            self.set_header("Content-Security-Policy", self.csp)
        self.set_header("X-Content-Type-Options", "nosniff")
        if download:
            self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(download)}")
        data = body.encode("utf-8") if isinstance(body, str) else body
        if compress and "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.set_header("Vary", "Accept-Encoding")
            # What is sent alike many times (plotly.js, a big phone page) is compressed once.
            big = cache != "no-store" or len(data) > 200_000
            data = _gzipped(data) if big else gzip.compress(data, compresslevel=6, mtime=0)
        self.finish(data)

    def send_message(self, status: int, title: str, text: str, link: tuple[str, str] | None = None, style: str = "") -> None:
        self.send_page(status, static.message_page(title, text, link, style=style))

    def form_fields(self) -> dict[str, list[str]]:
        """The posted fields as text; :class:`FieldsNotText` when the body is not UTF-8."""
        try:
            return {k: [v.decode("utf-8") for v in vs] for k, vs in self.request.body_arguments.items()}
        except UnicodeDecodeError:
            raise FieldsNotText() from None


@lru_cache(maxsize=64)
def _gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=6, mtime=0)


def laptop_only(title: str, text: str) -> Callable:
    """A handler method answered only to the laptop itself (a page with seat numbers, speaker
    notes or counts still moving); another machine gets 403 and ``title``/``text`` in Chinese."""

    def wrap(method: Callable) -> Callable:
        @functools.wraps(method)
        async def guarded(self: CampaignHandler, *args, **kwargs):
            if not self.laptop:
                return self.send_message(403, title, text)
            result = method(self, *args, **kwargs)
            return await result if inspect.isawaitable(result) else result

        return guarded

    return wrap
