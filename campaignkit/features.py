"""The registry: every feature of campaignkit, in the order the index page lists them.

A feature is one folder (``campaignkit/<name>/``: tables, computations, charts,
views, slides) plus one entry here. Everything that lists features or tables
reads this registry: the loader's catalogue (``validate``, templates, data
health), the index page, the slide show and ``serve`` (which pages stay off
``--lan``). Views, decks and tables are named by dotted path and imported when
used, so a feature that reads the registry (data health, the slide show) makes
no import circle, and reading the catalogue imports no widget.

Another registry can be used instead (a township's own features, or a test's):
set ``CAMPAIGNKIT_REGISTRY=package.module:FEATURES`` to a sequence of
:class:`Feature`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from .core.declare import Catalogue, Table

REGISTRY_ENV = "CAMPAIGNKIT_REGISTRY"


class PhoneLink(NamedTuple):
    """A link on the phones' index; ``now``: about what the hall is seeing now (listed first)."""

    title: str
    address: str  # under the server's base
    now: bool = False


@dataclass(frozen=True, kw_only=True)
class Page:
    """A notebook that shows a feature (served by Voilà), and the view it calls."""

    notebook: str  # file name in notebooks/
    title: str  # as the index page lists it
    summary: str  # one line: what a lecturer does with it
    view: str = ""  # "module:function" the notebook calls
    private: bool = False  # personal data or raw problem values: never on a shared network
    phone: str = ""  # "module:function": Campaign -> ui.phone.PhonePage, what phones get under --lan
    phone_tables: tuple[str, ...] = ()  # the tables the phone page shows (only those are read for it)


@dataclass(frozen=True, kw_only=True)
class Feature:
    name: str  # folder name under campaignkit/
    title: str  # Chinese, as viewers see it
    tables: tuple[str, ...] = ()  # "module:ATTR" of each Table it declares or uses
    pages: tuple[Page, ...] = ()
    decks: tuple[str, ...] = ()  # "module:function": Campaign -> list[Slide], shown in the slide show
    routes: tuple[str, ...] = ()  # "module:ROUTES": [(URL pattern, tornado handler)] `serve` adds behind its token
    lab_routes: tuple[str, ...] = ()  # "module:ROUTES" `campaignkit lab` serves too (trainers preview them)
    phone_links: tuple[str, ...] = ()  # "module:function": (campaign folder, notebooks folder) -> [(title, address)]
    form_checks: tuple[str, ...] = ()  # "module:function": (forms.Form, campaign folder) -> [forms.FormError]
    record_checks: tuple[str, ...] = ()  # "module:function": Campaign -> [Problem] about records kept outside the tables
    register_forms: tuple[str, ...] = ()  # form_ids of registers kept on the forms engine (door visits), not surveys
    answer_checks: tuple[str, ...] = ()  # "module:function": (forms.Form, answers, campaign folder) -> [Chinese message]

    @property
    def notebooks(self) -> tuple[str, ...]:
        return tuple(p.notebook for p in self.pages)

    @property
    def private(self) -> bool:
        """The feature has pages with personal data or raw problem values (each page says which)."""
        return any(p.private for p in self.pages)


def resolve(path: str) -> Any:
    """The object named by ``"package.module:attribute"``."""
    module, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module), attribute)


FEATURES: tuple[Feature, ...] = (
    Feature(
        name="ledger",
        title="发展账",
        tables=("campaignkit.ledger.tables:INDICATORS",),
        pages=(
            Page(
                notebook="ledger.ipynb",
                title="发展账",
                view="campaignkit.ledger.view:ledger_view",
                summary="十年来的变化：选地区、指标和年份，先看前后对比，再看历年变化",
                phone="campaignkit.ledger.phone:ledger_phone",
                phone_tables=("indicators",),
            ),
        ),
        decks=("campaignkit.ledger.slides:ledger_deck",),
    ),
    Feature(
        name="timeline",
        title="历史大事",
        tables=("campaignkit.timeline.tables:TIMELINE",),
        pages=(
            Page(
                notebook="timeline.ipynb",
                title="历史大事",
                view="campaignkit.timeline.view:timeline_view",
                summary="全国、自治区、鄂尔多斯、乌审旗和本镇的大事放在一条时间轴上，每件事有地点和来源，再看那一年的发展账数字",
                phone="campaignkit.timeline.phone:timeline_phone",
                phone_tables=("timeline",),
            ),
        ),
    ),
    Feature(
        name="lessons",
        title="学生课程",
        tables=("campaignkit.lessons.tables:LESSONS",),
        pages=(
            Page(
                notebook="lessons.ipynb",
                title="学生课程",
                view="campaignkit.lessons.view:lesson_view",
                summary="按年级段讲历史：小故事、故事里的事和来源、讨论题、行走的思政课和家校任务；课堂测验",
            ),
        ),
        routes=("campaignkit.lessons.handlers:ROUTES",),
        form_checks=("campaignkit.lessons.quiz:check_order_questions",),
    ),
    Feature(
        name="honors",
        title="先进典型",
        tables=(
            "campaignkit.honors.tables:EXEMPLARS",
            "campaignkit.honors.tables:SELECTIONS",
            "campaignkit.honors.tables:NOMINATIONS",
            "campaignkit.honors.tables:VOTERS",
        ),
        pages=(
            Page(
                notebook="honors.ipynb",
                title="先进典型",
                view="campaignkit.honors.view:honors_view",
                summary="全国、自治区、本旗本镇的先进典型（有事迹和来源），打印故事卡；本次活动的先进评选：候选人、投票、结果、核查",
                phone="campaignkit.honors.phone:honors_phone",
                phone_tables=("exemplars",),
            ),
        ),
        decks=("campaignkit.honors.slides:exemplar_deck",),
        routes=("campaignkit.honors.handlers:ROUTES",),
        phone_links=("campaignkit.honors.handlers:phone_links",),
    ),
    Feature(
        name="funding",
        title="项目资金",
        tables=("campaignkit.funding.tables:PROJECTS",),
        pages=(
            Page(
                notebook="funding.ipynb",
                title="项目资金",
                view="campaignkit.funding.view:funding_view",
                summary="钱从哪里来：中央、自治区、市、旗、镇各级投入和建成的项目",
                phone="campaignkit.funding.phone:funding_phone",
                phone_tables=("projects",),
            ),
        ),
        decks=("campaignkit.funding.slides:funding_deck",),
    ),
    Feature(
        name="blueprint",
        title="发展蓝图",
        tables=("campaignkit.blueprint.tables:BLUEPRINT",),
        pages=(
            Page(
                notebook="blueprint.ipynb",
                title="发展蓝图",
                view="campaignkit.blueprint.view:blueprint_view",
                summary="今后五年的目标、现在走到了哪一步",
                phone="campaignkit.blueprint.phone:blueprint_phone",
                phone_tables=("blueprint",),
            ),
        ),
        decks=("campaignkit.blueprint.slides:blueprint_deck",),
    ),
    Feature(
        name="benefits",
        title="惠民资金",
        tables=(
            "campaignkit.benefits.tables:POLICIES",
            "campaignkit.core.people:HOUSEHOLDS",
            "campaignkit.core.people:MEMBERS",
            "campaignkit.benefits.tables:PAYMENTS",
        ),
        pages=(
            Page(
                notebook="benefits_meeting.ipynb",
                title="惠民资金（会议用）",
                view="campaignkit.benefits.meeting:meeting_view",
                summary="全镇、各村领了多少惠民资金，钱从哪一级来；只有汇总，没有个人信息",
                phone="campaignkit.benefits.phone:benefits_phone",
                phone_tables=("payments", "households"),
            ),
            Page(
                notebook="door_visit.ipynb",
                title="炕头账（入户用）",
                view="campaignkit.benefits.door_visit:door_visit_view",
                summary="坐在一户人家里，一项一项算清楚领了什么、谁出的钱，打印明白卡",
                private=True,
            ),
        ),
    ),
    Feature(
        name="outreach",
        title="宣讲覆盖",
        tables=(
            "campaignkit.outreach.tables:ACTIVITIES",
            "campaignkit.outreach.tables:VISITS",
            "campaignkit.outreach.tables:WORKS",
            "campaignkit.outreach.tables:SCREENINGS",
        ),
        pages=(
            Page(
                notebook="outreach.ipynb",
                title="宣讲覆盖",
                view="campaignkit.outreach.view:outreach_view",
                summary="走访到了多少户（全镇、各村、各网格）、四种方式七种载体、群众诉求、各村每月放映演出；只有汇总数字",
            ),
            Page(
                notebook="overview.ipynb",
                title="工作概况（述职评议用）",
                view="campaignkit.outreach.overview:overview_view",
                summary="一个单位（或全镇）一页：走访覆盖、宣讲活动、诉求办理、放映演出、效果评估，导出 A4 PDF",
            ),
        ),
        register_forms=("visits",),
        record_checks=("campaignkit.outreach.records:stored_problems",),
        form_checks=("campaignkit.outreach.entry:check_visit_form",),
        answer_checks=("campaignkit.outreach.entry:check_visit",),
    ),
    Feature(
        name="evaluation",
        title="效果评估",
        tables=("campaignkit.evaluation.tables:INTERVIEWS",),
        pages=(
            Page(
                notebook="evaluation.ipynb",
                title="效果评估",
                view="campaignkit.evaluation.view:evaluation_view",
                summary="手机问卷的结果：每题多少人怎么答、各类人群有什么不同、前后两次比有没有提高",
            ),
        ),
    ),
    Feature(
        name="guide",
        title="辅导书",
        tables=("campaignkit.guide.tables:GUIDE",),
        pages=(
            Page(
                notebook="guide.ipynb",
                title="辅导书",
                view="campaignkit.guide.view:guide_view",
                summary="“六句话”每一句的要点、史实和数字，选几条要点一键开始写讲稿",
                private=True,  # its button writes a talk into the campaign folder
            ),
        ),
    ),
    Feature(
        name="talks",
        title="宣讲稿",
        pages=(
            Page(
                notebook="talks.ipynb",
                title="宣讲稿",
                view="campaignkit.talks.view:talks_view",
                summary="放映讲稿（投影、演讲者视图带备注），按对象选版本，导出讲义",
            ),
        ),
        routes=("campaignkit.talks.handlers:ROUTES",),
        lab_routes=("campaignkit.talks.handlers:ROUTES",),
        phone_links=("campaignkit.talks.handlers:phone_links",),
    ),
    Feature(
        name="slides",
        title="幻灯片",
        pages=(
            Page(
                notebook="slides.ipynb",
                title="幻灯片",
                view="campaignkit.slides.view:slides_view",
                summary="开会时用：一页讲一件事，大字，翻页讲解",
            ),
        ),
    ),
    Feature(
        name="health",
        title="数据体检",
        pages=(
            Page(
                notebook="data_health.ipynb",
                title="数据体检",
                view="campaignkit.health.view:data_health_view",
                summary="给培训人员：表格有没有错、错在第几行",
                private=True,
            ),
        ),
    ),
)


class Registry:
    """What the registry's features add up to: tables, pages, decks."""

    def __init__(self, features: Sequence[Feature]):
        self.features = tuple(features)
        names = [f.name for f in self.features]
        if len(set(names)) != len(names):
            raise ValueError(f"feature names must be unique: {names}")

    def feature(self, name: str) -> Feature:
        for f in self.features:
            if f.name == name:
                return f
        raise KeyError(name)

    def catalogue(self) -> Catalogue:
        tables: list[Table] = [resolve(path) for f in self.features for path in f.tables]
        return Catalogue(tables)

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(p for f in self.features for p in f.pages)

    def private_notebooks(self) -> frozenset[str]:
        return frozenset(p.notebook for p in self.pages if p.private)

    def routes(self) -> list[tuple[str, Any]]:
        """(URL pattern, handler) of every feature's own pages in ``serve`` (kernel-free)."""
        return [route for f in self.features for spec in f.routes for route in resolve(spec)]

    def lab_routes(self) -> list[tuple[str, Any]]:
        """(URL pattern, handler) of the pages ``campaignkit lab`` serves beside JupyterLab."""
        return [route for f in self.features for spec in f.lab_routes for route in resolve(spec)]

    def phone_pages(self) -> dict[str, Page]:
        """Pages that have a kernel-free phone version, by notebook stem."""
        return {p.notebook.removesuffix(".ipynb"): p for p in self.pages if p.phone}

    def phone_links(self, campaign: Any, notebooks: Any) -> list[PhoneLink]:
        """Other phone pages features offer (a talk's handout), what the hall sees now first."""
        links = [PhoneLink(*link) for f in self.features for spec in f.phone_links for link in resolve(spec)(campaign, notebooks)]
        return sorted(links, key=lambda link: not link.now)

    def form_checks(self) -> list[Callable]:
        """The checks features add to the campaign's forms (see ``forms.service.FormCheck``)."""
        return [resolve(spec) for f in self.features for spec in f.form_checks]

    def answer_checks(self) -> list[Callable]:
        """The checks features make on a response before it is stored (a visit's household must
        be registered): each returns its Chinese messages, empty when the response may be stored."""
        return [resolve(spec) for f in self.features for spec in f.answer_checks]

    def record_checks(self) -> list[Callable]:
        """Checks of records the features keep outside the spreadsheets (door visits stored by the
        forms engine): each gives the campaign's problems with them, reported with the tables'."""
        return [resolve(spec) for f in self.features for spec in f.record_checks]

    def register_forms(self) -> frozenset[str]:
        """Forms that are registers (door visits), which the evaluation does not count as surveys."""
        return frozenset(form for f in self.features for form in f.register_forms)

    def decks(self) -> list[tuple[str, Callable]]:
        """(feature title, deck builder) for every feature with slides, in registry order."""
        return [(f.title, resolve(d)) for f in self.features for d in f.decks]


@lru_cache(maxsize=8)
def _registry(spec: str) -> Registry:
    return Registry(resolve(spec) if spec else FEATURES)


def registry() -> Registry:
    """The registry in use: :data:`FEATURES`, or the one ``$CAMPAIGNKIT_REGISTRY`` names."""
    return _registry(os.environ.get(REGISTRY_ENV, ""))


def catalogue() -> Catalogue:
    """Every table of every registered feature."""
    return registry().catalogue()
