"""The hub's pages in its server: each built from the hub's tables on request (in a worker
thread, PostgreSQL read through ibis) and kept until the next report arrives or the day turns.
Only a viewer with the hub's page token (the link ``hub serve`` prints) sees them."""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import quote

from jupyter_server.auth.decorator import allow_unauthenticated

from ..ui import static
from ..ui.handler import STRICT_CSP
from . import page_data, pages, rollups
from .disclosure import evaluation_hidden
from .errors import HubError
from .handlers import HubHandler

PAGES = ("", "completeness", "coverage", "activities", "evaluation", "selections", "quiz")
_KEPT: dict[str, dict] = {}  # hub folder → the deliveries' state, periods, patterns, each town's first stage
_LOCK = threading.Lock()


class PageHandler(HubHandler):
    @allow_unauthenticated  # answered in Chinese below, not with Jupyter's login page
    async def get(self, name: str = ""):
        if self.current_user is None:
            return self._send(
                403,
                static.message_page(
                    "请用汇总中心给的链接打开", "打开 campaignkit hub serve 打印的“汇总页面”链接（链接里带着查看用的钥匙）。"
                ),
            )
        if name not in PAGES:
            return self._send(404, static.message_page("没有这个页面", "请从汇总中心的首页进入。", ("汇总中心", self._link(""))))
        town = self.get_argument("town", "") or None
        period = self.get_argument("period", "")
        try:
            html = await asyncio.get_running_loop().run_in_executor(None, self._build, name, town, period)
        except HubError as exc:
            return self._send(503, static.message_page("汇总中心的数据库没有响应", str(exc)))
        except ValueError:
            return self._send(404, static.message_page("没有这个时段", "请从页面上的时段里选。", ("汇总中心", self._link(""))))
        self._send(200, html)

    def _send(self, status: int, html: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", STRICT_CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(html)

    def _link(self, target: str) -> str:
        token = self.get_argument("token", "")
        address = self.base_url.rstrip("/") + "/hub/" + target
        return address + (("&" if "?" in address else "?") + "token=" + quote(token) if token else "")

    def _patterns(self, con) -> tuple[list[page_data.Period], dict]:
        """The periods offered and their hiding patterns, solved again only when a report has
        arrived (or a town was forgotten) since."""
        d = con.table("deliveries")
        state = tuple(d.aggregate(last=d.id.max(), count=d.count()).execute().iloc[0])
        with _LOCK:
            kept = _KEPT.setdefault(str(self.hub_dir), {"state": None, "towns": {}})
            if kept["state"] != state:
                patterns = page_data.hidden_records(con)
                offered = page_data.periods(patterns)
                kept.update(
                    state=state, offered=offered, hidden=page_data.coverage_patterns(con, patterns, offered, kept["towns"])
                )
        return kept["offered"], kept["hidden"]

    def _build(self, name: str, town: str | None, period: str) -> str:
        from .engines import postgres

        if name == "":
            return pages.index_page(self._link)
        con = postgres(self.hub_dir)
        try:
            today = page_data.today_in_beijing()
            illustrative = page_data.illustrative_towns(con)
            if name == "completeness" and town:
                return pages.town_completeness_page(
                    town, page_data.weekly_by_unit(con, town, today), page_data.last_files(con, town), today, self._link
                )
            if name == "completeness":
                return pages.completeness_page(
                    page_data.last_deliveries(con), page_data.weekly(con, today), today, illustrative, self._link
                )
            if name == "selections":
                return pages.selections_page(page_data.payloads(con, "selections"), today, self._link)
            if name == "quiz":
                return pages.quiz_page(page_data.payloads(con, "quiz"), illustrative, self._link)
            if name == "evaluation":
                frame = rollups.evaluation(con.table("records")).execute()
                form = self.get_argument("form", "") or None
                return pages.evaluation_page(frame, evaluation_hidden(frame), form, illustrative, self._link)
            offered, hidden = self._patterns(con)
            if not offered:
                return static.message_page(
                    "还没有走访数据", "各镇报送了入户走访记录以后，这里显示覆盖情况。", ("汇总中心", self._link(""))
                )
            chosen = page_data.Period.of(period) if period else offered[0]
            if chosen not in offered:
                raise ValueError(period)
            if name == "activities":
                start, end = chosen.start or page_data.OPEN_START, chosen.end or page_data.OPEN_END
                by_method, by_carrier = (
                    rollups.activities_by(con.table("records"), start, end, by).execute() for by in ("method", "carrier")
                )
                weekly = rollups.activities_by_method(con.table("records"), start, end).execute()
                return pages.activities_page(by_method, by_carrier, weekly, offered, chosen, illustrative, self._link)
            cells = page_data.grid_cells(con, chosen)
            return pages.coverage_page(cells, hidden[chosen], offered, chosen, town, illustrative, self._link)
        finally:
            con.disconnect()
