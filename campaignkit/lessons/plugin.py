"""学生课程 as a plugin: lessons, the class quiz pages and the quizzes' order questions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..hookspecs import Feature, FormHooks, Page, Route, hookimpl, lazy

if TYPE_CHECKING:
    from ..core.declare import Table


@hookimpl
def feature() -> Feature:
    return Feature(name="lessons", title="学生课程", prefixes=("/campaignkit/quiz", "/campaignkit/family/"))


@hookimpl
def tables() -> list[Table]:
    from .tables import LESSONS

    return [LESSONS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="lessons.ipynb",
            title="学生课程",
            summary="按年级段讲历史：小故事、故事里的事和来源、讨论题、行走的思政课和家校任务；课堂测验",
            view=lazy(f"{__package__}.view", "lesson_view"),
        ),
    ]


@hookimpl
def routes() -> list[Route]:
    from .handlers import ROUTES

    return [Route(*route) for route in ROUTES]


@hookimpl
def forms() -> list[FormHooks]:
    # Every quiz: its order questions name timeline events.
    return [FormHooks(quizzes=True, check_form=lazy(f"{__package__}.quiz", "check_order_questions"))]


@hookimpl
def hub_records(campaign: Path) -> list:
    from .hub_records import hub_records as records

    return records(campaign)
