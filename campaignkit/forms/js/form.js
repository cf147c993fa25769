// SCRIPT of campaignkit/forms/page.py.
(function(){
var form=document.getElementById('ck-form');
function answers(){var a={};new FormData(form).forEach(function(v,k){if(v==='')return;
 if(a[k]===undefined)a[k]=v;else if(Array.isArray(a[k]))a[k].push(v);else a[k]=[a[k],v];});return a;}
function val(n,a,cur,c){if(n[0]==='ref')return a[n[1]];if(n[0]==='dot')return cur;if(n[0]==='col')return c?c[n[1]]:'';
 if(n[0]==='length'){var v=val(n[1],a,cur,c);return v===undefined?0:String(v).length;}return n[1];}
// As forms/expressions.py _compare: numbers when both sides are numbers, else text.
function flat(v){return Array.isArray(v)?v.join(' '):(v===undefined||v===null?'':v);}
function num(v){if(typeof v==='number')return v;var s=String(v).trim();return /^-?\d+(\.\d+)?$/.test(s)?Number(s):null;}
function cmp(op,l,r){l=flat(l);r=flat(r);var a=num(l),b=num(r);
 if(a!==null&&b!==null){l=a;r=b;}else if(typeof l==='number'||typeof r==='number'){return op==='!=';}else{l=String(l);r=String(r);}
 return {'=':l===r,'!=':l!==r,'<':l<r,'<=':l<=r,'>':l>r,'>=':l>=r}[op];}
function ev(t,a,c){if(t[0]==='and')return ev(t[1],a,c)&&ev(t[2],a,c);if(t[0]==='or')return ev(t[1],a,c)||ev(t[2],a,c);
 if(t[0]==='not')return !ev(t[1],a,c);
 if(t[0]==='selected'){var v=val(t[1],a,undefined,c);v=v===undefined?[]:[].concat(v);return v.indexOf(t[2])>=0;}
 if(t[0]==='cmp')return cmp(t[1],val(t[2],a,undefined,c),val(t[3],a,undefined,c));return true;}
function update(){var a=answers();document.querySelectorAll('[data-relevant]').forEach(function(el){
 var show=ev(JSON.parse(el.getAttribute('data-relevant')),a);el.hidden=!show;
 el.querySelectorAll('input,select,textarea').forEach(function(i){i.disabled=!show;});});
 document.querySelectorAll('[data-ref]').forEach(function(el){var v=a[el.getAttribute('data-ref')];
  el.textContent=v===undefined?'…':flat(v);});
 document.querySelectorAll('[data-filter]').forEach(function(box){var t=JSON.parse(box.getAttribute('data-filter'));
  box.querySelectorAll('label.choice').forEach(function(l){var ok=ev(t,a,JSON.parse(l.getAttribute('data-cols'))),i=l.querySelector('input');
   l.hidden=!ok;if(!ok)i.checked=false;i.disabled=!ok||box.hidden;});});}
form.addEventListener('change',update);form.addEventListener('input',update);update();
document.querySelectorAll('fieldset.rank').forEach(function(box){
 var selects=[].slice.call(box.querySelectorAll('select')),items=[].slice.call(box.querySelectorAll('.rank-item'));
 function order(){return selects.map(function(s){return s.value;}).filter(Boolean);}
 function draw(){var o=order();items.forEach(function(b){var i=o.indexOf(b.getAttribute('data-value'));
  b.querySelector('.rank-no').textContent=i>=0?'第 '+(i+1)+' 位':'';b.classList.toggle('ranked',i>=0);
  b.setAttribute('aria-pressed',i>=0?'true':'false');});}
 items.forEach(function(b){b.addEventListener('click',function(){var o=order(),v=b.getAttribute('data-value'),i=o.indexOf(v);
  if(i>=0)o.splice(i,1);else o.push(v);selects.forEach(function(s,j){s.value=o[j]||'';});draw();update();});});
 box.querySelector('.rank-selects').hidden=true;box.querySelector('.rank-tap').hidden=false;draw();
});
})();
