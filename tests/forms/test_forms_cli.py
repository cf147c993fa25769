"""`campaignkit forms list | results | export` on a campaign folder."""

from __future__ import annotations

import csv
import io
import json
import shutil

from campaignkit.cli import main
from campaignkit.forms import ResponseStore, database_path, parse_answers, read_form
from helpers import SAMPLE


def _campaign(tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    form = read_form(folder / "forms" / "survey.xlsx")
    store = ResponseStore(database_path(folder))
    base = {"domain": ["rural"], "audience": ["herder"], "policy_known": ["5"], "cadres_closer": ["4"], "card_received": ["yes"]}
    store.submit("survey", form.version, "a" * 20, parse_answers(form, {**base, "activities": ["lecture", "film"]}))
    store.submit(
        "survey",
        form.version,
        "b" * 20,
        parse_answers(form, {**base, "activities": ["film"], "card_received": ["no"], "suggestion": ['=HYPERLINK("http://x")']}),
    )
    return folder


def test_results_json_is_the_documented_shape(tmp_path, capsys):
    folder = _campaign(tmp_path)
    assert main(["forms", "results", "survey", str(folder), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"form", "responses", "questions"}
    assert report["form"] == "survey"
    assert report["responses"] == 2
    activities = next(q for q in report["questions"] if q["name"] == "activities")
    assert set(activities) == {"name", "label", "n", "no_answer", "counts"}
    assert activities["counts"] == {"lecture": 1, "visit": 0, "film": 2, "exhibition": 0, "other": 0}
    suggestion = next(q for q in report["questions"] if q["name"] == "suggestion")
    assert (suggestion["n"], suggestion["no_answer"]) == (1, 1)


def test_list_and_text_results(tmp_path, capsys):
    folder = _campaign(tmp_path)
    assert main(["forms", "list", str(folder)]) == 0
    assert "/forms/survey" in capsys.readouterr().out
    (folder / ".campaignkit" / "lan.json").write_text('{"token": "t", "port": 8899}')
    assert main(["forms", "list", str(folder)]) == 0
    # The address phones use under serve --lan, with what a phone needs to get in.
    assert ":8899/forms/survey?token=t" in capsys.readouterr().out
    assert main(["forms", "results", "survey", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "共 2 份" in text
    assert "观看红色影视：2（100%）" in text
    assert main(["forms", "results", "nosuch", str(folder)]) == 2


def test_export_writes_labels_and_never_a_formula(tmp_path, capsys):
    folder = _campaign(tmp_path)
    out = tmp_path / "answers.csv"
    assert main(["forms", "export", "survey", str(folder), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 2
    assert {r["您参加过哪些活动？（可多选）（activities）"] for r in rows} == {"宣讲报告会、观看红色影视", "观看红色影视"}
    suggestion = [r["您对今后的宣讲有什么建议？（suggestion）"] for r in rows if r["您对今后的宣讲有什么建议？（suggestion）"]]
    assert suggestion == ['\'=HYPERLINK("http://x")']


def test_a_broken_form_is_reported_with_its_cell_and_the_rest_still_listed(tmp_path, capsys):
    folder = _campaign(tmp_path)
    (folder / "forms" / "broken.xlsx").write_bytes(b"not a workbook")
    assert main(["forms", "list", str(folder)]) == 1
    captured = capsys.readouterr()
    assert "broken.xlsx" in captured.err
    assert "survey" in captured.out


def test_importing_the_sample_answers_twice_adds_nothing_the_second_time(tmp_path, capsys):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    responses = folder / "forms" / "survey_responses.csv"
    assert main(["forms", "import", str(responses), str(folder)]) == 0
    first = capsys.readouterr().out
    assert main(["forms", "import", str(responses), str(folder)]) == 0
    second = capsys.readouterr().out
    assert "新导入 250 份" in first
    assert "新导入 0 份，已导入过 250 份" in second
    days = {r["day"] for r in ResponseStore(database_path(folder)).responses("survey")}
    assert days == {"2023-12-20", "2024-03-25"}


def test_an_odk_export_imports_with_group_paths_and_refused_rows_named(tmp_path, capsys):
    folder = _campaign(tmp_path)
    export = tmp_path / "survey_odk.csv"
    export.write_text(
        "SubmissionDate,about-domain,about-audience,about-age,policy_known,cadres_closer,activities,card_received,meta-instanceID\n"
        "2024-03-02T10:00:00.000Z,rural,herder,70,5,5,lecture film,yes,uuid:1111\n"
        "2024-03-02T10:05:00.000Z,moon,herder,70,5,5,lecture,yes,uuid:2222\n",
        encoding="utf-8",
    )
    before = ResponseStore(database_path(folder)).count("survey")
    assert main(["forms", "import", str(export), str(folder), "--form", "survey"]) == 1
    err = capsys.readouterr().err
    assert "survey_odk.csv 第 3 行“about-domain”列" in err
    assert "不在选项之中" in err
    assert "整个文件都没有导入" in err
    assert ResponseStore(database_path(folder)).count("survey") == before  # all or nothing
    export.write_text(export.read_text(encoding="utf-8").replace("moon", "office"), encoding="utf-8")
    assert main(["forms", "import", str(export), str(folder), "--form", "survey"]) == 0
    assert "新导入 2 份" in capsys.readouterr().out
    imported = [r for r in ResponseStore(database_path(folder)).responses("survey") if r["day"] == "2024-03-02"]
    assert sorted(r["answers"]["activities"] for r in imported) == [["lecture"], ["lecture", "film"]]


def test_code_slips_as_pdf_and_csv(tmp_path, capsys):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    pdf, table = tmp_path / "slips.pdf", tmp_path / "codes.csv"
    assert (
        main(
            ["forms", "codes", "appraisal", str(folder), "--count", "12", "--out", str(pdf), "--address", "http://10.0.0.5:8866"]
        )
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["forms", "codes", "appraisal", str(folder), "--count", "3", "--out", str(table)]) == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 3
    assert all("/forms/appraisal?token=" in r["网址"] and r["答题码"] in r["网址"] for r in rows)
    assert "共发出 15 个" in capsys.readouterr().out
    assert main(["forms", "codes", "survey", str(folder), "--count", "3", "--out", str(table)]) == 2  # an open form


def test_a_poster_for_the_hall(tmp_path, capsys):
    from campaignkit.forms.slips import poster_html

    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    out = tmp_path / "poster.pdf"
    assert main(["forms", "poster", "survey", str(folder), "--out", str(out), "--address", "http://10.0.0.5:8866"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "10.0.0.5:8866/forms/survey" in capsys.readouterr().out
    page = poster_html(read_form(folder / "forms" / "appraisal.xlsx"), "http://10.0.0.5:8866", "T0KEN")
    assert "答题码" in page
    assert "<svg" in page
    assert "http" not in page.split("<svg")[0].replace("http-equiv", "")


def test_an_export_moves_to_another_laptop_and_imports_once(tmp_path, capsys):
    folder = _campaign(tmp_path)
    exported = tmp_path / "survey_export.csv"
    assert main(["forms", "export", "survey", str(folder), "--out", str(exported)]) == 0
    other = tmp_path / "other"
    shutil.copytree(SAMPLE, other, ignore=shutil.ignore_patterns(".campaignkit"))
    assert main(["forms", "import", str(exported), str(other), "--form", "survey"]) == 0
    assert main(["forms", "import", str(exported), str(other), "--form", "survey"]) == 0
    out = capsys.readouterr().out
    assert "新导入 2 份" in out
    assert "新导入 0 份，已导入过 2 份" in out
    mine = sorted(json.dumps(r["answers"], sort_keys=True) for r in ResponseStore(database_path(folder)).responses("survey"))
    theirs = sorted(json.dumps(r["answers"], sort_keys=True) for r in ResponseStore(database_path(other)).responses("survey"))
    assert mine == theirs


def test_answer_codes_are_recorded_only_once_their_file_is_written(tmp_path, capsys):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    out = tmp_path / "no-such-folder" / "slips.pdf"
    assert main(["forms", "codes", "appraisal", str(folder), "--count", "50", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "没有文件夹" in err
    assert "码没有生成" in err
    assert "Traceback" not in err
    assert not out.parent.exists()
    assert ResponseStore(database_path(folder)).codes_left("appraisal") == (0, 0)


def test_forms_commands_on_a_missing_folder_say_so_and_make_nothing(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["forms", "list", str(missing)]) == 2
    assert "找不到活动数据文件夹" in capsys.readouterr().err
    assert not missing.exists()
