// ckFit and ckMend (campaignkit/ui/fit.py): every chart laid out for the width it gets.
// Charts are built for a laptop; on a narrow screen (a phone) they are laid out again for the
// width they get, before drawing: smaller type, the title and the source line wrapped, the
// legend and the 示例 badge on rows of their own above the plot, bar labels cut to their
// number, no value labels on crowded lines.
// CHART_TEXT_PX is replaced by the size 长辈模式 gives chart text (ui/elder.py).
(function(){
  var CHART_TEXT = CHART_TEXT_PX;
  function plain(t){ return String(t || '').replace(/<br>/g, ' ').replace(/<[^>]*>/g, ''); }
  // plotly.py sends numeric arrays as {dtype, bdata} (base64): their length is in the bytes.
  // The numbers of a data array, plain or {dtype, bdata}.
  function values(v){
    if (Array.isArray(v)) return v.filter(function(x){ return typeof x === 'number' && isFinite(x); });
    if (!v || typeof v.bdata !== 'string') return [];
    var raw = atob(v.bdata), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var kinds = {f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array};
    var Kind = kinds[v.dtype];
    return Kind ? Array.prototype.slice.call(new Kind(bytes.buffer)) : [];
  }
  function count(v){
    if (Array.isArray(v)) return v.length;
    if (v && typeof v.bdata === 'string') return atob(v.bdata).length / (parseInt(String(v.dtype).replace(/\D/g, ''), 10) || 8);
    return 0;
  }
  // Lines of at most n Chinese characters' width: a Latin letter or digit is about half as
  // wide, and a Latin word (a source's own title) is broken at its spaces, not inside a word.
  var WIDE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
  function units(s){ var w = 0; for (var i = 0; i < s.length; i++) w += WIDE.test(s[i]) ? 1 : 0.62; return w; }
  var CLOSING = /^[，。、；：？！）》」』】,.;:?!)\]…]/, OPENING = /[（《「『【(\[“]/;
  function wrap(t, n){
    // A number keeps its unit ('24 家', '2020年'); a Latin word is one piece.
    var pieces = plain(t).match(/[0-9][0-9.,%]*\s?[\u4E00-\u9FFF]?|[A-Za-z][^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]*|\s+|[\s\S]/g) || [];
    var out = [], line = '', used = 0;
    pieces.forEach(function(piece){
      if (/^\s+$/.test(piece)) { if (used > 0) { line += ' '; used += 0.62; } return; }
      var w = units(piece);
      if (used > 0 && used + w > n) {
        // A line never starts with "，" or ")" (the character before goes down with it) nor
        // ends with "（".
        var cut = line.length;
        if (CLOSING.test(piece) && cut > 1) cut--;
        while (cut > 1 && OPENING.test(line[cut - 1])) cut--;
        var carry = line.slice(cut);
        out.push(line.slice(0, cut).replace(/\s+$/, '')); line = carry; used = units(carry);
      }
      while (w > n) {  // one word longer than a line
        var cut = 1;
        while (cut < piece.length && units(piece.slice(0, cut + 1)) <= n) cut++;
        out.push(piece.slice(0, cut)); piece = piece.slice(cut); w = units(piece);
      }
      line += piece; used += w;
    });
    if (line) out.push(line.replace(/\s+$/, ''));
    return out;
  }
  // Wide screens (a projector, a laptop) keep the layout; only a source line longer than the
  // chart is broken into lines, with the room under the plot it then needs.
  function wrapSource(s, width){
    var L = s.layout, source = (L.annotations || []).filter(function(a){ return a.name === 'source-line'; })[0];
    var title = L.title && typeof L.title === 'object' ? L.title : null;
    var theme = (L.template && L.template.layout) || {};
    var tsize = (title && title.font && title.font.size) || (theme.title && theme.title.font && theme.title.font.size) || 17;
    if (title && title.text && plain(title.text).length * tsize > width - 60) {
      var tl = wrap(title.text, Math.max(8, Math.floor((width - 60) / tsize)));
      title.text = tl.join('<br>');
      L.margin = Object.assign({}, L.margin, {t: Math.max((L.margin && L.margin.t) || 0, 30 + tl.length * Math.round(tsize * 1.3))});
    }
    if (!source) return s;
    var size = (source.font && source.font.size) || 12, below = -(source.yshift || 0);
    // The line starts at the plot's left edge: after the category labels of horizontal bars.
    var tick = (theme.yaxis && theme.yaxis.tickfont && theme.yaxis.tickfont.size) || 15, labels = 80;
    (s.data || []).forEach(function(t){
      if (t.orientation === 'h') (t.y || []).forEach(function(y){ labels = Math.max(labels, plain(y).length * tick + 30); });
    });
    var lines = [];
    String(source.text || '').split('<br>').forEach(function(line){
      wrap(line, Math.max(12, Math.floor((width - labels - 60) / (size + 1)))).forEach(function(part){ lines.push(part); });
    });
    source.text = lines.join('<br>');
    L.margin = Object.assign({}, L.margin, {b: Math.max((L.margin && L.margin.b) || 0, below + lines.length * Math.round(size * 1.35) + 10)});
    return s;
  }
  window.ckFit = function(s, width){
    var elder = !!window.ckElder;
    if (!width) return s;
    if (width >= 640 && !elder) return wrapSource(s, width);
    var L = s.layout, size = elder ? CHART_TEXT : 13, tsize = elder ? 24 : 17, row = Math.round(size * 2.4);  // a legend row as drawn (30 px at 13 px)
    var badgeRow = Math.round(size * 2.4) + 6;  // the badge's box, with its border and padding
    var annotations = L.annotations || [];
    var badge = annotations.filter(function(a){ return a.name === 'illustrative-badge'; })[0];
    var source = annotations.filter(function(a){ return a.name === 'source-line'; })[0];
    L.font = Object.assign({}, L.font, {size: size});
    var years = 0, hbars = false;
    (s.data || []).forEach(function(t){ years = Math.max(years, count(t.x)); hbars = hbars || t.orientation === 'h'; });
    Object.keys(L).concat(['xaxis', 'yaxis']).forEach(function(k){
      if (!/^[xy]axis[0-9]*$/.test(k)) return;
      var ax = L[k] = Object.assign({}, L[k]);
      ax.tickfont = Object.assign({}, ax.tickfont, {size: size});
      if (ax.dtick === 1) ax.dtick = years > (elder ? 4 : 8) ? 2 : 1;  // every year would crowd or tilt
      if (k.charAt(0) === 'x') ax.tickangle = 0;
      if (k.charAt(0) === 'x' && hbars && !ax.tickvals) ax.nticks = 3;  // a narrow value axis beside long labels
      ax.automargin = true;
      if (ax.title) ax.title = Object.assign({}, typeof ax.title === 'string' ? {text: ax.title} : ax.title, {font: {size: size}});
    });
    var titleText = L.title && (L.title.text || (typeof L.title === 'string' ? L.title : ''));
    var titleLines = titleText ? wrap(titleText, Math.max(6, Math.floor((width - 16) / tsize))) : [];
    L.title = Object.assign({}, typeof L.title === 'object' ? L.title : {}, {
      text: titleLines.join('<br>'), font: {size: tsize}, x: 0, xanchor: 'left', xref: 'container', yref: 'paper', y: 1, yanchor: 'bottom'
    });
    // The plot (and the legend and source line, which start where it does) begins after the
    // category labels of horizontal bars.
    // Long category labels are broken into lines so the plot keeps at least half the width.
    var labels = 0, perLine = Math.max(3, Math.floor(width * 0.38 / size)), broken = {};
    (s.data || []).forEach(function(t){
      if (t.orientation !== 'h' || !Array.isArray(t.y)) return;
      t.y.forEach(function(y){
        broken[y] = plain(y).length > perLine ? wrap(y, perLine).join('<br>') : y;
        labels = Math.max(labels, Math.min(plain(y).length, perLine) * size + 16);
      });
    });
    (s.data || []).forEach(function(t){  // every trace on those categories (the blueprint's time marks)
      if (Array.isArray(t.y)) t.y = t.y.map(function(y){ return broken.hasOwnProperty(y) ? broken[y] : y; });
    });
    var named = (s.data || []).filter(function(t){ return t.showlegend !== false && t.name; });
    // Rows the horizontal legend wraps into, item by item as plotly lays them out.
    var legendRows = 0;
    if (L.showlegend !== false && named.length >= 2) {
      var avail = Math.max(80, width - labels - 90), used = avail;
      named.forEach(function(t){
        var w = plain(t.name).length * (size + 2) + 64 + (elder ? 20 : 0);  // generous: a row too many costs a little room, one too few an overlap
        if (used + w > avail) { legendRows += 1; used = 0; }
        used += w;
      });
    }
    L.legend = Object.assign({}, L.legend, {orientation: 'h', x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', font: {size: size}});
    var top = 8 + titleLines.length * Math.round(tsize * 1.3) + (badge ? badgeRow : 0) + legendRows * row + 8;
    // The title sits on the badge and the legend, which sit on the plot. Anchored at its bottom,
    // plotly still puts the first line's baseline at the anchor and the others below it: the
    // padding makes room for them.
    // Also the descent of the last line's glyphs below their baseline.
    L.title.pad = {b: (badge ? badgeRow : 0) + legendRows * row + 4 + Math.round(tsize * 0.3) + (titleLines.length - 1) * Math.round(tsize * 1.3), l: 6};
    if (badge) Object.assign(badge, {x: 0, xanchor: 'left', y: 1, yanchor: 'bottom', yshift: legendRows * row + 4, font: Object.assign({}, badge.font, {size: size})});
    // Any other note (an empty chart's message) is broken into lines that fit.
    annotations.forEach(function(a){
      if (a === badge || a === source || !a.text) return;
      a.font = Object.assign({}, a.font, {size: size});
      a.text = wrap(a.text, Math.max(6, Math.floor((width - 40) / (size + 1)))).join('<br>');
    });
    var bottom = (L.margin && L.margin.b) || 60;
    if (source) {
      // Below the plot: the tick labels and an axis title, at this size.
      var below = Math.max(-(source.yshift || 0), 2 * size + 34);
      source.yshift = -below;
      var small = elder ? size : 11;
      // The line starts at the plot's left edge: after the value ticks, or the category labels.
      var lines = wrap(source.text, Math.max(6, Math.floor((width - Math.max(labels, 4 * size) - 24) / (small + 1))));
      Object.assign(source, {text: lines.join('<br>'), font: Object.assign({}, source.font, {size: small})});
      bottom = below + lines.length * Math.round(small * 1.4) + 10;
    }
    L.margin = Object.assign({}, L.margin, {t: top, b: bottom, r: 12, l: 10});
    L.height = Math.max(elder ? 480 : 360, (elder ? 300 : 240) + top + bottom);  // the plot keeps its room
    (s.data || []).forEach(function(t){
      if (t.type === 'bar') {
        t.textfont = Object.assign({}, t.textfont, {size: elder ? size : 11});
        t.textangle = 0;
        if (t.orientation === 'h' && Array.isArray(t.text)) {
          t.text = t.text.map(function(x){ return String(x).split('（')[0]; });
          // Labels outside the bars need room at the end of the value axis, or the longest is cut
          // off. The axis is only ever widened: over every trace's values (markers, error bars)
          // and never below a range the chart set itself.
          var most = 0;
          (s.data || []).forEach(function(u){
            var xs = values(u.x), plus = u.error_x && u.error_x.array ? values(u.error_x.array) : [];
            xs.forEach(function(v, i){ most = Math.max(most, v + (plus[i] || 0)); });
          });
          var chars = Math.max.apply(null, t.text.map(function(x){ return String(x).length; }).concat([0]));
          var plot = width - labels - 40, label = chars * (elder ? size : 11) * 0.75 + 10;
          if (most > 0 && t.textposition === 'outside' && plot > 0) {
            var ax = L.xaxis = Object.assign({}, L.xaxis);
            var end = most * plot / Math.max(plot * 0.4, plot - label);
            var own = Array.isArray(ax.range) && ax.range.length === 2 ? ax.range : null;
            ax.range = own ? [own[0], Math.max(own[1], end)] : [0, end];
            ax.autorange = false;
          }
        }
      }
      if (t.type === 'scatter' && /text/.test(t.mode || '') && count(t.x) > 6) t.mode = t.mode.replace(/\+?text/, '');
      // A label centred over its point (the guide's cited events) may take half the plot's width
      // in lines: wider, it runs off whichever side its point is near.
      var centred = [].concat(t.textposition || 'middle center').every(function(p){ return /center/.test(p); });
      if (t.type === 'scatter' && /text/.test(t.mode || '') && Array.isArray(t.text) && centred) {
        var tpx = (t.textfont && t.textfont.size) || size, per = Math.max(4, Math.floor((width - 40) / 2 / tpx));
        t.text = t.text.map(function(x){
          return String(x).split('<br>').map(function(line){
            if (/[&<]/.test(line) || units(line) <= per) return line;
            return wrap(line, Math.ceil(units(line) / Math.ceil(units(line) / per))).join('<br>');  // even lines
          }).join('<br>');
        });
      }
    });
    return s;
  };

  // After a chart is drawn, what the estimates above missed is measured and mended (once or
  // twice, like plotly's own automargin): tick labels that run together keep every k-th tick
  // (the values stay exact), value labels that collide keep each line's last one, labels
  // past the plot's end widen the axis, ticks past the chart's left edge widen the margin, a
  // title over the top tick moves up.
  function nice(k){ var steps = [1, 2, 5, 10, 20, 50, 100]; for (var i = 0; i < steps.length; i++) if (steps[i] >= k) return steps[i]; return k; }
  function meet(a, b, gap){
    return Math.min(a.right, b.right) - Math.max(a.left, b.left) > -(gap || 0) && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  }
  function crowdedTicks(gd, patch){
    var L = gd._fullLayout;
    Object.keys(L).forEach(function(key){
      if (!/^xaxis[0-9]*$/.test(key)) return;
      var ax = L[key];
      if (!ax || !ax.visible || !ax.showticklabels || !ax._vals || ax._vals.length < 2) return;
      var texts = [].slice.call(gd.querySelectorAll('.' + ax._id + 'tick text')).filter(function(t){ return t.textContent; });
      if (texts.length < 2) return;
      var widest = Math.max.apply(null, texts.map(function(t){ return t.getBBox().width; }));
      var centres = ax._vals.map(function(v){ return ax.l2p(v.x); }).sort(function(a, b){ return a - b; });
      var spacing = Infinity;
      for (var i = 1; i < centres.length; i++) spacing = Math.min(spacing, centres[i] - centres[i - 1]);
      var rotated = texts.some(function(t){ return /rotate\((?!0[,)])/.test(t.getAttribute('transform') || ''); });
      if (!(spacing > 0) || (spacing >= widest + 8 && !rotated)) return;
      var k = nice(Math.ceil((widest + 8) / spacing));
      patch[key + '.tickangle'] = 0;
      if (k <= 1) return;
      if (ax.tickmode === 'array' && Array.isArray(ax.tickvals)) {
        var keep = function(v, i){ return i % k === 0; };
        patch[key + '.tickvals'] = ax.tickvals.filter(keep);
        if (Array.isArray(ax.ticktext)) patch[key + '.ticktext'] = ax.ticktext.filter(keep);
      } else if (ax.type === 'category') {
        patch[key + '.tickmode'] = 'array';
        patch[key + '.tickvals'] = ax._categories.filter(function(v, i){ return i % k === 0; });
      } else if (ax.type === 'linear') {
        patch[key + '.tickmode'] = 'linear';
        patch[key + '.tick0'] = ax._vals[0].x;
        patch[key + '.dtick'] = (ax._vals[1].x - ax._vals[0].x) * k;
      }
    });
  }
  // Category labels on a vertical axis (horizontal bars) that run into each other: the chart
  // grows taller until each has its row.
  function crowdedRows(gd, patch){
    var L = gd._fullLayout, grow = 1;
    Object.keys(L).forEach(function(key){
      if (!/^yaxis[0-9]*$/.test(key)) return;
      var ax = L[key];
      if (!ax || !ax.visible || !ax.showticklabels || ax.type !== 'category' || !ax._vals || !ax._vals.length) return;
      var texts = [].slice.call(gd.querySelectorAll('.' + ax._id + 'tick text')).filter(function(t){ return t.textContent; });
      if (!texts.length) return;
      // Every bar keeps its label (plotly would label every other one when they crowd).
      var tallest = Math.max.apply(null, texts.map(function(t){ return t.getBBox().height; }));
      var spacing = L._size.h / Math.max(1, (ax._categories || []).length);
      if (texts.length < (ax._categories || []).length) { patch[key + '.tickmode'] = 'linear'; patch[key + '.tick0'] = 0; patch[key + '.dtick'] = 1; }
      if (spacing > 0 && tallest + 4 > spacing) grow = Math.max(grow, (tallest + 6) / spacing);
    });
    if (!L._size) return;
    // Not on a projector's slide, whose charts keep the room the slide gives them (it shrinks text instead).
    var projected = document.body.classList.contains('ck-projector') && window.innerWidth >= 640;
    // A plot squeezed by its own titles and source lines (the ledger's 投影大字 at 1024×768 left
    // it 72 px high) gets its room back.
    var least = window.innerWidth >= 640 ? 220 : 160, extra = 0;
    if (grow > 1) extra = L._size.h * (grow - 1);
    var plotted = L.xaxis && L.xaxis.visible;  // not a chart that only says there is no data
    if (plotted && L._size.h < least) extra = Math.max(extra, least - L._size.h);
    if (extra > 0 && !projected) {
      var height = Math.ceil(L.height + extra);
      patch.height = height;
      gd.style.height = height + 'px';
      gd.style.flex = 'none';  // a slide's chart box grows with it (the slide scrolls on a phone)
    }
  }
  function collidingLabels(gd, restyle){
    var traces = [].slice.call(gd.querySelectorAll('.scatterlayer .trace'));
    var boxes = [];
    traces.forEach(function(tr, i){
      tr.querySelectorAll('.textpoint text').forEach(function(t){ if (t.textContent) boxes.push({i: i, r: t.getBoundingClientRect()}); });
    });
    var clash = false;
    for (var a = 0; a < boxes.length && !clash; a++)
      for (var b = a + 1; b < boxes.length; b++) if (meet(boxes[a].r, boxes[b].r, 2)) { clash = true; break; }
    if (!clash) return;
    gd.data.forEach(function(t, i){
      if (t.type !== 'scatter' && t.type !== undefined) return;
      if (!Array.isArray(t.text) || !/text/.test(t.mode || '')) return;
      var last = -1;
      t.text.forEach(function(x, j){ if (x !== '' && x !== null && x !== undefined) last = j; });
      restyle.push([{text: [t.text.map(function(x, j){ return j === last ? x : ''; })]}, [i]]);
    });
  }
  function pastTheEnd(gd, patch){
    // A value label is cut where the plot area ends (plotly clips it there): 378亿元 read "78亿元".
    var L = gd._fullLayout, frame = gd.getBoundingClientRect(), size = L._size;
    var left = frame.left + size.l, right = left + size.w, top = frame.top + size.t;
    var before = 0, over = 0, above = 0;
    gd.querySelectorAll('.textpoint text, .bartext').forEach(function(t){
      var r = t.getBoundingClientRect();
      if (!r.width) return;
      before = Math.max(before, left + 6 - r.left);  // clear of the tick labels beside the plot
      over = Math.max(over, r.right - right);
      above = Math.max(above, top - r.top);
    });
    var x = L.xaxis, y = L.yaxis;
    if ((over > 0 || before > 0) && x && (x.type === 'linear' || x.type === 'category') && x.range) {
      var span = x.range[1] - x.range[0], room = Math.max(40, size.w - over - before - 16);
      patch['xaxis.range'] = [x.range[0] - (before > 0 ? span * (before + 8) / room : 0), x.range[1] + (over > 0 ? span * (over + 8) / room : 0)];
    }
    if (above > 0 && y && y.type === 'linear' && y.range) {
      var vspan = y.range[1] - y.range[0];
      patch['yaxis.range'] = [y.range[0], y.range[1] + vspan * (above + 6) / Math.max(40, size.h - above - 6)];
    }
    var outside = 0;
    gd.querySelectorAll('.ytick text, .g-ytitle text').forEach(function(t){
      var r = t.getBoundingClientRect();
      if (r.width) outside = Math.max(outside, frame.left + 1 - r.left);
    });
    if (outside > 0) patch['margin.l'] = (L.margin.l || 0) + Math.ceil(outside) + 6;
    // plotly hides a tick label that would leave the chart (the agree/disagree axis lost its
    // right-hand "100%"): the margin on that side grows until it fits.
    var hidden = {l: 0, r: 0};
    gd.querySelectorAll('.xtick text').forEach(function(t){
      if (t.style.display !== 'none' || !t.textContent || !t.__data__ || !x || !x.l2p) return;
      t.style.display = '';  // measured where plotly would have put it (a hidden label is not placed)
      var half = t.getBBox().width / 2;
      t.style.display = 'none';
      var centre = frame.left + size.l + x.l2p(t.__data__.x);
      hidden.r = Math.max(hidden.r, centre + half - frame.right);
      hidden.l = Math.max(hidden.l, frame.left - (centre - half));
    });
    if (hidden.r > 0) patch['margin.r'] = (L.margin.r || 0) + Math.ceil(hidden.r) + 4;
    if (hidden.l > 0 && !(outside > 0)) patch['margin.l'] = (L.margin.l || 0) + Math.ceil(hidden.l) + 4;
    // An x-axis title wider than the chart (the evaluation's "回答人数的百分比（250 人回答…）" ran
    // off a phone) is broken into lines; the source line under it moves down by as much.
    var xt = gd.querySelector('.g-xtitle text'), xtitle = L.xaxis && L.xaxis.title;
    if (xt && xtitle && xtitle.text) {
      var xr = xt.getBoundingClientRect();
      if (xr.width && (xr.right > frame.right + 1 || xr.left < frame.left - 1)) {
        var text = plain(xtitle.text), per = Math.max(6, Math.floor(units(text) * (frame.width - 24) / xr.width));
        var lines = wrap(text, per), extra = (lines.length - 1) * Math.round(((xtitle.font && xtitle.font.size) || 13) * 1.35);
        patch['xaxis.title.text'] = lines.join('<br>');
        patch['margin.b'] = (L.margin.b || 0) + extra;
        (L.annotations || []).forEach(function(a, i){
          if (a.name === 'source-line') patch['annotations[' + i + '].yshift'] = (a.yshift || 0) - extra;
        });
      }
    }
    // A source line wider than the chart starts at the chart's left edge instead of the plot's.
    (L.annotations || []).forEach(function(a, i){
      var note = gd.querySelector('.annotation[data-index="' + i + '"]');
      if (!note || a.name !== 'source-line' || a.xanchor !== 'left') return;
      var r = note.getBoundingClientRect();
      if (r.right > frame.right + 1 && !(a.xshift < 0)) patch['annotations[' + i + '].xshift'] = -(size.l - 6);
    });
    var title = gd.querySelector('.gtitle');
    if (title && title.textContent) {
      var tb = title.getBoundingClientRect(), rise = 0;
      gd.querySelectorAll('.ytick text, .g-ytitle text, .legendtext').forEach(function(t){
        var r = t.getBoundingClientRect();
        if (r.width && meet(tb, r)) rise = Math.max(rise, tb.bottom - r.top);
      });
      if (rise > 0) {
        var pad = (L.title && L.title.pad) || {};
        patch['title.pad.b'] = (pad.b || 0) + Math.ceil(rise) + 4;
        patch['margin.t'] = (L.margin.t || 0) + Math.ceil(rise) + 4;
      }
    }
  }
  window.ckMend = function(gd, rounds){
    rounds = rounds === undefined ? 4 : rounds;
    var P = window.Plotly;
    if (!P || !gd || !gd._fullLayout || rounds <= 0) return Promise.resolve(gd);
    if (!gd.offsetWidth) return Promise.resolve(gd);  // not shown yet: mended when drawn again
    // Drawn wider than its box (plotly's 700 px before it was on the page): mended once resized.
    if (gd._fullLayout.width > gd.getBoundingClientRect().width + 4) return Promise.resolve(gd);
    var patch = {}, restyle = [];
    try {
      crowdedTicks(gd, patch);
      crowdedRows(gd, patch);
      collidingLabels(gd, restyle);
      pastTheEnd(gd, patch);
    } catch (e) { return Promise.resolve(gd); }  // a chart plotly drew as it is beats none
    if (!Object.keys(patch).length && !restyle.length) return Promise.resolve(gd);
    var done = Promise.resolve();
    restyle.forEach(function(r){ done = done.then(function(){ return P.restyle(gd, r[0], r[1]); }); });
    return done.then(function(){ return Object.keys(patch).length ? P.relayout(gd, patch) : gd; })
      .then(function(){ return window.ckMend(gd, rounds - 1); });
  };
})();
