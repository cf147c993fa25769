"""The history timeline (历史大事): each event with its time, place, level and source."""

from __future__ import annotations

import re

import pandas as pd

from ..core.declare import Field, Reference, Table, source_field, source_url_field
from ..core.rules import RuleContext
from ..core.vocab import LEVELS

_FIRST_YEAR = re.compile(r"(1[89]\d{2}|20\d{2}|2100)")


def _timeline_year(frame: pd.DataFrame, context: RuleContext) -> None:
    years = frame["when"].str.extract(_FIRST_YEAR, expand=False)
    frame["year"] = pd.to_numeric(years, errors="coerce").astype("Int64")
    for idx in frame.index[frame["year"].isna() & frame["when"].notna()]:
        context.reject(idx, "when", "时间里要有四位数的年份，例如 1949、1949-08-10 或 1927-02 至 1928-10")


# How another table (the guide, lessons) cites timeline events: their 编号, several in one cell.
EVENT_REFERENCE = Reference(
    to="timeline.code",
    many=True,
    message="历史大事表中没有编号为 {values} 的事件：请先在历史大事表中补上这件事（带来源），或改正编号",
    missing="{label}引用了历史大事，但活动文件夹里没有历史大事表",
)

TIMELINE = Table(
    name="timeline",
    label="历史大事",
    fields=(
        Field(
            name="code",
            header="编号",
            aliases=("事件编号",),
            meaning="事件编号，辅导书和讲稿用它引用这件事（不能重复）",
            example="E14",
            as_text=True,
        ),
        Field(
            name="when",
            header="时间",
            required=True,
            aliases=("日期", "年份"),
            meaning="时间：年份、年月或日期，可写“1927-02 至 1928-10”",
            example="1949-08-10",
            as_text=True,
        ),
        Field(name="event", header="事件", required=True, aliases=("大事",), meaning="发生了什么", example="乌审旗人民政府成立"),
        Field(name="place", header="地点", meaning="地点", example="乌审旗"),
        Field(name="level", header="级别", choices=LEVELS, meaning="事件的范围：" + " / ".join(LEVELS), example="旗"),
        Field(name="category", header="类别", meaning="类别（革命历史、生态建设、政策……）", example="革命历史"),
        source_field(),
        source_url_field(),
    ),
    unique=("code",),
    messages={"duplicate": "编号与第 {row} 行重复：每件事的编号只能用一次"},
    rules=(_timeline_year,),
)
