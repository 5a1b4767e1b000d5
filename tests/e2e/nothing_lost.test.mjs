// Nothing lost, for real (issue 10): drafts shared between tabs in both close orders,
// "Clear my answers" and a confirmed send with another tab open, a redirect to a
// sign-in page, a non-secure context under a real host name, a timeout whose request
// was stored followed by an edit and a resend, a reload during a slow send, an old
// draft with a renamed field, the page without its stylesheet, and mount mode without
// its element. Each test starts from a fresh browser context and needs no other test.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { launchBrowser, newPage, shoot, errorsMessage, CHROMIUM_ARGS, withoutStylesheets } from './support/browser.mjs';
import {
  startStack, gotoRoute, waitForPath, pathOf, appReady, sendButton, fillValidApplication,
  typeInto, draftKeys, eventually, sleep, summaryRow, outcome, DRAFT_PREFIX, VALID, DIST,
} from './support/app.mjs';
import { mountAssets } from '../../examples/serve.mjs';

const T = { timeout: 240_000 };
const HTTP_NOISE = [/Failed to load resource/];
const CYCLE_ID = 'fall-2020-mentor';
const DRAFT_KEY = `${DRAFT_PREFIX}${CYCLE_ID}`;

let browser;
let stack;
// Per-test handler for POST /api/submissions in front of the receiver (null = proxy).
let submissionHandler = null;

/**
 * A submissions handler that forwards every request to the receiver (which stores it)
 * but holds the first reply back for `ms`, as a slow or stalled network would.
 * `state.calls` counts the requests.
 */
function firstReplyLate(ms, state) {
  return async (req, res, body) => {
    state.calls += 1;
    const reply = await forward(req, body);
    if (state.calls === 1) await sleep(ms);
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };
}

/** Forward one request to the receiver and collect its reply. */
function forward(req, body) {
  const target = new URL(stack.receiver.url);
  return new Promise((resolve, reject) => {
    const up = http.request({
      host: target.hostname, port: target.port, method: req.method, path: '/api/submissions',
      headers: { ...req.headers, host: target.host, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    up.on('error', reject);
    up.end(body);
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

async function submissions(req, res) {
  const body = await readBody(req);
  if (submissionHandler) return submissionHandler(req, res, body);
  const reply = await forward(req, body);
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

/** The draft record as stored, parsed (null when there is none). */
async function storedDraft(page) {
  return page.evaluate((k) => { const t = localStorage.getItem(k); return t ? JSON.parse(t) : null; }, DRAFT_KEY);
}

async function fieldValue(page, id) {
  return page.locator(`#f-${id}`).inputValue();
}

/** Wait until the stored draft has `id` = `value`. */
async function waitForStored(page, id, value, timeout = 5_000) {
  const ok = await eventually(async () => (await storedDraft(page))?.answers?.[id] === value, { timeout });
  assert.ok(ok, `stored draft never got ${id}=${JSON.stringify(value)}: ${JSON.stringify(await storedDraft(page))}`);
}

/** Close a page the way a person closes a tab (pagehide fires). */
async function closeTab(page) {
  await page.close({ runBeforeUnload: true });
}

/** Cycle file with submit settings changed, served to this context only. */
async function withSubmit(context, changes) {
  await context.route(`**/cycles/${CYCLE_ID}.json`, async (route) => {
    const res = await route.fetch();
    const cycle = await res.json();
    Object.assign(cycle.submit, changes);
    await route.fulfill({ response: res, json: cycle });
  });
}

async function receiverRecords() {
  return stack.receiver.submissions();
}

const referenceOf = (rec) => rec.envelope?.reference ?? rec.reference;
const versionOf = (rec) => rec.envelope?.version ?? rec.version;

describe('nothing lost', () => {
  before(async () => {
    stack = await startStack({ routes: { '/api/submissions': submissions } });
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await stack?.stop(); });

  for (const order of ['typed tab first', 'idle tab first']) {
    test(`two tabs: the draft survives closing them (${order})`, T, async (t) => {
      const { context, page: idle, errors, close } = await newPage(browser);
      t.after(close);
      await gotoRoute(idle, stack.app, '');
      const typing = await context.newPage();
      await gotoRoute(typing, stack.app, 'section/about-you');
      await typeInto(typing, '#f-first_name', 'Zoë');
      await typeInto(typing, '#f-city', 'Ñúñez-O’Brien Town');
      await waitForStored(typing, 'city', 'Ñúñez-O’Brien Town');
      // The idle tab hears of the other tab's draft and shows it.
      await eventually(() => idle.locator('a.mf-button', { hasText: 'Continue your application' }).isVisible(), { timeout: 5_000 });
      if (order === 'typed tab first') { await closeTab(typing); await closeTab(idle); } else { await closeTab(idle); await closeTab(typing); }
      const again = await context.newPage();
      await gotoRoute(again, stack.app, 'section/about-you');
      assert.equal(await fieldValue(again, 'first_name'), 'Zoë');
      assert.equal(await fieldValue(again, 'city'), 'Ñúñez-O’Brien Town');
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }

  test('two tabs typing on the same section: each tab\'s answers survive, and both show them', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(a, stack.app, 'section/about-you');
    const b = await context.newPage();
    await gotoRoute(b, stack.app, 'section/about-you');
    await typeInto(b, '#f-last_name', 'Lovelace');
    await waitForStored(b, 'last_name', 'Lovelace');
    // Tab a shows b's answer and says so.
    await eventually(async () => (await fieldValue(a, 'last_name')) === 'Lovelace', { timeout: 5_000 });
    await a.locator('.mf-notice--tabs').waitFor({ state: 'visible' });
    await shoot(a, 'tabs-updated-from-other-tab');
    await typeInto(a, '#f-institution', 'Chicago Public Library');
    await waitForStored(a, 'institution', 'Chicago Public Library');
    const stored = await storedDraft(a);
    assert.equal(stored.answers.last_name, 'Lovelace', 'tab a overwrote tab b\'s answer');
    await eventually(async () => (await fieldValue(b, 'institution')) === 'Chicago Public Library', { timeout: 5_000 });
    assert.equal(await fieldValue(b, 'last_name'), 'Lovelace');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('"Clear my answers" in one tab clears the other, which never brings the draft back', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(a, stack.app, 'section/about-you');
    await typeInto(a, '#f-first_name', 'Ada');
    await waitForStored(a, 'first_name', 'Ada');
    const b = await context.newPage();
    await gotoRoute(b, stack.app, 'section/about-you');
    assert.equal(await fieldValue(b, 'first_name'), 'Ada');
    await b.getByRole('button', { name: 'Clear my answers' }).click();
    await b.getByRole('button', { name: 'Yes, clear my answers' }).click();
    await b.locator('#mf-clear-done').waitFor({ state: 'visible' });
    await eventually(async () => (await fieldValue(a, 'first_name')) === '', { timeout: 5_000 });
    await a.locator('.mf-notice--tabs', { hasText: /cleared in another tab/ }).waitFor({ state: 'visible' });
    await shoot(a, 'tabs-cleared-in-other-tab');
    await closeTab(a);
    await closeTab(b);
    const c = await context.newPage();
    await gotoRoute(c, stack.app, '');
    assert.deepEqual(await draftKeys(c), [], 'a draft came back after "Clear my answers"');
    assert.equal(await c.locator('a.mf-button', { hasText: 'Start now' }).count(), 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a confirmed send in one tab: the other shows it was sent and does not re-create the draft', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(a, stack.app);
    const b = await context.newPage();
    await gotoRoute(b, stack.app, 'section/about-you');
    assert.equal(await fieldValue(b, 'first_name'), VALID.first_name);
    await sendButton(a).click();
    assert.equal(await outcome(a), 'confirmation');
    const reference = (await a.locator('.mf-reference').textContent()).trim();
    await waitForPath(b, stack.app, 'confirmation');
    await b.getByText(/sent from another tab or window/).waitFor({ state: 'visible' });
    assert.equal((await b.locator('.mf-reference').textContent()).trim(), reference);
    assert.equal(await b.getByRole('button', { name: /Send application/ }).count(), 0);
    await shoot(b, 'tabs-sent-in-other-tab');
    await closeTab(b);
    await closeTab(a);
    const c = await context.newPage();
    await gotoRoute(c, stack.app, '');
    assert.deepEqual(await draftKeys(c), [], 'the draft came back after the send');
    assert.equal((await receiverRecords()).length, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a 302 to a 200 HTML sign-in page is no confirmation; the draft survives a reload', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(() => { submissionHandler = null; return close(); });
    await stack.receiver.reset();
    const signInHits = [];
    submissionHandler = (req, res) => {
      res.writeHead(302, { Location: '/sign-in?return=/api/submissions' });
      res.end();
    };
    await page.route('**/sign-in**', (route) => {
      signInHits.push(route.request().method());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title><h1>Sign in</h1><form method=post><input name=user></form>' });
    });
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'send-error');
    const box = page.locator('#mf-send-error');
    assert.match(await box.textContent(), /may not have arrived/);
    assert.equal(await box.getByRole('button', { name: 'Try again' }).count(), 1);
    assert.equal(await box.getByRole('link', { name: 'Download a copy of your answers' }).count(), 1);
    await shoot(page, 'send-redirected-to-sign-in');
    assert.notEqual(pathOf(page), '/confirmation');
    assert.deepEqual(signInHits.filter((m) => m === 'POST'), [], 'the answers were re-posted to the sign-in page');
    await page.reload();
    await appReady(page);
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await fieldValue(page, 'first_name'), VALID.first_name, 'the draft did not survive the reload');
    assert.equal((await receiverRecords()).length, 0);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('plain http under a real host name (no secure context): a full send succeeds', T, async (t) => {
    const plain = await chromium.launch({
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP apply.test 127.0.0.1'],
    });
    t.after(() => plain.close());
    await stack.receiver.reset();
    const { page, errors } = await newPage(plain);
    const app = { url: `http://apply.test:${stack.app.port}/` };
    await gotoRoute(page, app, '');
    assert.equal(await page.evaluate(() => window.isSecureContext), false, 'expected a non-secure context');
    assert.equal(await page.evaluate(() => typeof crypto.randomUUID), 'undefined');
    await fillValidApplication(page, app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    const shown = (await page.locator('.mf-reference').textContent()).trim();
    const records = await receiverRecords();
    assert.equal(records.length, 1);
    const [rec] = records;
    // The reference made on the device without crypto.randomUUID is a real v4 UUID.
    assert.match(referenceOf(rec), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok([rec.receipt, referenceOf(rec)].includes(shown), `confirmation shows "${shown}"`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a timeout whose request was stored, an edit, a resend: the edited version is stored under the same application', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(() => { submissionHandler = null; return close(); });
    await stack.receiver.reset();
    await withSubmit(context, { timeout_ms: 1_500, retries: 0 });
    // The first reply is stored but arrives after the form gave up.
    const seen = { calls: 0 };
    submissionHandler = firstReplyLate(3_000, seen);
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'send-error');
    assert.match(await page.locator('#mf-send-error').textContent(), /may not have arrived/);
    await shoot(page, 'send-timed-out');
    await eventually(async () => (await receiverRecords()).length === 1, { timeout: 5_000 });
    // The applicant corrects an answer and sends again.
    await summaryRow(page, 'Last name').getByRole('link', { name: /Change/ }).click();
    await waitForPath(page, stack.app, 'section/about-you');
    await typeInto(page, '#f-last_name', 'Lovelace-Byron');
    await page.getByRole('button', { name: 'Save and return to review' }).click();
    await waitForPath(page, stack.app, 'review');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    const records = await receiverRecords();
    assert.equal(records.length, 2, `expected both versions stored: ${JSON.stringify(records.map((r) => [referenceOf(r), versionOf(r)]))}`);
    assert.equal(referenceOf(records[0]), referenceOf(records[1]), 'both versions must name the same application');
    const latest = records.find((r) => versionOf(r) === 2);
    assert.ok(latest, 'no version 2 stored');
    assert.equal((latest.envelope ?? latest).answers.last_name, 'Lovelace-Byron');
    assert.equal(records.find((r) => versionOf(r) === 1).envelope.answers.last_name, VALID.last_name);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a reload during a slow send leaves one application', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(() => { submissionHandler = null; return close(); });
    await stack.receiver.reset();
    const seen = { calls: 0 };
    submissionHandler = firstReplyLate(4_000, seen);
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    await page.getByRole('button', { name: /Sending/ }).waitFor({ state: 'visible' });
    await eventually(() => seen.calls === 1, { timeout: 5_000 });
    await page.reload();
    await appReady(page);
    await gotoRoute(page, stack.app, 'review');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    await sleep(4_500);
    const records = await receiverRecords();
    assert.equal(records.length, 1, `one application, stored once: ${JSON.stringify(records.map((r) => [referenceOf(r), versionOf(r)]))}`);
    assert.equal(seen.calls, 2);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a saved draft with a renamed question: the answer is kept, shown and offered in the download', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser);
    t.after(close);
    await context.addInitScript(([key]) => {
      if (localStorage.getItem(key)) return;
      localStorage.setItem(key, JSON.stringify({
        revision: 3, saved_at: Date.now(),
        answers: { first_name: 'Ada', years_of_experience: '12', gender_match: 7 },
      }));
    }, [DRAFT_KEY]);
    await gotoRoute(page, stack.app, '');
    const notice = page.locator('.mf-notice--kept');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.textContent();
    assert.match(text, /no longer match/);
    assert.match(text, /years_of_experience/);
    assert.match(text, /12/);
    await shoot(page, 'draft-kept-aside');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('button', { name: 'Download a copy of your answers' }).click(),
    ]);
    const copy = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
    assert.equal(copy.no_longer_asked.years_of_experience, '12');
    assert.equal(copy.no_longer_asked.gender_match, 7);
    assert.equal(copy.answers.first_name, 'Ada');
    // The next save keeps what was set aside.
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await fieldValue(page, 'first_name'), 'Ada');
    await typeInto(page, '#f-last_name', 'Lovelace');
    await waitForStored(page, 'last_name', 'Lovelace');
    const stored = await storedDraft(page);
    assert.equal(stored.kept_aside.years_of_experience, '12', `kept-aside answer erased: ${JSON.stringify(stored)}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('without its stylesheet the honeypot stays hidden, and a filled one is sent for real, flagged', T, async (t) => {
    // The aborted stylesheets are logged as failed loads; nothing else may be.
    const { context, page, errors, close } = await newPage(browser, { ignoreConsole: [/Failed to load resource: net::ERR_FAILED \(at .*\.css/, /^Failed to load resource: net::ERR_FAILED$/] });
    t.after(close);
    await stack.receiver.reset();
    await withoutStylesheets(context);
    await fillValidApplication(page, stack.app);
    const box = page.locator('.mf-hp input');
    assert.equal(await box.count(), 1, 'no honeypot on the review page');
    assert.equal(await box.isVisible(), false, 'the honeypot shows without CSS');
    assert.equal(await page.getByText('Leave this field empty', { exact: true }).isVisible().catch(() => false), false);
    await page.keyboard.press('Tab');
    for (let i = 0; i < 60; i++) {
      assert.notEqual(await page.evaluate(() => document.activeElement?.name), 'mf_hp', 'the honeypot is in the tab order');
      await page.keyboard.press('Tab');
    }
    const snapshot = await page.locator('body').ariaSnapshot();
    assert.doesNotMatch(snapshot, /Leave this field empty/, 'the honeypot is in the accessibility tree');
    await shoot(page, 'review-without-css');
    await page.evaluate(() => {
      const el = document.querySelector('.mf-hp input');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'http://spam.example/');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await sendButton(page).click();
    await waitForPath(page, stack.app, 'confirmation');
    // Confirmed by the receiver, which has it, flagged for staff.
    const [rec] = await receiverRecords();
    assert.equal(rec?.suspected_automated, true, JSON.stringify(rec));
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('mount mode without its element: a clear console error and the host page left as it was', T, async (t) => {
    const hostHtml = `<!doctype html><html lang="en"><head><title>Library news</title>
  ${mountAssets(DIST, '/')}
</head><body><main><h1>Library news</h1><p id="story">Story time is on Saturday.</p></main></body></html>`;
    const host = http.createServer((req, res) => { res.setHeader('Content-Type', 'text/html'); res.end(hostHtml); });
    await new Promise((r) => host.listen(0, '127.0.0.1', r));
    t.after(() => new Promise((r) => host.close(r)));
    const { page, close } = await newPage(browser);
    t.after(close);
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    // The host page loads the form's assets from the form's origin.
    await page.route(`http://127.0.0.1:${host.address().port}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/') return route.continue();
      return route.continue({ url: `${stack.app.origin}${url.pathname}` });
    });
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    const ok = await eventually(() => consoleErrors.some((e) => /data-mentor-form/.test(e)), { timeout: 15_000 });
    assert.ok(ok, `no console error naming data-mentor-form: ${JSON.stringify(consoleErrors)}`);
    assert.equal(await page.locator('#story').textContent(), 'Story time is on Saturday.');
    assert.equal(await page.locator('h1').textContent(), 'Library news');
    assert.equal(await page.locator('.mf-root').count(), 0);
  });
});
