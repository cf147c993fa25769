"""Dashboard widgets without a browser: set a control, check the figure and the status line."""

import base64

import pytest

from campaignkit import load_campaign
from campaignkit.ui.charts import SOURCE_LINE_NAME, annotation
from campaignkit.blueprint.view import BlueprintView
from campaignkit.funding.view import FundingView
from campaignkit.ledger.view import LedgerView
from campaignkit.slides.view import slides_view
from campaignkit.ui.deck import Deck
from campaignkit.ledger.slides import ledger_slides


def test_blueprint_board_domains(sample):
    w = BlueprintView(sample.tables["blueprint"])
    assert "按计划推进" in w.sentences.value or "进度落后" in w.sentences.value
    w.domain.value = "养老"
    assert set(w.shown["domain"]) == {"养老"}
    assert len(w.chart.figure.data[0].y) == len(w.shown)
