// Deadline and second-cycle behaviour of the live form: a cycle with
// "enforce": true after its closing date (closed page, contact, draft copy), inside its
// window (open), before it (not open yet); the cycle and endpoint are never taken from
// the address bar; and the mentee cycle (data-cycle) from start to a form-encoded
// submission stored by the receiver.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import {
  startStack, gotoRoute, waitForPath, pathOf, clickContinue, fillValidApplication, fillField,
  rateAll, sendButton, eventually, sleep, DIST, TITLE, REVIEW_TITLE, VALID, COMPETENCIES,
} from './support/app.mjs';

const T = { timeout: 180_000 };
const MENTOR_PATH = '/cycles/fall-2020-mentor.json';
const MENTEE_TITLE = 'Fall 2020 Mentee Application';
const DRAFT_KEY = 'mentor-form:draft:fall-2020-mentor';
const MENTEE_SECTIONS = ['eligibility', 'about-you', 'gender', 'ethnicity', 'region', 'competencies', 'goals'];
const MENTOR_SECTIONS = ['membership', 'about-you', 'gender', 'ethnicity', 'region', 'competencies'];

// Read from dist/ on every request: dist/ may be rebuilt while the tests run, and the
// hashed script names in index.html change with it.
const readDist = (rel) => fs.readFileSync(path.join(DIST, rel), 'utf8');
const shippedMentor = () => JSON.parse(readDist('cycles/fall-2020-mentor.json'));
const menteeIndex = (html) => html.replaceAll('cycles/fall-2020-mentor.json', 'cycles/fall-2020-mentee.json');

// What the server answers for the mentor cycle file and for the host page; tests set
// these and restore them (null = the shipped file / the shipped index.html).
let cycleOverride = null;
let indexOverride = null; // null or a function (shipped html) => html

function serveCycle(req, res) {
  const body = Buffer.from(cycleOverride === null ? readDist('cycles/fall-2020-mentor.json') : JSON.stringify(cycleOverride, null, 2));
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function serveIndex(req, res) {
  const html = readDist('index.html');
  const body = Buffer.from(indexOverride === null ? html : indexOverride(html));
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

// server.mjs matches `routes` by exact path before its SPA fallback, so every app
// path a test loads from the server gets the (possibly overridden) host page.
const routes = { [MENTOR_PATH]: serveCycle, '/': serveIndex, '/index.html': serveIndex, '/review': serveIndex, '/confirmation': serveIndex };
for (const s of new Set([...MENTEE_SECTIONS, ...MENTOR_SECTIONS])) routes[`/section/${s}`] = serveIndex;

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const DAY = 86_400_000;

function mentorWith(deadline) {
  const c = shippedMentor();
  c.deadline = { ...c.deadline, ...deadline };
  return c;
}

let browser;
let stack;
// The form-encoded body the mentee test sent, checked for its documented order below.

async function h1(page) {
  return ((await page.locator('.mf-root h1').first().textContent()) || '').trim();
}

describe('deadline and cycles', () => {
  before(async () => {
    stack = await startStack({ routes });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('live form after the deadline (enforce: true): closed page with contact, on / and on a deep link', T, async (t) => {
    cycleOverride = mentorWith({ enforce: true });
    t.after(() => { cycleOverride = null; });
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, '');
    const root = page.locator('[data-mentor-form] .mf-root');
    assert.equal(await h1(page), `The ${TITLE} has closed`);
    assert.match(await root.textContent(), /Applications are no longer being accepted for this cycle\./);
    assert.ok((await root.textContent()).includes(shippedMentor().deadline.text), 'the deadline sentence is shown');
    const mail = root.locator('main a[href="mailto:eserrano@ala.org"]');
    assert.equal(await mail.count(), 1, 'contact mailto link in the closed page');
    assert.ok(await mail.isVisible());
    assert.equal(await root.locator('a.mf-button', { hasText: /Start now|Continue your application/ }).count(), 0, 'no way into the questions');
    assert.equal(await root.locator('form[novalidate], input, select, textarea').count(), 0, 'no questions on the closed page');
    assert.equal(await root.getByRole('button', { name: 'Download a copy of your answers' }).count(), 0, 'no draft, so no copy to download');
    assert.match(await page.title(), /has closed/, `document title: ${await page.title()}`);
    const violations = await axeCheck(page);
    assert.deepEqual(violations, [], `axe violations on the closed page:\n  ${violations.join('\n  ')}`);
    await shoot(page, 'cycles-closed');

    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(pathOf(page), '/section/about-you');
    assert.equal(await h1(page), `The ${TITLE} has closed`, 'deep link to a section must show the closed page');
    assert.equal(await page.locator('#f-first_name').count(), 0, 'deep link shows no questions');
    assert.equal(await root.locator('form[novalidate]').count(), 0);
    await gotoRoute(page, stack.app, 'review');
    assert.equal(await h1(page), `The ${TITLE} has closed`, '/review must show the closed page');
    assert.equal(await sendButton(page).count(), 0, 'no Send application on a closed cycle');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('closed cycle with a saved draft offers "Download a copy of your answers"', T, async (t) => {
    cycleOverride = mentorWith({ enforce: true });
    t.after(() => { cycleOverride = null; });
    const savedAt = Date.now() - 3_600_000;
    const { page, errors, close } = await newPage(browser, {
      initScript: `try { if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); localStorage.setItem(${JSON.stringify(DRAFT_KEY)}, JSON.stringify({ saved_at: ${savedAt}, answers: { first_name: 'Ann' } })); } } catch (e) {}`,
    });
    t.after(close);
    await gotoRoute(page, stack.app, '');
    assert.equal(await h1(page), `The ${TITLE} has closed`);
    const root = page.locator('[data-mentor-form] .mf-root');
    const button = root.getByRole('button', { name: 'Download a copy of your answers' });
    assert.equal(await button.count(), 1, 'closed page with a draft: "Download a copy of your answers"');
    assert.match(await root.textContent(), /They have not been sent/);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const file = await download.path();
    const copy = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(copy.cycle_id, 'fall-2020-mentor');
    assert.equal(copy.answers.first_name, 'Ann', `downloaded copy: ${JSON.stringify(copy).slice(0, 200)}`);
    assert.match(download.suggestedFilename(), /\.json$/);
    await shoot(page, 'cycles-closed-draft');
    // Also on a deep link, and the draft is still on the device.
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await h1(page), `The ${TITLE} has closed`);
    assert.equal(await root.getByRole('button', { name: 'Download a copy of your answers' }).count(), 1);
    const kept = await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY);
    assert.ok(kept && JSON.parse(kept).answers.first_name === 'Ann', `draft after visiting the closed form: ${kept}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('enforce: true inside the window (opened yesterday, closes tomorrow) is open; before it, not open yet', T, async (t) => {
    t.after(() => { cycleOverride = null; });
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    cycleOverride = mentorWith({ enforce: true, opens_at: iso(Date.now() - DAY), closes_at: iso(Date.now() + DAY) });
    await gotoRoute(page, stack.app, '');
    assert.equal(await h1(page), TITLE);
    const start = page.locator('[data-mentor-form] a.mf-button', { hasText: 'Start now' });
    assert.ok(await start.isVisible(), 'Start now visible while the cycle is open');
    await start.click();
    await waitForPath(page, stack.app, 'section/membership');
    assert.equal(await page.locator('#f-membership_confirmed').count(), 1, 'questions reachable while open');

    cycleOverride = mentorWith({ enforce: true, opens_at: iso(Date.now() + DAY), closes_at: iso(Date.now() + 2 * DAY) });
    await gotoRoute(page, stack.app, '');
    assert.equal(await h1(page), `The ${TITLE} is not open yet`);
    assert.match(await page.locator('.mf-root').first().textContent(), /Applications can be sent once the cycle opens\./);
    assert.equal(await page.locator('[data-mentor-form] a.mf-button', { hasText: 'Start now' }).count(), 0);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('security: ?cycle= and ?endpoint= in the address are ignored; the submission reaches the local receiver', T, async (t) => {
    cycleOverride = null;
    const { page, context, errors, close } = await newPage(browser);
    t.after(close);
    await stack.receiver.reset();
    const evil = [];
    await context.route((url) => url.hostname.endsWith('evil.example'), (route) => { evil.push(route.request().url()); return route.abort(); });
    const foreign = [];
    page.on('request', (req) => {
      const u = req.url();
      if (!u.startsWith(stack.app.origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    const query = '?cycle=https://evil.example/c.json&endpoint=https://evil.example/x';
    await page.goto(stack.app.url + query);
    await page.locator('.mf-root h1').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await h1(page), TITLE, 'the normal cycle is loaded');
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, stack.app, 'section/membership');
    await fillValidApplication(page, stack.app, { fromStart: false });
    // Let the debounced draft catch up with the last rating before reloading.
    const drafted = await eventually(() => page.evaluate((k) => (localStorage.getItem(k) || '').includes('comp_professionalism'), DRAFT_KEY), { timeout: 5_000 });
    assert.ok(drafted, 'draft with every answer was not saved');
    // Reload the review page with the query again: still the same cycle and endpoint.
    await page.goto(stack.app.url + 'review' + query);
    await page.locator('.mf-root h1').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await h1(page), REVIEW_TITLE);
    await sendButton(page).click();
    await page.locator('.mf-reference').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await h1(page), 'Application sent');
    await sleep(300);
    const stats = await stack.receiver.stats();
    assert.equal(stats.stored, 1, `receiver stats: ${JSON.stringify(stats)}`);
    const [rec] = await stack.receiver.submissions();
    assert.equal(rec.envelope.cycle_id, 'fall-2020-mentor');
    assert.equal(rec.envelope.answers.email, VALID.email);
    assert.deepEqual(evil, [], 'the app asked evil.example for something');
    assert.deepEqual(foreign, [], 'requests to other origins');
    assert.ok(stack.app.requests.some((r) => r.path === MENTOR_PATH), 'the shipped cycle file was fetched from the app origin');
    assert.ok(stack.app.requests.some((r) => r.method === 'POST' && r.path === '/api/submissions'), 'POST /api/submissions went through the app origin');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the mentee cycle (data-cycle): title, age checkbox, goals count, errors on empty sections, form-encoded submission', T, async (t) => {
    indexOverride = menteeIndex;
    assert.ok(menteeIndex(readDist('index.html')).includes('data-cycle="cycles/fall-2020-mentee.json"'), 'index.html names its cycle in data-cycle');
    t.after(() => { indexOverride = null; });
    await stack.receiver.reset();
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    page.setDefaultTimeout(20_000);
    const posted = [];
    page.on('request', (req) => { if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/submissions') posted.push(req); });
    await gotoRoute(page, stack.app, '');
    assert.equal(await h1(page), MENTEE_TITLE);
    const steps = await page.locator('.mf-main ol li').evaluateAll((ls) => ls.map((l) => l.textContent.trim()));
    assert.deepEqual(steps, ['Eligibility', 'About you', 'Gender', 'Ethnicity', 'Geographic Region', 'Skills and Core Competencies', 'Your goals']);
    await shoot(page, 'cycles-mentee-start');
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, stack.app, 'section/eligibility');

    const summaryLinks = () => page.locator('.mf-error-summary ul li a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
    async function continueEmpty(section, expected) {
      await clickContinue(page, stack.app, null);
      await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
      assert.equal(pathOf(page), `/section/${section}`, `an empty ${section} must not move on`);
      const links = await summaryLinks();
      for (const [id, msg, target = `f-${id}`] of expected) {
        assert.ok(links.some(([href, text]) => href === `#${target}` && text === msg), `${section}: expected "${msg}" linking to #${target}; got ${JSON.stringify(links)}`);
        assert.ok((await page.locator(`#f-${id}-error`).textContent()).includes(msg), `inline error for ${id}`);
      }
      assert.match(await page.title(), /^Error: /);
    }

    // Eligibility: the 18-or-older checkbox.
    assert.equal(await page.locator('.mf-caption').first().textContent(), 'Section 1 of 7');
    const age = page.locator('input[type=checkbox]#f-age_confirmed');
    assert.equal(await age.count(), 1, 'checkbox #f-age_confirmed');
    assert.equal((await page.locator('label[for="f-age_confirmed"]').textContent()).trim(), 'I am 18 or older');
    assert.equal(await page.locator('#f-membership_confirmed').count(), 0, 'the mentee cycle has no membership question');
    await continueEmpty('eligibility', [['age_confirmed', 'Confirm that you are 18 or older']]);
    await age.check();
    await clickContinue(page, stack.app, 'about-you');

    await continueEmpty('about-you', [
      ['first_name', 'Enter your first name'], ['last_name', 'Enter your last name'], ['email', 'Enter your email address'],
      ['institution', 'Enter the name of your library or institution'], ['position', 'Enter your position title'],
      ['years_experience', 'Enter your years of experience'],
    ]);
    for (const id of ['first_name', 'last_name', 'email', 'phone', 'institution', 'position', 'city', 'state', 'years_experience']) {
      await fillField(page, id, VALID[id]);
    }
    await clickContinue(page, stack.app, 'gender');
    await fillField(page, 'gender', VALID.gender);
    await fillField(page, 'gender_match', VALID.gender_match);
    await clickContinue(page, stack.app, 'ethnicity');
    await clickContinue(page, stack.app, 'region'); // optional section left blank
    await continueEmpty('region', [['region_match', 'Select yes if you would like to be matched with a mentor in your region', 'f-region_match-yes']]);
    await fillField(page, 'region_match', 'yes');
    await clickContinue(page, stack.app, 'competencies');
    await continueEmpty('competencies', [['comp_client_group', 'Rate your level of comfort with Commitment to Client Group']]);
    assert.equal((await summaryLinks()).length, 7, 'all seven unrated sliders listed');
    await rateAll(page, 4);
    await clickContinue(page, stack.app, 'goals');

    // Goals: textarea with a live character count.
    assert.equal(await page.locator('.mf-caption').first().textContent(), 'Section 7 of 7');
    const goals = page.locator('textarea#f-goals');
    assert.equal(await goals.count(), 1, 'textarea #f-goals');
    const count = page.locator('.mf-count');
    assert.equal((await count.textContent()).trim(), 'You have 1500 characters remaining');
    await continueEmpty('goals', [['goals', 'Enter your goals for the mentoring year']]);
    const goalText = '1. Plan a bilingual storytime.';
    await goals.click();
    await page.keyboard.type('1. Plan');
    const mid = await eventually(async () => (await count.textContent()).trim() === `You have ${1500 - 7} characters remaining`, { timeout: 3_000 });
    assert.ok(mid, `count after typing 7 characters: "${(await count.textContent()).trim()}"`);
    await page.keyboard.type(goalText.slice(7));
    const after = await eventually(async () => (await count.textContent()).trim() === `You have ${1500 - goalText.length} characters remaining`, { timeout: 3_000 });
    assert.ok(after, `count after typing ${goalText.length} characters: "${(await count.textContent()).trim()}"`);
    assert.notEqual(await goals.getAttribute('aria-invalid'), 'true', 'the goals error clears once the answer is typed');
    await shoot(page, 'cycles-mentee-goals');
    await clickContinue(page, stack.app, 'review');
    assert.equal(await h1(page), REVIEW_TITLE);
    await sendButton(page).click();
    await page.locator('.mf-reference').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await h1(page), 'Application sent');
    assert.match(await page.locator('.mf-main').textContent(), /Thank you for applying to be a mentee/);

    assert.equal(posted.length, 1, 'one POST /api/submissions');
    assert.match(posted[0].headers()['content-type'] || '', /^application\/x-www-form-urlencoded/);
    const menteeBody = posted[0].postData();
    {
      // The order of docs/cycle-file.md: six metadata pairs, then answers in the order of the form.
      const names = [...new URLSearchParams(menteeBody).keys()];
      const mentee = JSON.parse(fs.readFileSync(path.join(DIST, 'cycles/fall-2020-mentee.json'), 'utf8'));
      const mapped = (id) => mentee.submit.field_names[id] || id;
      const formOrder = mentee.sections.flatMap((s) => s.fields.map((f) => mapped(f.id))).filter((n) => names.includes(n));
      assert.deepEqual(names.slice(0, 6), ['schema_version', 'cycle_id', 'submitted_at', 'reference', 'version', 'version_secret'], `pair order: ${names.join('&')}`);
      assert.deepEqual(names.slice(6), formOrder, 'answers must follow "in the order of the form" (docs/cycle-file.md, The form encoding)');
    }
    await sleep(300);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1, `receiver stored ${subs.length}`);
    const [rec] = subs;
    assert.equal(rec.encoding, 'form', `stored encoding: ${rec.encoding}`);
    const env = rec.envelope;
    assert.equal(env.cycle_id, 'fall-2020-mentee');
    const a = env.answers;
    assert.equal(a['entry.email'], VALID.email, `answers: ${JSON.stringify(a)}`);
    assert.equal(a['entry.first_name'], VALID.first_name);
    assert.equal(a['entry.last_name'], VALID.last_name);
    assert.equal(a['entry.goals'], goalText);
    for (const unmapped of ['email', 'first_name', 'last_name', 'goals']) assert.ok(!(unmapped in a), `"${unmapped}" must be sent under its mapped name`);
    assert.equal(String(a.age_confirmed), 'true');
    assert.equal(String(a.years_experience), '12');
    assert.equal(a.region_match, 'yes');
    assert.equal(a.city, VALID.city);
    for (const id of COMPETENCIES) assert.equal(String(a[id]), '4', id);
    assert.ok(!('ethnicity' in a) && !('ethnicity_match' in a), 'blank optional answers are left out');
    assert.ok(!('membership_confirmed' in a), 'no mentor-only answers');
    assert.equal(rec.idempotency_key, `${env.reference}.v${env.version ?? 1}`, 'Idempotency-Key = <reference>.v<version>');
    // The mentee draft was cleared after sending.
    const left = await page.evaluate(() => localStorage.getItem('mentor-form:draft:fall-2020-mentee'));
    assert.ok(!left, `mentee draft still stored after sending: ${left}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
