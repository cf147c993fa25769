"""The talks' pages in ``campaignkit serve`` (the registry's ``routes``; behind the token):

- ``/campaignkit/talks/<name>?audience=…``: the projector page (no notes);
- ``/campaignkit/talks/<name>/presenter?audience=…``: the presenter's page with the notes —
  answered only to the laptop itself (loopback), so never to a phone under ``--lan``;
- ``/campaignkit/talks/<name>/handout?audience=…``: the HTML handout (``&download=1``: as a
  file to keep); the phones' index lists these under ``--lan``;
- ``/campaignkit/talks/<name>/follow?audience=…``: 跟随投影, the phones' page that shows the
  slide the projector shows, laid out for a phone and with 长辈模式;
- ``/campaignkit/talks/<name>/at?audience=…``: where the talk is (JSON ``{"index", "version"}``);
  ``&after=VERSION`` waits until it moves. Only the laptop may POST ``{"index": N}`` to it.

The deck is built in a worker thread (the notebook runs in a kernel once, then comes from
memory until the notebook or the campaign's files change). Pages carry a Content-Security-
Policy that allows nothing from outside the page itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from tornado import web

from ..errors import CampaignkitError, CampaignNotFound
from ..ui.handler import CampaignHandler
from .build import build_deck
from .catalogue import find_talk, list_talks
from .follow import POSITIONS
from .handout import handout_html
from .render import follow_page, presenter_page, projector_page

# Inline scripts and styles, images from data: URLs, nothing else: not a font, not a request.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "media-src 'self'; connect-src 'self'"
)
NAME = r"(?P<name>[^/?#]+)"


class TalkHandler(CampaignHandler):
    csp = CSP

    def _address(self, name: str, view: str, audience: str | None) -> str:
        path = (
            self.address("campaignkit", "talks", quote(name), view) if view else self.address("campaignkit", "talks", quote(name))
        )
        return f"{path}?audience={quote(audience)}" if audience else path

    @web.authenticated
    async def get(self, name: str, view: str | None = None):
        view = (view or "").strip("/")
        audience = self.get_argument("audience", "") or None
        if view == "presenter" and not self.laptop:
            return self.send_message(
                403, "演讲者视图只在宣讲员自己的电脑上打开", "演讲者视图有讲稿备注，不在局域网（手机）上提供。"
            )
        campaign = self.campaign
        samples = Path(self.contents_manager.root_dir)
        try:
            talk = find_talk(name, campaign, samples=samples)
            loop = asyncio.get_running_loop()
            if view == "handout":
                page = await loop.run_in_executor(None, lambda: handout_html(talk.path, campaign, audience=audience))
                suffix = f"（{audience}）" if audience else ""
                download = f"{talk.name}{suffix}讲义.html" if self.get_argument("download", "") else None
                return self.send_page(200, page, download=download)
            deck = await loop.run_in_executor(None, lambda: build_deck(talk.path, campaign, audience=audience))
        except CampaignNotFound as exc:
            return self.send_message(404, "找不到这篇讲稿", str(exc))
        except CampaignkitError as exc:
            return self.send_message(422, "讲稿无法放映", str(exc))
        channel = "ck-talk-" + hashlib.blake2b(f"{talk.path}|{audience}".encode(), digest_size=8).hexdigest()
        at = self.with_token(self._address(name, "at", audience))
        laptop = self.laptop
        # The laptop's pages tell the server where the talk is, for the phones that follow it.
        report = {"url": at, "xsrf": self.xsrf_token.decode()} if laptop else None
        speak = self.with_token(self.address("campaignkit", "speak"))
        if view == "presenter":
            page = presenter_page(deck, channel=channel, projector_url=self._address(name, "", audience), report=report)
        elif view == "follow":
            bundle = self.with_token(self.address("campaignkit", "static", "plotly-basic.min.js"))
            page = follow_page(deck, at_url=at, speak_url=speak, bundle_url=bundle)
        else:
            presenter = self._address(name, "presenter", audience) if laptop else None
            page = projector_page(deck, channel=channel, presenter_url=presenter, speak_url=speak, report=report)
        self.send_page(200, page)


class PositionHandler(CampaignHandler):
    """Where a talk is: asked by the phones that follow it, told by the laptop."""

    def _reply(self, position) -> None:
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"index": position.index, "version": position.version, "shown": bool(position.version)}))

    @web.authenticated
    async def get(self, name: str):
        try:
            after = int(self.get_argument("after", "-1"))
        except ValueError:
            raise web.HTTPError(400, "after 必须是整数") from None
        audience = self.get_argument("audience", "") or None
        position = await POSITIONS.wait(name, audience, after)
        if self.request.connection.stream.closed():
            return  # the phone went away while it waited
        self._reply(position)

    @web.authenticated
    def post(self, name: str):
        if not self.laptop:
            raise web.HTTPError(403, "只有宣讲员的电脑能翻页")
        try:
            index = int(json.loads(self.request.body or b"{}")["index"])
        except (ValueError, KeyError, TypeError):
            raise web.HTTPError(400, "要给出页码 index") from None
        audience = self.get_argument("audience", "") or None
        title = self.get_argument("title", "") or name
        self._reply(POSITIONS.set(name, audience, title, max(0, index)))


def phone_links(campaign: Path, notebooks: Path) -> list[tuple]:
    """Each talk's handout, in every version it has, for the phones' index page; first, the
    talks the projector is showing, to follow slide by slide."""
    links = []
    for talk in list_talks(campaign, samples=notebooks):
        for audience in (None, *talk.audiences):
            label = f"讲义：{talk.title}" + (f"（{audience}版）" if audience else "")
            query = f"?audience={quote(audience)}" if audience else ""
            links.append((label, f"campaignkit/talks/{quote(talk.name)}/handout{query}"))
    # The talks the projector is showing now come first: a phone follows them slide by slide.
    showing = [
        (f"跟随投影：{p.title}" + (f"（{p.audience}版）" if p.audience else ""), _follow_address(p.name, p.audience), True)
        for p in POSITIONS.showing()
    ]
    return showing + links


def _follow_address(name: str, audience: str | None) -> str:
    return f"campaignkit/talks/{quote(name)}/follow" + (f"?audience={quote(audience)}" if audience else "")


ROUTES = [
    (rf"/campaignkit/talks/{NAME}/at/?", PositionHandler),
    (rf"/campaignkit/talks/{NAME}(?P<view>/presenter|/handout|/follow)?/?", TalkHandler),
]
