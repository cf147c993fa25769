// PRESENTER_SCRIPT of campaignkit/talks/render.py.
(function(){
  var started = Date.now();
  var clock = document.getElementById('ck-clock');
  function tick(){
    var s = Math.floor((Date.now() - started) / 1000);
    clock.textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  }
  setInterval(tick, 1000); tick();
  document.getElementById('ck-restart').addEventListener('click', function(){ started = Date.now(); tick(); });
  var titles = JSON.parse(document.getElementById('ck-titles').textContent);
  var notes = Array.prototype.slice.call(document.querySelectorAll('.ck-notes'));
  var unfit = {}, shown = 0, warn = document.getElementById('ck-warn');
  function warning(){
    var f = unfit[shown];
    warn.hidden = !f;
    if (f) warn.textContent = '⚠ 这一页在投影（' + f.size + '）上' + f.unfit + '。请删减文字或拆成两页；'
      + '用 campaignkit talk check 检查每一页。';
  }
  window.ckOnFit = function(f){ if (f.unfit) unfit[f.index] = f; else delete unfit[f.index]; warning(); };
  window.ckOnShow = function(i){
    shown = i;
    notes.forEach(function(el){ el.classList.toggle('current', parseInt(el.getAttribute('data-index'), 10) === i); });
    document.getElementById('ck-next').textContent = i + 1 < titles.length ? '下一页：' + titles[i + 1] : '这是最后一页';
    warning();
  };
})();
