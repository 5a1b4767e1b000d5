// Send when the connection returns (issue 23), in real Chromium against the real
// receiver: a send that meets an offline device waits, visibly, with the version and
// its answers in the draft record; it goes when the connection returns, when the page
// is shown again, or on the next visit, always with the same Idempotency-Key, so the
// receiver stores it once; edits made while it waits are the next version. Each test
// starts from a fresh browser context and needs no other test.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, shoot, errorsMessage, axeCheck } from './support/browser.mjs';
import {
  startStack, waitForPath, appReady, sendButton, fillValidApplication, typeInto,
  draftKeys, eventually, summaryRow, outcome, DRAFT_PREFIX, VALID,
} from './support/app.mjs';

const T = { timeout: 240_000 };
// Chromium logs a fetch that failed offline as a console error; nothing else may be.
const OFFLINE_NOISE = [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/];
const DRAFT_KEY = `${DRAFT_PREFIX}fall-2020-mentor`;
const WAITING = 'Waiting for a connection. Your application will be sent when you are back online. Keep this page open, or come back to it later.';

let browser;
let stack;

async function storedDraft(page) {
  return page.evaluate((k) => { const t = localStorage.getItem(k); return t ? JSON.parse(t) : null; }, DRAFT_KEY);
}

async function textOf(locator) {
  return (await locator.textContent()).replace(/\s+/g, ' ').trim();
}

/** Every POST of the form to the endpoint, as the browser sent it. */
function recordPosts(page) {
  const posts = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/submissions') && r.method() === 'POST') {
      posts.push({ key: r.headers()['idempotency-key'], body: r.postData() });
    }
  });
  return posts;
}

async function waitingNotice(page) {
  const notice = page.locator('.mf-notice--waiting');
  await notice.waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal(await textOf(notice), WAITING);
  assert.equal(await notice.getAttribute('role'), 'status');
  return notice;
}

describe('send when the connection returns', () => {
  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  after(async () => { await browser?.close(); await stack?.stop(); });

  test('offline during a send: the pending state shows; back online it is sent once', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser, { ignoreConsole: OFFLINE_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    const posts = recordPosts(page);
    // The connection drops while the request is on its way: the receiver stores it,
    // but its reply never reaches the device.
    let dropped = false;
    await context.route('**/api/submissions', async (route) => {
      if (dropped || route.request().method() !== 'POST') return route.continue();
      dropped = true;
      await route.fetch();
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await sendButton(page).click();
    const notice = await waitingNotice(page);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    // It is not "sent", nor a failure that asks for another try.
    assert.notEqual(new URL(page.url()).pathname, '/confirmation');
    assert.equal(await page.locator('.mf-send-error').count(), 0);
    const pending = (await storedDraft(page))?.application;
    assert.equal(pending?.stage, 'waiting', `the pending send is not in the draft record: ${JSON.stringify(pending)}`);
    assert.equal(pending.waiting_answers.last_name, VALID.last_name);
    const focused = await eventually(() => page.evaluate(() => document.activeElement?.id === 'mf-waiting'), { timeout: 2_000 });
    assert.ok(focused, 'focus did not move to the waiting notice');
    await shoot(page, 'offline-waiting');
    const v = await axeCheck(page);
    assert.deepEqual(v, [], `axe (waiting):\n  ${v.join('\n  ')}`);
    assert.equal((await stack.receiver.submissions()).length, 1, 'the receiver never got the first request');
    await context.setOffline(false);
    assert.equal(await outcome(page), 'confirmation');
    await notice.waitFor({ state: 'detached' });
    assert.equal(posts.length, 2);
    assert.equal(posts[1].key, posts[0].key, 'the resend must carry the same Idempotency-Key');
    assert.equal(posts[1].body, posts[0].body, 'the resend must be the same request');
    assert.equal((await stack.receiver.submissions()).length, 1, 'stored twice');
    assert.deepEqual(await draftKeys(page), []);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a send while offline waits for the next visit, and goes then, once', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser, { ignoreConsole: OFFLINE_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    const posts = recordPosts(page);
    await context.setOffline(true);
    await sendButton(page).click();
    await waitingNotice(page);
    // Offline: not even an attempt was made.
    assert.equal(posts.length, 0);
    const pending = (await storedDraft(page)).application;
    assert.equal(pending.stage, 'waiting');
    // The applicant leaves; the connection comes back while no page of the form is
    // open (a blank tab keeps the browser context itself open).
    const again = await context.newPage();
    const againPosts = recordPosts(again);
    // (The waiting version was written when Send was pressed: nothing depends on
    // the page's own close handlers.)
    await page.close();
    await context.setOffline(false);
    await again.goto(stack.app.url);
    assert.equal(await outcome(again), 'confirmation');
    assert.match(await textOf(again.locator('.mf-panel')), /Version 1 of your application was received/);
    assert.equal(againPosts.length, 1);
    assert.equal(againPosts[0].key, `${pending.reference}.v${pending.version}`);
    const recs = await stack.receiver.submissions();
    assert.equal(recs.length, 1);
    assert.equal(recs[0].envelope.answers.email, VALID.email);
    assert.deepEqual(await draftKeys(again), []);
    // A reload now sends nothing more.
    await again.reload();
    await appReady(again);
    assert.equal(againPosts.length, 1);
    assert.equal((await stack.receiver.submissions()).length, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('sent when the page is shown again, even if the online event was missed', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser, {
      ignoreConsole: OFFLINE_NOISE,
      // The app never hears `online`: only the page being shown again can start the send.
      initScript: () => window.addEventListener('online', (e) => e.stopImmediatePropagation(), true),
    });
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    await context.setOffline(true);
    await sendButton(page).click();
    await waitingNotice(page);
    await context.setOffline(false);
    await eventually(() => page.evaluate(() => navigator.onLine), { timeout: 5_000 });
    assert.equal(new URL(page.url()).pathname, '/review', 'sent without being shown again');
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    assert.equal(await outcome(page), 'confirmation');
    assert.equal((await stack.receiver.submissions()).length, 1);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('an answer changed while the send waits is the next version: the waiting one goes as it was', T, async (t) => {
    const { context, page, errors, close } = await newPage(browser, { ignoreConsole: OFFLINE_NOISE });
    t.after(close);
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app);
    await context.setOffline(true);
    await sendButton(page).click();
    await waitingNotice(page);
    await summaryRow(page, 'Last name').getByRole('link', { name: /Change/ }).click();
    await waitForPath(page, stack.app, 'section/about-you');
    // The notice follows the applicant through the form.
    await waitingNotice(page);
    await typeInto(page, '#f-last_name', 'Somerville');
    await page.getByRole('button', { name: 'Save and return to review' }).click();
    await waitForPath(page, stack.app, 'review');
    await context.setOffline(false);
    assert.equal(await outcome(page), 'confirmation');
    assert.match(await textOf(page.locator('.mf-panel')), /Version 1 of your application was received/);
    assert.match(await textOf(page.locator('.mf-notice--unsent')), /You changed answers after sending/);
    let recs = await stack.receiver.submissions();
    assert.deepEqual(recs.map((r) => [r.envelope.version, r.envelope.answers.last_name]), [[1, VALID.last_name]]);
    assert.equal((await storedDraft(page))?.answers?.last_name, 'Somerville');
    await page.locator('.mf-notice--unsent').getByRole('link', { name: 'Check and send your changes' }).click();
    await waitForPath(page, stack.app, 'review');
    await sendButton(page).click();
    assert.equal(await outcome(page), 'confirmation');
    assert.match(await textOf(page.locator('.mf-panel')), /Version 2 of your application was received/);
    recs = await stack.receiver.submissions();
    assert.deepEqual(recs.map((r) => [r.envelope.version, r.envelope.answers.last_name]), [[1, VALID.last_name], [2, 'Somerville']]);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
