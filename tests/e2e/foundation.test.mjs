// Start page, routing (Continue, deep links, back/forward), sliders, console errors,
// axe-core and screenshots of every page at 1280 and 375 px.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, pathOf, clickContinue, fillValidApplication, fillSection,
  SECTIONS, COMPETENCIES, TITLE, DEADLINE, REVIEW_TITLE, VALID, ratingOf, rate, openStackAndBrowser, closeStackAndBrowser } from './support/app.mjs';

const T = { timeout: 180_000 };
let browser;
let stack;

describe('foundation', () => {
  before(async () => ({ stack, browser } = await openStackAndBrowser()));
  after(() => closeStackAndBrowser({ stack, browser }));

  test('start page: title, deadline, contact, policy links, start link', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, '');
    const root = page.locator('[data-mentor-form] .mf-root');
    assert.equal((await root.locator('h1').first().textContent()).trim(), TITLE);
    assert.ok((await root.textContent()).replace(/\s+/g, ' ').includes(DEADLINE), 'deadline sentence missing from the start page');
    const mail = root.locator('a[href="mailto:eserrano@ala.org"]');
    assert.equal(await mail.count(), 1, 'expected one mailto:eserrano@ala.org link');
    assert.ok(await mail.isVisible(), 'mailto link is not visible');
    assert.ok(await root.getByRole('link', { name: 'Privacy Policy' }).isVisible(), 'Privacy Policy link');
    assert.ok(await root.getByRole('link', { name: 'Personal Data Notification' }).isVisible(), 'Personal Data Notification link');
    const start = root.locator('a.mf-button', { hasText: 'Start now' });
    assert.equal(await start.count(), 1, 'expected a.mf-button "Start now" (no draft yet)');
    assert.deepEqual(errors, [], errorsMessage(errors, 'start page'));
  });

  test('every section is reachable with Continue (valid answers), captions "Section N of 6"', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    const seen = [];
    await fillValidApplication(page, stack.app, {
      onPage: async (p, where) => {
        if (where === 'start') return;
        const n = SECTIONS.indexOf(where) + 1;
        assert.equal((await p.locator('.mf-caption').first().textContent()).trim(), `Section ${n} of 6`, `caption on ${where}`);
        assert.equal(await p.locator('form[novalidate]').count(), 1, `form[novalidate] on ${where}`);
        seen.push(where);
      },
    });
    assert.deepEqual(seen, SECTIONS);
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim(), REVIEW_TITLE);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('every section loads by deep link', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    for (const [i, id] of SECTIONS.entries()) {
      await gotoRoute(page, stack.app, `section/${id}`);
      assert.equal(pathOf(page), `/section/${id}`);
      assert.equal((await page.locator('.mf-caption').first().textContent()).trim(), `Section ${i + 1} of 6`, `caption on deep-linked ${id}`);
      assert.ok((await page.locator('.mf-root h1').first().textContent()).trim().length > 0, `h1 on ${id}`);
      assert.equal(await page.locator('form[novalidate] button[type=submit]', { hasText: 'Continue' }).count(), 1, `Continue on ${id}`);
      assert.equal(await page.locator('a.mf-back').count(), 1, `Back link a.mf-back on ${id}`);
      assert.deepEqual(errors, [], errorsMessage(errors, `/section/${id}`));
    }
    await gotoRoute(page, stack.app, 'review');
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim(), REVIEW_TITLE);
    assert.deepEqual(errors, [], errorsMessage(errors, '/review'));
  });

  test('unknown route shows "Page not found" with a link to the start', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'no/such/page');
    assert.match(await page.locator('.mf-root h1').first().textContent(), /Page not found/);
    const hrefs = await page.locator('.mf-root a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(hrefs.includes(stack.app.url), `no link to the start page ${stack.app.url}; links: ${hrefs.join(', ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('browser back/forward moves between sections', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, '');
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, stack.app, 'section/membership');
    await fillSection(page, 'membership', VALID);
    await clickContinue(page, stack.app, 'about-you');
    assert.equal((await page.locator('.mf-caption').textContent()).trim(), 'Section 2 of 6');
    await page.goBack();
    await waitForPath(page, stack.app, 'section/membership');
    assert.equal((await page.locator('.mf-caption').textContent()).trim(), 'Section 1 of 6');
    assert.ok(await page.locator('#f-membership_confirmed').isChecked(), 'membership answer lost after going back');
    await page.goForward();
    await waitForPath(page, stack.app, 'section/about-you');
    assert.equal((await page.locator('.mf-caption').textContent()).trim(), 'Section 2 of 6');
    await page.goBack();
    await waitForPath(page, stack.app, 'section/membership');
    await page.goBack();
    await waitForPath(page, stack.app, '');
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim(), TITLE);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('competencies: seven sliders, "Not yet rated" until touched', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/competencies');
    const sliders = page.getByRole('slider');
    assert.equal(await sliders.count(), 7, 'expected seven role=slider elements');
    for (const id of COMPETENCIES) {
      const s = page.locator(`input[type=range]#f-${id}`);
      assert.equal(await s.count(), 1, `input[type=range]#f-${id}`);
      assert.equal(await s.getAttribute('min'), '1', `${id} min`);
      assert.equal(await s.getAttribute('max'), '5', `${id} max`);
      assert.equal(await s.getAttribute('aria-valuetext'), 'Not yet rated', `${id} untouched valuetext`);
      assert.match(await ratingOf(page, id).getAttribute('class'), /\bmf-rating--unrated\b/, `${id} .mf-rating--unrated`);
      assert.equal(await ratingOf(page, id).locator('button.mf-rating__mark').count(), 5, `${id}: five marks`);
      // A label names each slider.
      const label = page.locator(`label[for="f-${id}"]`);
      assert.equal(await label.count(), 1, `label[for=f-${id}]`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('slider keyboard: ArrowRight, End and Home change aria-valuetext', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/competencies');
    const id = COMPETENCIES[0];
    const s = page.locator(`#f-${id}`);
    // Reach the first slider with the keyboard: focus it (Tab order is the app's; focus() is what a click on its label would do).
    await s.focus();
    assert.equal(await page.evaluate(() => document.activeElement?.id), `f-${id}`);
    assert.equal(await s.getAttribute('aria-valuetext'), 'Not yet rated');
    await page.keyboard.press('ArrowRight');
    const afterRight = await s.getAttribute('aria-valuetext');
    assert.notEqual(afterRight, 'Not yet rated', 'ArrowRight did not rate the slider');
    assert.match(afterRight, /^[1-5] of 5\b/, `valuetext after ArrowRight: ${afterRight}`);
    assert.doesNotMatch(await ratingOf(page, id).getAttribute('class'), /\bmf-rating--unrated\b/, 'still marked unrated after ArrowRight');
    await page.keyboard.press('End');
    const atEnd = await s.getAttribute('aria-valuetext');
    assert.match(atEnd, /^5 of 5\b/, `End: ${atEnd}`);
    assert.match(atEnd, /Comfortable/, `End should say Comfortable: ${atEnd}`);
    assert.equal(await s.inputValue(), '5');
    await page.keyboard.press('Home');
    const atHome = await s.getAttribute('aria-valuetext');
    assert.match(atHome, /^1 of 5\b/, `Home: ${atHome}`);
    assert.match(atHome, /Uncomfortable/, `Home should say Uncomfortable: ${atHome}`);
    assert.equal(await s.inputValue(), '1');
    await page.keyboard.press('ArrowRight');
    assert.match(await s.getAttribute('aria-valuetext'), /^2 of 5\b/);
    // The visible value text follows.
    assert.match(await ratingOf(page, id).locator('.mf-rating__value').textContent(), /2/);
    // The other sliders are untouched.
    assert.equal(await page.locator(`#f-${COMPETENCIES[1]}`).getAttribute('aria-valuetext'), 'Not yet rated');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('clicking mark 4 gives "4 of 5, towards Comfortable"', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/competencies');
    const id = COMPETENCIES[1];
    await rate(page, id, 4);
    const s = page.locator(`#f-${id}`);
    assert.equal(await s.getAttribute('aria-valuetext'), '4 of 5, towards Comfortable');
    assert.equal(await s.inputValue(), '4');
    assert.doesNotMatch(await ratingOf(page, id).getAttribute('class'), /\bmf-rating--unrated\b/);
    assert.match(await ratingOf(page, id).locator('.mf-rating__value').textContent(), /4/);
    // Marks are not in the tab order: the slider is the keyboard control.
    for (const m of await ratingOf(page, id).locator('button.mf-rating__mark').all()) {
      assert.equal(await m.getAttribute('tabindex'), '-1');
    }
    assert.equal(await page.locator(`#f-${COMPETENCIES[0]}`).getAttribute('aria-valuetext'), 'Not yet rated');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  for (const width of [1280, 375]) {
    test(`no console errors, axe 0 violations and screenshots on every page at ${width}px`, T, async (t) => {
      const { page, errors, close } = await newPage(browser, { width });
      t.after(close);
      const problems = [];
      const check = async (name) => {
        const v = await axeCheck(page);
        if (v.length) problems.push(`${name}:\n    ${v.join('\n    ')}`);
        await shoot(page, name);
        assert.deepEqual(errors, [], errorsMessage(errors, name));
      };
      await fillValidApplication(page, stack.app, {
        onPage: async (_p, where) => { await check(where === 'start' ? 'start' : `section-${where}`); },
      });
      await check('review');
      // Sections as first seen (nothing filled in) by deep link in a fresh context.
      const fresh = await newPage(browser, { width });
      t.after(fresh.close);
      for (const id of SECTIONS) {
        await gotoRoute(fresh.page, stack.app, `section/${id}`);
        const v = await axeCheck(fresh.page);
        if (v.length) problems.push(`empty section-${id}:\n    ${v.join('\n    ')}`);
        await shoot(fresh.page, `section-${id}-empty`);
      }
      assert.deepEqual(fresh.errors, [], errorsMessage(fresh.errors, 'empty sections'));
      assert.deepEqual(problems, [], `axe violations:\n  ${problems.join('\n  ')}`);
    });
  }
});
