"""People: the household and member tables every feature with people shares,
and masking personal data (names, ID numbers, card numbers) for shared screens."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .declare import Field, Reference, Table, area_field, example_field
from .idnumber import birth_date, mask_id
from .reading import clean_header
from .relations import category, relation_code
from .rules import RuleContext
from .vocab import DISABILITY_GRADES, HOUSEHOLD_TYPES, YES_NO

AGE_FROM_MONTH, AGE_FROM_ID = "出生年月", "身份证号"
NO_AGE = "出生年月和身份证号都不能用，年龄无法确定"


def _ages(frame: pd.DataFrame, context: RuleContext) -> None:
    """Where each person's age comes from (``age_from``): 出生年月 when it is usable, else the
    birth date in a usable ID number (filled into ``birth_month``). When both are there and
    disagree, a warning names both and 出生年月 is used."""
    if "birth_month" not in frame.columns:
        frame["birth_month"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    ids = frame["id_number"] if "id_number" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
    source = pd.Series(None, index=frame.index, dtype=object)
    source[frame["birth_month"].notna()] = AGE_FROM_MONTH
    for idx, number in ids.dropna().items():
        born = birth_date(number)
        if born is None:
            continue
        given = frame.at[idx, "birth_month"]
        if pd.isna(given):
            frame.at[idx, "birth_month"] = pd.Timestamp(born.year, born.month, 1)
            source.at[idx] = AGE_FROM_ID
        elif (given.year, given.month) != (born.year, born.month):
            context.warn(
                idx,
                "birth_month",
                f"出生年月（{given:%Y-%m}）与身份证号中的出生日期（{born:%Y-%m}）不一致；按出生年月计算，请核对",
            )
    frame["age_from"] = source


def _relations(frame: pd.DataFrame, context: RuleContext) -> None:
    """与户主关系 as GB/T 4761 writes it: the code (``relation_code``) and category
    (``relation_category``) beside what was written; an unknown word is set aside."""
    codes = pd.Series(None, index=frame.index, dtype=object)
    if "relation" in frame.columns:
        for idx, written in frame["relation"].dropna().items():
            code = relation_code(written)
            if code is None:
                context.reject(
                    idx, "relation", "关系未识别：请按《家庭关系代码》（GB/T 4761）填写，如 户主、妻、长子、孙女，或填两位代码"
                )
            else:
                codes.at[idx] = code
    frame["relation_code"] = codes
    frame["relation_category"] = codes.map(lambda c: category(c) if isinstance(c, str) else None)


# The member fields whose bad values are set aside, and what a cadre is told about each.
REVIEW_NOTES = {
    "id_number": "身份证号有误，未采用",
    "birth_month": "出生年月有误，未采用",
    "relation": "关系未识别",
    "disability_grade": "残疾等级有误，未采用",
    "dibao": "低保一栏有误，未采用",
    "tekun": "特困一栏有误，未采用",
}


def _review(frame: pd.DataFrame, context: RuleContext) -> None:
    """``review`` (资料待核): what was set aside in a person's row, and a missing age; blank when all is well."""
    notes = []
    for idx in frame.index:
        found = [text for name, text in REVIEW_NOTES.items() if context.was_set_aside(idx, name)]
        if "age_from" in frame.columns and pd.isna(frame.at[idx, "age_from"]):
            found.append(NO_AGE)
        notes.append("；".join(found) or None)
    frame["review"] = pd.Series(notes, index=frame.index, dtype=object)


_HOUSEHOLD_ID = Field(
    name="household_id",
    header="户编号",
    required=True,
    aliases=("户号",),
    as_text=True,
    meaning="本活动内唯一的户编号",
    example="HL-001",
)
# Members and payments name a household of the households table.
IN_HOUSEHOLDS = Reference(
    to="households.household_id",
    message="户表中没有这个户编号：请核对编号，或先在户表中登记这一户",
    missing="没有户表（households），无法核对{label}中的户编号",
)


def grid_field(*, example: str = "第一网格") -> Field:
    """A row's grid within its unit; one of campaign.toml's for that unit (a warning otherwise)."""
    return Field(
        name="grid",
        header="网格",
        aliases=("所属网格",),
        meaning="所属网格",
        example=example,
        reference=Reference(to="campaign.toml:grids", message="网格不在 campaign.toml 中该单位的网格列表里", severity="warning"),
    )


def unit_field(*, meaning: str, aliases: tuple[str, ...] = ("嘎查村", "社区", "所在单位")) -> Field:
    """A row's unit (嘎查村, 社区, 机关), one of campaign.toml's."""
    return Field(
        name="unit",
        header="单位",
        required=True,
        aliases=aliases,
        meaning=meaning,
        example="红柳嘎查",
        reference=Reference(
            to="campaign.toml:units",
            message="单位不在 campaign.toml 的单位列表中：{units}。请改成列表中的名称，或在 campaign.toml 中补上",
        ),
    )


def household_field(*, meaning: str) -> Field:
    """A row's household: a 户编号 of the households table."""
    return Field(
        name="household_id",
        header="户编号",
        required=True,
        aliases=("户号",),
        as_text=True,
        meaning=meaning,
        example="HL-001",
        reference=IN_HOUSEHOLDS,
    )


_ID_EXAMPLE = "999999195803120018"

HOUSEHOLDS = Table(
    name="households",
    label="农户/居民户",
    fields=(
        _HOUSEHOLD_ID,
        Field(
            name="head_name",
            header="户主姓名",
            required=True,
            aliases=("户主",),
            personal="name",
            meaning="户主姓名",
            example="巴特尔",
        ),
        unit_field(meaning="所属嘎查村、社区或机关（与 campaign.toml 一致）"),
        Field(
            name="id_number",
            header="身份证号",
            kind="idnumber",
            aliases=("身份证号码", "户主身份证号"),
            personal="id",
            set_aside=True,
            meaning="户主身份证号（18 位，请设为文本格式）",
            example=_ID_EXAMPLE,
        ),
        grid_field(),
        Field(name="household_type", header="户类型", choices=HOUSEHOLD_TYPES, meaning="户的类型", example="牧户"),
        Field(
            name="persons",
            header="人口",
            kind="number",
            min=0.0,
            max=50.0,
            aliases=("家庭人口", "人口数"),
            unit="人",
            meaning="家庭人口数",
            example="4",
        ),
        area_field(name="grassland_area", header="草场面积", meaning="承包草场面积（亩）", example="3000"),
        area_field(name="grazing_ban_area", header="禁牧面积", meaning="禁牧面积（亩）", example="2000"),
        area_field(name="balance_area", header="草畜平衡面积", meaning="草畜平衡面积（亩）", example="1000"),
        area_field(name="arable_area", header="耕地面积", meaning="耕地面积（亩）", example="30"),
        example_field(),
    ),
    unique=("household_id",),
)

MEMBERS = Table(
    name="members",
    label="家庭成员",
    fields=(
        _HOUSEHOLD_ID.with_changes(meaning="所属户的户编号", reference=IN_HOUSEHOLDS),
        Field(name="name", header="姓名", required=True, personal="name", meaning="成员姓名", example="巴特尔"),
        Field(
            name="id_number",
            header="身份证号",
            kind="idnumber",
            aliases=("身份证号码",),
            personal="id",
            set_aside=True,
            meaning="身份证号（18 位，请设为文本格式；旧式 15 位会换算为 18 位）",
            example=_ID_EXAMPLE,
        ),
        Field(
            name="birth_month",
            header="出生年月",
            kind="month",
            aliases=("出生日期",),
            set_aside=True,
            meaning="出生年月（没有或有误时，按身份证号中的出生日期计算年龄）",
            example="1958-03",
        ),
        Field(
            name="relation",
            header="与户主关系",
            aliases=("关系",),
            set_aside=True,
            meaning="与户主的关系，按《家庭关系代码》（GB/T 4761-2008）填写名称或两位代码：户主、妻、夫、长子、次女、父亲、孙女……",
            example="户主",
        ),
        Field(name="dibao", header="低保", kind="flag", choices=YES_NO, set_aside=True, meaning="是否享受低保", example="否"),
        Field(name="tekun", header="特困", kind="flag", choices=YES_NO, set_aside=True, meaning="是否特困供养人员", example="否"),
        Field(
            name="disability_grade",
            header="残疾等级",
            choices=DISABILITY_GRADES,
            set_aside=True,
            meaning="残疾等级（没有则留空）",
            example="",
        ),
    ),
    rules=(_ages, _relations),
    finish=(_review,),
)


def mask_name(name: str | None) -> str | None:
    """张三明 → 张*明, 巴特尔 → 巴*尔, 李四 → 李*, 䶮 → *."""
    if not name:
        return name
    text = str(name)
    if len(text) == 1:
        return "*"
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]


def mask_card(number: str | None) -> str | None:
    """6228480000000005678 → ****5678."""
    if not number:
        return number
    text = str(number).strip()
    return "****" + text[-4:] if len(text) > 4 else "*" * len(text)


class Masker:
    """Masks a value by the header it was written under, for every sensitive field of some tables."""

    def __init__(self, sensitive: Iterable[Field]):
        self._kinds: dict[str, str | None] = {}
        for f in sensitive:
            for header in (*f.headers, f.name):
                self._kinds[clean_header(header)] = f.personal

    def __call__(self, column: str | None, value: Any) -> Any:
        """``value`` masked if ``column`` (a header as written) holds personal data."""
        if value is None or column is None:
            return value
        kind = self._kinds.get(clean_header(column))
        if kind == "id":
            return mask_id(str(value))
        if kind == "card":
            return mask_card(str(value))
        if kind == "name":
            return mask_name(str(value))
        return value
