#!/usr/bin/env node
// @ts-check
// Trunk post_build step (scripts/post-build.mjs): make the built index.html run under a
// strict CSP (no 'unsafe-inline' for scripts):
// - Trunk's inline <script type="module"> loader goes: on the applicant's page the page
//   script starts the wasm (scripts/page-scripts.mjs), on the staff preview a small
//   loader file does (scripts/lib/start-wasm.js, bundled), content-hashed, with
//   Subresource Integrity;
// - any other inline <script> or <style> moves into a hashed file;
// - the wasm-bindgen JS module is minified (terser; Trunk's own minifier fails on it)
//   and every local stylesheet, module, script and wasm preload gets an integrity.
// scripts/check-csp.mjs (the last step) fails the build if anything inline is left.
//
// Run by Trunk through post-build.mjs, which passes the staging folder. By hand:
//   node scripts/csp-loader.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';
import * as C from './contract.mjs';
import { sri, shortHash } from './lib/hash.mjs';
import { bundle } from './lib/bundle.mjs';
import {
  readHtml, writeHtml, find, findAll, getAttr, setAttr, removeAttr, hasAttr, createElement, replace, remove,
  textOf, isLocalUrl, linksWithRel,
} from './lib/html.mjs';
import { stagingDir, localFile, wasmFiles } from './lib/dist.mjs';

const dir = stagingDir('csp-loader');
const publicUrl = process.env.TRUNK_PUBLIC_URL || './';
// Debug builds (trunk serve) stay readable; by hand (no Trunk) the dist is a release.
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
/**
 * Module code, as wasm-bindgen writes it: top-level names are exports or module-local,
 * so mangling them is safe; `import.meta` needs module mode.
 * @param {string} code @param {string} what
 */
async function minifyJs(code, what) {
  if (!release) return code;
  try {
    const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    return `${out.code}\n`;
  } catch (e) {
    console.error(`csp-loader: terser could not minify ${what}: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}

const htmlFile = path.join(dir, 'index.html');
const doc = readHtml(htmlFile);
/** @type {string[]} */
const moved = [];
/** @type {string[]} */
const minified = [];

// The wasm-bindgen JS module(s) (modulepreload): minified in place. Trunk's integrity
// on their tags is then stale: recomputed below.
for (const link of linksWithRel(doc, 'modulepreload')) {
  const href = getAttr(link, 'href');
  if (!href || !isLocalUrl(href) || !/\.m?js$/i.test(href) || !release) continue;
  const file = localFile(dir, href);
  if (!fs.existsSync(file)) continue;
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, await minifyJs(before, href));
  minified.push(`${path.basename(file)} ${before.length} → ${fs.statSync(file).size} bytes`);
  removeAttr(link, 'integrity');
}

// The files the loader starts: the JS glue (modulepreload) and the wasm (preload).
const files = wasmFiles(doc, dir);
// The applicant's page: page-scripts.mjs's script starts the wasm.
const applicant = !!find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);

let devInline = 0;
for (const script of findAll(doc, (e) => e.tagName === 'script')) {
  if (hasAttr(script, 'src')) continue;
  const type = (getAttr(script, 'type') || '').toLowerCase();
  const isModule = type === 'module';
  const executable = isModule || type === '' || /^(text|application)\/(java|ecma)script$/.test(type);
  if (!executable) continue; // data blocks (JSON, templates) are not subject to script-src
  const body = textOf(script);
  if (!body.trim()) { remove(script); continue; }
  // trunk serve's autoreload script: its {{__TRUNK_ADDRESS__}} placeholder is filled
  // in per response, so it must stay inline (dev server only; it sends no CSP).
  if (body.includes('{{__TRUNK')) { devInline += 1; continue; }
  const loader = isModule && /\binit\b/.test(body) && files;
  if (loader && applicant) { remove(script); continue; }
  // Trunk's loader: ours instead, naming the same two files relative to itself.
  const code = loader
    ? await bundle(`import { startWasm } from './lib/start-wasm.js';\nstartWasm(${JSON.stringify(files)}, import.meta.url);\n`)
    : await minifyJs(`${body.trim()}\n`, 'an inline script');
  const buf = Buffer.from(code, 'utf8');
  const name = `${loader ? 'loader' : 'inline'}-${shortHash(buf)}.js`;
  fs.writeFileSync(path.join(dir, name), buf);
  moved.push(name);
  /** @type {Record<string, string>} */
  const attrs = isModule ? { type: 'module' } : { defer: '' };
  Object.assign(attrs, { src: `${publicUrl}${name}`, integrity: sri(buf), crossorigin: 'anonymous' });
  replace(script, createElement('script', attrs));
}

// Inline <style> blocks -> hashed stylesheets (merge-css.mjs inlines the page's one
// stylesheet later, with its hash in the CSP).
for (const style of findAll(doc, (e) => e.tagName === 'style')) {
  const body = textOf(style).trim();
  if (!body) { remove(style); continue; }
  const buf = Buffer.from(`${body}\n`, 'utf8');
  const name = `inline-${shortHash(buf)}.css`;
  fs.writeFileSync(path.join(dir, name), buf);
  moved.push(name);
  replace(style, createElement('link', { rel: 'stylesheet', href: `${publicUrl}${name}`, integrity: sri(buf) }));
}

// Integrity on local subresources that lack it (Trunk normally adds it already). Not on
// the cycle file's preload: cycle files are edited without a rebuild.
for (const el of findAll(doc, (e) => e.tagName === 'link' || e.tagName === 'script')) {
  if (hasAttr(el, 'integrity')) continue;
  const rel = (getAttr(el, 'rel') || '').toLowerCase();
  const href = el.tagName === 'script' ? getAttr(el, 'src') : getAttr(el, 'href');
  const wants = el.tagName === 'script'
    ? !!href
    : rel === 'stylesheet' || rel === 'modulepreload' || (rel === 'preload' && /\.wasm$/i.test(href || ''));
  if (!wants || !href || !isLocalUrl(href)) continue;
  const file = localFile(dir, href);
  if (!fs.existsSync(file)) continue;
  setAttr(el, 'integrity', sri(fs.readFileSync(file)));
  if (!hasAttr(el, 'crossorigin') && rel !== 'stylesheet') setAttr(el, 'crossorigin', 'anonymous');
}

writeHtml(htmlFile, doc);
console.log(`csp-loader: ${moved.length ? `moved inline code to ${moved.join(', ')}` : 'no inline code found'}; ${minified.length ? `minified ${minified.join(', ')}` : 'nothing minified'}${devInline ? ' (trunk serve\'s autoreload script stays inline)' : ''}`);
