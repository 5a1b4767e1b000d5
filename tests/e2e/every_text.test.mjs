// Every sentence an applicant reads comes from the cycle file (issue 20): a fixture
// cycle (every kind of question, tests/fixtures/every-kind.json plus a web address)
// whose every string — its own content and every entry of the texts table, listed
// from public/cycle.schema.json so a new text is covered the day it is added — is
// replaced by a marker. The test walks every page and every message (each kind's
// errors, the error summary and the title prefix, sending, a failure, the
// confirmation, the closed page) and fails on any Latin word left on the page, in
// the title or in an accessible name, value text, placeholder or tooltip.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newPage, shoot } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, appReady, openStackAndBrowser, closeStackAndBrowser, eventually, rate, ROOT,
} from './support/app.mjs';
import { serveCycle } from './support/a11y.mjs';

const T = { timeout: 180_000 };
let browser;
let stack;

// ---------------------------------------------------------------- the marker cycle

const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/cycle.schema.json'), 'utf8'));
const TEXT_DEFAULTS = Object.entries(SCHEMA.$defs.Texts.properties).map(([key, p]) => [key, p.default]);

/** "Ωt7 {n} {total}": a marker that keeps the default's placeholders. */
function textMarker(i, text) {
  const holes = [...new Set(text.match(/\{[a-z_]+\}/g) || [])];
  return [`Ωt${i}`, ...holes].join(' ');
}

/** Keys whose strings applicants never read as text (ids, values, addresses, dates). */
const NOT_TEXT = new Set(['id', 'kind', 'value', 'url', 'email', 'opens_at', 'closes_at', 'min', 'max',
  'autocomplete', 'equals', 'field', 'allowed_origins', 'field_names', 'headers']);

function markerCycle() {
  const cycle = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/every-kind.json'), 'utf8'));
  cycle.sections[0].fields.push({ id: 'site', kind: 'url', label: 'Website', optional: true });
  let n = 0;
  const walk = (v, key) => {
    if (typeof v === 'string') return NOT_TEXT.has(key) ? v : `Ωc${n++}`;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, NOT_TEXT.has(k) ? x : walk(x, k)]));
    }
    return v;
  };
  const out = walk(cycle, '');
  out.contact.email = 'ωω@ωω.ωω';
  out.submit = { url: '/api/submissions', timeout_ms: 5000, retries: 0 };
  out.texts = Object.fromEntries(TEXT_DEFAULTS.map(([key, text], i) => [key,
    key === 'month_names' ? Array.from({ length: 12 }, (_, m) => `Ωm${m}`).join(',') : textMarker(i, text)]));
  return out;
}

// ---------------------------------------------------------------- what the page says

/** Every string the page shows or a screen reader reads, with where it was found. */
async function pageStrings(page) {
  return page.evaluate(() => {
    const out = [['title', document.title]];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('script, style, template, noscript')) continue;
      out.push([el.tagName.toLowerCase() + (el.id ? `#${el.id}` : ''), node.textContent]);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [aria-valuetext], [placeholder], [title], [alt]')) {
      for (const a of ['aria-label', 'aria-valuetext', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push([`${el.tagName.toLowerCase()}[${a}]`, v]);
      }
    }
    return out;
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Asserts no Latin word (two letters or more) is left once markers, the typed
 * answers and the application's reference are taken out. */
async function noEnglish(page, state) {
  const leftovers = (await pageStrings(page))
    .map(([where, s]) => [where, s.replace(UUID, '').replace(/Ω[a-z]*\d*/g, '').replace(/ω+/g, '')])
    .filter(([, s]) => /[A-Za-z]{2,}/.test(s))
    .map(([where, s]) => `${where}: ${JSON.stringify(s.trim())}`);
  assert.deepEqual(leftovers, [], `${state}: words not from the cycle file`);
}

// ---------------------------------------------------------------- the walk

async function openPage(width = 1280) {
  const { page, close } = await newPage(browser, { width });
  await serveCycle(page, markerCycle());
  return { page, close };
}

const submit = (page) => page.locator('main form button[type=submit]');

describe('every sentence an applicant reads comes from the cycle file', () => {
  before(async () => { ({ browser, stack } = await openStackAndBrowser()); });
  after(async () => closeStackAndBrowser({ stack, browser }));

  test('the start page, each kind\'s messages, review, a failed send and the confirmation', T, async () => {
    const { page, close } = await openPage();
    try {
      await stack.receiver.reset();
      await gotoRoute(page, stack.app, '');
      await appReady(page);
      await noEnglish(page, 'start');
      await page.locator('main a.mf-button').first().click();
      await waitForPath(page, stack.app, 'section/one');

      // Missing answers: the error summary, inline messages with their prefix, the title.
      await submit(page).click();
      await page.locator('.mf-error-summary').waitFor();
      await eventually(async () => (await page.title()).startsWith('Ωt'));
      await noEnglish(page, 'section one, missing');

      // Every format problem of the first page's kinds.
      await page.fill('#f-name', 'Ω'.repeat(25)); // over max_length 20
      await page.fill('#f-email', 'ωω');
      await page.fill('#f-phone', 'ωω');
      await page.fill('#f-years', '99');
      await page.fill('#f-story', 'Ω'.repeat(60)); // the live count, over its limit
      await page.fill('#f-site', 'ωω');
      await page.locator('#f-match-yes').check();
      await submit(page).click();
      await page.locator('#f-email-error').waitFor();
      await noEnglish(page, 'section one, formats');
      await shoot(page, 'every-text-formats');

      await page.fill('#f-name', 'Ωname');
      await page.fill('#f-email', 'ωω@ωω.ωω');
      await page.fill('#f-phone', '312 944 6780');
      await page.fill('#f-years', '7');
      await page.fill('#f-story', 'Ωstory');
      await page.fill('#f-site', '');
      await page.selectOption('#f-region', 'N');
      await page.locator('#f-confirm').check();
      await submit(page).click();
      await waitForPath(page, stack.app, 'section/two');

      // Ratings not rated, then rated (their words are the cycle's).
      await submit(page).click();
      await page.locator('.mf-error-summary').waitFor();
      await noEnglish(page, 'section two, missing ratings');
      for (const id of ['skill_a', 'skill_b']) await rate(page, id, 4);
      await noEnglish(page, 'section two, rated');
      await submit(page).click();
      await waitForPath(page, stack.app, 'section/three');

      // Too many choices, a date that is not real, a date out of range.
      for (const v of ['email', 'phone', 'video_call', 'in_person']) {
        const box = page.locator(`#f-ways-${v}`);
        if (await box.count()) await box.check();
      }
      await page.locator('#f-start').focus();
      await page.keyboard.type('12');
      await page.locator('#f-birthday').fill('2020-01-01');
      await submit(page).click();
      await page.locator('.mf-error-summary').waitFor();
      await noEnglish(page, 'section three, formats');
      // Two choices, neither of them the one that asks for more.
      await page.locator('#f-ways-in_person').uncheck();
      await page.locator('#f-ways-phone').uncheck();
      await page.locator('#f-start').fill('2027-03-01');
      await page.locator('#f-birthday').fill('2001-05-06');
      await submit(page).click();
      await waitForPath(page, stack.app, 'review');
      await noEnglish(page, 'review');

      // A send that fails, then the confirmation.
      await stack.receiver.setFaults({ fail_next: 1, fail_status: 500 });
      await submit(page).click();
      await page.locator('.mf-send-error').waitFor();
      await noEnglish(page, 'send failed');
      await page.locator('.mf-send-error button').first().click();
      await waitForPath(page, stack.app, 'confirmation', 30_000);
      await page.locator('.mf-panel').waitFor();
      await noEnglish(page, 'confirmation');
      await shoot(page, 'every-text-confirmation');
    } finally {
      await close();
    }
  });

  test('the closed page', T, async () => {
    const { page, close } = await openPage(375);
    try {
      const cycle = markerCycle();
      cycle.deadline.enforce = true;
      cycle.deadline.opens_at = '2020-01-01T00:00:00Z';
      cycle.deadline.closes_at = '2021-01-01T00:00:00Z';
      await serveCycle(page, cycle);
      await gotoRoute(page, stack.app, '');
      await page.locator('main h1').waitFor();
      await noEnglish(page, 'closed');
    } finally {
      await close();
    }
  });

  test('the check itself finds an English word', T, async () => {
    const { page, close } = await openPage();
    try {
      const cycle = markerCycle();
      cycle.texts.start_button = 'Start now';
      await serveCycle(page, cycle);
      await gotoRoute(page, stack.app, '');
      await appReady(page);
      await assert.rejects(noEnglish(page, 'planted'), /Start now/);
    } finally {
      await close();
    }
  });
});
