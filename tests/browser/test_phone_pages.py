"""A hall full of phones (`serve --lan`): phones get kernel-free pages built from the
campaign; Voilà pages (kernels) answer only the laptop itself; the pages draw their charts
at 390 px with nothing fetched from outside and no websocket; they follow the campaign's files."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from campaignkit.features import registry
from campaignkit.load import check_campaign
from campaignkit.server.serve import lan_address
from helpers import ROOT, SAMPLE, append_line
from support import assert_chart_fits, assert_clean, browser_page, served

pytestmark = pytest.mark.browser
HOST = "campaign.test"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    campaign = tmp_path_factory.mktemp("phones") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token, campaign


def _get(url: str) -> tuple[int, str, str]:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=120) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), exc.read().decode()


def _kernels(base: str, token: str) -> int:
    with urllib.request.urlopen(f"{base}/campaignkit/health?token={token}", timeout=30) as response:
        return json.loads(response.read())["kernels"]


def test_other_machines_get_phone_pages_and_never_a_kernel(lan):
    base, token, _ = lan
    remote = base.replace("127.0.0.1", lan_address())
    assert remote != base, "this test needs the machine's network address"
    phone = registry().phone_pages()
    assert set(phone) == {"ledger", "timeline", "honors", "funding", "blueprint", "benefits_meeting"}
    for stem in phone:
        status, location, _ = _get(f"{remote}/voila/render/{stem}.ipynb?token={token}")
        assert status == 302
        assert location.endswith(f"/campaignkit/phone/{stem}?token={token}")
    for stem in ("index", "evaluation", "slides", "door_visit"):
        status, _, body = _get(f"{remote}/voila/render/{stem}.ipynb?token={token}")
        assert status == 403
        assert "手机版页面" in body
    assert _kernels(base, token) == 0
    status, _, body = _get(f"{remote}/campaignkit/phone/?token={token}")
    assert status == 200
    assert all(registry().phone_pages()[s].title in body for s in phone)
    assert "讲义：“六句话”的事实和道理（农牧民版）" in body  # the talks' handouts, in every version
    status, location, body = _get(f"{remote}/campaignkit/phone/ledger")
    assert (status == 302 and "/login" in location) or status == 403  # behind the token like everything else
    assert "发展账" not in body
    # The laptop itself still gets the full dashboard, with its kernel.
    status, _, body = _get(f"{base}/voila/render/ledger.ipynb?token={token}")
    assert status == 200
    assert "ck-phone" not in body


@pytest.mark.parametrize("stem", ["ledger", "timeline", "funding", "blueprint", "benefits_meeting"])
def test_a_phone_at_390_px_sees_each_pages_charts(lan, stem):
    base, token, _ = lan
    port = base.rsplit(":", 1)[1]
    with browser_page(width=390, height=844, host=HOST) as page:
        sockets = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(f"http://{HOST}:{port}/campaignkit/phone/{stem}?token={token}")
        for choice in (0, 1):
            if choice:
                page.locator("#ck-picker").select_option(index=1)
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            visible = page.locator(".ck-choice:not([hidden])")
            figures = visible.locator(".ck-figure").count()
            assert figures >= 1
            assert visible.locator(".ck-figure:has(.main-svg)").count() == figures
            assert "来源" in " ".join(visible.locator(".annotation-text").all_text_contents())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("getComputedStyle(document.querySelector('#ck-picker')).minHeight") == "60px"
        assert sockets == []
        assert_clean(page)


def test_phone_pages_follow_the_campaigns_files(lan):
    base, token, campaign = lan
    _, _, before = _get(f"{base}/campaignkit/phone/ledger?token={token}")
    assert "新加的指标" not in before
    append_line(campaign / "indicators.csv", "乌审旗,新加的指标,2020,1,个,测试来源,其他,,,,,是")
    append_line(campaign / "indicators.csv", "乌审旗,新加的指标,2022,3,个,测试来源,其他,,,,,是")
    _, _, after = _get(f"{base}/campaignkit/phone/ledger?token={token}")
    assert "新加的指标" in after


SI = re.compile(r"\d(\.\d+)?\s?[kMG]\b")


def test_no_chart_on_the_sample_shows_a_k_m_or_g(lan):
    """Every choice of every phone page, drawn: tick labels and bar labels in 万/亿 or digits."""
    base, token, _ = lan
    campaign = check_campaign(SAMPLE)
    with browser_page(width=390, height=844) as page:
        for stem in registry().phone_pages():
            page.goto(f"{base}/campaignkit/phone/{stem}?token={token}")
            count = page.locator("#ck-picker option").count()
            texts = []
            for index in range(count):
                page.locator("#ck-picker").select_option(index=index)
                page.wait_for_function("window.ckReady === true", timeout=60_000)
                texts += page.locator(".ck-choice:not([hidden]) svg text").all_text_contents()
            charted = any(c.figures for c in registry().phone_pages()[stem].phone(campaign).choices)
            assert bool(texts) == charted, stem  # a page with charts draws them (a gallery has none)
            bad = [t for t in texts if SI.search(t)]
            assert bad == [], (stem, bad[:5])
        assert any("万" in t for t in texts)  # the meeting page's averages (元) reach 万


def test_at_390_px_title_legend_and_badge_do_not_overlap_and_the_source_line_fits(lan):
    base, token, _ = lan
    with browser_page(width=390, height=844) as page:
        for stem in registry().phone_pages():
            page.goto(f"{base}/campaignkit/phone/{stem}?token={token}")
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            for chart in page.locator(".ck-choice:not([hidden]) .js-plotly-plot").all():
                assert_chart_fits(chart, 390, stem)


def test_read_aloud_speaks_a_charts_sentence_with_no_internet(lan):
    """A speaker button beside every chart's sentence: the laptop speaks it (espeak-ng, Mandarin) and the
    phone plays it; the sentence is also the chart's text for screen readers."""
    import io
    import wave

    base, token, _ = lan
    with urllib.request.urlopen(
        f"{base}/campaignkit/speak?token={token}&text=" + urllib.parse.quote("全镇共发放惠民资金4901万元"), timeout=60
    ) as response:
        assert response.headers["Content-Type"] == "audio/wav"
        audio = wave.open(io.BytesIO(response.read()))
    assert audio.getnframes() / audio.getframerate() > 0.5
    with browser_page(width=390, height=844) as page:
        page.goto(f"{base}/campaignkit/phone/benefits_meeting?token={token}")
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        visible = page.locator(".ck-choice:not([hidden])")
        charts = visible.locator(".ck-figure").count()
        sentences = visible.locator(".ck-say")
        assert sentences.count() == charts
        assert visible.locator(".ck-say .ck-speak").count() == charts
        label = visible.locator(".ck-figure").first.get_attribute("aria-label")
        assert label.startswith("图：")
        assert label == sentences.first.inner_text().strip()
        # The speaker is drawn, not a character an emoji-less phone shows as an empty box.
        button = visible.locator(".ck-say .ck-speak").first
        assert button.inner_text().strip() == ""
        assert button.get_attribute("aria-label") == "朗读这一段"
        icon = button.locator("svg").bounding_box()
        assert icon
        assert icon["width"] >= 20
        assert icon["height"] >= 20
        visible.locator(".ck-say .ck-speak").first.click()
        page.wait_for_function("() => window.ckSpeaking && window.ckSpeaking.readyState >= 1", timeout=30_000)
        assert page.evaluate("window.ckSpeaking.duration") > 0.5
        assert_clean(page)


BROKEN = """
from campaignkit.hookspecs import Feature, Page, hookimpl


def broken(campaign):
    raise RuntimeError("a builder bug")


@hookimpl
def feature():
    return Feature(name="ledger_copy", title="坏页")


@hookimpl
def pages():
    return [Page(notebook="broken.ipynb", title="坏页", summary="", view=broken, phone=broken)]
"""


def test_a_phone_page_that_cannot_be_built_says_so_in_chinese(tmp_path, install_feature):
    """A phone page whose builder fails is a Chinese page with the way back, never a
    traceback; the other phone pages still open."""
    install_feature("broken_phone", BROKEN)
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        status, _, body = _get(f"{base}/campaignkit/phone/broken?token={token}")
        assert status == 500
        assert "这一页暂时打不开" in body
        assert re.search(rf'href="/campaignkit/phone/?\?token={token}"', body)  # the way back to the phones' index
        assert "Traceback" not in body
        assert "builder bug" not in body
        status, _, body = _get(f"{base}/campaignkit/phone/ledger?token={token}")
        assert status == 200
        assert "发展账" in body


def test_a_bad_household_file_takes_down_only_the_pages_that_use_it(tmp_path):
    """The 1.6 KB xlsx that made calamine abort, as households.xlsx: the server stays up, the
    ledger's phone page (which never reads households) is served, and the benefits page, which
    does, says in Chinese that it cannot be built."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "core"))
    from test_nothing_lost import far_cell

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    far_cell(campaign / "households.xlsx", ["户编号", "户主姓名", "单位"])
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        status, _, page = _get(f"{base}/campaignkit/phone/ledger?token={token}")
        assert status == 200
        assert "Traceback" not in page
        status, _, page = _get(f"{base}/campaignkit/phone/benefits_meeting?token={token}")
        assert status == 200
        assert "户表暂时读不了" in page
        assert "Traceback" not in page
        assert _get(f"{base}/campaignkit/health?token={token}")[0] == 200  # still serving
