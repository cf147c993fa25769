"""Talks from the notebook file to the handout: `campaignkit talk export` writes one HTML
file with no external address and an A4 PDF with the CJK font embedded and its text
extractable; neither carries a speaker note; `talk new` copies the template."""

from __future__ import annotations

import json
import pathlib
import re

import nbformat
import pytest
from pypdf import PdfReader

from campaignkit.cli import main
from campaignkit.talks import Talk, TalkError, build_deck, list_talks
from helpers import ROOT, SAMPLE, note_texts

TALKS = ROOT / "notebooks" / "talks"


def _fonts(reader: PdfReader) -> list[dict]:
    found = []
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None:
                    found.append(
                        {"name": str(descendant.get_object()["/BaseFont"]), **{k: True for k in descriptor.get_object()}}
                    )
    return found


@pytest.mark.parametrize("audience", ["农牧民", "社区居民"])
def test_the_six_statements_talk_exports_both_formats_without_a_note(tmp_path, audience, capsys):
    html_path, pdf_path = tmp_path / "t.html", tmp_path / "t.pdf"
    assert main(["talk", "export", "六句话", str(SAMPLE), "--audience", audience, "--out", str(html_path)]) == 0
    assert (
        main(
            [
                "talk",
                "export",
                str(TALKS / "六句话.ipynb"),
                str(SAMPLE),
                "--audience",
                audience,
                "--format",
                "pdf",
                "--out",
                str(pdf_path),
            ]
        )
        == 0
    )
    assert "不含讲稿备注" in capsys.readouterr().out
    html = html_path.read_text(encoding="utf-8")
    assert "http://" not in html
    assert "https://" not in html
    assert html.count("Copyright 2012-") == 1  # the plotly bundle, inlined once
    assert html_path.stat().st_size <= 1.5e6
    reader = PdfReader(pdf_path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "“六句话”的事实和道理" in text
    assert "乌审旗人民政府成立" in text
    assert "长辈模式" not in text
    assert "朗读" not in text
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert round(float(reader.pages[0].mediabox.height)) == 842
    fonts = _fonts(reader)
    assert any("CJK" in f["name"] and ("/FontFile2" in f or "/FontFile3" in f or "/FontFile" in f) for f in fonts)
    for note in note_texts("六句话", audience):
        assert note not in html
        assert note not in text
    herders_only = set(note_texts("六句话", "农牧民")) - set(note_texts("六句话", "社区居民"))
    assert herders_only
    assert all(n not in html and n not in text for n in herders_only)


def test_the_benefits_talk_marks_its_invented_figures(tmp_path):
    out = tmp_path / "b.html"
    assert main(["talk", "export", "惠民账", str(SAMPLE), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "标有“示例”的数字是编造的演示数据" in html
    deck = build_deck(TALKS / "惠民账.ipynb", SAMPLE)
    marked = {s.title: s.illustrative for s in deck.slides}
    assert marked["咱们镇的惠民资金（示例数据）"]
    assert marked["按出资层级看（示例数据）"]
    assert not marked["养老：城乡居民基础养老金"]  # real standards, with their sources
    assert all(n not in html for n in note_texts("惠民账"))


def test_every_sample_talk_builds_for_each_version_it_has():
    talks = {t.name: t for t in list_talks(SAMPLE)}
    assert {"六句话", "惠民账", "发展蓝图与六句话"} <= set(talks)
    assert talks["六句话"].audiences == ("农牧民", "社区居民")
    deck = build_deck(talks["发展蓝图与六句话"].path, SAMPLE)
    assert len(deck.slides) >= 8
    assert sum(len(s.figures) for s in deck.slides) >= 4


def test_talk_new_copies_the_template_for_an_audience(campaign_copy, capsys):
    assert main(["talk", "new", "十二月宣讲", str(campaign_copy), "--audience", "学生"]) == 0
    said = capsys.readouterr().out  # the command that opens the talks, and where to preview them
    assert f"campaignkit talk edit {campaign_copy}" in said
    assert "/campaignkit/talks/十二月宣讲" in said
    path = campaign_copy / "talks" / "十二月宣讲.ipynb"
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["campaignkit"]["audience"] == "学生"
    assert [c.metadata.get("tags") for c in nb.cells if c.metadata.get("tags")] == [["学生"]]
    # One click from the notebook in `campaignkit lab` to what the hall will see (a link rooted at
    # '/' opens in a new tab of the same server; the note cell reaches no projector).
    links = "".join(c.source for c in nb.cells if "放映页" in c.source)
    quoted = "/campaignkit/talks/%E5%8D%81%E4%BA%8C%E6%9C%88%E5%AE%A3%E8%AE%B2"
    assert f"({quoted}?audience=%E5%AD%A6%E7%94%9F)" in links
    assert f"({quoted}/presenter?audience=" in links
    assert "PREVIEW_LINKS" not in nbformat.writes(nb)
    deck = build_deck(path, campaign_copy, audience="学生")
    assert len(deck.slides) == 4  # the title slide and one slide of each kind
    assert deck.slides[2].figures
    assert deck.slides[3].figures
    assert any("只给自己看的提示" in n for n in deck.slides[1].notes)
    assert main(["talk", "new", "十二月宣讲", str(campaign_copy)]) != 0  # never overwrites
    assert "已经有了" in capsys.readouterr().err
    assert main(["talk", "new", "x", str(campaign_copy), "--audience", "外星人"]) != 0
    assert "外星人" in capsys.readouterr().err
    assert main(["talk", "new", "../逃出去", str(campaign_copy)]) != 0


def test_talk_calls_that_name_missing_data_say_what_there_is(sample):
    talk = Talk(SAMPLE)
    with pytest.raises(TalkError, match="没有指标“GDP”"):
        talk.then_and_now("GDP", "内蒙古自治区")
    with pytest.raises(TalkError, match="有数据的地区：.*内蒙古自治区"):
        talk.chart("地区生产总值", "火星")
    with pytest.raises(TalkError, match="有数据的年份：2013"):
        talk.then_and_now("地区生产总值", "乌审旗", 2013, 2013)
    with pytest.raises(TalkError, match="E99"):
        talk.event("E99")
    with pytest.raises(TalkError, match="第四句|还没有"):
        talk.point(4)
    part = talk.then_and_now("农村牧区常住居民人均可支配收入", "内蒙古自治区", 2014, 2022)
    assert "9,976元" in part.html
    assert "1.96万元" in part.html
    assert "来源" in part.html
    assert not part.illustrative
    assert talk.benefit_summary().illustrative  # the sample's payments are invented
    part = talk.exemplar("殷玉珍")
    assert "全国劳动模范" in part.html
    assert "人民网" in part.html
    assert not part.illustrative
    assert talk.exemplar("王立新").illustrative
    assert "示例" in talk.exemplar("王立新").html
    with pytest.raises(TalkError, match="没有“张三”。现有：三千孤儿入内蒙"):
        talk.exemplar("张三")


def test_a_talk_started_from_the_guide_builds(campaign_copy, sample):
    from campaignkit.guide import points, talk_from_points

    guide = sample.tables["guide"]
    chosen = points(guide, audience="农牧民").head(3)
    path = talk_from_points(chosen, guide, campaign_copy, "从辅导书开始", audience="农牧民")
    deck = build_deck(path, campaign_copy)
    assert [s.title for s in deck.slides][1:] == list(chosen["point"])
    assert all(re.search("来源", " ".join(p.html for p in s.parts)) for s in deck.slides[1:])
    with pytest.raises(Exception, match="已经有了"):
        talk_from_points(chosen, guide, campaign_copy, "从辅导书开始")


def test_talk_edit_opens_jupyterlab_on_the_campaigns_own_talks(campaign_copy, monkeypatch):
    import campaignkit.server.lab as lab_module

    seen = {}

    class Process:
        def __init__(self, command, env):
            config = next(a for a in command if a.startswith("--config=")).split("=", 1)[1]
            seen["config"], seen["env"] = pathlib.Path(config).read_text(encoding="utf-8"), env

        def wait(self):
            return 0

    monkeypatch.setattr(lab_module.subprocess, "Popen", Process)
    assert main(["talk", "edit", str(campaign_copy), "--no-browser"]) == 0
    config = json.loads(seen["config"])
    assert config["ServerApp"]["root_dir"] == str(campaign_copy / "talks")
    assert config["CampaignkitApp"]["campaign"] == str(campaign_copy.resolve())  # the preview pages' campaign
    assert (campaign_copy / "talks").is_dir()
    assert seen["env"]["CAMPAIGNKIT_CAMPAIGN"] == str(campaign_copy.resolve())  # talk.* draws from this campaign


def test_no_note_of_any_sample_talk_reaches_a_projector_page_or_a_handout():
    from campaignkit.talks import handout_html, projector_page

    for item in list_talks(SAMPLE):
        for audience in (None, *item.audiences):
            notes = note_texts(item.name, audience)
            assert notes, item.name
            deck = build_deck(item.path, SAMPLE, audience=audience)
            assert any(deck.slides[i].notes for i in range(len(deck.slides)))  # the presenter has them
            for page in (projector_page(deck, channel="c"), handout_html(item.path, SAMPLE, audience=audience)):
                assert all(note not in page for note in notes), (item.name, audience)


def test_talk_check_names_the_slide_a_projector_cannot_fit(campaign_copy, capsys):
    """`campaignkit talk check`: the page's own fitting (source line to one line, text down to
    70 %) decides; a slide it cannot fit is named by number, title and size, exit 2. Eleven
    targets said one by one beside their board cannot fit; the same slide in one sentence can."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    path = campaign_copy / "talks" / "蓝图.ipynb"
    path.parent.mkdir(exist_ok=True)

    def write(call: str) -> None:
        cells = [
            new_markdown_cell("# 蓝图"),
            new_code_cell("from campaignkit.talks import talk"),
            new_markdown_cell("## 五年目标"),
            new_code_cell(call),
        ]
        nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}), path)

    write("talk.blueprint(detail=True)")
    assert main(["talk", "check", str(path), str(campaign_copy)]) == 2
    out = capsys.readouterr().out
    assert "[放不下] 第 2 页“五年目标”在 1024×768 的投影上" in out
    assert "1280×720" in out
    # `talk export` writes the handout (nothing wrong with it on paper) and says the same.
    assert main(["talk", "export", str(path), str(campaign_copy), "--out", str(campaign_copy / "蓝图.html")]) == 0
    out = capsys.readouterr().out
    assert "已导出讲义" in out
    assert "[注意] 放映时第 2 页“五年目标”在 1024×768 的投影上" in out
    write("talk.blueprint()")
    assert main(["talk", "check", str(path), str(campaign_copy)]) == 0
    assert "都放得下" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["六句话", "发展蓝图与六句话"])
def test_the_printed_handout_puts_two_slides_or_more_on_every_page(name):
    """Issue 25: every slide took a mostly white A4 page of its own (a chart at the page's full
    width). Now every page but the last starts at least two slides."""
    from campaignkit.talks import find_talk, handout_html
    from campaignkit.ui.export import render_pdf

    document = render_pdf(handout_html(find_talk(name).path, SAMPLE, pdf=True))
    starts = [sum(1 for anchor in page.anchors if anchor.startswith("ck-s")) for page in document.pages]
    assert sum(starts) == len(build_deck(find_talk(name).path, SAMPLE).slides)
    assert all(count >= 2 for count in starts[:-1]), starts


def test_an_event_on_a_slide_is_dated_as_people_say_it():
    """Issue 25: a slide read "1945-02-21（伊克昭盟（城川））" under its title's 1945年."""
    import pandas as pd

    timeline = pd.read_csv(SAMPLE / "timeline.csv", encoding="utf-8-sig", dtype=str)
    code = timeline.loc[timeline["时间"] == "1945-02-21", "编号"].iloc[0]
    card = Talk(SAMPLE).event(code).html
    assert "1945年2月21日" in card
    assert "1945-02-21" not in card


def test_a_misspelt_name_in_a_talk_gets_one_chinese_line_with_the_closest_names(sample, monkeypatch, capfd):
    """Issue 25: a misspelt indicator gave a red traceback with the message at its bottom and no
    suggestion. Now the message names the closest indicators, and in the trainer's kernel it is
    the only line shown (a deck build still sees the error, with its cell)."""
    from IPython.core.interactiveshell import InteractiveShell

    from campaignkit.core.campaign import CAMPAIGN_ENV
    from campaignkit.talks import api

    talk = Talk(SAMPLE)
    with pytest.raises(TalkError, match="您是不是要写：年末常住人口"):
        talk.then_and_now("年末常驻人口", "乌审旗")
    with pytest.raises(TalkError, match="您是不是要写：乌审旗"):
        talk.chart("地区生产总值", "乌审")
    monkeypatch.setenv(CAMPAIGN_ENV, str(SAMPLE))
    monkeypatch.setattr(api._LazyTalk, "_talk", None)
    shell = InteractiveShell.instance()
    try:
        capfd.readouterr()
        shell.run_cell('from campaignkit.talks import talk\ntalk.then_and_now("年末常驻人口", "乌审旗")')
        shown = capfd.readouterr()
    finally:
        shell.set_custom_exc((), None)
        InteractiveShell.clear_instance()
    lines = [line for line in (shown.out + shown.err).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "您是不是要写：年末常住人口" in lines[0], lines
    assert "Traceback" not in shown.out + shown.err
