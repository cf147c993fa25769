"""Dashboard widgets without a browser: set a control, check the figure and the status line."""

from campaignkit.blueprint.view import BlueprintView


def test_blueprint_board_domains(sample):
    w = BlueprintView(sample.tables["blueprint"])
    assert "按计划推进" in w.sentences.value or "进度落后" in w.sentences.value
    w.domain.value = "养老"
    assert set(w.shown["domain"]) == {"养老"}
    assert len(w.chart.figure.data[0].y) == len(w.shown)
