"""Panel cards (回访卡): a code given to a respondent to write on the questionnaire each wave, so
that before and after can be compared for the same people. The code must not be guessable —
sent under another's card, answers would turn a before/after comparison — so cards are issued
like answer codes (40 bits, printed; only salted hashes kept), a phone's answer under a code
not issued is refused, and each card answers once per wave (the form's version).

Answers read from a file (another laptop's export, ODK) were checked where they were entered
and are not checked against this laptop's cards: another laptop issued its own."""

from __future__ import annotations

from html import escape

from .store import ResponseStore, normalize_code
from .xlsform import Form

PANEL = "respondent"  # the question holding a respondent's panel card code (never a name)


def has_panel(form: Form) -> bool:
    return any(q.name == PANEL for q in form.answerable)


def panel_problems(store: ResponseStore, form: Form, answers: dict) -> list[str]:
    """Why a phone's answers cannot be stored under their panel code (none: they can). The code
    in ``answers`` is normalised in place, as the card prints it."""
    given = answers.get(PANEL)
    if not has_panel(form) or given in (None, ""):
        return []
    code = normalize_code(str(given))
    answers[PANEL] = code
    label = form.question(PANEL).label
    if not store.panel_issued(form.form_id, code):
        return [f"“{label}”不对：请照回访卡上的编号填写（没有回访卡就空着）"]
    if store.panel_answered(form.form_id, form.version, code, PANEL):
        return [f"这张回访卡这一次（{form.version}）已经填过了"]
    return []


CARD_CSS = """
@page { size: A4; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 0; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; grid-auto-rows: 54mm; }
.card { border: 1px dashed #999; padding: 5mm; overflow: hidden; }
.title { font-size: 12pt; font-weight: bold; }
.code { font-size: 24pt; font-family: "DejaVu Sans Mono", monospace; letter-spacing: 1pt; margin: 3mm 0; }
.how { font-size: 9pt; color: #333; line-height: 1.45; }
.page-break { break-after: page; }
"""


def cards_html(form: Form, codes: list[str]) -> str:
    """Every panel code on a card, 10 to an A4 page."""
    label = form.question(PANEL).label if has_panel(form) else "回访卡编号"
    cards = [
        f'<div class="card"><div class="title">{escape(form.title)}　回访卡</div>'
        f'<div class="code">{escape(code[:4])} {escape(code[4:])}</div>'
        f'<div class="how">每次填这份问卷时，在“{escape(label)}”一栏照抄上面的编号，每次只填一份。'
        "卡上不写名字；请收好，下次还要用。</div></div>"
        for code in codes
    ]
    pages = [cards[i : i + 10] for i in range(0, len(cards), 10)]
    body = '<div class="page-break"></div>'.join(f'<div class="sheet">{"".join(page)}</div>' for page in pages)
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CARD_CSS}</style></head><body>{body}</body></html>'
