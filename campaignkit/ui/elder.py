"""长辈模式 (elders' mode): one switch on every page, remembered by the browser, and
reachable as ``?mode=elder`` so a QR code can open a page in it.

The numbers follow the MIIT 适老化 rules (《移动互联网应用（APP）适老化通用设计规范》 and
《互联网网站适老化通用设计规范》, 2021; see the README), in CSS pixels (1 pt = 4/3 px):
main text ≥ 18 pt = 24 px, key figures (headings) ≥ 30 pt = 40 px, line spacing ≥ 1.3,
text contrast ≥ 4.5:1, touch targets ≥ 60 × 60, colour never the only cue, no pop-ups,
nothing that needs hover. Charts keep their text at 20 px so that a chart still fits a phone
(their numbers are repeated in the sentences above them, which follow the 24 px rule).
"""

from __future__ import annotations

STORAGE_KEY = "ck-mode"
ELDER_CLASS = "ck-elder"
CHART_TEXT_PX = 20

SWITCH = (
    '<button type="button" class="ck-elder-switch" aria-pressed="false" title="字更大、按钮更大；再点一下恢复">长辈模式</button>'
)

# The switch's own look (both modes) and the elders' mode rules for campaignkit's static pages.
STYLE = f"""
.ck-elder-switch{{float:right;min-width:60px;min-height:60px;padding:4px 12px;font-size:20px;border:2px solid #1f3b57;
border-radius:8px;background:#fff;color:#1f3b57;cursor:pointer;margin:4px 0 4px 8px}}
.ck-elder-switch[aria-pressed="true"]{{background:#1f3b57;color:#fff}}
@media print{{.ck-elder-switch{{display:none !important}}}}
html.{ELDER_CLASS} body{{font-size:24px;line-height:1.6}}
html.{ELDER_CLASS} p,html.{ELDER_CLASS} li,html.{ELDER_CLASS} label,html.{ELDER_CLASS} small,html.{ELDER_CLASS} span,
html.{ELDER_CLASS} td,html.{ELDER_CLASS} th,html.{ELDER_CLASS} .ck-card,html.{ELDER_CLASS} .ck-part div,
html.{ELDER_CLASS} .ck-meta,html.{ELDER_CLASS} footer{{font-size:24px !important;line-height:1.6 !important}}
html.{ELDER_CLASS} h1{{font-size:40px;line-height:1.3}}
html.{ELDER_CLASS} h2,html.{ELDER_CLASS} h3,html.{ELDER_CLASS} .ck-slide-title{{font-size:32px !important;line-height:1.35}}
html.{ELDER_CLASS} a,html.{ELDER_CLASS} button,html.{ELDER_CLASS} select,html.{ELDER_CLASS} option{{font-size:24px !important;line-height:1.4 !important;min-height:60px;min-width:60px}}
html.{ELDER_CLASS} a{{display:inline-flex;align-items:center}}
html.{ELDER_CLASS} .ck-source{{color:#333;font-size:24px !important;line-height:1.5}}
"""

# Runs first: the class is on <html> before the page is drawn (no flash of small type).
SCRIPT = f"""
(function(){{
  var root = document.documentElement, key = '{STORAGE_KEY}';
  var asked = new URLSearchParams(location.search).get('mode');
  var stored = null;
  try {{ stored = localStorage.getItem(key); }} catch (e) {{}}
  function apply(on){{
    root.classList.toggle('{ELDER_CLASS}', on);
    window.ckElder = on;
    document.querySelectorAll('.ck-elder-switch').forEach(function(b){{ b.setAttribute('aria-pressed', on ? 'true' : 'false'); }});
  }}
  if (asked === 'elder' || asked === 'normal') {{
    try {{ localStorage.setItem(key, asked); }} catch (e) {{}}
    stored = asked;
  }}
  apply(stored === 'elder');
  document.addEventListener('click', function(e){{
    var b = e.target.closest && e.target.closest('.ck-elder-switch');
    if (!b) return;
    var on = !root.classList.contains('{ELDER_CLASS}');
    try {{ localStorage.setItem(key, on ? 'elder' : 'normal'); }} catch (err) {{}}
    apply(on);
    if (window.ckRedraw) window.ckRedraw();
  }});
  document.addEventListener('DOMContentLoaded', function(){{ apply(root.classList.contains('{ELDER_CLASS}')); }});
}})();
"""
