"""The lesson view (学生课程): pick an age band and a lesson; the story in the band's words,
the events it rests on (time, place, source, on the timeline), the discussion questions,
the activity and the task for home, in type a classroom can read from the back."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..core.campaign import Campaign
from ..timeline import source_html, timeline_chart
from ..ui import html
from ..ui.view import FigureArea, View, dashboard, guarded, wide_labels
from . import compute

# Classroom sizes in px: read from the back of a classroom on a projector or a large screen.
STORY_PX, TEXT_PX, HEADING_PX, NOTE_PX = 30, 26, 36, 20


def lesson_html(lesson: pd.Series, events: pd.DataFrame) -> str:
    """The lesson as the class sees it (everything from the files escaped)."""
    badge = html.ILLUSTRATIVE_BADGE if bool(lesson.get("illustrative", False)) else ""
    text = f"font-size:{TEXT_PX}px;line-height:1.6;"

    def section(title: str, body: str) -> str:
        return f'<h3 style="font-size:{TEXT_PX + 4}px;margin:18px 0 6px 0;">{title}</h3>{body}' if body else ""

    goal = lesson.get("goal")
    parts = [
        f'<h2 class="ck-lesson-title" style="font-size:{HEADING_PX}px;line-height:1.3;margin:8px 0;">'
        f"{html.escape(str(lesson['title']))}{badge}</h2>",
        f'<p style="{text}color:#444;">{html.escape(str(lesson["band"]))}'
        + (f" · 目标：{html.escape(goal)}" if isinstance(goal, str) and goal else "")
        + "</p>",
        f'<div class="ck-story ck-card" style="font-size:{STORY_PX}px;line-height:1.7;background:#f7f4ea;'
        f'border-radius:10px;padding:14px 18px;">{html.escape(str(lesson["story"]))}</div>',
    ]
    items = "".join(
        f'<li style="{text}margin:6px 0;"><b>{html.escape(r["when_label"])}</b>'
        + (f"（{html.escape(str(r['place']))}）" if isinstance(r.get("place"), str) and r.get("place") else "")
        + f"：{html.escape(str(r['event']))}"
        f'<div style="font-size:{NOTE_PX}px;color:#444;">来源：{source_html(r)}</div></li>'
        for _, r in events.iterrows()
    )
    parts.append(
        section(
            "故事里的事（都有来源）", f'<ul class="ck-lesson-events" style="padding-left:1.2em;">{items}</ul>' if items else ""
        )
    )
    questions = "".join(f'<li style="{text}margin:6px 0;">{html.escape(q)}</li>' for q in compute.questions_of(lesson))
    parts.append(section("想一想，说一说", f'<ol class="ck-questions">{questions}</ol>' if questions else ""))
    activity, place = lesson.get("activity"), lesson.get("place")
    if isinstance(activity, str) and activity:
        where = f"（地点：{html.escape(place)}）" if isinstance(place, str) and place else ""
        parts.append(section("活动", f'<p class="ck-activity" style="{text}">{html.escape(activity)}{where}</p>'))
    homework = lesson.get("homework")
    if isinstance(homework, str) and homework:
        parts.append(section("回家和爸爸妈妈一起做", f'<p class="ck-homework" style="{text}">{html.escape(homework)}</p>'))
    return "".join(parts)


def class_links(campaign: Campaign) -> str:
    """Where the class's quizzes and the family worksheet are (kernel-free pages of `serve`)."""
    from ..forms import read_forms
    from ..forms.service import forms_dir
    from .family import is_family_form

    forms, _ = read_forms(forms_dir(Path(campaign.path))) if getattr(campaign, "path", None) else ([], [])
    links = [
        '<li><a href="/campaignkit/quiz/" target="_blank">课堂测验</a>：学生用手机扫码答题，老师看每道题答对的比例（在老师自己的电脑上打开）</li>'
    ]
    for form in forms:
        if is_family_form(form):
            address = f"/campaignkit/family/{html.escape(form.form_id)}"
            links.append(
                f'<li>{html.escape(form.title)}：<a href="{address}/worksheet.pdf">A4 作业纸（PDF）</a>；'
                "学生也可以用手机填同样的表；全班的变化在 "
                f"<code>{address}/班级码</code></li>"
            )
    return (
        f'<h3 style="font-size:{TEXT_PX}px;">课堂测验和家校合作</h3><ul style="font-size:{NOTE_PX + 2}px;">{"".join(links)}</ul>'
    )


class LessonView(View):
    """Presets: ``band`` (e.g. "初中"), ``lesson`` (an 编号, e.g. "L03")."""

    def __init__(self, campaign: Campaign, *, band: str | None = None, lesson: str | None = None, **kwargs):
        super().__init__(presenter=True, **kwargs)  # a classroom reads it from the back
        self.lessons = campaign.tables["lessons"]
        self.timeline = campaign.tables["timeline"]
        bands = compute.bands_of(self.lessons)
        self.band = widgets.ToggleButtons(options=bands, description="年级段：", style={"button_width": "auto"})
        self.lesson = widgets.Dropdown(description="课题：", layout=widgets.Layout(width="min(100%, 640px)"))
        wide_labels(self.lesson)
        self.body = widgets.HTML()
        self.chart = FigureArea()
        if lesson is not None:
            rows = self.lessons[self.lessons["code"] == lesson]
            if len(rows):
                band = rows.iloc[0]["band"]
        if band is not None:
            self.preset(self.band, band, "年级段")
        self._fill_lessons()
        if lesson is not None:
            self.preset(self.lesson, lesson, "课程编号")
        self.band.observe(self._on_band, names="value")
        self.lesson.observe(self._on_lesson, names="value")
        empty = (
            [] if bands else [widgets.HTML(html.banner("还没有学生课程：在活动文件夹里加一个 lessons 表（见说明）。", "info"))]
        )
        self.children = [*empty, self.band, self.lesson, self.status, self.body, self.chart, widgets.HTML(class_links(campaign))]
        self.draw()
        self.show_notes()

    def _fill_lessons(self) -> None:
        rows = compute.lessons_for(self.lessons, self.band.value)
        options = [(f"{r['code']} {r['title']}", r["code"]) for _, r in rows.iterrows()]
        self.lesson.options = options
        self.lesson.value = options[0][1] if options else None  # a new list starts at its first lesson

    @guarded
    def _on_band(self, change) -> None:
        self._fill_lessons()
        self.draw()

    @guarded
    def _on_lesson(self, change) -> None:
        self.draw()

    def draw(self) -> None:
        rows = self.lessons[self.lessons["code"] == self.lesson.value]
        if rows.empty:
            self.body.value = ""
            self.chart.clear()
            return
        lesson = rows.iloc[0]
        events = compute.events_of(lesson, self.timeline)
        self.body.value = lesson_html(lesson, events)
        self.chart.show(timeline_chart(events, presenter=True))


def lesson_view(path: str | Path | None = None, *, band: str | None = None, lesson: str | None = None) -> widgets.Widget:
    """The lessons of a campaign folder (default: ``$CAMPAIGNKIT_CAMPAIGN`` or the sample), e.g.
    ``lesson_view(band="初中")`` or ``lesson_view(lesson="L03")``."""
    return dashboard(path, lambda c: LessonView(c, band=band, lesson=lesson), tables=["lessons", "timeline"])
