// The receiver's own limits reach the applicant: an answer over the receiver's
// length limit (a 400 naming the field) is shown on that field, and a body over
// its size limit (a 413) is shown as a form-wide message, not as "error 413".
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, shoot, errorsMessage } from './support/browser.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, fillValidApplication, sendButton, pathOf, appReady, sleep, readCycle } from './support/app.mjs';
import { startReceiver } from './support/receiver.mjs';

const T = { timeout: 120_000 };
// Chromium logs every non-2xx fetch as "Failed to load resource".
const HTTP_NOISE = [/Failed to load resource/];
// Longer than the receiver's limit below, well within the cycle's own max_length.
const LONG_INSTITUTION = 'Albuquerque and Bernalillo County Library';

let browser;
let app;
let receiver;

async function withReceiver(args) {
  await receiver?.stop();
  receiver = await startReceiver({ origins: [app.origin], args });
  return receiver;
}

async function outcome(page, timeout = 20_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (pathOf(page) === '/confirmation') { await appReady(page); return 'confirmation'; }
    if (await page.locator('.mf-error-summary').isVisible().catch(() => false)) return 'error-summary';
    if (await page.locator('.mf-send-error').isVisible().catch(() => false)) return 'send-error';
    await sleep(100);
  }
  throw new Error(`no outcome within ${timeout} ms (on ${pathOf(page)})`);
}

describe('receiver errors in the app', () => {
  before(async () => {
    app = await startApp({ receiverUrl: () => receiver && receiver.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await receiver?.stop();
    await app?.close();
  });

  test('an answer over the receiver\'s length limit: its 400 names the question, on that field', T, async (t) => {
    // The receiver reads the same cycle file as the app, for the labels.
    const cycle = readCycle();
    const cycleFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-cycle-')), 'cycle.json');
    fs.writeFileSync(cycleFile, JSON.stringify(cycle));
    const label = cycle.sections.flatMap((s) => s.fields).find((f) => f.id === 'institution').label;
    await withReceiver(['--max-answer-chars', '20', '--cycle', cycleFile]);
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    await fillValidApplication(page, app, { answers: { institution: LONG_INSTITUTION } });
    await sendButton(page).click();
    assert.equal(await outcome(page), 'error-summary');
    const message = `${label} must be 20 characters or less`;
    const summary = page.locator('.mf-error-summary');
    const text = await summary.textContent();
    assert.ok(text.includes(message), `summary lacks the receiver's message: ${text}`);
    assert.ok(!/error 400/.test(text), `summary shows a bare status: ${text}`);
    const hrefs = await summary.locator('ul li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.some((h) => h && h.endsWith('#f-institution')), `summary links: ${hrefs.join(', ')}`);
    assert.ok(await page.locator('.mf-error-message', { hasText: message }).count() >= 1, 'no inline message with the receiver\'s limit');
    await shoot(page, 'receiver-400-field-limit');
    const stats = await receiver.stats();
    assert.equal(stats.attempts, 1, JSON.stringify(stats));
    assert.equal(stats.stored, 0, JSON.stringify(stats));
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a body over the receiver\'s size limit: its 413 is a form-wide message', T, async (t) => {
    await withReceiver(['--max-body-bytes', '512']);
    const { page, errors, close } = await newPage(browser, { ignoreConsole: HTTP_NOISE });
    t.after(close);
    await fillValidApplication(page, app);
    await sendButton(page).click();
    const seen = await outcome(page);
    assert.notEqual(seen, 'confirmation');
    const message = 'The application is too large to send: it must be 512 bytes or less.';
    const shown = await page.locator(seen === 'error-summary' ? '.mf-error-summary' : '.mf-send-error').textContent();
    assert.ok(shown.includes(message), `the receiver's 413 message is not shown: ${shown}`);
    assert.ok(!/error 413/.test(shown), `a bare status is shown: ${shown}`);
    // Form-wide: not attached to any one field.
    assert.equal(await page.locator('.mf-error-message', { hasText: message }).count(), 0, 'the 413 message sits on a field');
    await shoot(page, 'receiver-413-form-wide');
    const stats = await receiver.stats();
    assert.equal(stats.stored, 0, JSON.stringify(stats));
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
