"""A form as ODK and KoboToolbox users write it (choice filters, or_other, a phone number), read
through pyxform and filled on a phone at 390 px: only the choices the earlier answers allow are
offered, "其他" opens its text, and the submission is stored."""

from __future__ import annotations

import re
import shutil
import urllib.parse

import pytest

from campaignkit.forms import ResponseStore, database_path
from helpers import SAMPLE
from support import assert_clean, browser_page, served

pytestmark = pytest.mark.browser
HOST = "campaign.test"
SURVEY = [
    ["type", "name", "label::中文 (zh)", "label::English (en)", "choice_filter", "required"],
    ["select_one sumu", "sumu", "哪个苏木？", "Which sumu?", "", "yes"],
    ["select_one gacha", "gacha", "哪个嘎查？", "Which gacha?", "sumu=${sumu}", "yes"],
    ["select_one source or_other", "heard", "您从哪里听说的？", "Where did you hear?", "", ""],
    ["phone number", "phone", "联系电话", "Phone", "", ""],
    ["integer", "age", "您的年龄", "Age", "", ""],
    ["note", "echo", "您填的是 ${age} 岁", "You are ${age}", "", ""],
    ["select_one groups", "grp", "参加哪一组？", "Group", "min_age <= ${age}", ""],
]
CHOICES = [
    ["list name", "name", "label::中文 (zh)", "label::English (en)", "sumu", "min_age"],
    ["sumu", "s1", "甲苏木", "Sumu A", ""],
    ["sumu", "s2", "乙苏木", "Sumu B", ""],
    ["gacha", "g1", "一嘎查", "Gacha 1", "s1"],
    ["gacha", "g2", "二嘎查", "Gacha 2", "s1"],
    ["gacha", "g3", "三嘎查", "Gacha 3", "s2"],
    ["source", "tv", "电视", "TV", ""],
    ["source", "meeting", "宣讲会", "Meeting", ""],
    ["groups", "child", "少儿组", "Children", "", "5"],
    ["groups", "adult", "成人组", "Adults", "", "18"],
]
SETTINGS = [["form_id", "form_title", "version", "default_language"], ["where", "走访地点登记（示例）", "2026-12", "中文 (zh)"]]


@pytest.fixture(scope="module")
def lan(tmp_path_factory):
    from openpyxl import Workbook

    campaign = tmp_path_factory.mktemp("xlsform") / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    book = Workbook()
    for index, (title, rows) in enumerate((("survey", SURVEY), ("choices", CHOICES), ("settings", SETTINGS))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    book.save(campaign / "forms" / "where.xlsx")
    with served(campaign, "--lan", "--ip", "127.0.0.1") as base:
        token = re.search(r"token=([\w-]+)", served.log_path.read_text()).group(1)
        yield base, token, campaign


def _visible(page, name: str) -> list[str]:
    return page.evaluate(
        f"""() => [...document.querySelectorAll('input[name={name}]')]
              .filter(i => !i.closest('label').hidden && !i.disabled).map(i => i.value)"""
    )


def test_choices_follow_the_earlier_answer_and_other_opens_its_text(lan):
    base, token, campaign = lan
    port = urllib.parse.urlsplit(base).port
    with browser_page(width=390, height=844, host=HOST) as page:
        page.goto(f"http://{HOST}:{port}/forms/where?token={token}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert "Which" not in page.inner_text("body")  # the Chinese labels, not the second language
        page.get_by_label("甲苏木").check()
        assert _visible(page, "gacha") == ["g1", "g2"]
        page.get_by_label("二嘎查").check()
        page.get_by_label("乙苏木").check()
        assert _visible(page, "gacha") == ["g3"]
        assert page.locator("input[name=gacha][value=g2]").is_checked() is False  # not kept once hidden
        page.get_by_label("三嘎查").check()
        assert page.locator("#heard_other").is_hidden()
        page.get_by_label("其他", exact=True).check()
        page.get_by_label("其他（请写明）").fill("那达慕上听说的")
        assert page.get_attribute("#phone", "inputmode") == "numeric"
        page.locator("#phone").fill("13800000000")
        page.get_by_label("您的年龄").fill("30")
        assert "您填的是 30 岁" in page.inner_text("body")  # an earlier answer quoted in a label
        assert _visible(page, "grp") == ["child", "adult"]  # 5 and 18 <= 30 as numbers, as the server compares
        page.get_by_label("您的年龄").fill("9")
        assert _visible(page, "grp") == ["child"]
        page.get_by_label("少儿组").check()
        page.get_by_role("button", name="提交").click()
        page.wait_for_selector("text=已提交，谢谢您的回答")
        assert_clean(page)
    store = ResponseStore(database_path(campaign))
    try:
        (stored,) = store.responses("where")
    finally:
        store.close()
    assert stored["answers"] == {
        "sumu": "s2",
        "gacha": "g3",
        "heard": "other",
        "heard_other": "那达慕上听说的",
        "phone": "13800000000",
        "age": 9,
        "grp": "child",
    }
