// Sending to the real receiver: typed values, retries, timeouts, server field errors,
// double clicks, a stopped receiver, drafts, the honeypot (sent, flagged), storage off,
// clearing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, pathOf, clickContinue, sendButton, appReady, sectionSubmit,
  fillValidApplication, fillSection, typeInto, summaryRow, draftKeys, waitForDraft, eventually, sleep,
  readCycle, cycleTimeoutMs, COMPETENCIES, VALID, DRAFT_PREFIX, openStackAndBrowser, closeStackAndBrowser, outcome } from './support/app.mjs';

const T = { timeout: 240_000 };
// Chromium logs every non-2xx fetch as "Failed to load resource"; tests that provoke
// those on purpose leave that one message out (anything else still fails them).
const HTTP_NOISE = [/Failed to load resource/];
let browser;
let stack;

async function setHoneypot(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.mf-hp input');
    if (!el) return false;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(el, 'http://spam.example/');
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  });
}

/** null when there is no honeypot on the page. */
async function honeypotHidden(page) {
  return page.evaluate(() => {
    const el = document.querySelector('.mf-hp input');
    if (!el) return null;
    const cs = getComputedStyle(el);
    const gone = cs.display === 'none' || cs.visibility === 'hidden';
    return {
      fromAT: gone || !!el.closest('[aria-hidden="true"]'),
      fromKeyboard: gone || el.tabIndex < 0,
    };
  });
}

describe('submit', () => {
  before(async () => ({ stack, browser } = await openStackAndBrowser()));
  after(() => closeStackAndBrowser({ stack, browser }));

  test('happy path: stored exactly once with typed values; confirmation shows the receipt', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    const send = sendButton(page);
    assert.equal((await send.textContent()).trim(), 'Send application');
    await send.click();
    assert.equal(await outcome(page), 'confirmation');
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim(), 'Application sent');
    const ref = (await page.locator('.mf-reference').textContent()).trim();
    assert.ok(ref.length > 0, 'empty .mf-reference');
    await sleep(500);
    const stats = await stack.receiver.stats();
    assert.equal(stats.attempts, 1, `attempts: ${JSON.stringify(stats)}`);
    assert.equal(stats.stored, 1, `stored: ${JSON.stringify(stats)}`);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1);
    const [rec] = subs;
    assert.ok(ref.includes(rec.receipt) || (rec.envelope.reference && ref.includes(rec.envelope.reference)),
      `confirmation reference "${ref}" is neither the receipt "${rec.receipt}" nor the envelope reference "${rec.envelope.reference}"`);
    assert.equal(rec.encoding, 'json');
    const env = rec.envelope;
    assert.ok(env.schema_version !== undefined && env.schema_version !== null, 'schema_version');
    assert.equal(typeof env.cycle_id, 'string');
    assert.ok(env.cycle_id.length > 0);
    assert.ok(!Number.isNaN(Date.parse(env.submitted_at)), `submitted_at "${env.submitted_at}"`);
    const a = env.answers;
    assert.equal(a.membership_confirmed, true, 'membership_confirmed must be boolean true');
    assert.equal(a.years_experience, 12, 'years_experience must be the number 12');
    for (const id of COMPETENCIES) {
      assert.equal(typeof a[id], 'number', `${id} must be a number, got ${JSON.stringify(a[id])}`);
      assert.equal(a[id], VALID[id], `${id}`);
    }
    for (const id of ['first_name', 'last_name', 'email', 'phone', 'institution', 'position', 'city', 'state', 'gender', 'gender_match', 'ethnicity', 'ethnicity_match', 'region_match']) {
      assert.equal(a[id], VALID[id], `answers.${id}`);
    }
    assert.ok(!('mf_hp' in a), 'honeypot leaked into the answers');
    assert.equal(env.honeypot, undefined, 'an empty honeypot was sent');
    assert.equal(rec.suspected_automated, false);
    // The draft is gone once the application is sent.
    assert.deepEqual(await draftKeys(page), [], 'draft still in localStorage after success');
    await shoot(page, 'confirmation');
    const v = await axeCheck(page);
    assert.deepEqual(v, [], `axe violations (confirmation):\n  ${v.join('\n  ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('500 twice then success: one stored submission', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await stack.receiver.setFaults({ fail_next: 2, fail_status: 500 });
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    let result;
    let manualRetries = 0;
    for (let i = 0; i < 4; i++) {
      result = await outcome(page, 30_000);
      if (result !== 'send-error') break;
      manualRetries++;
      await page.locator('.mf-send-error').getByRole('button', { name: 'Try again' }).click();
      await eventually(async () => !(await page.locator('.mf-send-error').isVisible().catch(() => false)), { timeout: 2_000 });
    }
    assert.equal(result, 'confirmation', `ended with ${result} after ${manualRetries} manual retries`);
    await sleep(500);
    const stats = await stack.receiver.stats();
    assert.equal(stats.attempts, 3, `attempts (2 failures + 1 success): ${JSON.stringify(stats)}`);
    assert.equal(stats.stored, 1);
    assert.equal((await stack.receiver.submissions()).length, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('timeout: clear message, answers kept, "Try again" succeeds', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: [...HTTP_NOISE, /abort|timed? ?out/i] });
    t.after(close);
    const timeoutMs = cycleTimeoutMs(readCycle());
    assert.ok(timeoutMs && timeoutMs > 0, 'the cycle file has no endpoint timeout');
    const delay = timeoutMs + 2_000;
    await stack.receiver.reset();
    await stack.receiver.setFaults({ delay_ms: delay });
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page, 4 * delay + 15_000), 'send-error');
    const alert = page.locator('.mf-send-error');
    assert.equal(await alert.getAttribute('role'), 'alert');
    const msg = (await alert.textContent()).replace(/\s+/g, ' ').trim();
    assert.match(msg, /time|too long|respond|slow/i, `timeout message does not say what happened: "${msg}"`);
    assert.equal(await alert.getByRole('button', { name: 'Try again' }).count(), 1, 'Try again button');
    assert.equal(await alert.getByRole('link', { name: 'Download a copy of your answers' }).count(), 1, 'download link');
    assert.equal(await alert.getByRole('button', { name: 'Print your answers' }).count(), 1, 'print button');
    assert.equal(pathOf(page), '/review');
    assert.match(await summaryRow(page, /email/i).locator('dd.mf-summary__value').textContent(), /ada@example\.org/);
    assert.ok((await draftKeys(page)).length > 0, 'draft gone after a failed send');
    await shoot(page, 'send-error-timeout');
    // Let the delayed request(s) finish on the server side before clearing the faults.
    await sleep(2_500);
    await stack.receiver.reset();
    await alert.getByRole('button', { name: 'Try again' }).click();
    assert.equal(await outcome(page, 20_000), 'confirmation');
    await sleep(500);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1, `stored ${subs.length} submissions: ${subs.map((s) => s.idempotency_key).join(', ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('422 with an email error: shown in the summary and inline on review', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    const serverMsg = 'Enter an email address that can receive messages';
    await stack.receiver.reset();
    await stack.receiver.setFaults({ reject_next: 1, reject_errors: { email: serverMsg } });
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'error-summary');
    assert.equal(pathOf(page), '/review');
    const summary = page.locator('.mf-error-summary');
    assert.equal((await summary.locator('h2').textContent()).trim(), 'There is a problem');
    assert.ok((await summary.textContent()).includes(serverMsg), `summary lacks the server message: ${await summary.textContent()}`);
    // The email field is on About you, so the link may point there (/section/about-you#f-email).
    const hrefs = await summary.locator('ul li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h.endsWith('#f-email')), `summary links: ${hrefs.join(', ')}`);
    assert.ok(await page.locator('.mf-error-message', { hasText: serverMsg }).count() >= 1, 'no inline .mf-error-message with the server message on review');
    assert.match(await page.title(), /^Error: /);
    const focused = await eventually(() => page.evaluate(() => !!document.activeElement?.classList.contains('mf-error-summary')), { timeout: 2_000 });
    assert.ok(focused, 'error summary not focused after a 422');
    await shoot(page, 'review-server-errors');
    const stats = await stack.receiver.stats();
    assert.equal(stats.stored, 0);
    // Fix the email through the summary link and send again.
    await summary.locator('ul li a').filter({ hasText: serverMsg }).first().click();
    await waitForPath(page, stack.app, 'section/about-you');
    const onEmail = await eventually(() => page.evaluate(() => document.activeElement?.id === 'f-email'), { timeout: 2_000 });
    assert.ok(onEmail, 'the summary link did not focus the email field');
    await typeInto(page, '#f-email', 'ada.l@example.org');
    await sectionSubmit(page).click();
    await waitForPath(page, stack.app, 'review');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1);
    assert.equal(subs[0].envelope.answers.email, 'ada.l@example.org');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('422 in Formspree\'s list shape: the field message and a form-wide one both reach the summary', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await stack.receiver.setFaults({
      reject_next: 1,
      reject_errors: [
        { code: 'TYPE_EMAIL', field: 'email', message: 'should be an email' },
        { code: 'FORM_LIMIT', message: 'This form has reached its monthly limit' },
      ],
    });
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'error-summary');
    const summary = page.locator('.mf-error-summary');
    const entries = await summary.locator('ul li').evaluateAll((lis) => lis.map((li) => ({
      text: li.textContent.trim(), href: li.querySelector('a')?.getAttribute('href') ?? null,
    })));
    const email = entries.find((e) => e.text === 'should be an email');
    assert.ok(email && email.href && email.href.endsWith('#f-email'), `entries: ${JSON.stringify(entries)}`);
    assert.ok(entries.some((e) => e.text === 'This form has reached its monthly limit'), `entries: ${JSON.stringify(entries)}`);
    assert.equal((await stack.receiver.stats()).stored, 0);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('double click on "Send application" sends once', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    await stack.receiver.setFaults({ delay_ms: 1_500 });
    await fillValidApplication(page, stack.app);
    const send = sendButton(page);
    await send.dblclick();
    const inFlight = await eventually(async () => (await send.isDisabled()) && /Sending…/.test(await send.textContent()), { timeout: 1_000, interval: 25 });
    assert.ok(inFlight, `button while sending: disabled=${await send.isDisabled().catch(() => '?')} text="${await send.textContent().catch(() => '?')}"`);
    // A third, forced click while in flight must not send either.
    await send.click({ force: true, timeout: 1_000 }).catch(() => {});
    assert.equal(await outcome(page), 'confirmation');
    await sleep(2_000);
    const stats = await stack.receiver.stats();
    assert.equal(stats.attempts, 1, `attempts: ${JSON.stringify(stats)}`);
    assert.equal(stats.stored, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('receiver stopped: message, answers kept, copy offered; retry after restart succeeds', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    const port = stack.receiver.port;
    await stack.receiver.stop();
    await sendButton(page).click();
    assert.equal(await outcome(page, 60_000), 'send-error');
    const alert = page.locator('.mf-send-error');
    assert.equal(await alert.getAttribute('role'), 'alert');
    const msg = (await alert.textContent()).replace(/\s+/g, ' ').trim();
    assert.ok(msg.length > 20, `send error message too thin: "${msg}"`);
    assert.equal(pathOf(page), '/review');
    assert.match(await summaryRow(page, /first name/i).locator('dd.mf-summary__value').textContent(), /Ada/);
    assert.ok((await draftKeys(page)).length > 0, 'draft gone after a failed send');
    assert.ok(!(await sendButton(page).isDisabled()), 'Send button still disabled after the failure');
    await shoot(page, 'send-error-receiver-down');
    // A copy of the answers can be downloaded (JSON).
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 5_000 }),
      alert.getByRole('link', { name: 'Download a copy of your answers' }).click(),
    ]);
    const copy = fs.readFileSync(await download.path(), 'utf8');
    let parsed;
    assert.doesNotThrow(() => { parsed = JSON.parse(copy); }, 'downloaded copy is not JSON');
    assert.ok(JSON.stringify(parsed).includes('ada@example.org'), 'downloaded copy lacks the email');
    // Bring the receiver back on the same port and retry.
    await stack.restartReceiver({ samePort: true });
    assert.equal(stack.receiver.port, port);
    await alert.getByRole('button', { name: 'Try again' }).click();
    assert.equal(await outcome(page, 30_000), 'confirmation');
    await sleep(500);
    const stats = await stack.receiver.stats();
    assert.equal(stats.stored, 1, JSON.stringify(stats));
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the draft follows typing: saved once typing pauses, with no Continue or reload', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    const draftText = () => page.evaluate((prefix) => Object.keys(localStorage)
      .filter((k) => k.startsWith(prefix)).map((k) => localStorage.getItem(k)).join(''), DRAFT_PREFIX);
    assert.equal(await draftText(), '', 'no draft before any edit');
    // Keystrokes 50 ms apart: one typing burst, then a pause.
    await page.locator('#f-first_name').pressSequentially('Grace', { delay: 50 });
    const saved = await eventually(async () => (await draftText()).includes('"first_name":"Grace"'), { timeout: 3_000 });
    assert.ok(saved, `draft after the pause: ${await draftText()}`);
    // A later burst replaces it, the whole word, not a prefix of it.
    await page.locator('#f-last_name').pressSequentially('Hopper', { delay: 50 });
    const again = await eventually(async () => (await draftText()).includes('"last_name":"Hopper"'), { timeout: 3_000 });
    assert.ok(again, `draft after the second pause: ${await draftText()}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('reload mid-form restores the draft', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, '');
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, stack.app, 'section/membership');
    await fillSection(page, 'membership', VALID);
    await clickContinue(page, stack.app, 'about-you');
    await typeInto(page, '#f-first_name', 'Ada');
    await typeInto(page, '#f-last_name', 'Lovelace');
    await typeInto(page, '#f-email', 'ada@example.org');
    await page.locator('#f-state').selectOption('DC');
    await waitForDraft(page);
    await sleep(600);
    await page.reload();
    await appReady(page);
    assert.equal(pathOf(page), '/section/about-you');
    assert.equal(await page.locator('#f-first_name').inputValue(), 'Ada');
    assert.equal(await page.locator('#f-last_name').inputValue(), 'Lovelace');
    assert.equal(await page.locator('#f-email').inputValue(), 'ada@example.org');
    assert.equal(await page.locator('#f-state').inputValue(), 'DC');
    await page.locator('a.mf-back').click();
    await waitForPath(page, stack.app, 'section/membership');
    assert.ok(await page.locator('#f-membership_confirmed').isChecked(), 'membership not restored');
    await gotoRoute(page, stack.app, '');
    assert.equal(await page.locator('a.mf-button', { hasText: 'Continue your application' }).count(), 1, 'start link should read "Continue your application" with a draft');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('draft cleared after a successful send', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    await waitForDraft(page);
    const keys = await draftKeys(page);
    assert.equal(keys.length, 1, `draft keys: ${keys.join(', ')}`);
    const draft = await page.evaluate((k) => localStorage.getItem(k), keys[0]);
    assert.doesNotThrow(() => JSON.parse(draft), 'draft is not JSON');
    assert.ok(draft.includes('ada@example.org'), 'draft lacks the typed email');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    const left = await eventually(async () => (await draftKeys(page)).length === 0, { timeout: 2_000 });
    assert.ok(left, `draft still present after success: ${(await draftKeys(page)).join(', ')}`);
    await gotoRoute(page, stack.app, '');
    assert.equal(await page.locator('a.mf-button', { hasText: 'Start now' }).count(), 1);
    assert.deepEqual(await draftKeys(page), []);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('honeypot filled: sent for real and flagged, confirmed by the receiver', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    const filledOn = [];
    let hidden = null;
    await fillValidApplication(page, stack.app, {
      onPage: async (p, where) => {
        if (!hidden) hidden = await honeypotHidden(p);
        if (await setHoneypot(p)) filledOn.push(where);
      },
    });
    if (!hidden) hidden = await honeypotHidden(page);
    if (await setHoneypot(page)) filledOn.push('review');
    assert.ok(filledOn.length > 0, 'no .mf-hp honeypot on any page');
    assert.deepEqual(hidden, { fromAT: true, fromKeyboard: true }, 'honeypot must be hidden from assistive tech and the Tab order');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    const stats = await stack.receiver.stats();
    assert.equal(stats.attempts, 1, `the application never reached the receiver: ${JSON.stringify(stats)} (honeypot filled on ${filledOn.join(', ')})`);
    const [rec] = await stack.receiver.submissions();
    assert.equal(rec.envelope.honeypot, 'http://spam.example/');
    assert.equal(rec.suspected_automated, true);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('storage disabled: notice shown, sending still works', T, async (t) => {
    const { page, errors, close } = await newPage(browser, {
      initScript: () => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() { throw new DOMException('denied', 'SecurityError'); },
        });
      },
    });
    t.after(close);
    await stack.receiver.reset();
    await gotoRoute(page, stack.app, '');
    const notice = page.locator('.mf-notice--storage');
    await notice.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => { throw new Error('no visible .mf-notice--storage with storage disabled'); });
    const text = (await notice.first().textContent()).replace(/\s+/g, ' ');
    assert.match(text, /cannot|can't|can not|won't|will not|unable|not be (kept|saved)/i, `notice text: "${text}"`);
    await shoot(page, 'storage-disabled');
    await fillValidApplication(page, stack.app);
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    await sleep(500);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1);
    assert.equal(subs[0].envelope.answers.email, VALID.email);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('"Clear my answers" asks first, then removes the draft', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    await typeInto(page, '#f-first_name', 'Ada');
    await typeInto(page, '#f-email', 'ada@example.org');
    await waitForDraft(page);
    await sleep(500);
    const clear = page.getByRole('button', { name: 'Clear my answers' });
    await clear.click();
    const confirm = page.locator('.mf-clear-confirm');
    await confirm.waitFor({ state: 'visible', timeout: 3_000 });
    await shoot(page, 'clear-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden', timeout: 3_000 });
    assert.ok((await draftKeys(page)).length > 0, 'Cancel removed the draft');
    assert.equal(await page.locator('#f-first_name').inputValue(), 'Ada', 'Cancel cleared the field');

    await clear.click();
    await confirm.waitFor({ state: 'visible', timeout: 3_000 });
    await confirm.getByRole('button', { name: 'Yes, clear my answers' }).click();
    const gone = await eventually(async () => (await draftKeys(page)).length === 0, { timeout: 2_000 });
    assert.ok(gone, `draft still present: ${await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)).map((k) => `${k}=${localStorage.getItem(k)}`).join('; '), DRAFT_PREFIX)}`);
    // Nothing comes back: a reload shows empty fields and the start page says "Start now".
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await page.locator('#f-first_name').inputValue(), '');
    assert.equal(await page.locator('#f-email').inputValue(), '');
    await sleep(600);
    await gotoRoute(page, stack.app, '');
    assert.equal(await page.locator('a.mf-button', { hasText: 'Start now' }).count(), 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
