// Helpers for the early-paint tests (docs/prerender.md): a copy of dist/ painted for a
// fixture cycle by the real build step, a page whose wasm waits until the test lets it
// go, and the painted and live roots (docs/dom-contract.md).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { newPage, launchBrowser } from './browser.mjs';
import { ROOT, DIST, startStack, strictCsp } from './app.mjs';
import { DEFAULT_CYCLE_PATH } from '../../../scripts/contract.mjs';

export const CYCLE_FILE = DEFAULT_CYCLE_PATH;

/**
 * dist/ with `cycle` in place of the shipped cycle file, painted by scripts/prerender.mjs
 * (every other file is a link to dist/'s). Remove it with fs.rmSync when done.
 */
export function prerenderedCopy(cycle) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-early-'));
  for (const name of fs.readdirSync(DIST)) {
    if (name === 'index.html' || name === 'cycles') continue;
    fs.symlinkSync(path.join(DIST, name), path.join(dir, name));
  }
  fs.copyFileSync(path.join(DIST, 'index.html'), path.join(dir, 'index.html'));
  fs.mkdirSync(path.join(dir, 'cycles'));
  fs.writeFileSync(path.join(dir, CYCLE_FILE), JSON.stringify(cycle, null, 2));
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/prerender.mjs'), dir], { encoding: 'utf8' });
  const pages = cycle.sections.length + 1;
  assert.match(out, new RegExp(`${pages} pages painted early`), `prerender.mjs did not paint every page:\n${out}`);
  return dir;
}

/**
 * What the early-paint suites run on: a painted copy of dist/ for `cycle`, served with
 * the strict CSP by the real stack, and a browser. `stop()` ends all three.
 */
export async function startPainted(cycle) {
  const dist = prerenderedCopy(cycle);
  const stack = await startStack({ dist, headers: { 'Content-Security-Policy': strictCsp(dist) } });
  const browser = await launchBrowser();
  return {
    dist, stack, browser,
    async stop() {
      await browser.close();
      await stack.stop();
      fs.rmSync(dist, { recursive: true, force: true });
    },
  };
}

/**
 * A gate for requests matching `pattern`: they wait until `release()`; `fail(how)`
 * answers the waiting and every later one with a fault instead ('abort', 404, or a
 * function given the route).
 */
export async function gate(page, pattern) {
  let open;
  const opened = new Promise((r) => { open = r; });
  let fault = null;
  const handler = async (route) => {
    const how = await opened;
    if (how === 'pass') return route.continue();
    if (how === 'abort') return route.abort('failed');
    if (typeof how === 'number') return route.fulfill({ status: how, contentType: 'text/plain', body: 'not found' });
    return how(route);
  };
  await page.route(pattern, handler);
  return {
    release: () => open('pass'),
    fail: (how) => { fault = how; open(how); },
    /** Lets later requests through untouched (a reload after the fault). */
    lift: async () => { await page.unroute(pattern, handler); open('pass'); return fault; },
  };
}

/** A fresh page whose wasm download waits at a gate. */
export async function heldPage(browser, options = {}) {
  const p = await newPage(browser, options);
  const wasm = await gate(p.page, '**/*_bg.wasm');
  return { ...p, wasm, release: wasm.release };
}

export const painted = (page) => page.locator('[data-mentor-form] > .mf-root[data-mf-prerendered]');
export const live = (page) => page.locator('[data-mentor-form][data-mf-live] > .mf-root:not([data-mf-prerendered])');

export async function takenOver(page) {
  await live(page).locator('h1').waitFor({ timeout: 20_000 });
  assert.equal(await painted(page).count(), 0, 'the painted page is still there after the take-over');
}

/** A localStorage item of the page, parsed (null when absent). */
export async function stored(page, key) {
  const text = await page.evaluate((k) => localStorage.getItem(k), key);
  return text === null ? null : JSON.parse(text);
}
