"""The blueprint's table: five-year targets (发展蓝图)."""

from __future__ import annotations

import pandas as pd

from ..core.declare import Field, Table, example_field, source_field, year_field
from ..core.rules import RuleContext


def _years_in_order(frame: pd.DataFrame, context: RuleContext) -> None:
    bad = (frame["target_year"].notna() & frame["base_year"].notna() & (frame["target_year"] <= frame["base_year"])).fillna(False)
    for idx in frame.index[bad]:
        context.reject(idx, "target_year", "目标年份应晚于基期年份")
    if "latest_value" in frame.columns:
        no_year = frame["latest_value"].notna() & (frame["latest_year"].isna() if "latest_year" in frame.columns else True)
        for idx in frame.index[no_year]:
            context.reject(idx, "latest_value", "填了最新值，也请填“最新年份”")


BLUEPRINT = Table(
    name="blueprint",
    label="发展蓝图",
    fields=(
        Field(name="domain", header="领域", required=True, meaning="领域（教育、医疗、养老、住房、托育……）", example="养老"),
        Field(
            name="indicator",
            header="指标",
            required=True,
            aliases=("指标名称",),
            meaning="目标指标",
            example="嘎查村互助养老覆盖率",
        ),
        Field(name="unit", header="单位", required=True, meaning="计量单位", example="%"),
        year_field(name="base_year", header="基期年份", required=True, meaning="基期年份", example="2023"),
        Field(name="base_value", header="基期值", kind="number", required=True, meaning="基期数值", example="40"),
        year_field(name="target_year", header="目标年份", required=True, meaning="目标年份", example="2028"),
        Field(name="target_value", header="目标值", kind="number", required=True, meaning="目标数值", example="100"),
        year_field(name="latest_year", header="最新年份", meaning="最新数据的年份", example="2024"),
        Field(name="latest_value", header="最新值", kind="number", meaning="最新数值", example="55"),
        source_field(),
        example_field(),
    ),
    unique=("domain", "indicator"),
    rules=(_years_in_order,),
)
