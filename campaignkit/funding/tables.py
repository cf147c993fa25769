"""The funding feature's table: projects (项目资金) with money per government level."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import units
from ..core.declare import Field, Table, amount_field, example_field, source_field, source_url_field, year_field
from ..core.rules import RuleContext

# A township or village project: above this a figure is a typo or the wrong 资金单位.
MAX_PROJECT_YUAN = 1e11

# Fields holding each government level's money, in the order of FUNDING_LEVELS.
LEVEL_FIELDS = ("central", "region_level", "city", "banner", "town")


def _totals(frame: pd.DataFrame, context: RuleContext) -> None:
    """资金合计 agrees with the levels' sum (or is that sum); every amount also in yuan."""
    levels = [f for f in LEVEL_FIELDS if f in frame.columns]
    if levels:
        level_sum = frame[levels].sum(axis=1, min_count=1)
        if "total" in frame.columns:
            both = frame["total"].notna() & level_sum.notna()
            off = both & ((frame["total"] - level_sum).abs() > 0.005 * frame["total"].abs().clip(lower=1))
            for idx in frame.index[off]:
                context.reject(idx, "total", f"资金合计与各级资金之和（{level_sum[idx]:g}）不相等，请核对")
            frame["total"] = frame["total"].fillna(level_sum)
        else:
            frame["total"] = level_sum
    for idx in frame.index[frame["total"].isna()]:
        context.reject(idx, "total", "没有填资金：请填“资金合计”或各级资金")
    factor = frame["funding_unit"].map(lambda u: (units.base_of(u) or (None, np.nan))[1]).astype("float64")
    for name in ("total", *LEVEL_FIELDS):
        if name in frame.columns:
            frame[f"{name}_yuan"] = frame[name] * factor
    for idx in frame.index[(frame["total_yuan"] > MAX_PROJECT_YUAN).fillna(False)]:
        context.reject(idx, "total", "资金合计超过 1,000 亿元，不像一个镇村项目：请核对数字和“资金单位”")


PROJECTS = Table(
    name="projects",
    label="项目资金",
    fields=(
        Field(
            name="project", header="项目", required=True, aliases=("项目名称",), meaning="项目名称", example="嘎查通硬化路工程"
        ),
        year_field(name="year", header="年份", required=True, meaning="实施年份", example="2019"),
        Field(
            name="region",
            header="地区",
            required=True,
            aliases=("嘎查村", "单位"),
            meaning="实施地点（嘎查村、社区）",
            example="红柳嘎查",
        ),
        Field(name="category", header="类别", required=True, aliases=("分类",), meaning="项目类别", example="交通"),
        amount_field(name="total", header="资金合计", aliases=("合计", "总投资", "资金"), meaning="各级资金合计", example="120"),
        amount_field(name="central", header="中央", aliases=("中央资金",), meaning="中央财政资金", example="60"),
        amount_field(name="region_level", header="自治区", aliases=("自治区资金",), meaning="自治区财政资金", example="30"),
        amount_field(name="city", header="市级", aliases=("市级资金", "市"), meaning="市级财政资金", example="20"),
        amount_field(name="banner", header="旗级", aliases=("旗级资金", "旗"), meaning="旗级财政资金", example="10"),
        amount_field(name="town", header="镇级", aliases=("镇级资金", "镇"), meaning="镇级资金", example="0"),
        Field(
            name="funding_unit",
            header="资金单位",
            required=True,
            choices=("元", "万元", "亿元"),
            meaning="上面各资金列的单位",
            example="万元",
        ),
        amount_field(name="quantity", header="实物量", meaning="建成的实物量（公里、户、处……）", example="12.5"),
        Field(name="quantity_unit", header="实物量单位", meaning="实物量的单位", example="公里"),
        source_field(),
        source_url_field(),
        example_field(),
    ),
    one_of=(("total", *LEVEL_FIELDS),),
    rules=(_totals,),
)
