"""A campaign is a folder: ``campaign.toml`` plus one spreadsheet per table.

:func:`load_campaign` is the entry point for notebooks and widgets (strict by
default); :func:`check_campaign` returns the full report without raising, for
the ``campaignkit validate`` command and the data-health dashboard.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .loader import TableResult, read_table
from .paths import sample_campaign_dir
from .problems import CampaignDataError, HasProblems, Problem, ProblemList, TableCounts, sort_problems
from .reading import SUFFIXES, UnreadableFile
from .tables import TABLES, Table

CONFIG_FILE = "campaign.toml"
CAMPAIGN_ENV = "CAMPAIGNKIT_CAMPAIGN"


@dataclass
class Unit:
    """A village (嘎查村), community (社区) or office (机关) of the town, with its grids."""

    name: str
    kind: str
    grids: list[str] = field(default_factory=list)


@dataclass
class CampaignConfig:
    """What ``campaign.toml`` says: name, organisation, period, units and audiences."""

    name: str
    organisation: str = ""
    town: str = ""
    period_start: str = ""
    period_end: str = ""
    units: list[Unit] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    illustrative: bool = False

    @property
    def unit_names(self) -> list[str]:
        return [u.name for u in self.units]

    @classmethod
    def from_toml(cls, path: Path, problems: ProblemList) -> "CampaignConfig":
        fallback = cls(name=path.parent.name)
        if not path.exists():
            problems.warning("没有找到 campaign.toml，活动名称和单位层级未知；单位名称将不作核对")
            return fallback
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            problems.error("campaign.toml 应以 UTF-8 编码保存")
            return fallback
        except tomllib.TOMLDecodeError as exc:
            problems.error(f"campaign.toml 格式有误：{exc}。请检查引号、等号和方括号")
            return fallback
        units = []
        for i, entry in enumerate(data.get("units", []), start=1):
            if not isinstance(entry, dict) or not entry.get("name"):
                problems.error(f"campaign.toml 中第 {i} 个 [[units]] 缺少 name")
                continue
            units.append(Unit(str(entry["name"]), str(entry.get("kind", "")), [str(g) for g in entry.get("grids", [])]))
        period = data.get("period", {}) if isinstance(data.get("period"), dict) else {}
        return cls(
            name=str(data.get("name", path.parent.name)),
            organisation=str(data.get("organisation", "")),
            town=str(data.get("town", "")),
            period_start=str(period.get("start", "")),
            period_end=str(period.get("end", "")),
            units=units,
            audiences=[str(a) for a in data.get("audiences", [])],
            defaults={str(k): str(v) for k, v in data.get("defaults", {}).items()},
            illustrative=bool(data.get("illustrative", False)),
        )


@dataclass
class Campaign(HasProblems):
    """A loaded campaign. Tables are pandas DataFrames with English columns and
    provenance (``src_file``, ``src_sheet``, ``src_row``); a table the folder
    does not have is an empty frame.
    """

    path: Path
    config: CampaignConfig
    results: dict[str, TableResult]
    problems: list[Problem]

    def table(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(f"没有名为“{name}”的表；可用的表：{'、'.join(TABLES)}")
        result = self.results.get(name)
        if result is None or result.records.empty and not len(result.records.columns):
            return pd.DataFrame(columns=[f.name for f in TABLES[name].fields])
        return result.records

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self.table(name)
        raise AttributeError(name)

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


def _table_files(folder: Path, problems: ProblemList) -> dict[str, Path]:
    found: dict[str, Path] = {}
    names = {}
    for t in TABLES.values():
        for key in (t.name, t.label, *t.label.split("/")):
            names[key.lower()] = t
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith((".", "~$")) or path.name in (CONFIG_FILE,) or path.suffix.lower() in (".md", ".txt"):
            continue
        table: Table | None = names.get(path.stem.strip().lower())
        if table is None:
            if path.suffix.lower() in SUFFIXES or path.suffix.lower() == ".xls":
                problems.warning(f"文件“{path.name}”的名字不是任何一张表的表名，没有读入。可用的名字："
                                 + "、".join(f"{t.name}（{t.label}）" for t in TABLES.values()))
            continue
        if table.name in found:
            problems.error(f"“{found[table.name].name}”和“{path.name}”都是“{table.label}”表，请只保留一个文件")
            continue
        found[table.name] = path
    return found


def check_campaign(path: str | Path | None = None) -> Campaign:
    """Load every table leniently and run the cross-table checks; never raises for bad data.

    Raises :class:`FileNotFoundError` (message in Chinese) when ``path`` is not a folder.
    """
    folder = resolve_campaign_dir(path)
    general = ProblemList("campaign", CONFIG_FILE)
    config = CampaignConfig.from_toml(folder / CONFIG_FILE, general)
    listing = ProblemList("campaign", folder.name)
    files = _table_files(folder, listing)
    results = {name: read_table(p, name, defaults=config.defaults) for name, p in sorted(files.items(), key=lambda kv: list(TABLES).index(kv[0]))}
    from .references import check_references

    cross = check_references(results, config)
    problems = general.items + listing.items + [p for r in results.values() for p in r.problems] + cross
    return Campaign(folder, config, results, sort_problems(problems))


def load_campaign(path: str | Path | None = None, *, strict: bool = True) -> Campaign:
    """Load a campaign folder; ``path=None`` loads the bundled sample campaign.

    Strict by default: if any table has an error, raises
    :class:`CampaignDataError` listing every problem. With ``strict=False`` the
    campaign holds the good records and the problems.
    """
    campaign = check_campaign(path)
    if strict and not campaign.ok:
        raise CampaignDataError(campaign.problems, where=str(campaign.path))
    return campaign


def resolve_campaign_dir(path: str | Path | None = None) -> Path:
    """The folder to load: the argument, else ``$CAMPAIGNKIT_CAMPAIGN``, else the bundled sample."""
    if path is None:
        path = os.environ.get(CAMPAIGN_ENV) or sample_campaign_dir()
    folder = Path(path).expanduser()
    if not folder.exists():
        raise FileNotFoundError(f"找不到活动数据文件夹：{folder}")
    if not folder.is_dir():
        raise FileNotFoundError(f"这不是文件夹：{folder}（要检查单个文件，请用 campaignkit validate 文件名）")
    return folder


def check_file(path: str | Path, table: str | None = None, defaults: dict[str, str] | None = None) -> TableResult:
    """Read one file leniently (see :func:`campaignkit.read_table`)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"找不到文件：{path}")
    return read_table(path, table, defaults=defaults)


__all__ = ["Campaign", "CampaignConfig", "Unit", "check_campaign", "load_campaign", "resolve_campaign_dir",
           "check_file", "UnreadableFile"]
