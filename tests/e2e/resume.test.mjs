// "Save and continue later" on any device, and the shared computer (issue 23), in
// real Chromium against the real receiver and its SQLite file, on a fixture cycle
// with every kind of question (tests/fixtures/every-kind.json plus a drafts block):
// a copy saved in one browser context opens in another with only the code (every
// answer back, ratings, checkboxes and dates included), the version secret travels so
// the second device's next version is accepted, the database holds no typed answer,
// the link carries the code in its fragment only (gone from the address bar after),
// wrong, expired and guessed codes, failures that keep the code typed, saving again
// with the same code, a device that already holds other answers, plain http, and a
// shared-computer session that leaves nothing in storage and nothing behind Back.
// Each test starts from fresh browser contexts and a reset receiver.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage, shoot, errorsMessage, axeCheck, CHROMIUM_ARGS } from './support/browser.mjs';
import { startApp, appReady, waitForPath, pathOf, fillField, eventually, ROOT, DIST } from './support/app.mjs';
import { startReceiver } from './support/receiver.mjs';
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';

const T = { timeout: 240_000 };
// Chromium logs every 4xx/5xx reply (a wrong code is a 404) as a console error.
const HTTP_NOISE = [/Failed to load resource/];
const CYCLE_PATH = '/cycles/fixture-resume.json';
const GUESS_LIMIT = 3;
const FIXTURE = {
  ...JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/every-kind.json'), 'utf8')),
  id: 'fixture-resume',
  drafts: { url: '/api/drafts' },
};
// Typed only into the form: if it is anywhere in the database, answers leaked.
const UNIQUE = `Quokka${crypto.randomBytes(6).toString('hex')}`;
const ANSWERS = Object.freeze({
  name: 'Zoë Ngata',
  email: 'zoe@example.org',
  phone: '312 555 0100',
  years: '7',
  story: `Story ${UNIQUE}`,
  match: 'yes',
  region: 'S',
  confirm: true,
  skill_a: 4,
  skill_b: 2,
  ways: ['email', 'video_call'],
  start: '2027-03-15',
  birthday: '1990-05-20',
});
const SECTIONS = {
  one: ['name', 'email', 'phone', 'years', 'story', 'match', 'region', 'confirm'],
  two: ['skill_a', 'skill_b'],
  three: ['ways', 'start', 'birthday'],
};
const SAVE = 'Save and continue later';
const TEXT = {
  notFound: 'We could not find answers saved with that code. Check the code and try again: it has 20 letters and numbers.',
  expired: 'The answers saved with that code have expired and were deleted. You can start a new application.',
  network: 'We could not reach the service that keeps saved answers. Check your connection and try again.',
  missing: 'Enter your resume code',
  malformed: 'Enter the 20 letters and numbers of your resume code, for example ABCD-EFGH-JKMN-PQRS-TVWX',
  restored: 'Your saved answers are back. Continue where you left off.',
  notSecure: 'Saving your answers to continue on another device is not available here, because this page was not opened over a secure connection (its address starts with http: instead of https:). Ask the program\'s staff for the secure address of this form.',
  deleted: 'The copy of your answers saved online with your resume code has been deleted.',
  added: 'Answers you saved from another device were added to this page. Where a question had two different answers, the more recent one is kept.',
  sharedOn: 'You are using a shared or public computer: your answers are not kept in this browser, and this page is cleared when you leave it. To finish later, use “Save and continue later” and keep the resume code.',
};

function send(req, res, type, text) {
  const body = Buffer.from(text);
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
// The built index.html, naming the fixture cycle.
const serveIndex = (req, res) => send(req, res, 'text/html', fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')
  .replace(/data-cycle="[^"]*"/, `data-cycle="${CYCLE_PATH.slice(1)}"`));
const routes = {
  [CYCLE_PATH]: (req, res) => send(req, res, 'application/json', JSON.stringify(FIXTURE)),
  // A page of another site, for leaving the form.
  '/elsewhere': (req, res) => send(req, res, 'text/html', '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>'),
};
for (const p of ['/', '/index.html', '/section/one', '/section/two', '/section/three', '/review', '/confirmation']) routes[p] = serveIndex;

let browser;
let stack;

async function startResumeStack() {
  const s = { receiver: null, app: null };
  s.app = await startApp({ routes, receiverUrl: () => s.receiver && s.receiver.url });
  s.receiver = await startReceiver({ origins: [s.app.origin], args: ['--draft-guess-limit', String(GUESS_LIMIT)] });
  s.stop = async () => { await s.receiver?.stop(); await s.app?.close(); };
  return s;
}

async function receiverCall(method, p, body) {
  const res = await fetch(stack.receiver.url + p, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${p}: ${res.status}`);
  return res.json();
}
const storedDrafts = () => receiverCall('GET', '/__drafts');

async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function open(page, route = '') {
  await page.goto(stack.app.url + route);
  await appReady(page);
}

/** Start page → every section filled with `answers` (each page's own keys) → review. */
async function fillAll(page, answers = ANSWERS) {
  await open(page);
  await page.locator('a.mf-button', { hasText: /Start now|Continue your application/ }).click();
  for (const [section, ids] of Object.entries(SECTIONS)) {
    await waitForPath(page, stack.app, `section/${section}`);
    for (const id of ids) await fillField(page, id, answers[id]);
    await page.locator('form[novalidate] button[type=submit]').click();
  }
  await waitForPath(page, stack.app, 'review');
}

/** Every answer, as the controls on the three sections show it. */
async function answersOnScreen(page) {
  const seen = {};
  for (const [section, ids] of Object.entries(SECTIONS)) {
    await open(page, `section/${section}`);
    for (const id of ids) {
      if (id === 'match') seen.match = (await page.locator('#f-match-yes').isChecked()) ? 'yes' : (await page.locator('#f-match-no').isChecked()) ? 'no' : null;
      else if (id === 'confirm') seen.confirm = await page.locator('#f-confirm').isChecked();
      else if (id.startsWith('skill_')) {
        const on = page.locator(`.mf-rating:has(#f-${id}) .mf-rating__mark--on`);
        seen[id] = (await on.count()) ? Number(await on.getAttribute('data-value')) : null;
      } else if (id === 'ways') {
        seen.ways = [];
        for (const v of ['email', 'phone', 'video_call', 'in_person']) if (await page.locator(`#f-ways-${v}`).isChecked()) seen.ways.push(v);
      } else seen[id] = await page.locator(`#f-${id}`).inputValue();
    }
  }
  return seen;
}

/** Presses "Save and continue later" and returns the resume code shown. */
async function saveOnline(page) {
  const where = pathOf(page);
  await page.getByRole('button', { name: SAVE }).click();
  // Shown in place of the page's form: the address stays the page to return to.
  const shown = page.locator('.mf-resume-code');
  await shown.waitFor({ timeout: 15_000 });
  assert.equal(pathOf(page), where);
  const code = (await shown.textContent()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/, `not a resume code: ${code}`);
  return code;
}

/** Types a code into "Continue an application" on the start page and opens it. */
async function enterCode(page, code) {
  await open(page);
  const box = page.getByLabel('Resume code');
  await box.fill(code);
  await page.getByRole('button', { name: 'Open saved answers' }).click();
}

/** The inline message of the code box, without its hidden "Error:". */
async function codeError(page) {
  const el = page.locator('#mf-resume-code-error');
  await el.waitFor({ state: 'visible', timeout: 15_000 });
  return (await textOf(el)).replace(/^Error:\s*/, '');
}

async function assertCodeErrorWired(page) {
  const box = page.locator('#mf-resume-code');
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.match(await box.getAttribute('aria-describedby'), /mf-resume-code-hint mf-resume-code-error/);
  const focused = await eventually(() => page.evaluate(() => document.activeElement?.id === 'mf-resume-code'), { timeout: 3_000 });
  assert.ok(focused, 'focus did not go back to the code box');
}

/** HKDF-SHA-256 of the code (contract 2), as Node computes it. */
function derive(code, info) {
  const compact = code.replace(/-/g, '');
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(compact, 'ascii'), Buffer.alloc(0), Buffer.from(info), 32));
}

/** The sealed draft opened with Node's own AES-256-GCM: the contract, not the app's code. */
function openBlob(code, blob) {
  const key = derive(code, 'mentor-form draft key');
  const sealed = Buffer.from(blob.ciphertext, 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(blob.nonce, 'base64url'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const plain = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]).toString('utf8'));
  // The draft record goes as its own JSON text (read back as a stored draft is).
  return { ...plain, draft: JSON.parse(plain.draft) };
}

/** Every byte of the receiver's database (and its write-ahead log) as latin1 text. */
function databaseBytes() {
  let all = '';
  for (const suffix of ['', '-wal']) {
    const file = stack.receiver.dataFile + suffix;
    if (fs.existsSync(file)) all += fs.readFileSync(file).toString('latin1');
  }
  return all;
}

/** What this browser keeps for the page's site: localStorage, sessionStorage, IndexedDB, Cache Storage. */
async function everythingStored(page) {
  return page.evaluate(async () => ({
    local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    session: Object.fromEntries(Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)])),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
  }));
}

describe('save and continue later', () => {
  before(async () => {
    stack = await startResumeStack();
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await stack?.stop(); stack = null; });

  test('saved in one browser, opened in another with only the code: every answer back; the server holds no answer', T, async (t) => {
    await stack.receiver.reset();
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page);
    const before = stack.app.requests.length;
    const code = await saveOnline(a.page);
    await shoot(a.page, 'resume-saved');
    await a.page.emulateMedia({ forcedColors: 'active' });
    await shoot(a.page, 'resume-saved-forced');
    await a.page.emulateMedia({ forcedColors: 'none' });
    let v = await axeCheck(a.page);
    assert.deepEqual(v, [], `axe (saved page):\n  ${v.join('\n  ')}`);
    assert.equal(await textOf(a.page.locator('h1')), 'Your answers are saved');
    const link = await textOf(a.page.locator('#mf-resume-link'));
    assert.equal(link, `${stack.app.url}#resume=${code}`);
    const mail = await a.page.getByRole('link', { name: 'Email the link to yourself' }).getAttribute('href');
    assert.ok(mail.startsWith('mailto:?subject='), mail);
    assert.ok(decodeURIComponent(mail).includes(link), `the mail carries the link: ${mail}`);

    // The server got an id derived from the code, never the code.
    const drafts = await storedDrafts();
    assert.equal(drafts.length, 1);
    const id = derive(code, 'mentor-form draft id').toString('base64url');
    assert.equal(drafts[0].draft_id, id, 'the id is HKDF-SHA-256(code, "mentor-form draft id")');
    const paths = stack.app.requests.slice(before).map((r) => r.path).filter((p) => p.startsWith('/api/drafts'));
    assert.ok(paths.includes(`/api/drafts/${id}`), paths.join(', '));
    const compact = code.replace(/-/g, '');
    for (const r of stack.app.requests) assert.ok(!r.path.includes(compact) && !r.path.includes(code), `the code reached the server: ${r.path}`);
    // What it holds opens with the contract's key (Node's own crypto), and is the
    // whole draft: answers, their times, the application with its secret, the place.
    const sealed = openBlob(code, drafts[0]);
    assert.equal(sealed.cycle_id, 'fixture-resume');
    assert.equal(sealed.page, 'review');
    assert.equal(sealed.draft.answers.story, ANSWERS.story);
    assert.equal(sealed.draft.application.reference, drafts[0].reference);
    assert.equal(sealed.draft.application.version, 0);
    assert.equal(sealed.draft.application.version_secret.length, 22);
    assert.ok(sealed.draft.edited_at.story > 0);
    // The database file holds none of the typed answers.
    await eventually(() => fs.existsSync(stack.receiver.dataFile));
    const bytes = databaseBytes();
    for (const typed of [UNIQUE, ANSWERS.name, ANSWERS.email, 'video_call', ANSWERS.start]) {
      assert.ok(!bytes.includes(typed), `the database holds "${typed}" in clear`);
    }

    // Another browser, only the code, typed loosely (lower case, spaces for
    // dashes, the letter O for zero, l for one).
    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    await open(b.page);
    await shoot(b.page, 'resume-start');
    v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (start page):\n  ${v.join('\n  ')}`);
    const loose = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    await enterCode(b.page, loose);
    await waitForPath(b.page, stack.app, 'review');
    assert.equal(await textOf(b.page.locator('.mf-notice--resumed .mf-notice__text')), TEXT.restored);
    const focused = await eventually(() => b.page.evaluate(() => document.activeElement?.tagName === 'H1'), { timeout: 3_000 });
    assert.ok(focused, 'focus goes to the page resumed');
    await shoot(b.page, 'resume-restored');
    v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (restored):\n  ${v.join('\n  ')}`);
    assert.deepEqual(await answersOnScreen(b.page), { ...ANSWERS, ways: [...ANSWERS.ways] });
    // Kept on the second device too, as a draft of its own.
    const kept = await b.page.evaluate(() => JSON.parse(localStorage.getItem('mentor-form:draft:fixture-resume')));
    assert.equal(kept.answers.story, ANSWERS.story);
    assert.equal(kept.application.reference, drafts[0].reference);
    assert.deepEqual(a.errors, [], errorsMessage(a.errors));
    assert.deepEqual(b.errors, [], errorsMessage(b.errors));
  });

  test('the version secret travels: a later version sent from the second browser is accepted, and sending deletes the copy', T, async (t) => {
    await stack.receiver.reset();
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page, { ...ANSWERS, story: 'First version' });
    // Version 1 is sent, and held back while the applicant changes an answer, so
    // the change outlives the confirmation as the next version (docs/drafts.md).
    let release;
    const held = new Promise((r) => { release = r; });
    await a.context.route('**/api/submissions', async (route) => { await held; await route.continue(); });
    await a.page.getByRole('button', { name: 'Send application' }).click();
    await a.page.locator('.mf-summary__row', { has: a.page.locator('dt', { hasText: 'Your story' }) }).getByRole('link', { name: /Change/ }).click();
    await waitForPath(a.page, stack.app, 'section/one');
    await fillField(a.page, 'story', ANSWERS.story);
    await a.page.getByRole('button', { name: 'Save and return to review' }).click();
    await waitForPath(a.page, stack.app, 'review');
    release();
    await waitForPath(a.page, stack.app, 'confirmation', 20_000);
    await a.page.getByRole('link', { name: 'Check and send your changes' }).first().click();
    await waitForPath(a.page, stack.app, 'review');
    const code = await saveOnline(a.page);
    let records = await stack.receiver.submissions();
    assert.deepEqual(records.map((r) => r.envelope.version), [1]);
    const reference = records[0].envelope.reference;
    assert.equal((await storedDrafts())[0].reference, reference, 'the copy names the application sent');
    assert.ok(!databaseBytes().includes(UNIQUE), 'the changed answer is in the database in clear');

    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    await enterCode(b.page, code);
    await waitForPath(b.page, stack.app, 'review');
    // The page knows version 1 was received and these are changes to it.
    assert.match(await textOf(b.page.locator('.mf-notice--unsent')), /Version 1 of your application was received/);
    await b.page.getByRole('button', { name: 'Send application' }).click();
    await waitForPath(b.page, stack.app, 'confirmation', 20_000);
    assert.match(await textOf(b.page.locator('.mf-panel')), /Version 2 of your application was received/);
    records = await stack.receiver.submissions();
    assert.deepEqual(records.map((r) => [r.envelope.reference, r.envelope.version, r.envelope.answers.story]),
      [[reference, 1, 'First version'], [reference, 2, ANSWERS.story]]);
    // Sending deleted the copy, and the page says so.
    await b.page.locator('.mf-online-deleted', { hasText: TEXT.deleted }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await storedDrafts(), []);
    await shoot(b.page, 'resume-sent-deleted');
    const v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (confirmation):\n  ${v.join('\n  ')}`);
    // And the code opens nothing any more.
    const c = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(c.close);
    await enterCode(c.page, code);
    assert.equal(await codeError(c.page), TEXT.notFound);
    assert.deepEqual(b.errors, [], errorsMessage(b.errors));
  });

  test('the link resumes, then leaves the address bar; no server saw the code', T, async (t) => {
    await stack.receiver.reset();
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page);
    await a.page.goto(`${stack.app.url}section/two`);
    await appReady(a.page);
    const code = await saveOnline(a.page);
    const link = await textOf(a.page.locator('#mf-resume-link'));
    assert.ok(link.includes(`#resume=${code}`) && !link.includes('?'), link);

    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    const seen = [];
    b.page.on('request', (r) => seen.push(r.url()));
    await b.page.goto(link);
    await waitForPath(b.page, stack.app, 'section/two');
    assert.equal(new URL(b.page.url()).hash, '', 'the fragment is gone from the address bar');
    assert.equal(await b.page.evaluate(() => location.hash), '');
    assert.equal(await b.page.locator(`.mf-rating:has(#f-skill_a) .mf-rating__mark--on`).getAttribute('data-value'), String(ANSWERS.skill_a));
    const compact = code.replace(/-/g, '');
    for (const url of seen) assert.ok(!url.includes(compact) && !url.includes(code), `a request carried the code: ${url}`);
    for (const r of stack.app.requests) assert.ok(!r.path.includes(compact) && !r.path.includes(code), `the server log has the code: ${r.path}`);
    assert.ok(!stack.receiver.output.join('').includes(compact), 'the receiver printed the code');
    // Back does not bring the fragment back either: it was replaced, not kept
    // as a history entry of its own.
    await b.page.goBack();
    await b.page.waitForFunction(() => location.pathname === '/');
    assert.equal(new URL(b.page.url()).hash, '');
    assert.deepEqual(b.errors, [], errorsMessage(b.errors));
  });

  test('a wrong code, an expired code, and guessing limited by the server; the code stays typed', T, async (t) => {
    await stack.receiver.reset();
    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    // Not a code at all: said before anything is asked of the server.
    await enterCode(b.page, '');
    assert.equal(await codeError(b.page), TEXT.missing);
    await enterCode(b.page, 'ABCD-EFGH');
    assert.equal(await codeError(b.page), TEXT.malformed);
    await assertCodeErrorWired(b.page);
    // A code nobody saved.
    const wrong = 'ABCD-EFGH-JKMN-PQRS-TVWX';
    await enterCode(b.page, wrong);
    assert.equal(await codeError(b.page), TEXT.notFound);
    await assertCodeErrorWired(b.page);
    assert.equal(await b.page.locator('#mf-resume-code').inputValue(), wrong, 'the code stays typed');
    await shoot(b.page, 'resume-wrong-code');
    await b.page.emulateMedia({ forcedColors: 'active' });
    await shoot(b.page, 'resume-wrong-code-forced');
    await b.page.emulateMedia({ forcedColors: 'none' });
    let v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (wrong code):\n  ${v.join('\n  ')}`);

    // Expired: saved, then the receiver's clock moves past the 30 days.
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page);
    const code = await saveOnline(a.page);
    await receiverCall('POST', '/__clock', { advance_ms: 31 * 86_400_000 });
    await enterCode(b.page, code);
    assert.equal(await codeError(b.page), TEXT.expired);

    // Guessing: misses are limited per client (GUESS_LIMIT here); then every
    // look-up is refused for a while, and the page says to wait.
    await stack.receiver.reset();
    for (let i = 0; i < GUESS_LIMIT; i++) {
      await enterCode(b.page, `ABCD-EFGH-JKMN-PQRS-TVW${i}`);
      assert.equal(await codeError(b.page), TEXT.notFound);
    }
    await enterCode(b.page, 'ABCD-EFGH-JKMN-PQRS-TVWZ');
    assert.equal(await codeError(b.page), 'Too many tries have come from your network. Wait 10 minutes, then try again.');
    await assertCodeErrorWired(b.page);
    v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (rate limited):\n  ${v.join('\n  ')}`);
    assert.deepEqual(b.errors, [], errorsMessage(b.errors));
  });

  test('no connection: opening and saving say so, and keep the code typed and the answers', T, async (t) => {
    await stack.receiver.reset();
    const b = await newPage(browser, { ignoreConsole: [...HTTP_NOISE, /ERR_FAILED/] });
    t.after(b.close);
    await b.context.route('**/api/drafts/**', (route) => route.abort('failed'));
    const code = 'ABCD-EFGH-JKMN-PQRS-TVWX';
    await enterCode(b.page, code);
    assert.equal(await codeError(b.page), TEXT.network);
    assert.equal(await b.page.locator('#mf-resume-code').inputValue(), code);
    await fillAll(b.page);
    await b.page.getByRole('button', { name: SAVE }).click();
    const failed = b.page.locator('.mf-save-later [role=alert]');
    await failed.waitFor();
    assert.match(await textOf(failed), /^Your answers could not be saved online The connection failed before the service that keeps saved answers replied\. Check your connection and try again\. Your answers are still on this page and on this device\./);
    const focused = await eventually(() => b.page.evaluate(() => document.activeElement?.getAttribute('role') === 'alert'), { timeout: 3_000 });
    assert.ok(focused, 'focus goes to what went wrong');
    assert.equal(pathOf(b.page), '/review');
    await shoot(b.page, 'resume-save-failed');
    const v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (save failed):\n  ${v.join('\n  ')}`);
    // Back on the network, the same button saves.
    await b.context.unroute('**/api/drafts/**');
    await saveOnline(b.page);
    assert.equal((await storedDrafts()).length, 1);
  });

  test('saving again keeps the code and brings in what another device saved with it', T, async (t) => {
    await stack.receiver.reset();
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page);
    const code = await saveOnline(a.page);
    // The second device opens it and changes the name.
    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    await enterCode(b.page, code);
    await waitForPath(b.page, stack.app, 'review');
    await open(b.page, 'section/one');
    await fillField(b.page, 'name', 'Name from B');
    assert.equal(await saveOnline(b.page), code, 'the same code');
    // The first device changes the years, later, and saves with its code.
    await open(a.page, 'section/one');
    await fillField(a.page, 'years', '9');
    assert.equal(await saveOnline(a.page), code, 'the same code');
    assert.equal((await storedDrafts()).length, 1, 'one copy, updated');
    // Nothing lost: the first device took the second's name in, and said so.
    await open(a.page, 'section/one');
    assert.equal(await a.page.locator('#f-name').inputValue(), 'Name from B');
    assert.equal(await a.page.locator('#f-years').inputValue(), '9');
    const sealed = openBlob(code, (await storedDrafts())[0]);
    assert.equal(sealed.draft.answers.name, 'Name from B');
    assert.equal(sealed.draft.answers.years, '9');
    assert.deepEqual(a.errors, [], errorsMessage(a.errors));
  });

  test('a device that already holds other answers asks, and loses nothing it was not told of', T, async (t) => {
    await stack.receiver.reset();
    const a = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(a.close);
    await fillAll(a.page);
    const code = await saveOnline(a.page);
    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    await open(b.page, 'section/one');
    await fillField(b.page, 'name', 'Typed on B');
    await fillField(b.page, 'years', '30');
    await eventually(() => b.page.evaluate(() => localStorage.getItem('mentor-form:draft:fixture-resume')));
    await enterCode(b.page, code);
    const ask = b.page.getByRole('group', { name: 'This device already has answers' });
    await ask.waitFor();
    const focused = await eventually(() => b.page.evaluate(() => document.activeElement?.id === 'mf-resume-ask'), { timeout: 3_000 });
    assert.ok(focused, 'focus goes to the question');
    await shoot(b.page, 'resume-ask');
    const v = await axeCheck(b.page);
    assert.deepEqual(v, [], `axe (question):\n  ${v.join('\n  ')}`);
    // Cancel keeps the device as it was.
    await ask.getByRole('button', { name: 'Cancel, keep the answers on this device' }).click();
    await ask.waitFor({ state: 'detached' });
    await open(b.page, 'section/one');
    assert.equal(await b.page.locator('#f-name').inputValue(), 'Typed on B');
    // Combine: the later edit of each question (B's name and years), the rest saved.
    await enterCode(b.page, code);
    await ask.getByRole('button', { name: 'Combine them, keeping the more recent answer to each question' }).click();
    await waitForPath(b.page, stack.app, 'review');
    assert.match(await textOf(b.page.locator('.mf-notice--resumed')), /together with the answers already on this device/);
    const seen = await answersOnScreen(b.page);
    assert.deepEqual(seen, { ...ANSWERS, ways: [...ANSWERS.ways], name: 'Typed on B', years: '30' });
    // "Use only the saved answers" on a third device.
    const c = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(c.close);
    await open(c.page, 'section/one');
    await fillField(c.page, 'name', 'Typed on C');
    await enterCode(c.page, code);
    await c.page.getByRole('button', { name: 'Use only the saved answers' }).click();
    await waitForPath(c.page, stack.app, 'review');
    await open(c.page, 'section/one');
    assert.equal(await c.page.locator('#f-name').inputValue(), ANSWERS.name);
    assert.deepEqual(b.errors, [], errorsMessage(b.errors));
  });

  test('shared computer: nothing kept in storage, and Back after leaving shows no answer', T, async (t) => {
    await stack.receiver.reset();
    // Playwright turns the back-forward cache off; browsers have it on.
    const cached = await chromium.launch({
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      ignoreDefaultArgs: ['--disable-back-forward-cache'],
    });
    t.after(() => cached.close());
    const bfcache = [];
    const s = await newPage(cached, {
      ignoreConsole: HTTP_NOISE,
      initScript: () => addEventListener('pageshow', (e) => { if (e.persisted) console.log('mf-test: shown from the back-forward cache'); }),
    });
    t.after(s.close);
    s.page.on('console', (m) => { if (m.text().startsWith('mf-test:')) bfcache.push(m.text()); });
    await open(s.page);
    const choice = s.page.getByLabel('I\'m using a shared or public computer');
    await choice.check();
    const notice = s.page.locator('.mf-notice--shared');
    await notice.waitFor();
    assert.equal(await textOf(notice), TEXT.sharedOn);
    await shoot(s.page, 'resume-shared-start');
    let v = await axeCheck(s.page);
    assert.deepEqual(v, [], `axe (shared, start):\n  ${v.join('\n  ')}`);
    await s.page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(s.page, stack.app, 'section/one');
    for (const id of SECTIONS.one) await fillField(s.page, id, ANSWERS[id]);
    // The choice stays reachable (and on) on every page.
    assert.equal(await s.page.getByLabel('I\'m using a shared or public computer').isChecked(), true);
    const code = await saveOnline(s.page);
    assert.match(await textOf(s.page.locator('main')), /You can now close this page\. Nothing of your application is kept in this browser/);
    // The email link hands over to the mail program without leaving the page,
    // so the page is not emptied under the applicant.
    await s.page.getByRole('link', { name: 'Email the link to yourself' }).click();
    assert.equal(await textOf(s.page.locator('.mf-resume-code')), code);
    await shoot(s.page, 'resume-shared-saved');
    v = await axeCheck(s.page);
    assert.deepEqual(v, [], `axe (shared, saved):\n  ${v.join('\n  ')}`);
    // Nothing but the choice itself is stored.
    const stored = await everythingStored(s.page);
    assert.deepEqual(stored, {
      local: {},
      session: { 'mentor-form:shared-computer:fixture-resume': 'yes' },
      indexedDB: [],
      caches: [],
    });
    // Back on the form, with the answers on screen, the applicant leaves;
    // someone else presses Back.
    await s.page.getByRole('button', { name: 'Return to your application' }).click();
    assert.equal(await s.page.locator('#f-name').inputValue(), ANSWERS.name);
    const backHere = await eventually(() => s.page.evaluate(() => document.activeElement?.tagName === 'H1'), { timeout: 3_000 });
    assert.ok(backHere, 'focus goes to the top of the form again');
    await s.page.goto(`${stack.app.origin}/elsewhere`);
    await s.page.goBack({ waitUntil: 'commit' });
    // Shown again from the back-forward cache, the emptied page loads anew.
    const reloaded = await eventually(
      () => s.page.evaluate(() => performance.getEntriesByType('navigation')[0]?.type === 'reload').catch(() => false),
      { timeout: 15_000 },
    );
    assert.ok(bfcache.length > 0, 'this Chromium did not use the back-forward cache, so Back was not tested against it');
    assert.ok(reloaded, 'the page shown from the back-forward cache was not loaded anew');
    await appReady(s.page);
    const html = await s.page.content();
    for (const typed of [ANSWERS.name, ANSWERS.email, code]) assert.ok(!html.includes(typed), `"${typed}" is on the page after Back`);
    assert.equal(await s.page.locator('#f-name').inputValue(), '');
    assert.equal(await s.page.getByLabel('I\'m using a shared or public computer').isChecked(), true, 'the choice outlives the page, in this tab');
    assert.deepEqual(await everythingStored(s.page), stored);
    // The copy saved online opens elsewhere.
    const b = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(b.close);
    await enterCode(b.page, code);
    await waitForPath(b.page, stack.app, 'section/one');
    assert.equal(await b.page.locator('#f-name').inputValue(), ANSWERS.name);
    assert.deepEqual(s.errors, [], errorsMessage(s.errors));
  });

  test('ticking the choice mid-way removes the draft this browser kept', T, async (t) => {
    await stack.receiver.reset();
    const s = await newPage(browser);
    t.after(s.close);
    await open(s.page, 'section/one');
    await fillField(s.page, 'name', ANSWERS.name);
    await eventually(() => s.page.evaluate(() => localStorage.getItem('mentor-form:draft:fixture-resume')));
    await s.page.locator('footer').getByLabel('I\'m using a shared or public computer').check();
    await s.page.locator('.mf-notice--shared').waitFor();
    assert.deepEqual((await everythingStored(s.page)).local, {});
    await fillField(s.page, 'email', ANSWERS.email);
    // Continue saves at once when a draft is kept: here it must not.
    await s.page.locator('form[novalidate] button[type=submit]').click();
    await s.page.locator('.mf-error-summary').waitFor();
    assert.deepEqual((await everythingStored(s.page)).local, {}, 'nothing written after the choice');
    // Unticked: kept on the device again, answers and all.
    await s.page.locator('footer').getByLabel('I\'m using a shared or public computer').uncheck();
    const back = await eventually(() => s.page.evaluate(() => JSON.parse(localStorage.getItem('mentor-form:draft:fixture-resume') || 'null')?.answers?.email));
    assert.equal(back, ANSWERS.email);
    assert.deepEqual(s.errors, [], errorsMessage(s.errors));
  });
});

describe('save and continue later on a plain-http page', () => {
  let insecure;
  before(async () => {
    stack = stack ?? await startResumeStack();
    insecure = await chromium.launch({
      executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP apply.test 127.0.0.1'],
    });
  });
  after(async () => { await insecure?.close(); await stack?.stop(); stack = null; });

  test('not offered, and the page says why', T, async (t) => {
    const s = await newPage(insecure);
    t.after(s.close);
    const url = `http://apply.test:${stack.app.port}/`;
    await s.page.goto(url);
    await appReady(s.page);
    assert.equal(await s.page.evaluate(() => window.isSecureContext), false);
    assert.equal(await textOf(s.page.locator('.mf-resume-unavailable')), TEXT.notSecure);
    assert.equal(await s.page.locator('#mf-resume-code').count(), 0);
    await shoot(s.page, 'resume-not-secure');
    const v = await axeCheck(s.page);
    assert.deepEqual(v, [], `axe (not secure):\n  ${v.join('\n  ')}`);
    await s.page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await s.page.waitForFunction(() => location.pathname === '/section/one');
    await appReady(s.page);
    assert.equal(await s.page.getByRole('button', { name: SAVE }).count(), 0);
    assert.deepEqual(s.errors, [], errorsMessage(s.errors));
  });
});

/** The fenced block right after `<!-- marker -->` in the README. */
function readmeBlock(marker) {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- ${marker} -->`);
  assert.ok(at >= 0, `README has no <!-- ${marker} --> block`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(m, `no code block after <!-- ${marker} -->`);
  return m[1];
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

describe('the README nginx block and drafts', () => {
  test('a draft larger than a submission is saved and read back through it; one over 256 KB is refused', T, async (t) => {
    const receiver = await startReceiver();
    t.after(() => receiver.stop());
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-nginx-drafts-'));
    // nginx's workers (www-data) buffer a large body in a file under it.
    fs.chmodSync(dir, 0o777);
    const block = readmeBlock('nginx-snippet')
      .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
      .replaceAll('/srv/mentor-form', DIST)
      .replace(/proxy_pass http:\/\/127\.0\.0\.1:3001;/g, `proxy_pass http://127.0.0.1:${receiver.port};`);
    assert.ok(block.includes('location /api/drafts/'), 'the README block has a location for the drafts');
    fs.writeFileSync(path.join(dir, 'nginx.conf'), `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${block}
}
`);
    const nginx = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
    t.after(() => new Promise((r) => { nginx.once('exit', r); nginx.kill('SIGQUIT'); setTimeout(() => nginx.kill('SIGKILL'), 3_000); }));
    const base = `http://127.0.0.1:${port}/api/drafts/${crypto.randomBytes(32).toString('base64url')}`;
    const up = await eventually(() => fetch(base).then(() => true).catch(() => false), { timeout: 10_000 });
    assert.ok(up, 'nginx did not answer');
    const put = (ciphertextBytes) => fetch(base, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 1, reference: 'ref-nginx', nonce: crypto.randomBytes(12).toString('base64url'),
        ciphertext: crypto.randomBytes(ciphertextBytes).toString('base64url'),
      }),
    });
    // ~200 KB of body: past the 64k of /api/, within the drafts' 256k.
    const big = await put(150_000);
    assert.equal(big.status, 200, await big.text());
    const back = await fetch(base);
    assert.equal(back.status, 200);
    assert.equal((await back.json()).ciphertext.length, Math.ceil(150_000 * 4 / 3));
    const over = await put(220_000);
    assert.equal(over.status, 413);
  });
});
