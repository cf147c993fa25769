// Wraps the JupyterLab plotly renderer's Plotly.react in Voilà so dashboard charts are laid out
// like every other (campaignkit/ui/fit.py), and again when resized.
(function(){
  var fitted = typeof WeakSet === 'function' ? new WeakSet() : null;
  var plotly = null, react = null;
  function width(gd){ return gd.clientWidth || (gd.parentNode && gd.parentNode.clientWidth) || window.innerWidth; }
  function fit(gd){
    var s = window.ckFit(JSON.parse(gd.__ckSpec), width(gd));
    if (fitted) fitted.add(s.layout);
    return s;
  }
  function hook(P){
    if (!P || P.__ckHooked || typeof P.react !== 'function') return P;
    react = P.react; plotly = P;
    P.react = function(gd, data, layout, config){
      // The renderer's call (not plotly's own second call with a layout this script made).
      if (gd && gd.nodeType === 1 && Array.isArray(data) && !(fitted && layout && fitted.has(layout))) {
        gd.__ckSpec = JSON.stringify({data: data, layout: layout || {}});
        gd.__ckConfig = config;
        gd.__ckWidth = width(gd);
        var s = fit(gd);
        return react.call(P, gd, s.data, s.layout, config).then(function(){ return window.ckMend(gd); });
      }
      return react.apply(P, arguments);
    };
    // JupyterLab's plotly renderer draws a chart before it is on the page (plotly's 700 px
    // then) and resizes it when shown: the resized chart is measured and mended too.
    var resize = P.Plots && P.Plots.resize;
    if (typeof resize === 'function') {
      P.Plots.resize = function(gd){
        var done = resize.apply(this, arguments);
        var node = typeof gd === 'string' ? document.getElementById(gd) : gd;
        if (!node || !node.__ckSpec || !done || typeof done.then !== 'function') return done;
        return done.then(function(result){
          if (!node.clientWidth) return result;
          if (Math.abs(node.clientWidth - (node.__ckWidth || 0)) > 40) {
            node.__ckWidth = node.clientWidth;
            var s = fit(node);
            return react.call(P, node, s.data, s.layout, node.__ckConfig).then(function(){ return window.ckMend(node); });
          }
          return window.ckMend(node);
        });
      };
    }
    P.__ckHooked = true;
    return P;
  }
  var current = window.Plotly;
  hook(current);
  try {
    Object.defineProperty(window, 'Plotly', {configurable: true, get: function(){ return current; }, set: function(v){ current = hook(v); }});
  } catch (e) {}
  window.ckRedraw = function(){
    if (!react) return;
    document.querySelectorAll('.js-plotly-plot').forEach(function(gd){
      if (!gd.__ckSpec) return;
      gd.__ckWidth = width(gd);
      var s = fit(gd);
      react.call(plotly, gd, s.data, s.layout, gd.__ckConfig).then(function(){ return window.ckMend(gd); });
    });
  };
  // A window made narrower or wider (a phone turned, a laptop window halved) is laid out again.
  var timer = null;
  function refit(){
    clearTimeout(timer);
    timer = setTimeout(function(){
      document.querySelectorAll('.js-plotly-plot').forEach(function(gd){
        if (!gd.__ckSpec || !gd.clientWidth || Math.abs(gd.clientWidth - (gd.__ckWidth || 0)) <= 40) return;
        gd.__ckWidth = gd.clientWidth;
        var s = fit(gd);
        react.call(plotly, gd, s.data, s.layout, gd.__ckConfig).then(function(){ return window.ckMend(gd); });
      });
    }, 200);
  }
  // Also a chart drawn in a tab not yet open (no width then) is laid out when the tab is shown.
  window.addEventListener('resize', refit);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(refit).observe(document.documentElement);
    document.addEventListener('click', function(){ setTimeout(refit, 50); }, true);
  }
})();
