// The page checker (issue 25): what a person in the hall can read on the page as it is drawn
// now. Returns a list of problems, each one line; an empty list is a readable page.
//
// - Every drawn chart keeps its plot area: 45 % of the window's height on a slide
//   (options.slide), options.minPlot px elsewhere.
// - No text over text: the line boxes of the page's text and every text of the charts
//   (titles, ticks, legends, bar labels, annotations) do not overlap; a chart's text stays
//   inside its chart, and no text runs off the side of the window (unless it sits in a box
//   that scrolls sideways or ends in "…" on purpose).
// - Ticks equal their values: every numeric tick label of a linear axis, read back as a
//   number (with 万 / 亿), equals its tick value exactly at the precision it shows (on an axis
//   the chart declares diverging in layout.meta, its distance from 0), and all the ticks of an
//   axis but 0 carry one unit; no tick label hidden at the chart's edge; bars start at zero,
//   and a line chart whose value axis does not says so on the chart ("不从零开始").
// - Chinese words only: no Latin word of three letters or more outside lines that name a
//   source (来源 / 出处) and commands in <code> (for trainers to type), except GDP, CPI, PDF,
//   Excel, WPS and ODK; dates as 年月日, not 2016-06-17.
(options) => {
  options = Object.assign({slide: false, minPlot: 120}, options || {});
  const problems = [];
  const width = window.innerWidth, height = window.innerHeight;
  const shown = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const short = (text) => text.replace(/\s+/g, ' ').trim().slice(0, 24);

  // Boxes that scroll sideways or cut with an ellipsis on purpose (a wide table, a one-line source).
  function sideways(el) {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.textOverflow === 'ellipsis' || s.overflowX === 'auto' || s.overflowX === 'scroll') return true;
    }
    return false;
  }

  // What of a box its scrolling or clipping ancestors let be seen (a slide that scrolls, a
  // one-line source cut with "…").
  const clips = new Map();
  function clipOf(el) {
    if (!el || el === document.body || el === document.documentElement) return {left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity};
    if (clips.has(el)) return clips.get(el);
    let clip = clipOf(el.parentElement);
    const s = getComputedStyle(el);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const r = el.getBoundingClientRect();
      clip = {left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top),
              right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom)};
    }
    clips.set(el, clip);
    return clip;
  }
  function seen(r, el) {
    const c = clipOf(el);
    const box = {left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom)};
    box.width = box.right - box.left; box.height = box.bottom - box.top;
    return box.width > 0.5 && box.height > 0.5 ? box : null;
  }

  // Every visible text as boxes: HTML text one box per line, each chart text one box.
  const boxes = [];
  const blocks = new Map();  // block element -> its text, for the words rule
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent || parent.closest('svg, script, style, noscript, template, .modebar')) continue;
    if (!shown(parent)) continue;
    const typed = parent.closest('code, kbd');  // a command or a file name the trainer types
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].map((r) => seen(r, parent)).filter(Boolean);
    if (!rects.length) continue;
    let block = parent;
    while (block !== document.body && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!typed) blocks.set(block, (blocks.get(block) || '') + node.textContent);
    for (const r of rects) boxes.push({r, text: node.textContent, owner: node, el: parent});
  }
  const charts = [...document.querySelectorAll('.js-plotly-plot')].filter(shown);
  const chartLines = [];
  for (const gd of charts) {
    const frame = gd.getBoundingClientRect();
    for (const t of gd.querySelectorAll('svg text')) {
      if (!t.textContent.trim() || !shown(t) || t.closest('.modebar, .hoverlayer')) continue;
      const r = t.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const visible = seen(r, gd);  // what a slide that scrolls shows of it
      if (!visible) continue;
      boxes.push({r: visible, text: t.textContent, owner: t, el: t, chart: gd});
      chartLines.push(t.textContent);
      if (r.left < frame.left - 2 || r.right > frame.right + 2 || r.top < frame.top - 2 || r.bottom > frame.bottom + 2) {
        problems.push(`图表文字超出图表：“${short(t.textContent)}”`);
      }
    }
    const size = gd._fullLayout && gd._fullLayout._size;
    if (size) {
      // A value label plotly clips at the plot area shows part of its number ("78亿元" for 378亿元).
      const plot = {left: frame.left + size.l, top: frame.top + size.t};
      plot.right = plot.left + size.w; plot.bottom = plot.top + size.h;
      for (const t of gd.querySelectorAll('.textpoint text, .bartext')) {
        const r = t.getBoundingClientRect();
        if (!r.width || !t.textContent.trim() || !t.closest('[clip-path]')) continue;
        if (r.left < plot.left - 1 || r.right > plot.right + 1 || r.top < plot.top - 1 || r.bottom > plot.bottom + 1) {
          problems.push(`数据标签被图的边缘切掉：“${short(t.textContent)}”`);
        }
      }
      const need = options.slide ? Math.floor(0.45 * height) - 1 : options.minPlot;
      if (size.h < need) problems.push(`图表绘图区只有 ${Math.round(size.h)} px 高（至少 ${need} px）：${short(gd.textContent)}`);
    }
    problems.push(...ticks(gd));
    problems.push(...fromZero(gd));
  }

  // Off the side of the window.
  for (const b of boxes) {
    if (b.chart || sideways(b.el)) continue;
    if (b.r.left < -1 || b.r.right > width + 1) problems.push(`文字超出屏幕：“${short(b.text)}”`);
  }

  // Text over text: boxes that share more than a third of the smaller one's height and 2 px of
  // width (line boxes of one paragraph touch by a pixel or two in CJK fonts; that is not overlap).
  boxes.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i];
    for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.r.bottom; j++) {
      const b = boxes[j];
      if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
      const across = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const down = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (across > 2 && down > Math.min(a.r.height, b.r.height) / 3) {
        problems.push(`文字重叠：“${short(a.text)}”和“${short(b.text)}”`);
      }
    }
  }

  // Bars start at zero; a line chart whose value axis does not says so on the chart.
  function fromZero(gd) {
    const found = [], layout = gd._fullLayout || {};
    for (const trace of gd._fullData || []) {
      if (trace.visible !== true) continue;
      const line = trace.type === 'scatter' && /lines/.test(trace.mode || '');
      if (trace.type !== 'bar' && !line) continue;
      const flat = trace.type === 'bar' && trace.orientation === 'h';
      const id = flat ? trace.xaxis : trace.yaxis;
      const ax = layout[id.replace(/^([xy])/, '$1axis')];
      if (!ax || ax.type !== 'linear' || !Array.isArray(ax.range)) continue;
      const [low, high] = [Math.min(...ax.range), Math.max(...ax.range)];
      if (low <= 0 && high >= 0) continue;
      if (line && /不从零|不从 0/.test(gd.textContent)) continue;
      found.push(`${line ? '折线' : '柱子'}的数值轴不从零开始（${low}—${high}）：${short(gd.textContent)}`);
    }
    return found;
  }

  // Ticks read back as numbers.
  function ticks(gd) {
    const found = [];
    const layout = gd._fullLayout || {};
    for (const key of Object.keys(layout)) {
      const ax = layout[key];
      if (!/^[xy]axis\d*$/.test(key) || !ax || !ax.visible || !ax.showticklabels || ax.type !== 'linear') continue;
      const units = new Set();
      // A diverging axis (agree to the right, disagree to the left) says how many on each side.
      const diverging = ((gd.layout.meta || {}).diverging || []).includes(key);
      for (const t of gd.querySelectorAll(`.${ax._id}tick text`)) {
        // plotly hides a tick label that would leave the chart: one end of the axis unsaid.
        if (t.textContent.trim() && t.style.display === 'none') found.push(`刻度“${t.textContent}”被图的边缘藏起`);
        const datum = t.__data__, label = t.textContent.replace(/[\s\u2009,，]/g, '').replace('−', '-');
        if (!datum || !label || !shown(t)) continue;
        const m = label.match(/^(-?\d+(?:\.(\d+))?)(万亿|亿|万)?(.*)$/);
        if (!m) continue;  // a word on a tick (a year's name, a category)
        const number = parseFloat(m[1]), scale = {万亿: 1e12, 亿: 1e8, 万: 1e4}[m[3]] || 1;
        const value = diverging ? Math.abs(datum.x) : datum.x;
        const equal = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
        // The axis may count in ones (15000 → "1.5万"), or in the unit it shows (1.5 → "1.5万公里"),
        // or in 亿 with labels in 万亿: the label and the value differ by a power of 10,000 at most.
        const exact = [value, value * 100].some((v) => [1, 1e4, 1e8, 1e12].some((f) => equal(v * f, number * scale)));
        if (!exact) found.push(`刻度“${t.textContent}”不等于它的值 ${value}`);
        if (number !== 0) units.add((m[3] || '') + m[4]);
      }
      if (units.size > 1) found.push(`一根坐标轴上单位不一：${[...units].join('、')}`);
    }
    return found;
  }

  // Chinese words only.
  const ALLOWED = new Set(['GDP', 'CPI', 'PDF', 'Excel', 'WPS', 'ODK']);
  const lines = [...blocks.values(), ...chartLines];
  for (const line of lines) {
    const date = line.match(/\b(1[89]|20)\d\d-[01]\d-[0-3]\d\b/);
    if (date) problems.push(`日期没有写成年月日：${date[0]}（“${short(line)}”）`);
    if (/来源|出处/.test(line)) continue;
    const words = (line.match(/[A-Za-z]{3,}/g) || []).filter((w) => !ALLOWED.has(w));
    if (words.length) problems.push(`页面上有外文：${words.slice(0, 3).join(' ')}（“${short(line)}”）`);
  }
  return [...new Set(problems)];
}
