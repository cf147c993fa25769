"""个体工商户 (shops): one row per shop and year, as the shop states its figures."""

from __future__ import annotations

from ..core.declare import Field, Table, example_field, year_field
from ..core.people import grid_field, unit_field

TAXPAYER_KINDS = ("小规模纳税人", "定期定额", "一般纳税人")
MAX_YUAN = 1e10  # a typo (an extra zero, 1e300) is refused, not computed

SHOPS = Table(
    name="shops",
    label="个体工商户",
    fields=(
        Field(
            name="shop_id",
            header="店铺编号",
            required=True,
            as_text=True,
            aliases=("编号",),
            meaning="本活动给每户个体工商户的编号",
            example="YG-S01",
        ),
        year_field(name="year", header="年度", required=True, aliases=("年份",), meaning="这一行数字所属的年度", example="2023"),
        Field(
            name="operator",
            header="经营者",
            aliases=("经营者姓名", "业主"),
            personal="name",
            meaning="经营者姓名",
            example="王丽",
        ),
        Field(name="trade", header="行业", aliases=("经营范围",), meaning="经营的行业", example="餐饮"),
        unit_field(meaning="所在嘎查村或社区（与 campaign.toml 一致）"),
        grid_field(example="一组"),
        Field(
            name="taxpayer",
            header="纳税人类型",
            required=True,
            choices=TAXPAYER_KINDS,
            meaning="小规模纳税人、定期定额或一般纳税人",
            example="小规模纳税人",
        ),
        Field(
            name="sales",
            header="全年销售额",
            kind="number",
            required=True,
            min=0.0,
            max=MAX_YUAN,
            unit="元",
            aliases=("年销售额",),
            meaning="全年销售额（元，不含增值税；定期定额户填核定的全年定额）",
            example="960000",
        ),
        Field(
            name="taxable_income",
            header="应纳税所得额",
            kind="number",
            min=0.0,
            max=MAX_YUAN,
            unit="元",
            meaning="全年经营所得的应纳税所得额（元），如店主所报",
            example="200000",
        ),
        Field(
            name="local_taxes",
            header="六税两费",
            kind="number",
            min=0.0,
            max=MAX_YUAN,
            unit="元",
            meaning="按全额计算应缴的“六税两费”（元，减征之前）",
            example="3000",
        ),
        Field(name="employees", header="从业人数", kind="number", min=0.0, max=10_000.0, meaning="含经营者本人", example="3"),
        Field(
            name="loan",
            header="创业担保贷款",
            kind="number",
            min=0.0,
            max=MAX_YUAN,
            unit="元",
            meaning="这一年内在贷的创业担保贷款本金（元），没有不填",
            example="200000",
        ),
        Field(
            name="loan_rate",
            header="贷款年利率",
            kind="number",
            min=0.0,
            max=30.0,
            percent=True,
            meaning="贷款合同年利率（%）",
            example="3.95",
        ),
        Field(
            name="loan_lpr",
            header="贷款LPR",
            kind="number",
            min=0.0,
            max=30.0,
            percent=True,
            meaning="贷款发放时的一年期LPR（%）",
            example="3.45",
        ),
        example_field(),
    ),
    unique=("shop_id", "year"),
    notes=("每户个体工商户每年一行；数字按店主所报填写，单位为元。经营者姓名在会议页面上只显示姓，不显示全名。",),
)
