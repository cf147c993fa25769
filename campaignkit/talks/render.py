"""A deck as static pages: the projector page, the presenter's page and the handout.

Slides change in the browser (no kernel round trip): every slide and chart is drawn when
the page opens, and a key press only swaps which slide is visible — the latency a
clicker needs, and nothing to lose mid-talk if a kernel died. The presenter's page
follows the projector's and drives it (a BroadcastChannel between the two windows of
the lecturer's browser; no server involved). Only the presenter's page carries notes:
the projector page and the handout are built from ``deck.without_notes()``.
"""

from __future__ import annotations

import base64
import re
from html import escape
from typing import Any
from urllib.parse import urlsplit

from ..ui import static
from ..ui.assets import script
from ..ui.charts import BADGE_NAME, SOURCE_LINE_NAME
from ..ui.html import ILLUSTRATIVE_BADGE
from .notebook import Deck, Slide

_ANCHOR = re.compile(r'<a\s[^>]*?href="(?P<url>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
_URL = re.compile(r"https?://(?P<host>[^/\s\"'<>）)]+)[^\s\"'<>）)]*")


def _host(url: str) -> str:
    """The site's name to print beside a source; none for a bare IP address, which names no
    one a reader would know (the full address stays in the data table)."""
    import ipaddress

    host = urlsplit(url.replace("&amp;", "&")).hostname or ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return ""


def unlinked(value: Any) -> Any:
    """``value`` (HTML text or a figure's JSON) with every link replaced by its text and the
    site's name — '来源：X（nmg.gov.cn）' — so a page fetches nothing and opens offline."""
    if isinstance(value, str):
        text = _ANCHOR.sub(
            lambda m: f"{m.group('text')}（{_host(m.group('url'))}）" if _host(m.group("url")) else m.group("text"), value
        )
        return _URL.sub(lambda m: _host(m.group(0)), text).replace("（）", "").replace("()", "")
    if isinstance(value, dict):
        return {k: unlinked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unlinked(v) for v in value]
    return value


def on_a_slide(figure: dict[str, Any], *, source_in_text: bool, lone: bool) -> tuple[dict[str, Any], str]:
    """A chart as a slide draws it, and the source line to print under it ("" when the slide's
    text prints one: every source was printed twice).

    The slide's title and sentence say what a lone chart shows, so it drops its own title. Its
    source line leaves the chart for the page, where the projector can fit it on one line and
    paper wraps it inside the margin (at 1024×768 a five-line source line under the plot left it
    3 px high). Upright bars that all carry their value as a label drop the value axis: the
    labels say each number exactly, and the ticks beside them took room and said it again.
    (Lying bars keep theirs: their axis range is what leaves room for the labels.) The 示例
    badge stays on the chart."""
    layout = dict(figure.get("layout", {}))
    annotations = list(layout.get("annotations") or [])
    margin = dict(layout.get("margin") or {})
    source = [a for a in annotations if a.get("name") == SOURCE_LINE_NAME]
    annotations = [a for a in annotations if a.get("name") != SOURCE_LINE_NAME]
    below = "" if source_in_text or not source else str(source[0].get("text") or "")
    if source:
        line = source[0]
        titled = bool(((layout.get("xaxis") or {}).get("title") or {}).get("text"))
        # The source line sat below the tick labels and any axis title: keep only their room.
        row = int(line["font"]["size"] * 1.3)
        margin["b"] = 2 * row + 30 if titled else row + 24
    if _labelled_upright_bars(figure.get("data", [])):
        layout["yaxis"] = {**(layout.get("yaxis") or {}), "visible": False}
    if lone and layout.get("title"):
        layout.pop("title")
        badge = any(a.get("name") == BADGE_NAME for a in annotations)
        legend = sum(1 for t in figure.get("data", []) if t.get("showlegend", True) is not False) > 1
        margin["t"] = 90 if badge else 50 if legend else 20
    layout.update(annotations=annotations, margin=margin)
    return {**figure, "layout": layout}, below


def _labelled_upright_bars(data: list[dict]) -> bool:
    """Every trace an upright bar chart on the first axes, every bar labelled with its value."""
    if not data:
        return False
    for t in data:
        if t.get("type") != "bar" or t.get("orientation") == "h" or t.get("xaxis", "x") != "x" or t.get("yaxis", "y") != "y":
            return False
        values, text = t.get("y") or [], t.get("text")
        if not isinstance(text, list) or len(text) != len(values) or not all(str(x).strip() for x in text):
            return False
        if t.get("textposition") == "none" or t.get("texttemplate"):
            return False
    return True


def _source_below(text: str) -> str:
    """A chart's source line (and its notes) as the slide prints it under the chart."""
    if not text:
        return ""
    first, *notes = [line for line in re.split(r"<br\s*/?>", text) if line.strip()]
    rest = "".join(f'<div class="ck-caveat">{line}</div>' for line in notes)
    line = _shortenable_sources('<div class="ck-source">' + first + "</div>")
    return f'<div class="ck-part ck-chart-source">{line}{rest}</div>'


_SOURCE_LINE = re.compile(r'<div class="ck-source">(?P<text>.*?)</div>', re.S)


def _shortenable_sources(html: str) -> str:
    """A source line the projector can show as one line, ending '（详见数据表）' when cut (the
    script decides, as only the browser knows where the line wraps)."""
    return _SOURCE_LINE.sub(
        lambda m: (
            f'<div class="ck-source"><span class="ck-source-text">{m.group("text")}</span>'
            '<span class="ck-source-more" hidden>（详见数据表）</span></div>'
        ),
        html,
    )


def _slide_html(slide: Slide, index: int, figures: dict[str, dict], prefix: str, images: dict[str, str] | None = None) -> str:
    badge = ILLUSTRATIVE_BADGE if slide.illustrative else ""
    # The source line a talk's card prints (talks.api); a caveat's "来自不同来源" is not one.
    source_in_text = any('class="ck-source"' in part.html for part in slide.parts)
    lone = len(slide.figures) == 1
    body = []
    for j, part in enumerate(slide.parts):
        if part.html:
            body.append(f'<div class="ck-part ck-speakable">{_shortenable_sources(unlinked(part.html))}</div>')
        if part.figure is not None:
            div_id = f"{prefix}{index}-{j}"
            figure, below = on_a_slide(part.figure, source_in_text=source_in_text, lone=lone)
            if images is not None and div_id in images:
                body.append(_svg_img(images[div_id]))
            else:
                figures[div_id] = static.figure_spec(unlinked(figure))
                body.append(static.figure_div(div_id))
            body.append(_source_below(unlinked(below)))
    kind = " ck-title-slide" if index == 0 and not slide.parts else ""
    return (
        f'<section class="ck-slide{kind}" id="ck-s{index + 1}" data-index="{index}" aria-label="第 {index + 1} 页">'
        f'<h2 class="ck-slide-title">{escape(slide.title)}{badge}</h2>'
        f'<div class="ck-slide-body">{"".join(body)}</div></section>'
    )


DECK_STYLE = """
body{overflow:hidden}
.ck-stage{position:fixed;left:0;right:0;top:0;bottom:64px}
.ck-slide{position:absolute;inset:0;padding:20px 48px;visibility:hidden;overflow:auto;font-size:calc(30px*var(--ck-fit,1));
line-height:1.5;display:flex;flex-direction:column}
.ck-slide.current{visibility:visible}
.ck-slide-title{font-size:calc(44px*var(--ck-fit,1));margin:0 0 12px 0;flex:none}
.ck-title-slide .ck-slide-title{font-size:60px;margin-top:20vh;text-align:center}
.ck-slide-body{flex:1 1 auto;display:flex;flex-direction:column;min-height:0}
.ck-slide .ck-part{flex:none}
.ck-slide .ck-part.ck-speakable{position:relative;padding-right:64px}
.ck-slide .ck-part.ck-speakable>.ck-speak{position:absolute;right:0;top:4px;margin:0}
.ck-projector .ck-slide .ck-source,.ck-projector .ck-slide .ck-caveat,.ck-projector .ck-speak{font-size:calc(24px*var(--ck-fit,1))}
.ck-projector .ck-slide .ck-part:not(.ck-chart-source)>div{font-size:calc(26px*var(--ck-fit,1)) !important}
.ck-projector .ck-slide .ck-source.ck-one-line{display:flex;white-space:nowrap}
.ck-projector .ck-slide .ck-one-line .ck-source-text{overflow:hidden;text-overflow:ellipsis;min-width:0}
.ck-projector .ck-slide .ck-one-line .ck-source-more{flex:none}
.ck-slide .ck-figure{flex:1 1 0;min-height:max(260px,45vh);height:auto;overflow:hidden}
.ck-bar{position:fixed;left:0;right:0;bottom:0;height:64px;display:flex;gap:12px;align-items:center;
padding:0 16px;background:#f3f5f8;border-top:1px solid #ccd}
.ck-bar button,.ck-bar a{font-size:24px;min-width:60px;min-height:48px;padding:4px 14px;border:1px solid #889;
border-radius:6px;background:#fff;color:#1f3b57;text-decoration:none;cursor:pointer;display:inline-flex;align-items:center}
.ck-counter{font-size:24px}
.ck-bar button,.ck-bar a,.ck-counter{white-space:nowrap}
@media (max-width:600px){
 .ck-slide{padding:12px 14px}
 .ck-slide-title{margin-bottom:8px}
 .ck-bar{gap:6px;padding:0 8px}
 .ck-bar button,.ck-bar a{font-size:20px;padding:4px 10px}
 .ck-bar .ck-wide,.ck-bar #ck-fullscreen{display:none}
 .ck-counter{font-size:20px;margin:0 auto}
}
:fullscreen .ck-bar{opacity:0.15}
:fullscreen .ck-bar:hover{opacity:1}
"""

DECK_SCRIPT = script(__package__, "deck.js")


# The laptop's projector and presenter pages say where the talk is, for the phones that follow
# it (talks.follow); the last report wins, so a report lost on the way is mended by the next.
REPORT_SCRIPT = script(__package__, "report.js")

# 跟随投影 on a phone: one open request at a time, answered when the projector moves. A tap on
# ◀ or ▶ stops following (the phone looks back on its own); the 跟随投影 button takes it back.
FOLLOW_SCRIPT = script(__package__, "follow.js")


def _bar(extra: str = "") -> str:
    return (
        '<nav class="ck-bar" aria-label="翻页">'
        '<button type="button" data-go="-1" aria-label="上一页">◀<span class="ck-wide"> 上一页</span></button>'
        '<span id="ck-counter" class="ck-counter"></span>'
        '<button type="button" data-go="1" aria-label="下一页"><span class="ck-wide">下一页 </span>▶</button>'
        f'<button type="button" id="ck-fullscreen">全屏（F）</button>{extra}</nav>'
    )


def _reporting(html: str, report: dict[str, str] | None) -> str:
    if not report:
        return html
    attributes = f' data-report="{escape(report["url"], quote=True)}" data-xsrf="{escape(report["xsrf"], quote=True)}"'
    return html.replace("<body", "<body" + attributes, 1)


def projector_page(
    deck: Deck,
    *,
    channel: str,
    presenter_url: str | None = None,
    speak_url: str | None = None,
    report: dict[str, str] | None = None,
) -> str:
    """The page the projector shows: slides only, large type, no notes."""
    deck = deck.without_notes()
    figures: dict[str, dict] = {}
    slides = "".join(_slide_html(s, i, figures, "f") for i, s in enumerate(deck.slides))
    link = (
        f'<a href="{escape(presenter_url, quote=True)}" target="ck-presenter" class="ck-wide">演讲者视图</a>'
        if presenter_url
        else ""
    )
    body = f'<main class="ck-stage">{slides}</main>{_bar(link)}'
    # The projector is the presenter theme already (30 px and up): no 长辈模式 switch on it.
    html = static.page(
        deck.title,
        body,
        figures=figures,
        style=DECK_STYLE,
        script=REPORT_SCRIPT + DECK_SCRIPT,
        elder_mode=False,
        speak_url=speak_url,
    )
    html = html.replace("<body", f'<body data-channel="{escape(channel, quote=True)}" class="ck-projector"', 1)
    return _reporting(html, report)


FOLLOW_STYLE = """
.ck-top{position:fixed;left:0;right:0;top:0;height:72px;display:flex;align-items:center;gap:10px;padding:0 8px;
background:#f3f5f8;border-bottom:1px solid #ccd;z-index:3}
.ck-follow .ck-elder-switch{position:fixed;top:6px;right:8px;margin:0;z-index:4}
#ck-follow{font-size:20px;min-height:56px;padding:4px 12px;border:2px solid #1f3b57;border-radius:8px;background:#fff;
color:#1f3b57;white-space:nowrap}
#ck-follow[aria-pressed="true"]{background:#1f3b57;color:#fff}
.ck-follow .ck-stage{top:72px}
.ck-follow .ck-slide{font-size:22px;padding:10px 14px}
.ck-follow .ck-slide-title{font-size:28px}
.ck-follow .ck-title-slide .ck-slide-title{font-size:34px;margin-top:10vh}
"""


def follow_page(deck: Deck, *, at_url: str, speak_url: str | None = None, bundle_url: str | None = None) -> str:
    """跟随投影: a phone's page that shows the slide the projector shows, moving when it moves
    (no notes, no reload, no kernel), with 长辈模式 and ◀ ▶ to look back."""
    deck = deck.without_notes()
    figures: dict[str, dict] = {}
    slides = "".join(_slide_html(s, i, figures, "m") for i, s in enumerate(deck.slides))
    top = (
        '<header class="ck-top"><button type="button" id="ck-follow" aria-pressed="true" aria-live="polite">'
        "等待开讲…</button></header>"
    )
    body = f'{top}<main class="ck-stage">{slides}</main>{_bar()}'
    html = static.page(
        deck.title,
        body,
        figures=figures,
        style=DECK_STYLE + FOLLOW_STYLE,
        script=DECK_SCRIPT + FOLLOW_SCRIPT,
        speak_url=speak_url,
        bundle_url=bundle_url,
    )
    return html.replace("<body", f'<body data-follow="{escape(at_url, quote=True)}" class="ck-follow"', 1)


PRESENTER_STYLE = """
.ck-stage{right:42%;bottom:64px}
.ck-slide{font-size:18px;padding:12px 20px}
.ck-slide-title{font-size:26px}
.ck-slide .ck-figure{min-height:200px}
.ck-side{position:fixed;top:0;right:0;bottom:64px;width:42%;padding:12px 18px;overflow:auto;border-left:2px solid #ccd;
font-size:22px;line-height:1.6;background:#fbfbf7}
.ck-clock{font-size:40px;font-variant-numeric:tabular-nums}
.ck-next{color:#555;border:1px dashed #aab;padding:8px 12px;border-radius:6px;margin:8px 0}
.ck-warn{color:#7a1f1f;background:#fdecea;border:1px solid #e0a0a0;border-radius:6px;padding:8px 12px;margin:8px 0}
.ck-notes{display:none}
.ck-notes.current{display:block}
.ck-notes p{margin:0 0 10px 0}
"""

PRESENTER_SCRIPT = script(__package__, "presenter.js")


def presenter_page(deck: Deck, *, channel: str, projector_url: str, report: dict[str, str] | None = None) -> str:
    """The lecturer's own screen: the current slide, its notes, the next slide's title, the
    time since the talk began; it follows the projector window and drives it."""
    import json

    figures: dict[str, dict] = {}
    slides = "".join(_slide_html(s, i, figures, "p") for i, s in enumerate(deck.slides))
    notes = "".join(
        f'<div class="ck-notes" data-index="{i}">{"".join(s.notes) or "<p>（这一页没有备注）</p>"}</div>'
        for i, s in enumerate(deck.slides)
    )
    titles = json.dumps([s.title for s in deck.slides], ensure_ascii=False).replace("</", "<\\/")
    side = (
        '<aside class="ck-side"><div>已讲 <span id="ck-clock" class="ck-clock">00:00</span> '
        '<button type="button" id="ck-restart" style="font-size:18px;">重新计时</button></div>'
        '<div id="ck-next" class="ck-next"></div>'
        '<div id="ck-warn" class="ck-warn" role="status" hidden></div><h3 style="margin:8px 0;">备注</h3>'
        f"{notes}</aside>"
        f'<script type="application/json" id="ck-titles">{titles}</script>'
    )
    link = f'<a href="{escape(projector_url, quote=True)}" target="ck-projector">打开放映窗口</a>'
    body = f'<main class="ck-stage">{slides}</main>{side}{_bar(link)}'
    # ckOnShow must exist before the deck shows its first slide.
    html = static.page(
        f"演讲者视图：{deck.title}",
        body,
        figures=figures,
        style=DECK_STYLE + PRESENTER_STYLE,
        script=PRESENTER_SCRIPT + REPORT_SCRIPT + DECK_SCRIPT,
        elder_mode=False,
    )
    html = html.replace("<body", f'<body data-channel="{escape(channel, quote=True)}" class="ck-presenter"', 1)
    return _reporting(html, report)


HANDOUT_STYLE = """
body{font-size:18px;line-height:1.7;max-width:860px;margin:0 auto;padding:12px 16px}
header h1{font-size:28px;margin:8px 0}
.ck-meta{color:#555;font-size:15px}
.ck-slide{border-top:2px solid #dde;padding:10px 0 16px 0;break-inside:avoid-page}
.ck-slide-title{font-size:23px;margin:6px 0}
.ck-slide .ck-part div{font-size:18px !important}
.ck-figure{height:380px}
@media (max-width:500px){ .ck-figure{height:320px} body{font-size:17px} }
@page{size:A4;margin:15mm 14mm}
.ck-chart{width:100%;height:auto}
footer{color:#666;font-size:14px;border-top:1px solid #ccc;margin-top:16px;padding-top:8px}
"""
# Paper: about two slides to an A4 page (each chart 60 mm high; a slide is never split).
# After the screen rules, which it overrides.
HANDOUT_STYLE += """
@media print{
 body{max-width:none;padding:0;font-size:11pt;line-height:1.5}
 header h1{font-size:16pt}
 .ck-slide{padding:2mm 0 3mm 0}
 .ck-slide-title{font-size:14pt;margin:2mm 0}
 .ck-slide .ck-part div{font-size:11pt !important}
 .ck-slide .ck-source,.ck-slide .ck-caveat{font-size:9.5pt !important;overflow-wrap:anywhere}
 .ck-figure{height:62mm}
 .ck-chart{display:block;width:auto;max-width:100%;height:60mm;margin:0 auto}
}
"""


def _svg_img(svg: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="ck-chart" alt="图表" src="data:image/svg+xml;base64,{data}">'


def handout_figures(deck: Deck) -> dict[str, dict]:
    """The handout's figures by div id (to draw them as images for a PDF)."""
    figures: dict[str, dict] = {}
    for i, s in enumerate(deck.slides):
        _slide_html(s, i, figures, "h")
    return figures


def handout_page(
    deck: Deck, *, campaign: str = "", built: str = "", images: dict[str, str] | None = None, speak_url: str | None = None
) -> str:
    """The handout: every slide one after another, for a phone or A4; no notes, no link.
    ``images``: the charts as SVG (div id → SVG text) for a PDF; otherwise plotly draws them."""
    deck = deck.without_notes()
    figures: dict[str, dict] = {}
    slides = "".join(_slide_html(s, i, figures, "h", images) for i, s in enumerate(deck.slides))
    for_whom = f"（{escape(deck.audience)}版）" if deck.audience else ""
    illustrative = any(s.illustrative for s in deck.slides)
    notice = f"<p>{ILLUSTRATIVE_BADGE} 标有“示例”的数字是编造的演示数据，不是真实情况。</p>" if illustrative else ""
    meta = "；".join(x for x in (escape(campaign), escape(built)) if x)
    body = (
        f'<header><h1>{escape(deck.title)}{for_whom}</h1><div class="ck-meta">{meta}</div>{notice}</header>'
        f"<main>{slides}</main>"
        "<footer>讲义中的数字都注明了来源（网站名在括号中）。本讲义不需要联网即可查看。</footer>"
    )
    return static.page(f"{deck.title}{for_whom}", body, figures=figures, style=HANDOUT_STYLE, speak_url=speak_url)
