"""The evaluation page over the sample questionnaire's two waves of invented answers."""

from __future__ import annotations

import shutil

import pandas as pd
import plotly.graph_objects as go
import pytest

from campaignkit.cli import main
from campaignkit.evaluation.compute import (
    answers_frame,
    before_after,
    crosstab,
    groupings,
    question_shares,
    suppression_pattern,
)
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
        pattern = suppression_pattern(form, form.question(name), small)
        table = crosstab(form.question(name), form.question("domain"), small, pattern)
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
    titles = [a.figure.layout.xaxis.title.text for a in view.charts.children]
    assert all("人回答" in t and "人未答" in t for t in titles)
    assert any("250 人回答，0 人未答" in t for t in titles)
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


def narrowest(form, answers):
    """The attacker: every view the page offers (wave × grouping × question), every count it
    publishes, and for each hidden count of a group under 5 the range linear programming can
    narrow it to over the per-wave (domain, audience, choice) cells. None may be narrower than
    one person either way."""
    import numpy as np
    from scipy.optimize import linprog

    from campaignkit.evaluation.compute import CHOICE_TYPES, PANEL, _chosen

    failures, tested = [], 0
    by = groupings(form)
    for question in [q for q in form.answerable if q.type in CHOICE_TYPES and q.name != PANEL and q not in by]:
        answered = answers[answers[question.name].map(lambda v, q=question: bool(_chosen(q, v)))]
        keys = sorted(
            {
                (r.version, *(getattr(r, g.name) if isinstance(getattr(r, g.name), str) else "-" for g in by))
                for r in answered.itertuples()
            }
        )
        cells = [(k, c.name) for k in keys for c in question.choices]
        index = {cell: i for i, cell in enumerate(cells)}
        truth = np.zeros(len(cells))
        for r in answered.itertuples():
            key = (r.version, *(getattr(r, g.name) if isinstance(getattr(r, g.name), str) else "-" for g in by))
            for c in _chosen(question, getattr(r, question.name)):
                truth[index[(key, c)]] += 1
        pattern = suppression_pattern(form, question, answers)
        shown, hidden = {}, []
        for wave in [None, *sorted(answers["version"].unique())]:
            part = answers if wave is None else answers[answers["version"] == wave]
            waves = {wave} if wave else set(answers["version"].unique())
            for row in question_shares(question, part).itertuples():
                members = frozenset(i for (k, c), i in index.items() if k[0] in waves and c == row.choice)
                shown[members] = row.count
            for gi, g in enumerate(by):
                for row in crosstab(question, g, part, pattern).itertuples():
                    members = frozenset(
                        i for (k, c), i in index.items() if k[0] in waves and k[1 + gi] == row.group and c == row.choice
                    )
                    if row.hidden:
                        group_n = int(
                            (
                                (part[g.name] == row.group) & part[question.name].map(lambda v, q=question: bool(_chosen(q, v)))
                            ).sum()
                        )
                        if group_n < 5:
                            hidden.append(members)
                    else:
                        shown[members] = row.count
        a_eq = np.zeros((len(shown), len(cells)))
        for r, members in enumerate(shown):
            a_eq[r, list(members)] = 1
        b_eq = np.array(list(shown.values()), dtype=float)
        for members in set(hidden):
            tested += 1
            objective = np.zeros(len(cells))
            objective[list(members)] = 1
            value = truth[list(members)].sum()
            low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            top = np.inf if high.status == 3 else -high.fun
            if low.fun > max(value - 1, 0) + 1e-6 or top < value + 1 - 1e-6:
                failures.append((question.name, value, low.fun, top))
    return failures, tested


@pytest.mark.parametrize("seed", range(3))
def test_no_hidden_count_can_be_narrowed_by_the_attacker(survey, seed):
    form, answers = survey
    small = answers.copy()
    # A few rare groups in one wave and not the other: the cases that leak if waves or groupings are handled apart.
    rng = __import__("numpy").random.default_rng(seed)
    first = small.index[small["version"] == "2023-12"]
    small.loc[first, "domain"] = small.loc[first, "domain"].replace("office", "community")
    small.loc[first, "audience"] = small.loc[first, "audience"].replace("student", "cadre")
    small.loc[rng.choice(first, 3, replace=False), "domain"] = "office"
    small.loc[rng.choice(first, 2, replace=False), "audience"] = "student"
    failures, tested = narrowest(form, small)
    assert tested and failures == []


def test_the_report_is_organised_by_the_five_criteria(campaign, survey, tmp_path, capsys):
    from campaignkit.evaluation.report import report_html

    form, answers = survey
    page = report_html(form, answers, illustrative=True)
    for criterion in ("思想觉悟有提高", "党群关系更紧密", "为民服务更有效"):
        assert f"<h2>{criterion}</h2>" in page
    assert page.index("<h2>思想觉悟有提高</h2>") < page.index("<h2>为民服务更有效</h2>") < page.index("<h2>党群关系更紧密</h2>")
    assert "示例" in page and "2023-12 → 2024-03" in page and "Benjamini–Hochberg" in page
    raw = pd.read_csv(campaign / "forms" / "survey_responses.csv", dtype=str).fillna("")
    assert not [v for v in set(raw["respondent"]) | set(raw["suggestion"]) if v and v in page]
    out = tmp_path / "report.pdf"
    assert main(["forms", "report", "survey", str(campaign), "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "250 份回答" in capsys.readouterr().out


def test_the_page_hands_out_the_report(campaign):
    view = evaluation_view(campaign)
    view.report_button.click()
    assert view.status.value == "" and "application/pdf;base64," in view.report_link.value


def test_interviews_are_counted_by_topic_and_their_summaries_stay_off_the_page(sample, campaign):
    from campaignkit.evaluation.compute import interview_tags

    interviews = sample.tables["interviews"]
    tags = interview_tags(interviews).set_index("tag")
    assert tags.index[0] == "惠民政策" and (tags.at["惠民政策", "interviews"], tags.at["惠民政策", "units"]) == (4, 3)
    view = evaluation_view(campaign)
    assert "共 12 次随机访谈" in view.interview_note.value and "示例" in view.interview_note.value
    state = _texts(view)
    assert not [s for s in interviews["summary"] if s in state]


def test_a_question_or_wave_answered_by_fewer_than_5_is_not_shown(campaign, survey):
    from campaignkit.evaluation.compute import too_few
    from campaignkit.evaluation.report import report_html

    form, answers = survey
    small = answers.copy()
    first = small.index[small["version"] == "2023-12"]
    small.loc[first[3:], "card_received"] = None  # only 3 answered it in the first wave
    question = form.question("card_received")
    assert too_few(question, small)  # over both waves: the total less the second wave would show the three
    assert too_few(question, small[small["version"] == "2023-12"])
    assert not too_few(question, small[small["version"] == "2024-03"])
    view = evaluation_view(campaign)
    view.answers = small
    view.refresh()
    chart = next(a.figure for a in view.charts.children if "明白卡" in a.figure.to_json().encode().decode("unicode_escape"))
    assert "不足 5 人" in chart.to_json().encode().decode("unicode_escape") and not chart.data
    page = report_html(form, small, illustrative=True)
    section = page.split("您家收到惠民政策明白卡了吗？")[1].split("<h3>")[0]
    assert "不足 5 人" in section and "<table>" not in section
