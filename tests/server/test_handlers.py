"""The server's handlers in-process (pytest-jupyter): the server ``campaignkit serve --lan``
configures, with the campaign given as the extension's trait and no ``$CAMPAIGNKIT_CAMPAIGN``
anywhere; a phone is a request from another address (``X-Real-Ip``, trusted here only)."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlencode

import pytest
import tornado.httpserver
from openpyxl import Workbook
from tornado.httpclient import HTTPClientError

from campaignkit.core.campaign import CAMPAIGN_ENV, LAN_ENV
from campaignkit.core.paths import notebooks_dir
from campaignkit.forms.access import staff_key
from campaignkit.server.serve import server_config


def phone() -> dict[str, str]:
    """A request from a phone in the hall (a new dict: jp_fetch adds its token header to it)."""
    return {"X-Real-Ip": "192.168.1.23"}


SUBMISSION = "abcdefghijklmnop1234"


def write_form(folder, form_id: str, title: str) -> None:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (["type", "name", "label", "required"], ["select_one yn", "happy", "您满意吗？", "yes"]):
        survey.append(row)
    choices = book.create_sheet("choices")
    for row in (["list_name", "name", "label"], ["yn", "yes", "满意"], ["yn", "no", "不满意"]):
        choices.append(row)
    settings = book.create_sheet("settings")
    for row in (["form_id", "form_title", "version"], [form_id, title, "1"]):
        settings.append(row)
    book.save(folder / "forms" / f"{form_id}.xlsx")


@pytest.fixture
def campaign(campaign_copy, monkeypatch):
    monkeypatch.delenv(CAMPAIGN_ENV, raising=False)  # the handlers read the extension's trait only
    monkeypatch.delenv(LAN_ENV, raising=False)
    write_form(campaign_copy, "hall_check", "会后小问卷")
    return campaign_copy


@pytest.fixture
def jp_root_dir(tmp_path):
    root = tmp_path / "pages"
    shutil.copytree(notebooks_dir(), root)
    return root


@pytest.fixture
def jp_server_config(campaign, jp_root_dir):
    return server_config(jp_root_dir, 0, campaign=campaign, lan=True)


@pytest.fixture
def http_server(jp_asyncio_loop, http_server_port, jp_web_app):
    """pytest-jupyter's test server, trusting ``X-Real-Ip`` so that a test can ask as a phone."""

    async def start():
        server = tornado.httpserver.HTTPServer(jp_web_app, xheaders=True)
        server.add_socket(http_server_port[0])
        return server

    server = jp_asyncio_loop.run_until_complete(start())
    yield server
    server.stop()
    jp_asyncio_loop.run_until_complete(server.close_all_connections())
    http_server_port[0].close()


async def fetch(jp_fetch, *parts, **kwargs):
    """The response, whatever its status."""
    try:
        return await jp_fetch(*parts, **kwargs)
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.response


def text(response) -> str:
    return response.body.decode("utf-8")


async def test_the_extension_serves_the_campaign_it_is_configured_with(jp_fetch, jp_serverapp, campaign):
    app = jp_serverapp.web_app.settings["campaignkit"]
    assert (app.campaign, app.lan) == (str(campaign.resolve()), True)
    health = json.loads(text(await jp_fetch("campaignkit", "health")))
    assert health["campaign"] == campaign.name
    assert "index.ipynb" in health["pages"]
    assert not any(page.startswith("door_visit") for page in health["pages"])  # private under --lan


async def test_a_submission_is_stored_once_and_a_resend_is_thanked_again(jp_fetch, jp_serverapp):
    page = text(await jp_fetch("forms", "hall_check"))
    assert "会后小问卷" in page
    body = urlencode({"happy": "yes", "_submission_id": SUBMISSION})
    for _ in range(2):
        response = await fetch(jp_fetch, "forms", "hall_check", method="POST", body=body, headers=phone())
        assert response.code == 200
        assert "谢谢" in text(response)
    store = jp_serverapp.web_app.settings["campaignkit"].kept["forms"].store
    assert store.count("hall_check") == 1


async def test_a_refused_submission_says_why_in_chinese_and_keeps_the_answers(jp_fetch, jp_serverapp):
    missing = await fetch(jp_fetch, "forms", "hall_check", method="POST", body=urlencode({"_submission_id": SUBMISSION}))
    assert missing.code == 400
    assert "您满意吗" in text(missing)
    bad_id = await fetch(jp_fetch, "forms", "hall_check", method="POST", body=urlencode({"happy": "no", "_submission_id": "x"}))
    assert bad_id.code == 400
    assert "提交编号缺失或不对" in text(bad_id)
    assert 'value="no" checked' in text(bad_id).replace("checked ", "checked")
    unknown = await fetch(jp_fetch, "forms", "no_such_form")
    assert unknown.code == 404
    assert "找不到这份问卷" in text(unknown)
    assert jp_serverapp.web_app.settings["campaignkit"].kept["forms"].store.count("hall_check") == 0


async def test_the_door_visit_register_needs_the_cadres_key_on_a_phone(jp_fetch, campaign):
    refused = await fetch(jp_fetch, "forms", "visits", headers=phone())
    assert refused.code == 403
    assert "只给走访干部用" in text(refused)
    with_key = await fetch(jp_fetch, "forms", "visits", headers=phone(), params={"staff": staff_key(campaign)})
    assert with_key.code == 200
    assert (await fetch(jp_fetch, "forms", "visits")).code == 200  # the laptop itself


async def test_a_wrong_ballot_code_is_refused_with_the_ballot_again(jp_fetch):
    body = urlencode({"code": "WRONGCODE", "choice": "段丽娟", "_submission_id": SUBMISSION})
    response = await fetch(jp_fetch, "vote", "S01", method="POST", body=body, headers=phone())
    assert response.code == 403
    assert "投票码不对，或者已经投过票了" in text(response)
    assert 'name="choice"' in text(response)  # the ballot again, to correct the code


async def test_teachers_pages_and_the_hall_code_answer_only_the_laptop(jp_fetch):
    for parts in (("campaignkit", "quiz", ""), ("campaignkit", "hall")):
        refused = await fetch(jp_fetch, *parts, headers=phone())
        assert refused.code == 403, parts
        assert "只在" in text(refused)
        assert (await fetch(jp_fetch, *parts)).code == 200, parts


async def test_phone_pages_carry_the_token_and_headers(jp_fetch, jp_serverapp):
    token = jp_serverapp.identity_provider.token
    response = await fetch(jp_fetch, "campaignkit", "phone", "", params={"token": token}, headers=phone())
    assert response.code == 200
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert f"token={token}" in text(response)
    assert "讲义" in text(response)  # a feature's phone links (talk handouts) on the index


async def test_talk_notebooks_are_never_voila_pages(jp_fetch):
    response = await fetch(jp_fetch, "voila", "render", "talks", "春季宣讲.ipynb")
    assert response.code == 404
