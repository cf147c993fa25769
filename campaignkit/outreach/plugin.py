"""宣讲覆盖 as a plugin: activities, door visits (a register on the forms engine), works and screenings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..hookspecs import Feature, FormHooks, Page, hookimpl, lazy

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.campaign import Campaign
    from ..core.declare import Table
    from ..core.problems import Problem


@hookimpl
def feature() -> Feature:
    return Feature(name="outreach", title="宣讲覆盖", reads=("households", "members"))


@hookimpl
def tables() -> list[Table]:
    from .tables import ACTIVITIES, SCREENINGS, VISITS, WORKS

    return [ACTIVITIES, VISITS, WORKS, SCREENINGS]


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="outreach.ipynb",
            title="宣讲覆盖",
            summary="走访到了多少户（全镇、各村、各网格）、四种方式七种载体、群众诉求、各村每月放映演出；只有汇总数字",
            view=lazy(f"{__package__}.view", "outreach_view"),
        ),
        Page(
            notebook="overview.ipynb",
            title="工作概况（述职评议用）",
            summary="一个单位（或全镇）一页：走访覆盖、宣讲活动、诉求办理、放映演出、效果评估，导出 A4 PDF",
            view=lazy(f"{__package__}.overview", "overview_view"),
        ),
    ]


@hookimpl
def record_checks(campaign: Campaign) -> list[Problem]:
    from .records import stored_problems

    return stored_problems(campaign)


@hookimpl
def forms() -> list[FormHooks]:
    from .entry import VISIT_FORM, check_visit, check_visit_form

    return [FormHooks(form_id=VISIT_FORM, register=True, check_form=check_visit_form, check_answer=check_visit)]


@hookimpl
def register_commands(subparsers: Any) -> None:
    from .commands import add_parsers

    add_parsers(subparsers)


@hookimpl
def hub_records(campaign: Path) -> list:
    from .hub_records import hub_records as records

    return records(campaign)
