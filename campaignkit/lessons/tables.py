"""Lessons for pupils (学生思政讲义): each lesson for one age band, told in that band's words,
resting on timeline events the loader checks exist."""

from __future__ import annotations

from ..core.declare import Field, Table, example_field
from ..timeline import EVENT_REFERENCE

# The plan asks for teaching that fits each age (契合不同年龄段学生).
BANDS = ("小学低年级", "小学高年级", "初中", "高中")

LESSONS = Table(
    name="lessons",
    label="学生课程",
    fields=(
        Field(name="code", header="编号", required=True, meaning="课程编号（不能重复）", example="L01", as_text=True),
        Field(
            name="band",
            header="年级段",
            required=True,
            choices=BANDS,
            aliases=("学段",),
            meaning="讲给哪个年级段：" + " / ".join(BANDS),
            example="小学高年级",
        ),
        Field(name="title", header="课题", required=True, meaning="这节课的题目", example="沙漠变绿洲"),
        Field(name="goal", header="目标", meaning="学完以后学生能说出什么、懂得什么", example="能说出乌审旗治沙的两件事"),
        Field(
            name="events",
            header="用到的事件",
            required=True,
            aliases=("事件编号", "事件"),
            meaning="这节课讲的历史大事，填历史大事表的“编号”，可填几个，用顿号分隔",
            example="E19、E20",
            reference=EVENT_REFERENCE,
            as_text=True,
        ),
        Field(
            name="story",
            header="故事",
            required=True,
            aliases=("讲述",),
            meaning="用这个年级段听得懂的话，把这些事件讲成一个小故事（只讲事件表里有来源的事）",
            example="六十年前，乌审召……",
        ),
        Field(
            name="questions", header="讨论题", meaning="课上讨论的问题，几个问题用分号或换行分开", example="为什么……？；你家……？"
        ),
        Field(name="activity", header="活动", meaning="课上或课后的活动，例如一次“行走的思政课”", example="参观乌审召镇"),
        Field(name="place", header="活动地点", meaning="活动去哪里", example="乌审召镇"),
        Field(
            name="homework",
            header="家校任务",
            aliases=("家庭作业",),
            meaning="回家和家长一起完成的事（家校合作）",
            example="问问爷爷奶奶……",
        ),
        example_field(),
    ),
    unique=("code",),
    messages={"duplicate": "编号与第 {row} 行重复：每节课的编号只能用一次"},
)
