"""The forms' pages in ``campaignkit serve``, and the one way a submission is taken.

``/forms/<form_id>``: GET the phone page, POST one submission (form-encoded, names from the
XLSForm, plus ``_submission_id``). No kernel: a hall of phones costs a few kB each. Behind the
server's token like every page; refused submissions get a 4xx status and the form again, filled
in as it was sent, with a Chinese message.

:class:`SubmissionHandler` is what every submission goes through (a form, a quiz's hand-in, a
ballot: ``honors.handlers``): the body read as text, wrong codes counted per phone, the
submission id checked, the checks and the write run beside the server, and each refusal
(a wrong code, a busy store, an answer that cannot count) said the same way.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import quote

from tornado import web

from ..features import registry
from ..ui.handler import CampaignHandler, FieldsNotText
from . import quiz
from .access import staff_key
from .answers import SUBMISSION_FIELD, SubmissionError, check_submission_id, parse_answers
from .attempts import CodeAttempts, session_of
from .page import form_page, message_page, quiz_answers_page, quiz_result_page, thanks_page
from .panel import panel_problems
from .service import CampaignForms, is_sealed
from .store import CodeRefused, StoreBusy
from .xlsform import Form

T = TypeVar("T")
# refuse(status, message, question): answer with the page again and the message (at the question).
Refuse = Callable[..., None]


@dataclass(frozen=True)
class Words:
    """What a phone is told when its submission is refused, in the words of its page."""

    blocked: str  # too many wrong codes from this phone
    busy: str  # the store is busy: the answers stay on the page
    code_refused: str | None = None  # a wrong or spent code (None: the store's own sentence)


FORM_WORDS = Words(
    blocked="答题码试错太多次了，请过 10 分钟再试，或请工作人员帮忙。",
    busy="现在提交的人多，请稍后再试：您填的内容还在，过一会儿再点“提交”。",
)


@dataclass(frozen=True)
class Accepted(Generic[T]):
    value: T


class FormsHandler(CampaignHandler):
    """A page that reads the campaign's forms and their one response store."""

    @property
    def forms(self) -> CampaignForms:
        return self.kept("forms", lambda: CampaignForms(self.campaign, registry().form_checks()))

    @property
    def attempts(self) -> CodeAttempts:
        """Wrong codes typed on a form and on a ballot count together."""
        return self.kept("code attempts", CodeAttempts)


class SubmissionHandler(FormsHandler):
    """The one pipeline of a POSTed submission (see the module's text)."""

    def posted(self, title: str, again: str) -> dict[str, list[str]] | None:
        """The posted fields, or None when the answer (400) is sent: a body not in UTF-8."""
        try:
            return self.form_fields()
        except FieldsNotText:
            self.send_page(400, message_page(title, f"提交的内容编码不对，请刷新页面后重新{again}。"))
            return None

    async def receive(
        self,
        submission: str,
        work: Callable[[], T],
        refuse: Refuse,
        words: Words,
        *,
        code: str | None,
        executor: Executor | None = None,
    ) -> Accepted[T] | None:
        """Run ``work`` (check and store; in a worker thread: a phone waiting on the database
        never holds up the other phones' pages) and return what it returned; on a refusal,
        ``refuse`` has answered and None is returned. ``code``: the code the phone typed (None:
        this submission takes no code), counted when wrong."""
        client = self.request.remote_ip or "?"
        if code is not None and self.attempts.blocked(client, session_of(self)):
            refuse(429, words.blocked)
            return None
        try:
            check_submission_id(submission)
            return Accepted(await asyncio.get_running_loop().run_in_executor(executor, work))
        except CodeRefused as exc:
            self.attempts.failed(client, code, session_of(self))
            refuse(403, words.code_refused or str(exc))
        except StoreBusy:
            refuse(503, words.busy)
        except (SubmissionError, quiz.JoinError) as exc:
            refuse(400, str(exc), getattr(exc, "question", None))
        return None


def first(fields: dict[str, list[str]], name: str) -> str:
    return (fields.get(name) or [""])[0]


class FormHandler(SubmissionHandler):
    """``/forms/<form_id>``."""

    def _action(self, form_id: str) -> str:
        token, staff = self.get_argument("token", ""), self.get_argument("staff", "")
        path = self.address("forms", form_id)
        query = "&".join(f"{k}={quote(v)}" for k, v in (("token", token), ("staff", staff)) if v)
        return f"{path}?{query}" if query else path

    def _form(self, form_id: str) -> Form | None:
        """The form, or None when the answer is sent: no such form, or a register form asked
        for by a phone without the cadres' key (the laptop itself needs none)."""
        form = self.forms.get(form_id)
        if form is None:
            self.send_page(404, message_page("找不到这份问卷", "地址不对，或者这份问卷已经撤下。"))
            return None
        if form_id not in registry().register_forms() or self.laptop:
            return form
        given = self.get_argument("staff", "")
        if given and hmac.compare_digest(given, staff_key(self.campaign)):
            return form
        self.send_page(403, message_page("这张表只给走访干部用", "请用镇里发给走访干部的二维码或网址打开（网址里带 staff=…）。"))
        return None

    @web.authenticated
    async def get(self, form_id: str):
        if (form := self._form(form_id)) is None:
            return
        code = self.get_argument("code", "")[:12]
        class_code = self.get_argument("class", "")[:12]
        if form.quiz and class_code:
            opened = await asyncio.get_running_loop().run_in_executor(
                None, self.forms.store.quiz_class, form.form_id, class_code.upper()
            )
            if opened is not None and opened[1]:  # the papers are in: the answers and why, for everyone
                return self.send_page(200, quiz_answers_page(form, class_code.upper()))
        self.send_page(200, form_page(form, self._action(form_id), self.xsrf_token.decode(), code=code, class_code=class_code))

    @web.authenticated
    async def post(self, form_id: str):
        if (form := self._form(form_id)) is None or (fields := self.posted(form.title, "填写")) is None:
            return
        submission = first(fields, SUBMISSION_FIELD)
        code = first(fields, "_code") if form.access == "tokens" else None

        def refuse(status: int, message: str, question: str | None = None) -> None:
            page = form_page(
                form,
                self._action(form_id),
                self.xsrf_token.decode(),
                submission_id=submission or None,
                values=fields,
                error=message,
                error_question=question,
                code=code or "",
                class_code=first(fields, quiz.CLASS_FIELD),
            )
            self.send_page(status, page)

        accepted = await self.receive(
            submission, lambda: self.store_submission(form, fields, submission, code), refuse, FORM_WORDS, code=code
        )
        if accepted is None:
            return
        answers, stored, opened = accepted.value
        if form.quiz:
            action = self._action(form_id)
            again = action + ("&" if "?" in action else "?") + f"class={quote(str(answers[quiz.CLASS_FIELD]))}"
            closed = bool(opened and opened[1])
            return self.send_page(200, quiz_result_page(form, quiz.mark(form, stored), again, answers_shown=closed))
        self.send_page(200, thanks_page(form, self._action(form_id)))

    def store_submission(self, form: Form, fields: dict[str, list[str]], submission: str, code: str | None) -> tuple:
        """Check and store one submission; a resend is stored once. Returns the answers, the
        answers as stored (a quiz's resend: its first hand-in, the one that counts) and, for a
        quiz, the class as the teacher opened it."""
        answers = parse_answers(form, fields)
        if code is not None and not code.strip():
            raise SubmissionError("请填写纸条上的答题码")
        if form.quiz:  # pupils join by class code and seat number, never by name
            class_code, seat = quiz.check_join(first(fields, quiz.CLASS_FIELD), first(fields, quiz.SEAT_FIELD))
            answers = {**answers, quiz.CLASS_FIELD: class_code, quiz.SEAT_FIELD: seat}
        store = self.forms.store
        resend = store.has_submission(form.form_id, submission)
        opened = None
        if form.quiz:
            opened = store.quiz_class(form.form_id, str(answers[quiz.CLASS_FIELD]))
            if resend:  # answered with what was stored, even after the papers are in
                stored = store.response(form.form_id, submission)
                return answers, (stored["answers"] if stored else answers), opened
            self._check_seat(form, answers, opened)
        problems = [m for check in registry().answer_checks() for m in check(form, answers, self.campaign)]
        if not resend:  # a resend was checked when it came first
            problems += panel_problems(store, form, answers)
        if problems:
            raise SubmissionError("；".join(problems))
        store.submit(form.form_id, form.version, submission, answers, code=code, sealed=is_sealed(form))
        return answers, answers, opened

    def _check_seat(self, form: Form, answers: dict, opened: tuple[int, bool] | None) -> None:
        class_code, seat = answers[quiz.CLASS_FIELD], answers[quiz.SEAT_FIELD]
        quiz.check_class(opened, class_code, seat)
        if quiz.seat_taken(self.forms.store.responses(form.form_id), class_code, seat):
            raise quiz.JoinError(f"{class_code} 班 {seat} 号座位已经交过卷了；座位号填错了请告诉老师")


ROUTES = [(r"/forms/(?P<form_id>[A-Za-z_][A-Za-z0-9_.-]*)", FormHandler)]
