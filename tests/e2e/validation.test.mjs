// Live validation ("reward early, punish late"), the error summary, the conditional
// city/state rule, the review page with Change links, and text-only rendering.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, pathOf, clickContinue, continueButton, sendButton,
  fillValidApplication, fillSection, fillField, sectionSubmit, typeInto, rateAll, summaryRow, eventually, sleep,
  SECTIONS, COMPETENCIES, VALID, EMAIL_FORMAT_MSG, REVIEW_TITLE, openStackAndBrowser, closeStackAndBrowser } from './support/app.mjs';

const T = { timeout: 180_000 };
const ABOUT_REQUIRED = ['first_name', 'last_name', 'email', 'institution', 'position', 'years_experience'];
const ABOUT_OPTIONAL = ['phone', 'city', 'state'];
let browser;
let stack;

async function activeId(page) {
  return page.evaluate(() => document.activeElement && document.activeElement.id);
}

async function errorShowing(page, id) {
  const err = page.locator(`#f-${id}-error`);
  return (await err.count()) > 0 && (await err.first().isVisible());
}

async function summaryHrefs(page) {
  return page.locator('.mf-error-summary ul li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
}

describe('validation', () => {
  before(async () => ({ stack, browser } = await openStackAndBrowser()));
  after(() => closeStackAndBrowser({ stack, browser }));

  test('email: no error while typing, format error on leaving, cleared on the fixing keystroke', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    const email = page.locator('#f-email');
    await email.click();
    await page.keyboard.type('nam');
    await sleep(400);
    assert.equal(await errorShowing(page, 'email'), false, 'error shown while the email is first being typed');
    assert.notEqual(await email.getAttribute('aria-invalid'), 'true', 'aria-invalid set while first typing');
    await page.keyboard.type('e@');
    await sleep(400);
    assert.equal(await errorShowing(page, 'email'), false, 'error shown before leaving the field');

    await page.keyboard.press('Tab');
    const err = page.locator('#f-email-error');
    await err.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {
      throw new Error('no visible #f-email-error after tabbing away from "name@"');
    });
    const errText = (await err.textContent()).replace(/\s+/g, ' ').trim();
    assert.ok(errText.includes(EMAIL_FORMAT_MSG), `inline error text: "${errText}"`);
    assert.match(errText, /^Error:/, 'inline error should start with visually hidden "Error:"');
    assert.match(await err.getAttribute('class'), /\bmf-error-message\b/);
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const described = (await email.getAttribute('aria-describedby') || '').split(/\s+/);
    assert.ok(described.includes('f-email-error'), `aria-describedby="${described.join(' ')}" lacks f-email-error`);
    if (await page.locator('#f-email-hint').count()) assert.ok(described.includes('f-email-hint'), 'hint not in aria-describedby');
    // The field tabbed into, and the untouched ones, are not flagged.
    for (const id of ['first_name', 'last_name', 'phone', 'institution']) {
      assert.equal(await errorShowing(page, id), false, `untouched ${id} shows an error`);
    }
    assert.equal(await page.locator('.mf-error-summary').count(), 0, 'no error summary for a blur error');
    await shoot(page, 'error-inline-email');

    // Back in the field: a keystroke that keeps it wrong keeps the error...
    await email.click();
    await page.keyboard.press('End');
    await page.keyboard.type('@');
    await sleep(300);
    assert.equal(await errorShowing(page, 'email'), true, 'error vanished although "name@@" is still wrong');
    await page.keyboard.press('Backspace');
    // ...and it goes on the keystroke that fixes it, without leaving the field.
    for (const ch of 'example.org') await page.keyboard.type(ch);
    const cleared = await eventually(async () => !(await errorShowing(page, 'email')), { timeout: 1_000 });
    assert.ok(cleared, 'error still showing after typing name@example.org (field still focused)');
    assert.equal(await activeId(page), 'f-email', 'focus left the email field');
    assert.notEqual(await email.getAttribute('aria-invalid'), 'true', 'aria-invalid still true after the fix');
    assert.equal(await email.inputValue(), 'name@example.org');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('Continue on empty About you: focused error summary, links to fields, "Error: " title', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    const titleBefore = await page.title();
    assert.doesNotMatch(titleBefore, /^Error: /);
    await continueButton(page).click();
    const summary = page.locator('.mf-error-summary');
    await summary.waitFor({ state: 'visible', timeout: 3_000 });
    assert.equal(pathOf(page), '/section/about-you', 'a failed Continue must stay on the section');
    assert.equal((await summary.locator('h2').first().textContent()).trim(), 'There is a problem');
    assert.equal(await summary.getAttribute('tabindex'), '-1');
    const focused = await eventually(() => page.evaluate(() => !!document.activeElement && document.activeElement.classList.contains('mf-error-summary')), { timeout: 2_000 });
    assert.ok(focused, `error summary not focused; activeElement: ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`);
    assert.match(await page.title(), /^Error: /, `document.title = "${await page.title()}"`);
    // Above the h1.
    const above = await page.evaluate(() => {
      const s = document.querySelector('.mf-error-summary');
      const h1 = document.querySelector('.mf-root h1');
      return !!(s.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(above, 'error summary must come before the h1');
    const hrefs = await summaryHrefs(page);
    for (const id of ABOUT_REQUIRED) assert.ok(hrefs.includes(`#f-${id}`), `summary lacks a link to #f-${id}; has ${hrefs.join(', ')}`);
    for (const id of ABOUT_OPTIONAL) assert.ok(!hrefs.includes(`#f-${id}`), `optional ${id} flagged as missing`);
    const text = (await summary.textContent()).replace(/\s+/g, ' ');
    assert.doesNotMatch(text, /\bplease\b|\bvalid\b|\binvalid\b/i, `messages should avoid please/valid/invalid: ${text}`);
    for (const id of ABOUT_REQUIRED) {
      assert.ok(await errorShowing(page, id), `no inline error #f-${id}-error`);
      assert.equal(await page.locator(`#f-${id}`).getAttribute('aria-invalid'), 'true', `${id} aria-invalid`);
      const d = (await page.locator(`#f-${id}`).getAttribute('aria-describedby') || '').split(/\s+/);
      assert.ok(d.includes(`f-${id}-error`), `${id} aria-describedby lacks f-${id}-error`);
    }
    // Each summary link moves focus to its field.
    for (const id of ['last_name', 'years_experience', 'first_name']) {
      await summary.locator(`a[href="#f-${id}"]`).click();
      const ok = await eventually(async () => (await activeId(page)) === `f-${id}`, { timeout: 2_000 });
      assert.ok(ok, `clicking the summary link for ${id} focused "${await activeId(page)}"`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('answers typed before a failed Continue are kept; fixing everything moves on', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    await typeInto(page, '#f-first_name', 'Ada');
    await typeInto(page, '#f-email', 'ada@example.org');
    await typeInto(page, '#f-years_experience', '12');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible', timeout: 3_000 });
    assert.equal(await page.locator('#f-first_name').inputValue(), 'Ada');
    assert.equal(await page.locator('#f-email').inputValue(), 'ada@example.org');
    assert.equal(await page.locator('#f-years_experience').inputValue(), '12');
    const hrefs = await summaryHrefs(page);
    for (const id of ['first_name', 'email', 'years_experience']) assert.ok(!hrefs.includes(`#f-${id}`), `answered ${id} listed as an error`);
    for (const id of ['last_name', 'institution', 'position']) assert.ok(hrefs.includes(`#f-${id}`), `missing ${id} not listed`);
    await fillSection(page, 'about-you', { ...VALID, first_name: null, email: null, years_experience: null });
    await clickContinue(page, stack.app, 'gender');
    assert.doesNotMatch(await page.title(), /^Error: /, 'title keeps "Error: " after the errors are fixed');
    assert.equal(await page.locator('.mf-error-summary').count(), 0);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('years of experience outside 0–60 is an error', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/about-you');
    assert.equal(await page.locator('#f-years_experience').getAttribute('inputmode'), 'numeric');
    await fillSection(page, 'about-you', { ...VALID, years_experience: '61' });
    // Straight from typing to clicking Continue, as a person would.
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible', timeout: 3_000 }).catch(async () => {
      throw new Error(`no error summary after clicking Continue with years_experience=61 (still on ${pathOf(page)}; `
        + `inline error shown: ${await errorShowing(page, 'years_experience')}). The click on Continue was lost.`);
    });
    assert.deepEqual(await summaryHrefs(page), ['#f-years_experience']);
    await typeInto(page, '#f-years_experience', '60');
    await clickContinue(page, stack.app, 'gender');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('conditional rule: region match "yes" needs city and state; "no" does not', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { ignoreConsole: [/Failed to load resource/] });
    t.after(close);
    await stack.receiver.reset();
    const answers = { ...VALID, city: null, state: null, region_match: 'yes' };
    await gotoRoute(page, stack.app, 'section/membership');
    for (const s of SECTIONS.slice(0, 4)) {
      await fillSection(page, s, answers);
      await clickContinue(page, stack.app, SECTIONS[SECTIONS.indexOf(s) + 1]);
    }
    await fillSection(page, 'region', answers);
    await continueButton(page).click();
    const summary = page.locator('.mf-error-summary');
    // The rule may be enforced on the region section or when sending; either way the
    // applicant must be told to fill in city and state and nothing may be sent.
    await eventually(async () => (await summary.isVisible().catch(() => false)) || pathOf(page) === '/section/competencies', { timeout: 3_000 });
    if (!(await summary.isVisible().catch(() => false))) {
      await waitForPath(page, stack.app, 'section/competencies');
      await fillSection(page, 'competencies', answers);
      await continueButton(page).click();
      await eventually(async () => (await summary.isVisible().catch(() => false)) || pathOf(page) === '/review', { timeout: 3_000 });
      if (!(await summary.isVisible().catch(() => false))) {
        await waitForPath(page, stack.app, 'review');
        await sendButton(page).click();
      }
    }
    await summary.waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
      throw new Error(`no error summary for region_match=yes with empty city/state (on ${pathOf(page)})`);
    });
    const text = (await summary.textContent()).replace(/\s+/g, ' ');
    assert.match(text, /city/i, `error summary does not name the city: ${text}`);
    assert.match(text, /state/i, `error summary does not name the state: ${text}`);
    // City and state live on About you, so the links may point there (/section/about-you#f-city).
    const hrefs = await summaryHrefs(page);
    assert.ok(hrefs.some((h) => h.endsWith('#f-city')) && hrefs.some((h) => h.endsWith('#f-state')), `summary links: ${hrefs.join(', ')}`);
    const whereErrors = pathOf(page);
    await shoot(page, 'error-region-city-state');
    await sleep(500);
    assert.equal((await stack.receiver.stats()).attempts, 0, 'something was sent although city/state are missing');
    // The city link takes the applicant to the field.
    await summary.locator('a', { hasText: /city/i }).first().click();
    await waitForPath(page, stack.app, 'section/about-you');
    const onCity = await eventually(async () => (await activeId(page)) === 'f-city', { timeout: 2_000 });
    assert.ok(onCity, `the city link (from ${whereErrors}) focused "${await activeId(page)}"`);

    // Now say "no": the requirement goes away.
    await gotoRoute(page, stack.app, 'section/region');
    assert.ok(await page.locator('#f-region_match-yes').isChecked(), 'region answer lost');
    await fillField(page, 'region_match', 'no');
    await clickContinue(page, stack.app, 'competencies');
    assert.equal(await page.locator('.mf-error-summary').count(), 0);
    if (whereErrors === '/section/region') {
      // The rule stopped the applicant on the region section: competencies not reached yet.
      await fillSection(page, 'competencies', answers);
    } else {
      for (const id of COMPETENCIES) {
        assert.notEqual(await page.locator(`#f-${id}`).getAttribute('aria-valuetext'), 'Not yet rated', `${id} rating lost`);
      }
    }
    await clickContinue(page, stack.app, 'review');
    await sendButton(page).click();
    await waitForPath(page, stack.app, 'confirmation', 15_000);
    const subs = await stack.receiver.submissions();
    assert.equal(subs.length, 1, `stored ${subs.length} submissions`);
    assert.equal(subs[0].envelope.answers.region_match, 'no');
    assert.ok(!subs[0].envelope.answers.city, 'city should be empty');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('review page: answers, "Not provided", ratings in words, Change link round trip', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await fillValidApplication(page, stack.app, {
      answers: { phone: null, gender: null, gender_match: null, ethnicity: null },
    });
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim(), REVIEW_TITLE);
    const dls = page.locator('dl.mf-summary');
    assert.equal(await dls.count(), 6, 'one dl.mf-summary per section');
    assert.ok(await page.locator('.mf-root h2').count() >= 6, 'an h2 per section');
    assert.match(await summaryRow(page, /first name/i).locator('dd.mf-summary__value').textContent(), /^\s*Ada\s*$/);
    assert.match(await summaryRow(page, /email/i).locator('dd.mf-summary__value').textContent(), /ada@example\.org/);
    assert.match(await summaryRow(page, /phone/i).locator('dd.mf-summary__value').textContent(), /^\s*Not provided\s*$/);
    assert.match(await summaryRow(page, /experience/i).locator('dd.mf-summary__value').textContent(), /\b12\b/);
    // Gender section: both answers skipped.
    const genderValues = await dls.nth(2).locator('dd.mf-summary__value').allTextContents();
    assert.ok(genderValues.length >= 2, 'gender section rows');
    for (const v of genderValues) assert.equal(v.trim(), 'Not provided', `gender section value "${v.trim()}"`);
    // Ethnicity: text skipped, preference given.
    const ethValues = (await dls.nth(3).locator('dd.mf-summary__value').allTextContents()).map((v) => v.trim());
    assert.ok(ethValues.includes('Not provided'), `ethnicity values: ${ethValues.join(' | ')}`);
    assert.ok(ethValues.some((v) => v !== 'Not provided'), 'ethnicity_match answer missing');
    // Ratings in words.
    const comp = (await dls.nth(5).locator('dd.mf-summary__value').allTextContents()).map((v) => v.replace(/\s+/g, ' ').trim());
    assert.equal(comp.length, 7, `competency rows: ${comp.join(' | ')}`);
    COMPETENCIES.forEach((id, i) => {
      const v = VALID[id];
      assert.ok(comp[i].includes(String(v)), `${id} (${v}) shown as "${comp[i]}"`);
      if (v === 1) assert.match(comp[i], /Uncomfortable/, `${id}=1 in words: "${comp[i]}"`);
      if (v === 4) assert.match(comp[i], /towards Comfortable/, `${id}=4 in words: "${comp[i]}"`);
      if (v === 5) assert.match(comp[i], /(^|[^n])Comfortable/, `${id}=5 in words: "${comp[i]}"`);
      assert.doesNotMatch(comp[i], /^\d+$/, `${id} shown as a bare number`);
    });
    // Change links name their question (visually hidden text).
    const row = summaryRow(page, /email/i);
    const question = (await row.locator('dt').textContent()).replace(/\(optional\)/i, '').replace(/\s+/g, ' ').trim();
    const change = row.locator('dd a', { hasText: 'Change' });
    assert.equal(await change.count(), 1, 'one Change link in the email row');
    const changeText = (await change.textContent()).replace(/\s+/g, ' ').trim();
    assert.ok(changeText.toLowerCase().includes(question.toLowerCase()), `Change link text "${changeText}" does not name "${question}"`);
    await shoot(page, 'review-optional-skipped');

    await change.click();
    await waitForPath(page, stack.app, 'section/about-you');
    const focused = await eventually(async () => (await activeId(page)) === 'f-email', { timeout: 2_000 });
    assert.ok(focused, `Change did not take focus to the email field (activeElement: ${await activeId(page)})`);
    await typeInto(page, '#f-email', 'ada.lovelace@example.org');
    await sectionSubmit(page).click();
    await waitForPath(page, stack.app, 'review');
    assert.match(await summaryRow(page, /email/i).locator('dd.mf-summary__value').textContent(), /ada\.lovelace@example\.org/);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('user text is rendered as text: <img onerror> first name shows literally', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    const evil = '<img src=x onerror=alert(1)>';
    await fillValidApplication(page, stack.app, { answers: { first_name: evil } });
    await sleep(500);
    const value = summaryRow(page, /first name/i).locator('dd.mf-summary__value');
    assert.equal((await value.textContent()).trim(), evil);
    assert.equal(await page.locator('dl.mf-summary img').count(), 0, 'an img element was created in the summary');
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'an img[src=x] exists on the page');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  for (const width of [1280, 375]) {
    test(`axe 0 violations with the error summary on screen; screenshots at ${width}px`, T, async (t) => {
      const { page, errors, close } = await newPage(browser, { width });
      t.after(close);
      await gotoRoute(page, stack.app, 'section/about-you');
      await typeInto(page, '#f-email', 'name@');
      await continueButton(page).click();
      await page.locator('.mf-error-summary').waitFor({ state: 'visible', timeout: 3_000 });
      const v = await axeCheck(page);
      await shoot(page, 'error-summary-about-you');
      assert.deepEqual(v, [], `axe violations (about-you with errors):\n  ${v.join('\n  ')}`);

      await gotoRoute(page, stack.app, 'section/competencies');
      await rateAll(page, 3);
      await page.locator(`#f-${COMPETENCIES[2]}`).focus();
      await continueButton(page).click();
      // All rated: goes on to review (earlier sections are empty, which the app may flag there or later).
      await eventually(async () => pathOf(page) === '/review' || (await page.locator('.mf-error-summary').isVisible().catch(() => false)), { timeout: 3_000 });
      const v2 = await axeCheck(page);
      await shoot(page, `after-competencies-continue`);
      assert.deepEqual(v2, [], `axe violations (${pathOf(page)}):\n  ${v2.join('\n  ')}`);

      const second = await newPage(browser, { width });
      t.after(second.close);
      await fillValidApplication(second.page, stack.app, { answers: { phone: null } });
      const v3 = await axeCheck(second.page);
      await shoot(second.page, 'review-filled');
      assert.deepEqual(v3, [], `axe violations (review):\n  ${v3.join('\n  ')}`);
      assert.deepEqual(errors, [], errorsMessage(errors));
      assert.deepEqual(second.errors, [], errorsMessage(second.errors));
    });
  }

  test('competencies: Continue with unrated sliders lists each unrated one', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await gotoRoute(page, stack.app, 'section/competencies');
    await fillField(page, 'comp_reference', 2);
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible', timeout: 3_000 });
    const hrefs = await summaryHrefs(page);
    for (const id of COMPETENCIES) {
      if (id === 'comp_reference') assert.ok(!hrefs.includes(`#f-${id}`), 'rated slider listed');
      else assert.ok(hrefs.includes(`#f-${id}`), `unrated ${id} not listed; links: ${hrefs.join(', ')}`);
    }
    await page.locator('.mf-error-summary a[href="#f-comp_admin"]').click();
    const ok = await eventually(async () => (await activeId(page)) === 'f-comp_admin', { timeout: 2_000 });
    assert.ok(ok, `summary link did not focus the slider (activeElement: ${await activeId(page)})`);
    assert.equal(await page.locator('#f-comp_admin').getAttribute('aria-valuetext'), 'Not yet rated');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
