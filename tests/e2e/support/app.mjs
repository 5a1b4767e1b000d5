// Serves dist/ (through server.mjs) in front of a receiver, and drives the form the
// way a person would: clicks and typing, relying only on docs/dom-contract.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { startReceiver } from './receiver.mjs';
import { launchBrowser } from './browser.mjs';
import { DEFAULT_CYCLE_PATH } from '../../../scripts/contract.mjs';

// Paths come from this file's place in the checkout, never from a fixed folder: a
// fixed path once made a fresh clone test another checkout's dist/.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');

/**
 * The CSP `style-src` sources the build wrote for index.html's inline stylesheet
 * (dist/deploy/style-src.txt: `'self' 'sha256-…'`), as a deployment sends them.
 */
export function styleSrc(dist = DIST) {
  return fs.readFileSync(path.join(dist, 'deploy', 'style-src.txt'), 'utf8').trim();
}

/** A strict policy for index.html (no 'unsafe-inline'), with the build's style hash. */
export function strictCsp(dist = DIST, { frameAncestors = null } = {}) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `style-src ${styleSrc(dist)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
    ...(frameAncestors ? [`frame-ancestors ${frameAncestors}`] : []),
  ].join('; ');
}

export const SECTIONS = ['membership', 'about-you', 'gender', 'ethnicity', 'region', 'competencies'];
export const COMPETENCIES = [
  'comp_client_group', 'comp_reference', 'comp_programming', 'comp_materials',
  'comp_outreach', 'comp_admin', 'comp_professionalism',
];
export const DRAFT_PREFIX = 'mentor-form:draft:';
export const TITLE = 'Fall 2020 Mentor Application';
export const DEADLINE = 'Applications are due Monday, November 16, 2020 and matches will be announced later in November.';
export const REVIEW_TITLE = 'Check your answers before sending your application';
export const EMAIL_FORMAT_MSG = 'Enter an email address in the correct format, like name@example.org';

/** A complete set of valid answers (values as typed into the form). */
export const VALID = Object.freeze({
  membership_confirmed: true,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.org',
  phone: '312-555-0100',
  institution: 'Chicago Public Library',
  position: "Children's Librarian",
  city: 'Chicago',
  state: 'IL',
  years_experience: '12',
  gender: 'Woman',
  gender_match: 'no_preference',
  ethnicity: 'Latina',
  ethnicity_match: 'yes',
  region_match: 'yes',
  comp_client_group: 5,
  comp_reference: 4,
  comp_programming: 3,
  comp_materials: 2,
  comp_outreach: 1,
  comp_admin: 4,
  comp_professionalism: 5,
});

const SECTION_FIELDS = {
  membership: ['membership_confirmed'],
  'about-you': ['first_name', 'last_name', 'email', 'phone', 'institution', 'position', 'city', 'state', 'years_experience'],
  gender: ['gender', 'gender_match'],
  ethnicity: ['ethnicity', 'ethnicity_match'],
  region: ['region_match'],
  competencies: COMPETENCIES,
};

/**
 * Start the static server for dist/ with /api/* proxied to `receiverUrl` (a string or
 * a function returning one, read on every request).
 */
export async function startApp({ dist = DIST, receiverUrl = null, base = '/', headers = {}, compress = false, routes = {} } = {}) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html not found: build the app (trunk build --release) first`);
  }
  return startServer({ root: dist, base, headers, compress, apiTarget: receiverUrl, routes });
}

/**
 * Receiver + static server in front of it. The server reads `stack.receiver.url` on
 * every request, so tests may stop and restart the receiver.
 */
export async function startStack(options = {}) {
  const stack = { receiver: null, app: null };
  stack.app = await startApp({ ...options, receiverUrl: () => stack.receiver && stack.receiver.url });
  stack.receiver = await startReceiver({ origins: [stack.app.origin] });
  stack.restartReceiver = async ({ samePort = true } = {}) => {
    const old = stack.receiver;
    await old.stop();
    stack.receiver = await startReceiver({ origins: [stack.app.origin], port: samePort ? old.port : 0, dataDir: old.dataDir });
    return stack.receiver;
  };
  stack.stop = async () => {
    await stack.receiver?.stop();
    await stack.app?.close();
  };
  return stack;
}

/** The cycle JSON the built app loads by default (index.html data-cycle). */
export function readCycle(dist = DIST) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const m = /data-cycle="([^"]+)"/.exec(html);
  const rel = m ? m[1] : DEFAULT_CYCLE_PATH;
  return JSON.parse(fs.readFileSync(path.join(dist, rel), 'utf8'));
}

/** Find the endpoint timeout in the cycle file, in milliseconds (null if absent). */
export function cycleTimeoutMs(cycle) {
  let found = null;
  const walk = (o, keyPath) => {
    if (found !== null || !o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number' && /timeout/i.test(k)) {
        if (/ms$|millis/i.test(k)) found = v;
        else if (/(_s|secs?|seconds)$/i.test(k)) found = v * 1000;
        else found = v < 1000 ? v * 1000 : v;
        return;
      }
      walk(v, `${keyPath}.${k}`);
    }
  };
  walk(cycle.submit || cycle.endpoint || cycle, "");
  if (found === null) walk(cycle, '');
  return found;
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Wait until the app has rendered a page (the loading placeholder is replaced by an h1). */
export async function appReady(page) {
  // The live app's page, not the one painted before the wasm arrived (docs/prerender.md).
  await page.locator('.mf-root:not([data-mf-prerendered]) h1').first().waitFor({ state: 'visible', timeout: 20_000 });
}

export async function gotoRoute(page, app, route = '') {
  await page.goto(app.url + route.replace(/^\//, ''));
  await appReady(page);
}

export async function waitForPath(page, app, route, timeout = 10_000) {
  const want = new URL(app.url + route.replace(/^\//, '')).pathname;
  await page.waitForFunction((w) => location.pathname === w, want, { timeout })
    .catch(() => { throw new Error(`expected to be on ${want}, still on ${pathOf(page)}`); });
  await appReady(page);
}

export function continueButton(page) {
  return page.locator('form[novalidate] button[type=submit]', { hasText: 'Continue' });
}

export function sendButton(page) {
  return page.locator('button[type=submit]', { hasText: /Send application|Sending/ });
}

/**
 * The section form's submit button whatever its label: after a review-page Change link
 * the app labels it "Save and return to review" instead of "Continue".
 */
export function sectionSubmit(page) {
  return page.locator('form[novalidate] button[type=submit]');
}

/** Click Continue and wait for the next route (section id, 'review', or null = stay). */
export async function clickContinue(page, app, next) {
  await continueButton(page).click();
  if (next) await waitForPath(page, app, next === 'review' ? 'review' : `section/${next}`);
}

/** Replace a text field's content by typing, as a person would (click, select all, type). */
export async function typeInto(page, selector, text) {
  const el = page.locator(selector);
  await el.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  if (text) await page.keyboard.type(String(text));
}

export function ratingOf(page, id) {
  return page.locator('.mf-rating', { has: page.locator(`#f-${id}`) });
}

/** Rate one competency by clicking its mark. */
export async function rate(page, id, value) {
  await ratingOf(page, id).locator(`button.mf-rating__mark[data-value="${value}"]`).click();
}

/** Rate all seven competencies with the same value by clicking the marks. */
export async function rateAll(page, value) {
  for (const id of COMPETENCIES) await rate(page, id, value);
}

/**
 * Fill one field on the current section, the way its control takes an answer. The
 * control is found in the page (docs/dom-contract.md), so no list of kinds is kept
 * here: `#f-<id>` for one control, `#f-<id>-<value>` for a group's choices (a
 * checkbox group takes an array). `undefined`/`null`/''/[] leaves it alone.
 */
export async function fillField(page, id, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  const control = page.locator(`#f-${id}`);
  if (!(await control.count())) {
    for (const v of [value].flat()) await page.locator(`#f-${id}-${v}`).check();
    return;
  }
  const { tag, type } = await control.evaluate((el) => ({ tag: el.tagName, type: el.getAttribute('type') }));
  if (tag === 'SELECT') { await control.selectOption(String(value)); return; }
  if (type === 'checkbox') { if (value) await control.check(); return; }
  if (type === 'range') { await rate(page, id, value); return; }
  if (type === 'date') { await control.fill(String(value)); return; }
  await typeInto(page, `#f-${id}`, value);
}

export async function fillSection(page, section, answers) {
  for (const id of SECTION_FIELDS[section]) await fillField(page, id, answers[id]);
}

/**
 * From the start page through all six sections to the review page.
 * options:
 *   answers: overrides of VALID (set a key to null to skip an optional field)
 *   onPage(page, where): hook called on the start page ('start') and on each section
 *     after filling, before Continue
 *   fromStart: false to begin on the current page (must be the membership section)
 * Returns the answers used.
 */
export async function fillValidApplication(page, app, { answers = {}, onPage, fromStart = true } = {}) {
  const a = { ...VALID, ...answers };
  if (fromStart) {
    await gotoRoute(page, app, '');
    if (onPage) await onPage(page, 'start');
    await page.locator('a.mf-button', { hasText: /Start now|Continue your application/ }).click();
    await waitForPath(page, app, 'section/membership');
  }
  for (let i = 0; i < SECTIONS.length; i++) {
    const section = SECTIONS[i];
    assert.equal(pathOf(page), new URL(app.url + `section/${section}`).pathname, `expected section ${section}`);
    await fillSection(page, section, a);
    if (onPage) await onPage(page, section);
    await clickContinue(page, app, SECTIONS[i + 1] || 'review');
  }
  return a;
}

/** Wait for the outcome of a send: 'confirmation' | 'send-error' | 'error-summary'. */
export async function outcome(page, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (pathOf(page) === '/confirmation') { await appReady(page); return 'confirmation'; }
    if (await page.locator('.mf-send-error').isVisible().catch(() => false)) return 'send-error';
    if (await page.locator('.mf-error-summary').isVisible().catch(() => false)) return 'error-summary';
    await sleep(100);
  }
  throw new Error(`no confirmation, .mf-send-error or .mf-error-summary within ${timeout} ms (on ${pathOf(page)})`);
}

/** localStorage keys of saved drafts (empty array when storage is unreadable). */
export async function draftKeys(page) {
  return page.evaluate((prefix) => {
    try {
      return Object.keys(window.localStorage).filter((k) => k.startsWith(prefix));
    } catch { return []; }
  }, DRAFT_PREFIX);
}

/** Wait for a draft to be written (debounced ~300 ms after typing). */
export async function waitForDraft(page, timeout = 5_000) {
  await page.waitForFunction((prefix) => Object.keys(localStorage).some((k) => k.startsWith(prefix) && localStorage.getItem(k)), DRAFT_PREFIX, { timeout })
    .catch(() => { throw new Error(`no localStorage key starting with ${DRAFT_PREFIX} within ${timeout} ms`); });
}

/** The summary row (.mf-summary__row) whose dt matches `question`. */
export function summaryRow(page, question) {
  return page.locator('dl.mf-summary .mf-summary__row', { has: page.locator('dt', { hasText: question }) });
}

/** Poll until fn() is truthy or time runs out; returns the last value. */
export async function eventually(fn, { timeout = 5_000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, interval));
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The usual per-file set-up: a stack (server + receiver) and one browser. */
export async function openStackAndBrowser(options = {}) {
  return { stack: await startStack(options), browser: await launchBrowser() };
}

export async function closeStackAndBrowser({ stack, browser }) {
  await browser?.close();
  await stack?.stop();
}
