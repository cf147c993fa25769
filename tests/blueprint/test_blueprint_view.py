"""The blueprint board without a browser: statuses in words, the domain filter, presets."""

from campaignkit.blueprint.view import BlueprintView


def test_blueprint_board_domains(sample):
    w = BlueprintView(sample.tables["blueprint"])
    # The sample: 5 targets on track, 5 behind, 1 without a latest figure; each said in words.
    assert w.sentences.value.count("[按计划推进]") == 5
    assert w.sentences.value.count("[进度落后]") == 5
    assert w.sentences.value.count("[暂无最新数据]") == 1
    w.domain.value = "养老"
    assert set(w.shown["domain"]) == {"养老"}
    assert len(w.chart.figure.data[0].y) == len(w.shown)


def test_blueprint_preset_domain(sample):
    w = BlueprintView(sample.tables["blueprint"], domain="养老")
    assert w.domain.value == "养老"
    assert set(w.shown["domain"]) == {"养老"}
    assert w.status.value == ""
