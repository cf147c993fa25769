"""The hub's kernel-free pages for a banner office's screens (and phones): who reported and
when, and coverage banner → town → village → grid for each period the towns' pages offer,
hidden where a town's own pages hide. Plain HTML tables in large type, no script needed,
长辈模式 from :mod:`campaignkit.ui.static`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable
from html import escape
from urllib.parse import quote

import pandas as pd

from ..core.disclosure import MIN_COUNT
from ..core.fmt import cn_date, dates_in_words, fmt_number
from ..forms import CRITERIA
from ..ui import static
from ..ui.html import ILLUSTRATIVE_BADGE
from .disclosure import BANNER
from .page_data import Period

HIDDEN = "不公开"
HIDDEN_NOTE = "“不公开”：不足 5 户，或能由其他数字推算出来的（与各镇自己的页面一致），不公布。"
NO_HOUSEHOLDS = "无对象"
VIA = {"push": "网络报送", "bundle": "U盘导入"}

# The tables' look, on the hub's pages and in its dashboard alike.
TABLE_STYLE = """
table.ck-hub{border-collapse:collapse;width:100%;font-size:20px;line-height:1.5}
table.ck-hub th,table.ck-hub td{border:1px solid #bbb;padding:6px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.ck-hub th{background:#eef2f7}
table.ck-hub td.ck-n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.ck-hub tr.ck-sub td:first-child{padding-left:28px}
.ck-late{color:#9b1c1c;font-weight:bold}
.ck-ok{color:#1e6b34}
.ck-note{color:#444;font-size:18px}
.ck-keep{white-space:nowrap}
@media (min-width:601px){table.ck-hub td:first-child{white-space:nowrap}}
@media (max-width:600px){table.ck-hub{font-size:18px}
table.ck-hub th,table.ck-hub td{padding:4px 5px}
table.ck-cards thead{display:none}
table.ck-cards tr{display:block;border:1px solid #bbb;margin:0 0 10px 0;padding:4px 0}
table.ck-cards td{display:block;border:none;padding:2px 8px}
table.ck-cards td::before{content:attr(data-label) "：";font-weight:bold}}
/* Five criteria with two waves each do not fit a projector either: cards below 1100 px. */
@media (max-width:1100px){table.ck-cards-wide thead{display:none}
table.ck-cards-wide tr{display:block;border:1px solid #bbb;margin:0 0 10px 0;padding:4px 0}
table.ck-cards-wide td{display:block;border:none;padding:2px 8px}
table.ck-cards-wide td::before{content:attr(data-label) "：";font-weight:bold}}
"""
STYLE = (
    """
body{font-size:20px;line-height:1.6;padding:10px 14px;max-width:1000px;margin:0 auto;color:#222}
h1{font-size:28px;margin:8px 0}
nav a,.ck-periods a{display:inline-flex;align-items:center;min-height:44px;margin:0 14px 6px 0}
.ck-periods a[aria-current]{font-weight:bold;color:#222;text-decoration:none;border-bottom:3px solid #1f3b57}
@media (max-width:600px){body{font-size:18px;padding:6px 8px}}
@media print{nav,.ck-periods{display:none}}
"""
    + TABLE_STYLE
)


def _page(title: str, body: str) -> str:
    return static.page(title, body, style=STYLE)


def index_page(link: Callable[[str], str]) -> str:
    body = (
        "<h1>汇总中心</h1><p>各镇电脑报送来的记录，汇总在这里：</p><ul>"
        f'<li><a href="{escape(link("completeness"), quote=True)}">各镇报送情况</a>：哪个镇本周报了、多久没报</li>'
        f'<li><a href="{escape(link("coverage"), quote=True)}">入户走访覆盖</a>：全旗 → 各镇 → 村（社区）→ 网格</li>'
        f'<li><a href="{escape(link("evaluation"), quote=True)}">问卷评估</a>：按活动的五条标准，各镇前后几次问卷并排</li>'
        f'<li><a href="{escape(link("activities"), quote=True)}">宣讲活动</a>：各镇按四种方式、七种载体办了多少场，多少人参加</li>'
        f'<li><a href="{escape(link("selections"), quote=True)}">先进评选</a>：各镇的评选进行到哪一步，投票情况和当选名单</li>'
        f'<li><a href="{escape(link("quiz"), quote=True)}">课堂测验</a>：各镇各班交卷人数和成绩</li>'
        "</ul>"
    )
    return _page("汇总中心", body)


def _nav(link: Callable[[str], str]) -> str:
    return f'<nav><a href="{escape(link(""), quote=True)}">← 汇总中心</a></nav>'


def _badge(town: str, illustrative: set[str]) -> str:
    return escape(town) + (ILLUSTRATIVE_BADGE if town in illustrative else "")


def _illustrative_notice(towns: set[str]) -> str:
    if not towns:
        return ""
    return f"<p>{ILLUSTRATIVE_BADGE} 标“示例”的镇报送的是编造的演示数据，不是真实情况。</p>"


def completeness_page(
    last: pd.DataFrame, weekly: pd.DataFrame, today: dt.date, illustrative: set[str], link: Callable[[str], str]
) -> str:
    """Who reported this week, when each town last reported and what that brought, and the
    weeks each missed of the last eight; each town opens its villages."""

    def town_link(town: str) -> str:
        return link(f"completeness?town={quote(town)}")

    body = (
        f"{_nav(link)}<h1>各镇报送情况</h1>{completeness_table(last, weekly, today, illustrative, town_link)}"
        '<p class="ck-note">一周从星期一算起。时间都是汇总中心收到的时间，与各镇电脑上的时钟无关。</p>'
    )
    return _page("各镇报送情况", body)


def completeness_table(
    last: pd.DataFrame,
    weekly: pd.DataFrame,
    today: dt.date,
    illustrative: set[str],
    town_link: Callable[[str], str] | None = None,
) -> str:
    """The headline (who has not reported this week) and a row per town (HTML; each town a
    link to its villages when ``town_link`` is given)."""
    this_week = today - dt.timedelta(days=today.weekday())
    now = weekly[weekly["week"] == this_week].set_index("town")
    towns = list(last["town"])
    missing = [t for t in towns if t not in now.index or not bool(now.loc[t, "reported"])]
    headline = f"截至{cn_date(today)}（北京时间），{len(towns)} 个镇中 {len(towns) - len(missing)} 个本周已报送" + (
        f"；本周还没有报送的：{'、'.join(missing)}。" if missing else "，全部报了。"
    )
    rows = []
    for row in last.itertuples(index=False):
        reported = row.town not in missing
        if pd.isna(row.received):
            when, what = "从未报送", "—"
        else:
            when = f"{cn_date(row.received.date())} {row.received:%H:%M}"
            what = f"{VIA.get(row.via, row.via)}，新收 {fmt_number(int(row.added))} 条"
        this = '<span class="ck-ok ck-keep">✓ 已报</span>' if reported else '<span class="ck-late ck-keep">✗ 未报</span>'
        name = _badge(row.town, illustrative)
        cells = [
            f'<a href="{escape(town_link(row.town), quote=True)}">{name}</a>' if town_link else name,
            this,
            f'<span class="ck-keep">{escape(when)}</span>',
            escape(what),
            _missed(weekly[weekly["town"] == row.town]),
        ]
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(COMPLETENESS, cells)) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in COMPLETENESS)
    # On a phone each town is a card (a five-column table broke 2026年12月7日 into digits).
    return (
        f'<p class="ck-headline">{escape(headline)}</p>{_illustrative_notice(illustrative)}'
        f'<table class="ck-hub ck-cards" id="ck-completeness"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


COMPLETENESS = ("镇", "本周", "最近一次报送（北京时间）", "那次报送", "近 8 周")
UNIT_COMPLETENESS = ("村（社区）", "本周", "近 8 周")


def _digits(digest: str) -> str:
    """A file's SHA-256 as eight digits to compare by eye (hex letters read as foreign words)."""
    number = f"{int(digest[:12], 16) % 10**8:08d}"
    return f"{number[:4]} {number[4:]}"


def town_completeness_page(
    town: str, weekly: pd.DataFrame, files: dict[str, str], today: dt.date, link: Callable[[str], str]
) -> str:
    """One town's villages and communities: which reported this week (a village's own laptop, or
    the town's for all its villages), the weeks each missed, and the files of the town's last report."""
    this_week = today - dt.timedelta(days=today.weekday())
    rows = []
    for unit, weeks in weekly.groupby("unit", sort=False):
        now = weeks[weeks["week"] == this_week]
        reported = bool(len(now)) and bool(now["reported"].iloc[0])
        this = '<span class="ck-ok ck-keep">✓ 已报</span>' if reported else '<span class="ck-late ck-keep">✗ 未报</span>'
        cells = [escape(str(unit)), this, _missed(weeks)]
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(UNIT_COMPLETENESS, cells)) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in UNIT_COMPLETENESS)
    table = (
        f'<table class="ck-hub ck-cards" id="ck-unit-completeness"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        if rows
        else "<p>这个镇还没有报送过，不知道它有哪些村（社区）。</p>"
    )
    used = "".join(f"<li><code>{escape(name)}</code>（指纹 {_digits(digest)}）</li>" for name, digest in sorted(files.items()))
    files_html = f"<h2>最近一次报送用的表格</h2><ul>{used}</ul>" if used else ""
    body = (
        f'{_nav(link)}<p><a href="{escape(link("completeness"), quote=True)}">← 各镇报送情况</a></p>'
        f"<h1>{escape(town)}各村（社区）报送情况</h1>{table}{files_html}"
        '<p class="ck-note">村里自己的电脑报送的，算这个村报了；镇里的电脑报送的，算全镇各村都报了。两台电脑上的“指纹”一样，'
        "用的就是同一版表格。</p>"
    )
    return _page(f"{town}各村报送情况", body)


def _missed(weeks: pd.DataFrame) -> str:
    """近 8 周 in a few words (HTML): all reported, none, or which weeks were missed (the latest three)."""
    late = [w for w, reported in zip(weeks["week"], weeks["reported"]) if not reported]
    if not late:
        return f"{len(weeks)} 周都报了"
    if len(late) == len(weeks):
        return f"{len(weeks)} 周都没报"
    days = "、".join(f'<span class="ck-keep">{w.month}月{w.day}日</span>' for w in late[-3:])
    more = f"等 {len(late)} 周" if len(late) > 3 else "那周" if len(late) == 1 else f"这 {len(late)} 周"
    return f"报了 {len(weeks) - len(late)} 周；没报：{days}起的{more}"


def coverage_page(
    cells: pd.DataFrame,
    hidden: dict[Hashable, str],
    offered: list[Period],
    period: Period,
    town: str | None,
    illustrative: set[str],
    link: Callable[[str], str],
) -> str:
    """The banner by town, or one town by village and grid, for one period."""
    here = f"coverage?town={quote(town)}&" if town else "coverage?"
    choices = "".join(
        f'<a href="{escape(link(here + "period=" + p.key), quote=True)}"'
        f"{' aria-current=page' if p == period else ''}>{escape(p.label)}</a>"
        for p in offered
    )
    title = f"{town}入户走访覆盖" if town else "全旗入户走访覆盖"
    table = coverage_table(cells, hidden, town, illustrative, lambda t: link(f"coverage?town={quote(t)}&period={period.key}"))
    back = f'<p><a href="{escape(link("coverage?period=" + period.key), quote=True)}">← 全旗各镇</a></p>' if town else ""
    shown = _illustrative_notice({town} & illustrative if town else illustrative)
    body = (
        f"{_nav(link)}<h1>{escape(title)}</h1><p>时段：<strong>{escape(period.label)}</strong>。"
        "覆盖率 = 时段内至少走访过一次的户数 ÷ 登记户数。</p>"
        f'<div class="ck-periods">{choices}</div>{back}{shown}{table}<p class="ck-note">{escape(HIDDEN_NOTE)}</p>'
    )
    return _page(title, body)


def _figure(registered: int, visited: int, key: Hashable, hidden: dict) -> list[str]:
    if registered == 0:
        return ["0 户", "—", NO_HOUSEHOLDS]
    if key in hidden:
        return [f"{fmt_number(registered)} 户", HIDDEN, HIDDEN]
    return [f"{fmt_number(registered)} 户", f"{fmt_number(visited)} 户", f"{visited / registered * 100:.1f}%"]


def _row(name: str, figures: list[str], sub: bool = False) -> str:
    numbers = "".join(f'<td class="ck-n">{escape(f)}</td>' for f in figures)
    return f"<tr{' class=ck-sub' if sub else ''}><td>{name}</td>{numbers}</tr>"


HEAD = "<thead><tr><th>{}</th><th>登记户数</th><th>已走访</th><th>覆盖率</th></tr></thead>"


def coverage_table(
    cells: pd.DataFrame,
    hidden: dict,
    town: str | None,
    illustrative: set[str],
    town_link: Callable[[str], str] | None = None,
) -> str:
    """The banner by town (each town a link when ``town_link`` is given), or one town by village and grid."""
    if town:
        return _town_table(cells[cells["town"] == town], hidden, town)
    return _banner_table(cells, hidden, illustrative, town_link)


def chart_rows(cells: pd.DataFrame, hidden: dict, town: str | None) -> pd.DataFrame:
    """What a coverage chart draws: the towns, or one town's villages (name, registered, visited, hidden)."""
    if town:
        part = cells[cells["town"] == town]
        groups = part.groupby("unit", sort=True)[["registered", "visited"]].sum().reset_index()
        keys = [("unit", town, u) for u in groups["unit"]]
        names = groups["unit"]
    else:
        groups = cells.groupby("town", sort=True)[["registered", "visited"]].sum().reset_index()
        keys = [("town", t) for t in groups["town"]]
        names = groups["town"]
    return pd.DataFrame(
        {
            "name": list(names),
            "registered": groups["registered"].astype(int).tolist(),
            "visited": groups["visited"].astype(int).tolist(),
            "hidden": [k in hidden for k in keys],
        }
    )


def _banner_table(cells: pd.DataFrame, hidden: dict, illustrative: set[str], town_link: Callable[[str], str] | None) -> str:
    rows = [
        _row("<strong>全旗</strong>", _figure(int(cells["registered"].sum()), int(cells["visited"].sum()), ("banner",), hidden))
    ]
    for town, part in cells.groupby("town", sort=True):
        name = (
            f'<a href="{escape(town_link(town), quote=True)}">{_badge(town, illustrative)}</a>'
            if town_link
            else _badge(town, illustrative)
        )
        rows.append(_row(name, _figure(int(part["registered"].sum()), int(part["visited"].sum()), ("town", town), hidden)))
    return f'<table class="ck-hub" id="ck-coverage">{HEAD.format("镇")}<tbody>{"".join(rows)}</tbody></table>'


_DIGITS = dict(zip("一二三四五六七八九", range(1, 10)))


def _counted(name: str) -> tuple:
    """一组 < 二组 < 十一组, 第二网格 < 第十网格 (the hub keeps no order of campaign.toml's)."""
    match = re.search(r"[一二三四五六七八九十]+", name)
    if not match:
        return (name, 0)
    text = match.group()
    tens, _, ones = text.rpartition("十")
    value = (_DIGITS.get(tens, 1) * 10 if "十" in text else 0) + _DIGITS.get(ones, 0)
    return (name[: match.start()], value, name[match.end() :])


def _town_table(cells: pd.DataFrame, hidden: dict, town: str) -> str:
    if cells.empty:
        return "<p>这个镇还没有报送登记户数。</p>"
    rows = [
        _row(
            f"<strong>{escape(town)}全镇</strong>",
            _figure(int(cells["registered"].sum()), int(cells["visited"].sum()), ("town", town), hidden),
        )
    ]
    for unit, part in cells.groupby("unit", sort=False):
        rows.append(
            _row(escape(unit), _figure(int(part["registered"].sum()), int(part["visited"].sum()), ("unit", town, unit), hidden))
        )
        for grid in sorted(part[part["grid"] != ""].itertuples(index=False), key=lambda g: _counted(g.grid)):
            key = ("grid", town, unit, grid.grid)
            rows.append(_row(escape(grid.grid), _figure(int(grid.registered), int(grid.visited), key, hidden), sub=True))
    return f'<table class="ck-hub" id="ck-coverage">{HEAD.format("村（社区）／网格")}<tbody>{"".join(rows)}</tbody></table>'


EVALUATION_NOTE = (
    "比例 = 这条标准下各题答“同意”“非常同意”（五级题）或“是”“收到了”的回答 ÷ 回答数；只算各镇自己的评估页面上公布的题，"
    "括号里是回答的人数。“不公开”：不足 5 人，或能由其他数字推算出来的。"
)


def evaluation_page(
    frame: pd.DataFrame, hidden: set, form: str | None, illustrative: set[str], link: Callable[[str], str]
) -> str:
    """One questionnaire's results by the plan's five criteria: the banner and each town, its
    waves side by side."""
    forms = dict(zip(frame["form"], frame["title"]))
    if not forms:
        body = f"{_nav(link)}<h1>问卷评估</h1><p>各镇还没有报送问卷的汇总（问卷要在 XLSForm 里给题目标上五条标准中的一条）。</p>"
        return _page("问卷评估", body)
    form = form if form in forms else sorted(forms)[0]
    choices = "".join(
        f'<a href="{escape(link("evaluation?form=" + quote(f)), quote=True)}"{" aria-current=page" if f == form else ""}>'
        f"{escape(title)}</a>"
        for f, title in sorted(forms.items())
    )
    body = (
        f'{_nav(link)}<h1>问卷评估：{escape(forms[form])}</h1><div class="ck-periods">{choices}</div>'
        f"{_illustrative_notice(illustrative)}{evaluation_table(frame[frame['form'] == form], hidden, illustrative)}"
        f'<p class="ck-note">{escape(EVALUATION_NOTE)}</p>'
    )
    return _page("问卷评估", body)


def evaluation_table(frame: pd.DataFrame, hidden: set, illustrative: set[str]) -> str:
    """Rows: the banner, then each town; a column per criterion with data; in each cell every wave
    (as the laptops name them: 2023-12 → 2023年12月) with its share and head count."""
    criteria = [c for c in CRITERIA if c in set(frame["criterion"])]
    waves = sorted(frame["wave"].unique())
    banner = frame.groupby(["form", "wave", "criterion"], as_index=False)[["respondents", "answered", "positive"]].sum()
    banner["town"] = BANNER
    rows = []
    towns = list(frame.groupby("town", sort=True))
    for town, part in [(BANNER, banner), *towns] if len(towns) > 1 else towns:  # one town: its row is the total
        cells = [f"<strong>{escape(town)}</strong>" if town == BANNER else _badge(town, illustrative)]
        for criterion in criteria:
            said = []
            for wave in waves:
                row = part[(part["wave"] == wave) & (part["criterion"] == criterion)]
                if row.empty:
                    continue
                r = row.iloc[0]
                if (r["form"], wave, criterion, town) in hidden:
                    figure = f'<span class="ck-keep">{HIDDEN}</span>'
                else:
                    share = f"{r['positive'] / r['answered'] * 100:.0f}%"
                    figure = f'<span class="ck-keep">{share}</span><span class="ck-keep">（{int(r["respondents"])} 人）</span>'
                said.append(f'<span class="ck-keep">{escape(dates_in_words(wave))}</span>：{figure}')
            cells.append(" → ".join(said) or "—")
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(["镇", *criteria], cells)) + "</tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in ["镇", *criteria])
    return f'<table class="ck-hub ck-cards ck-cards-wide" id="ck-evaluation"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


SELECTIONS = ("镇", "评选", "投票时间", "状态", "投票情况", "当选")


def selection_status(payload: dict, today: dt.date) -> str:
    """By the hub's own day (never a laptop's clock)."""
    start = dt.date.fromisoformat(payload["vote_from"])
    end = dt.date.fromisoformat(payload["vote_to"]) if payload.get("vote_to") else None
    if end is not None and today > end:
        return "已截止"
    return "投票中" if today >= start else "未开始投票"


def _elected(payload: dict, status: str) -> str:
    if status != "已截止":
        return "投票截止后公布"
    if "winners" not in payload:
        return "已截止，等这个镇报送计票结果"
    said = "、".join(payload["winners"]) or "无人达到当选票数"
    for tie in payload.get("ties", []):
        said += f"；{'、'.join(tie['names'])} 票数相同（{tie['votes']} 票）争 {tie['places']} 个名额，另行投票确定"
    return said


SELECTIONS_NOTE = "状态按汇总中心的日期算。票数和当选名单只在投票截止后由各镇报送（与公示一致）；选票和投票码留在各镇电脑上。"


def selections_page(rows: list[tuple[str, dict]], today: dt.date, link: Callable[[str], str]) -> str:
    """Each town's selections: how far each has gone (by the hub's day), turnout, and once voting
    has closed, who was elected (what its 公示 announces); never a ballot."""
    body = f'{_nav(link)}<h1>先进评选</h1>{selections_table(rows, today)}<p class="ck-note">{SELECTIONS_NOTE}</p>'
    return _page("先进评选", body)


def selections_table(rows: list[tuple[str, dict]], today: dt.date) -> str:
    """The selections as a table (HTML), under a 示例 notice when any is invented."""
    body_rows = []
    invented = False
    for town, p in rows:
        status = selection_status(p, today)
        invented |= bool(p.get("illustrative"))
        name = escape(town) + (ILLUSTRATIVE_BADGE if p.get("illustrative") else "")
        days = cn_date(p["vote_from"]) + (f"至{cn_date(p['vote_to'])}" if p.get("vote_to") else "起（未定截止日）")
        issued, cast, spoiled = int(p["codes_issued"]), int(p["ballots_cast"]), int(p["ballots_spoiled"])
        turnout = f"，投票率 {cast / issued * 100:.0f}%" if issued else ""
        votes = f"发出投票码 {issued} 张，收回选票 {cast} 张（废票 {spoiled} 张）{turnout}" if issued or cast else "还没有投票"
        where = "、".join(p.get("units", []))
        cells = [
            name,
            escape(f"{p['award']}（{where}，{p['places']} 个名额）"),
            escape(days),
            escape(status),
            escape(votes),
            escape(_elected(p, status)),
        ]
        body_rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(SELECTIONS, cells)) + "</tr>")
    if not body_rows:
        return "<p>各镇还没有报送评选。</p>"
    head = "".join(f"<th>{h}</th>" for h in SELECTIONS)
    notice = f"<p>{ILLUSTRATIVE_BADGE} 标“示例”的评选是编造的演示数据。</p>" if invented else ""
    return f'{notice}<table class="ck-hub ck-cards" id="ck-selections"><thead><tr>{head}</tr></thead><tbody>{"".join(body_rows)}</tbody></table>'


QUIZ = ("镇", "测验", "班级", "交卷", "平均分", "答对最少的题")


QUIZ_NOTE = "只有各班的人数和成绩；学生的答卷和座号留在学校的电脑上。"


def quiz_page(rows: list[tuple[str, dict]], illustrative: set[str], link: Callable[[str], str]) -> str:
    """Each town's quizzes by class: pupils, average, the question answered worst; a class of
    fewer than 5 pupils shows only how many handed in."""
    body = f'{_nav(link)}<h1>课堂测验</h1>{quiz_table(rows, illustrative)}<p class="ck-note">{QUIZ_NOTE}</p>'
    return _page("课堂测验", body)


def quiz_table(rows: list[tuple[str, dict]], illustrative: set[str]) -> str:
    """The quizzes by class as a table (HTML)."""
    body_rows = []
    for town, p in rows:
        if "average" in p and p["average"] is not None:
            average = f"{p['average']:g} 分（满分 {p['full']} 分）"
            rated = [q for q in p.get("questions", []) if q["answered"]]
            worst = min(rated, key=lambda q: q["correct"] / q["answered"]) if rated else None
            hardest = f"{worst['label']}（答对 {worst['correct']}/{worst['answered']}）" if worst else "—"
        else:
            average = hardest = f"交卷不足 {MIN_COUNT} 人，不显示"
        cells = [
            _badge(town, illustrative),
            escape(p["title"]),
            escape(p["class"]),
            f"{int(p['pupils'])} 人",
            escape(average),
            escape(hardest),
        ]
        body_rows.append("<tr>" + "".join(f'<td data-label="{h}">{c}</td>' for h, c in zip(QUIZ, cells)) + "</tr>")
    if not body_rows:
        return "<p>各镇还没有报送课堂测验。</p>"
    head = "".join(f"<th>{h}</th>" for h in QUIZ)
    notice = _illustrative_notice(illustrative & {t for t, _ in rows})
    return f'{notice}<table class="ck-hub ck-cards" id="ck-quiz"><thead><tr>{head}</tr></thead><tbody>{"".join(body_rows)}</tbody></table>'


def activities_page(
    by_method: pd.DataFrame,
    by_carrier: pd.DataFrame,
    weekly: pd.DataFrame,
    offered: list[Period],
    period: Period,
    illustrative: set[str],
    link: Callable[[str], str],
) -> str:
    """Activities per town by the plan's methods and carriers in a period (the phase, a month):
    how many were held and how many people came."""
    choices = "".join(
        f'<a href="{escape(link("activities?period=" + p.key), quote=True)}"'
        f"{' aria-current=page' if p == period else ''}>{escape(p.label)}</a>"
        for p in offered
    )
    body = (
        f"{_nav(link)}<h1>宣讲活动</h1><p>时段：<strong>{escape(period.label)}</strong>。每格是活动场数和参加人次。</p>"
        f'<div class="ck-periods">{choices}</div>{_illustrative_notice(illustrative)}'
        f"{activity_tables(by_method, by_carrier, illustrative)}<h2>全旗按周</h2>{weekly_table(weekly)}"
    )
    return _page("宣讲活动", body)


def weekly_table(weekly: pd.DataFrame) -> str:
    """The banner's activities week by week in the period, a column per method: how the campaign
    kept its pace against the plan's phase (weeks from Monday)."""
    if weekly.empty:
        return "<p>这个时段没有活动。</p>"
    frame = weekly.groupby(["week", "method"], as_index=False)["activities"].sum()
    methods = list(frame.groupby("method")["activities"].sum().sort_values(ascending=False, kind="stable").index)
    rows = []
    for week, part in frame.groupby("week", sort=True):
        counts = dict(zip(part["method"], part["activities"]))
        day = pd.Timestamp(week).date()
        cells = [f"{day.month}月{day.day}日起", *(f"{int(counts[m])} 场" if m in counts else "—" for m in methods)]
        cells.append(f"{int(part['activities'].sum())} 场")
        rows.append(
            "<tr>"
            + "".join(f'<td data-label="{escape(h)}">{escape(c)}</td>' for h, c in zip(["周", *methods, "合计"], cells))
            + "</tr>"
        )
    head = "".join(f"<th>{escape(h)}</th>" for h in ["周", *methods, "合计"])
    return f'<table class="ck-hub ck-cards" id="ck-weekly"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def activity_tables(by_method: pd.DataFrame, by_carrier: pd.DataFrame, illustrative: set[str], level: int = 2) -> str:
    """By method, then by carrier (HTML, under headings of ``level``)."""
    return (
        f"<h{level}>按方式</h{level}>{_activity_table(by_method, '方式', illustrative)}"
        f"<h{level}>按载体</h{level}>{_activity_table(by_carrier, '载体', illustrative)}"
    )


def _activity_table(frame: pd.DataFrame, what: str, illustrative: set[str]) -> str:
    """Rows: the banner, then each town; a column per method (or carrier), the most used first."""
    frame = frame[frame["kind"].fillna("") != ""]
    if frame.empty:
        return "<p>这个时段各镇没有报送活动。</p>"
    kinds = list(frame.groupby("kind")["activities"].sum().sort_values(ascending=False, kind="stable").index)
    banner = frame.groupby("kind", as_index=False)[["activities", "attendance"]].sum().assign(town=BANNER)
    rows = []
    towns = list(frame.groupby("town", sort=True))
    for town, part in [(BANNER, banner), *towns] if len(towns) > 1 else towns:  # one town: its row is the total
        counts = part.set_index("kind")
        cells = [f"<strong>{BANNER}</strong>" if town == BANNER else _badge(town, illustrative)]
        for kind in kinds:
            if kind in counts.index:
                n, people = int(counts.at[kind, "activities"]), int(counts.at[kind, "attendance"])
                cells.append(
                    f'<span class="ck-keep">{fmt_number(n)} 场</span> <span class="ck-keep">{fmt_number(people)} 人次</span>'
                )
            else:
                cells.append("—")
        rows.append("<tr>" + "".join(f'<td data-label="{escape(h)}">{c}</td>' for h, c in zip(["镇", *kinds], cells)) + "</tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in ["镇", *kinds])
    return f'<table class="ck-hub ck-cards" data-by="{what}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
