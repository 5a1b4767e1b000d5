// @ts-check
// The names the page scripts (early-paint.js with start-wasm.js, mount.js, the
// build steps) and the app's Rust code (src/page_contract.rs) share: window globals,
// events, attributes, storage keys, the default cycle path, text keys and messages.
// Each is written here once for the scripts and once in src/page_contract.rs for the
// wasm; `cargo test --test page_contract` reads this file and fails when the two lists
// differ in a name or a value. Every `export const NAME = '…'` string below must have a
// Rust twin of the same NAME (and no Rust name may lack one here).

// ---- window globals (set by early-paint.js, read by the wasm; or by start-wasm.js)
/** `take(url)`: the response promise of the cycle fetch early-paint.js started, given once for its URL. */
export const GLOBAL_CYCLE_FETCH = '__mentorFormCycle';
/** `takeOver(host, appRoot) -> boolean`: early-paint.js's hand-over, called by the wasm. */
export const GLOBAL_TAKE_OVER = '__mentorFormTakeOver';
/** A promise start-wasm.js awaits before it starts the wasm (settled after the paint). */
export const GLOBAL_PAINTED = '__mentorFormPainted';
/** Why the start failed (a short reason), set by start-wasm.js before EVENT_START_FAILED. */
export const GLOBAL_START_FAILURE = '__mentorFormStartFailure';

// ---- events (dispatched on window)
/** The wasm's download, compile or start failed: early-paint.js says so on the page. */
export const EVENT_START_FAILED = 'mentor-form:start-failed';

// ---- attributes
/** The element the form mounts into (index.html's, or a host page's). */
export const ATTR_HOST = 'data-mentor-form';
/** On the host element: the cycle file's URL. */
export const ATTR_CYCLE = 'data-cycle';
/** On the host element (written by the prerender): the id of the painted cycle (draft keys). */
export const ATTR_CYCLE_ID = 'data-mf-cycle-id';
/** On the host element (written by the prerender): FNV-1a of the painted cycle file. */
export const ATTR_CYCLE_HASH = 'data-mf-cycle-hash';
/** On a painted page's `.mf-root`: painted before the wasm, not the live app. */
export const ATTR_PRERENDERED = 'data-mf-prerendered';
/** On the host element: the wasm runs here (set when it mounts). */
export const ATTR_LIVE = 'data-mf-live';
/** On a `<template>` holding a painted page: its route ("" or "section/<id>"). */
export const ATTR_ROUTE = 'data-mf-route';
/** On a painted page's `<template>`: the document title of that page. */
export const ATTR_TITLE = 'data-mf-title';
/** On a painted control: it got an input or change event before the take-over. */
export const ATTR_TOUCHED = 'data-mf-touched';
/** In mount mode, the mount point inside the host's shadow root. */
export const ATTR_MOUNT = 'data-mf-mount';
/** On the early-paint.js script element. */
export const ATTR_EARLY_PAINT = 'data-mf-early-paint';
/** On the wasm's `<link>` when painting early: made a preload once the page has painted. */
export const ATTR_PRELOAD_AFTER_PAINT = 'data-mf-preload-after-paint';
/** On the host element: the texts the page scripts show, resolved at build time (JSON list, in START_FAILED_TEXT_KEYS order). */
export const ATTR_TEXTS = 'data-mf-texts';
/** On a painted slider: its words for each value, min to max (JSON list), from the app. */
export const ATTR_VALUE_TEXTS = 'data-mf-valuetexts';
/** On index.html's inline `<style>`: the stylesheet it inlines (loaded instead if a CSP blocks the inline copy). */
export const ATTR_CRITICAL_CSS = 'data-mf-critical';
/** The start-failure notice the page scripts show. */
export const CLASS_START_FAILED = 'mf-start-failed';

// ---- the app's markup the scripts read
/** Every page of the app sits in one element with this class. */
export const CLASS_ROOT = 'mf-root';
/** The "Loading…" line (index.html's, and the app's own while the cycle loads). */
export const CLASS_LOADING = 'mf-loading';
/** A page is ready (the app's, or rendered for painting) when it has this and no CLASS_LOADING. */
export const READY_HEADING = 'h1';
/** A rating question's wrapper (docs/dom-contract.md, "Rating"), */
export const CLASS_RATING = 'mf-rating';
/** … while nothing is chosen, */
export const CLASS_RATING_UNRATED = 'mf-rating--unrated';
/** … its words on screen, */
export const CLASS_RATING_VALUE = 'mf-rating__value';
/** … and the mark of the chosen value. */
export const CLASS_RATING_MARK_ON = 'mf-rating__mark--on';

// ---- storage (localStorage)
/** The app's draft: PREFIX + cycle id, JSON whose `answers` object is keyed by field id. */
export const DRAFT_KEY_PREFIX = 'mentor-form:draft:';
/** What was typed in the painted page, kept by early-paint.js: PREFIX + cycle id, `{"answers": {…}}`. */
export const TYPED_EARLY_KEY_PREFIX = 'mentor-form:typed-early:';

// ---- paths
/** The cycle file index.html loads (its data-cycle) and mount.js defaults to. */
export const DEFAULT_CYCLE_PATH = 'cycles/fall-2020-mentor.json';

// ---- texts (keys of the cycle's texts table; the build resolves them, early-paint.js shows them)
export const TEXT_START_FAILED_TITLE = 'start_failed_title';
export const TEXT_START_FAILED_BODY = 'start_failed_body';
export const TEXT_START_FAILED_RELOAD = 'start_failed_reload';

// ---- messages (console)
export const MESSAGE_NO_MOUNT_ELEMENT = 'mentor form: this page has no element with the data-mentor-form attribute, so the form was not shown. Add <div data-mentor-form></div> where the form should appear.';

/** The text keys the page scripts need, in the order the notice uses them. */
export const START_FAILED_TEXT_KEYS = [
  TEXT_START_FAILED_TITLE, TEXT_START_FAILED_BODY, TEXT_START_FAILED_RELOAD,
];

/**
 * Whether `root` shows a page of the app's own: a heading, and no "Loading…" line.
 * The one readiness test (src/embed/handover.rs asks the same with these names).
 * @param {ParentNode | null | undefined} root
 */
export function isPageReady(root) {
  return !!root && !!root.querySelector(READY_HEADING) && !root.querySelector(`.${CLASS_LOADING}`);
}
