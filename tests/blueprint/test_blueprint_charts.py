"""Chart builders: structure, values, the source line and the 示例 badge (never pixels)."""

import pandas as pd
import pytest

from campaignkit.blueprint import compute as blueprint
from campaignkit.blueprint.charts import blueprint_board
from campaignkit.ui.charts import BADGE_NAME, SOURCE_LINE_NAME, annotation


def test_blueprint_status_in_words():
    targets = pd.DataFrame(
        {
            "domain": ["养老", "住房", "医疗", "文化"],
            "indicator": ["覆盖率", "危房", "签约率", "中心"],
            "unit": ["%", "户", "%", "个"],
            "base_year": [2023] * 4,
            "base_value": [40.0, 12, 60, 10],
            "target_year": [2028] * 4,
            "target_value": [100.0, 0, 80, 14],
            "latest_year": [2024, 2024, 2024, None],
            "latest_value": [100.0, 5, 61, None],
            "illustrative": [True] * 4,
            "source": ["s"] * 4,
        }
    )
    p = blueprint.progress(targets)
    assert p["status"].tolist() == [blueprint.REACHED, blueprint.ON_TRACK, blueprint.BEHIND, blueprint.NO_DATA]
    housing = p.iloc[1]
    assert housing["progress"] == pytest.approx(7 / 12 * 100)
    assert housing["pace_needed"] == pytest.approx(-1.25)
    assert "今后每年需减少 1.25户" in blueprint.explain(housing)
    fig = blueprint_board(p)
    status = next(t for t in fig.data if t.meta["role"] == "status")
    texts = list(status.text)
    assert any("已达成" in t for t in texts)
    assert any("进度落后" in t for t in texts)
    # The status column stands right of every bar and expected-progress mark: nothing runs through it.
    expected = next(t for t in fig.data if t.meta["role"] == "expected")
    assert min(status.x) > max(max(fig.data[0].x), max(expected.x))
    assert fig.layout.yaxis.dtick == 1  # every target named on the axis
    assert "共 4 项目标：已达成 1 项，按计划推进 1 项，进度落后 1 项，暂无最新数据 1 项。" == blueprint.overview(p)
    assert annotation(fig, BADGE_NAME) is not None
    assert annotation(fig, SOURCE_LINE_NAME) is not None
