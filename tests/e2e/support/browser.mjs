// Browser helpers for the end-to-end tests: one Chromium per test file, a fresh
// context per test (so localStorage starts empty), error recording, axe scans and
// screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const OUTPUT_DIR = path.resolve(HERE, '..', 'output');
export const SCREENSHOT_DIR = path.join(OUTPUT_DIR, 'screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh context + page. Every console error, uncaught page error and dialog is
 * pushed onto `errors` (tests assert it stays empty). Dialogs are dismissed so the
 * page never hangs, but they still count as failures.
 *
 * options:
 *   width (1280), height (900)
 *   ignoreConsole: RegExp[] — console error texts to leave out (only used by tests
 *     that provoke failing HTTP responses on purpose: Chromium logs every 4xx/5xx
 *     fetch as "Failed to load resource", which is not an app error)
 *   initScript: string | function run before any page script (addInitScript)
 */
export async function newPage(browser, { width = 1280, height = 900, ignoreConsole = [], initScript } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (ignoreConsole.some((re) => re.test(text))) return;
    const loc = msg.location();
    errors.push(`console.error: ${text}${loc && loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('dialog', async (dialog) => {
    errors.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    try { await dialog.dismiss(); } catch { /* already handled */ }
  });
  return { context, page, errors, close: () => context.close() };
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Run axe-core; returns an array of readable strings, one per violation. */
export async function axeCheck(page, { include, exclude } = {}) {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  if (exclude) builder = builder.exclude(exclude);
  const results = await builder.analyze();
  return results.violations.map(formatViolation);
}

export function formatViolation(v) {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''}`)
    .join('; ');
  const more = v.nodes.length > 5 ? ` (+${v.nodes.length - 5} more)` : '';
  return `${v.id} (${v.impact}): ${v.help} -> ${nodes}${more}`;
}

export const PHONE_WIDTH = 375;

/**
 * Full-page PNGs to tests/e2e/output/screenshots/<name>-<width>.png (returns the
 * first path): the current state at the page's width and, when that is
 * wider, at 375 px too (the viewport is narrowed, then put back), so every state a
 * test reaches is looked at on a phone as well as on a desktop.
 */
export async function shoot(page, name) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const width = size?.width ?? 0;
  const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (size && width > PHONE_WIDTH) {
    const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.setViewportSize({ width: PHONE_WIDTH, height: size.height });
    await settle();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${PHONE_WIDTH}.png`), fullPage: true });
    await page.setViewportSize(size);
    await settle();
  }
  return file;
}

/** Message helper for assertions on the error list. */
export function errorsMessage(errors, where = '') {
  return `unexpected browser errors${where ? ` on ${where}` : ''}:\n  ${errors.join('\n  ')}`;
}

/**
 * The page as a browser that could not load the form's stylesheet sees it: every
 * *.css request fails, and index.html's inline copy of the stylesheet
 * (<style data-mf-critical>, scripts/merge-css.mjs) is taken out as soon as the
 * document is parsed. Call before the first navigation.
 */
export async function withoutStylesheets(context) {
  await context.route('**/*.css', (route) => route.abort());
  await context.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      for (const style of document.querySelectorAll('style[data-mf-critical]')) style.remove();
    });
  });
}
