"""Chart builders: structure, values, the source line and the 示例 badge (never pixels)."""

import pandas as pd
import plotly.io as pio
import pytest

from campaignkit import load_campaign
from campaignkit.blueprint import compute as blueprint
from campaignkit.funding import compute as funding
from campaignkit.ledger import compute as ledger
from campaignkit.blueprint.charts import blueprint_board
from campaignkit.funding.charts import funding_by_level, funding_shares
from campaignkit.ledger.charts import indicator_over_time, then_and_now_chart
from campaignkit.ui import theme
from campaignkit.ui.charts import BADGE_NAME, SOURCE_LINE_NAME, annotation


def test_theme_is_registered_with_cjk_fonts_and_a_presenter_variant():
    normal, big = pio.templates[theme.NAME], pio.templates[theme.PRESENTER]
    assert normal.layout.font.family.startswith("Noto Sans CJK SC")
    assert big.layout.font.size > normal.layout.font.size * 1.4
    assert list(normal.layout.colorway) == theme.PALETTE
