"""Build the bundled sample campaign in ``data/sample/`` (deterministic).

Real rows come from ``data/reference/`` (copied from the public reference data,
every row with its source); everything else is invented, marked 示例=是, and
invented ID numbers use the non-existent region code 999999.

Run: ``python scripts/make_sample.py`` (rewrites data/sample/ except README.md
and campaign.toml).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from campaignkit.core.fmt import dates_in_words  # noqa: E402
from campaignkit.core.idnumber import SAMPLE_REGION, make_id  # noqa: E402

REF = ROOT / "data" / "reference"
OUT = ROOT / "data" / "sample"
RNG = random.Random(20231201)

OFFICIAL_HOSTS = (
    "gov.cn",
    "news.cn",
    "xinhuanet.com",
    "chinadaily.com.cn",
    "people.com.cn",
    "nmgqq.com.cn",
    "cctv.com",
    "cntv.cn",
)
THIRD_PARTY_WORDS = ("第三方", "镜像", "转载", "mirror", "百科", "维基")
CATEGORIES = [
    ("十个全覆盖", "十个全覆盖"),
    ("生产总值", "经济"),
    ("财政", "经济"),
    ("储量", "资源"),
    ("收入", "收入"),
    ("增收", "收入"),
    ("消费", "收入"),
    ("恩格尔", "收入"),
    ("人口", "人口"),
    ("城镇化", "人口"),
    ("森林", "生态"),
    ("植被", "生态"),
    ("草原", "生态"),
    ("草场", "生态"),
    ("沙", "生态"),
    ("林地", "生态"),
    ("禁牧", "生态"),
    ("草畜", "生态"),
    ("粮食", "农牧业"),
    ("播种", "农牧业"),
    ("存栏", "农牧业"),
    ("肉", "农牧业"),
    ("牲畜", "农牧业"),
    ("合作社", "农牧业"),
    ("低保", "民生"),
    ("养老", "民生"),
    ("医疗", "民生"),
    ("床", "民生"),
    ("卫生", "民生"),
    ("就业", "民生"),
    ("脱贫", "民生"),
    ("公路", "基础设施"),
    ("道路", "基础设施"),
]
# data/reference/README.md: Inner Mongolia's GDP before 2017 is on the pre-revision basis.
PRE_REVISION_YEARS = {"2013", "2014", "2016"}
PRE_REVISION_NOTE = (
    "2018年修订前口径：自治区2018年承认此前数据有水分并核减，与2017年及以后的数字不可直接比较（见 data/reference/README.md）"
)
UNIT_FIXES = {
    "billion yuan (nearly; ~2011–2020 cumulative)": (
        "billion yuan",
        "原单位写作“billion yuan (nearly; ~2011–2020 cumulative)”：约数，2011–2020年累计",
    )
}


def source_kind(title: str, url: str) -> str:
    host = urlparse(url).hostname or ""
    if any(w in title for w in THIRD_PARTY_WORDS):
        return "第三方转载"
    return "官方" if any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS) else "第三方转载"


def category(name: str) -> str:
    for word, cat in CATEGORIES:
        if word in name:
            return cat
    return "其他"


def write_csv(name: str, header: list[str], rows: list[list[object]]) -> None:
    # UTF-8 with BOM, so Excel opens the Chinese text correctly.
    with open(OUT / name, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_xlsx(name: str, title: str, header: list[str], rows: list[list[object]], text_cols: set[str] = frozenset()) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for i, h in enumerate(header, start=1):
        if h in text_cols:
            for cells in sheet.iter_cols(min_col=i, max_col=i, min_row=3):
                for cell in cells:
                    cell.number_format = "@"
    sheet.append([])
    sheet.append(["注：本表为示例（虚构）数据，人名、身份证号、卡号均为编造，身份证号使用不存在的地区码 999999。"])
    book.save(OUT / name)


# -- real: indicators and timeline ----------------------------------------------


# Researchers' notes in the reference data's indicator names move to the 备注 column, in
# Chinese: viewers choose an indicator by its plain name.
_AS_REPORTED = re.compile(r"\s*\(as reported (\d{4})-(\d{2})(?:-(\d{2}))?(, year not stated)?\)")
_NAME_NOTES = {
    "林地面积（forested area）": ("林地面积", ""),
    "人均地区生产总值（页面自行计算：GDP/年末常住人口）": ("人均地区生产总值", "来源页面自行计算：地区生产总值÷年末常住人口"),
}


def plain_name(name: str) -> tuple[str, str]:
    """The indicator's plain name and the note its reference name carried."""
    if name in _NAME_NOTES:
        return _NAME_NOTES[name]
    match = _AS_REPORTED.search(name)
    if not match:
        return dates_in_words(name), ""  # 页面发布于2012年7月13日: dates as the hall says them
    year, month, day, unstated = match.groups()
    when = f"{int(year)}年{int(month)}月" + (f"{int(day)}日" if day else "")
    note = f"据{when}的报道" + ("，报道未注明统计年份" if unstated else "")
    return _AS_REPORTED.sub("", name).strip(), note


# The indicators villagers ask about first (常用): the phone ledger lists them at the top.
COMMON = {
    "地区生产总值",
    "人均地区生产总值",
    "农牧民人均可支配收入",
    "全体居民人均可支配收入",
    "城镇常住居民人均可支配收入",
    "农村牧区常住居民人均可支配收入",
    "年末常住人口",
    "常住人口城镇化率",
    "森林覆盖率",
    "粮食产量",
    "通硬化路的嘎查村",
    "自来水入户率",
    "参加城乡居民基本养老保险人数",
    "标准化嘎查村卫生室",
}


def indicators() -> None:
    header = ["地区", "指标", "年份", "数值", "单位", "来源", "类别", "来源链接", "来源类型", "原文", "备注", "示例", "常用"]
    rows, excluded = [], []
    with open(REF / "indicators.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if not r["year"]:
                excluded.append(f"{r['region']}：{r['indicator']}")
                continue
            unit, note = UNIT_FIXES.get(r["unit"], (r["unit"], ""))
            name, name_note = plain_name(r["indicator"])
            note = "；".join(n for n in (note, name_note) if n)
            base = [r["region"], name, r["year"]]
            tail = [
                r["source_title"],
                category(r["indicator"]),
                r["source_url"],
                source_kind(r["source_title"], r["source_url"]),
                r["quote"],
            ]
            if "/" in r["value"]:
                # One cell, two figures (城市/农村): one row each, said in the note.
                parts = r["value"].split("/")
                labels = r["indicator"].split("（")[-1].rstrip("）").split("/")
                stem = r["indicator"].split("（")[0]
                for value, label in zip(parts, labels):
                    rows.append(
                        [
                            base[0],
                            f"{stem}（{label}）",
                            base[2],
                            value,
                            unit,
                            *tail,
                            f"原表一格两值“{r['value']}”，拆为两行",
                            "否",
                        ]
                    )
                continue
            if r["region"] == "内蒙古自治区" and r["indicator"] == "地区生产总值" and r["year"] in PRE_REVISION_YEARS:
                note = PRE_REVISION_NOTE
            rows.append([*base, r["value"], unit, *tail, note, "否"])
    # Town-level ledger: no public source was found, so these are invented and marked.
    town = "无定河镇"
    series = {
        ("农牧民人均可支配收入", "元", "收入"): (12800, 1.075),
        ("通硬化路的嘎查村", "个", "基础设施"): (3, None),
        ("自来水入户率", "%", "民生"): (46.0, None),
        ("参加城乡居民基本养老保险人数", "人", "民生"): (5200, 1.02),
        ("标准化嘎查村卫生室", "个", "民生"): (2, None),
    }
    steps = {
        "通硬化路的嘎查村": [3, 3, 5, 9, 12, 12, 13, 13, 14, 14, 14],
        "自来水入户率": [46.0, 51.5, 60.2, 78.4, 90.1, 93.0, 95.2, 96.8, 97.5, 98.1, 98.6],
        "标准化嘎查村卫生室": [2, 2, 4, 9, 13, 14, 14, 14, 14, 14, 14],
    }
    for (name, unit, cat), (start, growth) in series.items():
        for i, year in enumerate(range(2012, 2023)):
            value = steps[name][i] if name in steps else round(start * growth**i * (1 + RNG.uniform(-0.01, 0.01)))
            rows.append(
                [
                    town,
                    name,
                    year,
                    value,
                    unit,
                    "示例数据（虚构，供演示）",
                    cat,
                    "",
                    "",
                    "",
                    "镇级数据未找到公开来源，此为编造的示例",
                    "是",
                ]
            )
    rows = [[*row, "是" if row[1] in COMMON else ""] for row in rows]
    write_csv("indicators.csv", header, rows)
    print("excluded (no year on the source page):\n  " + "\n  ".join(excluded))


ECOLOGY_WORDS = ("沙地", "沙漠", "沙化", "治沙", "种树", "森林", "防护林", "植被", "生态")


def event_level(place: str) -> str:
    """The 级别 of an event from its place as the source names it."""
    if place.startswith("全国") or "省区" in place:
        return "全国"
    if place.startswith("内蒙古自治区"):
        return "自治区"
    if place.startswith("伊克昭盟"):
        return "市"  # 盟 is the city level (today's 鄂尔多斯市)
    if "镇" in place or "公社" in place or place.startswith("乌审召"):
        return "镇"
    return "旗"


def timeline() -> None:
    header = ["编号", "时间", "事件", "地点", "级别", "类别", "来源", "来源链接"]
    rows = []
    with open(REF / "history_events.csv", encoding="utf-8") as fh:
        for n, r in enumerate(csv.DictReader(fh), start=1):
            event = r["event"]
            cat = "革命历史"
            if event.startswith("[政策]"):
                event, cat = event.removeprefix("[政策]").strip(), "政策"
            elif any(w in event for w in ECOLOGY_WORDS):
                cat = "生态建设"
            event = re.sub(r"\s*\([A-Za-z][A-Za-z\s-]*\)", "", event)  # an English gloss: the hall reads Chinese
            place = r["place"]
            rows.append(
                [f"E{n:02d}", r["date_or_year"], event, place, event_level(place), cat, r["source_title"], r["source_url"]]
            )
    write_csv("timeline.csv", header, rows)


# -- invented: policies, households, members, payments, projects, blueprint ------

POLICIES = [
    # item, category, standard, unit, basis, level, from, to, condition, document, link
    (
        "禁牧补助",
        "生态补奖",
        6,
        "元/亩/年",
        "禁牧面积",
        "中央",
        2016,
        2020,
        "履行禁牧义务的农牧民",
        "草原生态保护补助奖励机制（第一轮测算标准）",
        "http://www.handmsg.com/page/2011/1229/25009008.shtml",
    ),
    (
        "禁牧补助",
        "生态补奖",
        7.5,
        "元/亩/年",
        "禁牧面积",
        "中央",
        2021,
        None,
        "履行禁牧义务的农牧民",
        "内蒙古草原生态保护补助奖励政策（2023年政策解读）",
        "https://www.nmg.gov.cn/zwgk/zcjd/bmzcjd/202302/t20230209_2228884.html?slb=true",
    ),
    (
        "草畜平衡奖励",
        "生态补奖",
        1.5,
        "元/亩/年",
        "草畜平衡面积",
        "中央",
        2016,
        2020,
        "未超载的牧民",
        "草原生态保护补助奖励机制（第一轮测算标准）",
        "http://www.handmsg.com/page/2011/1229/25009008.shtml",
    ),
    (
        "草畜平衡奖励",
        "生态补奖",
        2.5,
        "元/亩/年",
        "草畜平衡面积",
        "中央",
        2021,
        None,
        "履行草畜平衡义务的农牧民",
        "内蒙古草原生态保护补助奖励政策（2023年政策解读）",
        "https://www.nmg.gov.cn/zwgk/zcjd/bmzcjd/202302/t20230209_2228884.html?slb=true",
    ),
    (
        "牧民生产资料综合补贴",
        "生态补奖",
        500,
        "元/户/年",
        "户",
        "中央",
        2016,
        2020,
        "牧户、农牧户",
        "草原生态保护补助奖励机制（第一轮）",
        "http://www.handmsg.com/page/2011/1229/25009008.shtml",
    ),
    (
        "城乡居民基础养老金",
        "养老",
        70,
        "元/人/月",
        "60岁以上人数",
        "中央80%/自治区20%",
        2016,
        2017,
        "年满60周岁的城乡居民",
        "人社部、财政部提高基础养老金最低标准",
        "https://brinsdale-int.com/html/html201805107463.html",
    ),
    (
        "城乡居民基础养老金",
        "养老",
        88,
        "元/人/月",
        "60岁以上人数",
        "中央80%/自治区20%",
        2018,
        None,
        "年满60周岁的城乡居民",
        "全国城乡居民基础养老金最低标准提至每月88元",
        "https://workercn.cn/32850/201805/12/180512090649054.shtml",
    ),
    (
        "高龄津贴",
        "养老",
        100,
        "元/人/月",
        "80至99岁人数",
        "自治区",
        2017,
        None,
        "80至99周岁老年人（普惠）",
        "内蒙古高龄津贴普惠",
        "http://www.jusar.cn/a/n9LP7YLB87963183.html",
    ),
    (
        "百岁老人高龄津贴",
        "养老",
        600,
        "元/人/月",
        "100岁以上人数",
        "自治区",
        2016,
        None,
        "100周岁以上老年人",
        "内蒙古提高百岁老人高龄津贴",
        "http://www.jusar.cn/a/n9LP7YLB87963183.html",
    ),
    (
        "农村牧区低保",
        "社会救助",
        439,
        "元/人/月",
        "低保人数",
        "中央50%/自治区30%/市级10%/旗级10%",
        2017,
        2017,
        "农村牧区低保对象",
        "鄂尔多斯市2017年统计公报",
        "https://web.xiaze.org/tjgb/201804/42649-3.html",
    ),
    (
        "农村牧区低保",
        "社会救助",
        650,
        "元/人/月",
        "低保人数",
        "中央50%/自治区30%/市级10%/旗级10%",
        2018,
        2022,
        "农村牧区低保对象",
        "鄂尔多斯市提高低保标准（2023年提标前标准）",
        "http://m.yiliao.cngulu.com/ylzt/2023/0524/3226.html",
    ),
    (
        "农村牧区低保",
        "社会救助",
        720,
        "元/人/月",
        "低保人数",
        "中央50%/自治区30%/市级10%/旗级10%",
        2023,
        None,
        "农村牧区低保对象",
        "鄂尔多斯市提高低保标准",
        "http://m.yiliao.cngulu.com/ylzt/2023/0524/3226.html",
    ),
    (
        "农村特困供养",
        "社会救助",
        1100,
        "元/人/月",
        "特困人数",
        "中央50%/自治区30%/旗级20%",
        2023,
        None,
        "农村特困人员",
        "鄂尔多斯市提高特困人员基本生活补助标准",
        "http://m.yiliao.cngulu.com/ylzt/2023/0524/3226.html",
    ),
    (
        "耕地地力保护补贴",
        "种植补贴",
        60,
        "元/亩/年",
        "耕地面积",
        "中央",
        2016,
        None,
        "承包耕地的农户（示例标准，未找到公开数据）",
        "（示例）",
        "",
    ),
]

UNITS = {
    "红柳嘎查": ("嘎查村", ["一组", "二组", "三组"], 80, "HL"),
    "沙柳嘎查": ("嘎查村", ["一组", "二组"], 70, "SL"),
    "柠条嘎查": ("嘎查村", ["一组", "二组"], 60, "NT"),
    "杨树村": ("嘎查村", ["一组", "二组"], 50, "YS"),
    "阳光社区": ("社区", ["第一网格", "第二网格", "第三网格"], 60, "YG"),
}
SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = [
    "建国",
    "秀英",
    "志强",
    "桂兰",
    "海军",
    "玉梅",
    "永福",
    "丽娟",
    "振华",
    "淑珍",
    "文斌",
    "春燕",
    "国庆",
    "红霞",
    "晓东",
    "翠花",
    "明亮",
    "彩云",
    "长青",
    "金凤",
    "宏伟",
    "雪梅",
    "新民",
    "凤英",
    "立新",
    "美玲",
    "德胜",
    "海燕",
    "俊杰",
    "丽华",
]
MONGOL = [
    "巴特尔",
    "其木格",
    "乌日娜",
    "额尔敦",
    "苏和",
    "萨仁",
    "朝鲁",
    "娜仁花",
    "宝音",
    "图雅",
    "孟和",
    "斯琴",
    "阿拉坦",
    "高娃",
    "哈斯",
    "乌兰",
    "巴雅尔",
    "敖登",
    "毕力格",
    "格日勒",
]


def person_name(mongol: bool) -> str:
    if mongol and RNG.random() < 0.7:
        return RNG.choice(MONGOL) + RNG.choice(["", "图", "其其格", "巴根", "达来"])
    return RNG.choice(SURNAMES) + RNG.choice(GIVEN)


def households_and_members():
    households, members, seq = [], [], 0
    for unit, (kind, grids, count, code) in UNITS.items():
        for n in range(1, count + 1):
            hid = f"{code}-{n:03d}"
            pastoral = kind == "嘎查村" and unit != "杨树村"
            htype = (
                "社区居民户"
                if kind == "社区"
                else ("牧户" if pastoral and RNG.random() < 0.8 else ("农牧户" if pastoral else "农户"))
            )
            size = RNG.choice([1, 2, 2, 3, 3, 4, 4, 5, 6])
            grass = ban = bal = arable = None
            if htype in ("牧户", "农牧户"):
                grass = RNG.choice(range(1500, 9000, 50))
                ban = round(grass * RNG.choice([0, 0.3, 0.5, 0.7, 1.0]))
                bal = grass - ban
            if htype in ("农户", "农牧户"):
                arable = RNG.choice(range(10, 120, 5))
            head_born = dt.date(RNG.randint(1935, 1990), RNG.randint(1, 12), RNG.randint(1, 28))
            mongol = RNG.random() < 0.6
            head = person_name(mongol)
            seq += 1
            head_id = make_id(SAMPLE_REGION, head_born, seq)
            households.append([hid, head, unit, head_id, RNG.choice(grids), htype, size, grass, ban, bal, arable, "是"])
            dibao = RNG.random() < 0.08
            for m in range(size):
                if m == 0:
                    name, born, rel, pid = head, head_born, "户主", head_id
                else:
                    rel = "配偶" if m == 1 else RNG.choice(["子女", "子女", "父母", "孙子女"])
                    if rel == "配偶":
                        born = head_born + dt.timedelta(days=RNG.randint(-2000, 2000))
                    elif rel == "父母":
                        born = dt.date(max(1918, head_born.year - RNG.randint(20, 32)), RNG.randint(1, 12), RNG.randint(1, 28))
                    elif rel == "孙子女":
                        born = dt.date(min(2022, head_born.year + RNG.randint(45, 60)), RNG.randint(1, 12), RNG.randint(1, 28))
                    else:
                        born = dt.date(min(2020, head_born.year + RNG.randint(20, 35)), RNG.randint(1, 12), RNG.randint(1, 28))
                    name = person_name(mongol)
                    seq += 1
                    pid = make_id(SAMPLE_REGION, born, seq)
                disabled = RNG.choice(DISABILITY) if RNG.random() < 0.04 else ""
                tekun = size == 1 and RNG.random() < 0.3
                members.append([hid, name, pid, f"{born:%Y-%m}", rel, "是" if dibao else "否", "是" if tekun else "否", disabled])
    return households, members


DISABILITY = ["一级", "二级", "三级", "四级"]


def payments() -> list[list[object]]:
    """Payments as the calculator expects them, with a few deliberate follow-up cases.

    Uses campaignkit's own calculator on the files just written, so the sample
    and the door-visit view agree on every yuan except the planted cases.
    """
    from campaignkit import read_table
    from campaignkit.benefits import estimate
    from campaignkit.core.vocab import FUNDING_LEVELS

    policies = read_table(OUT / "policies.xlsx", "policies").records
    households = read_table(OUT / "households.xlsx", "households").records
    members = read_table(OUT / "members.csv", "members").records
    by_household = dict(tuple(members.groupby("household_id")))
    rows = []
    for household in households.to_dict("records"):
        hid = household["household_id"]
        card = "9999" + "".join(str(RNG.randint(0, 9)) for _ in range(15))
        for year in range(2016, 2024):
            items = estimate(household, by_household.get(hid), policies, year).items
            for item in items.to_dict("records"):
                date = dt.date(year, RNG.choice([6, 7, 9, 11, 12]), RNG.choice([10, 15, 20, 28]))
                roll = RNG.random()
                if roll < 0.01:
                    continue  # never arrived: a follow-up case for the reconcile view
                factor = 0.8 if roll < 0.02 else 1.0  # paid less than the standard
                times = 2 if roll > 0.995 else 1  # paid twice
                for _ in range(times):
                    for level in FUNDING_LEVELS:
                        if item[level] > 0:
                            note = "重复发放（示例）" if times == 2 else ""
                            rows.append(
                                [hid, f"{date:%Y-%m-%d}", year, item["item"], round(item[level] * factor, 2), level, card, note]
                            )
    return rows


def projects():
    kinds = [
        ("通村硬化路", "交通", "公里", (3, 15)),
        ("安全饮水工程", "饮水", "户", (30, 200)),
        ("危房改造", "住房", "户", (5, 40)),
        ("嘎查村卫生室建设", "医疗", "处", (1, 1)),
        ("文化活动室", "文化", "处", (1, 1)),
        ("便民超市", "商贸", "处", (1, 1)),
        ("草原围栏", "生态", "亩", (2000, 12000)),
        ("光伏照明", "电力", "户", (20, 120)),
    ]
    rows = []
    for year in range(2012, 2024):
        for _ in range(RNG.randint(3, 6)):
            name, cat, qunit, (lo, hi) = RNG.choice(kinds)
            unit = RNG.choice(list(UNITS))
            qty = RNG.randint(lo, hi) if qunit != "公里" else round(RNG.uniform(lo, hi), 1)
            total = round(qty * {"公里": 80, "户": 3.5, "处": 60, "亩": 0.05}[qunit] * RNG.uniform(0.8, 1.2), 1)
            shares = [0.5, 0.25, 0.1, 0.1, 0.05] if year >= 2014 else [0.6, 0.2, 0.1, 0.1, 0.0]
            levels = [round(total * s, 1) for s in shares]
            rows.append(
                [f"{unit}{name}", year, unit, cat, round(sum(levels), 1), *levels, "万元", qty, qunit, "示例数据（虚构）", "是"]
            )
    return rows


def blueprint():
    targets = [
        ("教育", "学前三年毛入园率", "%", 2023, 88, 2028, 95, 2024, 90),
        ("教育", "义务教育巩固率", "%", 2023, 97.5, 2028, 99, 2024, 98.0),
        ("医疗", "嘎查村卫生室标准化率", "%", 2023, 85, 2028, 100, 2024, 92),
        ("医疗", "家庭医生签约服务覆盖率", "%", 2023, 60, 2028, 80, 2024, 63),
        ("养老", "嘎查村互助养老服务覆盖率", "%", 2023, 40, 2028, 100, 2024, 55),
        ("养老", "养老机构床位", "张", 2023, 60, 2028, 120, 2024, 70),
        ("住房", "农村牧区危房存量", "户", 2023, 12, 2028, 0, 2024, 5),
        ("托育", "每千人口拥有3岁以下婴幼儿托位数", "个", 2023, 1.5, 2028, 4.5, 2024, 2.0),
        ("收入", "农牧民人均可支配收入", "元", 2023, 24800, 2028, 33000, 2024, 26300),
        ("生态", "林草覆盖率", "%", 2023, 80, 2028, 82, 2024, 80.3),
        ("文化", "嘎查村综合文化服务中心", "个", 2023, 10, 2028, 14, None, None),
    ]
    return [[*t, "示例数据（虚构）", "是"] for t in targets]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    indicators()
    timeline()
    policy_rows = [[p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], "是"] for p in POLICIES]
    write_xlsx(
        "policies.xlsx",
        "惠民政策标准（示例：标准取自所附链接，起止年份与资金层级为示例）",
        [
            "项目",
            "类别",
            "标准",
            "标准单位",
            "计算依据",
            "资金层级",
            "起始年份",
            "终止年份",
            "对象条件",
            "政策文件",
            "来源链接",
            "示例",
        ],
        policy_rows,
    )
    households, members = households_and_members()
    write_xlsx(
        "households.xlsx",
        "农户/居民户花名册（示例数据，均为虚构）",
        [
            "户编号",
            "户主姓名",
            "单位",
            "身份证号",
            "网格",
            "户类型",
            "人口",
            "草场面积",
            "禁牧面积",
            "草畜平衡面积",
            "耕地面积",
            "示例",
        ],
        households,
        text_cols={"身份证号"},
    )
    write_csv("members.csv", ["户编号", "姓名", "身份证号", "出生年月", "与户主关系", "低保", "特困", "残疾等级"], members)
    write_csv("payments.csv", ["户编号", "发放日期", "年份", "项目", "金额", "资金层级", "卡号", "备注"], payments())
    write_csv(
        "projects.csv",
        [
            "项目",
            "年份",
            "地区",
            "类别",
            "资金合计",
            "中央",
            "自治区",
            "市级",
            "旗级",
            "镇级",
            "资金单位",
            "实物量",
            "实物量单位",
            "来源",
            "示例",
        ],
        projects(),
    )
    write_csv(
        "blueprint.csv",
        ["领域", "指标", "单位", "基期年份", "基期值", "目标年份", "目标值", "最新年份", "最新值", "来源", "示例"],
        blueprint(),
    )
    print(f"sample written to {OUT}")


if __name__ == "__main__":
    main()
