// Nothing lost, round 3 (issue 19, browser side), for real against the receiver:
// edits made during a slow send (in another tab, and in the same tab through a Change
// link) outlive the confirmation and become the next version; two tabs writing the
// same revision at the same moment both keep their edits; a full storage quota still
// restores, clears and ends the draft, and a failed save says so once with the
// download; a filled honeypot is sent for real (flagged), never a fake confirmation;
// the version secret goes with every version and never to the host page; mount mode
// with data-drafts="off" keeps nothing in the host page's storage. Each test starts
// from a fresh browser context and needs no other test.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { launchBrowser, newPage, shoot, errorsMessage, axeCheck } from './support/browser.mjs';
import {
  startStack, gotoRoute, waitForPath, appReady, sendButton, fillValidApplication, typeInto,
  draftKeys, eventually, summaryRow, outcome, DRAFT_PREFIX, VALID,
} from './support/app.mjs';

const T = { timeout: 240_000 };
const CYCLE_ID = 'fall-2020-mentor';
const DRAFT_KEY = `${DRAFT_PREFIX}${CYCLE_ID}`;
const ENDED_KEY = `mentor-form:ended:${CYCLE_ID}`;
// The endpoint holds its reply this long: long enough to edit during the send.
const SLOW_MS = 6_000;

let browser;
let stack;

/** The draft record as stored, parsed (null when there is none). */
async function storedDraft(page) {
  return page.evaluate((k) => {
    // The real getItem, also in a page whose reads a test froze.
    const read = window.__realGetItem ?? Storage.prototype.getItem;
    const t = read.call(localStorage, k);
    return t ? JSON.parse(t) : null;
  }, DRAFT_KEY);
}

async function fieldValue(page, id) {
  return page.locator(`#f-${id}`).inputValue();
}

async function waitForStored(page, id, value, timeout = 5_000) {
  const ok = await eventually(async () => (await storedDraft(page))?.answers?.[id] === value, { timeout });
  assert.ok(ok, `stored draft never got ${id}=${JSON.stringify(value)}: ${JSON.stringify(await storedDraft(page))}`);
}

const records = () => stack.receiver.submissions();
const summary = (recs) => JSON.stringify(recs.map((r) => [r.envelope?.reference, r.envelope?.version, r.envelope?.answers?.last_name]));

/** The text of an element with its white space folded. */
async function textOf(locator) {
  return (await locator.textContent()).replace(/\s+/g, ' ').trim();
}

describe('nothing lost, round 3', () => {
  before(async () => {
    stack = await startStack({
      routes: {
        // A host page that mounts the form with drafts switched off (docs/embedding.md).
        '/host-drafts-off': (req, res) => hostPage(res, 'data-drafts="off"'),
        '/host-drafts-on': (req, res) => hostPage(res, ''),
        '/host-iframe': (req, res) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Library news</title><link rel="icon" href="data:,">
<script>window.__msgs = []; window.addEventListener('message', (e) => window.__msgs.push(typeof e.data === 'string' ? e.data : JSON.stringify(e.data)));</script>
</head><body><main><h1>Become a mentor</h1><iframe src="/" title="Mentor application" style="width:100%;height:900px"></iframe></main></body></html>`);
        },
      },
    });
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await stack?.stop(); });

  test('an edit in another tab during a slow send survives it and becomes version 2', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(async () => { await stack.receiver.setFaults({ delay_ms: 0 }); await close(); });
    await stack.receiver.reset();
    await fillValidApplication(a, stack.app);
    const b = await context.newPage();
    await gotoRoute(b, stack.app, 'section/about-you');
    assert.equal(await fieldValue(b, 'last_name'), VALID.last_name);
    await stack.receiver.setFaults({ delay_ms: SLOW_MS });
    await sendButton(a).click();
    await a.getByRole('button', { name: /Sending/ }).waitFor({ state: 'visible' });
    // Tab B changes an answer while tab A's send is on its way.
    await typeInto(b, '#f-last_name', 'Lovelace-Byron');
    await waitForStored(b, 'last_name', 'Lovelace-Byron');
    assert.equal(await outcome(a, SLOW_MS + 15_000), 'confirmation');
    // A says which version was received, and that answers changed since.
    const panel = await textOf(a.locator('.mf-panel'));
    assert.match(panel, /Version 1 of your application was received\./);
    const changed = a.locator('.mf-notice--unsent');
    await changed.waitFor({ state: 'visible' });
    assert.match(await textOf(changed), /You changed answers after sending/);
    assert.doesNotMatch(await textOf(a.locator('.mf-main')), /have been removed from this device/);
    await shoot(a, 'round3-confirmed-v1-changed-after');
    // B keeps its edit and is told, with the way to send it.
    assert.equal(await fieldValue(b, 'last_name'), 'Lovelace-Byron');
    const notice = b.locator('.mf-notice--unsent');
    await notice.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await textOf(notice), /Version 1 of your application was received\. You changed answers after it was sent/);
    assert.doesNotMatch(await textOf(b.locator('.mf-main')), /nothing more to do/i);
    await shoot(b, 'round3-other-tab-unsent-changes');
    let v = await axeCheck(b);
    assert.deepEqual(v, [], `axe (unsent changes notice):\n  ${v.join('\n  ')}`);
    const stored = await storedDraft(b);
    assert.equal(stored?.answers?.last_name, 'Lovelace-Byron', `the draft is gone: ${JSON.stringify(stored)}`);
    assert.equal(stored.application.stage, 'confirmed');
    // Only version 1 reached the receiver, with the answers as sent.
    let recs = await records();
    assert.equal(recs.length, 1, summary(recs));
    assert.equal(recs[0].envelope.version, 1);
    assert.equal(recs[0].envelope.answers.last_name, VALID.last_name);
    // B sends its change: the same application, version 2.
    await stack.receiver.setFaults({ delay_ms: 0 });
    await notice.getByRole('link', { name: 'Check and send your changes' }).click();
    await waitForPath(b, stack.app, 'review');
    assert.match(await textOf(summaryRow(b, 'Last name')), /Lovelace-Byron/);
    await sendButton(b).click();
    assert.equal(await outcome(b), 'confirmation');
    assert.match(await textOf(b.locator('.mf-panel')), /Version 2 of your application was received\./);
    assert.match(await textOf(b.locator('.mf-main')), /Your answers have been removed from this device/);
    recs = await records();
    assert.equal(recs.length, 2, summary(recs));
    assert.equal(recs[1].envelope.reference, recs[0].envelope.reference, 'version 2 must name the same application');
    assert.equal(recs[1].envelope.version, 2);
    assert.equal(recs[1].envelope.answers.last_name, 'Lovelace-Byron');
    // Now the draft has ended everywhere; tab A hears that version 2 went from tab B.
    assert.deepEqual(await draftKeys(b), []);
    await eventually(async () => /Version 2 of your application was received/.test(await textOf(a.locator('.mf-panel'))), { timeout: 5_000 });
    assert.match(await textOf(a.locator('.mf-main')), /sent from another tab or window/);
    v = await axeCheck(a);
    assert.deepEqual(v, [], `axe (confirmation):\n  ${v.join('\n  ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the same in one tab: an answer changed through a Change link during a slow send is kept as version 2', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(async () => { await stack.receiver.setFaults({ delay_ms: 0 }); await close(); });
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    const bodies = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/submissions') && r.method() === 'POST') bodies.push(JSON.parse(r.postData())); });
    await stack.receiver.setFaults({ delay_ms: SLOW_MS });
    await sendButton(page).click();
    await page.getByRole('button', { name: /Sending/ }).waitFor({ state: 'visible' });
    // The version on its way is in the draft record, with the application's secret.
    const sending = (await storedDraft(page)).application;
    assert.deepEqual([sending.version, sending.stage], [1, 'sending']);
    assert.match(sending.version_secret, /^[A-Za-z0-9_-]{22}$/);
    await summaryRow(page, 'Last name').getByRole('link', { name: /Change/ }).click();
    await waitForPath(page, stack.app, 'section/about-you');
    await typeInto(page, '#f-last_name', 'King');
    await page.getByRole('button', { name: 'Save and return to review' }).click();
    await waitForPath(page, stack.app, 'review');
    assert.equal(await outcome(page, SLOW_MS + 15_000), 'confirmation');
    assert.match(await textOf(page.locator('.mf-panel')), /Version 1 of your application was received\./);
    const changed = page.locator('.mf-notice--unsent');
    assert.match(await textOf(changed), /You changed answers after sending.*have not been sent yet/);
    assert.equal((await storedDraft(page))?.answers?.last_name, 'King', 'the edit made during the send was erased');
    // The printable copy is what version 1 carried.
    assert.match(await textOf(page.locator('.mf-print-copy')), new RegExp(VALID.last_name));
    await shoot(page, 'round3-same-tab-changed-during-send');
    await stack.receiver.setFaults({ delay_ms: 0 });
    await changed.getByRole('link', { name: 'Check and send your changes' }).click();
    await waitForPath(page, stack.app, 'review');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    assert.match(await textOf(page.locator('.mf-panel')), /Version 2 of your application was received\./);
    const recs = await records();
    assert.deepEqual(recs.map((r) => [r.envelope.version, r.envelope.answers.last_name]), [[1, VALID.last_name], [2, 'King']], summary(recs));
    // One secret for the application: both versions carry the one made with it.
    assert.deepEqual(bodies.map((b) => [b.reference, b.version, b.version_secret]), [
      [sending.reference, 1, sending.version_secret],
      [sending.reference, 2, sending.version_secret],
    ]);
    assert.deepEqual(await draftKeys(page), []);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('two tabs saving the same revision at the same moment both keep their edits', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(a, stack.app, 'section/about-you');
    await typeInto(a, '#f-first_name', 'Ada');
    await waitForStored(a, 'first_name', 'Ada');
    const b = await context.newPage();
    // Tab B's view of storage can be frozen: its reads return what was stored when
    // frozen and the storage events it hears are held back, as when another tab's
    // write has not reached this tab's process yet (localStorage tells other tabs
    // asynchronously). Writes go through.
    await b.addInitScript(([draftKey, endedKey]) => {
      const realGet = Storage.prototype.getItem;
      window.__realGetItem = realGet;
      let frozen = null;
      const held = [];
      Storage.prototype.getItem = function getItem(k) {
        if (frozen && this === window.localStorage && k in frozen) return frozen[k];
        return realGet.call(this, k);
      };
      window.addEventListener('storage', (e) => {
        if (!frozen || e.__replayed) return;
        e.stopImmediatePropagation();
        held.push({ key: e.key, oldValue: e.oldValue, newValue: e.newValue, url: e.url });
      }, true);
      window.__freeze = () => {
        frozen = { [draftKey]: realGet.call(localStorage, draftKey), [endedKey]: realGet.call(localStorage, endedKey) };
      };
      window.__thaw = () => {
        frozen = null;
        for (const init of held.splice(0)) {
          const ev = new StorageEvent('storage', { ...init, storageArea: localStorage });
          ev.__replayed = true;
          window.dispatchEvent(ev);
        }
      };
    }, [DRAFT_KEY, ENDED_KEY]);
    await gotoRoute(b, stack.app, 'section/about-you');
    assert.equal(await fieldValue(b, 'first_name'), 'Ada');
    const revision = (await storedDraft(a)).revision;
    await b.evaluate(() => window.__freeze());
    // Both tabs now save on top of the same revision: A first, then B, which has not
    // seen A's write.
    await typeInto(a, '#f-institution', 'Chicago Public Library');
    await waitForStored(a, 'institution', 'Chicago Public Library');
    assert.equal((await storedDraft(a)).revision, revision + 1);
    await typeInto(b, '#f-city', 'Evanston');
    // B wrote the same revision as A, over A's record...
    await eventually(async () => (await storedDraft(a))?.answers?.city === 'Evanston', { timeout: 5_000 });
    // ...and A, hearing of it, puts its lost edit back; then B hears everything late.
    await waitForStored(a, 'institution', 'Chicago Public Library', 5_000);
    await b.evaluate(() => window.__thaw());
    await eventually(async () => (await fieldValue(b, 'institution')) === 'Chicago Public Library', { timeout: 5_000 });
    await eventually(async () => (await fieldValue(a, 'city')) === 'Evanston', { timeout: 5_000 });
    const stored = await storedDraft(a);
    assert.equal(stored.answers.institution, 'Chicago Public Library', JSON.stringify(stored));
    assert.equal(stored.answers.city, 'Evanston', JSON.stringify(stored));
    assert.equal(stored.answers.first_name, 'Ada');
    // Both survive a reload in a third tab.
    const c = await context.newPage();
    await gotoRoute(c, stack.app, 'section/about-you');
    assert.equal(await fieldValue(c, 'institution'), 'Chicago Public Library');
    assert.equal(await fieldValue(c, 'city'), 'Evanston');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('storage full to the quota: the draft restores, a failed save says so once with the download, "Clear my answers" removes it', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    await typeInto(page, '#f-first_name', 'Ada');
    await typeInto(page, '#f-last_name', 'Lovelace');
    await waitForStored(page, 'last_name', 'Lovelace');
    const filled = await fillStorage(page);
    assert.ok(filled.n > 0 && !filled.probeFits, `storage is not full: ${JSON.stringify(filled)}`);
    await page.reload();
    await appReady(page);
    // Read and shown, though nothing more can be written.
    assert.equal(await fieldValue(page, 'first_name'), 'Ada');
    assert.equal(await fieldValue(page, 'last_name'), 'Lovelace');
    assert.equal(await page.locator('.mf-notice--storage').count(), 0, 'a readable draft was reported as storage unavailable');
    // A save that cannot be written says so, once, and offers the download.
    await typeInto(page, '#f-city', 'Evanston');
    const notice = page.locator('.mf-notice--storage');
    await notice.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await textOf(notice), /could not be saved on this device/);
    // Said once: another failed save (Continue saves at once) leaves the same
    // notice in place, not a second one nor the same one announced anew.
    await notice.evaluate((el) => { el.dataset.first = 'yes'; });
    await typeInto(page, '#f-institution', 'Chicago Public Library');
    await page.locator('form[novalidate] button[type=submit]').click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    assert.equal((await storedDraft(page))?.answers?.institution, undefined, 'storage was not full after all');
    assert.equal(await notice.count(), 1, 'the failed save was said more than once');
    assert.equal(await notice.getAttribute('data-first'), 'yes', 'the notice was put up again');
    await shoot(page, 'round3-storage-full-save-failed');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('button', { name: 'Download a copy of your answers' }).click(),
    ]);
    const copy = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    assert.equal(copy.answers.city, 'Evanston', 'the copy lacks the answer that could not be saved');
    assert.equal(copy.answers.first_name, 'Ada');
    // "Clear my answers" really removes the draft, and only then says so.
    await page.getByRole('button', { name: 'Clear my answers' }).click();
    await page.getByRole('button', { name: 'Yes, clear my answers' }).click();
    await page.locator('#mf-clear-done').waitFor({ state: 'visible' });
    assert.match(await textOf(page.locator('#mf-clear-done')), /Your answers have been cleared from this device/);
    assert.equal(await storedDraft(page), null, 'the draft is still stored after "Clear my answers"');
    assert.deepEqual(await draftKeys(page), []);
    await page.reload();
    await appReady(page);
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await fieldValue(page, 'first_name'), '');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('storage full to the quota: a confirmed send removes the draft', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    await waitForStored(page, 'comp_professionalism', VALID.comp_professionalism);
    const filled = await fillStorage(page);
    assert.ok(filled.n > 0 && !filled.probeFits, `storage is not full: ${JSON.stringify(filled)}`);
    await page.reload();
    await appReady(page);
    assert.match(await textOf(summaryRow(page, 'Last name')), /Lovelace/, 'the draft did not restore with the quota full');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    assert.match(await textOf(page.locator('.mf-main')), /Your answers have been removed from this device/);
    assert.equal(await storedDraft(page), null, 'the draft is still stored after the confirmed send');
    assert.equal((await records()).length, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a filled honeypot is sent for real and flagged: no confirmation before the reply, the draft kept until then', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(async () => { await stack.receiver.setFaults({ delay_ms: 0 }); await close(); });
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    // Nothing a browser or password manager would fill in.
    const attrs = await page.locator('.mf-hp input').evaluate((el) => ({
      name: el.name, autocomplete: el.getAttribute('autocomplete'), type: el.type,
      label: el.labels?.[0]?.textContent ?? '', lp: el.dataset.lpignore, op: el.hasAttribute('data-1p-ignore'),
      bw: el.hasAttribute('data-bwignore'), hiddenBox: el.closest('[hidden][aria-hidden="true"]') !== null,
      tabIndex: el.tabIndex,
    }));
    assert.doesNotMatch(attrs.name, /web|url|site|name|mail|phone|tel|addr|company|org|user|pass/i, `honeypot name ${attrs.name}`);
    assert.doesNotMatch(attrs.label, /web|url|site|name|mail|phone|address|company|user|pass/i, `honeypot label ${attrs.label}`);
    assert.deepEqual(
      { autocomplete: attrs.autocomplete, type: attrs.type, lp: attrs.lp, op: attrs.op, bw: attrs.bw, hiddenBox: attrs.hiddenBox, tabIndex: attrs.tabIndex },
      { autocomplete: 'off', type: 'text', lp: 'true', op: true, bw: true, hiddenBox: true, tabIndex: -1 },
    );
    await page.evaluate(() => {
      const el = document.querySelector('.mf-hp input');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, 'http://spam.example/');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await stack.receiver.setFaults({ delay_ms: 2_500 });
    const requests = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/submissions') && r.method() === 'POST') requests.push(r); });
    await sendButton(page).click();
    await page.getByRole('button', { name: /Sending/ }).waitFor({ state: 'visible' });
    // The request is out, the reply not in: no confirmation yet, the draft is kept.
    await eventually(() => requests.length === 1, { timeout: 5_000 });
    assert.notEqual(new URL(page.url()).pathname, '/confirmation', 'confirmation shown before the reply');
    assert.notEqual(await storedDraft(page), null, 'the draft was removed before the reply');
    assert.equal(await outcome(page), 'confirmation');
    const body = JSON.parse(requests[0].postData());
    assert.equal(body.honeypot, 'http://spam.example/');
    assert.equal(body.answers.mf_hp, undefined);
    const recs = await records();
    assert.equal(recs.length, 1, 'the application did not reach the receiver');
    assert.equal(recs[0].suspected_automated, true, `not flagged: ${JSON.stringify(recs[0])}`);
    assert.equal(recs[0].envelope.answers.email, VALID.email);
    assert.equal(await storedDraft(page), null, 'the draft outlived the confirmed send');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the version secret: made with the reference, kept in the draft, sent with every version, never shown nor posted to the host page', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    // The form in an iframe of a page of an allowed origin, which records every
    // message the form posts to it.
    await context.route(`**/cycles/${CYCLE_ID}.json`, async (route) => {
      const res = await route.fetch();
      const cycle = await res.json();
      cycle.embed.allowed_origins = [stack.app.origin];
      await route.fulfill({ response: res, json: cycle });
    });
    await page.goto(`${stack.app.origin}/host-iframe`);
    const frame = await eventually(() => page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(stack.app.origin)), { timeout: 10_000 });
    assert.ok(frame, 'the iframe did not load the form');
    await appReady(frame);
    const fp = framePage(page, frame);
    await frame.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    await fillValidApplication(fp, stack.app, { fromStart: false });
    const bodies = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/submissions') && r.method() === 'POST') bodies.push(JSON.parse(r.postData())); });
    await sendButton(frame).click();
    await waitForPath(fp, stack.app, 'confirmation', 20_000);
    const [first] = bodies;
    assert.equal(first.schema_version, 2);
    assert.match(first.version_secret, /^[A-Za-z0-9_-]{22}$/, `secret ${first.version_secret}`);
    assert.equal(first.reference.length, 36);
    // Never on screen.
    assert.ok(!(await frame.locator('body').textContent()).includes(first.version_secret), 'the secret is shown');
    // The receiver bound its hash to the reference.
    const recs = await records();
    assert.equal(recs[0].version_secret_sha256, crypto.createHash('sha256').update(first.version_secret).digest('hex'));
    // The host page heard of the send (its reference), and never of the secret.
    const messages = await eventually(async () => {
      const m = await page.evaluate(() => window.__msgs);
      return m.some((x) => x.includes('"submitted"')) ? m : null;
    }, { timeout: 5_000 });
    assert.ok(messages, 'no submitted message reached the host page');
    assert.ok(messages.every((m) => !m.includes(first.version_secret)), JSON.stringify(messages));
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('mount mode with data-drafts="off": nothing in the host page\'s storage, and the form says answers are not kept', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    for (const [path, keeps] of [['host-drafts-on', true], ['host-drafts-off', false]]) {
      await page.goto(`${stack.app.origin}/${path}`);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.locator('[data-mentor-form] .mf-root:not([data-mf-prerendered]) h1').first().waitFor({ state: 'visible', timeout: 20_000 });
      await page.locator('[data-mentor-form] a.mf-button', { hasText: 'Start now' }).click();
      await page.locator('[data-mentor-form] #f-membership_confirmed').check();
      await page.locator('[data-mentor-form] form[novalidate] button[type=submit]').click();
      await page.locator('[data-mentor-form] #f-first_name').waitFor();
      await typeInto(page, '[data-mentor-form] #f-first_name', 'Ada');
      // Continue saves at once (no wait for the typing pause).
      await page.locator('[data-mentor-form] form[novalidate] button[type=submit]').click();
      await page.locator('[data-mentor-form] .mf-error-summary').waitFor({ state: 'visible' });
      const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mentor-form')));
      if (keeps) {
        // The same page without the switch keeps a draft: the check below can fail.
        assert.deepEqual(keys, ['mentor-form:draft:fall-2020-mentor'], 'the control page kept no draft');
      } else {
        assert.deepEqual(keys, [], `drafts off, yet the host page's storage holds ${keys.join(', ')}`);
        const notice = page.locator('[data-mentor-form] .mf-notice--storage');
        assert.match(await textOf(notice), /does not keep your answers on this device.*finish in one go/);
        await shoot(page, 'round3-mount-drafts-off');
      }
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});

/**
 * A page-like view of an iframe for the support/app.mjs helpers: locators, url and
 * waitForFunction come from the frame, the keyboard from the page.
 */
function framePage(page, frame) {
  return new Proxy(frame, {
    get(target, key) {
      if (key === 'keyboard' || key === 'mouse') return page[key];
      const v = target[key];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A host page that mounts the form with mount.js (same origin as the form here). */
function hostPage(res, attrs) {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Library news</title>
<link rel="icon" href="data:,">
<script src="/mount.js" async></script></head>
<body><main><h1>Become a mentor</h1><div data-mentor-form ${attrs}></div></main></body></html>`);
}

/**
 * Fills localStorage with junk until not even a short key fits; returns how many
 * items were added, and whether a write the size of the old storage probe
 * (`mentor-form:probe` = "1") still succeeds afterwards (it must not).
 */
async function fillStorage(page) {
  return page.evaluate(() => {
    let n = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 16, 1, 0]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try { localStorage.setItem(`${n}`, chunk); n += 1; } catch { break; }
      }
    }
    let probeFits = true;
    try { localStorage.setItem('mentor-form:probe', '1'); localStorage.removeItem('mentor-form:probe'); } catch { probeFits = false; }
    return { n, probeFits };
  });
}
