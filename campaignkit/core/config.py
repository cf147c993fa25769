"""What ``campaign.toml`` says: the campaign's name, organisation, period,
units (嘎查村, 社区, 机关) with their grids, audiences and column defaults."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .problems import ProblemList
from .vocab import AUDIENCE_GROUPS

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
    complaint_phone: str = ""  # 监督电话 printed on notices to the public (screenings)

    @property
    def unit_names(self) -> list[str]:
        return [u.name for u in self.units]

    @property
    def all_audiences(self) -> list[str]:
        """The plan's audience groups, then those campaign.toml adds."""
        return list(dict.fromkeys([*AUDIENCE_GROUPS, *self.audiences]))

    @property
    def start_date(self) -> dt.date | None:
        """The first day of the campaign ([period] start = "2023-12" is 1 December 2023)."""
        match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", self.period_start.strip())
        if not match:
            return None
        year, month, day = match.groups()
        try:
            return dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            return None

    @classmethod
    def of(cls, campaign: Path) -> CampaignConfig:
        """The campaign folder's settings, for a page or command that only needs them (its
        problems are reported where the campaign is loaded: validate, data health)."""
        return cls.from_toml(Path(campaign) / CONFIG_FILE, ProblemList("campaign", CONFIG_FILE))

    @classmethod
    def from_toml(cls, path: Path, problems: ProblemList) -> CampaignConfig:
        """Read campaign.toml; every problem (syntax, a key of the wrong kind) in Chinese, never raised."""
        fallback = cls(name=path.parent.name)
        if not path.exists():
            problems.warning("没有找到 campaign.toml，活动名称和单位层级未知；单位名称将不作核对")
            return fallback
        if not path.is_file():
            problems.error("campaign.toml 应是一个文本文件，这里却是一个文件夹；请删去这个文件夹，另建 campaign.toml 文件")
            return fallback
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            problems.error("campaign.toml 应以 UTF-8 编码保存")
            return fallback
        except OSError as exc:
            problems.error(f"无法读取 campaign.toml（{exc.strerror or exc}）")
            return fallback
        except tomllib.TOMLDecodeError as exc:
            where = _TOML_WHERE.search(str(exc))
            row = int(where.group(1)) if where else None
            at = f"第 {row} 行第 {where.group(2)} 列附近" if where else ""
            problems.error(f"campaign.toml {at}格式有误：请检查引号、等号和方括号（文字要用英文双引号括起来）", row=row)
            return fallback
        read = _Reader(data, problems)
        units = []
        for i, entry in enumerate(read.items("units", dict, "[[units]]"), start=1):
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                problems.error(f"campaign.toml 中第 {i} 个 [[units]] 缺少 name（单位名称）", column="units")
                continue
            grids = _Reader(entry, problems, f"[[units]] “{name}” 的 ").items("grids", str, '"第一网格"')
            units.append(Unit(name.strip(), str(entry.get("kind", "")), grids))
        period = read.table("period")
        defaults = read.table("defaults")
        for key, value in list(defaults.items()):
            if not isinstance(value, (str, int, float)) or isinstance(value, bool):
                problems.error(f'campaign.toml [defaults] 中“{key}”的值应是文字，如 {key} = "乌审旗"', column="defaults")
                del defaults[key]
        return cls(
            name=read.text("name") or path.parent.name,
            organisation=read.text("organisation"),
            town=read.text("town"),
            period_start=str(period.get("start", "")),
            period_end=str(period.get("end", "")),
            units=units,
            audiences=read.items("audiences", str, '"农牧民"'),
            defaults={str(k): str(v) for k, v in defaults.items()},
            illustrative=read.flag("illustrative"),
            complaint_phone=read.text("complaint_phone"),
        )


_TOML_WHERE = re.compile(r"line (\d+), column (\d+)")


class _Reader:
    """Keys of a TOML table of the expected kind; a wrong kind is a Chinese problem, not a crash."""

    def __init__(self, data: dict, problems: ProblemList, where: str = ""):
        self.data, self.problems, self.where = data, problems, where

    def _wrong(self, key: str, expected: str) -> None:
        self.problems.error(f"campaign.toml 中{self.where}“{key}”应{expected}", column=key)

    def text(self, key: str) -> str:
        value = self.data.get(key, "")
        if isinstance(value, (dict, list)):
            self._wrong(key, "是一段文字，用英文双引号括起来")
            return ""
        return str(value)

    def items(self, key: str, kind: type, example: str) -> list:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self._wrong(key, f"写成列表，如 {key} = [{example}]" if kind is str else "写成 [[units]] 表格（见示例活动）")
            return []
        good = [v for v in value if isinstance(v, kind)]
        if len(good) != len(value):
            self._wrong(key, f"的每一项都是{'文字' if kind is str else '一个 [[units]] 表格'}")
        return [v.strip() if isinstance(v, str) else v for v in good]

    def table(self, key: str) -> dict:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            self._wrong(key, f"写成 [{key}] 一节（见示例活动）")
            return {}
        return dict(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if isinstance(value, bool):
            return value
        if value in ("是", "否"):
            return value == "是"
        self._wrong(key, "写成 true 或 false（也可写“是”或“否”）")
        return False
