"""The registry: every feature of campaignkit, found as plugins.

A feature is one folder (``campaignkit/<name>/``: tables, computations, charts, views,
slides) whose ``plugin.py`` implements the hooks of :mod:`campaignkit.hookspecs`. The
built-in features are :data:`BUILTIN`, in the order the index page lists them; a township's
own feature is an installed package that names its plugin module in the ``campaignkit``
entry-point group, and comes after them. Everything that lists features, tables, pages,
routes, commands, decks or form checks reads :func:`registry`: the loader's catalogue
(``validate``, templates, data health), the index page, the slide show, ``serve`` (and which
pages stay off ``--lan``) and the command line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import pluggy

from . import hookspecs
from .core.declare import Catalogue, Table
from .hookspecs import Deck, Feature, FormHooks, Page, PhoneLink, Route, lazy

if TYPE_CHECKING:
    from pathlib import Path

# The built-in features (folder names), in the order the index page lists them.
BUILTIN = (
    "ledger",
    "timeline",
    "lessons",
    "honors",
    "funding",
    "blueprint",
    "benefits",
    "shops",
    "retirees",
    "outreach",
    "evaluation",
    "guide",
    "talks",
    "slides",
    "health",
    "hub",
)
# Addresses the server itself answers: no feature's route may start with these.
CORE_PREFIXES = (
    "/campaignkit/phone",
    "/campaignkit/static",
    "/campaignkit/speak",
    "/campaignkit/health",
    "/campaignkit/hall",
    "/forms/",
    "/voila/",
    "/api/",
)
__all__ = [
    "BUILTIN",
    "Deck",
    "Feature",
    "FormHooks",
    "Page",
    "PhoneLink",
    "Registry",
    "RegistryError",
    "Route",
    "lazy",
    "registry",
]


class RegistryError(ValueError):
    """A plugin that breaks the registry's rules (names, prefixes, a missing ``feature`` hook)."""


class Registry:
    """What the registered features add up to. Hooks are called feature by feature in
    registry order (not through pluggy's one call for all), so each result is known to come
    from its feature: the index keeps its order, a route is checked against its feature's
    prefixes, a deck gets its feature's title."""

    def __init__(self, manager: pluggy.PluginManager):
        self.manager = manager
        found: list[tuple[Feature, object]] = []
        for name, plugin in manager.list_name_plugin():
            impl = self._impl("feature", plugin)
            if impl is None:
                raise RegistryError(f"插件 {name} 没有实现 feature 钩子（说明它是哪个功能）")
            found.append((impl.function(), plugin))
        self._plugins = found
        self.features: tuple[Feature, ...] = tuple(f for f, _ in found)
        names = [f.name for f in self.features]
        if len(set(names)) != len(names):
            raise RegistryError(f"功能名称重复：{names}")
        self._check_prefixes()

    def _impl(self, hook: str, plugin: object):
        return next((i for i in getattr(self.manager.hook, hook).get_hookimpls() if i.plugin is plugin), None)

    def _each(self, hook: str, **kwargs: Any) -> list[tuple[Feature, Any]]:
        """(feature, result) of every feature implementing ``hook``, in registry order."""
        out = []
        for feature, plugin in self._plugins:
            impl = self._impl(hook, plugin)
            if impl is not None:
                out.append((feature, impl.function(*(kwargs[a] for a in impl.argnames))))
        return out

    def _check_prefixes(self) -> None:
        claimed: dict[str, str] = {}
        for feature in self.features:
            for prefix in feature.prefixes:
                if not prefix.startswith("/") or any(prefix.startswith(c) or c.startswith(prefix) for c in CORE_PREFIXES):
                    raise RegistryError(f"功能 {feature.name} 的地址前缀 {prefix} 与服务器自己的地址冲突")
                for other, owner in claimed.items():
                    if prefix.startswith(other) or other.startswith(prefix):
                        raise RegistryError(f"功能 {feature.name} 的地址前缀 {prefix} 与功能 {owner} 的 {other} 冲突")
                claimed[prefix] = feature.name

    def feature(self, name: str) -> Feature:
        for f in self.features:
            if f.name == name:
                return f
        raise KeyError(name)

    def catalogue(self) -> Catalogue:
        return self._catalogue

    @cached_property
    def _catalogue(self) -> Catalogue:  # read on every load: built once
        tables: list[Table] = [t for _, found in self._each("tables") for t in found]
        return Catalogue(list({t.name: t for t in tables}.values()))  # a table two features read, once

    def own_tables(self, name: str) -> tuple[str, ...]:
        """The tables feature ``name`` declares (its ``tables`` hook), in its order."""
        return self._own_tables.get(name, ())

    def tables_of(self, name: str) -> tuple[str, ...]:
        """What feature ``name``'s data reads: its own tables, then those it declares it reads."""
        own = self.own_tables(name)
        return own + tuple(t for t in self.feature(name).reads if t not in own)

    @cached_property
    def _own_tables(self) -> dict[str, tuple[str, ...]]:
        return {feature.name: tuple(t.name for t in found) for feature, found in self._each("tables")}

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        return tuple(p for _, found in self._each("pages") for p in found)

    def unserved(self) -> tuple[str, ...]:
        """Folders of the notebooks folder Voilà never renders (declared by their features)."""
        return tuple(folder for f in self.features for folder in f.unserved)

    def private_notebooks(self) -> frozenset[str]:
        return frozenset(p.notebook for p in self.pages if p.private)

    def _routes(self, hook: str) -> list[tuple[str, Any]]:
        routes = []
        for feature, found in self._each(hook):
            for pattern, handler in found:
                if not any(pattern.startswith(p) for p in feature.prefixes):
                    raise RegistryError(f"功能 {feature.name} 的地址 {pattern} 不在它声明的前缀 {feature.prefixes} 之下")
                routes.append((pattern, handler))
        return routes

    def routes(self) -> list[tuple[str, Any]]:
        """(URL pattern, handler) of every feature's own pages in ``serve`` (kernel-free)."""
        return self._routes("routes")

    def lab_routes(self) -> list[tuple[str, Any]]:
        """(URL pattern, handler) of the pages ``campaignkit lab`` serves beside JupyterLab."""
        return self._routes("lab_routes")

    def register_commands(self, subparsers: Any) -> None:
        """Every feature's commands on ``campaignkit``'s command line."""
        self._each("register_commands", subparsers=subparsers)

    def register_form_commands(self, subparsers: Any) -> None:
        """Every feature's commands under ``campaignkit forms``."""
        self._each("register_form_commands", subparsers=subparsers)

    def phone_pages(self) -> dict[str, Page]:
        """Pages that have a kernel-free phone version, by notebook stem."""
        return {p.notebook.removesuffix(".ipynb"): p for p in self.pages if p.phone}

    def phone_links(self, campaign: Path, notebooks: Path) -> list[PhoneLink]:
        """Other phone pages features offer (a talk's handout), what the hall sees now first."""
        found = self._each("phone_links", campaign=campaign, notebooks=notebooks)
        links = [PhoneLink(*link) for _, links in found for link in links]
        return sorted(links, key=lambda link: not link.now)

    @cached_property
    def _forms(self) -> list[FormHooks]:
        return [hooks for _, found in self._each("forms") for hooks in found]

    def form_checks(self) -> list[Callable]:
        """The checks features make of the forms they own (see ``forms.service.FormCheck``)."""

        def scoped(hooks: FormHooks) -> Callable:
            def check(form: Any, campaign: Any) -> list:
                return hooks.check_form(form, campaign) if hooks.owns(form) and hooks.check_form else []

            return check

        return [scoped(h) for h in self._forms if h.check_form]

    def answer_checks(self) -> list[Callable]:
        """The checks features make of an answer to a form they own before it is stored (a
        visit's household must be registered): each gives its Chinese messages, empty when
        the answer may be stored."""

        def scoped(hooks: FormHooks) -> Callable:
            def check(form: Any, answers: dict, campaign: Any) -> list[str]:
                return hooks.check_answer(form, answers, campaign) if hooks.owns(form) and hooks.check_answer else []

            return check

        return [scoped(h) for h in self._forms if h.check_answer]

    def record_checks(self) -> list[Callable]:
        """Checks of records the features keep outside the spreadsheets (door visits stored by the
        forms engine): each gives the campaign's problems with them, reported with the tables'."""
        impls = (self._impl("record_checks", plugin) for _, plugin in self._plugins)
        return [impl.function for impl in impls if impl is not None]

    def hub_records(self, campaign: Path) -> list:
        """Every feature's records for the hub (hookspecs.HubRecord), feature by feature."""
        return [record for _, found in self._each("hub_records", campaign=campaign) for record in found]

    def register_forms(self) -> frozenset[str]:
        """Forms that are registers (door visits), which the evaluation does not count as surveys."""
        return frozenset(h.form_id for h in self._forms if h.register and h.form_id)

    def decks(self) -> list[tuple[str, Callable]]:
        """(feature title, deck builder) for every feature with slides, in registry order."""
        return [(feature.title, deck.build) for feature, found in self._each("decks") for deck in found]


def plugin_manager(modules: Sequence[str] | None = None, *, entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with the built-in features (or ``modules``) and, unless
    ``entry_points=False``, every installed package's ``campaignkit`` entry points."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for module in modules if modules is not None else [f"campaignkit.{name}.plugin" for name in BUILTIN]:
        manager.register(importlib.import_module(module), name=module)
    if entry_points:
        manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    return manager


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry in use: the built-in features and the installed ones (cached; a test that
    installs a feature calls ``registry.cache_clear()``)."""
    return Registry(plugin_manager())


def catalogue() -> Catalogue:
    """Every table of every registered feature."""
    return registry().catalogue()
