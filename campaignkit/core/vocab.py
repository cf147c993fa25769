"""Fixed vocabularies several tables and features share, and the one parser
for a funding level written as shares ('中央80%/自治区20%')."""

from __future__ import annotations

import re

FUNDING_LEVELS = ("中央", "自治区", "市级", "旗级", "镇级")
HOUSEHOLD_TYPES = ("牧户", "农户", "农牧户", "社区居民户", "其他")
DISABILITY_GRADES = ("一级", "二级", "三级", "四级")
YES_NO = ("是", "否")
# Administrative level of an event, an exemplar or a source: country to township.
LEVELS = ("全国", "自治区", "市", "旗", "镇")
AUDIENCES = ("农牧民", "社区居民", "机关干部", "学生")  # the plan's four audiences (campaign.toml may add more)
# The groups the plan names for outreach (惠民卡: 农牧民、城镇低保户、个体工商户、离退休人员) and the
# four audiences; activities and works name these or those campaign.toml adds.
AUDIENCE_GROUPS = ("农牧民", "城镇低保户", "个体工商户", "离退休人员", "社区居民", "机关干部", "学生")

_ITEM_SEPARATORS = re.compile(r"[、，,；;\n]+")
_NAME_SEPARATORS = re.compile(r"[、；;\n]+")  # names may hold commas: only 、 and ； separate them


def split_items(text: object, *, commas: bool = True) -> list[str]:
    """'E01、E02；E05' → ['E01', 'E02', 'E05']: a cell listing several values (blank → []).
    ``commas=False`` for lists of names, which may contain commas themselves."""
    if not isinstance(text, str):
        return []
    separators = _ITEM_SEPARATORS if commas else _NAME_SEPARATORS
    return [part.strip() for part in separators.split(text) if part.strip()]


_SHARE = re.compile(r"^(?P<level>[^\d%％]+?)\s*(?P<share>\d+(\.\d+)?)\s*[%％]$")


def parse_funding(text: str) -> dict[str, float]:
    """'中央' → {'中央': 1.0}; '中央80%/自治区20%' → shares. Raises ValueError with a Chinese message."""
    parts = [p for p in re.split(r"[/、，,；;+＋\s]+", text.strip()) if p]
    if len(parts) == 1 and parts[0] in FUNDING_LEVELS:
        return {parts[0]: 1.0}
    shares: dict[str, float] = {}
    for part in parts:
        match = _SHARE.match(part)
        if not match or match.group("level") not in FUNDING_LEVELS:
            raise ValueError("资金层级应为“" + "、".join(FUNDING_LEVELS) + "”之一，或写成分担比例如“中央80%/自治区20%”")
        shares[match.group("level")] = float(match.group("share")) / 100
    if abs(sum(shares.values()) - 1) > 1e-6:
        raise ValueError(f"各级分担比例加起来应为 100%，这里是 {sum(shares.values()) * 100:g}%")
    return shares
