// Download size budget of the built app (dist/), deterministic: brotli (quality 11)
// size of every file a visitor downloads on load — index.html, the app's JS, the
// _bg.wasm, the CSS and the cycle file — against ONE budget constant. Also checks that
// the wasm went through wasm-opt and that index.html loads it.
// The timing side (load, keystrokes, heap) is the benchmark, bench/run.mjs (not a test).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CYCLE_PATH } from '../../scripts/contract.mjs';

// The budget: total brotli-11 bytes of the files below. Change it here only.
// It guards against regressions at today's size plus ~3 %. The product target
// (issue 12) is 150 KB (aim 100 KB) and is NOT met; see bench/README.md for the
// breakdown of the wasm and what each lever gave.
// 2026-12-01, after merging the two new field kinds, drafts across tabs and versions:
// 257.5 KB (wasm 240.9 KB of it), up from 233.6 KB; the kinds refactor and the
// checkboxes/date kinds account for ~11 KB of that.
// 2026-12-01, branch `size` (bench/README.md, "Size levers, second round"): 234.3 KB
// (wasm 217.7 KB); the budget keeps ~1.5 KB of headroom over that.
// 2026-12-01, merged with the early paint (docs/prerender.md: the painted pages in
// index.html, early-paint.js, one stylesheet): 239.4 KB (wasm 218.1 KB).
// 2026-12-03, branch `pagescripts` (the painted page with the draft, the start watch, the
// stylesheet inline and minified, the page script starting the wasm): 239.9 KB (wasm
// 219.1 KB), 245,647 B against 245,574 B before (bench/README.md).
// 2026-12-03, this stage merged (issues 19-23): 267.3 KB (wasm 245.5 KB). The budget
// was NOT held at 241 KB; it is raised to the measured figure plus 0.7 KB so that any
// further growth fails. What grew, in brotli KB against main's 241.6 (bench/README.md,
// "Where it ends, 2026-12-03"): "Save and continue later", "Continue an application"
// and the shared-computer choice ~+24; nothing-lost round 3 and offline sends (edit
// times, version-confirmed sends, storage faults, pending sends) ~+8.2; the typed cycle
// model ~+6.3; the hand-written cycle reader -5.7; the third round of size levers -7.5.
// The staff editor and workbench add nothing here (their own entries).
const BUDGET_BYTES = 268 * 1024;
// What the early-painted page needs before the wasm (docs/prerender.md): index.html
// (with its stylesheet inline since 2026-12-03), early-paint.js and the cycle file (the
// wasm's; the paint no longer waits for it); 14.3 KB on 2026-12-01, 14.0 KB on 2026-12-03.
const EARLY_PAINT_BUDGET_BYTES = 16 * 1024;
// Raw size ceiling of the _bg.wasm: the release build through wasm-opt -Oz measured
// 689.9 KB on 2026-11-30; 840 KB leaves ~20 % headroom. A debug build (MBs) trips
// it; a release build that only skipped wasm-opt does not (see the "name" check).
const WASM_RAW_MAX_BYTES = 840 * 1024;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DIST_DIR || path.resolve(HERE, '..', '..', 'dist');
const CYCLE = DEFAULT_CYCLE_PATH;
// In dist/ but not downloaded by a visitor of the form.
const NOT_ON_LOAD = [/^embed\.js$/, /^cycle\.schema\.json$/, /^cycles\/fall-2020-mentee\.json$/];

const brotliSize = (buf) => zlib.brotliCompressSync(buf, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
}).length;

// Local files index.html refers to: href/src attributes and quoted paths in the inline
// loader (`import init from './mentor-form-<hash>.js'`, `'./mentor-form-<hash>_bg.wasm'`,
// data-cycle="cycles/…json").
function referencedFiles(html) {
  const found = new Set();
  const re = /(?:href|src)\s*=\s*["']([^"'#?]+)[^"']*["']|["'`]((?:\.{0,2}\/)?[\w@./-]+\.(?:js|mjs|wasm|css|json))["'`]/g;
  for (const m of html.matchAll(re)) {
    const ref = m[1] || m[2];
    if (!ref || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) continue; // http:, data:, mailto:
    const rel = path.posix.normalize(ref.replace(/^\.?\//, '').replace(/^\/+/, ''));
    if (!rel || rel === '.' || rel.endsWith('/')) continue;
    found.add(rel);
  }
  return [...found];
}

// Names of the custom sections (id 0) of a wasm module.
function customSections(buf) {
  assert.equal(buf.subarray(0, 4).toString('latin1'), '\0asm', 'not a wasm module');
  const names = [];
  let p = 8;
  const leb = () => { let r = 0; let shift = 0; let b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80); return r; };
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const start = p;
    if (id === 0) { const n = leb(); names.push(buf.subarray(p, p + n).toString('utf8')); }
    p = start + size;
  }
  return names;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

describe('size budget (brotli 11, files downloaded on load)', () => {
  let html;
  let files; // [{ file, raw, br }]
  let refs;

  before(() => {
    const index = path.join(DIST, 'index.html');
    assert.ok(fs.existsSync(index), `${index} missing: build dist/ first (bash scripts/build.sh)`);
    html = fs.readFileSync(index, 'utf8');
    // The early-painted pages' links (docs/prerender.md) are inert markup, nothing is
    // fetched for them; the inline stylesheet's file (data-mf-critical) is fetched only
    // under a policy that blocks the inline copy, which the build's headers never do.
    const onLoadMarkup = html.replace(/<template\b[\s\S]*?<\/template>/g, '').replace(/\sdata-mf-critical="[^"]*"/g, '');
    refs = referencedFiles(onLoadMarkup).filter((f) => !NOT_ON_LOAD.some((re) => re.test(f)));
    // Everything index.html refers to is fetched on load (modulepreload, preload,
    // stylesheets, the loader module, the icon, the cycle file).
    const onLoad = ['index.html', ...refs, CYCLE];
    files = [...new Set(onLoad)].map((file) => {
      const p = path.join(DIST, file);
      assert.ok(fs.existsSync(p), `index.html refers to ${file}, which is not in ${DIST}`);
      const buf = fs.readFileSync(p);
      return { file, raw: buf.length, br: brotliSize(buf) };
    });
  });

  test('index.html loads the app: one JS module, the _bg.wasm, the CSS and the cycle file', () => {
    const js = refs.filter((f) => /\.m?js$/.test(f));
    const wasm = refs.filter((f) => /_bg\.wasm$/.test(f));
    const css = refs.filter((f) => /\.css$/.test(f));
    // The stylesheet is inline (scripts/merge-css.mjs), or linked.
    assert.equal(wasm.length, 1, `expected index.html to reference exactly one *_bg.wasm, found: ${JSON.stringify(wasm)}`);
    assert.ok(fs.statSync(path.join(DIST, wasm[0])).size > 0, `${wasm[0]} is empty`);
    assert.ok(js.length >= 1, `index.html references no JS module (found ${JSON.stringify(refs)})`);
    assert.ok(css.length >= 1 || /<style data-mf-critical=/.test(html), 'index.html has no stylesheet, linked or inline');
    assert.ok(refs.includes(CYCLE), `index.html does not refer to ${CYCLE} (data-cycle / preload)`);
  });

  test(`the wasm went through wasm-opt (raw size under ${kb(WASM_RAW_MAX_BYTES)})`, () => {
    const wasm = files.find((f) => f.file.endsWith('_bg.wasm'));
    assert.ok(wasm, 'no _bg.wasm among the files loaded');
    assert.ok(wasm.raw <= WASM_RAW_MAX_BYTES,
      `${wasm.file} is ${kb(wasm.raw)} raw, over ${kb(WASM_RAW_MAX_BYTES)}: a build without wasm-opt -Oz (or a debug build)?`);
    // The size alone cannot tell: the Rust release profile (opt-level z, LTO, strip)
    // already does most of the work, and wasm-bindgen's output WITHOUT wasm-opt was only
    // ~8 % larger (840 KB vs 779 KB on 2026-11-29). What does tell: wasm-bindgen writes
    // a "name" custom section (function names, ~8 KB) that wasm-opt drops unless asked
    // to keep debug info (-g), which Trunk's release build does not.
    const buf = fs.readFileSync(path.join(DIST, wasm.file));
    const sections = customSections(buf);
    assert.ok(!sections.includes('name'),
      `${wasm.file} still has a "name" section (custom sections: ${sections.join(', ')}): wasm-opt did not run (Trunk data-wasm-opt / [tools] wasm_opt)?`);
  });

  // Lighthouse's small items (issue 12): a description from the cycle's intro
  // (scripts/meta-description.mjs) and minified JS (terser in scripts/csp-loader.mjs).
  test('index.html has a meta description taken from the cycle file\'s intro', () => {
    const m = /<meta\s+name="?description"?\s+content="([^"]*)"/i.exec(html);
    assert.ok(m, 'index.html has no <meta name="description"> (scripts/meta-description.mjs hook in Trunk.toml?)');
    const cycle = JSON.parse(fs.readFileSync(path.join(DIST, CYCLE), 'utf8'));
    const intro = cycle.intro.find((p) => p.trim()).replace(/\s+/g, ' ').trim();
    const text = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.ok(text.length > 0 && text.length <= 160, `description is ${text.length} characters: ${text}`);
    assert.ok(intro.startsWith(text.replace(/…$/, '')), `description is not the start of the intro: ${text}`);
  });

  test('the JS the page loads is minified', () => {
    for (const f of files.filter((x) => /\.m?js$/.test(x.file))) {
      const src = fs.readFileSync(path.join(DIST, f.file), 'utf8');
      const lines = src.split('\n');
      // Unminified wasm-bindgen glue is ~1,800 lines with 4-space indents and comments.
      const indented = lines.filter((l) => /^ {4}/.test(l)).length;
      assert.ok(indented <= 5, `${f.file} looks unminified: ${indented} of ${lines.length} lines are indented (terser step in scripts/csp-loader.mjs?)`);
    }
  });

  test(`the early-painted page needs at most ${kb(EARLY_PAINT_BUDGET_BYTES)} before the wasm`, () => {
    assert.match(html, /<template data-mf-route="section\//, 'index.html has no early-painted sections (scripts/prerender.mjs)');
    const early = files.filter((f) => f.file === 'index.html' || f.file === CYCLE || /\.css$/.test(f.file) || /^early-paint-[0-9a-f]+\.js$/.test(f.file));
    assert.ok(early.some((f) => /^early-paint-/.test(f.file)), 'index.html does not load early-paint.js');
    const total = early.reduce((n, f) => n + f.br, 0);
    assert.ok(total <= EARLY_PAINT_BUDGET_BYTES,
      `the early-painted page needs ${kb(total)} brotli-11, over ${kb(EARLY_PAINT_BUDGET_BYTES)}: ${early.map((f) => `${f.file} ${kb(f.br)}`).join(', ')}`);
  });

  test(`total brotli-11 size is within the budget (${kb(BUDGET_BYTES)})`, () => {
    const total = files.reduce((s, f) => s + f.br, 0);
    const rawTotal = files.reduce((s, f) => s + f.raw, 0);
    const w = Math.max(...files.map((f) => f.file.length), 5);
    const lines = [
      `${'file'.padEnd(w)}  ${'raw'.padStart(10)}  ${'brotli 11'.padStart(10)}`,
      ...files.map((f) => `${f.file.padEnd(w)}  ${kb(f.raw).padStart(10)}  ${kb(f.br).padStart(10)}`),
      `${'total'.padEnd(w)}  ${kb(rawTotal).padStart(10)}  ${kb(total).padStart(10)}   budget ${kb(BUDGET_BYTES)} (${((100 * total) / BUDGET_BYTES).toFixed(0)} % used)`,
    ];
    console.log(`size budget, ${DIST}:\n${lines.map((l) => `  ${l}`).join('\n')}`);
    const biggest = [...files].sort((a, b) => b.br - a.br)[0];
    assert.ok(total <= BUDGET_BYTES,
      `download on load is ${kb(total)} brotli-11, over the ${kb(BUDGET_BYTES)} budget by ${kb(total - BUDGET_BYTES)}; largest: ${biggest.file} ${kb(biggest.br)}\n${lines.join('\n')}`);
  });
});
