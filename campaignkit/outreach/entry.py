"""Recording a door visit ("记一笔走访"): the checks every way in shares (the phone form, the
door-visit page, an ODK/Kobo export brought in with ``forms import``), and the page's own
writer. A record is refused at the door with a Chinese message rather than stored and
reported later."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from ..core import clock
from ..core.config import CampaignConfig
from ..forms.answers import SubmissionError, parse_answers
from ..forms.service import CampaignForms
from ..forms.xlsform import Form, FormError
from ..load import check_campaign
from .records import FORM_ID_LENGTH, VISIT_FORM, known_records

# The questions the visits form must have, and their XLSForm types.
REQUIRED_QUESTIONS = {"household_id": "text", "date": "date", "cadre": "text"}
OPTIONAL_QUESTIONS = {
    "topics": "text",
    "demand": "text",
    "status": "select_one",
    "closed_on": "date",
    "supersedes": "text",
}


def check_visit_form(form: Form, campaign: Path) -> list[FormError]:
    """The visits form has the questions the log reads, of the right types (a form check on
    the form the outreach feature owns)."""
    problems = []
    names = {q.name: q for q in form.answerable}
    for name, kind in {**REQUIRED_QUESTIONS, **OPTIONAL_QUESTIONS}.items():
        question = names.get(name)
        if question is None and name in REQUIRED_QUESTIONS:
            problems.append(FormError(form.file, f"走访登记表要有题目 {name}（类型 {kind}）", sheet="survey", column="name"))
        elif question is not None and question.type != kind:
            problems.append(
                FormError(form.file, f"题目 {name} 的类型应是 {kind}", sheet="survey", row=question.row, column="type")
            )
    status = names.get("status")
    if status is not None and status.type == "select_one":
        wrong = [c.name for c in status.choices if c.name not in ("done", "doing", "not_yet")]
        if wrong:
            problems.append(
                FormError(form.file, "办理情况的选项名只能是 done、doing、not_yet", sheet="choices", row=status.choices[0].row)
            )
    return problems


def check_visit(form: Form, answers: dict, campaign: Path, *, today: dt.date | None = None) -> list[str]:
    """What is wrong with one visit record before it is stored (an answer check on the
    form the outreach feature owns)."""
    today = today or clock.today()
    problems = []
    loaded = check_campaign(campaign, tables=["households"])
    if "households" not in loaded.results:
        return ["活动文件夹里没有户表（households），无法核对户编号：请先放好户表"]
    household = answers.get("household_id")
    if household not in set(loaded.tables["households"]["household_id"]):
        problems.append(f"户表中没有户编号“{household}”：请核对编号")
    day = _day(answers.get("date"))
    start = CampaignConfig.of(campaign).start_date
    problems += _visit_day_problems(day, start, today)
    problems += _demand_problems(answers, day, today)
    corrects = answers.get("supersedes")
    if corrects:
        problems += _correction_problems(campaign, corrects, household)
    return problems


def _visit_day_problems(day: dt.date | None, start: dt.date | None, today: dt.date) -> list[str]:
    """The visit's date: not in the future, not before the campaign."""
    problems = []
    if day is not None and day > today:
        problems.append("走访日期在今天之后：请核对")
    if day is not None and start is not None and day < start:
        problems.append(f"走访日期早于活动开始（{start.year}年{start.month}月{start.day}日）：请核对")
    return problems


def _demand_problems(answers: dict, day: dt.date | None, today: dt.date) -> list[str]:
    """A demand's status and the day it was closed agree with each other and with the visit."""
    problems = []
    closed = _day(answers.get("closed_on"))
    status = answers.get("status")
    if answers.get("demand") and not status:
        problems.append("有诉求就要选办理情况")
    if status == "done" and closed is None:
        problems.append("已办结的诉求要写办结日期")
    if closed is not None and status != "done":
        problems.append("写了办结日期，办理情况却不是“已办结”")
    if closed is not None and day is not None and closed < day:
        problems.append("办结日期早于走访日期：请核对")
    if closed is not None and closed > today:
        problems.append("办结日期在今天之后：请核对")
    return problems


def _correction_problems(campaign: Path, corrects: str, household: object) -> list[str]:
    """A correction names a record that exists, of the same household."""
    known = known_records(campaign)
    if corrects not in known:
        return [f"要更正的记录“{corrects}”不存在：请照着走访记录列表上的编号填"]
    if known[corrects] != household:
        return [f"要更正的记录“{corrects}”是另一户的：更正只能改同一户的记录"]
    return []


def _day(value) -> dt.date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def record_visit(forms: CampaignForms, fields: dict[str, list[str]]) -> str:
    """Store one visit from the door-visit page; returns the new record's id (its first 8 hex
    digits, as the log names it). Raises :class:`SubmissionError` with every problem."""
    form = forms.get(VISIT_FORM)
    if form is None:
        raise SubmissionError("活动文件夹的 forms/ 里没有走访登记表（visits.xlsx，form_id 为 visits）：请从示例活动复制一份")
    answers = parse_answers(form, fields)
    problems = check_visit(form, answers, forms.campaign)
    if problems:
        raise SubmissionError("；".join(problems))
    response_id = secrets.token_hex(16)
    forms.store.submit(form.form_id, form.version, secrets.token_hex(16), answers, response_id=response_id)
    return response_id[:FORM_ID_LENGTH]
