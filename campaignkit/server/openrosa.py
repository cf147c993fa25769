"""The OpenRosa API (1.0) under the cadres' address, so ODK Collect and KoboCollect fill the
campaign's forms offline for days and send them at the town hall.

``/openrosa/<key>/formList`` lists the open forms and the register forms (door visits
first); never a form under one-time codes, never a quiz. ``/openrosa/<key>/forms/<id>.xml``
is a form's XForm, made by pyxform from the workbook the phone pages are built from.
``/openrosa/<key>/submission`` takes HEAD (204 and the size accepted) and the multipart POST
Collect sends (``xml_submission_file`` and any attachments, which are not kept). A submission
goes through the same checks and into the same store as a phone page's, under its
``meta/instanceID``: a resend, or one instance sent to two laptops, is one record.

The key is the door-visit cadres' key ``serve --lan`` keeps (``forms/access.py``), in the path
because Collect appends its own; there is no other authentication. Every answer carries
``X-OpenRosa-Version: 1.0``; every refusal is an OpenRosaResponse in Chinese, which Collect
shows to the cadre.
"""

from __future__ import annotations

import hmac
from xml.sax.saxutils import escape

from jupyter_server.auth.decorator import allow_unauthenticated

from ..features import registry
from ..forms.access import staff_key
from ..forms.handlers import FormHandler, Words
from ..forms.xform import InstanceError, read_instance, xform_of
from ..forms.xlsform import Form

XML = "text/xml; charset=utf-8"
ACCEPT_BYTES = 10 * 1024 * 1024  # a visit is a few kB; Collect splits bigger sends
FORMS_LIST = "http://openrosa.org/xforms/xformsList"
RESPONSE = "http://openrosa.org/http/response"
WORDS = Words(
    blocked="这台手机试错太多次了，请过 10 分钟再发送。",
    busy="电脑正忙，没有收下；请过一会儿再点“发送”，表单还在手机里。",
)


def response_xml(message: str, nature: str = "") -> str:
    kind = f' nature="{nature}"' if nature else ""
    return f'<OpenRosaResponse xmlns="{RESPONSE}"><message{kind}>{escape(message)}</message></OpenRosaResponse>'


class OpenRosaHandler(FormHandler):
    """The cadres' key checked; OpenRosa's headers and Chinese OpenRosaResponses."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        self.set_header("X-OpenRosa-Version", "1.0")

    def check_xsrf_cookie(self) -> None:
        """Collect keeps no cookie: the key in the path is what admits it (see the module)."""

    def answer(self, status: int, message: str, nature: str = "") -> None:
        self.send_page(status, response_xml(message, nature), kind=XML)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.answer(status_code, f"服务器出错了（{status_code}），请稍后再发送；表单还在手机里。")

    def admitted(self, key: str) -> bool:
        if hmac.compare_digest(key.encode(), staff_key(self.campaign).encode()):
            return True
        self.answer(403, "地址里的干部钥匙不对：请重新扫镇里给的 ODK Collect 设置二维码（campaignkit forms collect）。")
        return False

    def offered(self, form_id: str) -> Form | None:
        """A form Collect may have: open or a register form; not under codes, not a quiz."""
        form = self.forms.get(form_id)
        if form is None or form.quiz or form.access != "open":
            return None
        return form

    def offered_forms(self) -> list[Form]:
        registers = registry().register_forms()
        forms = [f for f in self.forms.all() if self.offered(f.form_id) is not None]
        return sorted(forms, key=lambda f: (f.form_id not in registers, f.form_id))

    def base(self, key: str) -> str:
        return f"{self.request.protocol}://{self.request.host}{self.address('openrosa', key)}"


class FormListHandler(OpenRosaHandler):
    @allow_unauthenticated
    def get(self, key: str):
        if not self.admitted(key):
            return
        wanted = self.get_argument("formID", "")
        items = []
        for form in self.offered_forms():
            if wanted and form.form_id != wanted:
                continue
            xform = xform_of(form)
            version = f"<version>{escape(form.version)}</version>" if form.version else ""
            items.append(
                f"<xform><formID>{escape(form.form_id)}</formID><name>{escape(form.title)}</name>{version}"
                f"<hash>{xform.hash}</hash><downloadUrl>{escape(self.base(key))}/forms/{escape(form.form_id)}.xml</downloadUrl></xform>"
            )
        self.send_page(
            200, f'<?xml version="1.0" encoding="UTF-8"?><xforms xmlns="{FORMS_LIST}">{"".join(items)}</xforms>', kind=XML
        )


class XFormHandler(OpenRosaHandler):
    @allow_unauthenticated
    def get(self, key: str, form_id: str):
        if not self.admitted(key):
            return
        form = self.offered(form_id)
        if form is None:
            return self.answer(404, f"没有“{form_id}”这份表，或它不用 ODK Collect 填写。")
        self.send_page(200, xform_of(form).xml, kind=XML)


class SubmissionReceiver(OpenRosaHandler):
    @allow_unauthenticated
    def head(self, key: str):
        if not self.admitted(key):
            return
        self.set_header("X-OpenRosa-Accept-Content-Length", str(ACCEPT_BYTES))
        self.set_status(204)
        self.finish()

    @allow_unauthenticated
    async def post(self, key: str):
        if not self.admitted(key):
            return
        if len(self.request.body) > ACCEPT_BYTES:
            return self.answer(413, f"一次发送的内容太大（超过 {ACCEPT_BYTES // 1024 // 1024} MB）。")
        parts = self.request.files.get("xml_submission_file")
        if not parts:
            return self.answer(400, "没有收到表单内容（xml_submission_file）；请用 ODK Collect 或 KoboCollect 发送。")
        try:
            form, instance = read_instance(parts[0].body, self.offered)
        except LookupError as exc:
            return self.answer(
                404, f"这台电脑上没有“{exc.args[0]}”这份表（或它不用 ODK Collect 填写）；请在 Collect 里删掉这份表后重新下载。"
            )
        except InstanceError as exc:
            return self.answer(400, str(exc))
        stale = _stale(form, instance.version, instance.fields)
        if stale:
            return self.answer(400, stale)

        def refuse(status: int, message: str, question: str | None = None) -> None:
            label = next((q.label for q in form.answerable if q.name == question), "")
            self.answer(status, f"{form.title}：{message}" + (f"（题目：{label}）" if label and label not in message else ""))

        accepted = await self.receive(
            instance.instance_id,
            lambda: self.store_submission(form, instance.fields, instance.instance_id, None),
            refuse,
            WORDS,
            code=None,
        )
        if accepted is not None:
            self.answer(201, f"已收到：{form.title}。谢谢！", nature="submit_success")


def _stale(form: Form, version: str, fields: dict[str, list[str]]) -> str:
    """A reason to refuse an instance filled on another version of the form; "" when its
    answers map onto this version's questions by name (the checks then apply as usual)."""
    if not version or version == form.version:
        return ""
    gone = sorted(set(fields) - {q.name for q in form.answerable})
    if not gone:
        return ""
    return (
        f"这份是按旧版“{form.title}”（版本 {version}）填的，现在是版本 {form.version or '（未标）'}，"
        f"其中的题目 {'、'.join(gone[:5])} 新版里没有了，没有收下。请在 ODK Collect 里“获取空白表单”下载新版后，照着重填这一份。"
    )


_KEY = r"(?P<key>[A-Za-z0-9_-]{8,64})"
ROUTES = [
    (rf"/openrosa/{_KEY}/formList", FormListHandler),
    (rf"/openrosa/{_KEY}/forms/(?P<form_id>[A-Za-z_][A-Za-z0-9_.-]*)\.xml", XFormHandler),
    (rf"/openrosa/{_KEY}/submission", SubmissionReceiver),
]
