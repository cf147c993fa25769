"""The hall's QR code page (issue 25: the only QR code was text art in the terminal): one large
code on the projector for the phones' index, with the token written out for typing; answered
only to the laptop, and saying how to start LAN mode when it is off."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request

import pytest

from campaignkit.server.hall import grouped
from campaignkit.server.serve import lan_address
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser


def test_one_large_code_for_the_hall_only_on_the_laptop(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        assert f"/campaignkit/hall?token={token}" in served.log_path.read_text()  # the start-up screen says where
        with browser_page(width=1024, height=768) as page:
            page.goto(f"{base}/campaignkit/hall?token={token}")
            box = page.locator(".ck-qr svg").bounding_box()
            assert box["height"] >= 0.55 * 768
            assert box["y"] >= 0
            assert box["y"] + box["height"] <= 768
            text = page.inner_text("main")
            assert f"{lan_address()}" in text
            assert grouped(token) in text
            assert page.evaluate("document.documentElement.scrollHeight") <= 768 + 1  # one screen, nothing cut
            assert_clean(page)
        remote = f"{base.replace('127.0.0.1', lan_address())}/campaignkit/hall?token={token}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(remote, timeout=30)
        assert refused.value.code == 403
        assert "只在宣讲员的电脑上" in refused.value.read().decode()


def test_without_lan_mode_the_page_says_how_to_let_phones_in(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign) as base:
        page = urllib.request.urlopen(f"{base}/campaignkit/hall", timeout=30).read().decode()
        assert "--lan" in page
        assert "手机还连不上" in page
        assert 'class="ck-qr"' not in page
