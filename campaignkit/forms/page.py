"""The phone page of a form: plain HTML, large type, one short scroll, no framework, no CDN.

The server writes a fresh ``_submission_id`` into every page it serves (phones on a
village network are not a secure context, so the page cannot make one itself), and a
few lines of script show or hide questions by their ``relevant`` expression — the
server checks the same expressions again, so the script is a convenience, not a guard.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from html import escape

from ..ui import elder
from ..ui.assets import script
from .answers import SUBMISSION_FIELD
from .quiz import CLASS_FIELD, SEAT_FIELD, Marked, answer_text, total
from .xlsform import Form, Question

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
font-size:20px;line-height:1.6;color:#1a1a1a;background:#f6f6f3}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:26px;line-height:1.3;margin:8px 0 16px}
fieldset{border:0;background:#fff;border-radius:10px;margin:0 0 14px;padding:14px 14px 10px}
legend,.label{font-weight:bold;padding:0;margin-bottom:6px;display:block;font-size:21px}
legend{float:left;width:100%}legend+*{clear:both}
.qerror{background:#fde7e9;color:#8a1020;border-radius:8px;padding:8px 10px;margin:0 0 8px;clear:both}
fieldset.invalid{outline:3px solid #b00020}
.hint{color:#555;font-size:17px;margin:0 0 8px}
.required{color:#b00020}
label.choice{display:flex;align-items:center;gap:12px;min-height:48px;padding:6px 4px;border-top:1px solid #eee}
input[type=radio],input[type=checkbox]{width:26px;height:26px;flex:none}
input[type=text],input[type=number],input[type=date],textarea,select{width:100%;font-size:20px;padding:10px;
border:1px solid #999;border-radius:8px;background:#fff}
textarea{min-height:120px}
.likert{display:flex;flex-direction:column;gap:6px}.likert label.choice{border:1px solid #ddd;border-radius:8px;word-break:keep-all}
@media (min-width:640px){.likert{flex-direction:row}.likert label.choice{flex:1 1 0;flex-direction:column;gap:4px;text-align:center}}
.group{font-size:22px;margin:18px 0 8px;color:#7a1f1f}
.note{background:#fff8e1}
button{width:100%;font-size:22px;padding:14px;border:0;border-radius:10px;background:#b22222;color:#fff;margin:8px 0 40px}
.banner{padding:12px 14px;border-radius:8px;margin:0 0 14px;font-size:19px}
.error{background:#fde7e9;color:#8a1020}.ok{background:#e6f4ea;color:#1e6b34}
[hidden]{display:none!important}
.rank-item{display:flex;align-items:center;gap:10px;width:100%;min-height:56px;margin:6px 0;padding:8px 10px;font-size:inherit;
text-align:left;background:#fff;color:#1a1a1a;border:2px solid #bbb;border-radius:8px}
.rank-item.ranked{border-color:#1f3b57;background:#eef3f8}
.rank-no{flex:none;min-width:4.2em;font-weight:bold;color:#1f3b57}
"""

# Mirrors expressions.evaluate for the page: hides what does not apply to this respondent.
SCRIPT = script(__package__, "form.js")


def new_submission_id() -> str:
    return secrets.token_urlsafe(18)


def form_page(
    form: Form,
    action: str,
    xsrf: str,
    *,
    submission_id: str | None = None,
    values: Mapping[str, list[str]] | None = None,
    error: str | None = None,
    error_question: str | None = None,
    code: str = "",
    class_code: str = "",
) -> str:
    """The whole page. ``values`` and ``error`` re-show a refused submission with its answers;
    the error stands beside ``error_question`` when one question is at fault (the top of the
    page only points to it: on a phone the top is out of sight). A ``tokens`` form asks first
    for the respondent's one-time code (``code`` from the slip's QR)."""
    values = values or {}
    beside = error if error and error_question and any(q.name == error_question for q in form.questions) else None
    top = (
        f'<a href="#q-{escape(error_question or "", quote=True)}">有一题需要修改，点这里跳到那一题</a>'
        if beside
        else escape(error or "")
    )
    parts = [
        f'<div class="banner error" role="alert">{top}</div>' if error else "",
        f'<form id="ck-form" method="post" action="{escape(action)}" accept-charset="utf-8">',
        f'<input type="hidden" name="_xsrf" value="{escape(xsrf)}">',
        f'<input type="hidden" name="{SUBMISSION_FIELD}" value="{escape(submission_id or new_submission_id())}">',
    ]
    if form.access == "tokens":
        parts.append(
            '<fieldset><label class="label" for="_code">答题码 <span class="required">*</span></label>'
            '<p class="hint">纸条上的 8 位答题码；每张纸条只能用一次，不记名。</p>'
            f'<input type="text" id="_code" name="_code" value="{escape(code)}" maxlength="12" required '
            'autocomplete="off" autocapitalize="characters" spellcheck="false"></fieldset>'
        )
    if form.quiz:
        seat = (values.get(SEAT_FIELD) or [""])[0]
        parts.append(
            '<fieldset><label class="label" for="_class">班级码 <span class="required">*</span></label>'
            '<p class="hint">扫班级海报上的二维码会自动填好；不写名字。</p>'
            f'<input type="text" id="_class" name="{CLASS_FIELD}" value="{escape(class_code)}" maxlength="12" required '
            'autocomplete="off" autocapitalize="characters" spellcheck="false">'
            '<label class="label" for="_seat" style="margin-top:10px">座位号 <span class="required">*</span></label>'
            f'<input type="number" id="_seat" name="{SEAT_FIELD}" value="{escape(seat)}" min="1" max="99" step="1" '
            'inputmode="numeric" required></fieldset>'
        )
    for question in form.questions:
        parts.append(_question(question, values.get(question.name, []), beside if question.name == error_question else None))
    parts.append('<button type="submit">提交</button></form>')
    return _page(form.title, f"<h1>{escape(form.title)}</h1>" + "".join(parts), script=True)


def thanks_page(form: Form, again: str) -> str:
    body = (
        f"<h1>{escape(form.title)}</h1>"
        '<div class="banner ok" role="status">已提交，谢谢您的回答！</div>'
        f'<p><a href="{escape(again)}">再填一份（替家里其他人填写时）</a></p>'
    )
    return _page(form.title, body)


def quiz_result_page(form: Form, marked: list[Marked], again: str, *, answers_shown: bool = False) -> str:
    """What a pupil sees after handing in: the score and the answers as stored (a phone that sent
    again sees its first hand-in, the one that counts). The right answers and why (``explain``)
    only once the teacher has taken the papers in — before, a pupil who had handed in could tell
    the others."""
    items = []
    for m in marked:
        mine = f"<p>你的答案：{escape(answer_text(m.question, m.given))}</p>"
        if not answers_shown:
            items.append(f'<fieldset class="ck-marked"><div class="label">{escape(m.question.label)}</div>{mine}</fieldset>')
            continue
        mark_text = "答对了" if m.correct else ("部分对" if m.points > 0 else "答错了")
        kind = "ok" if m.correct else "error"
        items.append(
            f'<fieldset class="ck-marked"><div class="label">{escape(m.question.label)}</div>'
            f'<div class="banner {kind}">{mark_text}（{m.points:.2g} 分）</div>{mine}{_right_answer(m.question)}</fieldset>'
        )
    later = "" if answers_shown else '<p class="hint">老师收卷以后，再打开这份测验就能看到正确答案和讲解。</p>'
    body = (
        f"<h1>{escape(form.title)}</h1>"
        f'<div class="banner ok ck-score" role="status">交卷了！得分 {total(marked):g}（满分 {len(marked)}）</div>'
        + later
        + "".join(items)
        + f'<p><a href="{escape(again)}">回到测验</a></p>'
    )
    return _page(form.title, body)


def quiz_answers_page(form: Form, class_code: str) -> str:
    """After the teacher took the papers in: every question with its right answer and why."""
    items = "".join(
        f'<fieldset class="ck-marked"><div class="label">{escape(q.label)}</div>{_right_answer(q)}</fieldset>'
        for q in form.graded
    )
    body = (
        f"<h1>{escape(form.title)}</h1>"
        f'<div class="banner ok" role="status">{escape(class_code)} 班已经收卷。下面是正确答案和讲解。</div>{items}'
    )
    return _page(form.title, body)


def _right_answer(question) -> str:
    right = list(question.answer) if question.type != "select_one" else question.answer[0]
    explain = f'<p class="hint">{escape(question.explain)}</p>' if question.explain else ""
    return f"<p>正确答案：{escape(answer_text(question, right))}</p>{explain}"


def message_page(title: str, message: str, kind: str = "error") -> str:
    return _page(title, f'<h1>{escape(title)}</h1><div class="banner {kind}">{escape(message)}</div>')


# 长辈模式 on forms and ballots: the switch and rules every campaignkit page has, and the
# forms' own parts at the sizes the MIIT rules ask (ui.elder): text 24 px, targets 60 px.
FORM_ELDER_STYLE = f"""
html.{elder.ELDER_CLASS} legend,html.{elder.ELDER_CLASS} .label{{font-size:28px !important}}
html.{elder.ELDER_CLASS} label.choice{{min-height:64px}}
html.{elder.ELDER_CLASS} input[type=radio],html.{elder.ELDER_CLASS} input[type=checkbox]{{width:34px;height:34px}}
html.{elder.ELDER_CLASS} input[type=text],html.{elder.ELDER_CLASS} input[type=number],html.{elder.ELDER_CLASS} textarea{{font-size:24px}}
html.{elder.ELDER_CLASS} .hint,html.{elder.ELDER_CLASS} .banner,html.{elder.ELDER_CLASS} .qerror{{font-size:24px !important}}
html.{elder.ELDER_CLASS} button[type=submit]{{font-size:28px !important}}
.ck-elder-switch{{width:auto;margin:4px 0 4px 8px}}
"""


def phone_page(title: str, body: str, script: str = "") -> str:
    """A page in the forms' phone style (large type, no CDN, 长辈模式) with its own ``body`` and ``script``."""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}{elder.STYLE}{FORM_ELDER_STYLE}</style>"
        f"<script>{elder.SCRIPT}</script></head>"
        f"<body><main>{elder.SWITCH}{body}</main>{'<script>' + script + '</script>' if script else ''}</body></html>"
    )


def _page(title: str, body: str, *, script: bool = False) -> str:
    return phone_page(title, body, SCRIPT if script else "")


def _question(q: Question, given: list[str], error: str | None = None) -> str:
    html = _question_html(q, given)
    if not error or not html.startswith("<fieldset"):
        return html
    # The refused question: marked, its message under its title, the page scrolled to it.
    message = f'<div class="qerror" role="alert">{escape(error)}</div>'
    html = html.replace("<fieldset", f'<fieldset id="q-{escape(q.name, quote=True)}" class="invalid"', 1)
    title_end = "</legend>" if "</legend>" in html else "</label>"
    at = html.index(title_end) + len(title_end)
    return html[:at] + message + html[at:]


def _input(q: Question, value: str) -> str:
    """The field of a written answer, by its type."""
    name = escape(q.name)
    required = " required" if q.required else ""
    named = f'id="{name}" name="{name}"'
    if q.type == "integer":
        field = f'<input type="number" step="1" inputmode="numeric" {named} value="{value}"{required}>'
    elif q.type == "decimal":
        field = f'<input type="number" step="any" inputmode="decimal" {named} value="{value}"{required}>'
    elif q.type == "date":
        field = f'<input type="date" {named} value="{value}"{required}>'
    elif q.appearance == "phone-number":  # digits only, the number keypad
        field = f'<input type="tel" inputmode="numeric" pattern="[0-9]*" {named} value="{value}" maxlength="200"{required}>'
    elif q.appearance == "numbers":  # digits, a decimal point or a dash (ODK's numbers text)
        field = f'<input type="text" inputmode="decimal" pattern="[0-9.\\-]*" {named} value="{value}" maxlength="200"{required}>'
    elif q.appearance == "multiline":
        field = f'<textarea {named} maxlength="2000"{required}>{value}</textarea>'
    else:
        field = f'<input type="text" {named} value="{value}" maxlength="2000"{required}>'
    return field


_REFERENCE = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}")


def _shown(text: str) -> str:
    """A label or hint as HTML; an earlier answer it quotes (``您家共 ${n} 口人``, as ODK
    writes it) is filled in by the page's script as it is answered."""
    return _REFERENCE.sub(lambda m: f'<span class="ref" data-ref="{m.group(1)}">…</span>', escape(text))


def _filter(q: Question) -> str:
    """A choice_filter: the script offers only the choices it holds for the answers so far."""
    if q.choice_filter is None:
        return ""
    return f" data-filter='{escape(json.dumps(q.choice_filter, ensure_ascii=False), quote=True)}'"


def _columns(q: Question, choice) -> str:
    if q.choice_filter is None:
        return ""
    return f" data-cols='{escape(json.dumps(choice.as_columns(), ensure_ascii=False), quote=True)}'"


def _question_html(q: Question, given: list[str]) -> str:
    relevant = f" data-relevant='{escape(json.dumps(q.relevant, ensure_ascii=False), quote=True)}'" if q.relevant else ""
    if q.type == "begin_group":
        return f'<div class="group"{relevant}>{_shown(q.label)}</div>' if q.label else ""
    hint = f'<p class="hint">{_shown(q.hint)}</p>' if q.hint else ""
    star = ' <span class="required">*</span>' if q.required else ""
    if q.type == "note":
        return f'<fieldset class="note"{relevant}><div class="label">{_shown(q.label)}</div>{hint}</fieldset>'
    head = f"<legend>{_shown(q.label)}{star}</legend>{hint}"
    name = escape(q.name)
    if q.type in ("select_one", "select_multiple"):
        kind = "radio" if q.type == "select_one" else "checkbox"
        options = "".join(
            f'<label class="choice"{_columns(q, c)}><input type="{kind}" name="{name}" value="{escape(c.name)}"'
            f"{' checked' if c.name in given else ''}{' required' if q.required and kind == 'radio' else ''}>"
            f"<span>{escape(c.label)}</span></label>"
            for c in q.choices
        )
        wrap = f'<div class="likert">{options}</div>' if q.appearance == "likert" else options
        return f"<fieldset{relevant}{_filter(q)}>{head}{wrap}</fieldset>"
    if q.type == "rank":
        selects = []
        for position in range(len(q.choices)):
            chosen = given[position] if position < len(given) else ""
            options = '<option value="">请选择</option>' + "".join(
                f'<option value="{escape(c.name)}"{" selected" if c.name == chosen else ""}>{escape(c.label)}</option>'
                for c in q.choices
            )
            selects.append(f'<label class="choice">第 {position + 1} 位<select name="{name}">{options}</select></label>')
        # Every event on show, put in order by tapping (the script fills the drop-downs, which
        # are what a phone without script uses and what the server reads).
        taps = "".join(
            f'<button type="button" class="rank-item" data-value="{escape(c.name, quote=True)}">'
            f'<span class="rank-no"></span><span>{escape(c.label)}</span></button>'
            for c in q.choices
        )
        tap = f'<div class="rank-tap" hidden><p class="hint">按先后依次点一下；点错了，再点一下就取消。</p>{taps}</div>'
        return f'<fieldset class="rank"{relevant}>{head}{tap}<div class="rank-selects">{"".join(selects)}</div></fieldset>'
    field = _input(q, escape(given[0]) if given else "")
    return f'<fieldset{relevant}><label class="label" for="{name}">{_shown(q.label)}{star}</label>{hint}{field}</fieldset>'
