"""长辈模式 on the phone pages, measured in Chromium at 390 px from what the page computes:
text ≥ 24 px and headings ≥ 40 px, line spacing ≥ 1.3, contrast ≥ 4.5:1 from the page's own
colours, touch targets ≥ 60 × 60, chart text ≥ 20 px; the switch is remembered by the
browser and ``?mode=elder`` opens a page in it."""

from __future__ import annotations

import re
import shutil

import pytest

from campaignkit.features import registry
from campaignkit.load import check_campaign
from campaignkit.ui.elder import CHART_TEXT_PX
from helpers import SAMPLE
from support import ELDER_MEASURE as MEASURE
from support import ELDER_TARGETS as TARGETS
from support import assert_chart_fits, assert_clean, assert_readable, browser_page, served

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    campaign = tmp_path_factory.mktemp("elder") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token


def _check(page, where: str, charts: bool = True, chart_text: str = ".ck-choice:not([hidden]) svg text") -> None:
    texts = page.evaluate(MEASURE)
    assert texts, where
    for t in texts:
        heading = t["tag"] == "H1"
        assert t["size"] >= (40 if heading else 24) - 0.01, (where, t)
        assert t["line"] >= 1.3 * t["size"] - 0.5, (where, t)
        assert t["contrast"] >= 4.5, (where, t)
    for target in page.evaluate(TARGETS):
        assert target["w"] >= 60, (where, target)
        assert target["h"] >= 60, (where, target)
    sizes = page.locator(chart_text).evaluate_all(
        "els => els.filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert bool(sizes) == charts, where
    assert all(s >= CHART_TEXT_PX for s in sizes), (where, min(sizes, default=None))
    assert_readable(page, where)  # the page checker: no text over text, exact ticks, Chinese words


def test_every_phone_page_in_elders_mode_meets_the_numbers(lan):
    base, token = lan
    with browser_page(width=390, height=844) as page:
        page.goto(f"{base}/campaignkit/phone/?token={token}&mode=elder")
        assert page.evaluate("document.documentElement.classList.contains('ck-elder')")
        _check(page, "index", charts=False)
        campaign = check_campaign(SAMPLE)
        for stem, spec in registry().phone_pages().items():
            # A page whose first choice has charts must show their text (a gallery has none).
            charted = bool(spec.phone(campaign).choices[0].figures)
            page.goto(f"{base}/campaignkit/phone/{stem}?token={token}")  # remembered: no ?mode here
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            assert page.locator(".ck-elder-switch").get_attribute("aria-pressed") == "true"
            _check(page, stem, charts=charted)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert_clean(page)


def test_the_switch_is_one_tap_and_remembered(lan):
    base, token = lan
    with browser_page(width=390, height=844) as page:
        page.goto(f"{base}/campaignkit/phone/ledger?token={token}")
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert not page.evaluate("document.documentElement.classList.contains('ck-elder')")
        page.locator(".ck-elder-switch").click()
        page.wait_for_function("document.documentElement.classList.contains('ck-elder')", timeout=30_000)
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 24 > normal
        page.goto(f"{base}/campaignkit/phone/funding?token={token}")
        assert page.evaluate("document.documentElement.classList.contains('ck-elder')")
        page.goto(f"{base}/campaignkit/phone/funding?token={token}&mode=normal")
        assert not page.evaluate("document.documentElement.classList.contains('ck-elder')")


def test_in_elders_mode_charts_keep_their_labels_on_the_screen(lan):
    base, token = lan
    with browser_page(width=390, height=844) as page:
        for stem in registry().phone_pages():
            page.goto(f"{base}/campaignkit/phone/{stem}?token={token}&mode=elder")
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            for chart in page.locator(".ck-choice:not([hidden]) .js-plotly-plot").all():
                assert_chart_fits(chart, 390, stem)
                frame = chart.bounding_box()
                for note in chart.locator(".annotation").all():
                    box = note.bounding_box()
                    assert box["x"] >= 0, (stem, note.text_content()[:20], box)
                    assert box["x"] + box["width"] <= 391, (stem, note.text_content()[:20], box)
                    assert frame["y"] - 1 <= box["y"], stem
                    assert box["y"] + box["height"] <= frame["y"] + frame["height"] + 1, stem
                title = chart.locator(".gtitle").first
                if title.count():
                    box = title.bounding_box()
                    assert box["y"] >= frame["y"] - 1, (stem, "title above its chart")


# Voilà dashboards on the lecturer's laptop: every page of the registry and the index.
VOILA_PAGES = ["index", *(p.notebook.removesuffix(".ipynb") for p in registry().pages)]


@pytest.fixture(scope="module")
def laptop():
    with served(SAMPLE) as base:
        yield base


def check_voila_page(page, base: str, name: str, width: int, mode: str) -> None:
    """A Voilà dashboard as a person sees it at ``width`` in ``mode``: nothing runs off the
    screen, no k / M / G on a chart, charts laid out for the width, and in 长辈模式 the numbers."""
    from test_phone_pages import SI

    page.goto(f"{base}/voila/render/{name}.ipynb?mode={mode}")
    page.wait_for_selector("#rendered_cells .jp-OutputArea-output", timeout=120_000)
    page.wait_for_function(
        "() => !document.querySelector('#loading') || document.querySelector('#loading').offsetParent === null"
    )
    page.wait_for_timeout(800)  # widgets and charts drawn after the kernel's last output
    where = f"{name} {mode} {width}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, where
    charts = [c for c in page.locator(".js-plotly-plot").all() if c.is_visible()]
    texts = page.locator(".js-plotly-plot svg text").all_text_contents()
    assert not [t for t in texts if SI.search(t)], where
    if width < 640 or mode == "elder":
        for chart in charts:
            assert_chart_fits(chart, width, where)
    if mode == "elder":
        _check(page, where, charts=bool(charts), chart_text=".js-plotly-plot svg text")
    else:
        assert_readable(page, where)
    assert_clean(page)


def test_every_dashboard_in_elders_mode_on_a_phone_sized_window(laptop):
    """One combination per page here (the sweep, ``make sweep``, runs them all); one browser."""
    with browser_page(width=390, height=844) as page:
        for name in VOILA_PAGES:
            check_voila_page(page, laptop, name, 390, "elder")


SENTENCE = re.compile(r"[^。\n]*\d+ 年间[^。\n]*。")


def test_the_phone_and_the_projector_say_the_same_then_and_now(laptop):
    """Issue 25: the laptop's ledger opened on 2013–2022 ("增长了 37.6%"), the phone's on
    2013–2023 ("46.3%"). As drawn in Chromium, the phone page's first indicator says, for every
    region, the sentence the laptop's dashboard says when it opens."""
    with browser_page(width=1024, height=768) as page:
        page.goto(f"{laptop}/voila/render/ledger.ipynb")
        page.wait_for_selector("#rendered_cells .jp-OutputArea-output", timeout=120_000)
        page.wait_for_function("() => document.body.innerText.includes('年间')", timeout=120_000)
        projector = set(SENTENCE.findall(page.inner_text("body")))
        page.goto(f"{laptop}/campaignkit/phone/ledger")
        page.wait_for_function("() => window.ckReady === true", timeout=60_000)
        phone = set(SENTENCE.findall(page.locator(".ck-choice:not([hidden])").first.inner_text()))
    assert projector, (projector, phone)
    assert projector <= phone, (projector, phone)
