"""The benefit card's tables: policies (惠民政策) and one-card payments
(一卡通发放明细). Households and members are shared: :mod:`campaignkit.core.people`."""

from __future__ import annotations

import pandas as pd

from ..core import units
from ..core.declare import Field, Reference, Table, example_field, source_url_field, year_field
from ..core.people import household_field
from ..core.rules import RuleContext
from ..core.vocab import FUNDING_LEVELS, parse_funding

# One payment to one household: a typo above this (an extra zero, 1e300) is refused, not summed.
MAX_PAYMENT_YUAN = 10_000_000.0

# What a policy's standard multiplies; the calculator (bases.py) knows how to count each.
POLICY_BASES = (
    "禁牧面积",
    "草畜平衡面积",
    "耕地面积",
    "草场面积",
    "人口",
    "60岁以上人数",
    "80岁以上人数",
    "80至99岁人数",
    "100岁以上人数",
    "低保人数",
    "特困人数",
    "残疾人数",
    "户",
)


def _policy_terms(frame: pd.DataFrame, context: RuleContext) -> None:
    for idx, text in frame["funding_level"].dropna().items():
        try:
            parse_funding(text)
        except ValueError as exc:
            context.reject(idx, "funding_level", str(exc))
    if "year_to" in frame.columns:
        bad = frame["year_to"].notna() & frame["year_from"].notna() & (frame["year_to"] < frame["year_from"])
        for idx in frame.index[bad.fillna(False)]:
            context.reject(idx, "year_to", "终止年份早于起始年份")
    for idx, unit in frame["standard_unit"].dropna().items():
        if not units.is_known(unit):
            context.warn(idx, "standard_unit", f"不认识的标准单位“{unit}”，常用的有 元/亩/年、元/人/月、元/人/年、元/户/年")


def _payment_year(frame: pd.DataFrame, context: RuleContext) -> None:
    """年份 from 发放日期 when blank; a warning when the two disagree (a back payment, perhaps)."""
    date_year = frame["date"].dt.year.astype("Int64") if "date" in frame.columns else None
    if "year" not in frame.columns:
        frame["year"] = date_year if date_year is not None else pd.Series(pd.NA, index=frame.index, dtype="Int64")
    elif date_year is not None:
        differ = (frame["year"].notna() & date_year.notna() & (frame["year"] != date_year)).fillna(False)
        for idx in frame.index[differ]:
            context.warn(
                idx, "year", f"年份与发放日期（{frame.at[idx, 'date']:%Y-%m-%d}）不是同一年；按“年份”列计入（可能是补发）"
            )
        frame["year"] = frame["year"].fillna(date_year)
    for idx in frame.index[frame["year"].isna()]:
        if not (context.present("date") and context.has_error(idx, "date")):
            context.reject(idx, "year", "“发放日期”和“年份”至少要填一个")


POLICIES = Table(
    name="policies",
    label="惠民政策",
    fields=(
        Field(
            name="item",
            header="项目",
            required=True,
            aliases=("补贴项目", "政策项目"),
            meaning="补贴项目名称，与发放明细中的“项目”一致",
            example="禁牧补助",
        ),
        Field(
            name="category",
            header="类别",
            aliases=("分类",),  # description, not arithmetic: optional
            meaning="政策类别（生态补奖、社会救助、养老……）",
            example="生态补奖",
        ),
        Field(
            name="standard", header="标准", kind="number", required=True, min=0.0, meaning="补贴标准（只填数字）", example="7.5"
        ),
        Field(
            name="standard_unit",
            header="标准单位",
            required=True,
            meaning="标准的单位，如 元/亩/年、元/人/月、元/户/年",
            example="元/亩/年",
        ),
        Field(name="basis", header="计算依据", required=True, choices=POLICY_BASES, meaning="标准乘以什么", example="禁牧面积"),
        Field(
            name="funding_level",
            header="资金层级",
            required=True,
            meaning="出资的政府层级，或分担比例如“中央80%/自治区20%”",
            example="中央",
        ),
        year_field(name="year_from", header="起始年份", required=True, meaning="开始执行的年份", example="2021"),
        year_field(name="year_to", header="终止年份", meaning="停止执行的年份（仍在执行则留空）", example=""),
        Field(name="condition", header="对象条件", meaning="享受对象的条件", example="履行禁牧义务的农牧民"),
        Field(
            name="document",
            header="政策文件",
            meaning="依据的政策文件名称和文号",
            example="内蒙古草原生态保护补助奖励政策实施方案",
        ),
        source_url_field(),
        example_field(),
    ),
    unique=("item", "year_from"),
    rules=(_policy_terms,),
)

PAYMENTS = Table(
    name="payments",
    label="一卡通发放明细",
    fields=(
        household_field(meaning="收款户的户编号"),
        Field(name="date", header="发放日期", kind="date", aliases=("日期",), meaning="发放日期", example="2022-06-30"),
        year_field(
            name="year", header="年份", aliases=("年度", "所属年度"), meaning="所属年份（有发放日期时可不填）", example="2022"
        ),
        Field(
            name="item",
            header="项目",
            required=True,
            aliases=("补贴项目",),
            meaning="补贴项目，与惠民政策表一致",
            example="禁牧补助",
            # Items without a policy are followed up when reconciling a card, so only a warning.
            reference=Reference(
                to="policies.item",
                message="惠民政策表中没有这个项目（{values}）：如是新政策请补进惠民政策表，否则请核对项目名称",
                severity="warning",
            ),
        ),
        Field(
            name="amount",
            header="金额",
            kind="number",
            required=True,
            min=0.0,
            max=MAX_PAYMENT_YUAN,
            unit="元",
            aliases=("发放金额",),
            meaning="发放金额（元）",
            example="15000",
        ),
        Field(name="funding_level", header="资金层级", choices=FUNDING_LEVELS, meaning="出资的政府层级", example="中央"),
        Field(
            name="card_number",
            header="卡号",
            aliases=("一卡通卡号", "账号"),
            personal="card",
            as_text=True,
            long_code=True,
            set_aside=True,  # a bad card number is set aside; the payment still counts
            meaning="一卡通卡号（请设为文本格式）",
            example="6228480000000000000",
        ),
        Field(name="note", header="备注", meaning="备注", example=""),
    ),
    one_of=(("date", "year"),),
    rules=(_payment_year,),
)
