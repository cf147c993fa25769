"""campaignkit's own Jupyter Server extension, loaded beside ``voila.server_extension``
in the one server ``campaignkit serve`` runs (see :mod:`campaignkit.server.serve`).

It adds, behind the server's token:

- ``GET /campaignkit/health``: JSON (campaign, pages, open kernels), for a lecturer's
  checklist and for tests; the phone pages of later features hang beside it;
- the two kernel endpoints standalone Voilà serves for a page's widgets
  (``/api/kernels/<id>`` and its websocket), since the server's own REST services
  (start any kernel, read any file) are not loaded at all;
- Voilà's page handler again, setting the ``_xsrf`` cookie so that closing a tab
  shuts its kernel down (Voilà's page posts to ``/voila/api/shutdown/<id>`` with it;
  without the cookie the server refused and the kernel lived on until culled).

And a contents manager that serves no raw files and, in LAN mode, treats private
pages as absent (not listed, not rendered, 404), whatever the spelling of the URL.
"""

from __future__ import annotations

import hmac
import inspect
import json
import os
import time
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import quote

from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_server._tz import utcnow
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_server.services.kernels.handlers import KernelHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback
from traitlets import Float, Int, List, Unicode
from traitlets.config import Configurable
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from ..core.campaign import CAMPAIGN_ENV, LAN_ENV
from ..core.network import LOOPBACK, staff_key
from ..features import registry
from ..forms import Forms, SubmissionError, parse_answers, quiz
from ..forms.answers import SUBMISSION_FIELD, check_submission_id
from ..forms.attempts import code_attempts, session_of
from ..forms.page import form_page, message_page, quiz_answers_page, quiz_result_page, thanks_page
from ..forms.panel import panel_problems
from ..forms.service import is_sealed, shared_forms
from ..forms.store import CodeRefused, StoreBusy
from ..ui.errors import ChineseErrors
from .hall import ROUTES as HALL_ROUTES
from .phone import ROUTES as PHONE_ROUTES
from .phone import builds as phone_builds
from .phone import phone_redirect

_KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


def _jupyter_server_extension_points():
    return [{"module": "campaignkit.server.extension"}]


class HealthHandler(APIHandler):
    """Token required; 403 JSON without it (never a redirect to a login page)."""

    @web.authenticated
    async def get(self):
        contents = self.contents_manager
        model = await contents.get("", content=True)
        pages = sorted(item["name"] for item in model["content"] if item["type"] == "notebook")
        self.set_header("Content-Type", "application/json")
        self.finish(
            json.dumps(
                {
                    "ok": True,
                    "campaign": os.path.basename(os.environ.get(CAMPAIGN_ENV, "")),
                    "pages": pages,
                    "kernels": len(self.kernel_manager.list_kernel_ids()),
                },
                ensure_ascii=False,
            )
        )


MAX_KERNELS, UNCONNECTED_TIMEOUT = 16, 60.0  # defaults for `campaignkit serve` too
VANISHED_TIMEOUT = 180.0  # a page whose browser went away (killed, phone switched off)
FULL_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>人数已满</title></head>
<body style="font-family:'Noto Sans CJK SC',sans-serif;font-size:22px;line-height:1.6;padding:24px;">
<h1 style="font-size:30px;">人数已满，请稍后再试</h1>
<p>这台电脑同时打开的看板已经达到上限（{limit} 个）。请等几分钟、等别人关掉页面后再打开，
或者一起看投影屏幕。</p></body></html>"""


class Limits(Configurable):
    """How much one laptop serves: each open page holds a kernel of ~150–250 MB."""

    max_kernels = Int(MAX_KERNELS, config=True, help="Open pages (kernels) at once; beyond it a Chinese 'full' page (503).")
    unconnected_timeout = Float(
        UNCONNECTED_TIMEOUT,
        config=True,
        help="Seconds a kernel may sit idle without its page ever connecting (e.g. a scripted fetch).",
    )
    vanished_timeout = Float(
        VANISHED_TIMEOUT,
        config=True,
        help="Seconds a kernel is kept after its page's connection went away (a killed browser).",
    )


class KernelsFull(RuntimeError):
    """As many kernels as the laptop serves are running or starting."""


class CappedKernelManager(AsyncMappingKernelManager):
    """The server's kernels, at most ``cap`` at once, counting those still starting: a check
    before the start alone let 24 pages asked for at the same moment start 23 kernels over
    the cap (each saw the count before any kernel was registered).

    Async, as jupyter_server's own default is: on the sync ``MappingKernelManager`` each
    kernel's manager starts in jupyter_core's background "runner" thread and binds its ZMQ
    streams to that thread's loop, so kernel messages were written to the pages' websockets
    from a second thread; tornado's write buffer broke under that ("assert 0 < size") and a
    page's widgets stopped answering."""

    cap = Int(0, config=True, help="Kernels at once (0: no cap); set from Limits.max_kernels.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0

    def full(self) -> bool:
        return bool(self.cap) and len(self.list_kernel_ids()) + self._starting >= self.cap

    async def start_kernel(self, *args, kernel_id=None, **kwargs):
        if kernel_id is not None:  # a restart of a kernel already counted
            return await super().start_kernel(*args, kernel_id=kernel_id, **kwargs)
        if self.full():  # counted and reserved with no await in between: one event loop turn
            raise KernelsFull()
        self._starting += 1
        try:
            return await super().start_kernel(*args, **kwargs)
        finally:
            self._starting -= 1


class RenderHandler(TornadoVoilaHandler):
    """Voilà's page, plus the ``_xsrf`` cookie its tab-closing beacon needs, and a cap on open pages."""

    def _full(self):
        limit = self.settings["campaignkit_limits"].max_kernels
        self.set_status(503)
        self.set_header("Retry-After", "120")
        return self.finish(FULL_PAGE.format(limit=limit))

    async def get(self, path=None):
        if phone_redirect(self, path):  # under --lan, kernels are for the laptop; phones get static pages
            return None
        manager = self.kernel_manager
        limit = self.settings["campaignkit_limits"].max_kernels
        if manager.full() if isinstance(manager, CappedKernelManager) else len(manager.list_kernel_ids()) >= limit:
            return self._full()
        self.xsrf_token  # noqa: B018 -- reading the property sets the cookie
        try:
            result = super().get(path)  # None when it has already answered (a redirect to the login page)
            return await result if inspect.isawaitable(result) else result
        except KernelsFull:  # others took the last places while this page was being prepared
            if self._headers_written:
                raise
            return self._full()


def _start_sweeper(serverapp, limits: Limits) -> None:
    """Shut down kernels whose page never connected (a render fetched by a script, a page
    abandoned while loading) after ``unconnected_timeout`` idle seconds; connected pages are
    left to the idle culler (a phone that sleeps reconnects). A page whose render waits on an
    idle kernel for that long is stuck (one cause, a reply left unread in its socket, is fixed in
    :mod:`campaignkit.server.client`): ending it gives the viewer Voilà's error page, which a
    refresh gets past, instead of a page loading forever."""
    connected: set[str] = set()
    gone_since: dict[str, float] = {}  # kernel -> when its last page went away

    def sweep() -> None:
        manager = serverapp.kernel_manager
        now = utcnow()
        alive = set(manager.list_kernel_ids())
        connected.intersection_update(alive)
        for kernel_id in list(gone_since):
            if kernel_id not in alive:
                del gone_since[kernel_id]
        for kernel_id in alive:
            if manager._kernel_connections.get(kernel_id, 0) > 0:
                connected.add(kernel_id)
                gone_since.pop(kernel_id, None)
                continue
            if kernel_id in connected:
                # Its page was open and went away without closing (a killed browser, a phone
                # switched off): a sleeping phone that comes back within minutes reconnects.
                since = gone_since.setdefault(kernel_id, time.monotonic())
                if time.monotonic() - since > limits.vanished_timeout:
                    serverapp.log.info("campaignkit: shutting down kernel %s (its page went away)", kernel_id)
                    gone_since.pop(kernel_id, None)
                    IOLoop.current().spawn_callback(manager.shutdown_kernel, kernel_id)
                continue
            kernel = manager.get_kernel(kernel_id)
            # Still running the notebook (a slide show building every deck on a busy laptop can
            # go a minute without output): its page connects when Voilà has sent it.
            if getattr(kernel, "execution_state", "") in ("busy", "starting"):
                continue
            idle = (now - kernel.last_activity).total_seconds()
            if idle > limits.unconnected_timeout:
                serverapp.log.info("campaignkit: shutting down kernel %s (its page never connected)", kernel_id)
                IOLoop.current().spawn_callback(manager.shutdown_kernel, kernel_id)

    interval_ms = max(1000, min(15_000, int(min(limits.unconnected_timeout, limits.vanished_timeout) * 1000 / 3)))
    PeriodicCallback(sweep, interval_ms).start()


def _render_kwargs(serverapp) -> dict:
    """The arguments voila.server_extension gives its own render handler."""
    from voila.configuration import VoilaConfiguration
    from voila.paths import collect_template_paths

    conf = VoilaConfiguration(parent=serverapp)
    return {
        "config": serverapp.config,
        "voila_configuration": conf,
        "template_paths": collect_template_paths(["voila", "nbconvert"], conf.template),
    }


class FormHandler(ChineseErrors, JupyterHandler):
    """``GET /forms/<form_id>``: the phone page; ``POST``: one submission (form-encoded, names
    from the XLSForm, plus ``_submission_id``). No kernel: a hall of phones costs a few kB each.
    Behind the server's token like every page; refused submissions get 400 and a Chinese message."""

    @property
    def forms(self) -> Forms:
        return shared_forms(self.settings, Path(os.environ[CAMPAIGN_ENV]), registry().form_checks())

    def _action(self, form_id: str) -> str:
        token, staff = self.get_argument("token", ""), self.get_argument("staff", "")
        path = url_path_join(self.base_url, f"/forms/{form_id}")
        query = "&".join(f"{k}={quote(v)}" for k, v in (("token", token), ("staff", staff)) if v)
        return f"{path}?{query}" if query else path

    def _staff_refused(self, form_id: str) -> bool:
        """A register form (door visits) from a phone needs the cadres' key as well as the
        hall's token; the laptop itself does not."""
        if form_id not in registry().register_forms() or (self.request.remote_ip or "") in LOOPBACK:
            return False
        given = self.get_argument("staff", "")
        if given and hmac.compare_digest(given, staff_key(Path(os.environ[CAMPAIGN_ENV]))):
            return False
        page = message_page("这张表只给走访干部用", "请用镇里发给走访干部的二维码或网址打开（网址里带 staff=…）。")
        self._finish_page(403, page)
        return True

    def _finish_page(self, status: int, page: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page)

    @web.authenticated
    async def get(self, form_id: str):
        form = self.forms.get(form_id)
        if form is None:
            return self._finish_page(404, message_page("找不到这份问卷", "地址不对，或者这份问卷已经撤下。"))
        if self._staff_refused(form_id):
            return None
        code = self.get_argument("code", "")[:12]
        class_code = self.get_argument("class", "")[:12]
        if form.quiz and class_code:
            opened = await IOLoop.current().run_in_executor(None, self.forms.store.quiz_class, form.form_id, class_code.upper())
            if opened is not None and opened[1]:  # the papers are in: the answers and why, for everyone
                return self._finish_page(200, quiz_answers_page(form, class_code.upper()))
        page = form_page(form, self._action(form_id), self.xsrf_token.decode(), code=code, class_code=class_code)
        self._finish_page(200, page)

    def _store(self, form, submission: str, answers: dict, code: str | None) -> tuple[dict, tuple[int, bool] | None]:
        """Check and store one submission (in a worker thread); a resend is stored once. Returns
        the answers as stored (a quiz's resend: its first hand-in, the one that counts) and, for
        a quiz, the class as the teacher opened it."""
        store = self.forms.store
        resend = store.has_submission(form.form_id, submission)
        opened = None
        if form.quiz:
            class_code, seat = answers[quiz.CLASS_FIELD], answers[quiz.SEAT_FIELD]
            opened = store.quiz_class(form.form_id, class_code)
            if resend:  # answered with what was stored, even after the papers are in
                stored = store.response(form.form_id, submission)
                return (stored["answers"] if stored else answers), opened
            quiz.check_class(opened, class_code, seat)
            if quiz.seat_taken(store.responses(form.form_id), class_code, seat):
                raise quiz.JoinError(f"{class_code} 班 {seat} 号座位已经交过卷了；座位号填错了请告诉老师")
        campaign = Path(os.environ[CAMPAIGN_ENV])
        problems = [m for check in registry().answer_checks() for m in check(form, answers, campaign)]
        if not resend:  # a resend was checked when it came first
            problems += panel_problems(store, form, answers)
        if problems:
            raise SubmissionError("；".join(problems))
        store.submit(form.form_id, form.version, submission, answers, code=code, sealed=is_sealed(form))
        return answers, opened

    @web.authenticated
    async def post(self, form_id: str):
        form = self.forms.get(form_id)
        if form is None:
            return self._finish_page(404, message_page("找不到这份问卷", "地址不对，或者这份问卷已经撤下。"))
        if self._staff_refused(form_id):
            return None
        try:
            fields = {k: [v.decode("utf-8") for v in vs] for k, vs in self.request.body_arguments.items()}
        except UnicodeDecodeError:
            return self._finish_page(400, message_page(form.title, "提交的内容编码不对，请刷新页面后重新填写。"))
        submission = (fields.get(SUBMISSION_FIELD) or [""])[0]
        code = (fields.get("_code") or [""])[0] if form.access == "tokens" else None
        failures = code_attempts(self.settings)
        client = self.request.remote_ip or "?"

        def refuse(status: int, message: str, question: str | None = None):
            page = form_page(
                form,
                self._action(form_id),
                self.xsrf_token.decode(),
                submission_id=submission or None,
                values=fields,
                error=message,
                error_question=question,
                code=code or "",
                class_code=(fields.get(quiz.CLASS_FIELD) or [""])[0],
            )
            return self._finish_page(status, page)

        if code is not None and failures.blocked(client, session_of(self)):
            return refuse(429, "答题码试错太多次了，请过 10 分钟再试，或请工作人员帮忙。")
        try:
            check_submission_id(submission)
            answers = parse_answers(form, fields)
            if code is not None and not code.strip():
                raise SubmissionError("请填写纸条上的答题码")
            if form.quiz:  # pupils join by class code and seat number, never by name
                class_code, seat = quiz.check_join(
                    (fields.get(quiz.CLASS_FIELD) or [""])[0], (fields.get(quiz.SEAT_FIELD) or [""])[0]
                )
                answers = {**answers, quiz.CLASS_FIELD: class_code, quiz.SEAT_FIELD: seat}
            # The checks that read files and the write run beside the server: a phone waiting on
            # the database never holds up the other phones' pages.
            stored, opened = await IOLoop.current().run_in_executor(None, self._store, form, submission, answers, code)
        except CodeRefused as exc:
            failures.failed(client, code, session_of(self))
            return refuse(403, str(exc))
        except StoreBusy:
            return refuse(503, "现在提交的人多，请稍后再试：您填的内容还在，过一会儿再点“提交”。")
        except (SubmissionError, quiz.JoinError) as exc:
            return refuse(400, str(exc), getattr(exc, "question", None))
        if form.quiz:
            class_code = str(answers[quiz.CLASS_FIELD])
            again = self._action(form_id) + ("&" if "?" in self._action(form_id) else "?") + f"class={quote(class_code)}"
            closed = bool(opened and opened[1])
            return self._finish_page(200, quiz_result_page(form, quiz.mark(form, stored), again, answers_shown=closed))
        self._finish_page(200, thanks_page(form, self._action(form_id)))


def _load_jupyter_server_extension(serverapp) -> None:
    base = serverapp.web_app.settings["base_url"]
    limits = Limits(parent=serverapp)
    serverapp.web_app.settings["campaignkit_limits"] = limits
    if isinstance(serverapp.kernel_manager, CappedKernelManager):
        serverapp.kernel_manager.cap = limits.max_kernels
    _start_sweeper(serverapp, limits)
    if os.environ.get(LAN_ENV):  # phones will come: their pages are ready before the first one
        IOLoop.current().spawn_callback(phone_builds(serverapp.web_app.settings).prebuild)
    # Extensions load in name order and tornado tries rules in the order added: these rules
    # ("campaignkit…" < "voila…") come before Voilà's own /voila/render rule.
    serverapp.web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "/voila/render/(.*)"), RenderHandler, _render_kwargs(serverapp)),
            (url_path_join(base, "/campaignkit/health"), HealthHandler),
            (url_path_join(base, r"/forms/([A-Za-z_][A-Za-z0-9_.-]*)"), FormHandler),
            (url_path_join(base, rf"/api/kernels/{_KERNEL_ID}"), KernelHandler),
            (url_path_join(base, rf"/api/kernels/{_KERNEL_ID}/channels"), VoilaKernelWebsocketHandler),
            *((url_path_join(base, pattern), handler) for pattern, handler in PHONE_ROUTES),
            *((url_path_join(base, pattern), handler) for pattern, handler in HALL_ROUTES),
            *((url_path_join(base, pattern), handler) for pattern, handler in registry().routes()),
        ],
    )


load_jupyter_server_extension = _load_jupyter_server_extension


class CampaignContentsManager(AsyncLargeFileManager):
    """No raw ``/files/<path>`` (the stock manager adds that handler itself, serving every file
    under the folder: data files and private notebooks included). ``private_globs``: names that
    are neither listed nor readable through Voilà (render, tree, contents), checked on the
    normalised path so ``sub/../door_visit.ipynb`` or ``door%5Fvisit.ipynb`` do not get round it."""

    private_globs = List(Unicode(), config=True, help="fnmatch patterns of file names that do not exist here")

    def get_extra_handlers(self):
        return []

    def _matches(self, name: str) -> bool:
        # Case folded: on a case-insensitive disk DOOR_VISIT.ipynb is door_visit.ipynb.
        return any(fnmatchcase(name.casefold(), glob.casefold()) for glob in self.private_globs)

    def _private(self, path: str) -> bool:
        relative = os.path.relpath(self._get_os_path(path), self.root_dir)
        return any(self._matches(part) for part in relative.split(os.sep))

    def should_list(self, name):
        return super().should_list(name) and not self._matches(name)

    async def get(self, path, content=True, type=None, format=None, require_hash=False):
        if self._private(path):
            raise web.HTTPError(404, "No such file or directory")
        return await super().get(path, content=content, type=type, format=format, require_hash=require_hash)

    async def file_exists(self, path):
        return not self._private(path) and await super().file_exists(path)

    async def dir_exists(self, path):
        return not self._private(path) and await super().dir_exists(path)

    def exists(self, path):
        return not self._private(path) and super().exists(path)


EXTENSION_ARG = "--InteractiveShellApp.extensions=campaignkit.server.kernel"


class ServedKernelSpecs(KernelSpecManager):
    """Kernel specs as installed, with Python kernels loading :mod:`campaignkit.server.kernel`
    (short Chinese errors instead of tracebacks over the websocket)."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        spec = super().get_kernel_spec(kernel_name)
        if spec.language.lower() == "python" and EXTENSION_ARG not in spec.argv:
            spec.argv = [*spec.argv, EXTENSION_ARG]
        return spec
