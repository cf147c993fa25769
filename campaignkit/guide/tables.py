"""The guide (辅导书): talking points for each of the six statements, each resting on
timeline events and indicator series the loader checks exist."""

from __future__ import annotations

import pandas as pd

from ..core.declare import Field, Reference, Table, example_field, source_field, source_url_field
from ..core.rules import RuleContext
from ..core.vocab import AUDIENCES, split_items
from ..timeline import EVENT_REFERENCE

# The seed's wording, verbatim: the titles of the guide's six parts.
STATEMENTS = (
    "内蒙古地区是中国共产党最早建立党组织的民族地区",
    "内蒙古自治区是在中共中央直接领导下建立的",
    "内蒙古是在党中央的支持下发展起来的",
    "内蒙古工作中出现的重大偏差都是党中央帮助纠正的",
    "内蒙古新时代的发展成就是在习近平总书记亲切关怀和指引下取得的",
    "内蒙古作为模范自治区模范就模范在听党的话上",
)


def _audiences(frame: pd.DataFrame, context: RuleContext) -> None:
    """适用对象 lists the plan's audiences; blank means every audience."""
    if "audiences" not in frame.columns:
        frame["audiences"] = pd.Series(pd.NA, index=frame.index, dtype="str")
        return
    for idx, text in frame["audiences"].dropna().items():
        unknown = [a for a in split_items(text) if a not in AUDIENCES]
        if unknown:
            context.reject(
                idx, "audiences", f"不认识的宣讲对象“{'、'.join(unknown)}”：请从 {'、'.join(AUDIENCES)} 中选，用顿号分隔"
            )


GUIDE = Table(
    name="guide",
    label="辅导书",
    fields=(
        Field(
            name="statement",
            header="句子",
            required=True,
            aliases=("六句话",),
            choices=STATEMENTS,
            meaning="这一条讲的是“六句话”中的哪一句（照原文填写）",
            example=STATEMENTS[0],
        ),
        Field(name="order", header="序号", kind="number", min=1, max=99, meaning="在这一句下面的顺序", example="1"),
        Field(
            name="point", header="要点", required=True, meaning="要讲清楚的一点（一句话）", example="党的组织很早就扎根在伊克昭盟"
        ),
        Field(name="fact", header="事实", required=True, meaning="支撑这一点的史实或数字，照出处写", example="1938年11月22日……"),
        Field(name="plain", header="通俗说法", aliases=("通俗讲法",), meaning="讲给农牧民听的大白话", example="八十多年前……"),
        Field(
            name="audiences",
            header="适用对象",
            aliases=("对象",),
            meaning="适合讲给谁听：" + "、".join(AUDIENCES) + "，可填几个，用顿号分隔；空着表示都适合",
            example="农牧民、学生",
        ),
        Field(
            name="events",
            header="事件编号",
            aliases=("事件",),
            meaning="作为证据的历史大事，填历史大事表的“编号”，可填几个，用顿号分隔",
            example="E07、E08",
            reference=EVENT_REFERENCE,
            as_text=True,
        ),
        Field(
            name="series",
            header="指标",
            aliases=("指标序列",),
            meaning="作为证据的发展账指标，写成“地区：指标”，可填几个，用顿号或分号分隔",
            example="内蒙古自治区：农村牧区常住居民人均可支配收入",
            reference=Reference(
                to="indicators.region+indicator",
                many=True,
                commas=False,
                message="发展账指标表中没有 {values}：请写成“地区：指标”，与指标表中的地区和指标名称一字不差",
                missing="{label}引用了发展账指标，但活动文件夹里没有指标表",
            ),
        ),
        source_field(required=True),
        source_url_field(),
        example_field(),
    ),
    unique=("statement", "point"),
    messages={"duplicate": "与第 {row} 行是同一句话下的同一要点；请删去一行"},
    rules=(_audiences,),
)
