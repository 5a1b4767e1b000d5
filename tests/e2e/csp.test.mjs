// The built app under a strict Content-Security-Policy (no 'unsafe-inline'):
// dist/index.html has no inline script/style left (scripts/csp-loader.mjs, a Trunk
// post_build hook), subresources carry integrity, the app loads, validates and sends,
// and no CSP violation is reported. frame-ancestors limits who may frame it.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { launchBrowser, newPage, errorsMessage } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import {
  DIST, startStack, gotoRoute, appReady, waitForPath, continueButton, sendButton,
  fillValidApplication, eventually, pathOf, strictCsp, styleSrc,
} from './support/app.mjs';

const T = { timeout: 180_000 };
// The policy a deployment sends: style-src with the build's hash of index.html's inline
// stylesheet (dist/deploy/style-src.txt), nothing 'unsafe-inline'.
const policy = (ancestors) => strictCsp(DIST, { frameAncestors: ancestors });

/** Collects securitypolicyviolation events (in every frame) before any page script. */
const CSP_RECORDER = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    const entry = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
    window.__csp.push(entry);
    try { if (window.top !== window) window.top.__cspFrames?.push(entry); } catch { /* cross-origin */ }
  });
};

let browser;
let stack;
let host;

function watchConsole(page) {
  const csp = [];
  page.on('console', (msg) => { if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text()); });
  return csp;
}

describe('strict CSP', () => {
  before(async () => {
    host = await startServer({
      root: DIST,
      routes: {
        '/framer.html': (req, res) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html lang="en"><head><title>framer</title><link rel="icon" href="data:,"></head><body><iframe title="form" src="${stack.app.url}" style="width:100%;height:600px"></iframe></body></html>`);
        },
      },
    });
    stack = await startStack({ headers: { 'Content-Security-Policy': policy("'self'") } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await host?.close();
  });

  test('dist/index.html: no inline script; one inline stylesheet, allowed by the hash the build wrote; hashed subresources carry integrity', T, () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, a, body]) => !/\bsrc=/.test(a) && body.trim());
    assert.deepEqual(inline.map((m) => m[0].slice(0, 200)), [], 'inline <script> left in dist/index.html');
    const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)];
    assert.equal(styles.length, 1, 'one inline stylesheet');
    const hash = `'sha256-${crypto.createHash('sha256').update(styles[0][2], 'utf8').digest('base64')}'`;
    assert.equal(styleSrc(DIST), `'self' ${hash}`, 'dist/deploy/style-src.txt does not allow the inline stylesheet');
    assert.match(styles[0][1], /data-mf-critical="\.\/app-[0-9a-f]{16}\.css"/);
    assert.doesNotMatch(html, /\sstyle\s*=/i, 'style="" attribute in dist/index.html');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'inline event handler in dist/index.html');
    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    assert.ok(scripts.some((s) => /type="module"/.test(s) && /\bsrc=/.test(s)), `no external module loader: ${scripts.join(' ')}`);
    const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/gi)].map((m) => m[0])
      .filter((t) => /<script/.test(t) || /rel="(stylesheet|modulepreload)"/.test(t) || /\.wasm"/.test(t));
    // The page script, the wasm-bindgen JS and the wasm (its preload held back until the paint).
    assert.ok(tags.length >= 3, `expected script + js + wasm tags, got ${tags.length}: ${tags.join(' ')}`);
    for (const tag of tags) {
      const m = /integrity="(sha(?:256|384|512))-([^"]+)"/.exec(tag);
      assert.ok(m, `no integrity on ${tag}`);
      const href = /(?:href|src)="([^"]+)"/.exec(tag)[1];
      const file = path.join(DIST, href.replace(/^\.?\//, ''));
      const digest = crypto.createHash(m[1]).update(fs.readFileSync(file)).digest('base64');
      assert.equal(m[2], digest, `integrity of ${href} does not match the file`);
    }
  });

  test('the app loads, validates and sends under the policy with no violation', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: CSP_RECORDER });
    t.after(close);
    const consoleCsp = watchConsole(page);
    const res = await page.goto(stack.app.url);
    assert.match(res.headers()['content-security-policy'] || '', /script-src 'self' 'wasm-unsafe-eval'/);
    await appReady(page);
    // Validation.
    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, stack.app, 'section/membership');
    await continueButton(page).click();
    await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
    // A whole submission through the same-origin /api proxy.
    await stack.receiver.reset();
    await fillValidApplication(page, stack.app, { fromStart: false });
    await sendButton(page).click();
    await waitForPath(page, stack.app, 'confirmation', 20_000);
    assert.ok((await page.locator('.mf-reference').textContent()).trim().length > 0);
    assert.equal((await stack.receiver.submissions()).length, 1, 'submission did not reach the receiver');
    // Deep link + reload also fine.
    await gotoRoute(page, stack.app, 'section/competencies');
    assert.ok(pathOf(page).endsWith('/section/competencies'));
    const violations = await page.evaluate(() => window.__csp);
    assert.deepEqual(violations, [], `securitypolicyviolation events:\n  ${violations.join('\n  ')}`);
    assert.deepEqual(consoleCsp, [], `CSP console messages:\n  ${consoleCsp.join('\n  ')}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a policy without the stylesheet\'s hash (a stale header): the page is still styled, from the stylesheet file', T, async (t) => {
    const stale = await startStack({ headers: { 'Content-Security-Policy': policy("'self'").replace(styleSrc(DIST), "'self'") } });
    const { page, errors, close } = await newPage(browser, { ignoreConsole: [/Content Security Policy|inline style/i] });
    t.after(async () => { await close(); await stale.stop(); });
    await page.goto(stale.app.url);
    await appReady(page);
    // The painted and live pages use the same rules: the header's band has its colour.
    const header = await page.locator('.mf-header').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(header, 'rgba(0, 0, 0, 0)', 'the page is unstyled under a policy without the hash');
    assert.equal(await page.locator('link[rel=stylesheet][href*="app-"]').count(), 1, 'the stylesheet file was not loaded instead');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test("frame-ancestors: a host that is not allowed cannot frame the form", T, async (t) => {
    const { page, close } = await newPage(browser);
    t.after(close);
    const consoleCsp = watchConsole(page);
    await page.goto(`${host.origin}/framer.html`);
    const frameLoaded = await eventually(async () => {
      const f = page.frames().find((fr) => fr !== page.mainFrame());
      if (!f) return null;
      return f.locator('.mf-root h1').count().catch(() => 0);
    }, { timeout: 4_000 });
    assert.ok(!frameLoaded, 'the form rendered inside a frame on an origin frame-ancestors does not list');
    assert.ok(consoleCsp.some((m) => /frame-ancestors/.test(m)), `no frame-ancestors report: ${consoleCsp.join(' | ')}`);
  });
});

describe('strict CSP with frame-ancestors listing the host', () => {
  let framed;
  let framer;
  before(async () => {
    framer = await startServer({
      root: DIST,
      routes: {
        '/framer.html': (req, res) => {
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.end(`<!doctype html><html lang="en"><head><title>framer</title><link rel="icon" href="data:,"></head><body><script src="${framed.app.origin}/embed.js" data-src="${framed.app.url}" data-title="Mentor application"></script></body></html>`);
        },
      },
    });
    framed = await startStack({ headers: { 'Content-Security-Policy': policy(`'self' ${framer.origin}`) } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await framed?.stop();
    await framer?.close();
  });

  test('an allowed host frames the form (embed.js) with no violation inside the frame', T, async (t) => {
    const { page, errors, close } = await newPage(browser, { initScript: CSP_RECORDER });
    t.after(close);
    const consoleCsp = watchConsole(page);
    await page.goto(`${framer.origin}/framer.html`);
    const handle = await page.waitForSelector('iframe[title="Mentor application"]');
    const frame = await eventually(async () => {
      const f = await handle.contentFrame();
      return f && f.url().startsWith(framed.app.origin) ? f : null;
    }, { timeout: 10_000 });
    assert.ok(frame, 'iframe did not load');
    await appReady(frame);
    assert.equal(await frame.locator('.mf-header').count(), 0);
    const violations = await frame.evaluate(() => window.__csp);
    assert.deepEqual(violations, [], `violations inside the frame:\n  ${violations.join('\n  ')}`);
    assert.deepEqual(consoleCsp, [], consoleCsp.join('\n'));
    // The cycle's allowed_origins does not list this port: the browser refuses the
    // app's postMessage to it (a console error), which is expected here.
    const real = errors.filter((e) => !/Failed to execute 'postMessage' on 'DOMWindow'/.test(e));
    assert.deepEqual(real, [], errorsMessage(real));
  });
});
