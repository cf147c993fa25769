"""How a talk notebook becomes slides: a new slide at each level-2 heading, speaker notes
on the slide before them, audience cells only in their version, code shown only by what it
draws, and a failing cell named by its number."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from campaignkit.talks.api import PART_MIME, PLOTLY_MIME
from campaignkit.talks.notebook import TalkNotebookError, audiences_used, for_audience, slides_of


def md(text, *tags):
    return new_markdown_cell(text, metadata={"tags": list(tags)} if tags else {})


def code(source, *outputs, tags=()):
    cell = new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.outputs = list(outputs)
    return cell


def figure(badge=False):
    annotations = [{"name": "illustrative-badge", "text": "示例"}] if badge else []
    return {"data": [{"type": "bar", "x": [1], "y": [2]}], "layout": {"annotations": annotations}}


def talk():
    return new_notebook(
        cells=[
            md("# 题目\n\n副标题"),
            md("备注：开场白"),
            code("from campaignkit.talks import talk"),
            md("## 第一页\n\n第一页的话\n\n## 第二页\n\n```\n## 代码块里的标题不分页\n```"),
            md("备注：第二页的备注"),
            md("备注：第二页的第二条备注"),
            md("给农牧民的话", "农牧民"),
            md("备注：只给农牧民版的备注", "农牧民"),
            md("给学生的话", "学生"),
            code("talk.point(1)", new_output("display_data", data={PART_MIME: {"html": "<b>要点</b>", "illustrative": False}})),
            md("## 第三页"),
            code("print('x')", new_output("stream", name="stdout", text="给培训员看的输出\n")),
            code("talk.chart()", new_output("display_data", data={PLOTLY_MIME: figure(badge=True)}), tags=("社区居民",)),
            md("---\n\n横线不分页"),
        ]
    )


def test_level_two_headings_start_slides_and_the_title_slide_comes_first():
    deck = slides_of(for_audience(talk(), None))
    assert deck.title == "题目"
    assert [s.title for s in deck.slides] == ["题目", "第一页", "第二页", "第三页"]
    assert "副标题" in deck.slides[0].parts[0].html
    assert "代码块里的标题不分页" in deck.slides[2].parts[0].html  # a fence is text
    assert "横线不分页" in deck.slides[3].parts[-1].html


def test_notes_belong_to_the_slide_before_them_and_leave_with_without_notes():
    deck = slides_of(for_audience(talk(), "农牧民"))
    notes = {s.title: " ".join(s.notes) for s in deck.slides}
    assert "开场白" in notes["题目"]
    assert "第二页的备注" in notes["第二页"]
    assert "第二条备注" in notes["第二页"]
    assert "只给农牧民版的备注" in notes["第二页"]
    assert notes["第一页"] == ""
    assert notes["第三页"] == ""
    bare = deck.without_notes()
    assert all(s.notes == [] for s in bare.slides)
    assert all("备注" not in p.html for s in bare.slides for p in s.parts)


def test_audience_cells_appear_only_in_their_version():
    def texts(audience):
        deck = slides_of(for_audience(talk(), audience))
        return " ".join(p.html for s in deck.slides for p in s.parts) + " ".join(n for s in deck.slides for n in s.notes)

    assert "给农牧民的话" in texts("农牧民")
    assert "给学生的话" not in texts("农牧民")
    assert "给学生的话" in texts("学生")
    assert "给农牧民的话" not in texts("学生")
    assert "给农牧民的话" not in texts(None)
    assert "给学生的话" not in texts(None)
    assert audiences_used(talk()) == ["农牧民", "社区居民", "学生"]
    with pytest.raises(TalkNotebookError, match="外星人"):
        for_audience(talk(), "外星人")


def test_code_shows_only_what_it_draws_and_a_badge_marks_the_slide():
    community = slides_of(for_audience(talk(), "社区居民"))
    third = community.slides[3]
    assert third.figures
    assert third.illustrative
    assert all("给培训员看的输出" not in p.html and "print(" not in p.html for s in community.slides for p in s.parts)
    assert "<b>要点</b>" in community.slides[2].parts[-1].html
    assert not slides_of(for_audience(talk(), "学生")).slides[3].illustrative


def test_raw_html_in_markdown_is_shown_as_text():
    deck = slides_of(new_notebook(cells=[md("## 页\n\n<script>alert(1)</script>")]))
    assert "<script>" not in deck.slides[0].parts[0].html
    assert "&lt;script&gt;" in deck.slides[0].parts[0].html


def test_a_failing_cell_is_named_by_its_number():
    nb = new_notebook(
        cells=[md("## 页"), code("talk.event('E99')", new_output("error", ename="TalkError", evalue="没有E99", traceback=[]))]
    )
    with pytest.raises(TalkNotebookError, match="第 2 个单元格.*没有E99"):
        slides_of(nb)


def test_a_notebook_file_round_trips(tmp_path):
    path = tmp_path / "t.ipynb"
    nbformat.write(talk(), path)
    assert [s.title for s in slides_of(nbformat.read(path, as_version=4)).slides][-1] == "第三页"


def test_a_slide_chart_keeps_its_source_line_unless_the_slides_text_prints_the_source():
    """Sources once per slide, never none: the chart's source line leaves the chart for the
    slide (printed under it, where the projector fits it on one line and paper wraps it), and
    gives way only to a printed source line (a caveat's "来自不同来源" is not one)."""
    import pandas as pd

    from campaignkit.talks.notebook import Part, Slide
    from campaignkit.talks.render import _slide_html
    from campaignkit.ui.charts import SOURCE_LINE_NAME, figure

    chart = figure(
        [{"type": "bar", "x": ["2014年", "2022年"], "y": [9976, 19600]}],
        {"title": {"text": "收入"}},
        sources=pd.DataFrame({"source": ["内蒙古年鉴2023"]}),
        notes=["2014年为旧口径"],
        illustrative=False,
    ).to_plotly_json()

    def drawn(text_html: str) -> str:
        figures: dict = {}
        html = _slide_html(Slide("收入", [Part(html=text_html), Part(figure=chart)]), 1, figures, "t")
        (spec,) = figures.values()
        assert not [a for a in spec["layout"]["annotations"] if a.get("name") == SOURCE_LINE_NAME]
        return html

    html = drawn("<p>注意：两个年份的数字来自不同来源。</p>")
    assert html.count("来源：内蒙古年鉴2023") == 1
    assert "ck-chart-source" in html
    assert "2014年为旧口径" in html
    assert html.index("来源：内蒙古年鉴2023") > html.index('class="ck-figure"')  # under the chart
    html = drawn('<p>收入翻了一番。</p><div class="ck-source">来源：内蒙古年鉴2023</div>')
    assert html.count("来源：内蒙古年鉴2023") == 1
    assert "ck-chart-source" not in html
    assert '<span class="ck-source-more" hidden>（详见数据表）</span>' in html  # shown only when the line is cut


def test_labelled_upright_bars_drop_their_value_axis_on_a_slide_and_lying_bars_keep_it():
    from campaignkit.talks.render import on_a_slide

    upright = {"data": [{"type": "bar", "x": ["2014年", "2022年"], "y": [9976, 19600], "text": ["9,976元", "1.96万元"]}]}
    lying = {"data": [{**upright["data"][0], "orientation": "h", "x": [9976, 19600], "y": ["甲", "乙"]}]}
    unlabelled = {"data": [{**upright["data"][0], "text": None}]}
    assert on_a_slide(upright, source_in_text=True, lone=True)[0]["layout"]["yaxis"]["visible"] is False
    assert "yaxis" not in on_a_slide(lying, source_in_text=True, lone=True)[0]["layout"]
    assert "yaxis" not in on_a_slide(unlabelled, source_in_text=True, lone=True)[0]["layout"]


def test_a_source_names_its_site_but_never_a_bare_ip_address():
    """Issue 25: a slide said "来源：鄂尔多斯地区的革命遗址(二)（116.255.252.11）"."""
    from campaignkit.talks.render import unlinked

    text = unlinked('来源：<a href="http://116.255.252.11/x">遗址(二)</a>；<a href="https://www.nmg.gov.cn/a">内蒙古政府</a>')
    assert text == "来源：遗址(二)；内蒙古政府（www.nmg.gov.cn）"
    assert "116.255" not in unlinked("见（http://116.255.252.11/y）")
