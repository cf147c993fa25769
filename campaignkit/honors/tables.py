"""Exemplars (先进典型) and the campaign's own selections (先进评选): who is honoured and why,
the selections, their nominations and, where a selection names its voters, the list."""

from __future__ import annotations

import pandas as pd

from ..core.declare import Field, Reference, Table, example_field, source_field, source_url_field, year_field
from ..core.rules import RuleContext
from ..core.vocab import LEVELS

# The plan's domains of 先进评选 (农村牧区, 社区, 机关), schools, and the region-wide models.
DOMAINS = ("农村牧区", "社区", "机关", "学校", "全社会")
# The awards the plan names for each domain; a trainer may write their own.
AWARDS = {
    "农村牧区": ("致富能手", "文明乡贤"),
    "社区": ("文明家庭", "身边好邻居", "最美志愿者"),
    "机关": ("理论学习标兵", "干事创业先锋"),
}
THRESHOLDS = ("过半数", "三分之二以上", "不设")
VOTER_ROLLS = ("成年成员", "每户一票", "名单")

EXEMPLARS = Table(
    name="exemplars",
    label="先进典型",
    fields=(
        Field(
            name="name",
            header="姓名",
            required=True,
            aliases=("姓名或集体", "名称"),
            meaning="先进人物或集体",
            example="宝日勒岱",
        ),
        Field(name="honour", header="荣誉", meaning="获得的称号（有出处才写）", example="全国劳动模范"),
        Field(
            name="level",
            header="层级",
            required=True,
            choices=LEVELS,
            meaning="荣誉或事迹的层级：" + " / ".join(LEVELS),
            example="旗",
        ),
        Field(
            name="domain",
            header="领域",
            required=True,
            choices=DOMAINS,
            meaning="领域：" + " / ".join(DOMAINS),
            example="农村牧区",
        ),
        year_field(name="year", header="年份", meaning="事迹或受表彰的年份", example="1965"),
        Field(name="deeds", header="事迹", required=True, meaning="几句话讲清楚做了什么（只写有出处的事）", example="……"),
        Field(name="plain", header="讲给乡亲听", aliases=("通俗说法",), meaning="一句大白话，讲给农牧民听", example="……"),
        source_field(),
        source_url_field(),
        Field(name="photo", header="照片", meaning="照片文件名，放在活动文件夹的 photos/ 里（可不填）", example="baorildai.jpg"),
        example_field(),
    ),
    unique=("name", "honour"),
    messages={"duplicate": "与第 {row} 行重复：同一人的同一荣誉只写一行"},
    notes=("真实人物只写有出处的事迹，并填来源和链接；本地虚构的示例人物在“示例”列填“是”。",),
)


def _selection_dates(frame: pd.DataFrame, context: RuleContext) -> None:
    """Periods must run forwards: nomination before voting, each start before its end."""
    pairs = (("nominate_from", "nominate_to"), ("vote_from", "vote_to"), ("nominate_to", "vote_from"))
    words = {
        "nominate_from": "提名开始",
        "nominate_to": "提名截止",
        "vote_from": "投票开始",
        "vote_to": "投票截止",
    }
    if "code" in frame.columns:
        for idx in frame.index[~frame["code"].astype(str).str.fullmatch(r"[A-Za-z0-9_-]{1,20}")]:
            context.reject(idx, "code", "编号只能用英文字母、数字、下划线和短横线（投票网址里用它），如 S01")
    for first, then in pairs:
        if first not in frame.columns or then not in frame.columns:
            continue
        late = frame[first].notna() & frame[then].notna() & (frame[first] > frame[then])
        for idx in frame.index[late]:
            context.reject(idx, then, f"{words[then]}早于{words[first]}：请核对日期")


SELECTIONS = Table(
    name="selections",
    label="先进评选",
    fields=(
        Field(
            name="code",
            header="编号",
            required=True,
            as_text=True,
            meaning="评选编号，英文字母和数字（投票网址用它）",
            example="S01",
        ),
        Field(
            name="award",
            header="评选名称",
            required=True,
            aliases=("称号",),
            meaning="评什么，如 致富能手、文明家庭",
            example="致富能手",
        ),
        Field(
            name="domain", header="领域", required=True, choices=DOMAINS[:3], meaning="农村牧区 / 社区 / 机关", example="农村牧区"
        ),
        Field(
            name="units",
            header="单位",
            required=True,
            meaning="在哪些单位评选（campaign.toml 里的单位），几个用顿号分隔",
            example="红柳嘎查",
            reference=Reference(
                to="campaign.toml:units", many=True, message="单位 {values} 不在 campaign.toml 的单位里（现有：{units}）"
            ),
        ),
        Field(name="nominate_from", header="提名开始", kind="date", meaning="提名从哪天开始", example="2024-01-02"),
        Field(name="nominate_to", header="提名截止", kind="date", meaning="提名到哪天截止", example="2024-01-10"),
        Field(name="vote_from", header="投票开始", kind="date", required=True, meaning="投票从哪天开始", example="2024-01-15"),
        Field(
            name="vote_to",
            header="投票截止",
            kind="date",
            meaning="投票到哪天截止；不填表示一直开放，直到填上",
            example="2024-01-20",
        ),
        Field(name="winners", header="当选名额", kind="number", required=True, min=1, max=100, meaning="评出几名", example="3"),
        Field(
            name="choices",
            header="每票可选",
            kind="number",
            required=True,
            min=1,
            max=100,
            meaning="每张票最多选几人",
            example="3",
        ),
        Field(
            name="threshold",
            header="当选门槛",
            choices=THRESHOLDS,
            default="过半数",
            meaning="得票须超过投票数的一半（过半数）、达到三分之二（三分之二以上），或不设",
            example="过半数",
        ),
        Field(
            name="voters",
            header="投票人",
            required=True,
            choices=VOTER_ROLLS,
            meaning="谁投票：单位的成年成员 / 每户一票（如文明家庭）/ 名单（投票人名单表）",
            example="成年成员",
        ),
        Field(
            name="notice_days", header="公示天数", kind="number", min=1, max=30, default=5, meaning="公示几个工作日", example="5"
        ),
        Field(name="office", header="受理单位", meaning="受理意见的单位（公示上写）", example="中共无定河镇委员会"),
        Field(name="phone", header="受理电话", meaning="反映意见的电话（公示上写）", example="0477-0000000"),
        Field(name="address", header="受理地址", meaning="反映意见的地址（公示上写）", example="无定河镇人民政府"),
        example_field(),
    ),
    unique=("code",),
    messages={"duplicate": "编号与第 {row} 行重复：每项评选的编号只能用一次"},
    rules=(_selection_dates,),
)

SELECTION_REFERENCE = Reference(
    to="selections.code", message="先进评选表中没有编号为 {values} 的评选", missing="{label}引用了评选，但没有先进评选表"
)

NOMINATIONS = Table(
    name="nominations",
    label="评选提名",
    fields=(
        Field(
            name="selection",
            header="评选编号",
            required=True,
            as_text=True,
            meaning="先进评选表的编号",
            example="S01",
            reference=SELECTION_REFERENCE,
        ),
        Field(
            name="nominee",
            header="被提名人",
            required=True,
            aliases=("姓名",),
            meaning="被提名的人（每户一票的评选写户主姓名）",
            example="巴特尔",
        ),
        Field(
            name="unit",
            header="单位",
            required=True,
            meaning="被提名人所在单位",
            example="红柳嘎查",
            reference=Reference(to="campaign.toml:units", message="单位 {values} 不在 campaign.toml 的单位里（现有：{units}）"),
        ),
        Field(name="household_id", header="户编号", as_text=True, meaning="同名时用来区分（可不填）", example="HL-001"),
        Field(
            name="nominated_by",
            header="提名人",
            aliases=("推荐单位", "推荐人"),
            meaning="谁提名的（个人或组织）",
            example="红柳嘎查党支部",
        ),
        Field(name="deeds", header="事迹", required=True, meaning="几句话讲清楚做了什么", example="带动十户发展……"),
        example_field(),
    ),
    unique=("selection", "nominee", "household_id"),
    messages={"duplicate": "与第 {row} 行重复：同一人在同一评选中只提名一次"},
)

VOTERS = Table(
    name="voters",
    label="投票人名单",
    fields=(
        Field(
            name="selection",
            header="评选编号",
            required=True,
            as_text=True,
            meaning="先进评选表的编号",
            example="S03",
            reference=SELECTION_REFERENCE,
        ),
        Field(name="name", header="姓名", required=True, personal="name", meaning="投票人姓名", example="王芳"),
        Field(name="department", header="部门", aliases=("科室",), meaning="所在部门或科室", example="党政办"),
        example_field(),
    ),
    unique=("selection", "name", "department"),
    messages={"duplicate": "与第 {row} 行重复：一个人在一项评选的名单里只写一次"},
    notes=("名单只用于发放投票码：投票码不记名，名单上只记“已领”，不记领到哪一个码。",),
)
