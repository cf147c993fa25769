"""Talks in `campaignkit serve`, in Chromium: the projector page draws every chart with no
request leaving the page and carries no speaker note; the presenter's page follows the
projector through a whole talk (and drives it); the presenter's page is refused to any
machine but the laptop; the HTML handout draws its charts with the network disabled."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request

import pytest

from campaignkit.server.serve import lan_address
from helpers import SAMPLE, note_texts
from support import assert_clean, assert_readable, browser_page, served

pytestmark = pytest.mark.browser
TALK = "六句话"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    campaign = tmp_path_factory.mktemp("talks") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign) as base:
        yield base, campaign


def _url(base: str, view: str = "", audience: str = "农牧民") -> str:
    path = f"/campaignkit/talks/{urllib.parse.quote(TALK)}" + (f"/{view}" if view else "")
    return f"{base}{path}?audience={urllib.parse.quote(audience)}"


@pytest.mark.parametrize("audience", ["农牧民", "社区居民"])
def test_the_projector_page_draws_every_chart_and_carries_no_note(server, audience):
    base, _ = server
    notes = note_texts(TALK, audience)
    assert len(notes) >= 5
    with browser_page() as page:
        sockets = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(_url(base, audience=audience))
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        figures = page.locator(".ck-figure").count()
        assert figures >= 3
        assert page.locator(".ck-figure:has(.main-svg)").count() == figures
        html = page.content()
        for note in notes:
            assert note not in html
        assert sockets == []  # no kernel, no websocket: nothing but the page itself
        assert "演讲者视图" in page.inner_text(".ck-bar")
        assert_clean(page)


PLOT_AREA = """() => {
  const slide = document.querySelector('.ck-slide.current'), stage = document.querySelector('.ck-stage');
  const plots = [...slide.querySelectorAll('.nsewdrag')].map(p => p.getBoundingClientRect());
  return {plots: plots.map(r => [r.top, r.bottom]), stage: stage.getBoundingClientRect().bottom,
          overflow: slide.scrollHeight - slide.clientHeight, unfit: slide.getAttribute('data-ck-unfit'),
          sources: (slide.innerText.match(/来源：/g) || []).length, text: slide.innerText};
}"""


def test_every_slide_of_the_sample_talks_fits_a_village_projector(server):
    """Issue 25: at 1024×768 a chart slide's title and five-line source line left the plot 3 px
    high, a blueprint slide ran 1,083 px behind the toolbar, and every source was printed twice.
    On every slide of every sample talk, at 1024×768 and 1280×720, the plot area keeps 45 % of
    the screen's height, the slide fits without scrolling (a long source line becomes one line
    ending 详见数据表, text shrinks first), and a chart slide names its sources once. One page
    per talk, resized as a projector's resolution changes (the page fits again on resize)."""
    base, _ = server
    charts = 0
    for talk in ("六句话", "发展蓝图与六句话", "惠民账"):
        with browser_page(width=1024, height=768) as page:
            page.goto(_url(base).replace(urllib.parse.quote(TALK), urllib.parse.quote(talk)))
            page.wait_for_function("window.ckReady === true", timeout=60_000)
            for width, height in ((1024, 768), (1280, 720)):
                page.set_viewport_size({"width": width, "height": height})
                page.evaluate("window.ckFitSlide()")
                for index in range(page.evaluate("window.ckCount")):
                    page.evaluate(f"window.ckGo({index})")
                    page.evaluate("window.ckSettled.then(() => true)")
                    measured = page.evaluate(PLOT_AREA)
                    where = (talk, width, index + 1, measured)
                    assert_readable(page, where[:3], slide=True)
                    assert measured["overflow"] <= 1, where
                    assert measured["unfit"] is None, where
                    for top, bottom in measured["plots"]:
                        charts += 1
                        assert bottom - top >= 0.45 * height - 1, where
                        assert bottom <= measured["stage"], where
                        assert measured["sources"] == 1, where
                    if "详见数据表" in measured["text"]:
                        assert measured["text"].count("来源：") == 1, where
    assert charts >= 16


def test_the_projector_page_reads_on_a_phone(server):
    """Issue 25: at 390 px the bottom bar's buttons wrapped into one-character columns over the
    slide. Now the bar is one row of arrows and the counter, and no slide is wider than the phone."""
    base, _ = server
    with browser_page(width=390, height=844) as page:
        page.goto(_url(base))
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        bar = page.evaluate(
            """() => [...document.querySelectorAll('.ck-bar > *')].filter(e => e.offsetParent)
                 .map(e => [e.innerText.trim(), e.getBoundingClientRect().height, e.getBoundingClientRect().right])"""
        )
        assert [text for text, _, _ in bar] == ["◀", f"第 1 / {page.evaluate('window.ckCount')} 页", "▶"], bar
        assert all(height <= 56 and right <= 390 for _, height, right in bar), bar
        for index in range(page.evaluate("window.ckCount")):
            page.evaluate(f"window.ckGo({index})")
            wide = page.evaluate(
                "(() => { const s = document.querySelector('.ck-slide.current'); return s.scrollWidth - s.clientWidth; })()"
            )
            assert wide <= 1, (index + 1, wide)


def test_the_presenter_window_follows_the_projector_through_the_whole_talk(server):
    base, _ = server
    with browser_page() as projector:
        projector.goto(_url(base))
        projector.wait_for_function("window.ckReady === true", timeout=60_000)
        presenter = projector.context.new_page()
        presenter.goto(_url(base, "presenter"))
        presenter.wait_for_function("window.ckReady === true", timeout=60_000)
        count = projector.evaluate("window.ckCount")
        assert count >= 8
        assert presenter.evaluate("window.ckIndex()") == 0
        for index in range(1, count):
            projector.keyboard.press("ArrowRight" if index % 2 else "PageDown")
            presenter.wait_for_function(f"window.ckIndex() === {index}", timeout=5_000)
            assert projector.evaluate("window.ckIndex()") == index
            shown = presenter.locator(".ck-notes.current").inner_text()
            assert shown  # this slide's notes, or "（这一页没有备注）"
        projector.keyboard.press("ArrowRight")  # past the end: stays on the last slide
        assert projector.evaluate("window.ckIndex()") == count - 1
        assert "这是最后一页" in presenter.inner_text("#ck-next")
        # The presenter drives the projector too (a clicker plugged into the lecturer's laptop).
        presenter.keyboard.press("PageUp")
        projector.wait_for_function(f"window.ckIndex() === {count - 2}", timeout=5_000)
        note = note_texts(TALK, "农牧民")[0]
        presenter.keyboard.press("Home")
        projector.wait_for_function("window.ckIndex() === 0", timeout=5_000)
        assert note[:10] in presenter.locator(".ck-notes.current").inner_text()
        assert_clean(projector)


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    """``serve --lan``, and the address another machine (here: this machine's own network
    address, which is not loopback) reaches it at."""
    address = lan_address()
    assert not address.startswith("127."), "this test needs the machine's network address"
    assert address[0].isdigit(), "this test needs the machine's network address"
    campaign = tmp_path_factory.mktemp("lan") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    with served(campaign, "--lan") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, base.replace("127.0.0.1", address), token


def test_the_presenter_page_is_refused_to_other_machines(lan):
    """Under --lan, another machine gets 403 for the presenter's page, and a projector page that
    has neither the notes nor a link to them; the laptop itself gets both."""
    base, remote, token = lan
    if True:
        notes = note_texts(TALK, "农牧民")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(_url(remote, "presenter") + f"&token={token}", timeout=120)
        assert refused.value.code == 403
        assert all(note not in refused.value.read().decode() for note in notes)
        with urllib.request.urlopen(_url(remote) + f"&token={token}", timeout=120) as response:
            page = response.read().decode()
        assert "演讲者视图" not in page
        assert all(note not in page for note in notes)
        with urllib.request.urlopen(_url(base, "presenter") + f"&token={token}", timeout=120) as response:
            assert notes[0] in response.read().decode()  # the laptop itself


def test_the_html_handout_renders_its_charts_with_the_network_disabled(server, tmp_path):
    base, _ = server
    with urllib.request.urlopen(_url(base, "handout") + "&download=1", timeout=120) as response:
        assert "attachment" in response.headers["Content-Disposition"]
        html = response.read().decode()
    assert "http://" not in html
    assert "https://" not in html
    assert all(note not in html for note in note_texts(TALK, "农牧民"))
    handout = tmp_path / "handout.html"
    handout.write_text(html, encoding="utf-8")
    with browser_page(width=390, height=844) as page:
        page.context.set_offline(True)
        page.goto(handout.as_uri())
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        figures = page.locator(".ck-figure").count()
        assert figures >= 3
        assert page.locator(".ck-figure:has(.main-svg)").count() == figures
        assert page.external_requests == [handout.as_uri()]  # the file itself, and nothing else


def test_the_guide_page_shows_evidence_and_starts_a_talk_the_talks_page_lists(server):
    base, campaign = server
    with browser_page() as page:
        page.goto(f"{base}/voila/render/guide.ipynb")
        page.wait_for_selector(".ck-guide-point", timeout=120_000)
        page.locator(".widget-dropdown select").select_option(index=2)  # 第三句
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ck-guide-point')].some(e => e.innerText.includes('草原补奖'))", timeout=30_000
        )
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        assert "来源" in " ".join(page.locator(".js-plotly-plot .annotation-text").all_text_contents())
        page.locator(".widget-dropdown select").select_option(index=3)  # 第四句: nothing in the reference data
        page.wait_for_selector("text=辅导书里还没有这一句的要点", timeout=30_000)
        page.locator(".widget-dropdown select").select_option(index=0)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.ck-guide-point')].some(e => e.innerText.includes('伊克昭盟'))", timeout=30_000
        )
        page.get_by_placeholder("例如").fill("浏览器里写的讲稿")
        page.get_by_role("button", name="用勾选的要点开始写讲稿").click()
        page.wait_for_selector("text=已生成讲稿", timeout=30_000)
        assert (campaign / "talks" / "浏览器里写的讲稿.ipynb").exists()
        assert_clean(page)
        page.goto(f"{base}/voila/render/talks.ipynb")
        page.wait_for_selector(".ck-talk", timeout=120_000)
        assert "浏览器里写的讲稿" in page.inner_text("body")
        assert "六句话" in page.inner_text("body")
        with page.context.expect_page(timeout=60_000) as opened:
            page.locator(".ck-talk", has_text="浏览器里写的讲稿").get_by_role("link", name="▶ 放映").first.click()
        deck = opened.value
        deck.wait_for_function("window.ckReady === true", timeout=120_000)
        assert deck.evaluate("window.ckCount") >= 2


def test_the_projector_at_1024_by_768_has_no_text_under_24_px_and_keeps_its_labels(server):
    """The common projector resolution: every slide's text and chart text ≥ 24 px, chart lines
    ≥ 3 px, and every label (the source line too) inside the slide."""
    base, _ = server
    with browser_page(width=1024, height=768) as page:
        page.goto(_url(base))
        page.wait_for_function("window.ckReady === true", timeout=60_000)
        for index in range(page.evaluate("window.ckCount")):
            page.evaluate(f"window.ckGo({index})")
            slide = page.locator(".ck-slide.current")
            sizes = slide.evaluate(
                """s => [...s.querySelectorAll('*')].filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                     .map(e => [e.textContent.trim().slice(0, 16), parseFloat(getComputedStyle(e).fontSize)])"""
            )
            small = [t for t in sizes if t[1] < 24]
            assert small == [], (index, small[:3])
            bar = page.locator(".ck-bar *").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
            assert min(bar) >= 24
            widths = slide.locator(".js-line").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).strokeWidth))")
            assert all(w >= 3 for w in widths), (index, widths)
            frame = slide.bounding_box()
            for label in slide.locator(".annotation, .gtitle, .xtick, .ytick").all():
                box = label.bounding_box()
                if box is None:
                    continue
                assert frame["x"] - 1 <= box["x"], (index, box)
                assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (index, box)


def test_phones_follow_the_projector_slide_by_slide(lan):
    """跟随投影 (issue 25): a phone opens the talk from the phones' index and shows the slide the
    laptop's projector shows, moving when the presenter moves, with no reload; a tap on ◀ stops
    following until the phone asks again; only the laptop can move the talk."""
    base, remote, token = lan
    with browser_page(width=1024, height=768) as projector:
        projector.goto(_url(base) + f"&token={token}")
        projector.wait_for_function("window.ckReady === true", timeout=60_000)
        projector.keyboard.press("ArrowRight")
        # The phones' index now offers the talk being shown, first.
        status_index = urllib.request.urlopen(f"{remote}/campaignkit/phone/?token={token}", timeout=60).read().decode()
        follow = re.search(r'href="([^"]*/follow[^"]*)">跟随投影：([^<]*)<', status_index)
        assert follow, status_index[:2000]
        assert "农牧民版" in follow.group(2), status_index[:2000]
        phone = projector.context.browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
        if True:
            phone.goto(remote + follow.group(1).replace("&amp;", "&") + "&mode=elder")
            phone.wait_for_function("() => window.ckReady === true && window.ckIndex() === 1", timeout=60_000)
            phone.evaluate("window.ckLoads = (window.ckLoads || 0) + 1")
            assert phone.evaluate("document.documentElement.classList.contains('ck-elder')")
            assert phone.locator("#ck-follow").get_attribute("aria-pressed") == "true"
            for key, expected in (("ArrowRight", 2), ("ArrowRight", 3), ("ArrowLeft", 2)):
                projector.keyboard.press(key)
                phone.wait_for_function(f"() => window.ckIndex() === {expected}", timeout=10_000)
            assert phone.evaluate("window.ckLoads") == 1  # moved in place, never reloaded
            phone.locator(".ck-bar [data-go='-1']").click()  # looks back on its own
            assert phone.evaluate("window.ckIndex()") == 1
            projector.keyboard.press("ArrowRight")
            phone.wait_for_timeout(1500)
            assert phone.evaluate("window.ckIndex()") == 1
            assert phone.locator("#ck-follow").get_attribute("aria-pressed") == "false"
            phone.locator("#ck-follow").click()  # back to the hall's slide
            phone.wait_for_function("() => window.ckIndex() === 3", timeout=5_000)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            assert "演讲者视图" not in phone.content()
    at = f"{remote}/campaignkit/talks/{urllib.parse.quote(TALK)}/at?audience={urllib.parse.quote('农牧民')}&token={token}"
    moved = urllib.request.Request(at, data=b'{"index": 0}', method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(moved, timeout=60)
    assert refused.value.code == 403
    with urllib.request.urlopen(at, timeout=60) as response:
        assert json.loads(response.read())["index"] == 3


def test_the_presenter_window_says_which_slide_the_projector_cannot_fit(server):
    """The trainer's preview (issue 25): eleven targets said one by one beside their board do
    not fit a 1024×768 projector; the presenter's window says so on that slide, the projector
    itself shows the hall nothing of it."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    base, campaign = server
    path = campaign / "talks" / "放不下.ipynb"
    path.parent.mkdir(exist_ok=True)
    cells = [
        new_markdown_cell("# 蓝图"),
        new_code_cell("from campaignkit.talks import talk"),
        new_markdown_cell("## 五年目标"),
        new_code_cell("talk.blueprint(detail=True)"),
    ]
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}), path)
    address = f"{base}/campaignkit/talks/{urllib.parse.quote('放不下')}"
    with browser_page(width=1024, height=768) as projector:
        projector.goto(address)
        projector.wait_for_function("() => window.ckReady === true", timeout=120_000)
        presenter = projector.context.new_page()
        presenter.goto(f"{address}/presenter")
        presenter.wait_for_function("() => window.ckReady === true", timeout=60_000)
        assert presenter.locator("#ck-warn").is_hidden()  # the title slide fits
        projector.keyboard.press("ArrowRight")
        presenter.wait_for_function("() => window.ckIndex() === 1", timeout=10_000)
        presenter.wait_for_selector("#ck-warn:not([hidden])", timeout=10_000)
        assert "这一页在投影（1024×768）上图表和文字放不下" in presenter.inner_text("#ck-warn")
        assert "放不下" not in projector.inner_text("body")
