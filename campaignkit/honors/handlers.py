"""The selections' pages in ``campaignkit serve`` (the registry's ``routes``; behind the token):

- ``/vote/<selection>``: the ballot (GET the page, POST ``code`` and ``choice``…): no kernel,
  the forms engine's store, one code one ballot;
- ``/campaignkit/vote/``: the selections with their status and links;
- ``/campaignkit/vote/<selection>/nominees``: the candidates and their deeds, for the meeting;
- ``/campaignkit/vote/<selection>/results``: the count for the projector — while voting is open
  only the laptop sees the counts (a hall of phones sees turnout);
- ``/campaignkit/vote/<selection>/audit`` and ``…/ballots.csv``: what anyone may check.

No page shows a voter: the roll never leaves the command line.
"""

from __future__ import annotations

import asyncio
import functools
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tornado import web

from ..core.cache import files_state
from ..forms.answers import SUBMISSION_FIELD
from ..forms.handlers import SubmissionHandler, Words, first
from ..forms.page import message_page, new_submission_id
from ..load import check_campaign
from . import pages
from .audit import audit_figures, ballots_csv
from .ballot import CHOICE_FIELD, CODE_FIELD, ballots, cast
from .data import SelectionData
from .selections import selections
from .tally import tally

BALLOT_WORDS = Words(
    blocked="投票码试错太多次了，请过 10 分钟再试，或请工作人员帮忙。",
    busy="现在投票的人多，请稍后再试：您选的人还在，过一会儿再点“投票”。",
    code_refused="投票码不对，或者已经投过票了。请核对纸条上的投票码。",
)
SELECTION = r"(?P<code>[A-Za-z0-9_-]{1,20})"
# Hashing a code keeps a core busy; writing waits on the disk, and ballots waiting together are
# written in one commit (forms.sealed): more casts at once than cores, so the disk's waits are shared.
CASTING = ThreadPoolExecutor(max_workers=16, thread_name_prefix="campaignkit-vote")


class SelectionDataCache:
    """The campaign's selections read once per state of its files, however many phones ask."""

    FRESH = 1.0  # seconds a look at the files stands: a hall voting at once asks many times a second

    def __init__(self, folder: Path):
        self.folder = folder
        self._built: tuple[str, asyncio.Future] | None = None
        self._looked = (-1.0, "")

    async def get(self) -> SelectionData:
        loop = asyncio.get_running_loop()
        looked_at, state = self._looked
        if time.monotonic() - looked_at > self.FRESH:
            state = await loop.run_in_executor(None, files_state, self.folder)
            self._looked = (time.monotonic(), state)
        if self._built is None or self._built[0] != state:
            self._built = (state, loop.run_in_executor(None, SelectionData, self.folder))
        future = self._built[1]
        try:
            return await asyncio.shield(future)
        except Exception:
            self._built = None
            raise


class VoteHandler(SubmissionHandler):
    async def selection_data(self) -> SelectionData:
        return await self.kept("selection data", lambda: SelectionDataCache(self.campaign)).get()

    async def selection(self, code: str):
        data = await self.selection_data()
        selection = data.selection(code)
        if selection is None:
            self.send_page(404, message_page("没有这项评选", "地址不对，或者这项评选已经撤下。"))
            return data, None, []
        return data, selection, data.candidates(selection)


class BallotHandler(VoteHandler):
    """``/vote/<selection>``: a phone's ballot."""

    def _action(self, code: str) -> str:
        return self.address("vote", code) + self.token_query()

    @web.authenticated
    async def get(self, code: str):
        _, selection, candidates = await self.selection(code)
        if selection is None:
            return
        status = selection.status()
        if status != "投票中":
            return self.send_page(
                200, message_page(selection.title, f"现在不能投票（{status}）：{selection.period_text()}", "ok")
            )
        slip = self.get_argument("code", "")[:12]
        self.send_page(200, pages.ballot_page(selection, candidates, self._action(code), self.xsrf_token.decode(), code=slip))

    @web.authenticated
    async def post(self, code: str):
        _, selection, candidates = await self.selection(code)
        if selection is None or (fields := self.posted(selection.title, "投票")) is None:
            return
        submission = first(fields, SUBMISSION_FIELD) or new_submission_id()

        def refuse(status: int, message: str, question: str | None = None) -> None:
            page = pages.ballot_page(
                selection,
                candidates,
                self._action(code),
                self.xsrf_token.decode(),
                code=first(fields, CODE_FIELD)[:12],
                chosen=fields.get(CHOICE_FIELD, []),
                error=message,
                submission_id=submission,
            )
            self.send_page(status, page)

        store = self.forms.store
        # Hashing the code and the write run beside the server (CASTING).
        work = functools.partial(cast, store, selection, candidates, fields, submission)
        if await self.receive(submission, work, refuse, BALLOT_WORDS, code=first(fields, CODE_FIELD), executor=CASTING):
            self.send_page(200, pages.voted_page(selection))


class IndexHandler(VoteHandler):
    @web.authenticated
    async def get(self):
        data = await self.selection_data()
        rows = []
        for selection in data.selections:
            links = {
                "候选人": self.address("campaignkit", "vote", selection.code, "nominees") + self.token_query(),
                "投票页": self.address("vote", selection.code) + self.token_query(),
                "投票结果": self.address("campaignkit", "vote", selection.code, "results") + self.token_query(),
                "计票核查": self.address("campaignkit", "vote", selection.code, "audit") + self.token_query(),
            }
            rows.append((selection, selection.status(), links))
        laptop = self.laptop
        problems = [f"{p.location()}：{p.message}" for p in data.problems] if laptop else []
        self.send_page(200, pages.index_page(rows, problems))


class PageHandler(VoteHandler):
    @web.authenticated
    async def get(self, code: str, page: str):
        _, selection, candidates = await self.selection(code)
        if selection is None:
            return
        if page == "nominees":
            return self.send_page(200, pages.nominees_page(selection, candidates))
        store = self.forms.store
        if page == "audit":
            download = self.address("campaignkit", "vote", code, "ballots.csv") + self.token_query()
            figures = await asyncio.get_running_loop().run_in_executor(None, audit_figures, selection, store)
            return self.send_page(200, pages.audit_page(selection, figures, download))
        loop = asyncio.get_running_loop()
        counted = await loop.run_in_executor(None, ballots, store, selection)
        result = tally(selection, candidates, counted, store.codes_left(selection.form_id)[1])
        closed = result["status"] == "已截止"
        # While voting is open, counts moving on a screen would show what the last voter chose:
        # only the laptop, and only when asked (?live=1), sees them, without redrawing.
        live = not closed and self.laptop and self.get_argument("live", "") == "1"
        laptop = self.laptop
        live_link = (
            self.address("campaignkit", "vote", code, "results") + "?live=1" + self.token_query("&")
            if laptop and not closed
            else ""
        )
        page = pages.results_page(
            selection, result, counts_shown=closed or live, refresh=not closed and not live, live_link=live_link
        )
        self.send_page(200, page)


class BallotsHandler(VoteHandler):
    @web.authenticated
    async def get(self, code: str):
        _, selection, _ = await self.selection(code)
        if selection is None:
            return
        if selection.status() != "已截止":  # rows appearing one by one would follow the voters in the hall
            return self.send_page(403, message_page(selection.title, "投票截止以后才能下载全部选票。"))
        data = await asyncio.get_running_loop().run_in_executor(None, ballots_csv, selection, self.forms.store)
        self.send_page(200, data, kind="text/csv; charset=utf-8", download=f"{selection.code}-ballots.csv")


def phone_links(campaign: Path, notebooks: Path) -> list[tuple[str, str]]:
    """The ballot of every selection open for voting, on the phones' index page."""
    try:  # the selections table only: the roll's households and members stay unread on a phone's index
        found = selections(check_campaign(Path(campaign), tables=["selections"]))
    except Exception:  # a broken table is reported on the laptop's pages, not on a phone's index
        return []
    links = [(f"投票：{s.title}", f"vote/{s.code}") for s in found if s.status() == "投票中"]
    return links + ([("先进评选", "campaignkit/vote/")] if found else [])


ROUTES = [
    (rf"/vote/{SELECTION}", BallotHandler),
    (r"/campaignkit/vote/?", IndexHandler),
    (rf"/campaignkit/vote/{SELECTION}/(?P<page>nominees|results|audit)", PageHandler),
    (rf"/campaignkit/vote/{SELECTION}/ballots\.csv", BallotsHandler),
]
