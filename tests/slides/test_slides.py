"""The slide show: one point per slide, one theme per registered feature deck."""

from campaignkit.ledger.slides import ledger_slides
from campaignkit.slides.view import slides_view
from campaignkit.ui.deck import Deck


def test_slides_one_point_per_slide(sample):
    deck = Deck(ledger_slides(sample.tables["indicators"]))
    assert len(deck.slides) >= 3
    real = [s for s in deck.slides[1:] if not s.illustrative]
    assert real
    assert deck.slides[1] is real[0]
    deck.next.click()
    assert deck.index == 1
    assert deck.figure.figure is not None
    assert deck.figure.figure.layout.template.layout.font.size >= 24
    deck.go(10**6)
    assert deck.index == len(deck.slides) - 1
    assert deck.next.disabled


def test_slide_show_switches_theme():
    show = slides_view()
    show.theme.value = "发展蓝图"
    assert show.deck.slides[0].title.startswith("发展蓝图")
