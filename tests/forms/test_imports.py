"""Answers moving between laptops (issue 23, findings 2 and 5): one record keeps one id on every
laptop, so exchanging exports in any order converges on the same union; a file with any bad row
stores nothing and names the row (as Excel numbers it) and the column."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaignkit.errors import UnreadableFile
from campaignkit.forms import ResponseStore, parse_answers, read_form
from campaignkit.forms.imports import import_csv
from campaignkit.forms.results import export_responses
from helpers import SAMPLE

SURVEY = read_form(SAMPLE / "forms" / "survey.xlsx")
APPRAISAL = read_form(SAMPLE / "forms" / "appraisal.xlsx")
HEADER = "_submission_id,_day,domain,audience,age,policy_known,cadres_closer,activities,card_received,suggestion\n"


def _answers(n: int) -> dict:
    fields = {"domain": ["rural"], "audience": ["herder"], "age": [str(20 + n % 60)], "policy_known": [str(1 + n % 5)]}
    fields |= {"cadres_closer": ["4"], "activities": ["lecture", "film"], "card_received": ["yes"]}
    fields |= {"suggestion": [f"第{n}条意见，“引号”、逗号,\n换行"]}
    return parse_answers(SURVEY, fields)


def _contents(store: ResponseStore, form_id: str) -> list[tuple]:
    return sorted((r["id"], r["day"], r["version"], json.dumps(r["answers"], sort_keys=True)) for r in store.responses(form_id))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    own=st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)),
    moves=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=10),
    sealed=st.booleans(),
)
def test_laptops_exchanging_exports_in_any_order_end_with_the_same_union_exactly(tmp_path_factory, own, moves, sealed):
    form = APPRAISAL if sealed else SURVEY
    answers = {"overall": "good", "listens": "4", "solves": "3", "explains": "5"} if sealed else None
    folder = tmp_path_factory.mktemp("laptops")
    laptops = [ResponseStore(folder / f"laptop{i}" / "forms.sqlite") for i in range(3)]
    union = 0
    for i, (laptop, count) in enumerate(zip(laptops, own)):
        for n in range(count):
            given_answers = parse_answers(form, {k: [v] for k, v in answers.items()}) if sealed else _answers(n)
            laptop.submit(form.form_id, form.version, f"laptop{i}-phone{n:04d}-xxxx", given_answers, sealed=sealed)
            union += 1
    # Some exchanges in any order (a laptop importing its own export too), then everyone meets once.
    for step, (source, target) in enumerate(
        [*moves, *[(s, t) for s in range(3) for t in range(3)], *[(s, t) for s in range(3) for t in range(3)]]
    ):
        exported = folder / f"move{step}.csv"
        export_responses(form, laptops[source].responses(form.form_id), exported)
        report = import_csv(form, exported, laptops[target])
        assert report.refused == []
        assert all(len(_contents(laptop, form.form_id)) <= union for laptop in laptops)  # never more than the union
    final = [_contents(laptop, form.form_id) for laptop in laptops]
    assert len(final[0]) == union
    assert final[0] == final[1] == final[2]


def test_a_record_keeps_its_id_through_export_and_import_and_odk_ids_are_hashed_alike(tmp_path):
    here = ResponseStore(tmp_path / "a" / "forms.sqlite")
    here.submit("survey", "2023-12", "uuid-from-a-phone-123", _answers(1))
    exported = tmp_path / "export.csv"
    export_responses(SURVEY, here.responses("survey"), exported)
    there = ResponseStore(tmp_path / "b" / "forms.sqlite")
    assert import_csv(SURVEY, exported, there).added == 1
    assert _contents(there, "survey") == _contents(here, "survey")
    odk = tmp_path / "odk.csv"  # the same record as ODK would export it: the instance id in meta/instanceID
    odk.write_text(
        "meta/instanceID,domain,audience,age,policy_known,cadres_closer,activities,card_received\n"
        "uuid:uuid-from-a-phone-123,rural,herder,21,2,4,lecture film,yes\n",
        encoding="utf-8",
    )
    report = import_csv(SURVEY, odk, there)
    assert (report.added, report.already) == (0, 1)


def _survey_file(tmp_path, rows: list[str], encoding="utf-8", name="survey_in.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + "".join(rows)).encode(encoding))
    return path


GOOD_ROW = "s-{n:04d}-xxxxxxxxxxxx,2024-03-02,rural,herder,40,5,4,lecture,yes,好\n"


@pytest.mark.parametrize(
    "bad_row, words",
    [
        ("s-9999-xxxxxxxxxxxx,2024-02-30,rural,herder,40,5,4,lecture,yes,好\n", ["第 4 行“_day”列", "没有这一天"]),
        (
            "s-9999-xxxxxxxxxxxx,2024-03-02,rural,herder,40,5,4,lecture,yes," + "长" * 200_000 + "\n",
            ["第 4 行“suggestion”列", "太长"],
        ),
        ("s-9999-xxxxxxxxxxxx,2024-03-02,rural,herder,四十,5,4,lecture,yes,好\n", ["第 4 行“age”列", "整数"]),
        (",2024-03-02,rural,herder,40,5,4,lecture,yes,好\n", ["第 4 行“_submission_id”列", "没有记录编号"]),
    ],
)
def test_a_file_with_one_bad_row_stores_nothing_and_names_the_row_and_column(tmp_path, bad_row, words):
    path = _survey_file(tmp_path, [GOOD_ROW.format(n=1), GOOD_ROW.format(n=2), bad_row, GOOD_ROW.format(n=3)])
    store = ResponseStore(tmp_path / "forms.sqlite")
    report = import_csv(SURVEY, path, store)
    assert len(report.refused) == 1, report.refused
    assert all(w in report.refused[0] for w in ["survey_in.csv", *words]), report.refused
    assert report.added == 0
    assert store.count("survey") == 0


def test_gbk_files_are_read_and_mixed_encodings_or_a_stray_quote_store_nothing(tmp_path):
    store = ResponseStore(tmp_path / "forms.sqlite")
    gbk = _survey_file(tmp_path, [GOOD_ROW.format(n=n) for n in range(3)], encoding="gb18030", name="gbk.csv")
    assert import_csv(SURVEY, gbk, store).added == 3
    assert store.responses("survey")[0]["answers"]["suggestion"] == "好"
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(
        (HEADER + "".join(GOOD_ROW.format(n=n) for n in range(10, 200))).encode("utf-8")
        + "".join(GOOD_ROW.format(n=n) for n in range(200, 400)).encode("gb18030")
    )
    with pytest.raises(UnreadableFile, match="mixed.csv.*第 192 行"):
        import_csv(SURVEY, mixed, store)
    quoted = _survey_file(
        tmp_path,
        [GOOD_ROW.format(n=20), GOOD_ROW.format(n=21).replace(",好", ',"一卡通补发'), GOOD_ROW.format(n=22)],
        name="q.csv",
    )
    with pytest.raises(UnreadableFile, match="q.csv.*引号"):
        import_csv(SURVEY, quoted, store)
    assert store.count("survey") == 3  # only the GBK file's rows
