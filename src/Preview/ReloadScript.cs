namespace Site.Preview;

/// <summary>
/// /__preview/reload.js: connects to /__preview/events, reloads on <c>reload</c>, draws build diagnostics
/// in an overlay (text only, never HTML), and reconnects with back-off when the server restarts — then
/// reloads, since the site may have changed meanwhile.
/// </summary>
public static class ReloadScript
{
    public const string Path = "/__preview/reload.js";
    public const string EventsPath = "/__preview/events";

    public const string Source = """
(function () {
  'use strict';
  if (window.__sitePreview) return;
  window.__sitePreview = true;
  var instance = null, build = null, delay = 500, source = null, lastDiag = null;

  function connect() {
    source = new EventSource('/__preview/events');
    source.addEventListener('hello', function (e) {
      var d = JSON.parse(e.data);
      // Reconnected after a restart, or a build finished while we were away: the page may be stale.
      if (instance !== null && (d.instance !== instance || d.build !== build)) { location.reload(); return; }
      instance = d.instance; build = d.build; delay = 500;
    });
    source.addEventListener('reload', function () { location.reload(); });
    // (a reload event carries the new build number; after the reload the next hello records it)
    source.addEventListener('diagnostics', function (e) { lastDiag = JSON.parse(e.data); draw(lastDiag); });
    source.onerror = function () {
      source.close();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }

  function el(tag, css, text) {
    var n = document.createElement(tag);
    if (css) n.style.cssText = css;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  var expanded = false;
  function draw(d) {
    var old = document.getElementById('__preview-overlay');
    if (old) old.remove();
    if (!d || (!d.failure && d.errors === 0 && d.warnings === 0)) return;
    var serious = d.errors > 0 || !!d.failure;
    var open = serious || expanded;
    var box = el('div', 'position:fixed;z-index:2147483647;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;' +
      (open ? 'left:0;right:0;bottom:0;max-height:45vh;overflow:auto;background:rgba(24,24,27,.96);color:#f4f4f5;padding:12px 16px;border-top:3px solid ' + (serious ? '#ef4444' : '#f59e0b') + ';'
            : 'right:12px;bottom:12px;background:#f59e0b;color:#111;padding:4px 10px;border-radius:6px;cursor:pointer;'));
    box.id = '__preview-overlay';
    box.setAttribute('role', 'status');
    var summary = (d.failure ? 'Build failed — showing the last good site. ' : '') +
      d.errors + ' error' + (d.errors === 1 ? '' : 's') + ', ' + d.warnings + ' warning' + (d.warnings === 1 ? '' : 's');
    if (!open) {
      box.textContent = summary;
      box.onclick = function () { expanded = true; draw(lastDiag); };
      document.body.appendChild(box);
      return;
    }
    var head = el('div', 'display:flex;justify-content:space-between;gap:12px;margin-bottom:6px;font-weight:bold');
    head.appendChild(el('span', '', 'Preview: ' + summary));
    var close = el('button', 'background:none;border:1px solid #71717a;color:inherit;border-radius:4px;cursor:pointer;font:inherit', 'hide');
    close.onclick = function () { expanded = false; box.remove(); };
    head.appendChild(close);
    box.appendChild(head);
    if (d.failure) box.appendChild(el('div', 'color:#fca5a5;white-space:pre-wrap', d.failure));
    (d.items || []).forEach(function (i) {
      box.appendChild(el('div', 'white-space:pre-wrap;color:' + (i.severity === 'error' ? '#fca5a5' : '#fcd34d'), i.text));
    });
    if (d.more > 0) box.appendChild(el('div', 'opacity:.7', '… and ' + d.more + ' more (see the terminal)'));
    document.body.appendChild(box);
  }

  if (typeof EventSource !== 'undefined') connect();
})();
""";
}
