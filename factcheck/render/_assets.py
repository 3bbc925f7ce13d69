"""The HTML report's inline stylesheet and script: the page fetches nothing."""

CSS = """
:root{--pass:#1a7f37;--pass-bg:#dcf5e3;--fail:#c62828;--fail-bg:#ffd9d6;--unv:#8a6100;--unv-bg:#fff1c2;
--ink:#1d1d1f;--muted:#5f6368;--line:#d9d9de;--paper:#fff;--panel:#f7f7f9}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 Georgia,'Times New Roman',serif;color:var(--ink);background:var(--paper)}
header.top,main,section.unplaced,section.data{max-width:1280px;margin:0 auto;padding:0 24px}
header.top{padding-top:18px;padding-bottom:8px;border-bottom:1px solid var(--line);font-family:system-ui,sans-serif}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted)}
h1{margin:2px 0 8px;font-size:24px}
.counts{margin:6px 0}.meta{margin:4px 0;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.chip{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;font-size:14px}
.chip.v-pass,.badge.v-pass{background:var(--pass-bg);color:var(--pass)}
.chip.v-fail,.badge.v-fail{background:var(--fail-bg);color:var(--fail)}
.chip.v-unverifiable,.badge.v-unverifiable{background:var(--unv-bg);color:var(--unv)}
.chip.warned{background:#fff4e0;color:#8a5300}.warn-sign{color:#8a5300;margin-left:2px}
mark.fc.warned{outline:2px dotted #b26a00!important;outline-offset:1px}
.muted{color:var(--muted)}.sha{font-family:ui-monospace,monospace;font-size:11px;color:var(--muted);overflow-wrap:anywhere}
main.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(320px,440px);gap:32px;align-items:start}
article.story{max-width:42em;padding:8px 0 40px}
article.story h1{font-size:30px;line-height:1.2}
mark.fc{cursor:pointer;border-radius:2px;padding:0;color:inherit;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.fc.v-pass{background:var(--pass-bg);border-bottom:2px solid var(--pass)}
mark.fc.v-fail{background:var(--fail-bg);border-bottom:2px solid var(--fail)}
mark.fc.v-unverifiable{background:var(--unv-bg);border-bottom:2px dashed var(--unv)}
mark.fc:hover{filter:brightness(.95)}
mark.fc:focus-visible,mark.fc.active{outline:2px solid #1f4fd6;outline-offset:1px}
span.fc{padding:0 4px;border-radius:3px}
span.fc.v-pass{background:var(--pass-bg)}span.fc.v-fail{background:var(--fail-bg)}span.fc.v-unverifiable{background:var(--unv-bg)}
sup.fcn{font:700 10px system-ui,sans-serif;margin-left:2px}
sup.fcn.v-pass{color:var(--pass)}sup.fcn.v-fail{color:var(--fail)}sup.fcn.v-unverifiable{color:var(--unv)}
aside.panel{position:sticky;top:0;max-height:100vh;overflow:auto;padding:12px 16px 24px;background:var(--panel);
border-left:1px solid var(--line);font:14px/1.45 system-ui,sans-serif}
aside.panel h2{font-size:16px;margin:8px 0}
.js section.group{display:none}.js section.group.active{display:block}
.js section.overview.hidden{display:none}
section.group{border-top:1px solid var(--line);padding-top:4px}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font:600 12px system-ui,sans-serif}
article.claim{background:#fff;border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;
padding:10px 12px;margin:10px 0;font:14px/1.45 system-ui,sans-serif;break-inside:avoid}
article.claim.v-pass{border-left-color:var(--pass)}article.claim.v-fail{border-left-color:var(--fail)}
article.claim.v-unverifiable{border-left-color:var(--unv)}
article.claim h3{margin:0 0 6px;font-size:14px}.cid{font-size:13px}.line{font-weight:400;color:var(--muted);font-size:12px}
article.claim h3 .warning{display:block;margin-top:4px;font-size:12px;color:#8a5300;background:#fff4e0;padding:2px 6px;border-radius:3px}
blockquote.says{margin:6px 0;padding-left:10px;border-left:3px solid var(--line);font-family:Georgia,serif;color:#333}
p.message{margin:6px 0;font-weight:600}
table.evidence{border-collapse:collapse;width:100%;font-size:13px}
table.evidence th{text-align:left;vertical-align:top;color:var(--muted);font-weight:500;padding:3px 8px 3px 0;white-space:nowrap}
table.evidence td{padding:3px 0;vertical-align:top;overflow-wrap:anywhere}
table.mini{border-collapse:collapse;font-size:12px}table.mini th,table.mini td{border:1px solid var(--line);padding:1px 6px}
ul.kv,ul.notes,ul.files{margin:0;padding-left:16px}.k{color:var(--muted)}
details.sql summary{cursor:pointer;color:#1f4fd6;font-size:13px;margin-top:6px}
details.sql pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f2f2f5;padding:8px;border-radius:4px;font-size:11px;max-height:320px;overflow:auto}
figure.chart{margin:8px 0}svg.chart{max-width:100%;height:auto;font:10px system-ui,sans-serif}
svg.chart .grid{stroke:#e3e3e8}svg.chart .line{fill:none;stroke:#555;stroke-width:1.5}
svg.chart .pt{fill:#555}svg.chart .pt.marked{fill:#1f4fd6;stroke:#fff;stroke-width:1.5}
svg.chart .tick,svg.chart .key{fill:var(--muted)}svg.chart .key.marked{fill:#1f4fd6;font-weight:700}
svg.chart .val{fill:#1f4fd6;font-weight:700}
svg.chart .gap{fill:#ececf1}svg.chart .gap-label{fill:var(--muted);font-style:italic}svg.chart .key.missing{fill:#9a9aa0}svg.chart .solo-val{fill:#555}
ul.todo{list-style:none;padding:0}ul.todo li{margin:4px 0}a.jump{text-decoration:none;color:inherit}
a.jump:hover{text-decoration:underline}
section.unplaced,section.data,main.list{padding-top:8px;padding-bottom:16px;border-top:1px solid var(--line);font-family:system-ui,sans-serif}
table.files{border-collapse:collapse;font-size:13px;width:100%}table.files th,table.files td{text-align:left;border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top}
.img-alt{color:var(--muted);font-style:italic}
p.plain{margin:6px 0}p.why,p.from{margin:4px 0}p.from{color:var(--muted);overflow-wrap:anywhere}code.muted{font-size:12px}
details.exact summary{cursor:pointer;color:#1f4fd6;font-size:13px;margin-top:6px}details.exact table.evidence{margin-top:4px}
button.close{float:right;border:0;background:none;padding:0 6px;font:22px/1 system-ui,sans-serif;color:var(--muted);cursor:pointer}
.nojs button.close{display:none}
section.group.inplace{margin:10px 0 14px;padding:2px 10px 4px;background:var(--panel);border:1px solid var(--line);
border-radius:6px;font:14px/1.45 system-ui,sans-serif;text-align:left}
section.group.inplace h2{font-size:15px;line-height:1.3;margin:8px 0}section.group.inplace blockquote.says{display:none}
@media (max-width:900px){main.layout{grid-template-columns:minmax(0,1fr)}aside.panel{position:static;max-height:none;border-left:0}
header.top,main,section.unplaced,section.data{padding-left:14px;padding-right:14px}main.layout{gap:12px}
table.files,table.mini,article.story table{display:block;max-width:100%;overflow-x:auto}
table.files{overflow-wrap:normal}table.files td.sha{white-space:nowrap}
article.story pre{max-width:100%;overflow-x:auto}article.story{overflow-wrap:break-word}
aside.panel,article.claim,section.unplaced,main.list,header.top{overflow-wrap:anywhere}
.js aside.panel{order:-1;padding:0 0 4px;background:none;border:0}.js section.overview.hidden{display:block}
section.overview{border-bottom:1px solid var(--line)}section.overview p.hint,section.overview h2{display:none}}
@media (max-width:560px){table.evidence th,table.evidence td{display:block;white-space:normal}table.evidence th{padding:6px 0 0}table.evidence td{padding:0 0 2px}}
@media print{
body{font-size:11pt}main.layout{display:block}aside.panel{position:static;max-height:none;overflow:visible;background:none;border:0;padding:0}
.js section.group,section.group{display:block!important}section.overview{display:none!important}
mark.fc{outline:none!important}article.claim{border-color:#999}details.sql pre{max-height:none}
a.jump,button.close{display:none}header.top{border:0}
table.files,table.mini,article.story table{display:table;overflow:visible}table.files td.sha{white-space:normal;overflow-wrap:anywhere}
}
"""

SCRIPT = r"""
(function(){
  var body=document.body;body.classList.remove('nojs');body.classList.add('js');
  var marks=Array.prototype.slice.call(document.querySelectorAll('mark.fc'));
  var overview=document.getElementById('overview');
  var each=function(sel,f){Array.prototype.forEach.call(document.querySelectorAll(sel),f);};
  // one column (phones, narrow windows): the evidence opens in the text, under the tapped sentence
  var narrow=window.matchMedia?window.matchMedia('(max-width:900px)'):null;
  var homes={},current=null;
  function pieces(n){return marks.filter(function(m){return m.getAttribute('data-group')===n;});}
  function ownText(m){var t=m.textContent,s=m.querySelector('sup');return s?t.slice(0,t.length-s.textContent.length):t;}
  var END=/[.!?\u2026]["'\u201d\u2019)\]]*(?=\s|$)/;
  function where(last){
    // where the evidence goes: after the end of the tapped sentence (its full stop), else after its block
    var block=last.closest('p,li,td,th,h1,h2,h3,h4,h5,h6,dd,dt,blockquote')||last.parentNode,node=last;
    var after=/^(P|H[1-6])$/.test(block.tagName)?[block.parentNode,block.nextSibling]:[block,null];
    if(/^H[1-6]$/.test(block.tagName)){return after;}
    while(node.parentNode&&node.parentNode!==block){node=node.parentNode;}
    if(/[.!?\u2026]["'\u201d\u2019)\]]*\s*$/.test(ownText(last))){return [block,node.nextSibling];}
    for(var s=node.nextSibling;s;s=s.nextSibling){
      if(s.nodeType===1){if(END.test(ownText(s))){return [block,s.nextSibling];}continue;}
      if(s.nodeType!==3){continue;}
      var hit=END.exec(s.data);
      if(hit){var at=hit.index+hit[0].length;return [block,at<s.data.length?s.splitText(at):s.nextSibling];}
    }
    return after;
  }
  var placed=null,anchor=null;  // the section moved into the text, and the mark it sits under
  function home(){
    var sec=placed&&document.getElementById(placed),c=placed&&homes[placed];
    if(sec&&c){c.parentNode.insertBefore(sec,c.nextSibling);sec.classList.remove('inplace');}
  }
  function put(id,last){
    // on a narrow screen, move section ``id`` under the sentence holding ``last``; else leave it in the panel
    var sec=document.getElementById(id);
    home();placed=null;anchor=null;
    if(!sec||!last||!(narrow&&narrow.matches)){return;}
    if(!homes[id]){homes[id]=document.createComment(id);sec.parentNode.insertBefore(homes[id],sec);}
    var at=where(last);at[0].insertBefore(sec,at[1]);sec.classList.add('inplace');
    placed=id;anchor=last;
    // opened low on the screen: bring it up, the sentence still in sight above it
    var top=sec.getBoundingClientRect().top;
    if(top>window.innerHeight*0.6){window.scrollBy(0,top-window.innerHeight*0.35);}
  }
  function clear(){
    marks.forEach(function(m){m.classList.remove('active');m.setAttribute('aria-pressed','false');});
    each('section.group',function(s){s.classList.remove('active');});
    home();placed=null;anchor=null;
    current=null;if(overview){overview.classList.remove('hidden');}
  }
  function select(n,scroll,toggle){
    if(n===current&&toggle){var back=document.getElementById('m-'+n);clear();if(back){back.focus();}return;}
    current=n;
    marks.forEach(function(m){var on=m.getAttribute('data-group')===n;m.classList.toggle('active',on);m.setAttribute('aria-pressed',on?'true':'false');});
    each('section.group',function(s){s.classList.toggle('active',s.getAttribute('data-group')===n);});
    if(overview){overview.classList.add('hidden');}
    var panel=document.getElementById('panel');if(panel){panel.scrollTop=0;}
    var ps=pieces(n);put('ev-'+n,ps[ps.length-1]);
    var m=document.getElementById('m-'+n);
    if(scroll&&m){m.scrollIntoView({block:'center'});m.focus();}
  }
  // a figure whose note lives in the panel ("not checked", "ignored"): once the figure script has
  // opened the note, move it under the figure's sentence too (a figure in a checked sentence
  // opens that sentence's evidence through it: see select)
  each('mark.fig[aria-controls^="fg-"]',function(f){
    var later=function(){setTimeout(function(){current=null;put(f.getAttribute('aria-controls'),f);},0);};
    f.addEventListener('click',later);
    f.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){later();}});
  });
  marks.forEach(function(m){
    // tapping the open sentence again closes it; a figure's script opening it (untrusted click) does not
    m.addEventListener('click',function(ev){select(m.getAttribute('data-group'),false,ev.isTrusted);});
    m.addEventListener('keydown',function(ev){if(ev.key==='Enter'||ev.key===' '){ev.preventDefault();select(m.getAttribute('data-group'),false,true);}});
  });
  each('a.jump',function(a){
    a.addEventListener('click',function(ev){ev.preventDefault();select(a.getAttribute('data-group'),true);});
  });
  each('button.close',function(b){
    b.addEventListener('click',function(){var n=current,m=document.getElementById('m-'+n);clear();if(m){m.focus();}});
  });
  document.addEventListener('keydown',function(ev){if(ev.key==='Escape'){clear();}});
  var shown=function(){var s=document.querySelector('section.group.active');return s&&s.id;};
  if(narrow){var moved=function(){var id=shown(),at=anchor;if(id){put(id,at||pieces(current||'').pop());}};
    if(narrow.addEventListener){narrow.addEventListener('change',moved);}else if(narrow.addListener){narrow.addListener(moved);}}
  var before=null;
  window.addEventListener('beforeprint',function(){
    before=placed?[placed,anchor]:null;home();placed=null;
    each('details',function(d){d.setAttribute('open','');});
  });
  window.addEventListener('afterprint',function(){if(before){put(before[0],before[1]);}});
})();
"""
