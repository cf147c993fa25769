"""随机访谈: notes of random interviews, one row per interview (the evaluation's third source
beside 民意测评 and questionnaires)."""

from __future__ import annotations

import re

import pandas as pd

from ..core.declare import Field, Reference, Table, example_field
from ..core.rules import RuleContext

_SPLIT = re.compile(r"[、，,；;/\s]+")


def _tags(frame: pd.DataFrame, context: RuleContext) -> None:
    """标签 as a list ("政策宣传、办实事" → ["政策宣传", "办实事"]), so they can be counted."""
    if "tags" in frame.columns:
        frame["tag_list"] = frame["tags"].map(lambda t: [x for x in _SPLIT.split(t) if x] if isinstance(t, str) else [])


INTERVIEWS = Table(
    name="interviews",
    label="随机访谈",
    fields=(
        Field(
            name="date",
            header="日期",
            kind="date",
            required=True,
            aliases=("访谈日期",),
            meaning="访谈日期",
            example="2024-03-12",
        ),
        Field(
            name="unit",
            header="单位",
            required=True,
            aliases=("嘎查村", "社区"),
            meaning="访谈所在的嘎查村、社区或机关（与 campaign.toml 一致）",
            example="红柳嘎查",
            reference=Reference(
                to="campaign.toml:units", message="单位不在 campaign.toml 的单位列表中：{units}", severity="warning"
            ),
        ),
        Field(
            name="group",
            header="对象",
            aliases=("访谈对象",),
            meaning="访谈对象的类别（农牧民、社区居民、机关干部、学生……），不写姓名",
            example="农牧民",
        ),
        Field(
            name="summary",
            header="摘要",
            required=True,
            aliases=("访谈摘要", "内容"),
            meaning="谈了什么（几句话；不写姓名、电话等个人信息）",
            example="对禁牧补助按时到账表示满意，希望多讲讲养老保险怎么交",
        ),
        Field(
            name="tags", header="标签", aliases=("关键词",), meaning="几个词，用顿号隔开，便于统计", example="惠民政策、养老保险"
        ),
        example_field(),
    ),
    rules=(_tags,),
)
