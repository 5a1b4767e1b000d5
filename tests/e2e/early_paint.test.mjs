// Paint before the wasm arrives (issue 12, docs/prerender.md): scripts/prerender.mjs
// stores the start page and each section, rendered by the built app, in index.html;
// scripts/early-paint.js shows the current route's page while the wasm downloads; the
// app takes it over (src/embed/handover.rs) without losing anything typed into it.
//
// Every test runs on a copy of dist/ with the fixture cycle, prerendered by the real
// build step, and holds the wasm download back until the test lets it go, so the
// "before the take-over" state is reached for certain, not by luck of timing.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeCheck, shoot, errorsMessage, SCREENSHOT_DIR } from './support/browser.mjs';
import { decodePng } from './support/pixels.mjs';
import { fixtureCycle } from './support/a11y.mjs';
import { waitForPath, eventually, DRAFT_PREFIX } from './support/app.mjs';
import { startPainted, heldPage as heldPageOf, painted, takenOver, CYCLE_FILE } from './support/painted.mjs';

const T = { timeout: 120_000 };
const cycle = fixtureCycle();

let browser;
let stack;

/** A page whose wasm download waits until `release()` is called. */
const heldPage = (options = {}) => heldPageOf(browser, options);
const label = (section, id) => cycle.sections.find((s) => s.id === section).fields.find((f) => f.id === id).label;

describe('paint before the wasm arrives', () => {
  let running;
  before(async () => {
    running = await startPainted(cycle);
    ({ stack, browser } = running);
  });
  after(() => running?.stop());

  test('the start page and a section paint with the cycle\'s text while the wasm is still downloading', T, async (t) => {
    const { page, errors, close, release } = await heldPage();
    t.after(close);
    const csp = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) csp.push(m.text()); });
    await page.goto(stack.app.url);
    await painted(page).locator('h1', { hasText: cycle.title }).waitFor();
    assert.equal(await page.locator('.mf-loading').count(), 0, 'the loading line stays beside the painted page');
    assert.equal(await page.title(), `Start – ${cycle.title}`);
    // Nothing to act on yet: the start link says it is disabled, to people and tools.
    const startLink = page.getByRole('button', { name: cycle.texts?.start_button ?? 'Start now' });
    assert.equal(await startLink.getAttribute('aria-disabled'), 'true');
    assert.deepEqual(await axeCheck(page), [], 'axe on the painted start page');
    await shoot(page, 'early-paint-start');

    await page.goto(`${stack.app.url}section/about-you`);
    await painted(page).getByLabel(label('about-you', 'first_name'), { exact: true }).waitFor();
    assert.deepEqual(await axeCheck(page), [], 'axe on a painted section');
    await shoot(page, 'early-paint-about-you');
    release();
    await takenOver(page);
    assert.deepEqual(csp, [], 'CSP violations');
    assert.deepEqual(errors, [], errorsMessage(errors));
    const cycleFetches = stack.app.requests.filter((r) => r.path.endsWith(CYCLE_FILE));
    assert.ok(cycleFetches.length <= 2, `the cycle file was fetched ${cycleFetches.length} times for two page loads`);
  });

  test('what is typed before the take-over is kept: values, the field being typed in, its caret, and the draft', T, async (t) => {
    const { page, errors, close, release } = await heldPage();
    t.after(close);
    await page.goto(`${stack.app.url}section/about-you`);
    const first = page.getByLabel(label('about-you', 'first_name'), { exact: true });
    const last = page.getByLabel(label('about-you', 'last_name'), { exact: true });
    await painted(page).locator('input').first().waitFor();
    await first.click();
    await page.keyboard.type('Ada');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lovce');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft'); // "Lov|ce", the caret after "Lov"
    assert.equal(await painted(page).count(), 1, 'the take-over happened before the wasm was let through');
    release();
    await takenOver(page);
    assert.equal(await first.inputValue(), 'Ada');
    assert.equal(await last.inputValue(), 'Lovce');
    const focus = await page.evaluate(() => ({ id: document.activeElement?.id, caret: document.activeElement?.selectionStart }));
    assert.equal(focus.id, 'f-last_name', 'focus is back in the field being typed in');
    assert.equal(focus.caret, 3, 'the caret is where it was');
    await page.keyboard.type('ela'); // typing goes on in the live field, at the caret
    assert.equal(await last.inputValue(), 'Lovelace');
    const draftText = async () => page.evaluate((prefix) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith(prefix));
      return key ? localStorage.getItem(key) : null;
    }, DRAFT_PREFIX);
    await eventually(async () => { const d = await draftText(); return d && d.includes('"Ada"') && d.includes('"Lovelace"'); });
    const draft = await draftText();
    assert.ok(draft && draft.includes('"Ada"') && draft.includes('"Lovelace"'), `the draft lacks what was typed: ${draft}`);
    // The live form judges what was typed: the field left with a bad address says so.
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a box ticked before the take-over counts, and Continue pressed before it goes on after it', T, async (t) => {
    const { page, errors, close, release } = await heldPage();
    t.after(close);
    await page.goto(`${stack.app.url}section/membership`);
    const box = page.getByLabel(label('membership', 'membership_confirmed'));
    await painted(page).locator('main input[type=checkbox]').waitFor();
    await box.focus();
    await page.keyboard.press('Space');
    // Continue pressed (by keyboard) before the take-over: no navigation, no reload
    // yet, the tick stays.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent.trim()), 'Continue');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).pathname, new URL(`${stack.app.url}section/membership`).pathname);
    assert.equal(await box.isChecked(), true);
    assert.equal(await painted(page).count(), 1);
    release();
    // The app takes over with the tick and then presses Continue: on to the next section.
    await waitForPath(page, stack.app, 'section/about-you');
    await page.locator('h1', { hasText: cycle.sections.find((x) => x.id === 'about-you').title }).waitFor();
    await page.goBack();
    await waitForPath(page, stack.app, 'section/membership');
    assert.equal(await box.isChecked(), true, 'the tick survived the take-over');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the start button pressed before the take-over starts the form after it; pressed twice, once', T, async (t) => {
    const { page, errors, close, release } = await heldPage();
    t.after(close);
    await page.goto(stack.app.url);
    const start = page.getByRole('button', { name: cycle.texts?.start_button ?? 'Start now' });
    await start.click({ force: true });
    await start.click({ force: true });
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).pathname, new URL(stack.app.url).pathname, 'navigated before the take-over');
    release();
    await waitForPath(page, stack.app, 'section/membership');
    await page.waitForTimeout(500);
    assert.equal(new URL(page.url()).pathname, new URL(`${stack.app.url}section/membership`).pathname, 'the second press was replayed too');
    assert.equal(await page.locator('.mf-error-summary').count(), 0, 'a replayed press went on to validate the next page');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a key held down while the app gets ready is not split by the take-over: Space still ticks the box', T, async (t) => {
    const { page, errors, close, release } = await heldPage();
    t.after(close);
    await page.goto(`${stack.app.url}section/membership`);
    await painted(page).locator('main input[type=checkbox]').waitFor();
    await page.getByLabel(label('membership', 'membership_confirmed')).focus();
    await page.keyboard.down('Space'); // a checkbox ticks on keyup
    release();
    // The app is ready (the wasm ran) but waits for the key to come up.
    await page.waitForFunction(() => document.querySelector('[data-mentor-form][data-mf-live]'));
    await page.waitForTimeout(500);
    assert.equal(await painted(page).count(), 1, 'the take-over happened in the middle of a key press');
    await page.keyboard.up('Space');
    await takenOver(page);
    assert.equal(await page.getByLabel(label('membership', 'membership_confirmed')).isChecked(), true, 'the Space press was lost');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a field already left is checked after the take-over, as if the live form had seen it', T, async (t) => {
    const { page, close, release } = await heldPage();
    t.after(close);
    await page.goto(`${stack.app.url}section/about-you`);
    await painted(page).locator('input').first().waitFor();
    const email = page.getByLabel(label('about-you', 'email'), { exact: true });
    await email.click();
    await page.keyboard.type('not-an-address');
    await page.keyboard.press('Tab');
    release();
    await takenOver(page);
    assert.equal(await email.inputValue(), 'not-an-address');
    await eventually(async () => assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the left field is not marked invalid'));
  });

  test('a cycle file edited after the build: the page paints at once all the same, and the app takes over with the edited file', T, async (t) => {
    const { page, close, release } = await heldPage();
    t.after(close);
    const edited = { ...cycle, title: 'Edited After The Build' };
    await page.route(`**/${CYCLE_FILE}`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(edited) }));
    await page.goto(`${stack.app.url}section/about-you`);
    // Painted without waiting for the file (issue 23); what is typed there is kept by
    // the take-over (early_paint_start.test.mjs: answers without a question are kept aside).
    await painted(page).locator('input').first().waitFor();
    release();
    await takenOver(page);
    await page.locator('.mf-header', { hasText: 'Edited After The Build' }).waitFor();
  });

  test('a route with no painted page (review) and a framed page (?embed=1) show "Loading…", not another page', T, async (t) => {
    for (const route of ['review', '?embed=1']) {
      const { page, close, release } = await heldPage();
      await page.goto(`${stack.app.url}${route}`);
      await page.locator('.mf-loading').waitFor();
      await page.waitForTimeout(300);
      assert.equal(await painted(page).count(), 0, `${route}: a painted page is shown`);
      release();
      await takenOver(page);
      await close();
    }
    t.diagnostic('review and ?embed=1 stayed on the loading line until the app was ready');
  });

  test('the painted page looks like the live one', T, async (t) => {
    for (const width of [375, 1280]) {
      const { page, close, release } = await heldPage({ width });
      await page.goto(`${stack.app.url}section/competencies`);
      await painted(page).locator('input[type=range]').first().waitFor();
      const before = await page.screenshot({ fullPage: true });
      release();
      await takenOver(page);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const afterShot = await page.screenshot({ fullPage: true });
      if (!before.equals(afterShot)) {
        fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
        fs.writeFileSync(path.join(SCREENSHOT_DIR, `early-paint-diff-before-${width}.png`), before);
        fs.writeFileSync(path.join(SCREENSHOT_DIR, `early-paint-diff-after-${width}.png`), afterShot);
        const a = decodePng(before);
        const b = decodePng(afterShot);
        assert.equal(`${b.width}x${b.height}`, `${a.width}x${a.height}`, `at ${width} px the page changed size when the app took over`);
        let differ = 0;
        let box = null;
        for (let y = 0; y < a.height; y++) {
          for (let x = 0; x < a.width; x++) {
            const [p, q] = [a.pixel(x, y), b.pixel(x, y)];
            if (p[0] !== q[0] || p[1] !== q[1] || p[2] !== q[2]) {
              differ++;
              box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
            }
          }
        }
        assert.equal(differ, 0, `at ${width} px ${differ} pixels changed when the app took over, in ${box}`);
      }
      await close();
    }
    t.diagnostic('painted and live competencies pages are pixel-identical at 375 and 1280 px');
  });
});
