// The painted page and the start of the app (issue 19 items 2 and 3, issue 23 "type as
// soon as the page shows"; docs/prerender.md):
// - a returning applicant's painted page shows the saved draft, and a key typed there
//   adds to the saved answer instead of replacing it;
// - the page is painted without waiting for the cycle file, and what is typed then is
//   kept; a cycle that turns out different keeps the typed answers aside;
// - a start that fails (the wasm aborted, 404, a wrong integrity hash, a CSP without
//   'wasm-unsafe-eval', no take-over in time) is said on the page, in the cycle's
//   words, keeps what was typed, and its reload brings the form back with it.
// Runs on a copy of dist/ painted for a fixture cycle (with a long-answer question) by
// the real build step, under the strict CSP the build's headers describe.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import { fixtureCycle } from './support/a11y.mjs';
import { ROOT, startStack, DRAFT_PREFIX, eventually, strictCsp } from './support/app.mjs';
import { startServer } from './support/server.mjs';
import { startPainted, gate, heldPage, painted, live, takenOver, stored, CYCLE_FILE } from './support/painted.mjs';

const T = { timeout: 180_000 };
const TYPED_PREFIX = 'mentor-form:typed-early:';

// The fixture cycle with a long answer on the about-you page, and fixture words for the
// start-failure notice (the test never depends on the shipped wording).
const cycle = fixtureCycle();
const aboutYou = cycle.sections.find((s) => s.id === 'about-you');
aboutYou.fields.push({ id: 'statement', kind: 'textarea', label: 'Why you want to mentor', optional: true, max_length: 5000 });
cycle.texts = {
  ...cycle.texts,
  start_failed_title: 'Fixture: could not start',
  start_failed_body: 'Fixture: what you typed is kept.',
  start_failed_reload: 'Fixture reload',
};
const LONG = `${'I have run story times for twelve years. '.repeat(40)}The end.`;
const ABOUT = 'section/about-you';
// Console lines a failed start leaves on purpose (the browser's own and the loader's).
const FAULT_NOISE = [/Failed to load resource/, /could not start/, /integrity/i, /Content Security Policy|WebAssembly|wasm-unsafe-eval/i, /net::ERR_/];

let browser;
let stack;
let dist;

const statement = (page) => page.locator('#f-statement');
const firstName = (page) => page.locator('#f-first_name');
const notice = (page) => page.getByRole('alert').filter({ hasText: 'Fixture: could not start' });

/** Saves a draft with the long answer through the running app, as a first visit would. */
async function saveLongAnswer(page) {
  await page.goto(stack.app.url + ABOUT);
  await takenOver(page);
  await statement(page).fill(LONG);
  await eventually(async () => (await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.answers?.statement === LONG, { timeout: 10_000 });
}

describe('the painted page, the saved draft and a failed start', () => {
  let running;
  before(async () => {
    running = await startPainted(cycle);
    ({ dist, stack, browser } = running);
  });
  after(() => running?.stop());

  test('a saved long answer shows in the painted page; a key typed there adds to it, after the take-over and after a reload', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await saveLongAnswer(page);
    // The next visit: the wasm is held back, the painted page is what the applicant has.
    const wasm = await gate(page, '**/*_bg.wasm');
    await page.goto(stack.app.url + ABOUT);
    await painted(page).locator('#f-statement').waitFor();
    assert.equal(await statement(page).inputValue(), LONG, 'the painted box does not show the saved answer');
    assert.equal(await live(page).count(), 0, 'the app took over before the wasm was let through');
    await statement(page).focus();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('!');
    assert.equal(await statement(page).inputValue(), `${LONG}!`);
    wasm.release();
    await takenOver(page);
    assert.equal(await statement(page).inputValue(), `${LONG}!`, 'the take-over replaced the saved answer');
    await eventually(async () => (await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.answers?.statement === `${LONG}!`, { timeout: 10_000 });
    assert.equal((await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.answers?.statement, `${LONG}!`, 'the draft lost the saved text');
    await page.reload();
    await takenOver(page);
    assert.equal(await statement(page).inputValue(), `${LONG}!`, 'after a reload');
    assert.equal(await stored(page, `${TYPED_PREFIX}${cycle.id}`), null, 'the painted page\'s record is left behind');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the page paints before the cycle file arrives, and a key typed then is kept', T, async (t) => {
    const { page, errors, close, release } = await heldPage(browser);
    t.after(close);
    const cycleFile = await gate(page, `**/${CYCLE_FILE}`);
    const cycleRequests = { asked: 0, answered: 0 };
    page.on('request', (r) => { if (r.url().endsWith(CYCLE_FILE)) cycleRequests.asked += 1; });
    page.on('requestfinished', (r) => { if (r.url().endsWith(CYCLE_FILE)) cycleRequests.answered += 1; });
    await page.goto(stack.app.url + ABOUT);
    await painted(page).locator('#f-first_name').waitFor();
    await firstName(page).click();
    await page.keyboard.type('Ada');
    assert.equal(await firstName(page).inputValue(), 'Ada');
    // The cycle file was asked for and is still held: the paint did not wait for it.
    assert.ok(cycleRequests.asked >= 1, 'the cycle file was never asked for');
    assert.equal(cycleRequests.answered, 0, 'the cycle file arrived before the paint');
    cycleFile.release();
    release();
    await takenOver(page);
    assert.equal(await firstName(page).inputValue(), 'Ada');
    await eventually(async () => (await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.answers?.first_name === 'Ada', { timeout: 10_000 });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a painted page whose cycle turns out different: the typed answers without a question are kept aside, not lost', T, async (t) => {
    const { page, errors, close, release } = await heldPage(browser);
    t.after(close);
    // Staff renamed a question after the build (first_name -> given_name).
    const edited = structuredClone(cycle);
    edited.title = 'Edited After The Build';
    const field = edited.sections.find((s) => s.id === 'about-you').fields.find((f) => f.id === 'first_name');
    field.id = 'given_name';
    await page.route(`**/${CYCLE_FILE}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(edited) }));
    await page.goto(stack.app.url + ABOUT);
    await painted(page).locator('#f-first_name').waitFor();
    await firstName(page).click();
    await page.keyboard.type('Grace');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hopper'); // last_name: still a question of the edited cycle
    release();
    await takenOver(page);
    await page.locator('.mf-header', { hasText: 'Edited After The Build' }).waitFor();
    assert.equal(await page.locator('#f-last_name').inputValue(), 'Hopper', 'an answer with a live twin was not carried over');
    const kept = page.locator('.mf-notice--kept');
    await kept.waitFor();
    assert.match(await kept.textContent(), /first_name.*Grace/s, 'the answer without a question is not shown as kept aside');
    await eventually(async () => (await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.kept_aside?.first_name === 'Grace', { timeout: 10_000 });
    const draft = await stored(page, `${DRAFT_PREFIX}${cycle.id}`);
    assert.equal(draft?.kept_aside?.first_name, 'Grace', `the draft does not keep it aside: ${JSON.stringify(draft)}`);
    assert.equal(draft?.answers?.last_name, 'Hopper');
    await shoot(page, 'early-paint-kept-aside');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  /** A fault on the wasm (or its page), the notice, the typed answer, then a reload that works. */
  const faults = {
    'the wasm request is aborted': (route) => route.abort('failed'),
    'the wasm answers 404 (a partial deploy)': (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
    'the wasm is not the file its integrity names': async (route) => {
      const res = await route.fetch();
      const body = Buffer.from(await res.body());
      body[body.length - 1] ^= 0xff;
      return route.fulfill({ response: res, body });
    },
  };
  for (const [name, fault] of Object.entries(faults)) {
    test(`${name}: the page says the form could not start, keeps what was typed, and its reload brings the form back`, T, async (t) => {
      const { page, errors, close, wasm } = await heldPage(browser, { ignoreConsole: FAULT_NOISE });
      t.after(close);
      await page.goto(stack.app.url + ABOUT);
      await painted(page).locator('#f-first_name').waitFor();
      await firstName(page).click();
      await page.keyboard.type('Ada');
      wasm.fail(fault);
      await notice(page).waitFor({ timeout: 20_000 });
      assert.equal(await painted(page).count(), 1, 'the painted page with the typed answer is gone');
      assert.equal(await firstName(page).inputValue(), 'Ada');
      assert.equal((await stored(page, `${TYPED_PREFIX}${cycle.id}`))?.answers?.first_name, 'Ada', 'what was typed is not in storage');
      assert.deepEqual(await axeCheck(page), [], 'axe with the notice');
      if (name.includes('aborted')) await shoot(page, 'early-paint-start-failed');
      await wasm.lift();
      await page.getByRole('button', { name: 'Fixture reload' }).click();
      await takenOver(page);
      assert.equal(await firstName(page).inputValue(), 'Ada', 'the reload lost what was typed');
      await eventually(async () => (await stored(page, `${DRAFT_PREFIX}${cycle.id}`))?.answers?.first_name === 'Ada', { timeout: 10_000 });
      assert.equal(await stored(page, `${TYPED_PREFIX}${cycle.id}`), null, 'the record stayed after the app took it');
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }

  test('a CSP without \'wasm-unsafe-eval\': the page says the form could not start, and works once the policy allows it', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: FAULT_NOISE });
    t.after(close);
    const noWasm = strictCsp(dist).replace(" 'wasm-unsafe-eval'", '');
    const document = (url) => new URL(url).pathname === new URL(stack.app.url + ABOUT).pathname;
    const handler = async (route) => {
      const res = await route.fetch();
      return route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': noWasm } });
    };
    await page.route(document, handler);
    await page.goto(stack.app.url + ABOUT);
    await painted(page).locator('#f-first_name').waitFor();
    await firstName(page).click();
    await page.keyboard.type('Ada');
    await notice(page).waitFor({ timeout: 20_000 });
    assert.equal(await firstName(page).inputValue(), 'Ada');
    await page.unroute(document, handler);
    await page.getByRole('button', { name: 'Fixture reload' }).click();
    await takenOver(page);
    assert.equal(await firstName(page).inputValue(), 'Ada');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('no take-over in the bounded time (the wasm never answers): the page says so', T, async (t) => {
    const { page, errors, close } = await heldPage(browser, { ignoreConsole: FAULT_NOISE });
    t.after(close);
    await page.clock.install();
    await page.goto(stack.app.url + ABOUT);
    await painted(page).locator('#f-first_name').waitFor();
    await firstName(page).click();
    await page.keyboard.type('Ada');
    assert.equal(await notice(page).count(), 0, 'the notice came before its time');
    await page.clock.fastForward('00:31');
    await notice(page).waitFor({ timeout: 10_000 });
    assert.equal(await firstName(page).inputValue(), 'Ada', 'what was typed left the screen');
    assert.equal((await stored(page, `${TYPED_PREFIX}${cycle.id}`))?.answers?.first_name, 'Ada', 'what was typed is not in storage');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the plain "Loading…" page (a route without a painted page, and ?embed=1) says so too', T, async () => {
    for (const route of ['review', '?embed=1']) {
      const { page, errors, close, wasm } = await heldPage(browser, { ignoreConsole: FAULT_NOISE });
      await page.goto(stack.app.url + route);
      await page.locator('.mf-loading').waitFor();
      wasm.fail('abort');
      await notice(page).waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('.mf-loading').count(), 0, `${route}: the loading line stays beside the notice`);
      if (route === 'review') await shoot(page, 'early-paint-start-failed-loading');
      await wasm.lift();
      await page.getByRole('button', { name: 'Fixture reload' }).click();
      await live(page).locator('h1').waitFor({ timeout: 20_000 });
      assert.deepEqual(errors, [], errorsMessage(errors));
      await close();
    }
  });
});

describe('mount mode: a failed start is said inside the form\'s shadow root', () => {
  let host;
  let mountStack;
  before(async () => {
    // Another origin than the host page's: the form's files need CORS, as the README's nginx block sends.
    mountStack = await startStack({ headers: { 'Access-Control-Allow-Origin': '*' } });
    host = await startServer({
      root: ROOT,
      routes: {
        '/host.html': (req, res) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html lang="en"><head><title>Host</title><link rel="icon" href="data:,"></head><body><main><h1>Host page</h1><script src="${mountStack.app.url}mount.js" async></script><div data-mentor-form></div></main></body></html>`);
        },
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await mountStack?.stop();
  });

  test('the wasm aborted: the notice (the shipped cycle\'s words) is in the mount point; reload brings the form', T, async (t) => {
    const { page, errors, close, wasm } = await heldPage(browser, { ignoreConsole: FAULT_NOISE });
    t.after(close);
    await page.goto(`${host.origin}/host.html`);
    wasm.fail('abort');
    const alert = page.locator('[data-mentor-form] .mf-start-failed[role=alert]');
    await alert.waitFor({ timeout: 20_000 });
    assert.ok((await alert.locator('h2').textContent()).trim().length > 0, 'the notice has no heading');
    assert.deepEqual(await axeCheck(page, { include: '[data-mentor-form]' }), []);
    await shoot(page, 'mount-start-failed');
    await wasm.lift();
    await alert.locator('button').first().click();
    await page.locator('[data-mentor-form] .mf-root h1').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-mentor-form] .mf-start-failed').count(), 0);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
