"""The selection's kernel-free pages: the ballot (a phone at 390 px, large type), the
nominees for the meeting, the results for the projector and the audit anyone may read.
No page shows a voter; the results page shows candidates' counts, published by design."""

from __future__ import annotations

import datetime as dt
from html import escape

from ..core.fmt import cn_date
from ..forms.answers import SUBMISSION_FIELD
from ..forms.page import new_submission_id, phone_page
from .ballot import CHOICE_FIELD, CODE_FIELD
from .selections import Candidate, Selection

BADGE = '<p class="banner error ck-illustrative">示例：虚构的评选和人物，用于演示</p>'
EXTRA_STYLE = """<style>
.ck-nominee{background:#fff;border-radius:10px;padding:14px;margin:0 0 12px}
.ck-nominee h2{font-size:24px;margin:0 0 4px}.ck-unit{color:#555;font-size:18px}
table.ck{border-collapse:collapse;width:100%;background:#fff;font-size:22px}
table.ck td,table.ck th{border-bottom:1px solid #ddd;padding:10px 8px;text-align:left}
td.ck-votes{text-align:right;font-variant-numeric:tabular-nums;font-weight:bold}
.ck-bar{height:14px;background:#b22222;border-radius:7px}
.ck-figures{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 14px}
.ck-figures div{flex:1 1 40%;background:#fff;border-radius:10px;padding:10px 12px;font-size:18px}
.ck-figures b{display:block;font-size:30px}
label.choice span small{display:block;color:#555;font-size:16px}
</style>"""

# Counts the ticked boxes and stops a phone from ticking more than a ballot allows; asks
# before an empty ballot is sent. The server checks both again.
BALLOT_SCRIPT = """
(function(){var form=document.getElementById('ck-ballot');var max=+form.getAttribute('data-max');
var boxes=form.querySelectorAll('input[name=choice]');var note=document.getElementById('ck-count');
function update(){var n=0;boxes.forEach(function(b){if(b.checked)n++;});
 boxes.forEach(function(b){b.disabled=!b.checked&&n>=max;});note.textContent='已选 '+n+' 人，最多 '+max+' 人';}
boxes.forEach(function(b){b.addEventListener('change',update);});update();
form.addEventListener('submit',function(e){var n=0;boxes.forEach(function(b){if(b.checked)n++;});
 if(n===0&&!confirm('您一个人也没选。确定弃权吗？'))e.preventDefault();});})();
"""


def ballot_page(
    selection: Selection,
    candidates: list[Candidate],
    action: str,
    xsrf: str,
    *,
    code: str = "",
    chosen: list[str] = (),
    error: str = "",
    submission_id: str = "",
) -> str:
    options = "".join(
        f'<label class="choice"><input type="checkbox" name="{CHOICE_FIELD}" value="{escape(c.key, quote=True)}"'
        f"{' checked' if c.key in chosen else ''}><span>{escape(c.name)}<small>{escape(c.unit)}</small></span></label>"
        for c in candidates
    )
    body = (
        (BADGE if selection.illustrative else "")
        + f"<h1>{escape(selection.title)}</h1>"
        + (f'<div class="banner error" role="alert">{escape(error)}</div>' if error else "")
        + f'<form id="ck-ballot" method="post" action="{escape(action, quote=True)}" accept-charset="utf-8" data-max="{selection.choices}">'
        f'<input type="hidden" name="_xsrf" value="{escape(xsrf, quote=True)}">'
        f'<input type="hidden" name="{SUBMISSION_FIELD}" value="{escape(submission_id or new_submission_id(), quote=True)}">'
        f'<fieldset><label class="label" for="ck-code">投票码 <span class="required">*</span></label>'
        '<p class="hint">纸条上的 8 位投票码；不记名，每张只能投一次。</p>'
        f'<input type="text" id="ck-code" name="{CODE_FIELD}" value="{escape(code, quote=True)}" maxlength="12" required '
        'autocomplete="off" autocapitalize="characters" spellcheck="false"></fieldset>'
        f"<fieldset><legend>选{escape(selection.award)}（最多选 {selection.choices} 人）</legend>"
        f'<p class="hint" id="ck-count" aria-live="polite"></p>{options}</fieldset>'
        '<button type="submit">投票</button></form>'
    )
    return phone_page(selection.title, EXTRA_STYLE + body, BALLOT_SCRIPT)


def voted_page(selection: Selection) -> str:
    body = (
        (BADGE if selection.illustrative else "")
        + f"<h1>{escape(selection.title)}</h1>"
        + '<div class="banner ok" role="status">您的票已投出，谢谢！这张纸条已经用过，请不要再交给别人。</div>'
        + "<p>选票不记名：谁也查不到这一票是谁投的。</p>"
    )
    return phone_page(selection.title, EXTRA_STYLE + body)


def nominees_page(selection: Selection, candidates: list[Candidate]) -> str:
    items = "".join(
        f'<div class="ck-nominee"><h2>{escape(c.name)}</h2><div class="ck-unit">{escape(c.unit)}'
        f"{'　提名：' + escape(c.nominated_by) if c.nominated_by else ''}</div><p>{escape(c.deeds)}</p></div>"
        for c in candidates
    )
    body = (
        (BADGE if selection.illustrative else "")
        + f"<h1>{escape(selection.title)}：候选人</h1>"
        + f"<p>{escape(selection.period_text())}；评出 {selection.winners} 名，每票最多选 {selection.choices} 人。</p>"
        + (items or "<p>还没有候选人。</p>")
    )
    return phone_page(f"{selection.title}：候选人", EXTRA_STYLE + body)


def threshold_words(result: dict) -> str:
    """The threshold as the selection sets it, as `vote tally` says it (with no ballot yet, a
    过半数 selection had read "不设当选门槛")."""
    if result["threshold"] == "不设":
        return "不设当选门槛（按得票多少确定）"
    votes = f"（按已投 {result['ballots_cast']} 票算，至少 {result['threshold_votes']} 票）" if result["threshold_votes"] else ""
    return f"当选门槛：{result['threshold']}{votes}"


def results_page(selection: Selection, result: dict, *, counts_shown: bool, refresh: bool, live_link: str = "") -> str:
    turnout = "—" if result["turnout"] is None else f"{result['turnout']:.0%}"
    figures = (
        f'<div class="ck-figures"><div>发出投票码<b>{result["codes_issued"]}</b></div>'
        f"<div>已投票<b>{result['ballots_cast']}</b></div>"
        f"<div>废票<b>{result['ballots_spoiled']}</b></div>"
        f"<div>投票率<b>{turnout}</b></div></div>"
    )
    if not counts_shown:
        table = '<div class="banner ok">投票还没有截止：截止以后在这里公布每位候选人的票数。</div>'
        if live_link:
            table += (
                f'<p class="hint"><a href="{escape(live_link, quote=True)}">看目前的票数</a>（只在这台电脑上；'
                "投票进行中请不要投到大屏上，票数的变化会让人猜出刚投的人选了谁）</p>"
            )
    else:
        top = max([r["votes"] for r in result["candidates"]] + [1])
        rows = "".join(
            f"<tr><td>{escape(r['name'])}<br><small>{escape(r['unit'])}</small></td>"
            f'<td style="width:40%"><div class="ck-bar" style="width:{100 * r["votes"] / top:.0f}%"></div></td>'
            f'<td class="ck-votes">{r["votes"]} 票</td></tr>'
            for r in result["candidates"]
        )
        threshold = threshold_words(result)
        winners = "、".join(result["winners"]) or "无"
        ties = "".join(
            f'<div class="banner error">票数相同（各 {t["votes"]} 票）争 {t["places"]} 个名额：{escape("、".join(t["names"]))}——按规定另行投票决定</div>'
            for t in result["ties"]
        )
        open_note = (
            '<div class="banner error">投票还没有截止：这是目前的票数，只在宣讲员电脑上显示，请不要投到大屏上。</div>'
            if result["status"] != "已截止"
            else ""
        )
        # Winners are named once voting has closed: after 2 of 239 ballots "当选" was only a guess.
        outcome = (
            f'<div class="banner ok">当选：{escape(winners)}</div>{ties}'
            if result["status"] == "已截止"
            else '<p class="hint">当选人在投票截止后按全部选票确定。</p>'
        )
        table = (
            f'{open_note}<p>{threshold}；名额 {result["places"]} 名。</p><table class="ck"><tbody>{rows}</tbody></table>{outcome}'
        )
    body = (
        (BADGE if selection.illustrative else "")
        + f"<h1>{escape(selection.title)}：投票结果</h1>"
        + figures
        + table
        + "<p>选票不记名：这一页没有任何投票人的信息。</p>"
    )
    script = "setTimeout(function(){location.reload();},5000);" if refresh else ""
    return phone_page(f"{selection.title}：投票结果", EXTRA_STYLE + body, script)


def audit_page(selection: Selection, figures: dict, download: str) -> str:
    body = (
        (BADGE if selection.illustrative else "")
        + f"<h1>{escape(selection.title)}：计票核查</h1>"
        + '<div class="ck-figures">'
        + f"<div>发出投票码<b>{figures['codes_issued']}</b></div><div>未用的投票码<b>{figures['codes_unused']}</b></div>"
        + f"<div>投出选票<b>{figures['ballots_cast']}</b></div><div>计入的选票<b>{figures['ballots_counted']}</b></div>"
        + f"<div>废票<b>{figures['ballots_spoiled']}</b></div></div>"
        + "<p>投出选票 = 计入的选票 + 废票；投出选票 + 未用的投票码 = 发出投票码。</p>"
        + (
            f'<p><a href="{escape(download, quote=True)}">下载全部选票（CSV）</a>：每张一行，只有随机编号、日期和所选的人，'
            "没有投票码、没有时间，顺序随机。任何人都可以用它重新计票。</p>"
            if selection.status() == "已截止"
            else "<p>投票截止以后，这里可以下载全部选票（不含投票码和时间），任何人都可以用它重新计票。</p>"
        )
        + f"<p>核查时间：{escape(cn_date(dt.date.today()))}</p>"
    )
    return phone_page(f"{selection.title}：计票核查", EXTRA_STYLE + body)


def index_page(rows: list[tuple[Selection, str, dict]], problems: list[str]) -> str:
    """The selections and their links, for the laptop: (selection, status, links)."""
    items = "".join(
        f'<div class="ck-nominee"><h2>{escape(s.title)}</h2><div class="ck-unit">{escape(s.code)} · {escape(status)} · '
        f"{escape(s.period_text())}{' · 示例' if s.illustrative else ''}</div><p>"
        + "　".join(f'<a href="{escape(href, quote=True)}">{escape(label)}</a>' for label, href in links.items())
        + "</p></div>"
        for s, status, links in rows
    )
    trouble = "".join(f'<div class="banner error">{escape(p)}</div>' for p in problems)
    body = "<h1>先进评选</h1>" + trouble + (items or "<p>活动文件夹里没有先进评选表。</p>")
    return phone_page("先进评选", EXTRA_STYLE + body)
