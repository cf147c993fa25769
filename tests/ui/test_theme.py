"""campaignkit's plotly theme: registered once, CJK fonts first, a presenter variant."""

import plotly.io as pio

from campaignkit.ui import theme


def test_theme_is_registered_with_cjk_fonts_and_a_presenter_variant():
    normal, big = pio.templates[theme.NAME], pio.templates[theme.PRESENTER]
    assert normal.layout.font.family.startswith("Noto Sans CJK SC")
    assert big.layout.font.size > normal.layout.font.size * 1.4
    assert list(normal.layout.colorway) == theme.PALETTE
