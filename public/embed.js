/* Mentor application form: iframe embed. No dependencies. See docs/embedding.md.
 * <script src="https://FORM/embed.js" data-src="https://FORM/" data-title="Mentor application" async></script>
 * or MentorForm.embed(element, { src, title }). */
(function (w, d) {
  'use strict';
  if (w.MentorForm && w.MentorForm.embed) return;
  var MARGIN = 24;

  function embed(target, opts) {
    opts = opts || {};
    var src = new URL(opts.src || '', d.baseURI);
    var origin = src.origin;
    var f = d.createElement('iframe');
    f.src = src.href;
    f.title = opts.title || 'Mentor application form';
    f.setAttribute('scrolling', 'no');
    f.setAttribute('loading', 'eager');
    f.style.cssText = 'display:block;width:100%;border:0;min-height:200px;height:600px';
    if (target && target.tagName === 'SCRIPT') target.parentNode.insertBefore(f, target.nextSibling);
    else (target || d.body).appendChild(f);

    function onMessage(e) {
      if (e.origin !== origin || e.source !== f.contentWindow) return;
      var m;
      try { m = typeof e.data === 'string' ? JSON.parse(e.data) : e.data; } catch (_) { return; }
      if (!m || m.source !== 'mentor-form' || m.version !== 1) return;
      if (m.type === 'resize') {
        var h = Number(m.height);
        if (h > 0 && h < 1e5) { f.style.height = Math.ceil(h) + 'px'; f.style.minHeight = '0'; }
      } else if (m.type === 'focus') {
        var top = Number(m.top);
        if (!isFinite(top)) return;
        var y = f.getBoundingClientRect().top + top;
        if (y < MARGIN || y > w.innerHeight - MARGIN * 2) {
          w.scrollTo({ top: Math.max(0, w.pageYOffset + y - MARGIN) });
        }
      } else if (m.type === 'ready' || m.type === 'section-changed' || m.type === 'submitted') {
        var detail = {};
        if (m.type === 'section-changed') detail.path = String(m.path || '');
        if (m.type === 'submitted') detail.reference = String(m.reference || '');
        f.dispatchEvent(new CustomEvent('mentor-form:' + m.type, { detail: detail, bubbles: true }));
      }
    }
    w.addEventListener('message', onMessage);
    f.addEventListener('load', function () {
      if (f.contentWindow) {
        f.contentWindow.postMessage(JSON.stringify({ source: 'mentor-form-host', type: 'hello' }), origin);
      }
    });
    return f;
  }

  w.MentorForm = { embed: embed };
  var s = d.currentScript;
  if (s && s.getAttribute('data-src')) {
    embed(s, { src: s.getAttribute('data-src'), title: s.getAttribute('data-title') });
  }
})(window, document);
