"""The evaluation page over the sample questionnaire's two waves of invented answers."""

from __future__ import annotations

import shutil

import pandas as pd
import plotly.graph_objects as go
import pytest

from campaignkit.cli import main
from campaignkit.evaluation.compute import answers_frame, before_after, crosstab, question_shares
from campaignkit.evaluation.view import EvaluationView, evaluation_view
from campaignkit.forms import Forms
from helpers import SAMPLE


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evaluation") / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    assert main(["forms", "import", str(folder / "forms" / "survey_responses.csv"), str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def survey(campaign):
    forms = Forms(campaign)
    form = forms.get("survey")
    return form, answers_frame(form, forms.store.responses("survey"))


def test_shares_carry_counts_and_intervals(survey):
    form, answers = survey
    shares = question_shares(form.question("card_received"), answers).set_index("choice")
    assert shares["n"].iloc[0] == 250 and shares["count"].sum() == 250
    assert (shares["low"] < shares["share"]).all() and (shares["share"] < shares["high"]).all()


@pytest.mark.parametrize("seed", range(8))
def test_a_small_group_is_hidden_with_what_would_give_it_away(survey, seed):
    form, answers = survey
    small = answers.copy()
    small["domain"] = small["domain"].replace("office", "community")
    chosen = small.sample(3, random_state=seed).index  # three office respondents, whatever they answered
    small.loc[chosen, "domain"] = "office"
    for name in ("card_received", "policy_known"):
        table = crosstab(form.question(name), form.question("domain"), small)
        office = table[table["group"] == "office"]
        assert (office["hidden"] == "不足 5 人").all() and office["count"].isna().all() and office["share"].isna().all()
        for _, column in table.groupby("choice"):
            assert (column["hidden"] != "").sum() != 1  # a lone hidden cell is the published total minus the rest


def test_before_and_after_compare_the_criteria_questions_pairing_the_panel(survey):
    form, answers = survey
    result = before_after(form, answers, "2023-12", "2024-03").set_index("question")
    assert list(result.index) == ["policy_known", "cadres_closer", "card_received"]
    assert result["paired"].all() and (result["n_after"] == 60).all()
    assert result.at["policy_known", "test"] == "Wilcoxon 符号秩检验"
    assert result.at["card_received", "test"] == "McNemar 精确检验"
    assert all("60 人前后都答了" in w and "已按多重比较校正" in w for w in result["words"])


def _texts(widget) -> str:
    parts = [repr(widget.get_state())]
    for output in getattr(widget, "outputs", ()):
        parts.append(repr(output))
    for child in getattr(widget, "children", ()):
        parts.append(_texts(child))
    return "\n".join(parts)


def test_the_page_shows_every_choice_question_and_no_text_answer_or_panel_code(campaign):
    view = evaluation_view(campaign)
    assert isinstance(view, EvaluationView) and view.status.value == ""
    assert "共收到 250 份回答" in view.summary.value and "示例" in view.summary.value
    assert len(view.charts.children) == 6
    for area in view.charts.children:
        go.Figure(area.figure.to_dict())  # valid plotly
        assert "示例" in area.figure.to_json().encode().decode("unicode_escape")
    assert "有统计学意义" in view.comparison.value and "示例" in view.comparison.value
    view.by.value = "domain"
    view.wave.value = "2024-03"
    assert view.status.value == "" and len(view.charts.children) == 5
    state = _texts(view)
    raw = pd.read_csv(campaign / "forms" / "survey_responses.csv", dtype=str).fillna("")
    private = (
        {v for v in raw["respondent"] if v} | {v for v in raw["suggestion"] if v} | {v for v in raw["activities_other"] if v}
    )
    assert [v for v in private if v in state] == []


def test_a_campaign_without_forms_says_so(tmp_path):
    shutil.copy(SAMPLE / "campaign.toml", tmp_path / "campaign.toml")
    view = evaluation_view(tmp_path)
    assert "还没有问卷" in view.summary.value
