// The staff workbench (dist/staff/, issue 22) in real Chromium, with exports the
// real receiver made from the fixture applications (workbench/tests/fixtures)
// under the fixture cycles (tests/e2e/fixtures/workbench-*-cycle.json, opened
// as cycle files): opening files, the table (labels, answers as the review page
// words them, sorting, filters, columns), confidential answers hidden until
// asked, one applicant and its print layout, "Print all", the summary charts,
// the known best pairing of the fixture, pins, rule-outs and capacities kept
// across suggestions, the matches CSV, a broken file's messages, the kept
// session, keyboard use, axe, forced colours, 200 % text and 375/1280 px
// screenshots. Every test records the requests made after the page loaded and
// expects none.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, axeCheck, shoot, errorsMessage, SCREENSHOT_DIR } from './support/browser.mjs';
import { makeFixtureExports, startStaff, openWorkbench, openFiles } from './support/workbench.mjs';

const T = { timeout: 240_000 };
let browser;
let staff;
let fx;

before(async () => {
  fx = await makeFixtureExports();
  staff = await startStaff();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await staff?.server.close();
  if (fx) fs.rmSync(fx.dir, { recursive: true, force: true });
});

/** A fresh page with the workbench loaded; closed, and checked for errors and requests, after the test. */
async function open(t, options = {}) {
  const wb = await openWorkbench(browser, staff, options);
  t.after(async () => {
    await wb.close();
  });
  return wb;
}

function noRequestsAfterLoad(wb, where) {
  // blob: URLs (a download made on the page) never leave the browser.
  const network = wb.afterLoad.filter((r) => !/ blob:/.test(r) && !/ data:/.test(r));
  assert.deepEqual(network, [], `requests after load (${where})`);
  assert.deepEqual(wb.served(), [], `the server was asked for something after load (${where})`);
  assert.deepEqual(wb.errors, [], errorsMessage(wb.errors, where));
}

const ALL_FILES = () => [fx.mentorCycle, fx.menteeCycle, fx.mentors, fx.mentees];

async function go(page, part) {
  await page.locator('.wb-nav__button', { hasText: part }).click();
  await page.locator('h1', { hasText: part === 'Open files' ? 'Open files' : part }).first().waitFor();
}

/** The table's header labels (without the sort marks). */
async function headers(page) {
  return page.locator('.wb-table:not(.wb-table--plain) thead th').evaluateAll((ths) => ths.map((th) => {
    const label = th.querySelector('.wb-sort span');
    return (label ? label.textContent : th.textContent).trim();
  }));
}

/** Rows of the table as objects keyed by header. */
async function rows(page) {
  const keys = await headers(page);
  const cells = await page.locator('.wb-table:not(.wb-table--plain) tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.innerText.trim())));
  return cells.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

async function showCycle(page, title) {
  await page.getByLabel(new RegExp(`^${title}`)).check();
  await page.locator('.wb-caption', { hasText: title }).waitFor();
}

/** Suggested pairs by mentor: { mentor: [mentee, …] }. */
async function pairs(page) {
  return page.locator('.wb-mentor').evaluateAll((cards) => Object.fromEntries(cards.map((c) => [
    c.querySelector('.wb-mentor__name').textContent.trim(),
    [...c.querySelectorAll('.wb-pair__who strong')].map((s) => s.textContent.trim()),
  ])));
}

/** Presses "Suggest matches" (or "Suggest again") and waits for that suggestion. */
async function suggest(page) {
  const before = await page.locator('.wb-results').getAttribute('data-suggestion');
  await page.locator('button[type=submit]', { hasText: /Suggest (matches|again)/ }).click();
  await page.waitForFunction((prev) => {
    const r = document.querySelector('.wb-results');
    return r && r.getAttribute('aria-busy') === 'false' && r.dataset.suggestion && r.dataset.suggestion !== prev;
  }, before);
}

describe('staff workbench', () => {
  test('opens both exports with their cycle files; the table reads as the review page', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    const reports = await page.locator('.wb-report').allInnerTexts();
    assert.ok(reports.some((r) => r.includes('mentors.jsonl: 4 applications added of the cycle "fixture-mentor"')), reports.join('\n'));
    assert.ok(reports.some((r) => r.includes('mentees.jsonl: 5 applications added of the cycle "fixture-mentee"')), reports.join('\n'));
    assert.ok(reports.some((r) => r.includes('workbench-mentor-cycle.json: the cycle "fixture-mentor" is used for its applications')));
    const groups = await page.locator('.wb-table--plain tbody tr').allInnerTexts();
    assert.match(groups[0], /Fixture Mentor Cycle \(fixture-mentor\)\s+4\s+Mentors/);
    assert.match(groups[1], /Fixture Mentee Cycle \(fixture-mentee\)\s+5\s+Mentees/);
    await shoot(page, 'workbench-files');

    await go(page, 'Applications');
    await showCycle(page, 'Fixture Mentee Cycle');
    const keys = await headers(page);
    // The cycle's order, headed by its labels; confidential questions hidden.
    assert.deepEqual(keys.slice(0, 4), ['Application', 'I am 18 or older', 'Given name (fixture)', 'Last name']);
    assert.ok(keys.indexOf('State or territory (fixture)') > keys.indexOf('Last name'));
    for (const hidden of ['Phone number', 'Town (fixture, confidential)', 'Gender in own words (fixture)']) {
      assert.ok(!keys.includes(hidden), `${hidden} is hidden by default`);
    }
    assert.ok(keys.includes('Versions received'));
    const table = await rows(page);
    assert.equal(table.length, 5);
    const ana = table.find((r) => r['Given name (fixture)'] === 'Ana');
    assert.equal(ana['State or territory (fixture)'], 'Ohio');
    assert.equal(ana['How would you like to meet your mentor?'], 'Email\nVideo call');
    assert.equal(ana['When can you start?'], '15 January 2021');
    assert.equal(ana['Outreach (fixture)'], '2 of 5, towards Low (fixture)');
    assert.equal(ana['I am 18 or older'], 'Yes');
    assert.equal(ana['Versions received'], '1');
    const zoe = table.find((r) => r['Given name (fixture)'] === 'Zoë');
    // Hostile text stays text.
    assert.equal(zoe['What are your goals for the mentoring year?'], 'Outreach <b>not bold</b> & =SUM(1) stays text.');
    assert.equal(await page.locator('.wb-table b').count(), 0);
    await shoot(page, 'workbench-table');

    // Sort by a column, then the other way.
    await page.locator('th button', { hasText: 'Last name' }).click();
    assert.match(await page.locator('th[aria-sort=ascending]').innerText(), /^Last name/);
    assert.deepEqual((await rows(page)).map((r) => r['Last name']), ['Berg', "O'Brien-Søren", 'Romero', 'Ruiz', 'Shah']);
    await page.locator('th button', { hasText: 'Last name' }).click();
    assert.deepEqual((await rows(page)).map((r) => r['Last name']), ['Shah', 'Ruiz', 'Romero', "O'Brien-Søren", 'Berg']);
    // A number column sorts as numbers.
    await page.locator('th button', { hasText: 'Years of experience' }).click();
    assert.deepEqual((await rows(page)).map((r) => r['Years of experience']), ['1', '2', '3', '4', '5']);

    // Filter by a choice question.
    await page.locator('summary', { hasText: 'Filter by answer' }).click();
    const filters = page.locator('.wb-filters');
    await filters.getByLabel('How would you like to meet your mentor?').selectOption('Video call');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 1);
    assert.match(await page.locator('#wb-table-status').innerText(), /1 of 5 applications match/);
    await filters.getByLabel('How would you like to meet your mentor?').selectOption('');
    // Filter by text: every word, any column shown.
    await page.getByLabel('Search the columns shown').fill('library vermont');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 1);
    assert.equal((await rows(page))[0]['Last name'], 'Berg');
    await page.getByLabel('Search the columns shown').fill('');

    // Choose columns: hide one, and it is neither shown nor searched.
    await page.locator('summary', { hasText: 'Choose columns' }).click();
    await page.locator('.wb-columns').getByLabel('Email address').uncheck();
    assert.ok(!(await headers(page)).includes('Email address'));
    await page.getByLabel('Search the columns shown').fill('ana.ruiz@example.org');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 0);
    await page.locator('.wb-columns').getByLabel('Email address').check();
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 1);
    noRequestsAfterLoad(wb, 'table');
  });

  test('confidential answers are hidden, not searched, and shown by the switch', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    await go(page, 'Applications');
    await showCycle(page, 'Fixture Mentee Cycle');
    const search = page.getByLabel('Search the columns shown');
    // "Woman" is only in the gender answers; "Burlington" only in the (fixture-confidential) town.
    for (const word of ['woman', 'burlington']) {
      await search.fill(word);
      await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 0);
    }
    await page.getByRole('switch', { name: 'Show confidential answers' }).check();
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 1);
    await search.fill('woman');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 2);
    const keys = await headers(page);
    for (const shown of ['Phone number', 'Town (fixture, confidential)', 'Gender in own words (fixture)']) {
      assert.ok(keys.includes(shown), `${shown} is shown`);
    }
    const byName = Object.fromEntries((await rows(page)).map((r) => [r['Given name (fixture)'], r]));
    assert.equal(byName.Ana['Gender in own words (fixture)'], 'Woman');
    assert.equal(byName.Hannah['Gender in own words (fixture)'], 'WOMAN');
    await search.fill('');
    await shoot(page, 'workbench-table-confidential');

    // The applicant's page hides them too while the switch is off.
    await page.getByRole('button', { name: 'View Ana Ruiz' }).click();
    await page.locator('h1', { hasText: 'Ana Ruiz' }).waitFor();
    const gender = page.locator('.wb-answer', { hasText: 'Gender in own words (fixture)' }).locator('dd');
    assert.equal(await gender.innerText(), 'Woman');
    await page.getByRole('switch', { name: 'Show confidential answers' }).uncheck();
    assert.match(await gender.innerText(), /^Confidential: hidden/);
    assert.ok(!(await page.locator('.wb-applicant').innerText()).includes('Woman'));
    noRequestsAfterLoad(wb, 'confidential');
  });

  test('one applicant, printable one per page without the chrome; Print all', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    // window.print is the browser's dialog: recorded here instead of opened.
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await openFiles(page, ALL_FILES());
    await go(page, 'Applications');
    await showCycle(page, 'Fixture Mentee Cycle');
    await page.getByRole('button', { name: 'View Ana Ruiz' }).click();
    const h1 = page.locator('h1', { hasText: 'Ana Ruiz' });
    await h1.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ana Ruiz', 'the focus moves to the applicant');
    const answers = await page.locator('.wb-applicant').innerText();
    for (const text of ['About you', 'Given name (fixture)', 'Columbus Metropolitan Library', '15 January 2021', 'Versions received', 'Email\nVideo call']) {
      assert.ok(answers.includes(text), `${text} on the applicant's page`);
    }
    await shoot(page, 'workbench-applicant');
    await page.getByRole('button', { name: 'Print this application' }).click();
    assert.equal(await page.evaluate(() => window.__printed), 1);
    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.wb-nav', '.wb-toolbar', '.mf-header', '.wb-privacy', '.wb-applicant-nav']) {
      assert.equal(await page.locator(chrome).first().isVisible(), false, `${chrome} is not printed`);
    }
    assert.ok(await h1.isVisible());
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-applicant-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Print all: the filtered set, each applicant a page of its own.
    await page.getByRole('button', { name: 'Back to the applications' }).click();
    await page.getByLabel('Search the columns shown').fill('library');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 5);
    await page.getByLabel('Search the columns shown').fill('public library');
    await page.waitForFunction(() => document.querySelectorAll('.wb-table:not(.wb-table--plain) tbody tr').length === 2);
    await page.getByRole('button', { name: 'Print all 2' }).click();
    await page.waitForFunction(() => window.__printed === 2);
    assert.equal(await page.locator('.wb-print-all .wb-applicant').count(), 2);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.wb-main').isVisible(), false, 'the page itself is not printed');
    assert.deepEqual(await page.locator('.wb-print-all h1').allInnerTexts(), ['Luis Romero', 'Priya Shah']);
    // One applicant per printed page.
    assert.deepEqual(await page.locator('.wb-print-all .wb-applicant').evaluateAll((as) => as.map((a) => getComputedStyle(a).breakAfter)), ['page', 'auto']);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-print-all.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => document.querySelectorAll('.wb-print-all .wb-applicant').length === 0);
    noRequestsAfterLoad(wb, 'print');
  });

  test('summary: charts with their names and tables of numbers', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    await go(page, 'Summary');
    const charts = page.locator('figure.wb-chart');
    assert.equal(await charts.count(), 3 + 7, 'sides, regions, states, and seven competencies');
    for (const figure of await charts.all()) {
      const caption = await figure.locator('figcaption').innerText();
      const svg = figure.locator('svg[role=img]');
      assert.match(await svg.getAttribute('aria-label'), new RegExp(caption.replace(/[()“”]/g, '.')));
      assert.ok(await figure.locator('table tbody tr').count() > 0, `${caption} has its table`);
    }
    const region = page.locator('figure', { hasText: 'Applications per region' });
    const cells = await region.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.deepEqual(cells.slice(0, 5), [
      ['Northeast', '1', '1'], ['Midwest', '1', '1'], ['South', '1', '1'], ['West', '1', '1'], ['Caribbean territories', '0', '1'],
    ]);
    // Bars are drawn, as wide as their numbers (the widest 82 %).
    const widths = await region.locator('svg.wb-chart__svg rect.wb-bar').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
    const chartWidth = await region.locator('svg.wb-chart__svg').evaluate((svg) => svg.getBoundingClientRect().width);
    const figureWidth = await region.evaluate((f) => f.getBoundingClientRect().width);
    assert.ok(Math.abs(chartWidth - figureWidth) < 1, `the chart is as wide as its figure (${chartWidth} of ${figureWidth} px)`);
    assert.ok(Math.abs(widths[0] - 0.82 * chartWidth) < 2, `a bar of the largest number is 82 % of the chart (${widths[0]} of ${chartWidth} px)`);
    assert.ok(Math.abs(widths[0] - widths[1]) < 1);
    const outreach = page.locator('figure', { hasText: 'Ratings of “Outreach (fixture)”' });
    const rated = await outreach.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    // Mentors Maya 5, Daniel 3, Grace 3, Samuel 4; mentees Ana 2, Luis 3, Priya 2, Hannah 3, Zoë 3.
    assert.deepEqual(rated, [['1', '0', '0'], ['2', '0', '2'], ['3', '2', '3'], ['4', '1', '0'], ['5', '1', '0'], ['Not rated', '0', '0']]);
    await shoot(page, 'workbench-summary');
    noRequestsAfterLoad(wb, 'summary');
  });

  test('suggests the known best pairing; pin, rule out, capacity, suggest again; the CSV', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    await go(page, 'Suggested matches');
    await suggest(page);
    assert.match(await page.locator('.wb-result-summary').innerText(), /^4 pairs; 1 mentee and 0 mentors without a partner; total score 540\. Worked out in \d+ ms in the background\./);
    assert.deepEqual(await pairs(page), {
      'Maya Okafor': ['Ana Ruiz'],
      'Daniel Reyes': ['Luis Romero'],
      'Grace Liu': ['Hannah Berg'],
      'Samuel Brooks': ['Priya Shah'],
    });
    const maya = page.locator('.wb-mentor', { hasText: 'Maya Okafor' });
    const reasons = await maya.locator('.wb-reasons li').allInnerTexts();
    assert.equal(reasons[0], 'Both in the Midwest, as both asked');
    assert.ok(reasons.includes('The mentor rates Outreach (fixture) 5 where the mentee rates 2'), reasons.join('\n'));
    // With confidential answers hidden, a shared gender is not named.
    assert.ok(reasons.includes('Their descriptions of their gender agree, as the mentee asked'), reasons.join('\n'));
    await page.getByRole('switch', { name: 'Show confidential answers' }).check();
    assert.ok((await maya.locator('.wb-reasons li').allInnerTexts()).includes('Both describe their gender as ‘Woman’, as the mentee asked'));
    await page.getByRole('switch', { name: 'Show confidential answers' }).uncheck();
    assert.equal(await page.locator('.wb-unmatched-list li').innerText(),
      "Zoë O'Brien-Søren — Puerto Rico (Caribbean territories). No mentor in their region (Caribbean territories).");
    await shoot(page, 'workbench-matches');

    // Pin Daniel with Hannah (not suggested), rule out Maya with Ana.
    await page.getByLabel('Mentor', { exact: true }).selectOption({ label: 'Daniel Reyes — California (West)' });
    await page.getByLabel('Mentee', { exact: true }).selectOption({ label: 'Hannah Berg — Vermont (Northeast)' });
    await page.getByRole('button', { name: 'Pin this pair' }).click();
    await page.getByRole('button', { name: 'Rule out Maya Okafor with Ana Ruiz' }).click();
    assert.match(await page.locator('.wb-stale').innerText(), /Changed since this suggestion: pins, rule-outs\. Suggest again to apply\./);
    await suggest(page);
    assert.deepEqual(await pairs(page), {
      'Maya Okafor': [],
      'Daniel Reyes': ['Hannah Berg'],
      'Grace Liu': [],
      'Samuel Brooks': ['Priya Shah'],
    });
    const daniel = page.locator('.wb-mentor', { hasText: 'Daniel Reyes' });
    assert.equal(await daniel.locator('.wb-reasons li').first().innerText(), 'Pinned by staff');
    assert.match(await daniel.locator('.wb-pair__score').innerText(), /pinned by staff/);
    const kept = await page.locator('.wb-kept__list li').allInnerTexts();
    assert.equal(kept.length, 2);
    assert.match(kept[0], /^Daniel Reyes with Hannah Berg Remove/);
    assert.match(kept[1], /^Maya Okafor with Ana Ruiz Remove/);
    const unmatched = await page.locator('.wb-unmatched-list li').allInnerTexts();
    assert.ok(unmatched.includes('Ana Ruiz — Ohio (Midwest). Ruled out with every possible mentor.'), unmatched.join('\n'));
    assert.ok(unmatched.includes('Luis Romero — Arizona (West). Every mentor who could be paired with them is taken.'), unmatched.join('\n'));
    assert.equal(await maya.locator('.wb-unmatched').innerText(), 'No mentee: Ruled out with every possible mentee.');

    // Daniel takes two: Luis, whom only he can have, joins him. Pins and rule-outs are kept.
    await page.getByLabel('Mentees Daniel Reyes takes').fill('2');
    await page.getByLabel('Mentees Daniel Reyes takes').press('Tab');
    await suggest(page);
    assert.deepEqual((await pairs(page))['Daniel Reyes'], ['Luis Romero', 'Hannah Berg']);
    assert.deepEqual((await pairs(page))['Maya Okafor'], []);
    assert.equal(await page.getByLabel('Mentees Daniel Reyes takes').inputValue(), '2');

    // Download matches: the engine's CSV, spreadsheet-safe.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download matches (CSV)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'suggested-matches.csv');
    const bytes = fs.readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'Status,Mentor,Mentor reference,Mentee,Mentee reference,Region,Score,Reasons');
    const csvRows = lines.slice(1);
    assert.equal(csvRows.filter((l) => l.startsWith('Matched,') || l.startsWith('Pinned,')).length, 3);
    assert.ok(csvRows.some((l) => /^Pinned,Daniel Reyes,[0-9a-f-]{36},Hannah Berg,[0-9a-f-]{36},/.test(l)), csvRows.join('\n'));
    assert.ok(csvRows.some((l) => l.startsWith('Matched,Daniel Reyes,') && l.includes(',Luis Romero,')));
    assert.ok(csvRows.some((l) => l.startsWith('Unmatched,,,Ana Ruiz,') && l.endsWith('Ruled out with every possible mentor')));
    assert.ok(!bytes.toString('utf8').includes('Latino'), 'hidden confidential answers are not in the file');

    // Printable list: every pair and everyone unmatched, without the page.
    await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
    await page.getByRole('button', { name: 'Print the matches' }).click();
    await page.waitForFunction(() => window.__printed === 1);
    const printed = page.locator('.wb-print-all .wb-print-matches');
    assert.deepEqual(await printed.locator('tbody tr td:first-child').evaluateAll((tds) => tds.map((td) => td.firstChild.textContent)),
      ['Daniel Reyes', 'Daniel Reyes', 'Samuel Brooks']);
    assert.match(await printed.locator('tbody tr').nth(1).innerText(), /Hannah Berg[\s\S]*Pinned by staff/);
    assert.equal(await printed.locator('.wb-unmatched-list li').count(), 4);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.wb-main').isVisible(), false);
    assert.ok(await printed.isVisible());
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-matches-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => !document.querySelector('.wb-print-all .wb-print-matches'));
    noRequestsAfterLoad(wb, 'matches');
  });

  test('a broken file: file, line and problem named; the good rows still load', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    const lines = fs.readFileSync(fx.mentors, 'utf8').split('\n').filter(Boolean);
    const broken = [lines[0], '{"reference": "cut off', lines[1],
      '{"export_version":2,"cycle_id":"fixture-mentor","reference":"x","version":1,"answers":{}}',
      lines[2], '[1,2]', lines[3]].join('\n');
    const file = path.join(fx.dir, 'mentors-broken.jsonl');
    fs.writeFileSync(file, broken);
    const notCycle = path.join(fx.dir, 'not-a-cycle.json');
    fs.writeFileSync(notCycle, '{\n  "id": "x",\n  "sections": [\n}');
    await openFiles(page, [fx.mentorCycle, file, notCycle]);
    const report = page.locator('.wb-report', { hasText: 'mentors-broken.jsonl' });
    const messages = (await report.locator('li').allInnerTexts()).map((m) => m.replace(/\s+/g, ' '));
    assert.deepEqual(messages, [
      'mentors-broken.jsonl: 4 applications added of the cycle "fixture-mentor"',
      'Problem: mentors-broken.jsonl, line 2: not JSON (the line ends inside a value, column 22)',
      'Problem: mentors-broken.jsonl, line 4: the row is in a newer export format (2) than this page reads (1); update the workbench',
      'Problem: mentors-broken.jsonl, line 6: not an application row (a JSON object), but a list',
    ]);
    assert.match(await report.locator('h3').innerText(), /3 problems/);
    const cycleReport = await page.locator('.wb-report', { hasText: 'not-a-cycle.json' }).innerText();
    assert.match(cycleReport, /not-a-cycle\.json is a cycle file with problems; nothing was added/);
    assert.match(cycleReport, /line 4/);
    await shoot(page, 'workbench-broken-file');
    await go(page, 'Applications');
    assert.equal((await rows(page)).length, 4, 'the good rows loaded');
    noRequestsAfterLoad(wb, 'broken file');
  });

  test('nothing is stored unless kept; a kept session comes back; forgetting removes it', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    const stored = () => page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    await openFiles(page, ALL_FILES());
    await go(page, 'Suggested matches');
    await page.locator('summary', { hasText: 'Weights' }).click();
    await page.getByLabel('Shared gender').fill('55');
    await page.getByLabel('Shared gender').press('Tab');
    assert.deepEqual(await stored(), { databases: [], local: 0, session: 0 }, 'nothing stored by default');
    await page.reload();
    await page.waitForSelector('html[data-workbench-ready]');
    assert.equal(await page.locator('.wb-report').count(), 0, 'a reload forgets everything');

    await openFiles(page, ALL_FILES());
    await go(page, 'Suggested matches');
    await page.locator('summary', { hasText: 'Weights' }).click();
    await page.getByLabel('Shared gender').fill('55');
    await page.getByLabel('Shared gender').press('Tab');
    await page.getByLabel('Keep this session on this computer').check();
    await page.waitForFunction(async () => (await indexedDB.databases()).some((d) => d.name === 'mentor-workbench'));
    await page.reload();
    await page.waitForSelector('html[data-workbench-ready]');
    await page.locator('h1', { hasText: 'Applications' }).waitFor();
    assert.ok(await page.getByLabel('Keep this session on this computer').isChecked());
    assert.equal((await rows(page)).length, 4);
    await go(page, 'Suggested matches');
    await page.locator('summary', { hasText: 'Weights' }).click();
    assert.equal(await page.getByLabel('Shared gender').inputValue(), '55', 'settings kept');
    assert.equal(await page.getByRole('switch', { name: 'Show confidential answers' }).isChecked(), false);

    await page.getByRole('button', { name: 'Forget this session' }).click();
    await page.waitForFunction(async () => !(await indexedDB.databases()).some((d) => d.name === 'mentor-workbench'));
    assert.equal(await page.locator('.wb-report').count(), 0);
    await page.reload();
    await page.waitForSelector('html[data-workbench-ready]');
    assert.equal(await page.getByLabel('Keep this session on this computer').isChecked(), false);
    assert.deepEqual(await stored(), { databases: [], local: 0, session: 0 });
    assert.deepEqual(wb.errors, [], errorsMessage(wb.errors, 'kept session'));
  });

  test('files dropped anywhere on the page are opened', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await go(page, 'Summary');
    const files = [fx.mentorCycle, fx.mentors].map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
    const dropped = await page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
      return dt;
    }, files);
    await page.locator('h1').dispatchEvent('dragover', { dataTransfer: dropped });
    await page.locator('h1').dispatchEvent('drop', { dataTransfer: dropped });
    // The page shows what the files gave, and stayed the workbench.
    await page.locator('.wb-report').nth(1).waitFor();
    assert.equal(await page.locator('h1').innerText(), 'Open files');
    assert.deepEqual((await page.locator('.wb-report h3').allInnerTexts()).map((h) => h.split(' — ')[0]), ['mentors.jsonl', 'workbench-mentor-cycle.json']);
    // Dropped on the drop area, too.
    const again = await page.evaluateHandle((f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([f.text], 'mentees.jsonl'));
      return dt;
    }, { text: fs.readFileSync(fx.mentees, 'utf8') });
    await page.locator('[data-drop-area]').dispatchEvent('dragover', { dataTransfer: again });
    assert.ok(await page.locator('.wb-drop--over').count(), 'the drop area shows a file is over it');
    await page.locator('[data-drop-area]').dispatchEvent('drop', { dataTransfer: again });
    await page.locator('.wb-report').nth(2).waitFor();
    assert.equal(await page.locator('.wb-report', { hasText: 'mentees.jsonl' }).count(), 1, 'opened once');
    noRequestsAfterLoad(wb, 'drop');
  });

  test('without its worker the page still suggests, after showing it is busy, and still closes the network', T, async (t) => {
    const broken = await startStaff({
      routes: { '/staff/staff-worker_loader.js': (req, res) => { res.statusCode = 404; res.end('gone'); } },
    });
    t.after(() => broken.server.close());
    const wb = await openWorkbench(browser, broken, { ignoreConsole: [/Failed to load resource/] });
    t.after(() => wb.close());
    const { page } = wb;
    assert.equal(await page.evaluate(() => document.head.querySelector('meta[http-equiv=Content-Security-Policy]')?.content),
      "connect-src 'none'; img-src 'self' data: blob:; form-action 'none'; object-src 'none'; frame-src 'none'");
    await openFiles(page, ALL_FILES());
    await go(page, 'Suggested matches');
    assert.match(await page.locator('#wb-match-status').innerText(), /^Matching runs on the page: the matching worker did not start/);
    await suggest(page);
    assert.match(await page.locator('.wb-result-summary').innerText(), /total score 540\. Worked out in \d+ ms on the page\./);
    noRequestsAfterLoad(wb, 'no worker');
  });

  test('once loaded, the browser itself refuses any request', T, async (t) => {
    const wb = await open(t, { ignoreConsole: [/Content Security Policy/, /Refused to connect/] });
    const { page } = wb;
    const outcome = await page.evaluate(async () => {
      try { await fetch('./index.html'); return 'fetched'; } catch (e) { return `refused: ${e.name}`; }
    });
    assert.equal(outcome, 'refused: TypeError');
    const xhr = await page.evaluate(() => new Promise((resolve) => {
      const r = new XMLHttpRequest();
      r.onload = () => resolve('loaded');
      r.onerror = () => resolve('refused');
      try { r.open('GET', './index.html'); r.send(); } catch (e) { resolve(`refused: ${e.name}`); }
    }));
    assert.match(xhr, /^refused/);
    // What the attempts asked for was blocked in the browser: the server saw nothing.
    assert.deepEqual(wb.served(), []);
    assert.deepEqual(wb.errors, [], errorsMessage(wb.errors, 'refused requests'));
  });

  test('the shipped cycles are bundled: an export of a shipped cycle needs no cycle file', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    const exported = path.join(fx.dir, 'shipped-mentees.jsonl');
    // The fixture export under the shipped cycle's id.
    fs.writeFileSync(exported, fs.readFileSync(fx.mentees, 'utf8').replaceAll('"fixture-mentee"', '"fall-2020-mentee"'));
    await openFiles(page, [exported]);
    const messages = await page.locator('.wb-report li').allInnerTexts();
    assert.deepEqual(messages, ['shipped-mentees.jsonl: 5 applications added of the cycle "fall-2020-mentee"']);
    await go(page, 'Applications');
    assert.equal((await rows(page)).length, 5);
    noRequestsAfterLoad(wb, 'bundled cycle');
  });

  test('keyboard only: open a part, sort, view an applicant, suggest matches', T, async (t) => {
    const wb = await open(t);
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    const focusText = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    const tabTo = async (text, limit = 80) => {
      for (let i = 0; i < limit; i += 1) {
        await page.keyboard.press('Tab');
        if ((await focusText()) === text) return;
      }
      throw new Error(`Tab never reached "${text}"`);
    };
    await page.locator('.wb-skip').focus();
    await tabTo('Suggested matches');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Suggested matches' }).waitFor();
    assert.equal(await focusText(), 'Suggested matches', 'the focus is on the new heading');
    await tabTo('Suggest matches');
    await page.keyboard.press('Enter');
    await page.locator('.wb-result-summary').waitFor();
    assert.match(await page.locator('.wb-result-summary').innerText(), /total score 540/);
    await page.locator('.wb-skip').focus();
    await tabTo('Applications');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Applications' }).waitFor();
    await tabTo('Last name⇅');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('th[aria-sort=ascending]').count(), 1);
    await tabTo('View');
    await page.keyboard.press('Enter');
    await page.locator('.wb-applicant h1').waitFor();
    const name = await page.locator('.wb-applicant h1').innerText();
    assert.equal(name, await focusText());
    // Back: the focus returns to that applicant's row.
    await page.locator('.wb-skip').focus();
    await tabTo('Back to the applications');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Applications' }).waitFor();
    await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label') === `View ${n}`, name);
    noRequestsAfterLoad(wb, 'keyboard');
  });

  test('axe finds nothing on any part, at 1280 and 375 px', T, async (t) => {
    for (const width of [1280, 375]) {
      const wb = await open(t, { width });
      const { page } = wb;
      const check = async (where) => {
        const violations = await axeCheck(page);
        assert.deepEqual(violations, [], `${where} at ${width} px`);
      };
      await check('empty Open files');
      await openFiles(page, ALL_FILES());
      await check('Open files');
      await go(page, 'Applications');
      await page.locator('summary', { hasText: 'Filter by answer' }).click();
      await page.locator('summary', { hasText: 'Choose columns' }).click();
      await check('Applications');
      await page.getByRole('switch', { name: 'Show confidential answers' }).check();
      await check('Applications, confidential shown');
      await page.getByRole('button', { name: /^View / }).first().click();
      await page.locator('.wb-applicant').waitFor();
      await check('an applicant');
      await go(page, 'Summary');
      await check('Summary');
      await go(page, 'Suggested matches');
      await page.locator('summary', { hasText: 'Weights' }).click();
      await suggest(page);
      await check('Suggested matches');
      noRequestsAfterLoad(wb, `axe ${width}`);
    }
  });

  test('forced colours and 200 % text: bars, focus and no sideways scroll', T, async (t) => {
    const wb = await open(t, { width: 1280 });
    const { page } = wb;
    await openFiles(page, ALL_FILES());
    await go(page, 'Summary');
    await page.emulateMedia({ forcedColors: 'active' });
    const region = page.locator('figure', { hasText: 'Applications per region' });
    const fills = await region.locator('svg.wb-chart__svg rect.wb-bar').evaluateAll((rs) => rs.slice(0, 2).map((r) => [getComputedStyle(r).fill, getComputedStyle(r).stroke]));
    assert.notEqual(fills[0][0], fills[1][0], 'the two series differ in forced colours');
    await shoot(page, 'workbench-summary-forced-colors');
    await page.emulateMedia({ forcedColors: 'none' });

    await page.setViewportSize({ width: 640, height: 900 });
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    for (const part of ['Summary', 'Suggested matches', 'Applications', 'Open files']) {
      await go(page, part);
      if (part === 'Suggested matches') await suggest(page);
      const wide = await page.evaluate(() => {
        const vw = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > vw) out.push(`page ${document.documentElement.scrollWidth} > ${vw}`);
        for (const el of document.querySelectorAll('.wb-root *')) {
          if (el.closest('.wb-table-wrap')) continue; // tables scroll inside their own region
          const r = el.getBoundingClientRect();
          if (r.width && r.right > vw + 1 && getComputedStyle(el).position !== 'absolute') out.push(`${el.tagName} ${el.className.baseVal ?? el.className} ${Math.round(r.right)}`);
        }
        return out.slice(0, 5);
      });
      assert.deepEqual(wide, [], `${part} at 200 % text`);
      await shoot(page, `workbench-200pct-${part.toLowerCase().replace(/ /g, '-')}`);
    }
    noRequestsAfterLoad(wb, 'forced colours');
  });
});
