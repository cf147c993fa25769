"""A form's problems as a trainer reads them: in Chinese, naming the file, sheet, Excel row
and column; pyxform's own English messages put into Chinese with the cell they name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .workbook import Workbook


def _where(file: str, sheet: str | None, row: int | None, column: str | None) -> str:
    return "，".join(
        part
        for part in (file, f"工作表“{sheet}”" if sheet else "", f"第 {row} 行" if row else "", f"“{column}”列" if column else "")
        if part
    )


class FormError(ValueError):
    """A problem in a form workbook, in Chinese, naming the sheet, row and column."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None, row: int | None = None, column: str | None = None):
        super().__init__(f"{_where(file, sheet, row, column)}：{message}")
        self.file, self.sheet, self.row, self.column = file, sheet, row, column


class FormWarning:
    """Something a form has that is read but not used on the phone pages; never a refusal."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None, row: int | None = None, column: str | None = None):
        self.text = f"{_where(file, sheet, row, column)}：{message}"
        self.file, self.sheet, self.row, self.column, self.message = file, sheet, row, column, message

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FormWarning({self.text!r})"


_ROW = re.compile(r"\[row : (\d+)\]")
_SHEET = re.compile(r"'(survey|choices|settings)' sheet")
_VALUE = re.compile(r"the '([\w:]+)' value")
# pyxform's messages (4.x), the part that says what is wrong → Chinese.
_MEANINGS = (
    (re.compile(r"must be unique within their nearest parent"), "名字重复了：同一组里的题目和分组名字不能相同"),
    (
        re.compile(r"Names must begin with a letter or underscore"),
        "名字只能用英文字母、数字、下划线、短横和点，并以字母或下划线开头",
    ),
    (re.compile(r"Unmatched 'begin_(group)'"), "这个 begin_group 没有对应的 end_group"),
    (re.compile(r"Unmatched 'end_(group)'"), "这个 end_group 前面没有对应的 begin_group"),
    (re.compile(r"Could not find the name '([^']+)'"), "引用的题目“{0}”不存在"),
    (re.compile(r"Choice names must be unique"), "选项名在同一个选项表里重复了"),
    (re.compile(r"There should be a choices sheet"), "缺少 choices 工作表（选项表），或它少了 list_name、name、label 列"),
    (re.compile(r"List name not in choices sheet: (\S+)"), "choices 工作表里没有选项表“{0}”"),
    (re.compile(r"choice_filter"), "choice_filter（选项筛选）写法不对"),
    (re.compile(r"Duplicate column header: (.+)"), "列名“{0}”出现了两次"),
)


def from_pyxform(file: str, message: str, book: Workbook | None = None) -> FormError:
    """pyxform's error in Chinese, with its sheet, row and column when it names them; its own
    words kept after it, for a trainer who asks on an ODK forum."""
    text = str(message)
    row = _ROW.search(text)
    sheet = _SHEET.search(text)
    value = _VALUE.search(text)
    meaning = next(
        (template.format(*m.groups()) for pattern, template in _MEANINGS if (m := pattern.search(text))),
        "ODK 的表单转换程序 pyxform 读不了这份问卷",
    )
    sheet_name = sheet.group(1) if sheet else ("survey" if row else None)
    column = value.group(1) if value else ("type" if "Unmatched" in text else None)
    sheet_seen = book.sheet(sheet_name) if book and sheet_name else None
    return FormError(
        file,
        f"{meaning}（pyxform：{_ROW.sub('', text).strip()[:300]}）",
        sheet=sheet_seen.title if sheet_seen else sheet_name,
        row=int(row.group(1)) if row else None,
        column=(sheet_seen.header(column) if sheet_seen else column) if column else None,
    )
