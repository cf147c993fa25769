// DECK_SCRIPT of campaignkit/talks/render.py.
(function(){
  var slides = Array.prototype.slice.call(document.querySelectorAll('.ck-stage .ck-slide'));
  var n = slides.length, index = -1;
  var counter = document.getElementById('ck-counter');
  var named = document.body.getAttribute('data-channel');
  var channel = (named && 'BroadcastChannel' in window) ? new BroadcastChannel(named) : null;
  function show(i, tell){
    i = Math.max(0, Math.min(n - 1, i));
    if (i === index) return;
    if (index >= 0) slides[index].classList.remove('current');
    index = i;
    slides[i].classList.add('current');
    if (counter) counter.textContent = '第 ' + (i + 1) + ' / ' + n + ' 页';
    if (history.replaceState) history.replaceState(null, '', '#' + (i + 1));
    if (window.ckOnShow) window.ckOnShow(i);
    document.dispatchEvent(new CustomEvent('ck-show', {detail: {index: i, byUser: tell !== false}}));
    fit(slides[i]);
    if (tell !== false && channel) channel.postMessage({index: i});
  }
  // On the projector a chart's plot area keeps 45 % of the screen's height: a source line over
  // several lines becomes one (its full text stays in the handout), then the text shrinks step
  // by step; a slide that still does not fit is marked for `talk check` and the preview.
  var SCALES = [1, 0.92, 0.84, 0.76, 0.7];
  function chrome(gd){
    var size = gd._fullLayout && gd._fullLayout._size;
    return size ? size.t + size.b : 120;  // the margins: the same whatever the box's height
  }
  function fit(slide){
    var projector = document.body.classList.contains('ck-projector');
    var figures = Array.prototype.slice.call(slide.querySelectorAll('.ck-figure'));
    if (projector) {
      slide.querySelectorAll('.ck-source').forEach(function(line){
        var more = line.querySelector('.ck-source-more');
        if (!more) return;
        line.classList.remove('ck-one-line'); more.hidden = true;
        var height = parseFloat(getComputedStyle(line).lineHeight) || 36;
        if (line.getBoundingClientRect().height > 1.5 * height) { line.classList.add('ck-one-line'); more.hidden = false; }
      });
      var plot = Math.ceil(0.45 * window.innerHeight);
      var needs = figures.map(function(f){ return plot + Math.ceil(chrome(f)); });
      for (var k = 0; k < SCALES.length; k++) {
        slide.style.setProperty('--ck-fit', SCALES[k]);
        figures.forEach(function(f, j){ f.style.minHeight = needs[j] + 'px'; });
        if (slide.scrollHeight <= slide.clientHeight + 1) break;
      }
      var unfit = slide.scrollHeight > slide.clientHeight + 1;
      if (unfit) slide.setAttribute('data-ck-unfit', figures.length ? '图表和文字放不下：图表的绘图区不足屏幕高度的 45%' : '文字放不下');
      else slide.removeAttribute('data-ck-unfit');
      // The presenter's window (the trainer's preview) says so; the hall sees nothing of it.
      if (channel) channel.postMessage({fit: {index: slides.indexOf(slide), unfit: slide.getAttribute('data-ck-unfit') || '',
        size: window.innerWidth + '×' + window.innerHeight}});
    }
    // Its charts take the room the slide has now (buttons and fonts arrive after the first draw).
    // window.ckSettled: done when they have (for a page checker).
    window.ckSettled = Promise.all(window.Plotly ? figures.filter(function(d){ return d.classList.contains('js-plotly-plot'); })
      .map(function(d){ return Plotly.Plots.resize(d).then(function(){ return window.ckMend ? window.ckMend(d) : d; }); }) : []);
  }
  window.ckFitSlide = function(){ if (index >= 0) fit(slides[index]); };
  window.addEventListener('resize', window.ckFitSlide);
  var waiting = setInterval(function(){ if (window.ckReady) { clearInterval(waiting); window.ckFitSlide(); } }, 100);
  function fullscreen(){
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
  }
  window.ckGo = show;
  window.ckIndex = function(){ return index; };
  window.ckCount = n;
  document.addEventListener('keydown', function(e){
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key, next = ['ArrowRight', 'ArrowDown', 'PageDown', 'Enter'], back = ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace'];
    if (next.indexOf(k) >= 0 || (k === ' ' && !e.shiftKey)) { show(index + 1); e.preventDefault(); }
    else if (back.indexOf(k) >= 0 || (k === ' ' && e.shiftKey)) { show(index - 1); e.preventDefault(); }
    else if (k === 'Home') { show(0); e.preventDefault(); }
    else if (k === 'End') { show(n - 1); e.preventDefault(); }
    else if (k === 'f' || k === 'F') { fullscreen(); }
  });
  document.querySelectorAll('[data-go]').forEach(function(b){
    b.addEventListener('click', function(){ show(index + parseInt(b.getAttribute('data-go'), 10)); });
  });
  window.ckShowQuietly = function(i){ show(i, false); };
  var full = document.getElementById('ck-fullscreen');
  if (full) full.addEventListener('click', fullscreen);
  if (channel) channel.onmessage = function(m){
    if (m.data && m.data.fit) { if (window.ckOnFit) window.ckOnFit(m.data.fit); }
    else if (m.data && typeof m.data.index === 'number') show(m.data.index, false);
    else if (m.data && m.data.hello && index >= 0) channel.postMessage({index: index});
  };
  var start = parseInt((location.hash || '#1').slice(1), 10);
  show(isNaN(start) ? 0 : start - 1, false);
  if (channel) channel.postMessage({hello: true});
})();
