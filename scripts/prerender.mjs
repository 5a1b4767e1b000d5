#!/usr/bin/env node
// Build step (scripts/build.sh, after Trunk): paint before the wasm arrives (issue 12,
// docs/prerender.md).
//
// Renders the start page and every section of the cycle file that dist/index.html
// loads, with the built app itself in headless Chromium (the same components, the same
// texts: no second copy of any markup), and stores each page in dist/index.html as an
// inert <template data-mf-route="…">. scripts/early-paint.js shows the current route's
// template at plain-HTML speed when the cycle file is still the one rendered here
// (its hash is data-mf-cycle-hash), and the wasm takes the page over when it is ready.
//
// Without Chromium or playwright-core the step says so and leaves dist/ as Trunk wrote
// it: the form then paints when the wasm has loaded, as before. Run again after
// editing a cycle file to paint early again (until then the page does not paint
// early: the hash no longer matches).
//
//   node scripts/prerender.mjs [dist]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { cycleHash } from './early-paint.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(ROOT, 'dist'));
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const indexFile = path.join(dist, 'index.html');
const say = (m) => console.log(`prerender: ${m}`);

const sri = (buf) => `sha384-${crypto.createHash('sha384').update(buf).digest('base64')}`;
const shortHash = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** index.html as Trunk wrote it: without an earlier run's templates, hash and script. */
export function strip(html) {
  return html
    .replace(/<template data-mf-route[\s\S]*?<\/template>/g, '')
    .replace(/\s+data-mf-cycle-hash="[^"]*"/g, '')
    .replace(/<link rel="preload" fetchpriority="low"/g, '<link rel="preload"')
    .replace(/<script type="module" src="[^"]*early-paint-[0-9a-f]+\.js"[^>]*><\/script>\s*/g, '');
}

async function main() {
  let html = strip(fs.readFileSync(indexFile, 'utf8'));
  fs.writeFileSync(indexFile, html);
  for (const f of fs.readdirSync(dist)) if (/^early-paint-[0-9a-f]+\.js$/.test(f)) fs.rmSync(path.join(dist, f));

  const hostTag = /<div\s[^>]*data-mentor-form[^>]*>/.exec(html);
  const cycleRef = hostTag && /\sdata-cycle="([^"]+)"/.exec(hostTag[0]);
  if (!cycleRef) return say('no [data-mentor-form data-cycle] in index.html; nothing to do');
  const cycleText = fs.readFileSync(path.join(dist, cycleRef[1].replace(/^\.?\//, '')), 'utf8');
  let cycle;
  try {
    cycle = JSON.parse(cycleText);
  } catch (e) {
    // The app shows a broken cycle file's problem to the visitor; never paint over it.
    return say(`${cycleRef[1]} is not valid JSON (${e.message}); no early paint`);
  }
  if (!fs.existsSync(CHROMIUM)) return say(`no Chromium at ${CHROMIUM} (scripts/setup.sh installs it); no early paint, the form paints when the wasm has loaded`);
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return say('playwright-core is not installed (npm ci); no early paint');
  }
  const { startServer } = await import('../tests/e2e/support/server.mjs');

  const sections = Array.isArray(cycle.sections) ? cycle.sections.filter((s) => s && typeof s.id === 'string') : [];
  const routes = ['', ...sections.map((s) => `section/${s.id}`)];
  const server = await startServer({ root: dist });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const pages = [];
  try {
    for (const route of routes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(server.url + route);
      await page.waitForFunction(() => {
        const root = document.querySelector('[data-mentor-form] > .mf-root');
        return root && root.querySelector('h1') && !root.querySelector('.mf-loading');
      }, null, { timeout: 30_000 });
      const shot = await page.evaluate(() => {
        const live = document.querySelector('[data-mentor-form] > .mf-root');
        const root = live.cloneNode(true);
        // The controls' state as markup, so that the take-over can tell what the
        // applicant changed (value against defaultValue) from what was there: a
        // range input without a value attribute still has a value (its midpoint).
        const controls = (r) => r.querySelectorAll('input, textarea, select');
        const originals = controls(live);
        controls(root).forEach((el, i) => {
          const from = originals[i];
          if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', from.checked);
          else if (el.tagName === 'SELECT') [...el.options].forEach((o, j) => o.toggleAttribute('selected', from.options[j].selected));
          else if (el.tagName === 'TEXTAREA') el.textContent = from.value;
          else el.setAttribute('value', from.value);
        });
        root.setAttribute('data-mf-prerendered', '');
        // Nothing in the painted page may act before the take-over (early-paint.js
        // blocks the click); say so to assistive technology and to test runners alike.
        for (const el of root.querySelectorAll('a[href], button')) el.setAttribute('aria-disabled', 'true');
        // A strict CSP (style-src 'self') refuses style attributes in markup.
        for (const el of root.querySelectorAll('[style]')) el.removeAttribute('style');
        // Leptos's empty comment markers stay, and adjacent texts get one too: the
        // parser would merge them into one text node, which is shaped (so
        // antialiased) a little differently from the live page's separate nodes.
        const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const joins = [];
        while (texts.nextNode()) if (texts.currentNode.nextSibling?.nodeType === Node.TEXT_NODE) joins.push(texts.currentNode);
        for (const t of joins) t.after(document.createComment(''));
        return { html: root.outerHTML, title: document.title };
      });
      await context.close();
      if (problems.length) throw new Error(`the app failed while rendering /${route}: ${problems.join('; ')}`);
      pages.push({ route, ...shot });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const source = fs.readFileSync(path.join(ROOT, 'scripts/early-paint.js'), 'utf8');
  const script = Buffer.from((await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code + '\n');
  const scriptName = `early-paint-${shortHash(script)}.js`;
  fs.writeFileSync(path.join(dist, scriptName), script);

  const templates = pages
    .map((p) => `<template data-mf-route="${escapeAttr(p.route)}" data-mf-title="${escapeAttr(p.title)}">${p.html}</template>`)
    .join('');
  const hash = cycleHash(cycleText);
  html = html.replace(hostTag[0], hostTag[0].replace(/>$/, ` data-mf-cycle-hash="${hash}">`));
  // The templates go last in the mount element. The script is a module (deferred: it
  // runs when the document is parsed) placed BEFORE the wasm loader's module, since
  // deferred modules run in document order: the page is painted before the wasm's
  // compile and main() take the (throttled) main thread. Measured: as an async module
  // it ran after main() returned.
  const open = html.indexOf(hostTag[0]);
  const close = closingDiv(html, open);
  html = `${html.slice(0, close)}${templates}${html.slice(close)}`;
  const tag = `<script type="module" src="./${scriptName}" integrity="${sri(script)}" data-mf-early-paint></script>\n    `;
  const loader = /<script type="module"[^>]*>/.exec(html);
  html = loader ? html.replace(loader[0], tag + loader[0]) : html.replace('</head>', `${tag}</head>`);
  // The painted page needs the stylesheet, this script and the cycle file; the wasm
  // (the largest file by far) must not take the bandwidth they need on a slow
  // connection. It still starts at once, and the loader waits for the paint anyway.
  html = html.replace(/<link rel="preload"(?! fetchpriority)([^>]*_bg\.wasm")/, '<link rel="preload" fetchpriority="low"$1');
  fs.writeFileSync(indexFile, html);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  say(`${pages.length} pages painted early (${routes.map((r) => `/${r}`).join(', ')}); index.html ${kb(Buffer.byteLength(html))}, ${scriptName} ${kb(script.length)}`);
}

/** The index of the </div> closing the <div> that starts at `open`. */
function closingDiv(html, open) {
  const re = /<div\b|<\/div>/g;
  re.lastIndex = open;
  let depth = 0;
  for (let m; (m = re.exec(html));) {
    depth += m[0] === '</div>' ? -1 : 1;
    if (depth === 0) return m.index;
  }
  throw new Error('index.html: the mount element is not closed');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`prerender: ${e.message}`);
    process.exit(1);
  });
}
