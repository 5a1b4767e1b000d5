// Windows high-contrast mode (`forced-colors: active`): every custom-drawn part
// must still be there, in system colours. Screenshots of the competencies
// (untouched, rated, with errors), About you with errors, review and
// confirmation at 1280 and 375 px, and pixel checks read from the screenshots:
// the slider track and the current progress step stand out from the
// background, a rating shows a thumb that "not yet rated" does not, and the
// progress steps differ in shape (to do is an outline, done and current are
// filled), not only in colour.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, shoot, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, continueButton, sendButton, rate, ratingOf, fillValidApplication,
  openStackAndBrowser, closeStackAndBrowser,
} from './support/app.mjs';
import { fixtureCycle, serveCycle } from './support/a11y.mjs';
import { decodePng, contrast, dominantColour, inkFraction, hex } from './support/pixels.mjs';

const T = { timeout: 120_000 };
const CYCLE = fixtureCycle();
// WCAG 1.4.11: parts needed to understand the content need 3:1 against what
// is next to them.
const VISIBLE = 3;
let env;

async function open(t, { width = 1280, forced = true, scheme = 'light' } = {}) {
  const p = await newPage(env.browser, { width });
  t.after(p.close);
  // Chromium's forced palette follows the colour scheme: black on white for
  // light, white on black (cyan highlight) for dark.
  await p.page.emulateMedia({ forcedColors: forced ? 'active' : 'none', colorScheme: scheme });
  await serveCycle(p.page, CYCLE);
  return p;
}

/** A screenshot of the element's box (grown by `pad` px on each side), decoded. */
async function pixelsOf(page, locator, pad = 0) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  assert.ok(box, 'element has no box');
  const clip = { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad };
  const img = decodePng(await page.screenshot({ clip }));
  return { img, box, clip, scale: img.width / clip.width };
}

/**
 * The slider's track: rows in the middle of the input where at least 90 % of
 * the pixels (ends left out) contrast 3:1 with the background. Returns the
 * row count and the background.
 */
async function trackRows(page, id) {
  const { img } = await pixelsOf(page, page.locator(`#f-${id}`));
  const bg = dominantColour(img);
  const x0 = Math.round(img.width * 0.1); const x1 = Math.round(img.width * 0.9);
  let rows = 0;
  for (let y = 0; y < img.height; y++) {
    if (inkFraction(img, bg, VISIBLE, { x0, x1, y0: y, y1: y + 1 }) >= 0.9) rows++;
  }
  return { rows, bg, img };
}

/** Pixels above and below the track that contrast with the background: a thumb. */
function thumbInk(img, bg) {
  const rowsWithTrack = [];
  for (let y = 0; y < img.height; y++) if (inkFraction(img, bg, VISIBLE, { x0: Math.round(img.width * 0.1), x1: Math.round(img.width * 0.9), y0: y, y1: y + 1 }) >= 0.9) rowsWithTrack.push(y);
  const top = Math.min(...rowsWithTrack); const bottom = Math.max(...rowsWithTrack);
  return inkFraction(img, bg, VISIBLE, { y0: 0, y1: top - 1 }) + inkFraction(img, bg, VISIBLE, { y0: bottom + 2, y1: img.height });
}

/** How much of each progress step's box is ink against the page background. */
async function stepInk(page) {
  const nav = page.locator('nav.mf-steps');
  const { img, clip, scale } = await pixelsOf(page, nav, 8);
  const bg = dominantColour(img);
  const items = await nav.locator('li').evaluateAll((lis) => lis.map((li) => {
    const r = li.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, cls: li.className };
  }));
  return {
    bg,
    steps: items.map((it) => {
      const rect = {
        x0: Math.round((it.x - clip.x + 3) * scale), x1: Math.round((it.x - clip.x + it.w - 3) * scale),
        y0: Math.round((it.y - clip.y + 3) * scale), y1: Math.round((it.y - clip.y + it.h - 3) * scale),
      };
      const edge = { ...rect, x0: Math.round((it.x - clip.x) * scale), x1: Math.round((it.x - clip.x + it.w) * scale), y0: Math.round((it.y - clip.y) * scale), y1: Math.round((it.y - clip.y + it.h) * scale) };
      return {
        state: /--current/.test(it.cls) ? 'current' : /--done/.test(it.cls) ? 'done' : 'to do',
        inside: inkFraction(img, bg, VISIBLE, rect),
        whole: inkFraction(img, bg, VISIBLE, edge),
      };
    }),
  };
}

describe('forced colours', () => {
  before(async () => { env = await openStackAndBrowser(); });
  after(() => closeStackAndBrowser(env));

  for (const scheme of ['light', 'dark']) {
  const shot = (name) => (scheme === 'light' ? `forced-${name}` : `forced-dark-${name}`);
  test(`competencies (${scheme} theme): track, thumb and chosen value, untouched, rated and with errors`, T, async (t) => {
    const { page, errors } = await open(t, { scheme });
    await gotoRoute(page, env.stack.app, 'section/competencies');
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true, 'forced colours are not emulated');
    await shoot(page, shot('competencies-untouched'));

    const untouched = await trackRows(page, 'comp_client_group');
    t.diagnostic(`untouched slider: ${untouched.rows} track rows against ${hex(untouched.bg)}`);
    assert.ok(untouched.rows >= 4, `the slider track is not visible in forced colours: ${untouched.rows} rows contrast ${VISIBLE}:1 with ${hex(untouched.bg)} (want 4 or more)`);
    const noThumb = thumbInk(untouched.img, untouched.bg);
    assert.ok(noThumb < 0.01, `an untouched slider shows something like a thumb (ink ${noThumb.toFixed(3)} off the track); "not yet rated" must not look chosen`);

    await rate(page, 'comp_client_group', 4);
    await page.locator('#f-comp_reference').focus();
    await page.keyboard.press('Home');
    await ratingOf(page, 'comp_reference').locator('.mf-rating__mark--on').waitFor();
    // Off the slider, so the focus ring is not what is measured.
    await page.locator('h1').click();
    const rated = await trackRows(page, 'comp_client_group');
    const thumb = thumbInk(rated.img, rated.bg);
    t.diagnostic(`rated slider: ${rated.rows} track rows, thumb ink ${thumb.toFixed(3)}`);
    assert.ok(rated.rows >= 4, `the rated slider's track is not visible (${rated.rows} rows)`);
    assert.ok(thumb > 0.02, `a rated slider shows no thumb in forced colours (ink ${thumb.toFixed(3)} off the track)`);

    // The chosen mark is filled, the others are not.
    const marks = ratingOf(page, 'comp_client_group').locator('.mf-rating__mark');
    const fill = [];
    for (let v = 1; v <= 5; v++) {
      const { img } = await pixelsOf(page, marks.nth(v - 1));
      const centre = img.pixel(Math.round(img.width / 2), Math.round(img.height / 4));
      fill.push(contrast(centre, untouched.bg));
    }
    t.diagnostic(`mark fill contrast with the background: ${fill.map((c) => c.toFixed(1)).join(', ')}`);
    assert.ok(fill[3] >= VISIBLE, `the chosen mark (4) is not filled in forced colours (contrast ${fill[3].toFixed(2)})`);
    for (const v of [0, 1, 2, 4]) assert.ok(fill[v] < 1.5, `mark ${v + 1} looks chosen (contrast ${fill[v].toFixed(2)}) but 4 is the rating`);
    await shoot(page, shot('competencies-rated'));

    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await shoot(page, shot('competencies-errors'));
    // An error bar beside each unrated question, in a colour that shows.
    const bar = await pixelsOf(page, ratingOf(page, 'comp_programming'));
    const barBg = dominantColour(bar.img);
    const leftEdge = inkFraction(bar.img, barBg, VISIBLE, { x0: 0, x1: Math.max(2, Math.round(3 * bar.scale)) });
    assert.ok(leftEdge > 0.9, `no visible error bar on an unrated question (left edge ink ${leftEdge.toFixed(2)})`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
  }

  // In both modes: the step states must not differ by colour alone.
  for (const [forced, scheme] of [[true, 'light'], [true, 'dark'], [false, 'light']]) {
  test(`progress steps (${forced ? `forced colours, ${scheme} theme` : 'normal colours'}): current and done are visible, and differ from to do by shape`, T, async (t) => {
    const { page, errors } = await open(t, { forced, scheme });
    await gotoRoute(page, env.stack.app, 'section/ethnicity');
    const { bg, steps } = await stepInk(page);
    t.diagnostic(`steps against ${hex(bg)}: ${steps.map((s) => `${s.state} ${s.inside.toFixed(2)}/${s.whole.toFixed(2)}`).join(', ')}`);
    const current = steps.find((s) => s.state === 'current');
    assert.ok(current, 'no current step');
    assert.ok(current.inside >= 0.8, `the current step is not visible in forced colours (ink ${current.inside.toFixed(2)} of its box)`);
    for (const s of steps.filter((x) => x.state === 'done')) assert.ok(s.inside >= 0.8, `a done step is not filled (ink ${s.inside.toFixed(2)})`);
    for (const s of steps.filter((x) => x.state === 'to do')) {
      assert.ok(s.whole >= 0.15, `a step to do is invisible (ink ${s.whole.toFixed(2)} of its box)`);
      assert.ok(s.inside <= 0.2, `a step to do is filled like a done one (ink ${s.inside.toFixed(2)} inside its outline)`);
    }
    // The current step is told from a done one by its size (taller, ringed).
    const heights = await page.locator('nav.mf-steps li').evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().height));
    assert.ok(heights[3] > heights[0] * 1.3, `the current step (${heights[3]} px) is not taller than a done one (${heights[0]} px)`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
  }

  test('preview: the banner and the previewed form keep their edges', T, async (t) => {
    const { page, errors } = await open(t);
    await gotoRoute(page, env.stack.app, 'preview');
    await page.locator('[role=region][aria-label="Form preview"] h1', { hasText: CYCLE.title }).waitFor();
    await shoot(page, 'forced-preview');
    for (const sel of ['.mf-preview__editor .mf-preview-banner', '.mf-preview__form']) {
      const { img, scale } = await pixelsOf(page, page.locator(sel).first(), 2);
      const bg = dominantColour(img);
      // Rows of the left edge (the border, solid or double) with ink in them.
      let rows = 0; let all = 0;
      for (let y = Math.round(10 * scale); y < img.height - Math.round(10 * scale); y++) {
        all++;
        if (inkFraction(img, bg, VISIBLE, { x0: Math.round(2 * scale), x1: Math.round(8 * scale), y0: y, y1: y + 1 }) > 0) rows++;
      }
      // Dashed (the previewed form) draws about two rows in three.
      assert.ok(all > 0 && rows / all > 0.5, `${sel} has no visible left edge in forced colours (${rows} of ${all} rows)`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  for (const scheme of ['light', 'dark']) {
  test(`keyboard focus shows on a link, a button, a text box and a slider (${scheme} theme)`, T, async (t) => {
    const { page, errors } = await open(t, { scheme });
    await gotoRoute(page, env.stack.app, 'section/competencies');
    await page.keyboard.press('Tab'); // keyboard modality, so focus() matches :focus-visible
    const changed = [];
    for (const [what, sel] of [['link', 'a.mf-back'], ['button', 'button[type=submit]'], ['slider', '#f-comp_client_group']]) {
      const el = page.locator(sel).first();
      await page.evaluate(() => document.activeElement?.blur());
      const before = await pixelsOf(page, el, 8);
      await el.focus();
      assert.equal(await el.evaluate((e) => e.matches(':focus-visible')), true, `${what} focus is not :focus-visible`);
      const after = await pixelsOf(page, el, 8);
      let n = 0;
      for (let y = 0; y < Math.min(before.img.height, after.img.height); y++) {
        for (let x = 0; x < Math.min(before.img.width, after.img.width); x++) {
          if (contrast(before.img.pixel(x, y), after.img.pixel(x, y)) >= VISIBLE) n++;
        }
      }
      changed.push(`${what} ${n}`);
      // A 3 px ring around even a small control changes hundreds of pixels.
      assert.ok(n >= 200, `focusing the ${what} changes only ${n} pixels by ${VISIBLE}:1 in forced colours: the focus is not visible`);
    }
    await gotoRoute(page, env.stack.app, 'section/about-you');
    await page.keyboard.press('Tab');
    const box = page.locator('#f-first_name');
    const before = await pixelsOf(page, box, 8);
    await box.focus();
    const after = await pixelsOf(page, box, 8);
    let n = 0;
    for (let y = 0; y < before.img.height; y++) for (let x = 0; x < before.img.width; x++) if (contrast(before.img.pixel(x, y), after.img.pixel(x, y)) >= VISIBLE) n++;
    changed.push(`text box ${n}`);
    assert.ok(n >= 200, `focusing a text box changes only ${n} pixels in forced colours`);
    t.diagnostic(`pixels changed by focus: ${changed.join(', ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
  }

  test('About you with errors, review and confirmation', T, async (t) => {
    const { page, errors } = await open(t);
    const app = env.stack.app;
    await gotoRoute(page, app, 'section/about-you');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await shoot(page, 'forced-about-you-errors');
    // The invalid inputs' borders still show (and are thicker than a valid one's).
    const widths = await page.evaluate(() => ['#f-first_name', '#f-phone'].map((s) => getComputedStyle(document.querySelector(s)).borderTopWidth));
    assert.notEqual(widths[0], widths[1], `an input with an error has the same border as one without (${widths.join(' / ')})`);

    await fillValidApplication(page, app);
    await shoot(page, 'forced-review');
    // While sending, the disabled button is in GrayText, the system colour
    // for what cannot be used now (opacity alone is lost in forced colours).
    await env.stack.receiver.setFaults({ delay_ms: 3_000 });
    t.after(() => env.stack.receiver.setFaults({ delay_ms: 0 }));
    await sendButton(page).click();
    const busy = page.locator('button[type=submit][disabled]');
    await busy.waitFor();
    const colours = await busy.evaluate((b) => {
      const probe = document.createElement('span');
      probe.style.color = 'GrayText';
      document.body.append(probe);
      const grey = getComputedStyle(probe).color;
      probe.remove();
      return { button: getComputedStyle(b).color, grey };
    });
    assert.equal(colours.button, colours.grey, `the disabled "Sending…" button is ${colours.button}, not GrayText (${colours.grey})`);
    await shoot(page, 'forced-sending');
    await waitForPath(page, app, 'confirmation', 15_000);
    await shoot(page, 'forced-confirmation');
    // The confirmation panel keeps its edge: a border forced colours paint.
    const panel = await pixelsOf(page, page.locator('.mf-panel'), 4);
    const panelBg = dominantColour(panel.img);
    const edge = inkFraction(panel.img, panelBg, VISIBLE, { x0: Math.round(4 * panel.scale), x1: Math.round(7 * panel.scale), y0: Math.round(20 * panel.scale), y1: panel.img.height - Math.round(20 * panel.scale) });
    assert.ok(edge > 0.9, `the confirmation panel has no visible edge in forced colours (ink ${edge.toFixed(2)})`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
