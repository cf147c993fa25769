"""The full sweep (``make sweep``; not in ``make test``, which checks one combination per
page): every kernel-free page — the phones' index, each phone page with each of its choices,
each sample talk's handout — and every Voilà dashboard on the lecturer's laptop, in normal and
elders' mode, at 390 px and at 1024 × 768; every slide of every sample talk on the projector
at 1024 × 768, 1280 × 720 and 390 px, and as a phone following it (跟随投影), in both modes.
Each page passes the page checker (``support.unreadable``)."""

from __future__ import annotations

import re
import shutil
import urllib.parse

import pytest
from test_elder_mode import VOILA_PAGES, _check, check_voila_page
from test_phone_pages import SI

from campaignkit.features import registry
from campaignkit.talks import list_talks
from helpers import SAMPLE
from support import assert_chart_fits, assert_readable, browser_page, served

pytestmark = [pytest.mark.browser, pytest.mark.sweep]
SIZES = [(390, 844), (1024, 768)]


def answered_sample(tmp_path_factory):
    """The sample campaign with its questionnaires' invented answers imported, as `make
    dashboards` serves it (the evaluation page draws its charts only with answers)."""
    from campaignkit.cli import main

    campaign = tmp_path_factory.mktemp("sweep") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    for answers in ("survey_responses.csv", "appraisal_responses.csv"):
        assert main(["forms", "import", str(campaign / "forms" / answers), str(campaign)]) == 0
    return campaign


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    campaign = answered_sample(tmp_path_factory)
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token


def _addresses(token: str) -> list[tuple[str, str]]:
    pages = [(stem, f"/campaignkit/phone/{stem}?token={token}") for stem in registry().phone_pages()]
    for talk in list_talks(SAMPLE):
        for audience in (None, *talk.audiences):
            query = f"?audience={urllib.parse.quote(audience)}&token={token}" if audience else f"?token={token}"
            pages.append(
                (f"handout {talk.name} {audience}", f"/campaignkit/talks/{urllib.parse.quote(talk.name)}/handout{query}")
            )
    return pages


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_static_page_every_mode_every_size(lan, mode, size):
    base, token = lan
    width, height = size
    with browser_page(width=width, height=height) as page:
        for name, address in _addresses(token):
            page.goto(f"{base}{address}&mode={mode}")
            page.wait_for_function("() => window.ckReady === true", timeout=120_000)
            choices = page.locator("#ck-picker option").count() or 1
            for index in range(choices):
                if page.locator("#ck-picker").count():
                    page.locator("#ck-picker").select_option(index=index)
                    page.wait_for_function("() => window.ckReady === true", timeout=60_000)
                assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (name, index)
                assert_readable(page, (name, index, mode, width))
                texts = page.locator("svg text").all_text_contents()
                assert not [t for t in texts if SI.search(t)], (name, index)
                if width < 640:
                    for chart in page.locator(".ck-choice:not([hidden]) .js-plotly-plot, main .js-plotly-plot").all():
                        assert_chart_fits(chart, width, f"{name} {index}")
                for note in page.locator(".ck-choice:not([hidden]) .annotation, main .annotation").all():
                    box = note.bounding_box()
                    if box:
                        assert box["x"] >= -1, (name, index, note.text_content()[:20])
                        assert box["x"] + box["width"] <= width + 1, (name, index, note.text_content()[:20])
                if mode == "elder" and index == 0:
                    shown = ".ck-choice:not([hidden]) svg text" if page.locator("#ck-picker").count() else "main svg text"
                    _check(page, name, charts=page.locator(shown).count() > 0, chart_text=shown)


@pytest.fixture(scope="module")
def laptop(tmp_path_factory):
    with served(answered_sample(tmp_path_factory)) as base:
        yield base


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_dashboard_every_mode_every_size(laptop, mode, size):
    """The Voilà dashboards on the lecturer's laptop, every page, both modes, both sizes."""
    width, height = size
    with browser_page(width=width, height=height) as page:
        for name in VOILA_PAGES:
            check_voila_page(page, laptop, name, width, mode)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (390, 844)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_slide_on_the_projector_and_on_a_following_phone(lan, size):
    """Every slide of every sample talk (each audience's version): on the projector (the 45 %
    plot rule at projector sizes) and, at 390 px, as the phones following it in both modes."""
    base, token = lan
    width, height = size
    views = [("", "normal")] + ([("/follow", "normal"), ("/follow", "elder")] if width < 640 else [])
    with browser_page(width=width, height=height) as page:
        for talk in list_talks(SAMPLE):
            for audience in (None, *talk.audiences):
                query = f"?token={token}" + (f"&audience={urllib.parse.quote(audience)}" if audience else "")
                for view, mode in views:
                    page.goto(f"{base}/campaignkit/talks/{urllib.parse.quote(talk.name)}{view}{query}&mode={mode}")
                    page.wait_for_function("() => window.ckReady === true", timeout=120_000)
                    for index in range(page.evaluate("window.ckCount")):
                        page.evaluate(f"window.ckGo({index})")
                        page.evaluate("window.ckSettled.then(() => true)")
                        assert_readable(page, (talk.name, audience, view, mode, index + 1), slide=not view and width >= 640)


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_ledger_in_projection_type_on_a_projector(laptop, size):
    """The ledger's 投影大字 mode (issue 25: its chart collapsed at 1024×768) passes the checker."""
    width, height = size
    with browser_page(width=width, height=height) as page:
        page.goto(f"{laptop}/voila/render/ledger.ipynb")
        page.wait_for_selector("#rendered_cells .jp-OutputArea-output", timeout=120_000)
        page.get_by_role("button", name="投影大字").click()
        page.wait_for_timeout(3000)  # the kernel draws the charts again, large
        assert_readable(page, ("ledger 投影大字", width))


def _form_and_ballot_addresses(token: str) -> list[tuple[str, str]]:
    """Every form of the sample, and every selection's ballot, nominees and results pages."""
    from campaignkit.features import registry as features
    from campaignkit.forms import CampaignForms
    from campaignkit.honors.selections import selections
    from campaignkit.load import check_campaign

    pages = [
        (f"form {f.form_id}", f"/forms/{f.form_id}?token={token}") for f in CampaignForms(SAMPLE, features().form_checks()).all()
    ]
    for s in selections(check_campaign(SAMPLE, tables=["selections"])):
        pages.append((f"ballot {s.code}", f"/vote/{s.code}?token={token}"))
        pages += [(f"{page} {s.code}", f"/campaignkit/vote/{s.code}/{page}?token={token}") for page in ("nominees", "results")]
    return pages + [("selections", f"/campaignkit/vote/?token={token}"), ("hall index", f"/campaignkit/phone/?token={token}")]


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_form_and_ballot_page_every_mode_every_size(lan, mode, size):
    """Forms (questionnaires, quizzes, the door-visit form) and the selections' pages."""
    base, token = lan
    width, height = size
    with browser_page(width=width, height=height) as page:
        for name, address in _form_and_ballot_addresses(token):
            response = page.goto(f"{base}{address}&mode={mode}")
            if response.status == 403:
                continue  # a page only the laptop or a cadre opens
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
            assert_readable(page, (name, mode, width))
