"""The quiz's pages for the teacher (kernel-free, large type, no CDN): the class poster pupils
scan, the teacher's results (per question and per seat), and the projector's board (per
question only: no seat numbers). The results parts are redrawn every second from the server."""

from __future__ import annotations

from html import escape

from ..core.disclosure import MIN_COUNT
from ..forms.quiz import MAX_SEAT
from ..forms.xlsform import Form

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;font-size:22px;line-height:1.6;
color:#1a1a1a;background:#fff}
main{max-width:1100px;margin:0 auto;padding:16px 20px}
h1{font-size:34px;line-height:1.3;margin:8px 0}
table{border-collapse:collapse;width:100%;margin:8px 0 18px}
th,td{border:1px solid #bbb;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eef2f7}
.ck-bar{height:30px;background:#0072B2;border-radius:4px}
.ck-bar-box{background:#eee;border-radius:4px;width:100%}
.ck-big{font-size:30px;font-weight:bold}
a{color:#0b5394}
.ck-note{color:#444;font-size:19px}
input,button{font-size:24px;padding:8px 12px;min-height:56px}
.ck-poster{text-align:center}
.ck-poster svg{width:min(80vw,520px);height:auto}
@media print{.ck-noprint{display:none}}
"""

POLL = """
(function(){
  var box = document.getElementById('ck-live');
  var url = box.getAttribute('data-src');
  function poll(){
    fetch(url, {cache: 'no-store', credentials: 'same-origin'}).then(function(r){ return r.ok ? r.text() : null; })
      .then(function(html){ if (html !== null && html !== box.innerHTML) box.innerHTML = html; })
      .catch(function(){}).then(function(){ setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();
"""


def page(title: str, body: str, *, live: str | None = None) -> str:
    script = f"<script>{POLL}</script>" if live else ""
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>{body}</main>{script}</body></html>"
    )


def quiz_index(forms: list[Form], errors: list[str], link) -> str:
    items = "".join(f'<li><a href="{escape(link(f.form_id))}">{escape(f.title)}</a>（{len(f.graded)} 题）</li>' for f in forms)
    problems = "".join(f"<li>{escape(e)}</li>" for e in errors)
    body = "<h1>课堂测验</h1>" + (
        f"<ul>{items}</ul>" if items else "<p>活动文件夹的 forms/ 里还没有测验（settings 里 quiz 填 yes 的问卷）。</p>"
    )
    if problems:
        body += f'<h2>有问题的测验（改好以前学生打不开）</h2><ul class="ck-problems">{problems}</ul>'
    return page("课堂测验", body)


def class_picker(form: Form, classes: list[str], link, action: str, xsrf: str) -> str:
    """Open (or reopen) a class: the class code pupils type and how many seats it has."""
    known = "".join(f'<li><a href="{escape(link(c))}">{escape(c)}</a></li>' for c in classes)
    body = (
        f"<h1>{escape(form.title)}</h1>"
        "<p>给这个班起一个班级码（字母和数字，例如 7A 或 202401），填上全班人数，打开后把海报投在屏幕上让学生扫码。"
        "座位号只能填 1 到全班人数。</p>"
        + open_class_form(action, xsrf)
        + (f"<h2>已经开过的班</h2><ul>{known}</ul>" if known else "")
    )
    return page(form.title, body)


def open_class_form(action: str, xsrf: str, class_code: str = "", size: int | None = None) -> str:
    code = (
        f'<input type="hidden" name="code" value="{escape(class_code)}">'
        if class_code
        else '<label>班级码：<input name="code" maxlength="12" pattern="[A-Za-z0-9]{1,12}" required></label> '
    )
    return (
        f'<form method="post" action="{escape(action)}" class="ck-noprint">'
        f'<input type="hidden" name="_xsrf" value="{escape(xsrf)}">{code}'
        f'<label>全班人数：<input name="size" type="number" min="1" max="{MAX_SEAT}" value="{size or ""}" required></label> '
        "<button>开班</button></form>"
    )


def poster(form: Form, class_code: str, address: str, qr_svg: str) -> str:
    """What the class scans: the QR code of the quiz with the class code in it, and the address."""
    body = (
        f'<div class="ck-poster"><h1>{escape(form.title)}</h1>'
        f'<p class="ck-big">班级码：{escape(class_code)}</p>{qr_svg}'
        f"<p>用手机或平板扫码，填上自己的<b>座位号</b>（1—{MAX_SEAT}），不写名字。</p>"
        f'<p class="ck-note">扫不了码时在浏览器里输入：{escape(address)}</p></div>'
    )
    return page(f"{form.title} {class_code}", body)


def teacher_page(
    form: Form,
    class_code: str,
    live_url: str,
    board_url: str,
    poster_url: str,
    fragment: str,
    *,
    opened: tuple[int, bool] | None,
    open_action: str,
    close_action: str,
    xsrf: str,
) -> str:
    """The teacher's results; above them the class's state: not opened yet (a form to open it),
    open with its seats (a button to take the papers in and show the answers), or closed."""
    if opened is None:
        state = "<p class='ck-big'>这个班还没有开班：填上全班人数再开班，学生才能交卷。</p>" + open_class_form(
            open_action, xsrf, class_code
        )
    elif opened[1]:
        state = f"<p class='ck-big'>已收卷（{opened[0]} 个座位）：学生手机上能看到正确答案和讲解。</p>" + open_class_form(
            open_action, xsrf, class_code, opened[0]
        ).replace("开班</button>", "重新开班</button>")
    else:
        state = (
            f"<p class='ck-big'>{opened[0]} 个座位，测验进行中。</p>"
            f'<form method="post" action="{escape(close_action)}" class="ck-noprint">'
            f'<input type="hidden" name="_xsrf" value="{escape(xsrf)}"><button>收卷，公布答案</button></form>'
        )
    body = (
        f"<h1>{escape(form.title)} · {escape(class_code)} 班</h1>{state}"
        f'<p class="ck-noprint"><a href="{escape(poster_url)}">班级海报（学生扫码）</a> · '
        f'<a href="{escape(board_url)}">投影用的全班结果（不显示座位号）</a></p>'
        f'<div id="ck-live" data-src="{escape(live_url)}">{fragment}</div>'
    )
    return page(f"{form.title} {class_code}", body, live=live_url)


def teacher_fragment(results: dict) -> str:
    """Per question: correct rate and the most common wrong answer; per seat: the score."""
    rows = "".join(
        f"<tr><td>{i + 1}. {escape(q['label'])}</td><td>{_rate(q)}</td>"
        f"<td>{escape(q['common_wrong'] or '—')}{_times(q)}</td><td>{escape(q['answer'])}</td></tr>"
        for i, q in enumerate(results["questions"])
    )
    seats = "".join(
        f"<tr><td>{s['seat']}</td><td>{s['score']:g} / {results['full']}</td>"
        f"<td>{'交了 ' + str(s['sent']) + ' 份，按得分低的一份算' if s['sent'] > 1 else ''}</td></tr>"
        for s in results["seats"]
    )
    return (
        f'<p class="ck-big ck-count">已交卷 {results["pupils"]} 人'
        + (f"，平均 {results['average']:g} 分（满分 {results['full']}）" if results["average"] is not None else "")
        + "</p>"
        f'<table class="ck-questions"><thead><tr><th>题目</th><th>答对的比例</th><th>最常见的错误答案</th><th>正确答案</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        f'<h2>每个座位的得分</h2><table class="ck-seats"><thead><tr><th>座位号</th><th>得分</th><th></th></tr></thead>'
        f"<tbody>{seats}</tbody></table>"
    )


def board_page(form: Form, class_code: str, live_url: str, fragment: str) -> str:
    body = f"<h1>{escape(form.title)} · 全班结果</h1>" + f'<div id="ck-live" data-src="{escape(live_url)}">{fragment}</div>'
    return page(f"{form.title} 全班结果", body, live=live_url)


def board_fragment(results: dict) -> str:
    """The class's results for the projector: per question only — no seat, no pupil, and nothing
    until ``MIN_COUNT`` pupils have handed in (with one or two, a rate shows their own answers)."""
    if results["pupils"] < MIN_COUNT:
        return (
            f'<p class="ck-big ck-count">已交卷 {results["pupils"]} 人</p>'
            f"<p>交卷的不到 {MIN_COUNT} 人时不显示全班结果：人少时，大家能看出是谁答的。</p>"
        )
    rows = []
    for i, q in enumerate(results["questions"]):
        rate = q["rate"] or 0
        rows.append(
            f'<div class="ck-board-q"><div>{i + 1}. {escape(q["label"])}：<b>{_rate(q)}</b></div>'
            f'<div class="ck-bar-box"><div class="ck-bar" style="width:{rate:.0f}%"></div></div>'
            f'<div class="ck-note">正确答案：{escape(q["answer"])}</div></div>'
        )
    head = f'<p class="ck-big ck-count">已交卷 {results["pupils"]} 人'
    if results["average"] is not None:
        head += f"，平均 {results['average']:g} 分（满分 {results['full']}）"
    return head + "</p>" + "".join(rows)


def _rate(q: dict) -> str:
    return "还没有人答" if q["rate"] is None else f"{q['rate']:g}%（{q['correct']}/{q['answered']}）"


def _times(q: dict) -> str:
    return f"（{q['common_wrong_count']} 人）" if q["common_wrong"] else ""
