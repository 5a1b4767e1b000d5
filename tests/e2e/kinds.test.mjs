// The checkbox group and the date kinds end to end, on a one-page fixture cycle
// (tests/fixtures/e2e-kinds.json, served in place of the shipped cycle): the GOV.UK
// markup, every error (missing, too few, a date before the minimum, a date typed only
// in part), the review page and confirmation copy, and the payload in both encodings
// as sent and as stored by the receiver.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, pathOf, clickContinue, sendButton, summaryRow, appReady, sleep,
  openStackAndBrowser, closeStackAndBrowser, ROOT, DIST,
} from './support/app.mjs';

const T = { timeout: 120_000 };
const CYCLE_PATH = '/cycles/fixture-kinds.json';
const FIXTURE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/e2e-kinds.json'), 'utf8'));

// What the server answers for the fixture cycle (tests may switch the encoding).
let cycle = FIXTURE;

function send(req, res, type, text) {
  const body = Buffer.from(text);
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const serveCycle = (req, res) => send(req, res, 'application/json', JSON.stringify(cycle));
// The shipped host page, naming the fixture cycle in data-cycle.
const serveIndex = (req, res) => send(req, res, 'text/html', fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')
  .replace(/data-cycle="[^"]*"/, `data-cycle="${CYCLE_PATH.slice(1)}"`));

const routes = { [CYCLE_PATH]: serveCycle };
for (const p of ['/', '/index.html', '/section/meeting', '/review', '/confirmation']) routes[p] = serveIndex;

let browser;
let stack;

const summaryLinks = (page) => page.locator('.mf-error-summary ul li a')
  .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
const inlineError = async (page, id) => (await page.locator(`#f-${id}-error`).textContent()).replace(/^Error:\s*/, '').trim();

/** Start page → the one section. */
async function openSection(page) {
  await gotoRoute(page, stack.app, '');
  await page.locator('a.mf-button', { hasText: 'Start now' }).click();
  await waitForPath(page, stack.app, 'section/meeting');
}

/** Type a date only in part (the month), then leave the input. */
async function typePartOfADate(page) {
  const date = page.locator('#f-start');
  await date.focus();
  await page.keyboard.type('12');
  await date.evaluate((el) => el.blur());
}

/** The answers of the one POST /api/submissions the page sends. */
function capturePosts(page) {
  const posted = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/submissions') posted.push(req);
  });
  return posted;
}

async function confirmationShown(page) {
  await page.locator('.mf-reference').waitFor({ state: 'visible', timeout: 30_000 });
  await appReady(page);
  assert.equal(pathOf(page), '/confirmation');
}

describe('checkboxes and date kinds', () => {
  before(async () => ({ stack, browser } = await openStackAndBrowser({ routes })));
  after(() => closeStackAndBrowser({ stack, browser }));

  test('choose, every error, review and confirmation, JSON payload at the receiver', T, async (t) => {
    cycle = FIXTURE;
    await stack.receiver.reset();
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    const posted = capturePosts(page);
    await openSection(page);

    // GOV.UK checkbox group: fieldset, legend, hint, one checkbox per choice.
    const group = page.locator('fieldset.mf-fieldset', { has: page.locator('#f-ways-email') });
    assert.equal((await group.locator('legend').textContent()).trim(), 'How would you like to meet your mentor?');
    assert.equal((await page.locator('#f-ways-hint').textContent()).trim(), 'Select all that apply.');
    assert.equal(await group.getAttribute('aria-describedby'), 'f-ways-hint');
    const boxes = await group.locator('input[type=checkbox][name=ways]').evaluateAll((els) => els.map((e) => [e.id, e.value, e.labels[0]?.textContent.trim()]));
    assert.deepEqual(boxes, [
      ['f-ways-email', 'email', 'Email'], ['f-ways-phone', 'phone', 'Phone'],
      ['f-ways-video_call', 'video_call', 'Video call'], ['f-ways-in_person', 'in_person', 'In person'],
    ]);
    // A native date input with the cycle's minimum, labelled by the question.
    const date = page.locator('input[type=date]#f-start');
    assert.equal(await date.count(), 1, 'input[type=date]#f-start');
    assert.equal(await date.getAttribute('min'), '2027-01-01');
    assert.equal(await date.getAttribute('max'), null);
    assert.equal((await page.locator('label[for="f-start"]').textContent()).trim(), 'When can you start?');

    // Missing: both in the summary, linking to the first box and to the date.
    await clickContinue(page, stack.app, null);
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    assert.deepEqual(await summaryLinks(page), [
      ['#f-ways-email', 'Select ways to meet your mentor'],
      ['#f-start', 'Enter the date you can start'],
    ]);
    assert.equal(await inlineError(page, 'ways'), 'Select ways to meet your mentor');
    assert.equal(await group.getAttribute('aria-describedby'), 'f-ways-hint f-ways-error');
    assert.equal(await date.getAttribute('aria-invalid'), 'true');
    assert.match(await page.title(), /^Error: /);
    await page.locator('.mf-error-summary a', { hasText: 'Select ways' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-ways-email', 'the summary link focuses the first box');

    // Too few, a date before the minimum (shown when leaving the input), then a date typed in part.
    await page.locator('#f-ways-email').check();
    await date.fill('2026-06-01');
    await date.evaluate((el) => el.blur());
    assert.equal(await inlineError(page, 'start'), 'The date you can start must be the same as or after 1 January 2027');
    await clickContinue(page, stack.app, null);
    assert.equal(pathOf(page), '/section/meeting', 'one box and an early date must not move on');
    assert.deepEqual(await summaryLinks(page), [
      ['#f-ways-email', 'Select at least 2 ways to meet your mentor'],
      ['#f-start', 'The date you can start must be the same as or after 1 January 2027'],
    ]);
    await date.fill('');
    await typePartOfADate(page);
    assert.equal(await date.inputValue(), '', 'a date typed in part has no value');
    assert.equal(await inlineError(page, 'start'), 'The date you can start must be a real date');
    await clickContinue(page, stack.app, null);
    assert.deepEqual((await summaryLinks(page)).map(([, m]) => m), [
      'Select at least 2 ways to meet your mentor', 'The date you can start must be a real date',
    ]);
    await axeCheck(page);
    await shoot(page, 'kinds-errors');

    // Fixed: a second box clears its error at once; a real date in range.
    await page.locator('#f-ways-in_person').check();
    assert.equal(await page.locator('#f-ways-error').count(), 0, 'the too-few error clears on the fixing tick');
    await date.fill('2027-03-01');
    await date.evaluate((el) => el.blur());
    assert.equal(await page.locator('#f-start-error').count(), 0, 'the date error clears');
    await shoot(page, 'kinds-filled');
    await clickContinue(page, stack.app, 'review');

    const ways = await summaryRow(page, 'How would you like to meet your mentor?').locator('dd.mf-summary__value').innerText();
    assert.deepEqual(ways.split('\n').map((s) => s.trim()).filter(Boolean), ['Email', 'In person'], `review shows the chosen labels in order: ${ways}`);
    assert.equal((await summaryRow(page, 'When can you start?').locator('dd.mf-summary__value').innerText()).trim(), '1 March 2027');
    await shoot(page, 'kinds-review');

    await sendButton(page).click();
    await eventuallyPosted(posted);
    const body = JSON.parse(posted[0].postData());
    assert.deepEqual(body.answers.ways, ['email', 'in_person'], `sent: ${posted[0].postData()}`);
    assert.equal(body.answers.start, '2027-03-01');
    await confirmationShown(page);
    const copy = await page.locator('.mf-main').innerText();
    assert.match(copy, /1 March 2027/, 'the confirmation copy lists the date');
    assert.match(copy, /Email\s+In person/, 'the confirmation copy lists the chosen ways');
    await shoot(page, 'kinds-confirmation');

    await sleep(300);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1, `receiver stored ${subs.length}`);
    assert.deepEqual(subs[0].envelope.answers.ways, ['email', 'in_person']);
    assert.equal(subs[0].envelope.answers.start, '2027-03-01');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('form encoding: one pair per ticked box, the ISO date, stored by the receiver', T, async (t) => {
    cycle = { ...FIXTURE, submit: { ...FIXTURE.submit, encoding: 'form' } };
    t.after(() => { cycle = FIXTURE; });
    await stack.receiver.reset();
    const { page, errors, close } = await newPage(browser, { width: 375 });
    t.after(close);
    const posted = capturePosts(page);
    await openSection(page);
    for (const v of ['video_call', 'phone', 'email']) await page.locator(`#f-ways-${v}`).check();
    await page.locator('#f-ways-phone').uncheck();
    await page.locator('#f-start').fill('2027-12-31');
    await clickContinue(page, stack.app, 'review');
    await sendButton(page).click();
    await eventuallyPosted(posted);
    const METADATA = ['schema_version', 'cycle_id', 'submitted_at', 'reference', 'version', 'version_secret'];
    const pairs = [...new URLSearchParams(posted[0].postData())].filter(([k]) => !METADATA.includes(k));
    assert.deepEqual(pairs, [['ways', 'email'], ['ways', 'video_call'], ['start', '2027-12-31']], `sent: ${posted[0].postData()}`);
    await confirmationShown(page);
    await sleep(300);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1, `receiver stored ${subs.length}`);
    assert.deepEqual(subs[0].envelope.answers.ways, ['email', 'video_call']);
    assert.equal(subs[0].envelope.answers.start, '2027-12-31');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});

async function eventuallyPosted(posted, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!posted.length && Date.now() < end) await sleep(50);
  assert.equal(posted.length, 1, 'one POST /api/submissions');
}
