"""Phone pages: a dashboard as one static page for a hall full of phones (``serve --lan``).

A phone page holds what the dashboard would show for each choice a phone user needs (an
indicator, a village, a domain), already computed: one large picker, and for each choice
its sentences and charts, drawn when chosen. No kernel, no websocket: the laptop serves
a file of a few hundred kB (plotly.js comes once, from the laptop, and stays cached).
Features build their page (``<feature>/phone.py``); the registry names them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from typing import Any

from . import static
from .charts import describe
from .html import ILLUSTRATIVE_BADGE


@dataclass
class Choice:
    """One thing a phone user can pick, and what the page shows for it."""

    label: str
    html: str = ""  # sentences and cards (escaped by the builder)
    figures: list[dict[str, Any]] = field(default_factory=list)  # plotly figure JSON
    group: str = ""  # an <optgroup> label: the indicator's category, the unit's kind
    below: str = ""  # HTML under the charts: a long list the chart sums up (the timeline's events)


@dataclass
class PhonePage:
    title: str
    choices: list[Choice]
    intro: str = ""  # HTML under the title
    picker: str = "请选择"  # the picker's label, e.g. "指标"
    illustrative: bool = False  # any invented figure on the page: a notice under the title
    empty: str = "还没有数据。"
    default: int = 0  # the choice shown first


PHONE_STYLE = """
body{font-size:20px;line-height:1.6;padding:10px 14px;max-width:900px;margin:0 auto}
h1{font-size:26px;margin:6px 0}
.ck-picker{display:block;font-size:22px;min-height:60px;width:100%;margin:8px 0;padding:6px 10px;border:2px solid #1f3b57;
border-radius:8px;background:#fff;color:#222}
.ck-choice[hidden]{display:none}
.ck-choice .ck-figure{height:380px;margin:6px 0 14px 0}
.ck-card{font-size:20px;margin:8px 0}
.ck-home{display:inline-flex;align-items:center;min-height:60px;padding:0 14px;font-size:20px}
@media (min-width:700px){ .ck-choice .ck-figure{height:460px} }
"""

PHONE_SCRIPT = """
(function(){
  var picker = document.getElementById('ck-picker');
  if (!picker) { window.ckReady = true; return; }
  var sections = Array.prototype.slice.call(document.querySelectorAll('.ck-choice'));
  function show(i){
    sections.forEach(function(s, j){ s.hidden = j !== i; });
    var ids = Array.prototype.map.call(sections[i].querySelectorAll('.ck-figure'), function(d){ return d.id; });
    window.ckReady = false;
    Promise.all(ids.map(window.ckDraw)).then(function(){ window.ckReady = true; });
    if (history.replaceState) history.replaceState(null, '', '#' + (i + 1));
  }
  picker.addEventListener('change', function(){ show(parseInt(picker.value, 10)); });
  var start = location.hash ? parseInt(location.hash.slice(1), 10) - 1 : parseInt(picker.getAttribute('data-default'), 10);
  if (!(start >= 0 && start < sections.length)) start = 0;
  picker.value = String(start);
  show(start);
})();
"""


def phone_document(
    page: PhonePage, *, bundle_url: str | None = None, home_url: str | None = None, speak_url: str | None = None
) -> str:
    """The page as HTML: figures drawn on choosing (the first choice's at once)."""
    figures: dict[str, dict] = {}
    options: list[str] = []
    sections: list[str] = []
    group = None
    for i, choice in enumerate(page.choices):
        if choice.group != group:
            if group:
                options.append("</optgroup>")
            if choice.group:
                options.append(f'<optgroup label="{escape(choice.group, quote=True)}">')
            group = choice.group
        options.append(f'<option value="{i}">{escape(choice.label)}</option>')
        divs = []
        for j, fig in enumerate(choice.figures):
            div_id = f"c{i}-{j}"
            figures[div_id] = static.figure_spec(fig)
            sentence = escape(describe(fig), quote=True)
            # The chart's sentence: shown and spoken above it, and its text for screen readers.
            divs.append(
                f'<p class="ck-say ck-speakable">{sentence}</p>'
                f'<div id="{div_id}" class="ck-figure" role="img" aria-label="{sentence}"></div>'
            )
        sections.append(
            f'<section class="ck-choice" data-index="{i}" hidden>{choice.html}{"".join(divs)}{choice.below}</section>'
        )
    if group:
        options.append("</optgroup>")
    notice = f"<p>{ILLUSTRATIVE_BADGE} 标有“示例”的数字是编造的演示数据。</p>" if page.illustrative else ""
    home = f'<a class="ck-home" href="{escape(home_url, quote=True)}">← 全部页面</a>' if home_url else ""
    if page.choices:
        picker = (
            f'<label for="ck-picker" style="font-size:20px;">{escape(page.picker)}：</label>'
            f'<select id="ck-picker" class="ck-picker" data-default="{page.default}">{"".join(options)}</select>'
        )
    else:
        picker = f"<p>{escape(page.empty)}</p>"
    body = f"{home}<h1>{escape(page.title)}</h1>{page.intro}{notice}{picker}<main>{''.join(sections)}</main>"
    return static.page(
        page.title,
        body,
        figures=figures,
        style=PHONE_STYLE,
        script=PHONE_SCRIPT,
        draw_later=True,
        bundle_url=bundle_url,
        speak_url=speak_url,
    )


def embedded_data(document: str) -> dict[str, Any]:
    """The figures a phone page carries (for tests: what a viewer could read out of it)."""
    start = document.index('id="ck-figures">') + len('id="ck-figures">')
    end = document.index("</script>", start)
    return json.loads(document[start:end].replace("<\\/", "</").replace(":\\/\\/", "://"))
