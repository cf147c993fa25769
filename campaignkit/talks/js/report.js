// REPORT_SCRIPT of campaignkit/talks/render.py.
(function(){
  var url = document.body.getAttribute('data-report');
  if (!url || !window.fetch) return;
  var xsrf = document.body.getAttribute('data-xsrf') || '';
  var title = encodeURIComponent(document.title);
  document.addEventListener('ck-show', function(e){
    fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'title=' + title, {method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-XSRFToken': xsrf}, body: JSON.stringify({index: e.detail.index})})
      .catch(function(){});
  });
})();
