// The applicant's own text size and text spacing.
// - The browser's default text size (set here through CDP Page.setFontSizes,
//   which is the setting itself) sizes the form, stand-alone and mounted in a
//   host page whose root is an odd 10 px.
// - 200 % root font size (document.documentElement.style.fontSize): the text
//   doubles and nothing scrolls sideways at 320 px.
// - WCAG 1.4.12 text spacing (line height 1.5, paragraphs 2, letters 0.12,
//   words 0.16): no label, hint, message or button clips its text, and no two
//   pieces of text overlap.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, appReady, waitForPath, continueButton, sendButton, clickContinue, fillSection, rate, fillValidApplication,
  openStackAndBrowser, closeStackAndBrowser, DIST, VALID,
} from './support/app.mjs';
import { fixtureCycle, serveCycle } from './support/a11y.mjs';
import { hostMountHtml } from '../../examples/serve.mjs';

const T = { timeout: 120_000 };
const CYCLE = fixtureCycle();
const ODD_ROOT = '10px';
let env;

const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

async function open(t, { width = 1280, height = 900 } = {}) {
  const p = await newPage(env.browser, { width, height });
  t.after(p.close);
  await serveCycle(p.page, CYCLE);
  return p;
}

/** The browser's own default text size, as the applicant sets it in the settings. */
async function setBrowserTextSize(page, px) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } });
}

const fontSizes = (page) => page.evaluate(() => {
  // The form may sit in an open shadow root (mount.js): look there too.
  const roots = [document, ...[...document.querySelectorAll('[data-mentor-form]')].map((h) => h.shadowRoot).filter(Boolean)];
  const find = (sel) => roots.map((r) => r.querySelector(sel)).find(Boolean) || document.querySelector(sel);
  const px = (sel) => { const el = sel === 'html' ? document.documentElement : find(sel); return el ? parseFloat(getComputedStyle(el).fontSize) : null; };
  return { html: px('html'), root: px('.mf-root'), h1: px('.mf-root h1'), label: px('.mf-label'), body: px('.mf-root .mf-body'), button: px('.mf-button') };
});

/** Elements wider than the viewport, or the page itself scrolling sideways. */
const sidewaysScroll = (page) => page.evaluate(() => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > vw) out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport`);
  for (const el of document.querySelectorAll('.mf-root *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 0.5 && getComputedStyle(el).position !== 'absolute') {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent || '').trim().slice(0, 40)}" reaches ${Math.round(r.right)} px`);
    }
  }
  return out.slice(0, 10);
});

/**
 * Text that does not fit its box (scrollHeight over clientHeight, or
 * scrollWidth over clientWidth), and pieces of text that overlap each other,
 * among the elements that carry the form's words.
 */
const clippedOrOverlapping = (page) => page.evaluate(() => {
  const SELECTOR = '.mf-label, .mf-legend, .mf-hint, .mf-error-message, .mf-button, .mf-rating__mark, .mf-rating__value, '
    + '.mf-rating__ends span, .mf-caption, .mf-heading, .mf-body, .mf-inset, .mf-error-summary a, .mf-summary__key, '
    + '.mf-summary__value, .mf-summary__actions a, .mf-back, .mf-radio__label, .mf-checkbox__label, .mf-links a, .mf-panel__title, .mf-panel__body';
  const problems = [];
  const els = [...document.querySelectorAll(SELECTOR)].filter((el) => el.getClientRects().length && !el.closest('[aria-hidden="true"].mf-hp'));
  const name = (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 50)}"`;
  for (const el of els) {
    if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).display !== 'inline') problems.push(`clipped vertically (${el.scrollHeight} > ${el.clientHeight}): ${name(el)}`);
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') problems.push(`clipped sideways (${el.scrollWidth} > ${el.clientWidth}): ${name(el)}`);
  }
  // Text boxes, per text node, so a label and the hint under it are compared
  // by where their words are drawn.
  const boxes = [];
  const walker = document.createTreeWalker(document.querySelector('.mf-root'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const owner = n.parentElement;
    if (owner.closest('.mf-visually-hidden, .mf-steps__title, .mf-hp, option, select, noscript')) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ r, owner, text: n.textContent.trim().slice(0, 30) });
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]; const b = boxes[j];
      if (a.owner === b.owner) continue;
      const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (dx > 2 && dy > 2) problems.push(`"${a.text}" overlaps "${b.text}" by ${Math.round(dx)}×${Math.round(dy)} px`);
    }
  }
  return problems.slice(0, 15);
});

describe('text size and spacing', () => {
  before(async () => {
    env = await openStackAndBrowser({
      routes: {
        // The example host page with an odd root size instead of its 22 px.
        '/host/odd-root.html': (req, res) => {
          const html = hostMountHtml(DIST, '/').replace('html { font-size: 22px; }', `html { font-size: ${ODD_ROOT}; }`);
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(html);
        },
        // The two-line mount (mount.js, a shadow root) in a page with the same odd root.
        '/host/odd-root-shadow.html': (req, res) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
            <style>html { font-size: ${ODD_ROOT}; } body { font: 1.4rem Georgia, serif; }</style>
            <script src="/mount.js" async></script></head>
            <body><h1>Host page</h1><div data-mentor-form data-cycle="/cycles/fall-2020-mentor.json"></div></body></html>`);
        },
      },
    });
  });
  after(() => closeStackAndBrowser(env));

  test("the browser's text size setting sizes the form; a host page's 10 px root does not", T, async (t) => {
    const { page, errors } = await open(t);
    await gotoRoute(page, env.stack.app, 'section/about-you');
    const normal = await fontSizes(page);
    assert.equal(normal.root, 16, `stand-alone .mf-root is ${normal.root} px at the browser's default 16 px`);

    await setBrowserTextSize(page, 24);
    await page.reload();
    await appReady(page);
    const big = await fontSizes(page);
    t.diagnostic(`stand-alone at 16 / 24 px: ${JSON.stringify(normal)} / ${JSON.stringify(big)}`);
    assert.equal(big.root, 24, `stand-alone .mf-root is ${big.root} px with the browser text size at 24 px`);
    for (const k of ['h1', 'label', 'body', 'button']) assert.equal(big[k], normal[k] * 1.5, `${k} is ${big[k]} px at 24 px text, ${normal[k]} px at 16 px (want ×1.5)`);

    // Mount mode in a host page whose root is 10 px: the stylesheets in the
    // host's DOM, and mount.js's shadow root.
    for (const host of ['odd-root', 'odd-root-shadow']) {
      await setBrowserTextSize(page, 24);
      await page.goto(`${env.stack.app.origin}/host/${host}.html`);
      await appReady(page);
      const mounted = await fontSizes(page);
      t.diagnostic(`${host}, host root ${ODD_ROOT}, browser text 24 px: ${JSON.stringify(mounted)}`);
      assert.equal(mounted.html, 10, `${host}: the host page root should be 10 px`);
      assert.equal(mounted.root, 24, `${host}: mounted .mf-root is ${mounted.root} px: it should follow the browser's 24 px, not the host's 10 px root`);
      await setBrowserTextSize(page, 16);
      await page.reload();
      await appReady(page);
      assert.equal((await fontSizes(page)).root, 16, `${host}: mounted .mf-root should be 16 px at the default browser text size`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('200 % root font size: text twice as big, nothing scrolls sideways at 320 px', T, async (t) => {
    const { page, errors } = await open(t, { width: 320, height: 640 });
    const app = env.stack.app;
    const double = () => page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const check = async (where) => {
      const before = await page.evaluate(() => document.documentElement.style.fontSize);
      await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
      const normal = await fontSizes(page);
      await page.evaluate((v) => { document.documentElement.style.fontSize = v; }, before || '200%');
      const big = await fontSizes(page);
      for (const k of ['root', 'h1', 'label', 'body', 'button']) {
        if (normal[k] !== null) assert.equal(big[k], normal[k] * 2, `${where}: ${k} is ${big[k]} px at 200 %, ${normal[k]} px at 100 %`);
      }
      assert.deepEqual(await sidewaysScroll(page), [], `${where} at 200 % and 320 px scrolls sideways`);
      // shoot() adds a 375 px copy only for wider pages; this one is 320 px.
      await shoot(page, `text-200-${where}`);
    };

    await gotoRoute(page, app, '');
    await double();
    await check('start');
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, app, 'section/membership');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await check('membership-errors');
    await fillSection(page, 'membership', VALID);
    await clickContinue(page, app, 'about-you');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await check('about-you-errors');

    await gotoRoute(page, app, 'section/region');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await check('region-errors');

    await gotoRoute(page, app, 'section/competencies');
    await rate(page, 'comp_client_group', 3);
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await check('competencies-errors');

    await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
    await fillValidApplication(page, app);
    await double();
    await check('review');
    await sendButton(page).click();
    await waitForPath(page, app, 'confirmation', 15_000);
    await check('confirmation');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  for (const width of [375, 1280]) {
    test(`text spacing override at ${width} px: no clipped or overlapping text`, T, async (t) => {
      const { page, errors } = await open(t, { width });
      const app = env.stack.app;
      await page.context().addInitScript((css) => {
        document.addEventListener('DOMContentLoaded', () => {
          const s = document.createElement('style');
          s.textContent = css;
          document.head.append(s);
        });
      }, TEXT_SPACING);
      const check = async (where) => {
        const spacing = await page.evaluate(() => getComputedStyle(document.querySelector('.mf-root h1')).letterSpacing);
        assert.notEqual(spacing, 'normal', `${where}: the text-spacing style did not apply`);
        assert.deepEqual(await clippedOrOverlapping(page), [], `${where} at ${width} px with WCAG 1.4.12 text spacing`);
        assert.deepEqual(await sidewaysScroll(page), [], `${where} at ${width} px with text spacing scrolls sideways`);
      };
      await gotoRoute(page, app, '');
      // The detector itself: a hint squeezed into one line's height and a
      // label drawn over it must both be reported.
      const planted = await page.evaluate(() => {
        const main = document.querySelector('.mf-main');
        const hint = document.createElement('div');
        hint.className = 'mf-hint';
        hint.style.cssText = 'height: 1em; overflow: hidden; width: 10em';
        hint.textContent = 'A planted hint, long enough to wrap onto a second and a third line';
        const label = document.createElement('div');
        label.className = 'mf-label';
        label.style.cssText = 'position: relative; top: -1.2em';
        label.textContent = 'A planted label over it';
        main.prepend(hint, label);
        return true;
      });
      assert.ok(planted);
      const found = await clippedOrOverlapping(page);
      assert.ok(found.some((p) => /clipped vertically.*planted hint/.test(p)), `the clipping check missed a planted clipped hint: ${JSON.stringify(found)}`);
      assert.ok(found.some((p) => /overlaps/.test(p) && /planted/.test(p)), `the overlap check missed a planted overlap: ${JSON.stringify(found)}`);
      await page.evaluate(() => document.querySelectorAll('.mf-main > .mf-hint, .mf-main > .mf-label').forEach((el) => el.remove()));
      await check('start');
      for (const section of ['membership', 'about-you', 'gender', 'region', 'competencies']) {
        await gotoRoute(page, app, `section/${section}`);
        if (section === 'competencies') await rate(page, 'comp_client_group', 2);
        await continueButton(page).click();
        if (section !== 'gender') await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
        else await waitForPath(page, app, 'section/ethnicity');
        await check(`${section}-errors`);
      }
      await shoot(page, 'text-spacing-competencies-errors');
      await fillValidApplication(page, app);
      await check('review');
      await shoot(page, 'text-spacing-review');
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }
});
