"""Outreach records (宣讲活动): activities by method and carrier, door visits (入户走访、敲门行动)
and their 诉求, cultural works (红色文艺精品) and their screenings and performances."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from ..core.declare import Field, Reference, Table, example_field, source_field, source_url_field
from ..core.people import household_field, unit_field
from ..core.rules import RuleContext

# The plan's four methods (四教融合) and seven carriers (七种载体).
METHODS = ("面对面引领教育", "分享式自我教育", "分众式学习教育", "大众式宣传教育")
SHARING = METHODS[1]
CARRIERS = ("辅导书", "发展账", "惠民卡", "学生思政讲义", "发展蓝图", "红色文艺精品", "先进典型")
# The plan's shared stories (分享式自我教育).
STORIES = ("我的脱贫故事", "我的致富法宝", "党的关怀到我家", "找找老照片、谈谈新变化", "感恩故事大家讲")
DONE, DOING, NOT_YET = "已办结", "办理中", "未办"
STATUSES = (DONE, DOING, NOT_YET)
WORK_KINDS = ("电影", "电视剧", "专题片", "短视频", "演出", "展览", "标语")
MAX_ATTENDANCE = 100_000

_UNIT = unit_field(meaning="嘎查村、社区或机关（与 campaign.toml 一致）", aliases=("嘎查村", "社区", "嘎查村社区"))
_GRID = Field(
    name="grid",
    header="网格",
    aliases=("组", "所属网格"),
    meaning="网格或村民小组（与 campaign.toml 中该单位的网格一致；全单位的活动不填）",
    example="一组",
    reference=Reference(to="campaign.toml:grids", message="网格不在 campaign.toml 中该单位的网格列表里"),
)
_DONE_ON = Reference(
    to="campaign.toml:period",
    message="日期早于活动开始（{start}）：活动开始前的事不算在本次活动里，请核对日期",
)


def _done_date(name: str, header: str, **kw) -> Field:
    return Field(name=name, header=header, kind="date", reference=_DONE_ON, **kw)


def _stories(frame: pd.DataFrame, context: RuleContext) -> None:
    """A story belongs to 分享式自我教育; it is shown only with the storyteller's consent
    (``consent`` blank means no)."""
    if "consent" not in frame.columns:
        frame["consent"] = False
    frame["consent"] = frame["consent"].fillna(False).astype(bool)
    if "story_kind" not in frame.columns or "method" not in frame.columns:
        return
    wrong = frame["story_kind"].notna() & frame["method"].notna() & (frame["method"] != SHARING)
    for idx in frame.index[wrong]:
        context.reject(idx, "story_kind", f"讲故事是“{SHARING}”的活动：请把“方式”改成{SHARING}，或删去故事")


def _one_activity(frame: pd.DataFrame, context: RuleContext) -> None:
    """Rows sharing a 活动编号 in one unit are one activity (one row per audience): the same day
    and method; the same audience twice would count its people twice."""
    if "activity_id" not in frame.columns:
        return
    first: dict[tuple, int] = {}
    for idx in frame.index[frame["activity_id"].notna()]:
        key = (frame.at[idx, "unit"], frame.at[idx, "activity_id"])
        if key not in first:
            first[key] = idx
            continue
        lead = first[key]
        for name, word in (("date", "日期"), ("method", "方式")):
            if name in frame.columns and frame.at[idx, name] != frame.at[lead, name]:
                context.reject(
                    idx,
                    name,
                    f"与第 {context.row(lead)} 行活动编号相同，{word}却不同：同一场活动每行的{word}要一样，不是同一场请换个编号",
                )
                break
        else:
            if "audience" in frame.columns and frame.at[idx, "audience"] == frame.at[lead, "audience"]:
                context.reject(idx, "audience", f"与第 {context.row(lead)} 行是同一场活动的同一类对象：人数请合在一行")


ACTIVITIES = Table(
    name="activities",
    label="宣讲活动",
    fields=(
        Field(
            name="activity_id",
            header="活动编号",
            as_text=True,
            meaning="同一场活动有几类对象时，每类一行，编号相同（编号在本单位内不重复；不填则每行算一场）",
            example="A001",
        ),
        _done_date("date", "日期", required=True, aliases=("活动日期",), meaning="活动日期", example="2023-12-15"),
        _UNIT,
        _GRID,
        Field(
            name="method",
            header="方式",
            required=True,
            aliases=("教育方式",),
            choices=METHODS,
            meaning="四种方式之一：" + " / ".join(METHODS),
            example=METHODS[0],
        ),
        Field(
            name="carrier",
            header="载体",
            choices=CARRIERS,
            meaning="用了哪个载体：" + " / ".join(CARRIERS),
            example="惠民卡",
        ),
        Field(
            name="audience",
            header="对象",
            required=True,
            aliases=("对象群体", "参加对象"),
            meaning="参加的群体（一行一类）：农牧民、城镇低保户、个体工商户、离退休人员、社区居民、机关干部、学生，或 campaign.toml 中加的",
            example="农牧民",
            reference=Reference(to="campaign.toml:audiences", message="不认识的对象“{values}”：请从 {audiences} 中选"),
        ),
        Field(
            name="attendance",
            header="人数",
            kind="number",
            required=True,
            min=0,
            max=MAX_ATTENDANCE,
            aliases=("参加人数",),
            meaning="这一类对象参加的人数",
            example="36",
        ),
        Field(name="topic", header="主题", aliases=("宣讲主题",), meaning="讲了什么", example="算好惠民账"),
        Field(name="lecturer", header="宣讲人", aliases=("主讲人",), meaning="宣讲人或宣讲队", example="镇政策宣讲团"),
        Field(
            name="story_kind",
            header="故事",
            choices=STORIES,
            meaning="分享式自我教育讲的故事：" + " / ".join(STORIES),
            example=STORIES[0],
        ),
        Field(name="storyteller", header="讲述人", personal="name", meaning="讲故事的群众", example="乌云"),
        Field(
            name="consent",
            header="同意公开",
            kind="flag",
            choices=("是", "否"),
            default=False,
            aliases=("本人同意",),
            meaning="讲述人是否同意在看板上展示他的故事（不填为不同意，不展示）",
            example="是",
        ),
        Field(name="story", header="故事内容", meaning="几句话记下故事（只在讲述人同意时展示）", example="……"),
        Field(name="notes", header="备注", meaning="其他说明", example=""),
        example_field(),
    ),
    rules=(_stories, _one_activity),
    notes=("同一场活动来了几类对象（如农牧民和学生），每类写一行，活动编号相同。",),
)


def _visits(frame: pd.DataFrame, context: RuleContext) -> None:
    """诉求 needs a 办理情况; 已办结 needs a 办结日期 not before the visit."""
    for name in ("demand", "status", "closed_on", "record_id", "supersedes"):
        if name not in frame.columns:
            frame[name] = pd.Series(pd.NaT if name == "closed_on" else None, index=frame.index)
    no_status = frame["demand"].notna() & frame["status"].isna()
    for idx in frame.index[no_status]:
        context.reject(idx, "status", f"有诉求就要写办理情况：{' / '.join(STATUSES)}")
    closed = frame["status"] == DONE
    for idx in frame.index[closed & frame["closed_on"].isna()]:
        context.reject(idx, "closed_on", "已办结的诉求要写办结日期")
    early = frame["closed_on"].notna() & frame["date"].notna() & (frame["closed_on"] < frame["date"])
    for idx in frame.index[early]:
        context.reject(idx, "closed_on", "办结日期早于走访日期：请核对")
    open_with_date = frame["closed_on"].notna() & frame["status"].notna() & ~closed
    for idx in frame.index[open_with_date]:
        context.reject(idx, "closed_on", "写了办结日期，办理情况却不是“已办结”：请核对")


VISITS = Table(
    name="visits",
    label="入户走访",
    fields=(
        Field(
            name="record_id",
            header="记录编号",
            as_text=True,
            meaning="本条记录的编号（更正时用；不填也可以）",
            example="V0001",
        ),
        household_field(meaning="走访的户（户表中的户编号）"),
        _done_date("date", "走访日期", required=True, aliases=("日期",), meaning="哪天去的", example="2023-12-20"),
        Field(name="cadre", header="走访干部", required=True, aliases=("走访人",), meaning="谁去的", example="王建军"),
        Field(name="topics", header="走访内容", aliases=("宣讲内容",), meaning="讲了什么、算了什么账", example="算炕头账"),
        Field(
            name="demand",
            header="诉求",
            aliases=("群众诉求",),
            meaning="群众提出的问题或要求（没有不填）",
            example="巷道路灯不亮",
        ),
        Field(
            name="status",
            header="办理情况",
            choices=STATUSES,
            meaning="诉求办到哪一步：" + " / ".join(STATUSES),
            example=DONE,
        ),
        _done_date("closed_on", "办结日期", meaning="诉求办结的日期", example="2023-12-28"),
        Field(
            name="supersedes",
            header="更正记录",
            as_text=True,
            aliases=("更正",),
            meaning="这条记录更正的是哪条记录（填那条的记录编号）；原记录保留，以本条为准",
            example="",
        ),
        example_field(),
    ),
    unique=("record_id",),
    messages={"duplicate": "记录编号与第 {row} 行重复：每条记录的编号不同"},
    rules=(_visits,),
    notes=("写错了不要改原来那一行：另写一行，在“更正记录”里填原记录的编号。",),
)

WORKS = Table(
    name="works",
    label="文艺作品",
    fields=(
        Field(name="title", header="作品名称", required=True, aliases=("名称", "作品"), meaning="作品名称", example="石榴红了"),
        Field(
            name="kind",
            header="类型",
            choices=WORK_KINDS,
            meaning="类型：" + " / ".join(WORK_KINDS) + "（没有查到出处就不填）",
            example="电视剧",
        ),
        Field(name="length", header="时长", aliases=("片长",), meaning="时长（如 90 分钟、30 集）", example="90 分钟"),
        Field(
            name="audiences",
            header="适合对象",
            meaning="适合哪些对象，几个用顿号分隔（不填为都适合）",
            example="农牧民、学生",
            reference=Reference(to="campaign.toml:audiences", many=True, message="不认识的对象“{values}”：请从 {audiences} 中选"),
        ),
        Field(name="summary", header="简介", meaning="一两句话：讲的是什么（只写有出处的事）", example="……"),
        source_field(),
        source_url_field(),
        example_field(),
    ),
    unique=("title",),
    messages={"duplicate": "作品名称与第 {row} 行重复：一部作品只写一行"},
)

_TIME = re.compile(r"^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$")


def parse_time(value: object) -> dt.time | None:
    """19:30, 19：30, 19点30, 19点, an Excel time or a day fraction (0.8125) → 19:30; None if unreadable."""
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, dt.time):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = _TIME.match(str(value).strip()) if value is not None else None
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _screening_times(frame: pd.DataFrame, context: RuleContext) -> None:
    """开始时间 and 结束时间 → ``start`` and ``end`` (date and time); the end after the start."""
    starts, ends = [], []
    for idx in frame.index:
        day = frame.at[idx, "date"] if "date" in frame.columns else None
        times = []
        for name in ("start_time", "end_time"):
            raw = context.value(idx, name)
            parsed = parse_time(raw) if raw is not None and not pd.isna(raw) else None
            if parsed is None and raw is not None and not pd.isna(raw):
                context.reject(idx, name, f"看不懂时间“{raw}”：请写成 19:30 这样")
            times.append(parsed)
        start = pd.Timestamp.combine(day, times[0]) if pd.notna(day) and times[0] else pd.NaT
        end = pd.Timestamp.combine(day, times[1]) if pd.notna(day) and times[1] else pd.NaT
        if pd.notna(start) and pd.notna(end) and end <= start:
            context.reject(idx, "end_time", "结束时间不晚于开始时间：请核对（过了半夜的场次写到 23:59）")
        starts.append(start)
        ends.append(end)
    frame["start"] = pd.to_datetime(pd.Series(starts, index=frame.index, dtype=object))
    frame["end"] = pd.to_datetime(pd.Series(ends, index=frame.index, dtype=object))


SCREENINGS = Table(
    name="screenings",
    label="放映演出",
    fields=(
        Field(
            name="screening_id",
            header="场次编号",
            as_text=True,
            meaning="这一场的编号（填了以后改时间、改地点再导出日历，手机日历里会更新这一场，而不是多出一场）",
            example="S001",
        ),
        Field(
            name="work",
            header="作品",
            required=True,
            aliases=("作品名称", "节目"),
            meaning="放映或演出的作品（文艺作品表中的作品名称）",
            example="石榴红了",
            reference=Reference(
                to="works.title",
                message="文艺作品表中没有这个作品：{values}。请核对名称，或先在文艺作品表中登记",
                missing="没有文艺作品表（works），无法核对{label}中的作品",
            ),
        ),
        _UNIT,
        Field(
            name="place",
            header="地点",
            required=True,
            aliases=("放映地点",),
            meaning="在哪里放、在哪里演",
            example="嘎查党群服务中心",
        ),
        Field(
            name="date",
            header="日期",
            kind="date",
            required=True,
            meaning="哪天（可以是今后的安排）",
            example="2024-01-12",
            reference=Reference(to="campaign.toml:start", message="日期早于活动开始（{start}）：请核对日期"),
        ),
        Field(name="start_time", header="开始时间", required=True, as_text=True, meaning="几点开始，如 19:00", example="19:00"),
        Field(name="end_time", header="结束时间", required=True, as_text=True, meaning="几点结束，如 21:00", example="21:00"),
        Field(
            name="crew",
            header="放映员或剧团",
            required=True,
            aliases=("放映员", "剧团", "演出团体"),
            meaning="谁来放、谁来演（同一人同一时间只能在一处）",
            example="乌审旗乌兰牧骑",
        ),
        Field(name="contact", header="联系电话", as_text=True, aliases=("电话",), meaning="群众有事找谁", example="0477-0000000"),
        example_field(),
    ),
    unique=("screening_id",),
    messages={"duplicate": "场次编号与第 {row} 行重复：每一场的编号不同"},
    rules=(_screening_times,),
)
