// Embedding: iframe mode through public/embed.js (two loopback origins, auto-height,
// events, origin restrictions, hostile messages) and mount mode inside a CMS-like
// host page with a hostile stylesheet (examples/host-mount.html), theming, axe, and
// the router under a base path.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import {
  DIST, startStack, startApp, appReady, waitForPath, pathOf, clickContinue, continueButton, sendButton,
  fillValidApplication, fillSection, readCycle, eventually, sleep, VALID,
} from './support/app.mjs';
import { EXAMPLES_DIR, hostMountHtml, hostIframeHtml } from '../../examples/serve.mjs';

const T = { timeout: 180_000 };
const IFRAME = 'iframe[title="Mentor application"]';
const THEME_BUTTON = 'rgb(29, 78, 216)'; // --mf-button in examples/host-mount.html

let browser;
let stack; // origin B: dist/ + receiver; its cycle allows origin A only
let hostA; // listed origin
let hostC; // unlisted origin

/** Records, in the top window only, every mentor-form message and host CustomEvent. */
const RECORDER = () => {
  if (window.top !== window) return;
  window.__msgs = [];
  window.__events = [];
  window.addEventListener('message', (e) => {
    const d = typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? null);
    if (d && d.includes('mentor-form') && !d.includes('mentor-form-host')) window.__msgs.push({ origin: e.origin, data: d });
  });
  for (const type of ['ready', 'section-changed', 'submitted']) {
    document.addEventListener(`mentor-form:${type}`, (e) => {
      window.__events.push({ type, detail: e.detail, onIframe: e.target instanceof HTMLIFrameElement });
    });
  }
};

function html(res, body) {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.end(body);
}

async function startHost() {
  const routes = {
    '/examples/host-iframe.html': (req, res) => html(res, hostIframeHtml(stack.app.origin)),
  };
  for (const [name, type] of [['host-iframe.css', 'text/css'], ['host-iframe-events.js', 'text/javascript']]) {
    routes[`/examples/${name}`] = (req, res) => {
      res.setHeader('Content-Type', `${type}; charset=utf-8`);
      res.end(fs.readFileSync(path.join(EXAMPLES_DIR, name)));
    };
  }
  return startServer({ root: EXAMPLES_DIR, routes });
}

/**
 * A page-like view of an iframe for the support/app.mjs helpers: locators, url and
 * waitForFunction come from the frame, the keyboard from the page.
 */
function framePage(page, frame) {
  return new Proxy(frame, {
    get(target, key) {
      if (key === 'keyboard' || key === 'mouse') return page[key];
      const v = target[key];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

async function openHost(page, host) {
  await page.goto(`${host.origin}/examples/host-iframe.html`);
  const handle = await page.waitForSelector(IFRAME, { timeout: 10_000 });
  const frame = await eventually(async () => {
    const f = await handle.contentFrame();
    return f && f.url().startsWith(stack.app.origin) ? f : null;
  }, { timeout: 10_000 });
  assert.ok(frame, 'iframe did not load the form');
  await appReady(frame);
  return { frame, fp: framePage(page, frame), iframe: page.locator(IFRAME) };
}

const iframeHeight = (page) => page.locator(IFRAME).evaluate((f) => f.getBoundingClientRect().height);
const docHeight = (frame) => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));

/** Waits until the iframe's height has not changed for 600 ms; returns it. */
async function settledHeight(page, timeout = 8_000) {
  const end = Date.now() + timeout;
  let last = await iframeHeight(page);
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(100);
    const h = await iframeHeight(page);
    if (h !== last) { last = h; since = Date.now(); } else if (Date.now() - since >= 600) return h;
  }
  return last;
}

/** The iframe is exactly as tall as the document inside it (no inner scrolling). */
async function assertFits(page, frame, where) {
  const h = await eventually(async () => {
    const [outer, inner] = [await iframeHeight(page), await docHeight(frame)];
    return Math.abs(outer - inner) <= 1 ? outer : null;
  }, { timeout: 5_000 });
  const m = await frame.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    clientHeight: document.documentElement.clientHeight,
  }));
  assert.ok(h, `${where}: iframe height ${await iframeHeight(page)} does not follow document height ${await docHeight(frame)}`);
  assert.ok(m.scrollHeight <= m.clientHeight + 1, `${where}: inner scrollbar (scrollHeight ${m.scrollHeight} > clientHeight ${m.clientHeight})`);
}

describe('embed: iframe mode (embed.js)', () => {
  before(async () => {
    hostA = await startHost();
    hostC = await startHost();
    const cycle = readCycle();
    cycle.embed = { ...(cycle.embed || {}), allowed_origins: [hostA.origin] };
    const cycleJson = JSON.stringify(cycle);
    stack = await startStack({
      routes: {
        '/cycles/fall-2020-mentor.json': (req, res) => {
          res.setHeader('Content-Type', 'application/json; charset=utf-8');
          res.setHeader('Cache-Control', 'no-cache');
          res.end(cycleJson);
        },
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await hostA?.close();
    await hostC?.close();
  });

  test('embed.js is small, dependency-free and served from dist', T, async () => {
    const size = fs.statSync(path.join(DIST, 'embed.js')).size;
    assert.ok(size < 3 * 1024, `dist/embed.js is ${size} bytes (budget 3 KB)`);
    const src = fs.readFileSync(path.join(DIST, 'embed.js'), 'utf8');
    assert.doesNotMatch(src, /\bimport\s|require\(/, 'embed.js must not load anything');
  });

  test('iframe attributes; framed app drops the page header but keeps its h1; ready + section-changed events', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: RECORDER });
    t.after(close);
    const { frame, fp } = await openHost(page, hostA);
    const attrs = await page.locator(IFRAME).evaluate((f) => ({
      scrolling: f.getAttribute('scrolling'), loading: f.getAttribute('loading'), allow: f.getAttribute('allow'),
      width: f.getBoundingClientRect().width, parentWidth: (() => { const p = f.parentElement; const cs = getComputedStyle(p); return p.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); })(),
      border: getComputedStyle(f).borderTopWidth, prev: f.previousElementSibling && f.previousElementSibling.tagName,
    }));
    assert.equal(attrs.scrolling, 'no');
    assert.equal(attrs.loading, 'eager');
    assert.equal(attrs.allow, null, 'no extra permissions');
    assert.equal(attrs.border, '0px');
    assert.equal(attrs.prev, 'SCRIPT', 'iframe goes right after the script tag');
    assert.ok(Math.abs(attrs.width - attrs.parentWidth) <= 1, `width 100%: ${attrs.width} vs ${attrs.parentWidth}`);
    assert.equal(await frame.locator('.mf-header').count(), 0, '.mf-header inside the frame');
    assert.equal((await frame.locator('.mf-root h1').first().textContent()).trim(), 'Fall 2020 Mentor Application');
    await eventually(() => page.evaluate(() => window.__events.some((e) => e.type === 'ready')));
    await frame.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    const ev = await eventually(() => page.evaluate(() => window.__events.find((e) => e.type === 'section-changed' && e.detail.path.endsWith('/section/membership'))));
    assert.ok(ev, `no mentor-form:section-changed for membership: ${JSON.stringify(await page.evaluate(() => window.__events))}`);
    assert.ok(ev.onIframe, 'event not dispatched on the iframe element');
    const msgs = await page.evaluate(() => window.__msgs);
    for (const m of msgs) {
      assert.equal(m.origin, stack.app.origin);
      const data = JSON.parse(m.data);
      assert.equal(data.source, 'mentor-form');
      assert.equal(data.version, 1);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('iframe height follows the content: error summary grows it, fixing shrinks it back', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: RECORDER });
    t.after(close);
    const { frame, fp } = await openHost(page, hostA);
    await frame.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    const h0 = await settledHeight(page);
    await assertFits(page, frame, 'membership (empty)');
    await continueButton(frame).click();
    await frame.locator('.mf-error-summary').waitFor({ state: 'visible' });
    const grown = await eventually(async () => ((await iframeHeight(page)) > h0 + 20 ? iframeHeight(page) : null));
    assert.ok(grown, `height did not grow with the error summary (${h0} -> ${await iframeHeight(page)})`);
    await assertFits(page, frame, 'membership with errors');
    // Fix: tick the box and continue; the error summary goes and the frame shrinks
    // to the (shorter) next state. Then Back to membership: the original height.
    await frame.locator('#f-membership_confirmed').check();
    await clickContinue(fp, stack.app, 'about-you');
    await frame.locator('a.mf-back').click();
    await waitForPath(fp, stack.app, 'section/membership');
    const back = await eventually(async () => {
      const h = await settledHeight(page, 4_000);
      return Math.abs(h - h0) <= 2 ? h : null;
    }, { timeout: 8_000 });
    assert.ok(back, `height did not shrink back: start ${h0}, with errors ${grown}, after fixing ${await iframeHeight(page)}`);
    await assertFits(page, frame, 'membership fixed');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  for (const width of [375, 1280]) {
    test(`no inner scrollbar at ${width} px (start, section with errors, competencies)`, T, async (t) => {
      const { page, errors, close } = await newPage(browser, { width, height: 800, initScript: RECORDER });
      t.after(close);
      const { frame, fp } = await openHost(page, hostA);
      await settledHeight(page);
      await assertFits(page, frame, `start ${width}`);
      await shoot(page, 'embed-iframe-start');
      await frame.goto(`${stack.app.url}section/about-you`);
      await appReady(frame);
      await continueButton(frame).click();
      await frame.locator('.mf-error-summary').waitFor({ state: 'visible' });
      await settledHeight(page);
      await assertFits(page, frame, `about-you errors ${width}`);
      await shoot(page, 'embed-iframe-errors');
      await frame.goto(`${stack.app.url}section/competencies`);
      await appReady(frame);
      await settledHeight(page);
      await assertFits(page, frame, `competencies ${width}`);
      assert.ok(pathOf(fp).endsWith('/section/competencies'));
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }

  test('focus message: the host scrolls to the error summary when it is out of view', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { width: 1280, height: 600, initScript: RECORDER });
    t.after(close);
    const { frame } = await openHost(page, hostA);
    await frame.goto(`${stack.app.url}section/about-you`);
    await appReady(frame);
    await settledHeight(page);
    await continueButton(frame).scrollIntoViewIfNeeded();
    await continueButton(frame).click();
    await frame.locator('.mf-error-summary').waitFor({ state: 'visible' });
    const visible = await eventually(async () => {
      const box = await frame.locator('.mf-error-summary').boundingBox(); // page coordinates
      return box && box.y >= -1 && box.y < 600 ? box : null;
    });
    assert.ok(visible, `error summary not scrolled into view (scrollY ${await page.evaluate(() => scrollY)})`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a full valid submission fires mentor-form:submitted with the reference (and no answers in any message)', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: RECORDER });
    t.after(close);
    await stack.receiver.reset();
    const { frame, fp } = await openHost(page, hostA);
    await frame.locator('a.mf-button', { hasText: /Start now|Continue your application/ }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    const answers = await fillValidApplication(fp, stack.app, { fromStart: false });
    await sendButton(frame).click();
    await waitForPath(fp, stack.app, 'confirmation', 20_000);
    const ref = (await frame.locator('.mf-reference').textContent()).trim();
    const ev = await eventually(() => page.evaluate(() => window.__events.find((e) => e.type === 'submitted')), { timeout: 5_000 });
    assert.ok(ev, 'no mentor-form:submitted event on the host');
    assert.ok(ev.detail.reference && ref.includes(ev.detail.reference), `event reference "${ev.detail.reference}" vs page "${ref}"`);
    assert.equal((await stack.receiver.submissions()).length, 1);
    const all = JSON.stringify(await page.evaluate(() => [window.__msgs, window.__events]));
    for (const v of [answers.first_name, answers.last_name, answers.email, answers.institution]) {
      assert.ok(!all.includes(v), `an answer (${v}) reached the host page`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('an unlisted origin gets no messages at all, even when it says hello', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: RECORDER });
    t.after(close);
    const { frame, fp } = await openHost(page, hostC);
    await page.locator(IFRAME).evaluate((f) => f.contentWindow.postMessage(JSON.stringify({ source: 'mentor-form-host', type: 'hello' }), '*'));
    await frame.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    await continueButton(frame).click();
    await frame.locator('.mf-error-summary').waitFor({ state: 'visible' });
    await sleep(1_500);
    assert.deepEqual(await page.evaluate(() => window.__msgs), [], 'messages reached an unlisted origin');
    assert.deepEqual(await page.evaluate(() => window.__events), []);
    // (Chromium logs a console error for a postMessage whose target origin does not
    // match; that is the browser refusing delivery, which is what we want.)
    const real = errors.filter((e) => !/Failed to execute 'postMessage' on 'DOMWindow'/.test(e));
    assert.deepEqual(real, [], errorsMessage(real));
  });

  test('hostile or malformed messages to the frame, and forged ones to the host, are ignored', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: RECORDER });
    t.after(close);
    const { frame, fp } = await openHost(page, hostA);
    await settledHeight(page);
    const before = await iframeHeight(page);
    await page.locator(IFRAME).evaluate((f) => {
      const w = f.contentWindow;
      for (const m of ['garbage', '{"source":"mentor-form-host","type":"hello"', 'x'.repeat(200_000), null, 42,
        { source: 'mentor-form-host', type: 'hello' }, ['hello'], '{"source":"mentor-form-host","type":"submit","answers":{}}',
        '{"source":"mentor-form-host","type":"navigate","path":"/review"}']) {
        w.postMessage(m, '*');
      }
      // Forged "from the form" messages: not from the iframe's window, so embed.js drops them.
      window.postMessage(JSON.stringify({ source: 'mentor-form', version: 1, type: 'resize', height: 7 }), '*');
      window.postMessage(JSON.stringify({ source: 'mentor-form', version: 1, type: 'submitted', reference: 'FAKE' }), '*');
    });
    await sleep(1_000);
    assert.equal(await iframeHeight(page), before, 'a forged resize changed the iframe height');
    assert.ok(!(await page.evaluate(() => window.__events.some((e) => e.type === 'submitted'))), 'forged submitted event re-dispatched');
    assert.ok(pathOf(fp).endsWith('/'), `frame navigated to ${pathOf(fp)}`);
    // Still works.
    await frame.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(fp, stack.app, 'section/membership');
    await continueButton(frame).click();
    await frame.locator('.mf-error-summary').waitFor({ state: 'visible' });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});

describe('embed: mount mode in a hostile host page', () => {
  let app;
  let baseApp;
  let baseDir;
  before(async () => {
    app = await startStack({
      routes: {
        '/examples/host-mount.html': (req, res) => html(res, hostMountHtml(DIST, '/')),
      },
    });
    // dist/ under /mentoring/apply/ with index.html's <base href> rewritten.
    baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-base-'));
    for (const name of fs.readdirSync(DIST)) {
      if (name === 'index.html') continue;
      fs.symlinkSync(path.join(DIST, name), path.join(baseDir, name));
    }
    const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    assert.match(index, /<base href="\/"/, 'dist/index.html has no <base href="/">');
    fs.writeFileSync(path.join(baseDir, 'index.html'), index.replace(/<base href="\/"/, '<base href="/mentoring/apply/"'));
    baseApp = await startApp({ dist: baseDir, base: '/mentoring/apply/', receiverUrl: () => app.receiver.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await baseApp?.close();
    await app?.stop();
    if (baseDir) fs.rmSync(baseDir, { recursive: true, force: true });
  });

  async function openMount(page) {
    await page.goto(`${app.app.origin}/examples/host-mount.html`);
    await appReady(page);
  }

  for (const width of [375, 1280]) {
    test(`screenshots at ${width} px; the host's styles do not leak into the form`, T, async (t) => {
      const { page, errors, close } = await newPage(browser, { width });
      t.after(close);
      await openMount(page);
      assert.equal(await page.locator('.mf-root .mf-header').count(), 1, 'mount mode keeps the app header');
      await shoot(page, 'embed-mount-start');
      await page.locator('.mf-root a.mf-button', { hasText: 'Start now' }).click();
      await page.locator('.mf-root .mf-caption').waitFor();
      await continueButton(page).click();
      await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
      await shoot(page, 'embed-mount-membership-errors');
      const base = new URL(page.url()).pathname.replace(/\/section\/membership$/, '');
      await page.locator('#f-membership_confirmed').check();
      await continueButton(page).click();
      await page.waitForFunction((b) => location.pathname === `${b}/section/about-you`, base);
      await appReady(page);
      await continueButton(page).click();
      await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
      await shoot(page, 'embed-mount-about-you-errors');
      const s = await page.evaluate(() => {
        const cs = (sel) => { const el = document.querySelector(sel); return el ? getComputedStyle(el) : null; };
        const h1 = cs('.mf-root h1');
        const input = cs('#f-first_name');
        const label = cs('label[for="f-first_name"]');
        const link = cs('.mf-error-summary a');
        const select = cs('#f-state');
        const root = cs('.mf-root');
        const field = cs('.mf-root .mf-field');
        return {
          h1: { size: h1.fontSize, transform: h1.textTransform, font: h1.fontFamily },
          input: { border: input.borderTopWidth, boxSizing: input.boxSizing, display: input.display, font: input.fontFamily, size: input.fontSize, margin: input.marginTop },
          label: { font: label.fontFamily, style: label.fontStyle, margin: label.marginTop },
          link: { color: link.color },
          select: { appearance: select.appearance, border: select.borderTopWidth },
          root: { size: root.fontSize, font: root.fontFamily, margin: root.marginTop },
          fieldMarginTop: field.marginTop,
        };
      });
      const leaks = [];
      const want = (ok, what) => { if (!ok) leaks.push(what); };
      want(s.root.size === '16px', `.mf-root font-size ${s.root.size} (host html is 22px)`);
      want(/Trebuchet/.test(s.root.font), `.mf-root font-family ${s.root.font} (theme --mf-font)`);
      want(s.root.margin === '0px', `.mf-root margin ${s.root.margin}`);
      want(s.h1.size !== '60px' && s.h1.transform === 'none', `h1 ${s.h1.size} ${s.h1.transform}`);
      want(!/Georgia/.test(s.h1.font), `h1 font ${s.h1.font}`);
      want(s.input.border === '2px' && s.input.display === 'block' && s.input.boxSizing === 'border-box', `input ${JSON.stringify(s.input)}`);
      want(!/Georgia/.test(s.input.font), `input font ${s.input.font}`);
      want(!/Georgia/.test(s.label.font) && s.label.style === 'normal' && s.label.margin === '0px', `label ${JSON.stringify(s.label)}`);
      want(s.link.color !== 'rgb(255, 105, 180)', 'error summary link is hotpink');
      want(s.select.appearance !== 'none' || s.select.border !== '0px', `select ${JSON.stringify(s.select)}`);
      want(s.fieldMarginTop === '0px', `.mf-field margin-top ${s.fieldMarginTop} (host * { margin: 10px })`);
      assert.deepEqual(leaks, [], `host styles leak into the form at ${width} px:\n  ${leaks.join('\n  ')}`);
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }

  test('controls keep their native look under `input, button, select { all: unset }`', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { width: 1280 });
    t.after(close);
    await openMount(page);
    await page.locator('.mf-root a.mf-button', { hasText: 'Start now' }).click();
    await page.locator('#f-membership_confirmed').waitFor();
    const checkbox = await page.locator('#f-membership_confirmed').evaluate((el) => {
      const cs = getComputedStyle(el); const r = el.getBoundingClientRect();
      return { appearance: cs.appearance, w: r.width, h: r.height, cursor: cs.cursor };
    });
    await shoot(page, 'embed-mount-membership');
    const leaks = [];
    if (checkbox.appearance === 'none') leaks.push(`checkbox appearance none (invisible box): ${JSON.stringify(checkbox)}`);
    if (checkbox.w < 24 || checkbox.h < 24) leaks.push(`checkbox too small: ${JSON.stringify(checkbox)}`);
    await page.locator('#f-membership_confirmed').check();
    await continueButton(page).click();
    await page.locator('#f-first_name').waitFor();
    // Range inputs on the competencies page.
    const url = new URL(page.url());
    await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, url.pathname.replace(/about-you$/, 'competencies'));
    await page.locator('#f-comp_client_group').waitFor();
    await shoot(page, 'embed-mount-competencies');
    // The slider is drawn by the form's own CSS (appearance none plus styled
    // ::-webkit-slider-runnable-track / thumb), so "appearance: none" is
    // expected; what a host reset would break is the rest of that rule set.
    const range = await page.locator('#f-comp_client_group').evaluate((el) => {
      const cs = getComputedStyle(el);
      return { appearance: cs.appearance, h: el.getBoundingClientRect().height, w: el.getBoundingClientRect().width, cursor: cs.cursor, display: cs.display };
    });
    if (range.h < 40 || range.w < 200 || range.cursor !== 'pointer' || range.display !== 'block') {
      leaks.push(`slider lost the form's own styling (track/thumb not drawn): ${JSON.stringify(range)}`);
    }
    const radioPath = url.pathname.replace(/about-you$/, 'region');
    await page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, radioPath);
    await page.locator('#f-region_match-yes').waitFor();
    const radio = await page.locator('#f-region_match-yes').evaluate((el) => getComputedStyle(el).appearance);
    if (radio === 'none') leaks.push('radio appearance none (invisible)');
    assert.deepEqual(leaks, [], `host resets break the form's controls:\n  ${leaks.join('\n  ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('theme variables set on .mf-root by the host change the rendered colours and font', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openMount(page);
    const c = await page.evaluate(() => {
      const b = getComputedStyle(document.querySelector('.mf-root a.mf-button'));
      const root = getComputedStyle(document.querySelector('.mf-root'));
      return { button: b.backgroundColor, brand: root.getPropertyValue('--mf-brand').trim(), font: root.fontFamily };
    });
    assert.equal(c.button, THEME_BUTTON, '.mf-button background-color');
    assert.equal(c.brand, '#5b2a86');
    assert.match(c.font, /Trebuchet/);
    // Without the override (stand-alone page) the default green applies.
    await page.goto(app.app.url);
    await appReady(page);
    const dflt = await page.evaluate(() => getComputedStyle(document.querySelector('.mf-root a.mf-button')).backgroundColor);
    assert.equal(dflt, 'rgb(0, 112, 60)', 'default --mf-button');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('axe: no violations on the host page with the mounted form (start, section with errors)', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openMount(page);
    let v = await axeCheck(page);
    assert.deepEqual(v, [], `axe violations (host page, start):\n  ${v.join('\n  ')}`);
    await page.locator('.mf-root a.mf-button', { hasText: 'Start now' }).click();
    await page.locator('#f-membership_confirmed').waitFor();
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    v = await axeCheck(page);
    assert.deepEqual(v, [], `axe violations (host page, error summary):\n  ${v.join('\n  ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('router under a base path: /mentoring/apply/section/about-you deep link, Continue -> .../gender', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await page.goto(`${baseApp.origin}/mentoring/apply/section/about-you`);
    await appReady(page);
    assert.equal((await page.locator('.mf-root h1').first().textContent()).trim().length > 0, true);
    assert.equal(await page.locator('#f-first_name').count(), 1, 'about-you section not shown');
    // Links are built under the base path.
    const back = await page.locator('a.mf-back').getAttribute('href');
    assert.ok(back.startsWith('/mentoring/apply/'), `Back link ${back}`);
    await fillSection(page, 'about-you', VALID);
    await continueButton(page).click();
    await page.waitForFunction(() => location.pathname === '/mentoring/apply/section/gender', null, { timeout: 10_000 })
      .catch(() => { throw new Error(`expected /mentoring/apply/section/gender, on ${pathOf(page)}`); });
    await appReady(page);
    const assets = baseApp.requests.map((r) => r.path).filter((p) => /\.(js|wasm|css|json)$/.test(p));
    assert.ok(assets.length > 0 && assets.every((p) => p.startsWith('/mentoring/apply/')), `assets outside the base: ${assets.filter((p) => !p.startsWith('/mentoring/apply/')).join(', ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
