"""The ledger's table: indicators (发展账指标), with its cross-column rules."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core import units
from ..core.declare import Field, Table, example_field, source_field, source_url_field, year_field
from ..core.rules import RuleContext


def _units(frame: pd.DataFrame, context: RuleContext) -> None:
    """The unit may sit in the 单位 column, the 数值 header, a value's % or the indicator's name."""
    if "unit" not in frame.columns:
        frame["unit"] = pd.Series(pd.NA, index=frame.index, dtype="str")
    header_unit = context.header_units.get("value")
    if header_unit:
        frame["unit"] = frame["unit"].fillna(header_unit)
    if "indicator" in frame.columns:
        _units_from_names(frame)
    _units_from_percent(frame, context)
    for idx in frame.index[frame["unit"].isna()]:
        context.reject(idx, "unit", "缺少单位：请填“单位”列，或把单位写在指标名后的括号里，如“地区生产总值（亿元）”")


def _units_from_names(frame: pd.DataFrame) -> None:
    """The unit may sit in the indicator's name: 地区生产总值（亿元）."""
    missing = frame["unit"].isna() & frame["indicator"].notna()
    for idx in frame.index[missing]:
        name, unit = units.split_unit(frame.at[idx, "indicator"])
        if unit:
            frame.at[idx, "indicator"], frame.at[idx, "unit"] = name, unit


def _units_from_percent(frame: pd.DataFrame, context: RuleContext) -> None:
    """A value written with % has the unit %: rejected when the row says another unit."""
    percent = context.percent_rows.get("value")
    if percent is None:
        return
    for idx in percent[percent].index:
        unit = frame.at[idx, "unit"]
        if pd.isna(unit):
            frame.at[idx, "unit"] = "%"
        elif unit != "%":
            context.reject(idx, "value", f"数值带 %，但单位是“{unit}”；请统一")


def _base_units(records: pd.DataFrame, context: RuleContext) -> None:
    """Base-unit values, so 亿元 and 万元 compare; a warning per unknown unit."""
    if "illustrative" not in records.columns:
        records["illustrative"] = False
    bases = {u: units.base_of(u) for u in records["unit"].dropna().unique()}
    records["base_unit"] = records["unit"].map(lambda u: bases.get(u, (None, None))[0] if bases.get(u) else None)
    factor = records["unit"].map(lambda u: bases[u][1] if bases.get(u) else np.nan).astype("float64")
    records["base_value"] = records["value"] * factor
    for unit, base in bases.items():
        if base is None:
            first = records.index[records["unit"] == unit][0]
            count = int((records["unit"] == unit).sum())
            context.warn(
                int(first), "unit", f"不认识的单位“{unit}”（共 {count} 行）：数值照原样保留，但无法与其他单位换算比较", value=unit
            )


def _disagreements(records: pd.DataFrame, context: RuleContext) -> None:
    """Sources that disagree are both kept, with a warning that names them."""
    keys = ["region", "indicator", "year"]
    if not set(keys) <= set(records.columns) or "source" not in records.columns:
        return
    comparable = records.assign(_v=records["base_value"].fillna(records["value"]))
    for _, group in comparable.groupby(keys, sort=False, dropna=True):
        if group["source"].nunique() < 2 or group["_v"].round(6).nunique() < 2:
            continue
        region, indicator, year = group.iloc[0][keys]
        listing = "；".join(f"{s}：{v:g} {u}" for s, v, u in zip(group["source"], group["value"], group["unit"]))
        rows = "、".join(str(context.row(int(i))) for i in group.index)
        context.warn(
            int(group.index[0]),
            "value",
            f"{region}“{indicator}”{year}年有 {len(group)} 个来源数值不同（第 {rows} 行）：{listing}。"
            "不同来源不一致是正常的，两者都保留；讲解时请说明口径",
            value=None,
        )


INDICATORS = Table(
    name="indicators",
    label="发展账指标",
    fields=(
        Field(name="region", header="地区", required=True, aliases=("区域", "行政区"), meaning="统计范围", example="乌审旗"),
        Field(
            name="indicator",
            header="指标",
            required=True,
            aliases=("指标名称", "项目"),
            meaning="指标名称",
            example="地区生产总值",
        ),
        year_field(name="year", header="年份", required=True, aliases=("年度",), meaning="数据年份", example="2022"),
        Field(
            name="value",
            header="数值",
            kind="number",
            required=True,
            percent=True,
            aliases=("数据", "值"),
            meaning="指标数值（只填数字）",
            example="1234.5",
        ),
        Field(name="unit", header="单位", required=True, derived=True, meaning="计量单位", example="亿元"),
        source_field(required=True),
        Field(name="category", header="类别", aliases=("分类",), meaning="指标类别（经济、收入、民生、生态……）", example="经济"),
        source_url_field(),
        Field(
            name="source_kind",
            header="来源类型",
            choices=("官方", "第三方转载"),
            meaning="官方发布，还是第三方网站转载",
            example="官方",
        ),
        Field(name="quote", header="原文", meaning="出处中含有该数字的原话", example="全年地区生产总值完成…"),
        Field(name="note", header="备注", aliases=("说明",), meaning="口径说明等", example="2018年调整统计口径"),
        example_field(),
        Field(
            name="common",
            header="常用",
            kind="flag",
            aliases=("常用指标",),
            choices=("是", "否"),
            default=False,
            meaning="群众最常问的指标填“是”：手机上排在最前面（一个指标有一行填“是”即可，建议 10—15 个）",
            example="是",
        ),
    ),
    unique=("region", "indicator", "year", "source"),
    duplicates_compare="value",
    row_label="indicator",
    messages={
        "same": "与第 {row} 行完全重复（{what}和数值都相同）；两行都保留，请删去一行",
        "different": "与第 {row} 行的{what}相同但数值不同；同一来源同一年只能有一个数",
        "wide": "与第 {row} 行是同一地区、同一来源的同一指标；每个指标只能占一行",
    },
    wide_years=True,
    rules=(_units,),
    finish=(_base_units, _disagreements),
    notes=("也可以按统计年鉴的样式，每个年份一列（指标 | 单位 | 2012 | 2013 | …）。",),
)
