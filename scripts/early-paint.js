// Paint before the wasm arrives (issue 12, docs/prerender.md).
//
// scripts/prerender.mjs renders the start page and every section with the built app
// itself and stores each one in dist/index.html as an inert <template data-mf-route>,
// together with a hash of the cycle file it was rendered from. This module, loaded
// from the <head> before the wasm loader (deferred modules run in order), shows the template of the current route as soon as it has
// checked that the cycle file the page loads now is that same file: a cycle edited
// after the build (or a test's fixture) must never show stale questions, it falls back
// to the "Loading…" line. When the app is ready, src/embed/handover.rs calls
// takeOver (below), which keeps whatever was typed, checked or chosen in it.
//
// It also starts the cycle fetch and leaves the response for the wasm
// (globalThis.__mentorFormCycle), so the file is fetched once.
//
// Until the take-over, links and buttons in the painted page do nothing (they carry
// aria-disabled="true"): a click must not navigate away from typed answers, and a
// submit must not post the page.

/** FNV-1a, 32 bit, over the UTF-16 code units: the same in Node (prerender.mjs). */
export function cycleHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The route of a path under the base path: "" for the start page, "section/x", or null. */
export function routeOf(pathname, basePath) {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  if (!path.startsWith(base)) return null;
  const rest = path.slice(base.length).replace(/\/+$/, '');
  return rest === 'index.html' ? '' : rest;
}

/**
 * The take-over, called by the wasm (src/embed/handover.rs) once its own page is
 * rendered in `appRoot`, outside the document. In one synchronous step: note what the
 * applicant did on the painted page, swap the app's page in, and replay it onto the
 * live controls (value, then input, change and, for fields already left, blur) so the
 * app's own handlers store, check and save each answer; then put the focus and caret
 * back. No event can run in between, so no keystroke is lost.
 */
export function takeOver(host, appRoot) {
  // Not in the middle of a key press or a click: Space ticks a box on keyup, a click
  // is a pointerdown and a pointerup on the same element; split by the swap, the
  // press would be lost. The wasm asks again at the next frame.
  if (held.size) return false;
  const painted = host.querySelector(':scope > [data-mf-prerendered]');
  const active = document.activeElement;
  const focused = painted && active && painted.contains(active) ? { id: active.id, path: pathOf(painted, active), caret: caretOf(active) } : null;
  const changed = painted ? [...painted.querySelectorAll('input[id], textarea[id], select[id]')].filter(wasChanged) : [];
  host.replaceChildren(appRoot);
  const live = (id) => id && appRoot.querySelector(`[id="${CSS.escape(id)}"]`);
  // Fields already left first, the one still being typed in last, without a blur.
  const order = [...changed.filter((c) => c.id !== focused?.id), ...changed.filter((c) => c.id === focused?.id)];
  for (const from of order) {
    const to = live(from.id);
    if (!to) continue;
    const left = from.id !== focused?.id;
    const box = from.type === 'checkbox' || from.type === 'radio';
    if (box) to.checked = from.checked;
    else to.value = from.value;
    fire(to, 'input', true);
    if (left || box || to.tagName === 'SELECT') fire(to, 'change', true);
    if (left) { fire(to, 'blur', false); fire(to, 'focusout', true); }
  }
  if (focused) {
    // By id for a control; by its place in the same markup for a link or button.
    const to = live(focused.id) || follow(appRoot, focused.path);
    if (to) {
      to.focus();
      if (focused.caret) try { to.setSelectionRange(...focused.caret); } catch { /* no caret here */ }
    }
  }
  // A link or button pressed before the take-over (Start, Continue, Back) is pressed
  // now, once, on its live twin: the press is kept like the typing.
  const press = pending;
  pending = null;
  const target = press && follow(appRoot, press);
  if (target) target.click();
  // The painted page is gone: its listeners need not look at any later event.
  paintedListeners.abort();
  return true;
}

/** Ends every listener that only serves the painted page (see start). */
const paintedListeners = new AbortController();

/** The painted page an event happened in, if any. */
const paintedRootOf = (e) => e.target instanceof Element && e.target.closest('[data-mf-prerendered]');

/** Where the last link or button pressed in the painted page sits (pathOf), if any. */
let pending = null;

// Starting the wasm (compile, instantiate, the first render) is one long task on the
// main thread: a key pressed meanwhile waits for it (~300 ms at 4x CPU, measured). So
// it starts in the first quiet moment after the paint, once nothing was pressed or
// typed for QUIET_MS, and at the latest LATEST_MS after the paint.
const QUIET_MS = 200;
const LATEST_MS = 2000;
function settleWhenQuiet(settle) {
  const kinds = ['keydown', 'pointerdown', 'input'];
  let timer;
  const done = () => {
    clearTimeout(timer);
    for (const k of kinds) document.removeEventListener(k, rearm, true);
    settle();
  };
  const rearm = () => { clearTimeout(timer); timer = setTimeout(done, QUIET_MS); };
  for (const k of kinds) document.addEventListener(k, rearm, true);
  rearm();
  setTimeout(done, LATEST_MS);
}

/** Keys and pointers that are down in the painted page right now. */
const held = new Set();

// Touched (an input or change event, see start), or unlike its markup (autofill). A
// radio counts only when chosen: choosing another one unchecks it.
function wasChanged(el) {
  const touched = el.hasAttribute('data-mf-touched');
  if (el.type === 'radio') return el.checked && (touched || !el.defaultChecked);
  if (el.type === 'checkbox') return touched || el.checked !== el.defaultChecked;
  if (el.tagName === 'SELECT') return touched || [...el.options].some((o) => o.selected !== o.defaultSelected);
  return touched || el.value !== el.defaultValue;
}

function fire(el, type, bubbles) {
  el.dispatchEvent(new Event(type, { bubbles, composed: true }));
}

function caretOf(el) {
  try {
    return typeof el.selectionStart === 'number' ? [el.selectionStart, el.selectionEnd] : null;
  } catch {
    return null; // email, number: no caret to read
  }
}

function pathOf(root, el) {
  const path = [];
  for (let at = el; at !== root; at = at.parentElement) path.unshift([[...at.parentElement.children].indexOf(at), at.tagName]);
  return path;
}

function follow(root, path) {
  let at = root;
  for (const [index, tag] of path) {
    at = at.children[index];
    if (!at || at.tagName !== tag) return null;
  }
  return path.length ? at : null;
}

function start() {
  // Marks for bench/run.mjs's phase rows (what the early paint waited for).
  performance.mark('mf-early-paint:start');
  const host = document.querySelector('[data-mentor-form][data-mf-cycle-hash]');
  if (!host || host.shadowRoot) return;
  const cycleUrl = new URL(host.getAttribute('data-cycle') || '', document.baseURI).href;
  if (host.hasAttribute('data-mf-live')) return;
  const response = fetch(cycleUrl);
  globalThis.__mentorFormCycle = { url: cycleUrl, response };
  globalThis.__mentorFormTakeOver = takeOver;
  // The wasm loader waits for this (scripts/csp-loader.mjs): settled in the first quiet
  // moment after the paint (settleWhenQuiet), at once when nothing will be painted, and
  // never later than 3 s.
  let settle;
  globalThis.__mentorFormPainted = new Promise((resolve) => { settle = resolve; });
  setTimeout(settle, 3000);
  // In an iframe the app drops its header; the painted page has it. Keep "Loading…".
  const framed = window.top !== window || /[?&]embed=1(&|$)/.test(location.search);
  const route = framed ? null : routeOf(location.pathname, new URL(document.baseURI).pathname);
  const template = route === null ? null : [...host.querySelectorAll('template[data-mf-route]')].find((t) => t.getAttribute('data-mf-route') === route);
  if (!template) return settle();
  response
    .then((r) => {
      performance.mark('mf-early-paint:cycle-response');
      return r.ok ? r.clone().text() : null;
    })
    .then((text) => {
      if (text === null || cycleHash(text) !== host.getAttribute('data-mf-cycle-hash')) return;
      // The wasm got here first (it found no painted page and mounted): leave it be.
      if (host.hasAttribute('data-mf-live')) return;
      const loading = host.querySelector(':scope > .mf-root:not([data-mf-prerendered])');
      const painted = template.content.cloneNode(true);
      if (loading) loading.replaceWith(painted);
      else host.prepend(painted);
      const title = template.getAttribute('data-mf-title');
      if (title) document.title = title;
      performance.mark('mf-early-paint:shown');
    })
    .catch(() => {})
    .finally(() => (document.querySelector('[data-mf-prerendered]') ? settleWhenQuiet(settle) : settle()));
  // Until the take-over (which aborts them): links and buttons do not act, the last
  // one pressed is kept (a submit by Enter in a field presses the form's button);
  // touched controls are marked (a slider moved away and back has its old value,
  // and is still an answer); held keys and pointers are counted.
  const on = (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal: paintedListeners.signal });
  const inert = (e) => {
    const root = paintedRootOf(e);
    if (!root) return;
    const pressed = e.type === 'submit' ? e.submitter || e.target.querySelector('[type=submit]') : e.target.closest('a, button');
    if (!pressed) return;
    e.preventDefault();
    pending = pathOf(root, pressed);
  };
  on(document, 'click', inert);
  on(document, 'submit', inert);
  const touched = (e) => { if (paintedRootOf(e)) e.target.setAttribute('data-mf-touched', ''); };
  on(document, 'input', touched);
  on(document, 'change', touched);
  on(document, 'keydown', (e) => { if (paintedRootOf(e)) held.add(`key ${e.code}`); });
  on(document, 'keyup', (e) => held.delete(`key ${e.code}`));
  on(document, 'pointerdown', (e) => { if (paintedRootOf(e)) held.add(`pointer ${e.pointerId}`); });
  for (const type of ['pointerup', 'pointercancel']) on(document, type, (e) => held.delete(`pointer ${e.pointerId}`));
  // A key released in another window never comes back as a keyup here.
  on(window, 'blur', () => held.clear());
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
