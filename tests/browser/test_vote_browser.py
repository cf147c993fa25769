"""A selection in `campaignkit serve --lan`: a phone at 390 px votes with the code of its
printed slip (no name), once; the laptop sees the running count, the hall's phones only the
turnout; anyone can read the audit and download the ballots, which carry no code."""

from __future__ import annotations

import csv
import http.cookiejar
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from campaignkit.core.network import lan_address
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vote")
    campaign = folder / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    from campaignkit.cli import main

    assert main(["vote", "codes", "S01", str(campaign), "--count", "8", "--out", str(folder / "codes.csv")]) == 0
    with open(folder / "codes.csv", encoding="utf-8-sig") as fh:
        codes = [row["code"] for row in csv.DictReader(fh)]
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token, codes, campaign


class Client:
    """A phone without a browser: keeps the cookies (the XSRF one) and posts ballots."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base, token
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str]:
        joiner = "&" if "?" in path else "?"
        try:
            with self.opener.open(f"{self.base}{path}{joiner}token={self.token}", timeout=30) as response:
                return response.status, response.read().decode("utf-8-sig")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def vote(self, code: str, choices: list[str], submission: str) -> tuple[int, str]:
        _, page = self.get("/vote/S01")
        xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page).group(1)
        fields = [("_xsrf", xsrf), ("_submission_id", submission), ("code", code)] + [("choice", c) for c in choices]
        request = urllib.request.Request(
            f"{self.base}/vote/S01?token={self.token}", data=urllib.parse.urlencode(fields).encode(), method="POST"
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()


def test_a_phone_votes_with_its_slip_and_sees_no_one_else(lan):
    base, token, codes, _ = lan
    remote = base.replace("127.0.0.1", lan_address())
    with browser_page(width=390, height=844) as phone:
        phone.goto(f"{remote}/vote/S01?code={codes[0]}&token={token}")
        assert phone.locator("input[name=code]").input_value() == codes[0]
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert "示例" in phone.inner_text("body")
        size = phone.evaluate("parseFloat(getComputedStyle(document.querySelector('label.choice')).fontSize)")
        assert size >= 20
        boxes = phone.locator("input[name=choice]")
        assert boxes.count() == 3
        assert not phone.locator("input[name*=name i]").count()
        boxes.nth(0).check()
        boxes.nth(1).check()
        assert boxes.nth(2).is_disabled()  # two at most: the third box cannot be ticked
        assert "已选 2 人，最多 2 人" in phone.inner_text("#ck-count")
        phone.get_by_role("button", name="投票").click()
        phone.wait_for_selector(".banner.ok")
        assert "您的票已投出" in phone.inner_text("main")
        phone.external_requests[:] = [
            u for u in phone.external_requests if not u.startswith(remote)
        ]  # the laptop, by its LAN address
        assert_clean(phone)
        # The hall's phones see the turnout while voting is open, no count.
        phone.goto(f"{remote}/campaignkit/vote/S01/results?token={token}")
        shown = phone.inner_text("main")
        assert "投票还没有截止" in shown
        assert "段丽娟" not in shown
        assert " 票" not in shown.replace("投票", "")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_one_code_counts_once_a_resend_succeeds_and_forged_ballots_store_nothing(lan):
    base, token, codes, _ = lan
    phone = Client(base, token)
    assert phone.vote(codes[1], ["段丽娟"], "resend-test-submission-1")[0] == 200
    assert phone.vote(codes[1], ["段丽娟"], "resend-test-submission-1")[0] == 200  # the same ballot sent again
    status, page = phone.vote(codes[1], ["徐建国"], "another-submission-0001")
    assert status == 403
    assert "已经投过票" in page
    status, page = phone.vote(codes[2], ["段丽娟", "徐建国", "其木格其其格"], "too-many-submission-01")
    assert status == 400
    assert "最多选 2 人" in page
    status, page = phone.vote(codes[2], ["王立新"], "not-a-candidate-sub-01")
    assert status == 400
    assert "不在选项之中" in page
    status, audit = phone.get("/campaignkit/vote/S01/audit")
    assert status == 200
    figures = dict(re.findall(r"<div>([^<]+)<b>(\d+)</b></div>", audit))
    assert figures["投出选票"] == "2"
    assert figures["未用的投票码"] == "6"
    assert figures["发出投票码"] == "8"
    # While voting is open the ballots are not handed out: new rows would follow the voters.
    status, page = phone.get("/campaignkit/vote/S01/ballots.csv")
    assert status == 403
    assert "投票截止以后" in page
    status, data = phone.get("/campaignkit/vote/S03/ballots.csv")  # closed: anyone may recount
    assert status == 200
    assert data.splitlines()[0] == "选票编号,日期,选择,废票"
    # The laptop sees the running count only when it asks for it, and it is not redrawn.
    laptop = Client(base, token)
    status, results = laptop.get("/campaignkit/vote/S01/results")
    assert "段丽娟" not in results
    assert "看目前的票数" in results
    status, results = laptop.get("/campaignkit/vote/S01/results?live=1")
    assert "2 票" in results
    assert "段丽娟" in results
    assert "请不要投到大屏上" in results
    assert "location.reload" not in results
    hall = Client(base.replace("127.0.0.1", lan_address()), token)
    status, results = hall.get("/campaignkit/vote/S01/results?live=1")  # a phone cannot ask for it
    assert "段丽娟" not in results
    assert "看目前的票数" not in results


def test_the_phones_index_offers_the_open_ballots(lan):
    base, token, _, _ = lan
    remote = base.replace("127.0.0.1", lan_address())
    status, page = Client(remote, token).get("/campaignkit/phone/")
    assert status == 200
    assert "投票：红柳嘎查致富能手评选" in page
    assert "/vote/S01" in page
    assert "理论学习标兵" not in page  # closed: no ballot offered
    status, page = Client(remote, token).get("/vote/S03")
    assert status == 200
    assert "现在不能投票（已截止）" in page
