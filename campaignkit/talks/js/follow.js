// FOLLOW_SCRIPT of campaignkit/talks/render.py.
(function(){
  var url = document.body.getAttribute('data-follow');
  var button = document.getElementById('ck-follow');
  var following = true, version = -1, at = null;
  function mark(){
    button.setAttribute('aria-pressed', following ? 'true' : 'false');
    button.textContent = !following ? '回到大屏这一页' : (at === null ? '等待开讲…' : '✓ 跟随大屏');
  }
  document.addEventListener('ck-show', function(e){ if (e.detail.byUser && following) { following = false; mark(); } });
  button.addEventListener('click', function(){
    following = !following; mark();
    if (following && at !== null) window.ckShowQuietly(at);
  });
  function ask(){
    var address = url + (url.indexOf('?') < 0 ? '?' : '&') + 'after=' + version;
    fetch(address, {credentials: 'same-origin', cache: 'no-store'})
      .then(function(r){ if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function(p){
        version = p.version;
        if (p.shown) { at = p.index; if (following) window.ckShowQuietly(at); }
        mark(); ask();
      })
      .catch(function(){ setTimeout(ask, 3000); });  // the laptop restarting, the Wi-Fi dropping
  }
  mark(); ask();
})();
