"""A class quiz in `campaignkit serve --lan`: a pupil's phone at 390 px joins by class code and
seat (no name), answers the sample quiz and sees the score and each explanation; the teacher's
page (the laptop only) counts the answer without a reload; the projector's board carries no seat."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request

import pytest

from campaignkit.server.serve import lan_address
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser

RIGHT = {
    "q1": "b",
    "q2": "yes",
    "q3": ["a", "b"],
    "q4": ["E07", "E08", "E09", "E10"],
    "q5": "b",
    "q6": "yes",
    "q7": "no",
    "q8": "a",
    "q9": ["E12", "E13", "E14", "E18"],
    "q10": ["a", "b", "c"],
}


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    campaign = tmp_path_factory.mktemp("quiz") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    from campaignkit.cli import main

    assert main(["forms", "import", str(campaign / "forms" / "family_responses.csv"), str(campaign)]) == 0
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token, campaign


def _answer(page, answers: dict) -> None:
    for name, value in answers.items():
        if isinstance(value, str):
            page.locator(f"input[name={name}][value='{value}']").check()
        elif name in ("q4", "q9"):  # put in order by tapping each event in turn
            for code in value:
                page.locator(f"fieldset.rank:has(select[name={name}]) .rank-item[data-value='{code}']").click()
            chosen = page.eval_on_selector_all(f"select[name={name}]", "s => s.map(x => x.value)")
            assert chosen == list(value), chosen
        else:
            for v in value:
                page.locator(f"input[name={name}][value='{v}']").check()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_a_pupil_answers_and_the_teacher_sees_it_without_a_reload(lan):
    base, token = lan[:2]
    remote = base.replace("127.0.0.1", lan_address())
    with browser_page() as teacher:
        # The pupil's phone: a second window of the same Chromium at 390 px.
        pupil = teacher.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
        pupil.external_requests = []
        pupil.on(
            "request", lambda r: None if r.url.startswith(("http://127.0.0.1", remote)) else pupil.external_requests.append(r.url)
        )
        teacher.goto(f"{base}/campaignkit/quiz/quiz_history/?token={token}")  # the teacher opens 7A with 40 seats
        teacher.locator("input[name=code]").fill("7a")
        teacher.locator("input[name=size]").fill("40")
        teacher.get_by_role("button", name="开班").click()
        teacher.wait_for_selector(".ck-count")
        assert "/quiz_history/7A" in teacher.url
        assert "40 个座位" in teacher.inner_text("main")
        assert "已交卷 0 人" in teacher.inner_text(".ck-count")
        pupil.goto(f"{remote}/forms/quiz_history?class=7A&token={token}")
        assert pupil.evaluate("document.documentElement.scrollWidth") <= 390
        assert pupil.locator("input[name=_class]").input_value() == "7A"
        assert not pupil.locator("input[name*=name i]").count()  # no name asked
        pupil.locator("input[name=_seat]").fill("37")
        # Issue 25: an order question showed four drop-downs; now every event is on show, ordered by tapping.
        rank = pupil.locator("fieldset.rank:has(select[name=q4])")
        assert rank.locator(".rank-item").count() == rank.locator("select").count() >= 3
        assert rank.locator(".rank-selects").is_hidden()
        assert rank.locator(".rank-item").first.is_visible()
        rank.locator(".rank-item").first.click()
        assert "第 1 位" in rank.locator(".rank-item").first.inner_text()
        rank.locator(".rank-item").first.click()  # tapped again: taken back
        assert rank.locator("select").first.input_value() == ""
        assert "位" not in rank.locator(".rank-item").first.inner_text()
        _answer(pupil, {**RIGHT, "q1": "a", "q3": ["a"]})  # q1 wrong, q3 half right
        pupil.get_by_role("button", name="提交").click()
        pupil.wait_for_selector(".ck-score")
        assert "得分 8.5（满分 10）" in pupil.inner_text(".ck-score")
        shown = pupil.inner_text("main")
        assert "你的答案" in shown
        assert "正确答案：" not in shown
        assert "答错了" not in shown
        assert pupil.evaluate("document.documentElement.scrollWidth") <= 390
        teacher.wait_for_function("() => document.querySelector('.ck-count').innerText.includes('已交卷 1 人')", timeout=2_000)
        seats = teacher.inner_text(".ck-seats")
        assert "37" in seats
        assert "8.5 / 10" in seats
        first = teacher.locator(".ck-questions tbody tr").first.inner_text()
        assert "0%" in first
        assert "1949年3月19日" in first
        teacher.get_by_role("button", name="收卷，公布答案").click()
        teacher.wait_for_selector("text=已收卷")
        pupil.goto(f"{remote}/forms/quiz_history?class=7A&token={token}")
        answers = pupil.inner_text("main")
        assert "已经收卷" in answers
        assert "正确答案" in answers
        assert "来源：乌审旗人民政府遗址" in answers
        assert pupil.evaluate("document.documentElement.scrollWidth") <= 390
        assert_clean(pupil)
        assert_clean(teacher)


def test_the_board_for_the_projector_carries_no_seat(lan):
    base, token = lan[:2]
    remote = base.replace("127.0.0.1", lan_address())
    for path in ("board", "board.part"):  # it shows the right answers: not to the pupils' phones
        status, _ = _get(f"{remote}/campaignkit/quiz/quiz_history/7A/{path}?token={token}")
        assert status == 403, path
    for path in ("board", "board.part"):
        status, page = _get(f"{base}/campaignkit/quiz/quiz_history/7A/{path}?token={token}")
        assert status == 200
        assert "已交卷" in page
        assert "座位" not in page
        assert "37" not in page


def test_the_teachers_pages_answer_only_the_laptop(lan):
    base, token = lan[:2]
    remote = base.replace("127.0.0.1", lan_address())
    for path in ("", "quiz_history", "quiz_history/7A", "quiz_history/7A/part", "quiz_history/7A/poster"):
        status, _ = _get(f"{remote}/campaignkit/quiz/{path}?token={token}")
        assert status == 403, path
    for path in ("family/7A", "family/worksheet.pdf"):
        status, _ = _get(f"{remote}/campaignkit/family/{path}?token={token}")
        assert status == 403, path
    status, page = _get(f"{base}/campaignkit/quiz/quiz_history/7A/poster?token={token}")
    assert status == 200
    assert "<svg" in page
    assert "class=7A" in page
    assert f"token={token}" in page
    assert lan_address() in page  # the address the hall's phones can reach


def _post(opener, url: str, fields: dict) -> tuple[int, str]:
    import urllib.parse

    page = opener.open(url, timeout=30).read().decode()
    hidden = dict(re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', page))
    data = urllib.parse.urlencode({**hidden, **fields}, doseq=True).encode()
    try:
        response = opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=30)
        return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def _opener():
    import http.cookiejar

    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def test_seats_are_limited_to_the_class_and_a_resend_shows_what_was_stored(lan):
    """One phone cannot fill the seats of a class beyond its size, nor hand in to a class the
    teacher has not opened; sending again with other answers shows the first hand-in's score."""
    base, token = lan[:2]
    _open(lan, "8B", 30)
    url = f"{base}/forms/quiz_history?class=8B&token={token}"
    opener = _opener()
    status, page = _post(opener, url, {"_class": "9Z", "_seat": "3", **RIGHT})
    assert status == 400
    assert "还没有开始" in page
    status, page = _post(opener, url, {"_class": "8B", "_seat": "31", **RIGHT})
    assert status == 400
    assert "座位号填 1 到 30" in page
    first = opener.open(url, timeout=30).read().decode()
    hidden = dict(re.findall(r'name="(_xsrf|_submission_id)" value="([^"]+)"', first))
    import urllib.parse

    def send(answers):
        data = urllib.parse.urlencode({**hidden, "_class": "8B", "_seat": "5", **answers}, doseq=True).encode()
        return opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=30).read().decode()

    assert "得分 10（满分 10）" in send(RIGHT)
    assert "得分 10（满分 10）" in send({**RIGHT, "q1": "a", "q2": "no"})  # the resend is not what counts


def _open(lan, class_code: str, size: int = 40) -> None:
    from campaignkit.forms import ResponseStore, database_path

    ResponseStore(database_path(lan[2])).open_class("quiz_history", class_code, size)


def test_a_refused_join_keeps_the_answers_and_says_why(lan):
    base, token = lan[:2]
    _open(lan, "7D")
    with browser_page(width=390, height=844) as pupil:
        pupil.goto(f"{base}/forms/quiz_history?class=7D&token={token}")
        pupil.locator("input[name=_seat]").fill("0")
        pupil.evaluate("document.querySelector('input[name=_seat]').removeAttribute('min')")
        _answer(pupil, RIGHT)
        pupil.get_by_role("button", name="提交").click()
        pupil.wait_for_selector("[role=alert]")
        assert "座位号" in pupil.inner_text("[role=alert]")
        assert pupil.locator("input[name=q1][value='b']").is_checked()


def test_the_class_page_of_family_changes_and_the_worksheet(lan):
    base, token = lan[:2]
    with browser_page(width=390, height=844) as page:
        page.goto(f"{base}/campaignkit/family/family/7A?token={token}")
        page.wait_for_function("() => window.ckReady === true", timeout=60_000)
        titles = page.locator(".gtitle").all_text_contents()
        assert len(titles) == 5, titles
        assert all("24 家" in t.replace("\xa0", " ") for t in titles), titles
        assert "示例" in page.inner_text("body")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_clean(page)
    request = urllib.request.Request(f"{base}/campaignkit/family/family/worksheet.pdf?token={token}")
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read(5) == b"%PDF-"


def test_a_seat_hands_in_once(lan):
    base, token = lan[:2]
    _open(lan, "9C")
    with browser_page(width=390, height=844) as pupil:
        for attempt in range(2):
            pupil.goto(f"{base}/forms/quiz_history?class=9C&token={token}")
            pupil.locator("input[name=_seat]").fill("4")
            _answer(pupil, RIGHT)
            pupil.get_by_role("button", name="提交").click()
            pupil.wait_for_selector(".ck-score" if attempt == 0 else "[role=alert]")
        assert "已经交过卷" in pupil.inner_text("[role=alert]")
