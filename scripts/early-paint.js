// @ts-check
// The page script: paint before the wasm arrives, keep what is typed there, hand it to
// the app, and say so plainly when the app could not start (docs/prerender.md).
//
// scripts/prerender.mjs renders the start page and every section with the built app
// itself and stores each one in dist/index.html as an inert <template data-mf-route>.
// This module (bundled by scripts/page-scripts.mjs with the build's file names; it also
// starts the wasm, scripts/lib/start-wasm.js) shows the current route's template at once, filled with the answers saved on this
// device, while the cycle file and the wasm download. When the app is ready,
// src/embed/handover.rs calls takeOver (below), which keeps whatever was typed, checked
// or chosen in it. What finds no control of its own on the app's page (the cycle file
// changed since the build) is left in storage for src/state/painted.rs, which keeps it
// aside like a draft that no longer fits.
//
// It also starts the cycle fetch and leaves the response for the wasm
// (GLOBAL_CYCLE_FETCH), so the file is fetched once; and it watches the start: a
// JS glue or a wasm that fails to download, compile or start, or an app
// that has not taken over in START_TIMEOUT_MS, and then says that the form could not
// start (texts resolved at build time, ATTR_TEXTS), keeps what was typed, and offers a
// reload. mount.js loads this module too: it starts the wasm and watches there.
//
// Until the take-over, links and buttons in the painted page do nothing (they carry
// aria-disabled="true"): a click must not navigate away from typed answers, and a
// submit must not post the page. The last one pressed is pressed on its live twin then.
import * as C from './contract.mjs';
import { cycleHash } from './lib/cycle-hash.js';
import { startWasm } from './lib/start-wasm.js';

/** @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} Control */
/** @typedef {string | boolean | number | string[]} Answer */
/** @typedef {Record<string, Answer>} Answers */
/** @typedef {Array<[number, string]>} NodePath */

/** The app must have taken over by then, or the page says it could not start. */
export const START_TIMEOUT_MS = 30_000;
/** Typing in the painted page is written to storage this long after it stops. */
const SAVE_DELAY_MS = 300;

/**
 * The route of a path under the base path: "" for the start page, "section/x", or null.
 * @param {string} pathname @param {string} basePath
 */
export function routeOf(pathname, basePath) {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  if (!path.startsWith(base)) return null;
  const rest = path.slice(base.length).replace(/\/+$/, '');
  return rest === 'index.html' ? '' : rest;
}

/**
 * The answers of a stored record (the app's draft, or this module's own record): its
 * `answers` object, each value of a shape a control can take; anything else is ignored
 * (the draft record may hold more than this reads, and may change).
 * @param {string | null} text
 * @returns {Answers}
 */
export function answersOf(text) {
  /** @type {Answers} */
  const out = {};
  let record;
  try {
    record = text ? JSON.parse(text) : null;
  } catch {
    return out;
  }
  const answers = record && typeof record === 'object' ? record.answers : null;
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return out;
  for (const [id, value] of Object.entries(answers)) {
    const ok = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
      || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (ok) out[id] = value;
  }
  return out;
}

/** @param {Element} el @returns {el is Control} */
const isControl = (el) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/**
 * The controls of one question (every control carries the question's id as its name).
 * @param {ParentNode} root @param {string} id
 * @returns {Control[]}
 */
const controlsOf = (root, id) => [...root.querySelectorAll(`[name="${CSS.escape(id)}"]`)].filter(isControl);

/**
 * Shows `answers` in the painted page's controls as their initial state (value and
 * default alike: they are not the applicant's edits on this page, the app restores
 * them from storage itself). A value a control cannot show (another shape, an option
 * the page does not have) leaves it as it is.
 * @param {ParentNode} root @param {Answers} answers
 */
export function fillControls(root, answers) {
  for (const [id, value] of Object.entries(answers)) {
    const controls = controlsOf(root, id);
    const [first] = controls;
    if (!first) continue;
    if (first instanceof HTMLInputElement && (first.type === 'radio' || first.type === 'checkbox')) {
      const group = first.hasAttribute('value');
      const chosen = (/** @type {HTMLInputElement} */ box) => (!group ? value === true
        : first.type === 'radio' ? value === box.value
          : Array.isArray(value) && value.includes(box.value));
      if (!group && typeof value !== 'boolean') continue;
      if (group && first.type === 'radio' && typeof value !== 'string') continue;
      if (group && first.type === 'checkbox' && !Array.isArray(value)) continue;
      for (const box of /** @type {HTMLInputElement[]} */ (controls)) {
        box.checked = chosen(box);
        box.defaultChecked = box.checked;
      }
    } else if (first instanceof HTMLSelectElement) {
      const option = [...first.options].find((o) => o.value === value);
      if (!option) continue;
      for (const o of first.options) o.defaultSelected = o === option;
      first.value = String(value);
    } else if (first instanceof HTMLInputElement && first.type === 'range') {
      if (typeof value !== 'number' || String(value) !== String(Math.round(value))) continue;
      first.defaultValue = String(value);
      first.value = String(value);
      if (first.value !== String(value)) continue;
      showRating(first, true);
    } else if (typeof value === 'string') {
      first.defaultValue = value;
      first.value = value;
    }
  }
}

/**
 * A painted slider's words for its value (the app's own, captured by the prerender in
 * ATTR_VALUE_TEXTS), with the rated look, as the app shows a rated slider.
 * @param {HTMLInputElement} input @param {boolean} rated
 */
function showRating(input, rated) {
  let words;
  try {
    words = JSON.parse(input.getAttribute(C.ATTR_VALUE_TEXTS) || 'null');
  } catch {
    return;
  }
  const text = Array.isArray(words) ? words[Number(input.value) - Number(input.min || 0)] : null;
  const rating = input.closest(`.${C.CLASS_RATING}`);
  if (!rated || typeof text !== 'string' || !rating) return;
  input.setAttribute('aria-valuetext', text);
  const shown = rating.querySelector(`.${C.CLASS_RATING_VALUE}`);
  if (shown) shown.textContent = text;
  rating.classList.remove(C.CLASS_RATING_UNRATED);
  for (const mark of rating.querySelectorAll('[data-value]')) mark.classList.toggle(C.CLASS_RATING_MARK_ON, mark.getAttribute('data-value') === input.value);
}

/**
 * The answers the applicant changed in the painted page, by question.
 * @param {ParentNode} root
 * @returns {Answers}
 */
export function changedAnswers(root) {
  /** @type {Answers} */
  const out = {};
  const names = new Set([...root.querySelectorAll('[name]')].filter(isControl).map((c) => c.name));
  for (const id of names) {
    const controls = controlsOf(root, id);
    if (!controls.some(wasChanged)) continue;
    const value = answerOf(controls);
    if (value !== null) out[id] = value;
  }
  return out;
}

/**
 * One question's answer as its controls hold it, or null (a radio group with no choice).
 * @param {Control[]} controls
 * @returns {Answer | null}
 */
function answerOf(controls) {
  const [first] = controls;
  if (first instanceof HTMLInputElement && (first.type === 'radio' || first.type === 'checkbox')) {
    const boxes = /** @type {HTMLInputElement[]} */ (controls);
    if (!first.hasAttribute('value')) return first.checked;
    if (first.type === 'radio') return boxes.find((b) => b.checked)?.value ?? null;
    return boxes.filter((b) => b.checked).map((b) => b.value);
  }
  if (first instanceof HTMLInputElement && first.type === 'range') return Number(first.value);
  // A drop-down back on its empty first entry is no answer (a text box emptied is one:
  // the applicant cleared it).
  if (first instanceof HTMLSelectElement && first.value === '') return null;
  return first.value;
}

/**
 * The take-over, called by the wasm (src/embed/handover.rs) once its own page is
 * rendered in `appRoot`, outside the document. In one synchronous step: note what the
 * applicant did on the painted page, swap the app's page in, and replay it onto the
 * live controls (value, then input, change and, for fields already left, blur) so the
 * app's own handlers store, check and save each answer; then put the focus and caret
 * back. No event can run in between, so no keystroke is lost. An answer whose control
 * is not on the app's page, or cannot take its value, is left in storage for
 * src/state/painted.rs (the wasm takes it right after).
 * @param {HTMLElement} host @param {Element} appRoot
 */
export function takeOver(host, appRoot) {
  // Not in the middle of a key press or a click: Space ticks a box on keyup, a click
  // is a pointerdown and a pointerup on the same element; split by the swap, the
  // press would be lost. The wasm asks again at the next frame.
  if (held.size) return false;
  const painted = host.querySelector(`:scope > [${C.ATTR_PRERENDERED}]`);
  const active = document.activeElement;
  const focused = painted && active && painted.contains(active) ? { id: active.id, path: pathOf(painted, active), caret: caretOf(active) } : null;
  const changed = painted ? [...painted.querySelectorAll('input[id], textarea[id], select[id]')].filter(isControl).filter(wasChanged) : [];
  const answers = painted ? changedAnswers(painted) : {};
  host.replaceChildren(appRoot);
  /** @param {string} id */
  const live = (id) => (id ? appRoot.querySelector(`[id="${CSS.escape(id)}"]`) : null);
  // Fields already left first, the one still being typed in last, without a blur.
  const order = [...changed.filter((c) => c.id !== focused?.id), ...changed.filter((c) => c.id === focused?.id)];
  /** Questions with a control that did not take its value. */
  const unplaced = new Set();
  for (const from of order) {
    const to = live(from.id);
    if (!to || !isControl(to) || to.tagName !== from.tagName) {
      unplaced.add(from.name);
      continue;
    }
    const left = from.id !== focused?.id;
    const box = from instanceof HTMLInputElement && (from.type === 'checkbox' || from.type === 'radio');
    if (box && to instanceof HTMLInputElement) to.checked = from.checked;
    else to.value = from.value;
    if (!box && to.value !== from.value) unplaced.add(from.name);
    fire(to, 'input', true);
    if (left || box || to.tagName === 'SELECT') fire(to, 'change', true);
    if (left) { fire(to, 'blur', false); fire(to, 'focusout', true); }
  }
  // A radio chosen in the painted page whose choice the app's page lacks (its id is
  // gone): its group's other radios were not changed, so look by question too.
  for (const id of Object.keys(answers)) if (!appRoot.querySelector(`[name="${CSS.escape(id)}"]`)) unplaced.add(id);
  /** @type {Answers} */
  const leftOver = {};
  for (const id of unplaced) if (id in answers) leftOver[id] = answers[id];
  typedRecord.afterTakeOver(leftOver);
  if (focused) {
    // By id for a control; by its place in the same markup for a link or button.
    const to = live(focused.id) || follow(appRoot, focused.path);
    if (to instanceof HTMLElement) {
      to.focus();
      if (focused.caret && (to instanceof HTMLInputElement || to instanceof HTMLTextAreaElement)) {
        try { to.setSelectionRange(...focused.caret); } catch { /* no caret here */ }
      }
    }
  }
  // A link or button pressed before the take-over (Start, Continue, Back) is pressed
  // now, once, on its live twin: the press is kept like the typing.
  const press = pending;
  pending = null;
  const target = press && follow(appRoot, press);
  if (target instanceof HTMLElement) target.click();
  // The painted page is gone: its listeners need not look at any later event.
  paintedListeners.abort();
  return true;
}

/** Ends every listener that only serves the painted page (see paint). */
const paintedListeners = new AbortController();

/**
 * The painted page an event happened in, if any (not the start-failure notice in it).
 * @param {Event} e
 */
const paintedRootOf = (e) => (e.target instanceof Element && !e.target.closest(`.${C.CLASS_START_FAILED}`)
  ? e.target.closest(`[${C.ATTR_PRERENDERED}]`) : null);

/** Where the last link or button pressed in the painted page sits (pathOf), if any. @type {NodePath | null} */
let pending = null;

// Starting the wasm (compile, instantiate, the first render) is one long task on the
// main thread: a key pressed meanwhile waits for it (~300 ms at 4x CPU, measured). So
// it starts in the first quiet moment after the paint, once nothing was pressed or
// typed for QUIET_MS, and at the latest LATEST_MS after the paint.
const QUIET_MS = 200;
const LATEST_MS = 2000;
/** @param {() => void} settle */
function settleWhenQuiet(settle) {
  const kinds = ['keydown', 'pointerdown', 'input'];
  /** @type {ReturnType<typeof setTimeout> | undefined} */
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

/**
 * Touched (an input or change event, see paint), or unlike its initial state
 * (autofill). A radio counts only when chosen: choosing another one unchecks it.
 * @param {Control} el
 */
function wasChanged(el) {
  const touched = el.hasAttribute(C.ATTR_TOUCHED);
  if (el instanceof HTMLSelectElement) return touched || [...el.options].some((o) => o.selected !== o.defaultSelected);
  if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked && (touched || !el.defaultChecked);
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return touched || el.checked !== el.defaultChecked;
  return touched || el.value !== el.defaultValue;
}

/** @param {Element} el @param {string} type @param {boolean} bubbles */
function fire(el, type, bubbles) {
  el.dispatchEvent(new Event(type, { bubbles, composed: true }));
}

/** @param {Element} el @returns {[number, number] | null} */
function caretOf(el) {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return null;
  try {
    return el.selectionStart === null || el.selectionEnd === null ? null : [el.selectionStart, el.selectionEnd];
  } catch {
    return null; // email, number: no caret to read
  }
}

/** @param {Element} root @param {Element} el @returns {NodePath} */
function pathOf(root, el) {
  /** @type {NodePath} */
  const path = [];
  for (let at = el; at !== root && at.parentElement; at = at.parentElement) path.unshift([[...at.parentElement.children].indexOf(at), at.tagName]);
  return path;
}

/** @param {Element} root @param {NodePath} path */
function follow(root, path) {
  /** @type {Element | undefined} */
  let at = root;
  for (const [index, tag] of path) {
    at = at.children[index];
    if (!at || at.tagName !== tag) return null;
  }
  return path.length ? at : null;
}

/** @param {string} key */
function storageGet(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * What was typed in the painted page, kept in localStorage under
 * TYPED_EARLY_KEY_PREFIX + cycle id as `{"answers": {…}}` (the draft's shape): so a
 * closed tab or a start that failed loses nothing, and the next load that starts
 * gives it to the app (src/state/painted.rs). Answers kept by an earlier load that
 * never started stay in it until then.
 */
const typedRecord = {
  /** @type {string | null} */
  key: null,
  /** @type {Answers} */
  earlier: {},
  /** @type {Element | null} */
  root: null,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  timer: undefined,
  /** @param {string} cycleId @param {Element | null} root */
  open(cycleId, root) {
    this.key = C.TYPED_EARLY_KEY_PREFIX + cycleId;
    this.earlier = answersOf(storageGet(this.key));
    this.root = root;
  },
  /** The cycle turned out another one: keep the record under its id. @param {string} cycleId */
  moveTo(cycleId) {
    this.key = C.TYPED_EARLY_KEY_PREFIX + cycleId;
    this.earlier = { ...answersOf(storageGet(this.key)), ...this.earlier };
  },
  later() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
  },
  save() {
    clearTimeout(this.timer);
    if (!this.key || !this.root) return;
    this.write({ ...this.earlier, ...changedAnswers(this.root) });
  },
  /** @param {Answers} leftOver */
  afterTakeOver(leftOver) {
    clearTimeout(this.timer);
    this.root = null;
    this.write(leftOver);
  },
  /** @param {Answers} answers */
  write(answers) {
    if (!this.key) return;
    try {
      if (Object.keys(answers).length) localStorage.setItem(this.key, JSON.stringify({ saved_at: Date.now(), answers }));
      else localStorage.removeItem(this.key);
    } catch {
      // Storage refused (full, blocked): what was typed stays on screen.
    }
  },
};

/**
 * The notice's texts (ATTR_TEXTS: title, body, reload, as START_FAILED_TEXT_KEYS).
 * @param {Element} host @returns {string[] | null}
 */
function textsOf(host) {
  try {
    const texts = JSON.parse(host.getAttribute(C.ATTR_TEXTS) || 'null');
    return Array.isArray(texts) && texts.length === C.START_FAILED_TEXT_KEYS.length && texts.every((t) => typeof t === 'string') ? texts : null;
  } catch {
    return null;
  }
}

/**
 * Watches one form's start. It failed when startWasm says so (EVENT_START_FAILED, or
 * GLOBAL_START_FAILURE when that came first), or the app has not shown a page of its
 * own START_TIMEOUT_MS after this ran. Then, if the app is not running there
 * (`stillOurs`) and the build gave the words (a host page without mount.js has none:
 * the console has startWasm's message), the notice goes where `place` puts it.
 * @param {Element} host
 * @param {() => boolean} stillOurs
 * @param {(notice: HTMLElement) => void} place
 */
function watchStart(host, stillOurs, place) {
  const texts = textsOf(host);
  let shown = false;
  const fail = () => {
    if (shown || !texts || !stillOurs()) return;
    shown = true;
    typedRecord.save();
    place(startFailedNotice(texts));
  };
  addEventListener(C.EVENT_START_FAILED, fail);
  const g = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  if (g[C.GLOBAL_START_FAILURE]) fail();
  setTimeout(fail, START_TIMEOUT_MS);
}

/**
 * The notice: what happened, that typed answers are kept (in storage, and on screen:
 * the painted page stays below it), and a reload. An alert, so it is announced where
 * it appears; focus stays where the applicant is.
 * @param {string[]} texts title, body, reload
 */
function startFailedNotice([title, body, reloadLabel]) {
  /** @type {(tag: string, className: string, text?: string) => HTMLElement} */
  const make = (tag, className, text) => {
    const el = document.createElement(tag);
    el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const notice = make('div', `mf-send-error ${C.CLASS_START_FAILED}`);
  notice.setAttribute('role', 'alert');
  notice.append(make('h2', 'mf-heading mf-heading--m', title), make('p', 'mf-body', body));
  const actions = make('div', 'mf-actions');
  const reload = /** @type {HTMLButtonElement} */ (make('button', 'mf-button', reloadLabel));
  reload.type = 'button';
  reload.addEventListener('click', () => {
    typedRecord.save();
    location.reload();
  });
  actions.append(reload);
  notice.append(actions);
  return notice;
}

/**
 * index.html's form: paint the route's page (if there is one) at once, and watch the
 * start. `host` is not in a shadow root.
 * @param {HTMLElement} host
 */
function paint(host) {
  const cycleUrl = new URL(host.getAttribute(C.ATTR_CYCLE) || C.DEFAULT_CYCLE_PATH, document.baseURI).href;
  const g = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  const response = fetch(cycleUrl);
  let given = false;
  g[C.GLOBAL_CYCLE_FETCH] = (/** @type {string} */ url) => {
    if (given || url !== cycleUrl) return null;
    given = true;
    return response;
  };
  g[C.GLOBAL_TAKE_OVER] = takeOver;
  // startWasm waits for this (scripts/lib/start-wasm.js): settled in the first quiet
  // moment after the paint (settleWhenQuiet), at once when nothing is painted, and
  // never later than 3 s.
  /** @type {() => void} */
  let settle = () => {};
  g[C.GLOBAL_PAINTED] = new Promise((resolve) => { settle = () => resolve(undefined); });
  setTimeout(settle, 3000);
  // In an iframe the app drops its header; the painted page has it. Keep "Loading…".
  const framed = window.top !== window || /[?&]embed=1(&|$)/.test(location.search);
  const route = framed ? null : routeOf(location.pathname, new URL(document.baseURI).pathname);
  const template = route === null ? null : [...host.querySelectorAll(`template[${C.ATTR_ROUTE}]`)]
    .find((t) => t.getAttribute(C.ATTR_ROUTE) === route);
  const loadingRoot = host.querySelector(`:scope > .${C.CLASS_ROOT}:not([${C.ATTR_PRERENDERED}])`);
  const cycleId = host.getAttribute(C.ATTR_CYCLE_ID);
  if (!(template instanceof HTMLTemplateElement) || !cycleId) {
    settle();
    preloadWasm();
    // The plain "Loading…" page: the notice takes the loading line's place.
    watchStart(host, () => !host.hasAttribute(C.ATTR_LIVE), (notice) => {
      const line = loadingRoot?.querySelector(`.${C.CLASS_LOADING}`);
      if (line) line.replaceWith(notice);
    });
    return;
  }
  // Shown at once, not after the cycle file: a file changed since the build is noticed
  // below, and the take-over then keeps every answer typed here (src/state/painted.rs).
  const page = /** @type {DocumentFragment} */ (template.content.cloneNode(true));
  const painted = page.firstElementChild;
  typedRecord.open(cycleId, painted);
  if (painted) fillControls(painted, { ...answersOf(storageGet(C.DRAFT_KEY_PREFIX + cycleId)), ...typedRecord.earlier });
  if (loadingRoot) loadingRoot.replaceWith(page);
  else host.prepend(page);
  const title = template.getAttribute(C.ATTR_TITLE);
  if (title) document.title = title;
  const shown = performance.mark('mf-early-paint:shown').startTime;
  settleWhenQuiet(settle);
  afterLargestPaint(shown, preloadWasm);
  response
    .then((r) => (r.ok ? r.clone().text() : null))
    .then((text) => {
      if (text === null || cycleHash(text) === host.getAttribute(C.ATTR_CYCLE_HASH)) return;
      // Another cycle file than the one painted: answers typed here go under its id.
      try {
        const id = JSON.parse(text)?.id;
        if (typeof id === 'string' && id !== cycleId) typedRecord.moveTo(id);
      } catch { /* the app reports a broken file */ }
    })
    .catch(() => {});
  // Until the take-over (which aborts them): links and buttons do not act, the last
  // one pressed is kept (a submit by Enter in a field presses the form's button);
  // touched controls are marked (a slider moved away and back has its old value,
  // and is still an answer) and kept in storage; held keys and pointers are counted.
  /** @param {EventTarget} target @param {string} type @param {(e: any) => void} handler */
  const on = (target, type, handler) => target.addEventListener(type, handler, { capture: true, signal: paintedListeners.signal });
  /** @param {Event} e */
  const inert = (e) => {
    const root = paintedRootOf(e);
    if (!root || !(e.target instanceof Element)) return;
    const pressed = e instanceof SubmitEvent ? e.submitter || e.target.querySelector('[type=submit]') : e.target.closest('a, button');
    if (!pressed) return;
    e.preventDefault();
    pending = pathOf(root, pressed);
  };
  on(document, 'click', inert);
  on(document, 'submit', inert);
  /** @param {Event} e */
  const touched = (e) => {
    if (!paintedRootOf(e) || !(e.target instanceof Element)) return;
    e.target.setAttribute(C.ATTR_TOUCHED, '');
    if (e.target instanceof HTMLInputElement && e.target.type === 'range') showRating(e.target, true);
    typedRecord.later();
  };
  on(document, 'input', touched);
  on(document, 'change', touched);
  on(document, 'keydown', (/** @type {KeyboardEvent} */ e) => { if (paintedRootOf(e)) held.add(`key ${e.code}`); });
  on(document, 'keyup', (/** @type {KeyboardEvent} */ e) => held.delete(`key ${e.code}`));
  on(document, 'pointerdown', (/** @type {PointerEvent} */ e) => { if (paintedRootOf(e)) held.add(`pointer ${e.pointerId}`); });
  for (const type of ['pointerup', 'pointercancel']) on(document, type, (/** @type {PointerEvent} */ e) => held.delete(`pointer ${e.pointerId}`));
  // A key released in another window never comes back as a keyup here.
  on(window, 'blur', () => held.clear());
  // Leaving (a closed tab, a reload): what is typed is written now.
  on(window, 'pagehide', () => typedRecord.save());
  // The notice goes above the painted page's heading, which stays with what was typed.
  watchStart(host, () => !!painted && painted.isConnected, (notice) => {
    const main = painted?.querySelector('main') ?? painted;
    main?.prepend(notice);
  });
}

/**
 * Mount mode (mount.js): no painted page; the notice goes into the mount point while
 * the app is not running there.
 * @param {HTMLElement} host @param {ShadowRoot} shadow
 */
function watchMounted(host, shadow) {
  const point = shadow.querySelector(`[${C.ATTR_MOUNT}]`);
  if (!point) return;
  watchStart(host, () => !host.hasAttribute(C.ATTR_LIVE), (notice) => {
    // The app's page frame (src/app.rs): .mf-root > .mf-width > main.mf-main.
    const root = document.createElement('div');
    root.className = C.CLASS_ROOT;
    const width = document.createElement('div');
    width.className = 'mf-width';
    const main = document.createElement('main');
    main.className = 'mf-main';
    main.append(notice);
    width.append(main);
    root.append(width);
    point.replaceChildren(root);
  });
}

/**
 * index.html's stylesheet is inline, allowed by its hash in the CSP (merge-css.mjs). A
 * policy without that hash blocks it: load the same rules as a file instead, so the
 * page is styled one request later rather than never.
 */
function keepStyled() {
  const inline = document.querySelector(`style[${C.ATTR_CRITICAL_CSS}]`);
  const href = inline?.getAttribute(C.ATTR_CRITICAL_CSS);
  if (!(inline instanceof HTMLStyleElement) || inline.sheet || !href) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  inline.after(link);
}

/**
 * Runs `then` once the painted page is on screen: when the browser reports a largest
 * contentful paint at or after `since` (the painted page is the page's largest paint).
 * Measured: started in the frame after the paint, the wasm's request still began a few
 * milliseconds before the paint was presented, and Lighthouse then counted its whole
 * download into the largest paint. A browser without these reports never runs `then`:
 * startWasm fetches the wasm all the same, a moment later.
 * @param {number} since @param {() => void} then
 */
function afterLargestPaint(since, then) {
  try {
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntries().some((e) => e.startTime >= since)) return;
      observer.disconnect();
      then();
    });
    observer.observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {
    // No largest-contentful-paint entries here (see above).
  }
}

/**
 * The wasm's preload, held back by the prerender (ATTR_PRELOAD_AFTER_PAINT) so the
 * painted page's own files have the connection to themselves: started now.
 */
function preloadWasm() {
  for (const link of document.querySelectorAll(`link[${C.ATTR_PRELOAD_AFTER_PAINT}]`)) {
    if (link instanceof HTMLLinkElement && !link.rel) link.rel = 'preload';
  }
}

function start() {
  // Marks for bench/run.mjs's phase rows.
  performance.mark('mf-early-paint:start');
  keepStyled();
  for (const host of document.querySelectorAll(`[${C.ATTR_HOST}]`)) {
    if (!(host instanceof HTMLElement)) continue;
    if (host.shadowRoot) watchMounted(host, host.shadowRoot);
    else if (!host.hasAttribute(C.ATTR_LIVE)) paint(host);
  }
}

/**
 * The shipped page script's entry (scripts/page-scripts.mjs writes the call with the
 * build's file names and the script's own URL): paint and watch once the document is
 * parsed, then start the wasm.
 * @param {import('./lib/start-wasm.js').WasmFiles} files
 * @param {string} base
 */
export function boot(files, base) {
  const run = () => {
    start();
    startWasm(files, base);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
