"""The screening schedule for the people it is for: a calendar file (.ics, with the
Asia/Shanghai VTIMEZONE, for a phone's or an office's calendar) and an A4 notice per village
to put up (time, place, work, who shows it, whom to call)."""

from __future__ import annotations

import datetime as dt
import hashlib
from html import escape
from zoneinfo import ZoneInfo

import icalendar
import pandas as pd

from ..core.fmt import cn_date

TIMEZONE = ZoneInfo("Asia/Shanghai")
WEEKDAYS = "一二三四五六日"


def verb(kind: str | None) -> str:
    """放映 for a film or video, 演出 for a performance, 展出 for an exhibition; 展播 (the plan's
    word) when the kind is not known."""
    if not isinstance(kind, str) or not kind:
        return "展播"
    return {"演出": "演出", "展览": "展出", "标语": "展示"}.get(kind, "放映")


def schedule(screenings: pd.DataFrame, works: pd.DataFrame) -> pd.DataFrame:
    """Screenings with their work's kind, in time order."""
    kinds = dict(zip(works.get("title", []), works.get("kind", []))) if len(works) else {}
    out = screenings.copy()
    out["kind"] = out["work"].map(kinds)
    return out.sort_values(["start", "unit", "place"]).reset_index(drop=True)


def calendar_ics(rows: pd.DataFrame, *, name: str) -> bytes:
    """One VEVENT per screening, times in Asia/Shanghai with its VTIMEZONE (icalendar writes
    it from the time-zone database, so no hand-written offsets)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//campaignkit//宣讲活动放映演出//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for row in rows.itertuples(index=False):
        start = pd.Timestamp(row.start).to_pydatetime().replace(tzinfo=TIMEZONE)
        end = pd.Timestamp(row.end).to_pydatetime().replace(tzinfo=TIMEZONE)
        # A calendar updates an event it already has (same UID) instead of adding a second: a
        # screening's 场次编号 keeps its UID when its time or place changes; without one, the
        # UID is made from what it is, so only an unchanged screening is recognised.
        given = getattr(row, "screening_id", None)
        key = f"id|{given}" if isinstance(given, str) and given else f"{row.work}|{row.unit}|{row.place}|{start.isoformat()}"
        event = icalendar.Event()
        event.add("uid", hashlib.sha256(f"{name}|{key}".encode()).hexdigest()[:32] + "@campaignkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", f"《{row.work}》{verb(row.kind)}")
        event.add("location", f"{row.unit}{row.place}")
        contact = f"，联系电话 {row.contact}" if isinstance(row.contact, str) and row.contact else ""
        event.add("description", f"{verb(row.kind)}：{row.crew}{contact}")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


NOTICE_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 15pt; line-height: 1.6; }
h1 { font-size: 26pt; text-align: center; margin: 0 0 6mm; }
p { margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 4mm 0 6mm; font-size: 14pt; }
th, td { border: 1px solid #333; padding: 2.5mm 3mm; vertical-align: top; text-align: left; }
th { background: #eee; }
.phone { font-size: 17pt; font-weight: bold; margin-top: 8mm; }
.signed { text-align: right; margin-top: 10mm; }
.badge { color: #b00020; border: 2px solid #b00020; padding: 1mm 3mm; display: inline-block; font-size: 12pt; }
"""


def _when(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return f"{cn_date(start.date())}（星期{WEEKDAYS[start.weekday()]}）{start:%H:%M}—{end:%H:%M}"


def notice_html(
    rows: pd.DataFrame, *, unit: str, organisation: str, phone: str, illustrative: bool, month: dt.date | None = None
) -> str:
    """An A4 notice of one village's screenings and performances (of one month, or all to come)."""
    when = f"{month.year}年{month.month}月" if month else ""
    body = "".join(
        f"<tr><td>{escape(_when(pd.Timestamp(r.start), pd.Timestamp(r.end)))}</td><td>{escape(str(r.place))}</td>"
        f"<td>《{escape(str(r.work))}》{escape(verb(r.kind))}</td><td>{escape(str(r.crew))}</td>"
        f"<td>{escape(str(r.contact)) if isinstance(r.contact, str) else ''}</td></tr>"
        for r in rows.itertuples(index=False)
    )
    table = (
        "<table><thead><tr><th>时间</th><th>地点</th><th>内容</th><th>放映员或剧团</th><th>联系电话</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
        if body
        else "<p>这段时间没有安排放映和演出。</p>"
    )
    badge = '<p class="badge">示例：虚构的安排，不是真实通知</p>' if illustrative else ""
    complaint = f'<p class="phone">有意见和建议请打：{escape(phone)}</p>' if phone else ""
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(unit)}放映演出通知</title>'
        f"<style>{NOTICE_CSS}</style></head><body>{badge}"
        f"<h1>{escape(unit)}{when}红色文艺放映演出通知</h1>"
        "<p>欢迎各位乡亲、居民按时观看。天冷路滑，请注意安全。</p>"
        f"{table}{complaint}"
        f'<p class="signed">{escape(organisation)}</p></body></html>'
    )
