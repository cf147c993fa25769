"""``campaignkit talk check``: every slide of a talk as the projector page lays it out, in
Chromium, at the sizes village-hall projectors have. The page itself decides what fits (it
shrinks text and shortens source lines, and marks a slide it cannot fit: ``data-ck-unfit``);
this reads those marks, so the check and the hall can never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.campaign import resolve_campaign_dir
from ..ui import static
from .build import build_deck
from .notebook import Deck
from .render import projector_page

SIZES = ((1024, 768), (1280, 720))


@dataclass(frozen=True)
class Misfit:
    slide: int  # 1-based, as the projector's counter says
    title: str
    size: str  # "1024×768"
    reason: str

    def line(self) -> str:
        return f"第 {self.slide} 页“{self.title}”在 {self.size} 的投影上：{self.reason}"


_MEASURE = """(i) => new Promise(done => {
  window.ckGo(i);
  window.ckSettled.then(() => {
    const slide = document.querySelectorAll('.ck-stage .ck-slide')[i];
    done(slide.getAttribute('data-ck-unfit') || '');
  });
})"""


def check_deck(deck: Deck, sizes: tuple[tuple[int, int], ...] = SIZES) -> list[Misfit]:
    """The slides of ``deck`` that do not fit, at each size (an empty list: every slide fits)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    html = projector_page(deck, channel="ck-check")
    misfits: list[Misfit] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=static.find_chromium(), args=static.CHROMIUM_ARGS)
            try:
                for width, height in sizes:
                    page = static.offline_page(browser, viewport={"width": width, "height": height})
                    page.set_content(html, wait_until="load")
                    page.wait_for_function("window.ckReady === true", timeout=60_000)
                    for index, slide in enumerate(deck.slides):
                        reason = page.evaluate(_MEASURE, index)
                        if reason:
                            misfits.append(Misfit(index + 1, slide.title, f"{width}×{height}", reason))
                    page.context.close()
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise static.StaticPageError(f"Chromium 没能打开讲稿：{str(exc).splitlines()[0]}") from None
    return misfits


def check_talk(notebook: str | Path, campaign: str | Path | None = None, *, audience: str | None = None) -> list[Misfit]:
    deck = build_deck(notebook, resolve_campaign_dir(campaign), audience=audience)
    return check_deck(deck.without_notes())
