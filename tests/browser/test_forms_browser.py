"""Phone forms inside `campaignkit serve`: a phone at 390 px on the village network (a host
name that is not localhost, so not a secure context) fills and submits; resends are stored
once; refused submissions store nothing."""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from campaignkit.forms import ResponseStore, database_path
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser
HOST = "campaign.test"


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    campaign = tmp_path_factory.mktemp("forms") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    from campaignkit.cli import main

    assert main(["forms", "import", str(campaign / "forms" / "survey_responses.csv"), str(campaign)]) == 0
    with served(campaign, "--lan", "--ip", "127.0.0.1") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token, campaign


def _count(campaign) -> int:
    return ResponseStore(database_path(campaign)).count("survey")


def test_a_phone_fills_and_submits_the_form(lan):
    base, token, campaign = lan
    before = _count(campaign)
    port = urllib.parse.urlsplit(base).port
    with browser_page(width=390, height=844, host=HOST) as page:
        page.goto(f"http://{HOST}:{port}/forms/survey?token={token}")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        page.get_by_label("农村牧区").check()
        page.get_by_label("农牧民").check()
        page.get_by_label("您的年龄").fill("63")
        page.locator("input[name=policy_known][value='5']").check()
        page.locator("input[name=cadres_closer][value='4']").check()
        assert page.locator("#activities_other").is_hidden()  # shown only when 其他 is ticked
        page.locator("input[name=activities][value=other]").check()
        page.get_by_label("其他活动是什么？").fill("那达慕上的宣讲")
        page.get_by_label("宣讲报告会").check()
        page.get_by_label("收到了").check()
        page.get_by_role("button", name="提交").click()
        page.wait_for_selector("text=已提交，谢谢您的回答")
        assert_clean(page)
    assert _count(campaign) == before + 1


def test_the_form_reads_in_elders_mode_on_a_phone(lan):
    """Issue 25: two-line question titles ran across the card's top edge, the five-point scale
    wrapped 3 + 2 and broke words ("说不/清"), and forms had no 长辈模式. At 390 px in 长辈模式
    every title sits inside its card, each scale choice is one line across the card, and text
    is at least 24 px."""
    base, token, _ = lan
    port = urllib.parse.urlsplit(base).port
    with browser_page(width=390, height=844, host=HOST) as page:
        page.goto(f"http://{HOST}:{port}/forms/survey?token={token}&mode=elder")
        assert page.get_attribute(".ck-elder-switch", "aria-pressed") == "true"
        measured = page.evaluate(
            """() => ({
              titles: [...document.querySelectorAll('fieldset:not([hidden])')].map(f => {
                const t = f.querySelector('legend, .label'); if (!t) return null;
                return [t.textContent.trim().slice(0, 12), t.getBoundingClientRect().top - f.getBoundingClientRect().top];
              }).filter(Boolean),
              scale: [...document.querySelectorAll('.likert label.choice span')].map(s => {
                const r = s.getBoundingClientRect(), line = parseFloat(getComputedStyle(s).lineHeight);
                return [s.textContent, r.height <= line * 1.2, r.right <= 390, parseFloat(getComputedStyle(s).fontSize)];
              }),
              wide: document.documentElement.scrollWidth})"""
        )
        assert measured["wide"] <= 390
        assert measured["titles"], measured["titles"]
        assert all(top >= 0 for _, top in measured["titles"]), measured["titles"]
        assert len(measured["scale"]) >= 5
        for text, one_line, inside, size in measured["scale"]:
            assert one_line, (text, one_line, inside, size)
            assert inside, (text, one_line, inside, size)
            assert size >= 24, (text, one_line, inside, size)


def test_a_refused_answer_is_said_beside_its_question(lan):
    """The error stood only at the top of a long page; now it stands under the question's title
    (and the top links to it)."""
    base, token, _ = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    status, page = _post(opener, url, {**ANSWERS, **_fields(opener, url), "card_received": ""})
    assert status == 400
    fieldset = re.search(r'<fieldset id="q-card_received" class="invalid".*?</fieldset>', page, re.S)
    assert fieldset
    assert "必须回答" in fieldset.group(0)
    assert 'href="#q-card_received"' in page.split("<form", 1)[0]


def _opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _fields(opener, url):
    page = opener.open(url, timeout=60).read().decode()
    hidden = dict(re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', page))
    return hidden


def _post(opener, url, fields):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    try:
        response = opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=60)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


ANSWERS = {
    "domain": "community",
    "audience": "resident",
    "policy_known": "4",
    "cadres_closer": "3",
    "activities": ["film"],
    "card_received": "no",
}


def test_a_resend_is_answered_as_success_and_stored_once(lan):
    base, token, campaign = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    hidden = _fields(opener, url)
    before = _count(campaign)
    first = _post(opener, url, {**ANSWERS, **hidden})
    again = _post(opener, url, {**ANSWERS, **hidden})  # the phone lost the network and sent again
    assert first[0] == again[0] == 200
    assert "已提交" in again[1]
    assert _count(campaign) == before + 1


@pytest.mark.parametrize(
    "change, words",
    [({"domain": "moon"}, "不在选项之中"), ({"card_received": ""}, "必须回答"), ({"evil": "1"}, "没有这些题目")],
)
def test_a_refused_submission_says_why_and_stores_nothing(lan, change, words):
    base, token, campaign = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    hidden = _fields(opener, url)
    before = _count(campaign)
    status, page = _post(opener, url, {**ANSWERS, **hidden, **change})
    assert status == 400
    assert words in page
    assert "Traceback" not in page
    assert _count(campaign) == before


def test_the_form_sits_behind_the_token(lan):
    base, _, campaign = lan
    response = urllib.request.urlopen(f"{base}/forms/survey", timeout=30)  # sent to the login page
    page = response.read().decode()
    assert "/login" in response.url
    assert "群众问卷" not in page
    assert "_submission_id" not in page
    before = _count(campaign)
    status, _ = _post(_opener(), f"{base}/forms/survey", {**ANSWERS, "_submission_id": "z" * 24})
    assert status in (401, 403)
    assert _count(campaign) == before


def _codes(campaign, n):
    return ResponseStore(database_path(campaign)).issue_codes("appraisal", n)


APPRAISAL = {"overall": "good", "listens": "4", "solves": "3", "explains": "5"}


def test_a_tokens_form_takes_each_code_once(lan):
    base, token, campaign = lan
    (code,) = _codes(campaign, 1)
    url = f"{base}/forms/appraisal?token={token}"
    opener = _opener()
    page = opener.open(f"{url}&code={code}", timeout=60).read().decode()
    assert f'value="{code}"' in page
    assert "答题码" in page
    hidden = _fields(opener, url)
    assert _post(opener, url, {**APPRAISAL, **hidden})[0] == 400  # no code
    status, page = _post(opener, url, {**APPRAISAL, **hidden, "_code": code})
    assert status == 200
    assert "已提交" in page
    again = _fields(opener, url)
    status, page = _post(opener, url, {**APPRAISAL, **again, "_code": code})
    assert status == 403
    assert "已经用过" in page


def test_the_laptop_itself_is_never_paused_for_wrong_codes(lan):
    """Staff at the desk type codes for the voters who ask them: twelve wrong codes from the
    laptop are each refused, never paused (phones are: tests/forms/test_codes.py)."""
    base, token, _ = lan
    url = f"{base}/forms/appraisal?token={token}"
    opener = _opener()
    statuses = []
    for i in range(12):
        hidden = _fields(opener, url)
        statuses.append(_post(opener, url, {**APPRAISAL, **hidden, "_code": f"ZZZZZZ{i:02d}"})[0])
    assert set(statuses) == {403}


def test_the_evaluation_page_and_its_websocket_carry_no_respondent_code_or_text_answer(lan):
    import csv
    import io
    import json

    base, token, campaign = lan
    rows = list(
        csv.DictReader(io.StringIO((campaign / "forms" / "survey_responses.csv").read_text(encoding="utf-8"), newline=""))
    )
    private = {r[k] for r in rows for k in ("respondent", "suggestion", "activities_other") if r[k]}
    frames = []
    with browser_page() as page:
        page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda p: frames.append(p if isinstance(p, str) else p.decode("utf-8", "replace"))),
        )
        page.goto(f"{base}/voila/render/evaluation.ipynb?token={token}")
        page.wait_for_selector(".js-plotly-plot", timeout=120_000)
        page.wait_for_selector("text=明显提高", timeout=60_000)
        decoded = []
        for frame in frames:
            try:
                decoded.append(json.dumps(json.loads(frame), ensure_ascii=False))
            except ValueError:
                decoded.append(frame)
        traffic = page.content() + "\n".join(frames) + "\n".join(decoded)
        assert frames
        assert [v for v in private if v in traffic] == []
        assert "示例" in page.inner_text("body")
        assert_clean(page)


def test_a_submission_in_a_wrong_encoding_is_refused_and_stores_nothing(lan):
    base, token, campaign = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    hidden = _fields(opener, url)
    before = _count(campaign)
    body = urllib.parse.urlencode({**ANSWERS, **hidden}, doseq=True).encode() + b"&suggestion=%C4%E3%BA%C3"  # GBK 你好
    try:
        response = opener.open(urllib.request.Request(url, data=body, method="POST"), timeout=60)
        status, page = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, page = exc.code, exc.read().decode()
    assert status == 400
    assert "编码不对" in page
    assert _count(campaign) == before


def test_a_locked_store_answers_please_retry_within_two_seconds_and_other_phones_are_not_held_up(lan):
    """Another process holds the database (a backup, a second program): the submitting phone gets
    a Chinese "请稍后再试" with its answers kept, the other phones' pages keep coming, and the same
    submission sent again once the lock is gone is stored once."""
    import sqlite3
    import threading
    import time

    base, token, campaign = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    hidden = _fields(opener, url)
    before = _count(campaign)
    holder = sqlite3.connect(database_path(campaign), isolation_level=None, timeout=1)
    holder.execute("BEGIN IMMEDIATE")  # a writer that does not let go
    result, loads = {}, []

    def submit():
        started = time.monotonic()
        result["response"] = _post(opener, url, {**ANSWERS, **hidden, "suggestion": "锁住时填的"})
        result["seconds"] = time.monotonic() - started

    try:
        phone = threading.Thread(target=submit)
        phone.start()
        time.sleep(0.2)
        while phone.is_alive():  # other phones open their pages meanwhile
            started = time.monotonic()
            assert urllib.request.urlopen(f"{base}/forms/appraisal?token={token}", timeout=10).status == 200
            loads.append(time.monotonic() - started)
        phone.join()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    status, page = result["response"]
    assert status == 503
    assert "请稍后再试" in page
    assert "锁住时填的" in page
    assert "Traceback" not in page
    assert result["seconds"] < 4, (result["seconds"], loads)
    assert loads, (result["seconds"], loads)
    assert max(loads) < 1.5, (result["seconds"], loads)
    assert _post(opener, url, {**ANSWERS, **hidden, "suggestion": "锁住时填的"})[0] == 200
    assert _count(campaign) == before + 1


def test_a_50_mb_post_is_refused_before_it_is_kept_and_nothing_is_echoed(lan):
    import socket

    base, token, _ = lan
    port = int(base.rsplit(":", 1)[1])
    size = 50 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = (
            f"POST /forms/survey?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {size}\r\n\r\n"
        )
        sock.sendall(head.encode() + b"suggestion=" + b"A" * 65536)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    assert answer.startswith(b"HTTP/1.1 400")
    assert len(answer) < 2000
    assert b"AAAA" not in answer


def test_a_phone_cannot_answer_under_a_guessed_panel_card(lan):
    base, token, campaign = lan
    store = ResponseStore(database_path(campaign))
    store.record_panel_codes("survey", ["PANELC42"])
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    status, page = _post(opener, url, {**ANSWERS, **_fields(opener, url), "respondent": "HF-0001"})
    assert status == 400
    assert "照回访卡上的编号" in page
    status, page = _post(opener, url, {**ANSWERS, **_fields(opener, url), "respondent": "panel c42"})
    assert status == 200
    status, page = _post(opener, url, {**ANSWERS, **_fields(opener, url), "respondent": "PANELC42"})
    assert status == 400
    assert "已经填过" in page


def test_a_broken_multipart_body_gets_a_chinese_answer_and_no_error_in_the_log(lan):
    base, token, _ = lan
    url = f"{base}/forms/survey?token={token}"
    opener = _opener()
    hidden = _fields(opener, url)
    body = b'--xyz\r\nContent-Disposition: form-data; name="domain"\r\n\r\nrural\r\n--xy'  # cut off mid-boundary
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "multipart/form-data; boundary=xyz", "X-XSRFToken": hidden["_xsrf"]},
    )
    try:
        response = opener.open(request, timeout=30)
        status, page = response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        status, page = exc.code, exc.read().decode()
    assert status == 400, (status, page[:300])
    assert "Traceback" not in page, (status, page[:300])
    assert re.search(r"[\u4e00-\u9fff]", page), (status, page[:300])
    assert "Uncaught exception" not in served.log_path.read_text()
