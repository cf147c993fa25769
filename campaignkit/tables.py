"""What each campaign table holds: Chinese headers as trainers type them, mapped
to English field names, types, ranges and allowed values — in this one place.

The loader, the validation schema and the blank templates are all derived from
these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "number", "year", "date", "month", "flag", "idnumber"]

FUNDING_LEVELS = ("中央", "自治区", "市级", "旗级", "镇级")
HOUSEHOLD_TYPES = ("牧户", "农户", "农牧户", "社区居民户", "其他")
RELATIONS = ("户主", "配偶", "子女", "儿媳", "女婿", "孙子女", "父母", "岳父母", "公婆", "兄弟姐妹", "其他")
DISABILITY_GRADES = ("一级", "二级", "三级", "四级")
YES_NO = ("是", "否")
# What a policy's standard multiplies (issue: entitlement calculator).
POLICY_BASES = ("禁牧面积", "草畜平衡面积", "耕地面积", "草场面积", "人口", "60岁以上人数",
                "80岁以上人数", "80至99岁人数", "100岁以上人数", "低保人数", "特困人数", "残疾人数", "户")


@dataclass(frozen=True)
class Field:
    """One column of a table."""

    name: str                      # English field name in the loaded frame
    header: str                    # the Chinese header trainers type
    kind: Kind = "text"
    required: bool = False         # header must be present and every value filled
    aliases: tuple[str, ...] = ()  # other headers seen in real files
    unit: str | None = None        # unit the values are in (numbers); header units are converted to it
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    meaning: str = ""
    example: str = ""
    sensitive: bool = False        # personal data: masked on shared screens

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Table:
    """A table of a campaign: one spreadsheet per table, named by ``name`` or ``label``."""

    name: str
    label: str
    fields: tuple[Field, ...]
    unique: tuple[str, ...] = ()               # fields whose combination must be unique
    one_of: tuple[tuple[str, ...], ...] = ()   # at least one header of each group must be present
    wide_years: bool = False                   # also accepts one column per year (yearbook layout)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def required_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


def _f(name: str, header: str, kind: Kind = "text", **kw) -> Field:
    return Field(name, header, kind, **kw)


_EXAMPLE = _f("illustrative", "示例", "flag", aliases=("是否示例",), choices=YES_NO,
              meaning="该行数据是否为示例（虚构）数据；真实数据填“否”或留空", example="否")
_SOURCE = _f("source", "来源", meaning="数据出处：统计公报、政府网站、文件名称等", example="鄂尔多斯市2022年统计公报")
_SOURCE_URL = _f("source_url", "来源链接", aliases=("链接", "网址"), meaning="出处网页地址", example="https://tjj.ordos.gov.cn/…")
_AMOUNT = dict(kind="number", min=0.0)
_AREA = dict(kind="number", min=0.0, unit="亩")
_YEAR = dict(kind="year", min=1900, max=2100)

INDICATORS = Table(
    "indicators", "发展账指标",
    (
        _f("region", "地区", required=True, aliases=("区域", "行政区"), meaning="统计范围", example="乌审旗"),
        _f("indicator", "指标", required=True, aliases=("指标名称", "项目"), meaning="指标名称", example="地区生产总值"),
        _f("year", "年份", required=True, aliases=("年度",), **_YEAR, meaning="数据年份", example="2022"),
        _f("value", "数值", "number", required=True, aliases=("数据", "值"), meaning="指标数值（只填数字）", example="1234.5"),
        _f("unit", "单位", required=True, meaning="计量单位", example="亿元"),
        _f("source", "来源", required=True, meaning=_SOURCE.meaning, example=_SOURCE.example),
        _f("category", "类别", aliases=("分类",), meaning="指标类别（经济、收入、民生、生态……）", example="经济"),
        _SOURCE_URL,
        _f("source_kind", "来源类型", choices=("官方", "第三方转载"), meaning="官方发布，还是第三方网站转载", example="官方"),
        _f("quote", "原文", meaning="出处中含有该数字的原话", example="全年地区生产总值完成…"),
        _f("note", "备注", aliases=("说明",), meaning="口径说明等", example="2018年调整统计口径"),
        _EXAMPLE,
    ),
    unique=("region", "indicator", "year", "source"),
    wide_years=True,
)

PROJECTS = Table(
    "projects", "项目资金",
    (
        _f("project", "项目", required=True, aliases=("项目名称",), meaning="项目名称", example="嘎查通硬化路工程"),
        _f("year", "年份", required=True, **_YEAR, meaning="实施年份", example="2019"),
        _f("region", "地区", required=True, aliases=("嘎查村", "单位"), meaning="实施地点（嘎查村、社区）", example="红柳嘎查"),
        _f("category", "类别", required=True, aliases=("分类",), meaning="项目类别", example="交通"),
        _f("total", "资金合计", **_AMOUNT, aliases=("合计", "总投资", "资金"), meaning="各级资金合计", example="120"),
        _f("central", "中央", **_AMOUNT, aliases=("中央资金",), meaning="中央财政资金", example="60"),
        _f("region_level", "自治区", **_AMOUNT, aliases=("自治区资金",), meaning="自治区财政资金", example="30"),
        _f("city", "市级", **_AMOUNT, aliases=("市级资金", "市"), meaning="市级财政资金", example="20"),
        _f("banner", "旗级", **_AMOUNT, aliases=("旗级资金", "旗"), meaning="旗级财政资金", example="10"),
        _f("town", "镇级", **_AMOUNT, aliases=("镇级资金", "镇"), meaning="镇级资金", example="0"),
        _f("funding_unit", "资金单位", required=True, choices=("元", "万元", "亿元"), meaning="上面各资金列的单位", example="万元"),
        _f("quantity", "实物量", **_AMOUNT, meaning="建成的实物量（公里、户、处……）", example="12.5"),
        _f("quantity_unit", "实物量单位", meaning="实物量的单位", example="公里"),
        _SOURCE, _SOURCE_URL, _EXAMPLE,
    ),
    one_of=(("total", "central", "region_level", "city", "banner", "town"),),
)

POLICIES = Table(
    "policies", "惠民政策",
    (
        _f("item", "项目", required=True, aliases=("补贴项目", "政策项目"), meaning="补贴项目名称，与发放明细中的“项目”一致", example="禁牧补助"),
        _f("category", "类别", required=True, aliases=("分类",), meaning="政策类别（生态补奖、社会救助、养老……）", example="生态补奖"),
        _f("standard", "标准", "number", required=True, min=0.0, meaning="补贴标准（只填数字）", example="7.5"),
        _f("standard_unit", "标准单位", required=True, meaning="标准的单位，如 元/亩/年、元/人/月、元/户/年", example="元/亩/年"),
        _f("basis", "计算依据", required=True, choices=POLICY_BASES, meaning="标准乘以什么", example="禁牧面积"),
        _f("funding_level", "资金层级", required=True, meaning="出资的政府层级，或分担比例如“中央80%/自治区20%”", example="中央"),
        _f("year_from", "起始年份", required=True, **_YEAR, meaning="开始执行的年份", example="2021"),
        _f("year_to", "终止年份", **_YEAR, meaning="停止执行的年份（仍在执行则留空）", example=""),
        _f("condition", "对象条件", meaning="享受对象的条件", example="履行禁牧义务的农牧民"),
        _f("document", "政策文件", meaning="依据的政策文件名称和文号", example="内蒙古草原生态保护补助奖励政策实施方案"),
        _SOURCE_URL, _EXAMPLE,
    ),
    unique=("item", "year_from"),
)

HOUSEHOLDS = Table(
    "households", "农户/居民户",
    (
        _f("household_id", "户编号", required=True, aliases=("户号",), meaning="本活动内唯一的户编号", example="HL-001"),
        _f("head_name", "户主姓名", required=True, aliases=("户主",), sensitive=True, meaning="户主姓名", example="巴特尔"),
        _f("unit", "单位", required=True, aliases=("嘎查村", "社区", "所在单位"), meaning="所属嘎查村、社区或机关（与 campaign.toml 一致）", example="红柳嘎查"),
        _f("id_number", "身份证号", "idnumber", aliases=("身份证号码", "户主身份证号"), sensitive=True, meaning="户主身份证号（18 位，请设为文本格式）", example="999999195803120018"),
        _f("grid", "网格", aliases=("所属网格",), meaning="所属网格", example="第一网格"),
        _f("household_type", "户类型", choices=HOUSEHOLD_TYPES, meaning="户的类型", example="牧户"),
        _f("persons", "人口", "number", min=0.0, max=50.0, aliases=("家庭人口", "人口数"), unit="人", meaning="家庭人口数", example="4"),
        _f("grassland_area", "草场面积", **_AREA, meaning="承包草场面积（亩）", example="3000"),
        _f("grazing_ban_area", "禁牧面积", **_AREA, meaning="禁牧面积（亩）", example="2000"),
        _f("balance_area", "草畜平衡面积", **_AREA, meaning="草畜平衡面积（亩）", example="1000"),
        _f("arable_area", "耕地面积", **_AREA, meaning="耕地面积（亩）", example="30"),
        _EXAMPLE,
    ),
    unique=("household_id",),
)

MEMBERS = Table(
    "members", "家庭成员",
    (
        _f("household_id", "户编号", required=True, aliases=("户号",), meaning="所属户的户编号", example="HL-001"),
        _f("name", "姓名", required=True, sensitive=True, meaning="成员姓名", example="巴特尔"),
        _f("id_number", "身份证号", "idnumber", aliases=("身份证号码",), sensitive=True, meaning="身份证号（18 位，请设为文本格式）", example="999999195803120018"),
        _f("birth_month", "出生年月", "month", aliases=("出生日期",), meaning="出生年月", example="1958-03"),
        _f("relation", "与户主关系", choices=RELATIONS, aliases=("关系",), meaning="与户主的关系", example="户主"),
        _f("dibao", "低保", "flag", choices=YES_NO, meaning="是否享受低保", example="否"),
        _f("tekun", "特困", "flag", choices=YES_NO, meaning="是否特困供养人员", example="否"),
        _f("disability_grade", "残疾等级", choices=DISABILITY_GRADES, meaning="残疾等级（没有则留空）", example=""),
    ),
)

PAYMENTS = Table(
    "payments", "一卡通发放明细",
    (
        _f("household_id", "户编号", required=True, aliases=("户号",), meaning="收款户的户编号", example="HL-001"),
        _f("date", "发放日期", "date", aliases=("日期",), meaning="发放日期", example="2022-06-30"),
        _f("year", "年份", **_YEAR, aliases=("年度", "所属年度"), meaning="所属年份（有发放日期时可不填）", example="2022"),
        _f("item", "项目", required=True, aliases=("补贴项目",), meaning="补贴项目，与惠民政策表一致", example="禁牧补助"),
        _f("amount", "金额", "number", required=True, min=0.0, unit="元", aliases=("发放金额",), meaning="发放金额（元）", example="15000"),
        _f("funding_level", "资金层级", choices=FUNDING_LEVELS, meaning="出资的政府层级", example="中央"),
        _f("card_number", "卡号", aliases=("一卡通卡号", "账号"), sensitive=True, meaning="一卡通卡号（请设为文本格式）", example="6228480000000000000"),
        _f("note", "备注", meaning="备注", example=""),
    ),
    one_of=(("date", "year"),),
)

BLUEPRINT = Table(
    "blueprint", "发展蓝图",
    (
        _f("domain", "领域", required=True, meaning="领域（教育、医疗、养老、住房、托育……）", example="养老"),
        _f("indicator", "指标", required=True, aliases=("指标名称",), meaning="目标指标", example="嘎查村互助养老覆盖率"),
        _f("unit", "单位", required=True, meaning="计量单位", example="%"),
        _f("base_year", "基期年份", required=True, **_YEAR, meaning="基期年份", example="2023"),
        _f("base_value", "基期值", "number", required=True, meaning="基期数值", example="40"),
        _f("target_year", "目标年份", required=True, **_YEAR, meaning="目标年份", example="2028"),
        _f("target_value", "目标值", "number", required=True, meaning="目标数值", example="100"),
        _f("latest_year", "最新年份", **_YEAR, meaning="最新数据的年份", example="2024"),
        _f("latest_value", "最新值", "number", meaning="最新数值", example="55"),
        _SOURCE, _EXAMPLE,
    ),
    unique=("domain", "indicator"),
)

TIMELINE = Table(
    "timeline", "历史大事",
    (
        _f("when", "时间", required=True, aliases=("日期", "年份"), meaning="时间：年份、年月或日期，可写“1927-02 至 1928-10”", example="1949-08-10"),
        _f("event", "事件", required=True, aliases=("大事",), meaning="发生了什么", example="乌审旗人民政府成立"),
        _f("place", "地点", meaning="地点", example="乌审旗"),
        _f("category", "类别", meaning="类别（革命历史、生态建设、政策……）", example="革命历史"),
        _SOURCE, _SOURCE_URL,
    ),
)

TABLES: dict[str, Table] = {t.name: t for t in (INDICATORS, PROJECTS, POLICIES, HOUSEHOLDS, MEMBERS, PAYMENTS, BLUEPRINT, TIMELINE)}
LEVEL_FIELDS = ("central", "region_level", "city", "banner", "town")


def table_for_stem(stem: str) -> Table | None:
    """The table a file belongs to, from its name: 'payments.csv' or '一卡通发放明细.xlsx'."""
    key = stem.strip().lower()
    for table in TABLES.values():
        if key in (table.name, table.label) or key in table.label.split("/"):
            return table
    return None
