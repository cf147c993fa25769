"""Writes the sample campaign's outreach tables (activities, visits, screenings: invented, all
marked 示例) and the works table (real titles from the plan; facts only with a source).

Run: ``python scripts/make_outreach_sample.py`` (deterministic: the same files every time).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from campaignkit.load import check_campaign

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
START, END = dt.date(2023, 12, 1), dt.date(2024, 3, 31)
CADRES = {
    "红柳嘎查": ["王建军", "乌云其其格"],
    "沙柳嘎查": ["李春梅", "巴图"],
    "柠条嘎查": ["张海龙", "其木格"],
    "杨树村": ["刘志刚", "高秀兰"],
    "阳光社区": ["赵丽华", "孟和", "陈晓东"],
}
TOPICS = ["算炕头账", "讲惠民卡", "讲发展账", "讲发展蓝图", "送明白卡"]
DEMANDS = [
    "巷道路灯不亮",
    "草场补贴到账时间想问清楚",
    "想参加养殖技术培训",
    "家门口道路坑洼",
    "医保报销手续不清楚",
    "冬季取暖煤价",
]
# (unit, share of households reached in the concentrated phase): 阳光社区 behind on purpose.
REACH = {"红柳嘎查": 0.92, "沙柳嘎查": 0.81, "柠条嘎查": 0.74, "杨树村": 0.66, "阳光社区": 0.45}
LECTURERS = ["镇政策宣讲团", "驻村工作队", "嘎查村“两委”", "社区网格员", "镇机关理论宣讲小组"]


def day(rng: random.Random, start: dt.date = START, end: dt.date = END) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def visits(rng: random.Random, households) -> list[dict]:
    rows, number = [], 0
    for h in households.itertuples(index=False):
        if rng.random() > REACH[h.unit]:
            continue
        for _ in range(2 if rng.random() < 0.12 else 1):  # some households twice (repeat visits)
            number += 1
            when = day(rng)
            row = {
                "记录编号": f"V{number:04d}",
                "户编号": h.household_id,
                "走访日期": when.isoformat(),
                "走访干部": rng.choice(CADRES[h.unit]),
                "走访内容": "、".join(rng.sample(TOPICS, 2)),
                "诉求": "",
                "办理情况": "",
                "办结日期": "",
                "更正记录": "",
                "示例": "是",
            }
            if rng.random() < 0.18:
                row["诉求"] = rng.choice(DEMANDS)
                status = rng.choices(["已办结", "办理中", "未办"], [0.7, 0.2, 0.1])[0]
                row["办理情况"] = status
                if status == "已办结":
                    row["办结日期"] = min(when + dt.timedelta(days=rng.randint(1, 30)), END).isoformat()
            rows.append(row)
    # Two corrections: a wrong date, and a 诉求 closed later (both records kept, the new one counts).
    first = rows[0]
    rows.append(
        {
            **first,
            "记录编号": f"V{number + 1:04d}",
            "走访日期": first["走访日期"],
            "更正记录": first["记录编号"],
            "走访内容": first["走访内容"] + "（更正：补记讲了惠民卡）",
        }
    )
    pending = next(r for r in rows if r["办理情况"] == "办理中")
    closed = (dt.date.fromisoformat(pending["走访日期"]) + dt.timedelta(days=20)).isoformat()
    rows.append(
        {
            **pending,
            "记录编号": f"V{number + 2:04d}",
            "办理情况": "已办结",
            "办结日期": min(closed, END.isoformat()),
            "更正记录": pending["记录编号"],
        }
    )
    return rows


AUDIENCE_OF = {
    "嘎查村": ["农牧民", "离退休人员", "学生"],
    "社区": ["社区居民", "城镇低保户", "个体工商户", "离退休人员"],
    "机关": ["机关干部"],
}
CARRIER_OF = {
    "面对面引领教育": ["惠民卡", "发展蓝图", "发展账"],
    "分众式学习教育": ["辅导书", "发展账", "学生思政讲义", "先进典型"],
    "大众式宣传教育": ["红色文艺精品", "辅导书", "先进典型"],
}
STORIES = [
    ("我的脱贫故事", "乌云", True, "以前靠天养畜，后来跟着合作社学了舍饲，家里添了冷棚，日子一年比一年好。"),
    ("找找老照片、谈谈新变化", "陈大爷", True, "拿出一九九〇年的老照片：土坯房、沙窝子；现在是砖房、硬化路，孙子在镇上念书。"),
    ("党的关怀到我家", "高大姐", False, ""),
    ("我的致富法宝", "巴雅尔", True, "养殖技术培训班学到的防疫办法，让羊羔成活率上去了。"),
]


def activities(rng: random.Random, units) -> list[dict]:
    rows, number = [], 0
    for place, unit in enumerate(units):
        weeks = 17 if unit.kind != "机关" else 8
        for _ in range(weeks):
            number += 1
            method = rng.choice(["面对面引领教育", "分众式学习教育", "大众式宣传教育", "分众式学习教育"])
            grid = rng.choice(unit.grids) if unit.grids and method == "面对面引领教育" else ""
            groups = AUDIENCE_OF[unit.kind]
            for audience in rng.sample(groups, min(len(groups), rng.randint(1, 2))):
                rows.append(
                    {
                        "活动编号": f"A{number:03d}",
                        "日期": day(rng).isoformat(),
                        "单位": unit.name,
                        "网格": grid,
                        "方式": method,
                        "载体": rng.choice(CARRIER_OF[method]),
                        "对象": audience,
                        "人数": rng.randint(6, 60),
                        "主题": "感党恩、听党话、跟党走",
                        "宣讲人": rng.choice(LECTURERS),
                        "故事": "",
                        "讲述人": "",
                        "同意公开": "",
                        "故事内容": "",
                        "备注": "",
                        "示例": "是",
                    }
                )
        if unit.kind != "机关":
            kind, teller, consent, text = STORIES[place % len(STORIES)]
            number += 1
            rows.append(
                {
                    "活动编号": f"A{number:03d}",
                    "日期": day(rng).isoformat(),
                    "单位": unit.name,
                    "网格": "",
                    "方式": "分享式自我教育",
                    "载体": "",
                    "对象": AUDIENCE_OF[unit.kind][0],
                    "人数": rng.randint(15, 40),
                    "主题": "感恩故事大家讲",
                    "宣讲人": "",
                    "故事": kind,
                    "讲述人": teller,
                    "同意公开": "是" if consent else "否",
                    "故事内容": text,
                    "备注": "",
                    "示例": "是",
                }
            )
    # The same activity on one day and in one place keeps its 活动编号 across audience rows.
    first_day = {}
    for row in rows:
        row["日期"] = first_day.setdefault(row["活动编号"], row["日期"])
    return rows


def screenings(rng: random.Random, units) -> list[dict]:
    rows = []
    crews = {"乌审旗乌兰牧骑": "演出", "流动放映队（刘师傅）": "放映", "流动放映队（吴师傅）": "放映"}
    # 《星火桃力民》 is a stage play (话剧) with no known recording: not given to a projectionist.
    works = {"演出": ["乌审旗乌兰牧骑演出"], "放映": ["石榴红了", "黄河回响", "守护"]}
    places = {"嘎查村": "党群服务中心", "社区": "党群服务中心广场"}
    for month in (12, 1, 2, 3):
        year = 2023 if month == 12 else 2024
        for i, unit in enumerate(u for u in units if u.kind in places):
            if (unit.name, month) == ("杨树村", 2):
                continue  # a village with no screening in February: the check lists it
            crew = list(crews)[(i + month) % len(crews)]
            when = dt.date(year, month, 8 + 3 * i)
            rows.append(
                {
                    "作品": rng.choice(works[crews[crew]]),
                    "单位": unit.name,
                    "地点": places[unit.kind],
                    "日期": when.isoformat(),
                    "开始时间": "19:00",
                    "结束时间": "21:00",
                    "放映员或剧团": crew,
                    "联系电话": "0477-0000000",
                    "示例": "是",
                }
            )
    # A double booking the check finds: the same projectionist in two villages on one evening.
    rows.append({**rows[1], "单位": "柠条嘎查", "日期": rows[1]["日期"], "开始时间": "20:00", "结束时间": "22:00"})
    return [{"场次编号": f"P{i:03d}", **row} for i, row in enumerate(rows, start=1)]


def write(name: str, rows: list[dict]) -> None:
    with open(SAMPLE / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rng = random.Random(2023_12)
    campaign = check_campaign(SAMPLE, tables=["households"])
    households = campaign.tables["households"].sort_values("household_id")
    write("visits", visits(rng, households))
    write("activities", activities(rng, campaign.config.units))
    write("screenings", screenings(rng, campaign.config.units))


if __name__ == "__main__":
    main()
