"""What a feature may add to campaignkit: the hook specifications (pluggy, as pytest and
datasette use it).

A feature is a plugin: one module (``campaignkit/<feature>/plugin.py`` for the built-in
ones, or any module a package names in the ``campaignkit`` entry-point group) that implements
some of these hooks with :data:`hookimpl`. It must implement :func:`feature`. pluggy checks
each implementation's arguments against the specification when the plugin is registered.
Implementations import their feature's modules inside the hook, so finding the features
imports no widget.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pluggy

if TYPE_CHECKING:
    from .core.campaign import Campaign
    from .core.declare import Table
    from .core.problems import Problem

PROJECT = "campaignkit"  # the entry-point group an installable feature package declares
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# What hooks return.


class PhoneLink(NamedTuple):
    """A link on the phones' index; ``now``: about what the hall is seeing now (listed first)."""

    title: str
    address: str  # under the server's base
    now: bool = False


class Route(NamedTuple):
    """A kernel-free page the server adds behind its token: a tornado URL pattern and handler."""

    pattern: str
    handler: Any


class Deck(NamedTuple):
    """A feature's slides in the slide show: ``build(campaign) -> list[Slide]``."""

    build: Callable[..., list]


@dataclass(frozen=True, kw_only=True)
class Page:
    """A notebook that shows a feature (served by Voilà), and the view it calls."""

    notebook: str  # file name in notebooks/
    title: str  # as the index page lists it
    summary: str  # one line: what a lecturer does with it
    view: Callable[..., Any]  # what the notebook calls (see :func:`lazy`)
    private: bool = False  # personal data or raw problem values: never on a shared network
    phone: Callable[..., Any] | None = None  # Campaign -> ui.phone.PhonePage, what phones get under --lan
    phone_tables: tuple[str, ...] = ()  # the tables the phone page shows (only those are read for it)


@dataclass(frozen=True, kw_only=True)
class Feature:
    """Who a feature is (its ``feature`` hook): folder name, Chinese title, and the URL
    prefixes its routes live under."""

    name: str
    title: str  # Chinese, as viewers see it
    prefixes: tuple[str, ...] = ()
    # Folders of the notebooks folder that are never Voilà pages (talks: their speaker notes).
    unserved: tuple[str, ...] = ()
    # Other features' tables its data reads beside its own (a selection's roll: households, members).
    reads: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class HubRecord:
    """One record a laptop reports to the hub (``campaignkit push`` / ``bundle``): what the
    banner's roll-ups need and no more (a household's code, never a name, an ID or a phone
    number). ``record_id``: the id it keeps for life on the laptop; ``replaceable``: keyed by
    the trainer's own id (活动编号, 场次编号), so a changed row replaces the hub's copy and a
    removed row is removed from it."""

    kind: str  # visits, activities, screenings, responses…
    record_id: str
    unit: str  # a village, community or office of campaign.toml ("" when it has none)
    data: dict
    replaceable: bool = False


@dataclass(frozen=True, kw_only=True)
class FormHooks:
    """A form a feature owns (by its id, or every quiz) and what the feature does with it:
    checks of the form when it is loaded, checks of an answer before it is stored, and whether
    it is a register (door visits) rather than a survey. The checks run on owned forms only."""

    form_id: str = ""
    quizzes: bool = False
    check_form: Callable[..., list] | None = None  # (forms.Form, campaign folder) -> [forms.FormError]
    check_answer: Callable[..., list[str]] | None = None  # (forms.Form, answers, campaign folder) -> [Chinese message]
    register: bool = False

    def owns(self, form: Any) -> bool:
        return bool((self.form_id and form.form_id == self.form_id) or (self.quizzes and form.quiz))


def lazy(module: str, name: str) -> Callable[..., Any]:
    """``module.name``, imported when first called: a plugin names its views and builders
    without importing widgets when the features are only listed."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__module__, call.__name__, call.__qualname__ = module, name, name
    return call


@hookspec
def feature() -> Feature:
    """Who the feature is: its folder name, its Chinese title and the URL prefixes its routes use."""
    raise NotImplementedError


@hookspec
def tables() -> Sequence[Table]:
    """The tables the feature declares or reads (templates, ``validate``, data health)."""
    raise NotImplementedError


@hookspec
def pages() -> Sequence[Page]:
    """The notebooks that show the feature, each saying whether it is private."""
    raise NotImplementedError


@hookspec
def routes() -> Sequence[Route]:
    """Kernel-free pages ``serve`` adds behind its token; each pattern starts with one of the
    feature's prefixes."""
    raise NotImplementedError


@hookspec
def lab_routes() -> Sequence[Route]:
    """Routes ``campaignkit lab`` serves too, so trainers preview them."""
    raise NotImplementedError


@hookspec
def register_commands(subparsers: Any) -> None:
    """Add the feature's commands to ``campaignkit``'s argparse subparsers; each sets its
    handler with ``set_defaults(run=function)`` (the function takes the parsed arguments and
    returns the exit code)."""
    raise NotImplementedError


@hookspec
def register_form_commands(subparsers: Any) -> None:
    """Add the feature's commands under ``campaignkit forms`` (as ``register_commands``; e.g. the
    evaluation's ``forms report``)."""
    raise NotImplementedError


@hookspec
def decks() -> Sequence[Deck]:
    """The feature's slides in the slide show."""
    raise NotImplementedError


@hookspec
def phone_links(campaign: Path, notebooks: Path) -> Sequence[PhoneLink]:
    """Links the phones' index lists besides the phone pages (a talk's handout, a ballot)."""
    raise NotImplementedError


@hookspec
def record_checks(campaign: Campaign) -> Sequence[Problem]:
    """Problems with records the feature keeps outside the spreadsheets (``campaign``: the
    tables as checked), reported with the tables'."""
    raise NotImplementedError


@hookspec
def hub_records(campaign: Path) -> Sequence[HubRecord]:
    """What the feature reports to the banner's hub from this campaign folder (see
    :class:`HubRecord`): aggregates or coded records, never a person's name or number."""
    raise NotImplementedError


@hookspec
def forms() -> Sequence[FormHooks]:
    """The forms the feature owns and what it checks on them (only on those)."""
    raise NotImplementedError
