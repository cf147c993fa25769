"""离退休人员 (retirees): one row per person and year, the monthly pension as the person states it."""

from __future__ import annotations

from ..core.declare import Field, Table, example_field, year_field
from ..core.people import grid_field, unit_field

SCHEMES = ("企业职工", "机关事业单位", "城乡居民")

RETIREES = Table(
    name="retirees",
    label="离退休人员",
    fields=(
        Field(
            name="person_id",
            header="人员编号",
            required=True,
            as_text=True,
            aliases=("编号",),
            meaning="本活动给每位离退休人员的编号",
            example="YG-R01",
        ),
        Field(name="name", header="姓名", required=True, personal="name", meaning="姓名", example="刘桂英"),
        unit_field(meaning="所在嘎查村或社区（与 campaign.toml 一致）"),
        grid_field(),
        Field(
            name="scheme",
            header="养老保险",
            required=True,
            choices=SCHEMES,
            aliases=("险种",),
            meaning="企业职工、机关事业单位或城乡居民养老保险",
            example="企业职工",
        ),
        year_field(name="year", header="年度", required=True, aliases=("年份",), meaning="这一年", example="2023"),
        Field(
            name="monthly",
            header="每月养老金",
            kind="number",
            required=True,
            min=0.0,
            max=100_000.0,
            unit="元",
            aliases=("月养老金",),
            meaning="这一年每月领的养老金（元），如本人所报或存折上所见",
            example="3120",
        ),
        example_field(),
    ),
    unique=("person_id", "year"),
    notes=("每人每年一行，填这一年每月领的养老金；姓名只在自己的电脑上看，明白卡上只写姓。",),
)
