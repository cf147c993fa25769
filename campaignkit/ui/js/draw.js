// DRAW_SCRIPT of campaignkit/ui/static.py.
(function(){
  var embedded = JSON.parse(document.getElementById('ck-figures').textContent);
  var specs = embedded.figures, templates = embedded.templates;
  var drawn = {};
  window.ckDraw = function(id){
    if (drawn[id] || !specs[id] || !window.Plotly) return drawn[id];
    var s = specs[id];
    if (s.template !== undefined) s.layout.template = JSON.parse(JSON.stringify(templates[s.template]));
    var box = document.getElementById(id);
    if (window.ckFit && box) s = window.ckFit(s, box.clientWidth);
    if (box && s.layout.height) box.style.height = s.layout.height + 'px';
    drawn[id] = Plotly.newPlot(id, s.data, s.layout, s.config).then(function(gd){ return window.ckMend ? window.ckMend(gd) : gd; });
    return drawn[id];
  };
  window.ckRedraw = function(){ location.reload(); };  // a mode switch lays every chart out again
  window.ckDrawAll = function(){
    return Promise.all(Object.keys(specs).map(window.ckDraw)).then(function(){ window.ckReady = true; });
  };
  if (!document.body.hasAttribute('data-draw-later')) window.ckDrawAll();
})();
