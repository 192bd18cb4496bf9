/** The HTML report's inline stylesheet and script: no network, no library. */

export const CSS = `
:root{--fg:#1d2330;--dim:#5c6475;--line:#d9dde5;--bg:#fff;--alt:#f6f7f9;--bad:#c62828;--ok:#2e7d32;--warn:#b26a00;--accent:#1f5fbf}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);max-width:1400px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
h1{font-size:22px;margin:0 0 4px}h1 .file{font-weight:400;color:var(--dim);font-size:15px;margin-left:8px}
h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--dim);margin:6px 0}.meta b{color:var(--fg);font-weight:600}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:var(--alt);border:1px solid var(--line)}
.badge.bad{color:#fff;background:var(--bad);border-color:var(--bad)}.badge.ok{color:#fff;background:var(--ok);border-color:var(--ok)}.badge.warn{color:#fff;background:var(--warn);border-color:var(--warn)}
.unseen{margin:8px 0;padding:8px 12px;background:var(--alt);border-left:3px solid var(--accent)}
ul.findings{list-style:none;padding:0;margin:0}ul.findings>li{padding:8px 0;border-bottom:1px solid var(--line)}
.kind{display:inline-block;min-width:92px;font-weight:700;color:var(--bad)}
.site{color:var(--dim)}a{color:var(--accent)}
ul.events{margin:4px 0 0 92px;padding-left:16px;color:var(--dim)}
.compare{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:10px 0 0}
.compare h3{font-size:13px;margin:0 0 4px;color:var(--dim)}
.compare ol{margin:0;padding:6px 6px 6px 34px;background:var(--alt);border:1px solid var(--line);border-radius:4px}
.compare li{white-space:pre-wrap;word-break:break-all;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
.compare li.swap{background:#fff3cd;outline:1px solid #e0b000}.compare li .pair{float:right;font-size:11px;color:var(--warn);font-weight:700;padding-left:8px}
#chart svg text{font-size:12px;fill:var(--fg)}#chart .bar{fill:var(--accent)}#chart .bar.fail{fill:var(--bad)}#chart .bar.rest{fill:#9aa3b2}#chart a:hover .bar{opacity:.8}
article.outcome{border:1px solid var(--line);border-radius:6px;margin:14px 0;padding:10px 14px}
article.outcome h3{margin:0 0 6px;font-size:15px}
pre.output{margin:6px 0;padding:8px 10px;background:var(--alt);border-radius:4px;white-space:pre-wrap;word-break:break-all;max-height:420px;overflow:auto}
.notes{margin:4px 0;color:var(--bad)}.facts code{word-break:break-all}
.replay{display:flex;gap:8px;align-items:center;margin:6px 0}.replay code{background:var(--alt);padding:3px 6px;border-radius:3px;overflow-x:auto;white-space:nowrap;flex:1}
button.copy{font:12px system-ui,sans-serif;padding:2px 10px;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
.timeline{display:flex;margin:8px 0 4px;border:1px solid var(--line);border-radius:4px}
.lane-names{flex:0 0 auto;min-width:70px;max-width:140px;border-right:1px solid var(--line);background:#fff}
.lane-name{display:flex;align-items:center;padding:0 10px;font-weight:600;font-size:12.5px;white-space:nowrap;overflow:hidden}
.timeline-scroll{overflow-x:auto;flex:1}
svg.swimlane{display:block}
svg.swimlane .lane{fill:#fff}svg.swimlane .lane.odd{fill:var(--alt)}
svg.swimlane .tick{stroke:#c3c8d2;stroke-dasharray:2 3}svg.swimlane .tl{font:11px ui-monospace,Menlo,monospace;fill:var(--dim)}
svg.swimlane .gap{font:12px system-ui,sans-serif;fill:var(--dim)}
svg.swimlane .l{font:11px ui-monospace,Menlo,monospace;fill:#394150}svg.swimlane .l .more{fill:var(--dim)}
svg.swimlane .l.hl{fill:var(--bad);font-weight:700}
svg.swimlane .m{stroke:#fff;stroke-width:1}
svg.swimlane .m.hl{stroke:var(--bad);stroke-width:3}
svg.swimlane .k-print{fill:#1f5fbf}svg.swimlane .k-time{fill:#8a93a3}svg.swimlane .k-mem{fill:#7b3fb5}svg.swimlane .k-chan{fill:#2e8b57}
svg.swimlane .k-sync{fill:#d9822b}svg.swimlane .k-choose{fill:#0f8b8d}svg.swimlane .k-io{fill:#8d5a2b}
svg.swimlane .hb{fill:none;stroke:#d9822b;stroke-width:1.3;opacity:.85}
.legend{color:var(--dim);font-size:12px;margin:2px 0 0}
.legend i{display:inline-block;width:9px;height:9px;border-radius:50%;margin:0 3px 0 10px;vertical-align:middle}
p.rest{padding:10px 14px;background:var(--alt);border-radius:6px;color:var(--dim)}
footer{margin-top:36px;color:var(--dim);font-size:12px}
`;

export const SCRIPT = `
document.addEventListener('click', function (e) {
  var b = e.target instanceof Element ? e.target.closest('button.copy') : null;
  if (!b) return;
  var text = b.getAttribute('data-copy') || '';
  function done() { b.textContent = 'copied'; setTimeout(function () { b.textContent = 'copy'; }, 1500); }
  function fallback() {
    var t = document.createElement('textarea');
    t.value = text; document.body.appendChild(t); t.select();
    try { document.execCommand('copy'); done(); } catch (err) { b.textContent = 'select and copy'; }
    t.remove();
  }
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, fallback);
  else fallback();
});
`;
