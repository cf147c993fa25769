"""An OpenRosa client written from the OpenRosa 1.0 specification (Form List API, Form Submission
API), as ODK Collect speaks it, against a real `campaignkit serve --lan` on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import pytest

from campaignkit.core.campaign import CampaignConfig
from campaignkit.forms import read_form
from campaignkit.forms.access import staff_key
from campaignkit.forms.store import ResponseStore, database_path
from campaignkit.forms.xform import xform_of
from helpers import SAMPLE
from support import served

LIST_NS = "{http://openrosa.org/xforms/xformsList}"
RESPONSE_NS = "{http://openrosa.org/http/response}"
XFORMS_NS = "{http://www.w3.org/2002/xforms}"


@pytest.fixture(scope="module")
def campaign(tmp_path_factory):
    folder = tmp_path_factory.mktemp("openrosa") / "campaign"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".campaignkit"))
    return folder


@pytest.fixture(scope="module")
def collect(campaign):
    """The server URL a cadre's Collect is set to (it may carry a path)."""
    with served(campaign, "--lan") as base:
        yield f"{base}/openrosa/{staff_key(campaign)}"


def ask(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    """(status, headers, body) of one request, as Collect makes it."""
    request = urllib.request.Request(url, data=body, method=method, headers={"X-OpenRosa-Version": "1.0", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, refused.read()


def send(collect: str, instance: str, attachments: dict[str, bytes] | None = None):
    """POST a submission as multipart/form-data: ``xml_submission_file`` and any attachments."""
    boundary = uuid.uuid4().hex
    parts = [("xml_submission_file", "submission.xml", "text/xml", instance.encode("utf-8"))]
    parts += [(name, name, "image/jpeg", data) for name, data in (attachments or {}).items()]
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{file}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + data
            + b"\r\n"
            for name, file, kind, data in parts
        )
        + f"--{boundary}--\r\n".encode()
    )
    return ask(f"{collect}/submission", "POST", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def visit(campaign, instance_id: str, *, household: str = "HL-003", version: str = "2024-01", extra: str = "") -> str:
    day = CampaignConfig.of(campaign).start_date.isoformat()
    return (
        f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" '
        f'id="visits" version="{version}"><household_id>{household}</household_id><date>{day}</date>'
        f"<cadre>测试干部</cadre><topics>算炕头账</topics><demand/><status/><closed_on/><supersedes/>{extra}"
        f"<meta><instanceID>uuid:{instance_id}</instanceID></meta></data>"
    )


def message(body: bytes) -> str:
    return ET.fromstring(body).find(f"{RESPONSE_NS}message").text


def count(campaign) -> int:
    store = ResponseStore(database_path(campaign))
    try:
        return store.count("visits")
    finally:
        store.close()


def test_the_form_list_offers_door_visits_first_and_no_quiz_or_coded_form(collect):
    status, headers, body = ask(f"{collect}/formList")
    assert status == 200
    assert headers["X-OpenRosa-Version"] == "1.0"
    assert headers["Content-Type"].startswith("text/xml")
    forms = ET.fromstring(body).findall(f"{LIST_NS}xform")
    ids = [f.find(f"{LIST_NS}formID").text for f in forms]
    assert ids[0] == "visits"
    assert set(ids) == {"visits", "survey", "family"}  # not quiz_history (a quiz), not appraisal (one-time codes)
    visits = forms[0]
    assert visits.find(f"{LIST_NS}name").text == "入户走访登记"
    assert visits.find(f"{LIST_NS}version").text == "2024-01"
    assert visits.find(f"{LIST_NS}hash").text.startswith("md5:")
    status, _, body = ask(f"{collect}/formList?formID=survey")
    assert [f.find(f"{LIST_NS}formID").text for f in ET.fromstring(body).findall(f"{LIST_NS}xform")] == ["survey"]


def test_each_xform_is_the_one_pyxform_makes_and_holds_the_questions(collect, campaign):
    _, _, body = ask(f"{collect}/formList")
    for item in ET.fromstring(body).findall(f"{LIST_NS}xform"):
        form_id = item.find(f"{LIST_NS}formID").text
        status, headers, xml = ask(item.find(f"{LIST_NS}downloadUrl").text)
        assert status == 200
        assert headers["X-OpenRosa-Version"] == "1.0"
        made = xform_of(read_form(campaign / "forms" / f"{form_id}.xlsx"))
        assert xml.decode("utf-8") == made.xml
        assert item.find(f"{LIST_NS}hash").text == made.hash
        root = ET.fromstring(xml)
        instance = root.find(f".//{XFORMS_NS}instance/{XFORMS_NS}data")
        assert instance.get("id") == form_id
        asked = {e.tag.removeprefix(XFORMS_NS) for e in instance.iter()}
        assert {q.name for q in read_form(campaign / "forms" / f"{form_id}.xlsx").answerable} <= asked


def test_a_quiz_or_a_coded_form_is_not_served(collect):
    assert ask(f"{collect}/forms/quiz_history.xml")[0] == 404
    assert ask(f"{collect}/forms/appraisal.xml")[0] == 404


def test_head_preflight_then_a_visit_with_an_attachment_is_one_record_however_often_sent(collect, campaign):
    status, headers, _ = ask(f"{collect}/submission", "HEAD")
    assert status == 204
    assert int(headers["X-OpenRosa-Accept-Content-Length"]) >= 1_000_000
    assert headers["X-OpenRosa-Version"] == "1.0"
    before = count(campaign)
    instance_id = str(uuid.uuid4())
    status, headers, body = send(collect, visit(campaign, instance_id), {"door.jpg": b"\xff\xd8\xff\xe0 not kept"})
    assert status == 201, body.decode("utf-8")
    assert headers["X-OpenRosa-Version"] == "1.0"
    assert "已收到" in message(body)
    assert count(campaign) == before + 1
    status, _, body = send(collect, visit(campaign, instance_id))  # Collect resends after a lost answer
    assert status == 201
    assert count(campaign) == before + 1


def test_an_instance_sent_and_also_imported_from_collects_csv_is_one_record(collect, campaign, tmp_path):
    """Two ways one visit reaches a laptop (sent over OpenRosa; exported from ODK Central and
    imported on another laptop, then merged): its instanceID makes it one record."""
    instance_id = str(uuid.uuid4())
    assert send(collect, visit(campaign, instance_id))[0] == 201
    before = count(campaign)
    day = CampaignConfig.of(campaign).start_date.isoformat()
    exported = tmp_path / "visits.csv"
    exported.write_text(
        f"SubmissionDate,household_id,date,cadre,topics,meta-instanceID\n{day},HL-003,{day},测试干部,算炕头账,uuid:{instance_id}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "campaignkit", "forms", "import", str(exported), str(campaign), "--form", "visits"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert count(campaign) == before


def test_a_bad_answer_is_refused_in_chinese_and_nothing_is_stored(collect, campaign):
    before = count(campaign)
    status, headers, body = send(collect, visit(campaign, str(uuid.uuid4()), household="XX-999"))
    assert status == 400
    assert headers["X-OpenRosa-Version"] == "1.0"
    assert "户表中没有户编号“XX-999”" in message(body)
    assert count(campaign) == before


def test_an_unknown_form_an_old_version_and_a_wrong_key_are_refused(collect, campaign):
    instance = visit(campaign, str(uuid.uuid4())).replace('id="visits"', 'id="no_such_form"')
    status, _, body = send(collect, instance)
    assert status == 404
    assert "no_such_form" in message(body)
    old = visit(campaign, str(uuid.uuid4()), version="2023-01", extra="<herd_size>12</herd_size>")
    status, _, body = send(collect, old)
    assert status == 400
    assert "旧版" in message(body)
    assert "herd_size" in message(body)
    same_questions = visit(campaign, str(uuid.uuid4()), version="2023-01")  # mapped: every answer has its question
    assert send(collect, same_questions)[0] == 201
    wrong = collect.rsplit("/", 1)[0] + "/WRONGKEYWRONGKEY"
    status, headers, body = ask(f"{wrong}/formList")
    assert status == 403
    assert headers["X-OpenRosa-Version"] == "1.0"
    assert "钥匙" in message(body)
