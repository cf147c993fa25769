"""What every feature owes its viewers: valid figures, dashboards that cope with an
empty campaign, and the 示例 badge on every table of invented figures."""

import shutil

import pandas as pd

from campaignkit.blueprint import compute as blueprint
from campaignkit.blueprint.charts import blueprint_board
from campaignkit.blueprint.view import BlueprintView
from campaignkit.funding import compute as funding
from campaignkit.funding.charts import funding_by_level, funding_shares
from campaignkit.funding.view import FundingView
from campaignkit.ledger import compute as ledger
from campaignkit.ledger.charts import indicator_over_time, then_and_now_chart
from campaignkit.ledger.view import LedgerView
from helpers import SAMPLE


def test_every_builder_makes_a_valid_plotly_figure(sample):
    """Builders skip plotly's validation for speed; here every output is validated."""
    import plotly.graph_objects as go

    sel = ledger.select(sample.tables["indicators"], "地区生产总值")
    region = sel.frame["region"].iloc[-1]
    tidy = funding.by_level(sample.tables["projects"])
    figures = [
        indicator_over_time(sel),
        indicator_over_time(sel, presenter=True),
        then_and_now_chart(ledger.then_and_now(sel, region)),
        funding_by_level(tidy, pd.DataFrame({"source": ["s"]}), illustrative=True),
        funding_shares(funding.level_totals(tidy), pd.DataFrame({"source": ["s"]}), illustrative=False),
        blueprint_board(blueprint.progress(sample.tables["blueprint"]), presenter=True),
    ]
    for fig in figures:
        go.Figure(fig.to_dict())  # raises ValueError on any invalid property


def _texts(widget) -> str:
    """Every text a widget tree shows (HTML values, descriptions, captured outputs)."""
    parts = [str(getattr(widget, "value", "")), str(getattr(widget, "description", ""))]
    for output in getattr(widget, "outputs", ()):
        parts.append(str(output))
    for child in getattr(widget, "children", ()):
        parts.append(_texts(child))
    return " ".join(parts)


def test_every_registered_page_copes_with_an_empty_campaign(tmp_path):
    """Each page's view, as the registry names it, on a folder with only campaign.toml:
    a readable page with no error banner, never an exception."""
    from campaignkit.features import registry

    shutil.copy(SAMPLE / "campaign.toml", tmp_path / "campaign.toml")
    views = [page.view for page in registry().pages]
    assert len(views) >= 7
    for path in views:
        widget = path(tmp_path)
        shown = _texts(widget)
        assert "出了点问题" not in shown, path
        assert "Traceback" not in shown, path
        assert shown.strip(), path


def test_tables_of_invented_figures_carry_the_badge(sample):
    funding_view = FundingView(sample.tables["projects"])
    assert "示例" in funding_view.table.value
    assert "示例" in funding_view.quantities.value
    board = BlueprintView(sample.tables["blueprint"])
    assert "ck-badge-illustrative" in board.table.value
    ledger_view = LedgerView(sample.tables["indicators"])
    ledger_view.category.value = "收入"
    ledger_view.indicator.value = "农牧民人均可支配收入"
    ledger_view.tabs.selected_index = 2
    assert "ck-badge-illustrative" in ledger_view.table.value
