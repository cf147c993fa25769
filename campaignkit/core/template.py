"""Blank ``.xlsx`` templates, one per table, so trainers start right.

Each workbook has a 数据 sheet (the headers, text-formatted columns for IDs and
card numbers, drop-down lists for fixed sets) and a 填表说明 sheet explaining
every column. Written with openpyxl, which supports data validation.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .declare import Catalogue, Field, Table

DATA_SHEET = "数据"
HELP_SHEET = "填表说明"
TEMPLATE_ROWS = 2000
_KIND_HELP = {
    "text": "文字",
    "number": "数字（不要带单位和文字）",
    "year": "四位年份，如 2022",
    "date": "日期，如 2022-06-30",
    "month": "年月，如 1958-03",
    "flag": "是 / 否",
    "idnumber": "18 位身份证号（文本格式）",
}


def _fill(required: bool) -> PatternFill:
    return PatternFill("solid", fgColor="FCE4D6" if required else "DDEBF7")


def write_template(table: Table, folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    for col, f in enumerate(table.fields, start=1):
        cell = sheet.cell(row=1, column=col, value=f.header)
        cell.font = Font(bold=True)
        cell.fill = _fill(f.required)
        cell.comment = Comment(_describe(f), "campaignkit")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = max(10, len(f.header) * 2 + 4)
        if f.kind == "idnumber" or f.as_text:
            # Text format, so Excel keeps all 18 digits of an ID number.
            sheet.column_dimensions[letter].number_format = "@"
        choices = f.choices or (("是", "否") if f.kind == "flag" else ())
        if choices:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=not f.required,
                showErrorMessage=True,
                errorTitle="请从下拉列表中选择",
                error="只能填：" + "、".join(choices),
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    _help_sheet(book, table)
    path = folder / f"{table.name}.xlsx"
    book.save(path)
    return path


def _describe(f: Field) -> str:
    parts = [f.meaning or f.header, "必填" if f.required else "选填", _KIND_HELP[f.kind]]
    if f.unit:
        parts.append(f"单位：{f.unit}")
    if f.example:
        parts.append(f"例：{f.example}")
    return "；".join(parts)


def _help_sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(HELP_SHEET)
    sheet.append([f"{table.label}（文件名：{table.name}.xlsx 或 {table.label.split('/')[0]}.xlsx）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["列名", "是否必填", "含义", "填写格式", "单位", "可选值", "示例"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for f in table.fields:
        choices = "、".join(f.choices or (("是", "否") if f.kind == "flag" else ()))
        sheet.append(
            [f.header, "必填" if f.required else "选填", f.meaning, _KIND_HELP[f.kind], f.unit or "", choices, f.example]
        )
    notes = _table_notes(table)
    sheet.append([])
    for note in notes:
        sheet.append([note])
    for col, width in zip("ABCDEFG", (14, 10, 40, 24, 8, 30, 24)):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table_notes(table: Table) -> list[str]:
    notes = [
        "说明：表头写在第一行；表头上方可以有标题行，表格下方可以有“注：”开头的说明行，都不会当作数据。",
        "说明：示例（虚构）数据请在“示例”列填“是”，展示时会标明“示例”。",
    ]
    if table.one_of:
        for group in table.one_of:
            notes.append("说明：" + "、".join(table.field(n).header for n in group) + " 至少填一列。")
    notes.extend(f"说明：{note}" for note in table.notes)
    return notes


def write_templates(folder: str | Path, catalogue: Catalogue, tables: list[str] | None = None) -> list[Path]:
    """Write a blank template ``.xlsx`` for every table of ``catalogue`` (or the named ones) into ``folder``."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    return [write_template(catalogue[name], target) for name in (tables or list(catalogue))]
