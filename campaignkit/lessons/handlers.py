"""The quiz's pages in ``campaignkit serve`` (the registry's ``routes``; behind the token).
Pupils answer at ``/forms/<quiz>?class=<code>`` (the forms engine); the teacher's pages are here:

- ``/campaignkit/quiz/``: the campaign's quizzes (and any refused, with the cell to fix);
- ``/campaignkit/quiz/<quiz>``: open a class by its code;
- ``/campaignkit/quiz/<quiz>/<class>``: the teacher's results — per question and per seat,
  redrawn every second; ``…/poster``: the QR code pupils scan;
- ``/campaignkit/quiz/<quiz>/<class>/board``: the class's results for the projector, with no seat;
- ``/campaignkit/family/<form>/<class>``: what changed across the class's families; ``…/worksheet.pdf``.

All of them answer only the laptop itself: seat numbers and families' answers are the teacher's
business, and the board shows the right answers while pupils may still be answering (under
``--lan`` the hall is a network of phones, and the poster's QR code carries the token).
"""

from __future__ import annotations

import asyncio
import io
import re
from html import escape
from urllib.parse import quote

from jupyter_server.utils import url_path_join
from tornado import web

from ..core.config import CampaignConfig
from ..core.network import lan_address
from ..forms.handlers import FormsHandler
from ..forms.quiz import MAX_SEAT, class_results
from ..ui import static
from ..ui.charts import figure_json
from ..ui.handler import laptop_only
from . import family, quiz_pages
from .quiz import classes_of

CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"
CLASS = r"(?P<class_code>[A-Za-z0-9]{1,12})"
CLASS_CODE = re.compile(r"^[A-Z0-9]{1,12}$")
QUIZ = r"(?P<form_id>[A-Za-z_][A-Za-z0-9_.-]*)"


def qr_svg(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=20, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    return svg[svg.index("<svg") :]


# Seat numbers, every pupil's score, the right answers while the quiz is open: the teacher's.
TEACHERS_ONLY = laptop_only("这一页只在老师自己的电脑上打开", "这一页有座位号和每个人的得分，不在局域网（手机）上提供。")


class QuizHandler(FormsHandler):
    csp = CSP

    def _address(self, *parts: str) -> str:
        return self.address("campaignkit", "quiz", *(quote(p) for p in parts))

    def _quiz(self, form_id: str):
        form = self.forms.get(form_id)
        if form is None or not form.quiz:
            self.send_page(
                404, static.message_page("找不到这份测验", "地址不对，或者测验有问题还没改好。", ("全部测验", self._address("")))
            )
            return None
        return form


class QuizIndexHandler(QuizHandler):
    @web.authenticated
    @TEACHERS_ONLY
    def get(self):
        quizzes = [f for f in self.forms.all() if f.quiz]
        errors = [str(e) for e in self.forms.errors]
        self.send_page(200, quiz_pages.quiz_index(quizzes, errors, lambda form_id: self._address(form_id)))


class ClassPickerHandler(QuizHandler):
    @web.authenticated
    @TEACHERS_ONLY
    def get(self, form_id: str):
        if (form := self._quiz(form_id)) is None:
            return
        classes = classes_of(self.forms.store.responses(form.form_id))
        page = quiz_pages.class_picker(
            form,
            classes,
            lambda code: self._address(form.form_id, code),
            self._address(form.form_id, ""),
            self.xsrf_token.decode(),
        )
        self.send_page(200, page)

    @web.authenticated
    @TEACHERS_ONLY
    def post(self, form_id: str):
        """Open a class: its code and how many seats (pupils) it has."""
        if (form := self._quiz(form_id)) is None:
            return
        code = self.get_body_argument("code", "").strip().upper()
        size = self.get_body_argument("size", "").strip()
        if not CLASS_CODE.match(code) or not size.isdigit() or not 1 <= int(size) <= MAX_SEAT:
            text = f"班级码只能是 1—12 位字母和数字；全班人数填 1 到 {MAX_SEAT}。"
            return self.send_page(400, static.message_page("没能开班", text, ("回去重填", self._address(form.form_id, ""))))
        self.forms.store.open_class(form.form_id, code, int(size))
        self.redirect(self._address(form.form_id, code))


class ClassHandler(QuizHandler):
    @web.authenticated
    @TEACHERS_ONLY
    def get(self, form_id: str, class_code: str, view: str | None = None):
        view = (view or "").strip("/")
        class_code = class_code.upper()
        if (form := self._quiz(form_id)) is None:
            return
        results = class_results(form, self.forms.store.responses(form.form_id), class_code)
        if view == "board":
            live = self._address(form.form_id, class_code, "board.part")
            return self.send_page(200, quiz_pages.board_page(form, class_code, live, quiz_pages.board_fragment(results)))
        if view == "board.part":
            return self.send_page(200, quiz_pages.board_fragment(results))
        if view == "part":
            return self.send_page(200, quiz_pages.teacher_fragment(results))
        if view == "poster":
            address = self._pupil_address(form.form_id, class_code)
            return self.send_page(200, quiz_pages.poster(form, class_code, address, qr_svg(address)))
        page = quiz_pages.teacher_page(
            form,
            class_code,
            self._address(form.form_id, class_code, "part"),
            self._address(form.form_id, class_code, "board"),
            self._address(form.form_id, class_code, "poster"),
            quiz_pages.teacher_fragment(results),
            opened=self.forms.store.quiz_class(form.form_id, class_code),
            open_action=self._address(form.form_id, ""),
            close_action=self._address(form.form_id, class_code, "close"),
            xsrf=self.xsrf_token.decode(),
        )
        self.send_page(200, page)

    @web.authenticated
    @TEACHERS_ONLY
    def post(self, form_id: str, class_code: str, view: str | None = None):
        """``…/close``: take the papers in (no more hand-ins; pupils' phones show the answers)."""
        class_code = class_code.upper()
        if (form := self._quiz(form_id)) is None:
            return
        if (view or "").strip("/") != "close":
            raise web.HTTPError(405)
        self.forms.store.close_class(form.form_id, class_code)
        self.redirect(self._address(form.form_id, class_code))

    def _pupil_address(self, form_id: str, class_code: str) -> str:
        """The address pupils' phones open: this server as the hall's network reaches it."""
        host = self.request.host
        if self.lan and host.split(":")[0] in ("127.0.0.1", "localhost"):
            host = f"{lan_address()}:{host.rsplit(':', 1)[-1]}"
        token = getattr(self.identity_provider, "token", "") if self.lan else ""
        query = f"?class={quote(class_code)}" + (f"&token={quote(token)}" if token else "")
        return f"{self.request.protocol}://{host}{url_path_join(self.base_url, 'forms', form_id)}{query}"


ROUTES = [
    (r"/campaignkit/quiz/?", QuizIndexHandler),
    (rf"/campaignkit/quiz/{QUIZ}/?", ClassPickerHandler),
    (rf"/campaignkit/quiz/{QUIZ}/{CLASS}(?P<view>/(?:part|board|board\.part|poster|close))?", ClassHandler),
]


class FamilyHandler(QuizHandler):
    """``/campaignkit/family/<form>/<class>``: what changed across the class's families (counts
    only — no seat, no story); ``/campaignkit/family/<form>/worksheet.pdf``: the A4 worksheet."""

    csp = CSP.replace("script-src 'unsafe-inline'", "script-src 'self' 'unsafe-inline'")  # plotly.js from the laptop

    @web.authenticated
    @TEACHERS_ONLY
    async def get(self, form_id: str, class_code: str | None = None):
        form = self.forms.get(form_id)
        if form is None or not family.is_family_form(form):
            return self.send_page(404, static.message_page("找不到这份“我家的变化”", "地址不对，或者表格有问题还没改好。"))
        if class_code is None:
            pdf = await asyncio.get_running_loop().run_in_executor(None, family.worksheet_pdf, form)
            return self.send_page(200, pdf, kind="application/pdf", download=form.title + ".pdf")
        answers = family.class_answers(self.forms.store.responses(form.form_id), class_code)
        illustrative = bool(CampaignConfig.of(self.campaign).illustrative)
        figures = {
            f"c{i}": static.figure_spec(
                figure_json(
                    family.change_chart(what, family.change_counts(then, now, answers), len(answers), illustrative=illustrative)
                )
            )
            for i, (what, then, now) in enumerate(family.changes(form))
        }
        divs = "".join(static.figure_div(key) for key in figures)
        bundle = self.address("campaignkit", "static", "plotly-basic.min.js")
        body = f"<main style='max-width:1000px;margin:0 auto;padding:12px'><h1>{escape(form.title)} · {escape(class_code.upper())} 班</h1>{divs}</main>"
        self.send_page(200, static.page(form.title, body, figures=figures, bundle_url=bundle, elder_mode=True))


ROUTES += [
    (rf"/campaignkit/family/{QUIZ}/worksheet\.pdf", FamilyHandler),
    (rf"/campaignkit/family/{QUIZ}/{CLASS}", FamilyHandler),
]
