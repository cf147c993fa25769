"""Outreach in Chromium: "记一笔走访" on the door-visit page stores a record the log counts, and
refuses a bad one; a cadre's phone sends the same form, and an unknown household is refused at
the door; the outreach dashboard and a unit's overview (with its A4 PDF) show no household."""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from campaignkit.core.network import lan_address
from campaignkit.forms.access import staff_key
from campaignkit.outreach.data import OutreachData
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outreach") / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    os.environ["CAMPAIGNKIT_ACCESS_LOG"] = str(folder.parent / "access_log.csv")
    yield folder
    os.environ.pop("CAMPAIGNKIT_ACCESS_LOG", None)


@pytest.fixture(scope="module")
def server(campaign):
    with served(campaign) as base:
        yield base


def _dropdown(page, label: str):
    return page.locator(".widget-dropdown", has_text=label).locator("select")


def test_a_visit_recorded_at_the_kitchen_table_is_in_the_log(server, campaign):
    with browser_page() as page:
        page.goto(f"{server}/voila/render/door_visit.ipynb")
        page.wait_for_selector("text=户编号", timeout=TIMEOUT)
        page.get_by_placeholder("例如 HL-001").fill("HL-003")
        page.get_by_role("button", name="查找").click()
        page.wait_for_selector("text=记一笔走访", timeout=30_000)
        page.get_by_placeholder("谁去的").fill("测试干部")
        page.get_by_placeholder("讲了什么、算了什么账").fill("算炕头账")
        page.get_by_placeholder("没有就不填").fill("门前路灯不亮")
        _dropdown(page, "办理情况").select_option("办理中")
        page.get_by_role("button", name="记一笔走访").click()
        page.wait_for_selector("text=已记下", timeout=30_000)
        listed = page.inner_text(".ck-visits")
        assert "测试干部：算炕头账；诉求：门前路灯不亮（办理中）" in listed
        # A record without its cadre is refused with the reason, and nothing is stored.
        page.get_by_placeholder("谁去的").fill("")
        page.get_by_role("button", name="记一笔走访").click()
        page.wait_for_selector("text=没有记下", timeout=30_000)
        assert "走访干部" in page.inner_text("body")
        assert_clean(page)
    mine = OutreachData(campaign).log.current
    mine = mine[mine["cadre"] == "测试干部"]
    assert list(mine["household_id"]) == ["HL-003"]
    assert list(mine["status"]) == ["办理中"]


@pytest.fixture(scope="module")
def lan(campaign):
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        port = urllib.parse.urlsplit(base).port
        yield f"http://{lan_address()}:{port}", token


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_a_cadres_phone_sends_the_same_form_and_an_unknown_household_is_refused(lan, campaign):
    base, token = lan
    # The hall's phones have the token (the QR on the screen), not the cadres' key.
    status, page = _status(f"{base}/forms/visits?token={token}")
    assert status == 403
    assert "只给走访干部用" in page
    staff = staff_key(campaign)
    with browser_page(width=390, height=844) as page:
        page.goto(f"{base}/forms/visits?token={token}&staff={staff}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_label("户编号").fill("XX-404")
        page.get_by_label("走访日期").fill("2024-01-15")
        page.get_by_label("走访干部").fill("手机干部")
        page.get_by_role("button", name="提交").click()
        page.wait_for_selector("text=户表中没有户编号", timeout=30_000)
        page.get_by_label("户编号").fill("HL-010")
        page.get_by_role("button", name="提交").click()
        page.wait_for_selector("text=已提交", timeout=30_000)
        assert "Traceback" not in page.inner_text("body")
        assert [u for u in page.external_requests if not u.startswith(base)] == []
    mine = OutreachData(campaign).log.current
    assert list(mine.loc[mine["cadre"] == "手机干部", "household_id"]) == ["HL-010"]
    # The request log names the page without the key, like the token.
    logged = [line for line in served.log_path.read_text().splitlines() if "/forms/visits" in line]
    assert logged
    assert not [line for line in logged if staff in line]


def test_the_outreach_dashboard_drills_down_and_shows_no_household(server, campaign):
    ids = set(OutreachData(campaign).table("households")["household_id"])
    with browser_page() as page:
        page.goto(f"{server}/voila/render/outreach.ipynb")
        page.wait_for_selector(".js-plotly-plot", timeout=TIMEOUT)
        assert "各单位走访覆盖率" in page.inner_text("body")
        _dropdown(page, "单位").select_option("阳光社区")
        page.wait_for_selector("text=阳光社区各网格走访覆盖率", timeout=30_000)
        body = page.inner_text("body")
        assert "无对象" in body
        assert "第四网格" in body
        assert not [i for i in ids if i in body]
        assert_clean(page)


def test_a_units_overview_and_its_pdf(server, campaign):
    with browser_page() as page:
        page.goto(f"{server}/voila/render/overview.ipynb")
        page.wait_for_selector(".ck-overview", timeout=TIMEOUT)
        _dropdown(page, "单位").select_option("红柳嘎查")
        page.wait_for_selector("text=红柳嘎查群众教育实践活动工作概况", timeout=30_000)
        overview = page.inner_text(".ck-overview")
        for heading in ("一、走访覆盖", "二、四种方式", "三、群众诉求", "四、红色文艺放映演出", "五、效果评估"):
            assert heading in overview
        page.get_by_role("button", name="导出 A4 PDF").click()
        link = page.wait_for_selector("a.ck-download", timeout=60_000)
        assert link.get_attribute("download") == "工作概况-红柳嘎查.pdf"
        assert link.get_attribute("href").startswith("data:application/pdf;base64,")
        assert_clean(page)
