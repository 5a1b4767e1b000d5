#!/usr/bin/env node
// @ts-check
// Build step (scripts/build.sh, after Trunk): paint before the wasm arrives (issue 12,
// docs/prerender.md).
//
// Renders the start page and every section of the cycle file that dist/index.html
// loads, with the built app itself in headless Chromium (the same components, the same
// texts: no second copy of any markup), and stores each page in dist/index.html as an
// inert <template data-mf-route="…">. scripts/early-paint.js (placed by the Trunk
// step scripts/page-scripts.mjs) shows the current route's template at plain-HTML
// speed and the wasm takes the page over when it is ready. The cycle file's hash goes
// on the mount element, so early-paint.js can tell when the file changed since.
//
// Without Chromium or playwright-core the step says so and leaves dist/ as Trunk wrote
// it: the form then paints when the wasm has loaded, as before. Run again after
// editing a cycle file to paint early again.
//
//   node scripts/prerender.mjs [dist]
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultTreeAdapter } from 'parse5';
import * as C from './contract.mjs';
import { cycleHash } from './lib/hash.mjs';
import {
  readHtml, writeHtml, parseHtml, toHtml, find, findAll, getAttr, setAttr, removeAttr, createElement, append, remove,
  fragment, linksWithRel,
} from './lib/html.mjs';
import { localFile } from './lib/dist.mjs';
import { cspProblems, allowedStyleHashes } from './lib/csp.mjs';
import { startServer } from './lib/server.mjs';
import { textsList, readJson } from './lib/texts.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
/** @param {string} m */
const say = (m) => console.log(`prerender: ${m}`);

/**
 * index.html without an earlier run's templates, cycle hash and held-back wasm preload.
 * @param {import('./lib/html.mjs').Document} doc
 */
function stripTree(doc) {
  for (const t of findAll(doc, (e) => e.tagName === 'template' && getAttr(e, C.ATTR_ROUTE) !== null)) remove(t);
  for (const host of findAll(doc, (e) => getAttr(e, C.ATTR_HOST) !== null)) removeAttr(host, C.ATTR_CYCLE_HASH);
  for (const l of findAll(doc, (e) => getAttr(e, C.ATTR_PRELOAD_AFTER_PAINT) !== null)) {
    l.attrs = [{ name: 'rel', value: 'preload' }, ...l.attrs.filter((a) => a.name !== C.ATTR_PRELOAD_AFTER_PAINT && a.name !== 'rel')];
  }
}

/**
 * index.html as the Trunk steps wrote it: without an earlier run's painted pages.
 * @param {string} html
 */
export function strip(html) {
  const doc = parseHtml(html);
  stripTree(doc);
  return toHtml(doc);
}

/** @param {string} dist */
async function main(dist) {
  const indexFile = path.join(dist, 'index.html');
  const doc = readHtml(indexFile);
  stripTree(doc);
  writeHtml(indexFile, doc);

  const host = find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);
  const cycleRef = host && getAttr(host, C.ATTR_CYCLE);
  if (!host || !cycleRef) return say(`no [${C.ATTR_HOST}][${C.ATTR_CYCLE}] in index.html; nothing to do`);
  const cycleText = fs.readFileSync(localFile(dist, cycleRef), 'utf8');
  let cycle;
  try {
    cycle = JSON.parse(cycleText);
  } catch (e) {
    // The app shows a broken cycle file's problem to the visitor; never paint over it.
    return say(`${cycleRef} is not valid JSON (${e instanceof Error ? e.message : e}); no early paint`);
  }
  if (!fs.existsSync(CHROMIUM)) return say(`no Chromium at ${CHROMIUM} (scripts/setup.sh installs it); no early paint, the form paints when the wasm has loaded`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return say('playwright-core is not installed (npm ci); no early paint');
  }

  const sections = Array.isArray(cycle.sections) ? cycle.sections.filter((/** @type {any} */ s) => s && typeof s.id === 'string') : [];
  const routes = ['', ...sections.map((/** @type {{ id: string }} */ s) => `section/${s.id}`)];
  const server = await startServer({ root: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  /** @type {{ route: string, html: string, title: string }[]} */
  const pages = [];
  const names = {
    root: C.CLASS_ROOT, ready: C.READY_HEADING, loading: C.CLASS_LOADING, host: C.ATTR_HOST,
    prerendered: C.ATTR_PRERENDERED, valueTexts: C.ATTR_VALUE_TEXTS,
  };
  try {
    for (const route of routes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      /** @type {string[]} */
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(server.url + route);
      // The contract's readiness test (isPageReady), on the app's own root.
      await page.waitForFunction((n) => {
        const root = document.querySelector(`[${n.host}] > .${n.root}:not([${n.prerendered}])`);
        return !!root && !!root.querySelector(n.ready) && !root.querySelector(`.${n.loading}`);
      }, names, { timeout: 30_000 });
      const shot = await page.evaluate(async (n) => {
        const live = /** @type {Element} */ (document.querySelector(`[${n.host}] > .${n.root}:not([${n.prerendered}])`));
        const root = /** @type {Element} */ (live.cloneNode(true));
        // The controls' state as markup, so that the take-over can tell what the
        // applicant changed (value against defaultValue) from what was there: a
        // range input without a value attribute still has a value (its midpoint).
        /** @param {Element} r */
        const controls = (r) => /** @type {NodeListOf<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>} */ (r.querySelectorAll('input, textarea, select'));
        const originals = controls(live);
        const copies = controls(root);
        copies.forEach((el, i) => {
          const from = originals[i];
          if (el instanceof HTMLInputElement && from instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.toggleAttribute('checked', from.checked);
          else if (el instanceof HTMLSelectElement && from instanceof HTMLSelectElement) [...el.options].forEach((o, j) => o.toggleAttribute('selected', from.options[j].selected));
          else if (el instanceof HTMLTextAreaElement) el.textContent = from.value;
          else if (from.value !== '') el.setAttribute('value', from.value);
        });
        // A slider's words for each value, as the app says them: the painted page
        // shows a saved rating, or one moved before the take-over, in the same words.
        for (const [i, from] of [...originals].entries()) {
          if (!(from instanceof HTMLInputElement) || from.type !== 'range') continue;
          const words = [];
          for (let v = Number(from.min); v <= Number(from.max); v += 1) {
            from.value = String(v);
            from.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((r) => setTimeout(r, 0));
            words.push(from.getAttribute('aria-valuetext') || '');
          }
          copies[i].setAttribute(n.valueTexts, JSON.stringify(words));
        }
        root.setAttribute(n.prerendered, '');
        // Nothing in the painted page may act before the take-over (early-paint.js
        // blocks the click); say so to assistive technology and to test runners alike.
        for (const el of root.querySelectorAll('a[href], button')) el.setAttribute('aria-disabled', 'true');
        // A strict CSP (style-src without 'unsafe-inline') refuses style attributes.
        for (const el of root.querySelectorAll('[style]')) el.removeAttribute('style');
        // Leptos's comment markers mean nothing in a page that is never hydrated: they
        // go. Adjacent texts get one empty comment between them: the parser would merge
        // them into one text node, which is shaped (so antialiased) a little
        // differently from the live page's separate nodes.
        const comments = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
        const markers = [];
        while (comments.nextNode()) markers.push(comments.currentNode);
        for (const c of markers) c.parentNode?.removeChild(c);
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const joins = [];
        while (texts.nextNode()) if (texts.currentNode.nextSibling?.nodeType === Node.TEXT_NODE) joins.push(texts.currentNode);
        for (const t of joins) /** @type {Text} */ (t).after(document.createComment(''));
        return { html: root.outerHTML, title: document.title };
      }, names);
      await context.close();
      if (problems.length) throw new Error(`the app failed while rendering /${route}: ${problems.join('; ')}`);
      pages.push({ route, ...shot });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  // The templates go last in the mount element (the page's "Loading…" root stays
  // first, for routes without a painted page).
  for (const p of pages) {
    const template = createElement('template', { [C.ATTR_ROUTE]: p.route, [C.ATTR_TITLE]: p.title });
    defaultTreeAdapter.setTemplateContent(/** @type {import('./lib/html.mjs').Template} */ (template), fragment(p.html));
    append(host, template);
  }
  setAttr(host, C.ATTR_CYCLE_HASH, cycleHash(cycleText));
  // The painted cycle's id (its draft's key) and its words for the start-failure
  // notice, as page-scripts.mjs wrote them for the cycle of the build.
  if (typeof cycle.id === 'string') setAttr(host, C.ATTR_CYCLE_ID, cycle.id);
  const schemaFile = path.join(dist, 'cycle.schema.json');
  if (fs.existsSync(schemaFile)) setAttr(host, C.ATTR_TEXTS, textsList(cycle, readJson(schemaFile), C.START_FAILED_TEXT_KEYS));
  // The painted page needs index.html, early-paint.js and the cycle file; the wasm
  // (the largest file by far) must not take the bandwidth they need on a slow
  // connection: its <link> is no preload until early-paint.js has painted (a link
  // without rel fetches nothing), and its compile waits for the paint anyway.
  for (const l of linksWithRel(doc, 'preload')) {
    if (!/_bg\.wasm$/.test(getAttr(l, 'href') || '')) continue;
    removeAttr(l, 'rel');
    setAttr(l, C.ATTR_PRELOAD_AFTER_PAINT, '');
  }
  const problems = cspProblems(doc, { styleHashes: allowedStyleHashes(dist) });
  if (problems.length) throw new Error(`the painted pages hold content a strict CSP blocks:\n  ${problems.join('\n  ')}`);
  writeHtml(indexFile, doc);
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
  say(`${pages.length} pages painted early (${routes.map((r) => `/${r}`).join(', ')}); index.html ${kb(fs.statSync(indexFile).size)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(path.resolve(process.argv[2] || path.join(ROOT, 'dist'))).catch((e) => {
    console.error(`prerender: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
