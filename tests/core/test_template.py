from openpyxl import load_workbook

from campaignkit import catalogue, read_table
from campaignkit.cli import main


def test_templates_for_every_table_load_clean(tmp_path, capsys):
    assert main(["template", str(tmp_path)]) == 0
    for name, table in catalogue().items():
        path = tmp_path / f"{name}.xlsx"
        result = read_table(path, name)
        assert result.ok, (name, result.problems)
        assert result.counts.rows_read == 0
        book = load_workbook(path)
        headers = [c.value for c in book["数据"][1]]
        assert headers == [f.header for f in table.fields]
        explained = [row[0].value for row in book["填表说明"].iter_rows(min_row=3, max_row=2 + len(table.fields))]
        assert explained == headers


def test_template_has_dropdowns_for_fixed_sets(tmp_path):
    main(["template", str(tmp_path), "--table", "payments", "--table", "households"])
    sheet = load_workbook(tmp_path / "payments.xlsx")["数据"]
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation]
    assert any("中央" in f and "自治区" in f for f in lists)
    household_lists = [dv.formula1 for dv in load_workbook(tmp_path / "households.xlsx")["数据"].data_validations.dataValidation]
    assert any("牧户" in f for f in household_lists)
    assert any("是,否" in f for f in household_lists)


def test_filled_template_round_trips(tmp_path):
    main(["template", str(tmp_path), "--table", "timeline"])
    book = load_workbook(tmp_path / "timeline.xlsx")
    book["数据"].append(["E14", "1949-08-10", "乌审旗人民政府成立", "乌审旗", "旗"])
    book.save(tmp_path / "timeline.xlsx")
    result = read_table(tmp_path / "timeline.xlsx", "timeline")
    assert result.ok
    assert result.records["year"].tolist() == [1949]
    assert result.records[["code", "level"]].values.tolist() == [["E14", "旗"]]
