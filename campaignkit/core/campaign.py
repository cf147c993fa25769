"""A campaign is a folder: ``campaign.toml`` plus one spreadsheet per table.

:func:`load_campaign` is the entry point for notebooks and widgets (strict by
default); :func:`check_campaign` returns the full report without raising, for
the ``campaignkit validate`` command and the data-health dashboard.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CampaignNotFound
from .cache import cached_read, forget
from .config import CONFIG_FILE, CampaignConfig
from .declare import Catalogue
from .loader import TableResult, read_table
from .paths import sample_campaign_dir
from .problems import CampaignDataError, HasProblems, Problem, ProblemList, TableCounts, sort_problems
from .reading import SUFFIXES
from .references import check_references

CAMPAIGN_ENV = "CAMPAIGNKIT_CAMPAIGN"
LAN_ENV = "CAMPAIGNKIT_LAN"  # set for kernels of `serve --lan`: pages leave out what is not served


class Tables(Mapping[str, pd.DataFrame]):
    """A campaign's tables by name: ``campaign.tables["indicators"]``.

    Every table of the catalogue is there; one the folder does not have is an
    empty frame with the declared columns. Records have English columns and
    provenance (``src_file``, ``src_sheet``, ``src_row``).
    """

    def __init__(self, catalogue: Catalogue, results: Mapping[str, TableResult], loaded: frozenset[str] | None = None):
        self._catalogue, self._results, self._loaded = catalogue, results, loaded

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._catalogue:
            raise KeyError(f"没有名为“{name}”的表；可用的表：{'、'.join(self._catalogue)}")
        if self._loaded is not None and name not in self._loaded:
            # A page that reads a table it did not ask for would silently show nothing.
            raise KeyError(f"table {name!r} was not loaded: add it to the tables this page asks for")
        result = self._results.get(name)
        if result is None or result.records.empty and not len(result.records.columns):
            return pd.DataFrame(columns=[f.name for f in self._catalogue[name].fields])
        return result.records

    def __iter__(self) -> Iterator[str]:
        return iter(self._catalogue)

    def __len__(self) -> int:
        return len(self._catalogue)


@dataclass
class Campaign(HasProblems):
    """A loaded campaign: its config, every table (``tables``), and what reading gave
    (``results`` per file read, ``problems`` across all of them)."""

    path: Path
    config: CampaignConfig
    catalogue: Catalogue
    results: dict[str, TableResult]
    problems: list[Problem]
    loaded: frozenset[str] | None = None  # the tables read, when a page asked for some only

    @property
    def tables(self) -> Tables:
        return Tables(self.catalogue, self.results, self.loaded)

    @property
    def counts(self) -> list[TableCounts]:
        return [r.counts for r in self.results.values()]

    def report(self) -> dict[str, Any]:
        """The stable JSON contract of ``campaignkit validate --format json``."""
        return {
            "ok": self.ok,
            "tables": [c.to_dict() for c in self.counts],
            "problems": [p.to_dict() for p in self.problems],
        }


def _table_files(folder: Path, catalogue: Catalogue, problems: ProblemList) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if (
            path.is_dir()
            or path.name.startswith((".", "~$"))
            or path.name in (CONFIG_FILE,)
            or path.suffix.lower() in (".md", ".txt")
        ):
            continue
        table = catalogue.for_stem(path.stem)
        if table is None:
            if path.suffix.lower() in SUFFIXES or path.suffix.lower() == ".xls":
                problems.warning(
                    f"文件“{path.name}”的名字不是任何一张表的表名，没有读入。可用的名字："
                    + "、".join(f"{t.name}（{t.label}）" for t in catalogue.values())
                )
            continue
        if table.name in found:
            problems.error(f"“{found[table.name].name}”和“{path.name}”都是“{table.label}”表，请只保留一个文件")
            continue
        found[table.name] = path
    return found


def with_references(catalogue: Catalogue, names: Collection[str]) -> frozenset[str]:
    """``names`` and every table they refer to, directly or not (their checks need them)."""
    needed, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in needed or name not in catalogue:
            continue
        needed.add(name)
        todo.extend(f.reference.table for f in catalogue[name].fields if f.reference and f.reference.table)
    return frozenset(needed)


def check_campaign(path: str | Path | None, catalogue: Catalogue, tables: Collection[str] | None = None) -> Campaign:
    """Load the tables of ``catalogue`` leniently and run the cross-table checks;
    never raises for bad data. ``tables``: read only these (and the tables they refer
    to), as a page does; parsed tables come from the campaign's cache when unchanged.

    Raises :class:`~campaignkit.errors.CampaignNotFound` (message in Chinese) when
    ``path`` is not a folder.
    """
    folder = resolve_campaign_dir(path)
    general = ProblemList("campaign", CONFIG_FILE)
    config = CampaignConfig.from_toml(folder / CONFIG_FILE, general)
    listing = ProblemList("campaign", folder.name)
    files = _table_files(folder, catalogue, listing)
    if not files:
        listing.warning(
            "这个文件夹里没有任何表格文件，看板上不会有数据。表格的文件名："
            + "、".join(f"{t.name}（{t.label}）" for t in catalogue.values())
        )
    forget(folder, [name for name in catalogue if name not in files])
    loaded = None if tables is None else with_references(catalogue, tables)
    order = list(catalogue)
    results = {
        name: cached_read(
            folder,
            p,
            catalogue[name],
            config.defaults,
            partial(read_table, p, name, tables=catalogue, defaults=config.defaults),
        )
        for name, p in sorted(files.items(), key=lambda kv: order.index(kv[0]))
        if loaded is None or name in loaded
    }
    cross = check_references(results, config, catalogue)
    problems = general.all() + listing.all() + [p for r in results.values() for p in r.problems] + cross
    return Campaign(folder, config, catalogue, results, sort_problems(problems), loaded)


def load_campaign(
    path: str | Path | None, catalogue: Catalogue, *, strict: bool = True, tables: Collection[str] | None = None
) -> Campaign:
    """Load a campaign folder; ``path=None`` loads ``$CAMPAIGNKIT_CAMPAIGN`` or the bundled sample.

    Strict by default: if any table has an error, raises
    :class:`CampaignDataError` listing every problem. With ``strict=False`` the
    campaign holds the good records and the problems.
    """
    campaign = check_campaign(path, catalogue, tables)
    if strict and not campaign.ok:
        raise CampaignDataError(campaign.problems, where=str(campaign.path))
    return campaign


def resolve_campaign_dir(path: str | Path | None = None) -> Path:
    """The folder to load: the argument, else ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample."""
    if path is None:
        path = os.environ.get(CAMPAIGN_ENV) or sample_campaign_dir()
    folder = Path(path).expanduser()
    if not folder.exists():
        raise CampaignNotFound(f"找不到活动数据文件夹：{folder}")
    if not folder.is_dir():
        raise CampaignNotFound(f"这不是文件夹：{folder}（要检查单个文件，请用 campaignkit validate 文件名）")
    return folder
