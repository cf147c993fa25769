"""What ``campaign.toml`` says: the campaign's name, organisation, period,
units (嘎查村, 社区, 机关) with their grids, audiences and column defaults."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ProblemList

CONFIG_FILE = "campaign.toml"


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
    def from_toml(cls, path: Path, problems: ProblemList) -> CampaignConfig:
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
