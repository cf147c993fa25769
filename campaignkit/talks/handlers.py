"""The talks' pages in ``campaignkit serve`` (the registry's ``routes``; behind the token):

- ``/campaignkit/talks/<name>?audience=…``: the projector page (no notes);
- ``/campaignkit/talks/<name>/presenter?audience=…``: the presenter's page with the notes —
  answered only to the laptop itself (loopback), so never to a phone under ``--lan``;
- ``/campaignkit/talks/<name>/handout?audience=…``: the HTML handout (``&download=1``: as a
  file to keep); the phones' index lists these under ``--lan``.

The deck is built in a worker thread (the notebook runs in a kernel once, then comes from
memory until the notebook or the campaign's files change). Pages carry a Content-Security-
Policy that allows nothing from outside the page itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from ..core.campaign import CAMPAIGN_ENV
from ..core.network import LOOPBACK
from ..errors import CampaignkitError, CampaignNotFound
from ..ui import static
from .build import build_deck
from .catalogue import find_talk, list_talks
from .handout import handout_html
from .render import presenter_page, projector_page

# Inline scripts and styles, images from data: URLs, nothing else: not a font, not a request.
CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; media-src 'self'"
NAME = r"(?P<name>[^/?#]+)"


class TalkHandler(JupyterHandler):
    def _finish(self, status: int, page: str, *, download: str | None = None) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        if download:
            self.set_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(download)}")
        self.finish(page)

    def _address(self, name: str, view: str, audience: str | None) -> str:
        path = (
            url_path_join(self.base_url, "campaignkit", "talks", quote(name), view)
            if view
            else url_path_join(self.base_url, "campaignkit", "talks", quote(name))
        )
        return f"{path}?audience={quote(audience)}" if audience else path

    @web.authenticated
    async def get(self, name: str, view: str | None = None):
        view = (view or "").strip("/")
        audience = self.get_argument("audience", "") or None
        if view == "presenter" and self.request.remote_ip not in LOOPBACK:
            return self._finish(
                403,
                static.message_page("演讲者视图只在宣讲员自己的电脑上打开", "演讲者视图有讲稿备注，不在局域网（手机）上提供。"),
            )
        campaign = Path(os.environ.get(CAMPAIGN_ENV, "."))
        samples = Path(self.contents_manager.root_dir)
        try:
            talk = find_talk(name, campaign, samples=samples)
            loop = asyncio.get_running_loop()
            if view == "handout":
                page = await loop.run_in_executor(None, lambda: handout_html(talk.path, campaign, audience=audience))
                suffix = f"（{audience}）" if audience else ""
                download = f"{talk.name}{suffix}讲义.html" if self.get_argument("download", "") else None
                return self._finish(200, page, download=download)
            deck = await loop.run_in_executor(None, lambda: build_deck(talk.path, campaign, audience=audience))
        except CampaignNotFound as exc:
            return self._finish(404, static.message_page("找不到这篇讲稿", str(exc)))
        except CampaignkitError as exc:
            return self._finish(422, static.message_page("讲稿无法放映", str(exc)))
        channel = "ck-talk-" + hashlib.blake2b(f"{talk.path}|{audience}".encode(), digest_size=8).hexdigest()
        if view == "presenter":
            page = presenter_page(deck, channel=channel, projector_url=self._address(name, "", audience))
        else:
            presenter = self._address(name, "presenter", audience) if self.request.remote_ip in LOOPBACK else None
            page = projector_page(
                deck, channel=channel, presenter_url=presenter, speak_url=url_path_join(self.base_url, "campaignkit", "speak")
            )
        self._finish(200, page)


def phone_links(campaign: Path, notebooks: Path) -> list[tuple[str, str]]:
    """Each talk's handout, in every version it has, for the phones' index page."""
    links = []
    for talk in list_talks(campaign, samples=notebooks):
        for audience in (None, *talk.audiences):
            label = f"讲义：{talk.title}" + (f"（{audience}版）" if audience else "")
            query = f"?audience={quote(audience)}" if audience else ""
            links.append((label, f"campaignkit/talks/{quote(talk.name)}/handout{query}"))
    return links


ROUTES = [(rf"/campaignkit/talks/{NAME}(?P<view>/presenter|/handout)?/?", TalkHandler)]
