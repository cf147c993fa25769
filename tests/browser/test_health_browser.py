"""The data-health dashboard in a real browser: served by `campaignkit serve`, offline."""

import pytest

from campaignkit import check_campaign
from helpers import SAMPLE
from support import browser_page, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server():
    with served(SAMPLE) as base:
        yield base


def test_data_health_dashboard_renders_counts_offline(server):
    with browser_page() as page:
        page.goto(server + "/voila/render/data_health.ipynb")
        page.wait_for_selector(".ck-counts", timeout=90_000)
        counts = page.inner_text(".ck-counts")
        payments = check_campaign(SAMPLE).results["payments"].counts.rows_read
        assert "一卡通发放明细" in counts
        assert f"{payments:,}" in counts
        assert "households.xlsx" in counts
        body = page.inner_text("body")
        assert "数据体检" in body
        assert "没有错误" in body
        assert "Traceback" not in body
        assert "from campaignkit" not in page.content()
        # A control change reaches the kernel and comes back.
        page.get_by_role("button", name="只看错误").click()
        page.wait_for_selector(".ck-problems, .ck-banner-ok >> text=这里没有问题", timeout=30_000)
        assert "这里没有问题" in page.inner_text("body")
        assert page.external_requests == []


def test_tree_page_lists_the_dashboard(server):
    with browser_page() as page:
        page.goto(server + "/voila/tree")
        page.wait_for_selector("text=data_health", timeout=60_000)
        assert "data_health.ipynb" in page.inner_text("body")
        assert page.external_requests == []
