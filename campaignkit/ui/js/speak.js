// SPEAK_SCRIPT of campaignkit/ui/static.py (__SPEAKER__: the speaker icon's SVG).
(function(){
  var SPEAKER = '__SPEAKER__';
  var url = document.body.getAttribute('data-speak');
  var synth = window.speechSynthesis, playing = null;
  function voice(){ return synth ? synth.getVoices().filter(function(v){ return /^(zh|cmn)/i.test(v.lang); })[0] : null; }
  function say(text){
    if (url) {
      if (playing) playing.pause();
      playing = new Audio(url + (url.indexOf('?') >= 0 ? '&' : '?') + 'text=' + encodeURIComponent(text));
      window.ckSpeaking = playing;
      playing.play().catch(function(){});
      return;
    }
    var v = voice();
    if (!v) return;
    synth.cancel();
    var u = new SpeechSynthesisUtterance(text); u.voice = v; u.lang = v.lang; synth.speak(u);
  }
  function attach(){
    if (!url && !voice()) return;
    document.querySelectorAll('.ck-speakable, .ck-card').forEach(function(el){
      if (el.querySelector('.ck-speak')) return;
      var b = document.createElement('button');
      b.type = 'button'; b.className = 'ck-speak'; b.innerHTML = SPEAKER;
      b.setAttribute('aria-label', '朗读这一段'); b.title = '朗读这一段';
      b.addEventListener('click', function(){ say(el.textContent.trim()); });
      el.appendChild(b);
    });
  }
  if (synth && 'onvoiceschanged' in synth) synth.addEventListener('voiceschanged', attach);
  attach();
})();
