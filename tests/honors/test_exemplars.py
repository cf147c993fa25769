"""Exemplars: every real one carries its source, invented ones are marked 示例 wherever they
show (gallery, phone page, slides, story card)."""

from __future__ import annotations

import io

import pypdf

from campaignkit.honors.exemplars import select, story_card_html
from campaignkit.honors.phone import honors_phone
from campaignkit.honors.slides import exemplar_deck
from campaignkit.honors.view import HonorsView
from campaignkit.load import check_campaign
from campaignkit.ui.export import pdf_bytes
from helpers import SAMPLE


def _campaign():
    return check_campaign(SAMPLE, tables=["exemplars", "selections", "nominations"])


def test_every_real_exemplar_has_a_source_link_and_every_invented_one_is_marked():
    exemplars = _campaign().tables["exemplars"]
    real = exemplars[~exemplars["illustrative"]]
    assert len(real) >= 8
    assert real["source"].notna().all()
    assert real["source_url"].str.startswith("http").all()
    invented = exemplars[exemplars["illustrative"]]
    assert len(invented) >= 3
    assert invented["deeds"].str.contains("示例").all()


def test_the_gallery_filters_by_level_and_domain_and_marks_the_invented():
    view = HonorsView(_campaign())
    assert "三千孤儿入内蒙" in view.gallery.value
    assert "示例" in view.gallery.value
    view.level.value = "镇"
    assert "三千孤儿入内蒙" not in view.gallery.value
    assert "段丽娟（示例人物）" in view.gallery.value
    assert view.gallery.value.count("ck-badge-illustrative") >= 3
    view.level.value = "全部"
    view.domain.value = "社区"
    assert [label for label, _ in view.pick.options] == ["阳光社区“红马甲”志愿服务队（示例）"]
    view.level.value = "全国"
    assert "还没有先进典型" in view.gallery.value
    assert view.pick.value is None


def test_a_preset_the_campaign_lacks_is_said_and_the_default_kept():
    view = HonorsView(_campaign(), level="乡")
    assert "层级“乡”" in view.status.value
    assert view.level.value == "全部"


def test_the_story_card_is_one_a5_page_with_the_source():
    exemplars = select(_campaign().tables["exemplars"])
    row = exemplars[exemplars["name"].str.startswith("殷玉珍")].iloc[0]
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(story_card_html(row))))
    assert len(reader.pages) == 1
    width, height = (float(v) * 25.4 / 72 for v in reader.pages[0].mediabox[2:])
    assert round(width) == 148
    assert round(height) == 210
    text = reader.pages[0].extract_text()
    assert "殷玉珍" in text
    assert "人民网" in text
    invented = exemplars[exemplars["illustrative"]].iloc[0]
    assert "示例" in pypdf.PdfReader(io.BytesIO(pdf_bytes(story_card_html(invented)))).pages[0].extract_text()


def test_slides_and_the_phone_page_carry_sources_and_marks():
    campaign = _campaign()
    slides = exemplar_deck(campaign)
    assert len(slides) == len(campaign.tables["exemplars"])
    assert all(any(n.startswith("来源：") for n in s.notes) for s in slides)
    assert [s.illustrative for s in slides].count(True) == 3
    page = honors_phone(campaign)
    assert page.illustrative
    assert page.choices[0].label == "全部层级"
    assert page.choices[0].html.count("来源：") == len(campaign.tables["exemplars"])
