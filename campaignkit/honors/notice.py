"""The 公示 of a selection's result: who is proposed, for how many working days, and where
to object. Working days come from ``chinese_calendar`` (weekends, the State Council's public
holidays and the make-up working days), not from a hand-kept list; a year the package does
not know yet is refused with a message rather than guessed."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path

from ..core.fmt import cn_date
from .selections import Candidate, Selection


class CalendarUnknown(ValueError):
    """The installed calendar has no holiday schedule for the year asked about."""


def _is_workday(day: dt.date) -> bool:
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise CalendarUnknown(
            f"已安装的 chinesecalendar 还没有 {day.year} 年的放假安排，无法计算工作日："
            "请升级它（pip install -U chinesecalendar），或用 --start 指定公示开始日期、--days 自行核对"
        ) from None


def working_days(start: dt.date, count: int) -> tuple[dt.date, dt.date]:
    """(first, last) day of a period of ``count`` working days beginning on ``start`` or the
    first working day after it: a notice dated Friday 2024-09-27 with 5 days runs from that day
    to 2024-10-09 (Sunday 9-29 is a make-up working day; 10-1 to 10-7 are off)."""
    if count < 1:
        raise ValueError("公示天数至少 1 个工作日")
    day = start
    while not _is_workday(day):
        day += dt.timedelta(days=1)
    first, counted = day, 1
    while counted < count:
        day += dt.timedelta(days=1)
        if _is_workday(day):
            counted += 1
    return first, day


def notice_parts(selection: Selection, result: dict, candidates: list[Candidate], dated: dt.date) -> dict:
    """What the notice says, shared by the PDF and the Word file."""
    by_key = {c.key: c for c in candidates}
    first, last = working_days(dated, selection.notice_days)
    winners = [(by_key[k].name, by_key[k].unit, by_key[k].deeds) for k in result["winners"] if k in by_key]
    intro = (
        f"根据{selection.title}的安排，经提名、审核，于 {cn_date(selection.vote_from)} 起以无记名方式投票"
        f"（发出投票码 {result['codes_issued']} 个，收回选票 {result['ballots_cast']} 张，其中废票 {result['ballots_spoiled']} 张；"
        f"当选须{selection.threshold if selection.threshold != '不设' else '按得票多少确定'}"
        + (f"，即至少 {result['threshold_votes']} 票" if result.get("threshold_votes") and selection.threshold != "不设" else "")
        + "）。现将拟表彰人选公示如下："
    )
    ties = [
        f"{'、'.join(t['names'])} 得票相同（各 {t['votes']} 票），争 {t['places']} 个名额，将另行投票确定。"
        for t in result["ties"]
    ]
    contact = "；".join(
        part
        for part in (
            f"受理单位：{selection.office}" if selection.office else "",
            f"电话：{selection.phone}" if selection.phone else "",
            f"地址：{selection.address}" if selection.address else "",
        )
        if part
    )
    objection = (
        f"公示时间：{cn_date(first)} 至 {cn_date(last)}（{selection.notice_days} 个工作日）。"
        "公示期间，对拟表彰人选有异议的，请以实名方式（写明真实姓名和联系方式）反映，我们将对反映人信息严格保密。"
        + (contact + "。" if contact else "")
    )
    return {
        "title": f"关于{selection.title}拟表彰人选的公示",
        "intro": intro,
        "winners": winners,
        "ties": ties,
        "objection": objection,
        "signed": selection.office,
        "dated": cn_date(dated),
        "illustrative": selection.illustrative,
        "first": first,
        "last": last,
    }


NOTICE_CSS = """
@page { size: A4; margin: 25mm 22mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 15pt; line-height: 1.8; }
h1 { font-size: 21pt; text-align: center; margin: 0 0 10mm; line-height: 1.4; }
p { text-indent: 2em; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 4mm 0 6mm; font-size: 13pt; }
th, td { border: 1px solid #333; padding: 2mm 3mm; vertical-align: top; text-align: left; }
th { background: #eee; }
.signed { text-align: right; text-indent: 0; margin-top: 12mm; }
.badge { color: #b00020; border: 2px solid #b00020; padding: 1mm 3mm; display: inline-block; font-size: 12pt; }
"""


def notice_html(parts: dict) -> str:
    rows = "".join(
        f"<tr><td>{i}</td><td>{escape(n)}</td><td>{escape(u)}</td><td>{escape(d)}</td></tr>"
        for i, (n, u, d) in enumerate(parts["winners"], 1)
    )
    table = (
        f"<table><thead><tr><th>序号</th><th>姓名</th><th>单位</th><th>主要事迹</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else "<p>本次评选没有人达到当选票数。</p>"
    )
    badge = '<p class="badge">示例：虚构的评选，不是真实公示</p>' if parts["illustrative"] else ""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{NOTICE_CSS}</style></head><body>'
        f"{badge}<h1>{escape(parts['title'])}</h1><p>{escape(parts['intro'])}</p>{table}"
        + "".join(f"<p>{escape(t)}</p>" for t in parts["ties"])
        + f"<p>{escape(parts['objection'])}</p>"
        f'<p class="signed">{escape(parts["signed"])}<br>{escape(parts["dated"])}</p></body></html>'
    )


def write_docx(parts: dict, path: Path) -> Path:
    """The notice as a Word file (python-docx), for an office that edits, prints and stamps it."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(14)
    if parts["illustrative"]:
        document.add_paragraph("示例：虚构的评选，不是真实公示")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(parts["title"])
    run.bold, run.font.size = True, Pt(20)
    document.add_paragraph(parts["intro"])
    if parts["winners"]:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "姓名", "单位", "主要事迹")):
            cell.text = text
        for i, (name, unit, deeds) in enumerate(parts["winners"], 1):
            for cell, text in zip(table.add_row().cells, (str(i), name, unit, deeds)):
                cell.text = text
    else:
        document.add_paragraph("本次评选没有人达到当选票数。")
    for text in parts["ties"]:
        document.add_paragraph(text)
    document.add_paragraph(parts["objection"])
    for text in (parts["signed"], parts["dated"]):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = Path(path)
    document.save(path)
    return path
