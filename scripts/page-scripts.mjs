#!/usr/bin/env node
// @ts-check
// Trunk post_build step (after csp-loader.mjs): the page script, early-paint.js
// (docs/prerender.md), bundled with what it imports (the contract, the cycle hash, the
// wasm's start: scripts/lib/start-wasm.js) and the build's file names into one
// minified, hashed module with Subresource Integrity. It replaces Trunk's loader: it
// paints (and starts watching the start) first, then starts the wasm, whose compile
// and main() wait for the first quiet moment after the paint. On the
// mount element it writes what the script needs and cannot know: the texts of the
// start-failure notice, resolved from the cycle file and the form's defaults (so no
// script holds a sentence), and the cycle's id (its draft's storage key).
//
// By hand: node scripts/page-scripts.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import * as C from './contract.mjs';
import { sri, shortHash } from './lib/hash.mjs';
import { readHtml, writeHtml, find, getAttr, setAttr, createElement, append, byTag, comments, remove } from './lib/html.mjs';
import { stagingDir, localFile, wasmFiles } from './lib/dist.mjs';
import { textsList, readJson } from './lib/texts.mjs';
import { bundle } from './lib/bundle.mjs';

const dir = stagingDir('page-scripts');
const htmlFile = path.join(dir, 'index.html');
const doc = readHtml(htmlFile);
const host = find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);
if (!host) {
  console.log('page-scripts: not the applicant build (no mount element), nothing to do');
  process.exit(0);
}
const cycleRef = getAttr(host, C.ATTR_CYCLE) || C.DEFAULT_CYCLE_PATH;
/** @type {unknown} */
let cycle = null;
try {
  cycle = readJson(localFile(dir, cycleRef));
} catch (e) {
  // The app shows a broken cycle file's problem; the notice then has the defaults.
  console.warn(`page-scripts: cannot read ${cycleRef} (${e instanceof Error ? e.message : e}); the form's default texts are used`);
}
const schema = readJson(path.join(dir, 'cycle.schema.json'));
setAttr(host, C.ATTR_TEXTS, textsList(cycle, schema, C.START_FAILED_TEXT_KEYS));
const id = cycle && typeof cycle === 'object' && 'id' in cycle && typeof cycle.id === 'string' ? cycle.id : null;
if (id) setAttr(host, C.ATTR_CYCLE_ID, id);

const files = wasmFiles(doc, dir);
if (!files) {
  console.error('page-scripts: index.html preloads no wasm-bindgen JS or wasm: nothing would start the app');
  process.exit(1);
}
const code = Buffer.from(await bundle(`import { boot } from './early-paint.js';\nboot(${JSON.stringify(files)}, import.meta.url);\n`));
const name = `early-paint-${shortHash(code)}.js`;
for (const f of fs.readdirSync(dir)) if (/^early-paint-[0-9a-f]+\.js$/.test(f)) fs.rmSync(path.join(dir, f));
fs.writeFileSync(path.join(dir, name), code);
const tag = createElement('script', {
  type: 'module', src: `${process.env.TRUNK_PUBLIC_URL || './'}${name}`, integrity: sri(code), crossorigin: 'anonymous', [C.ATTR_EARLY_PAINT]: '',
});
append(byTag(doc, 'head'), tag);
// index.html's comments are for the people who read the source, not for applicants;
// nor is the indentation between the head's elements.
for (const comment of comments(doc)) remove(comment);
const head = byTag(doc, 'head');
for (const node of [...head.childNodes]) {
  if (node.nodeName === '#text' && !(/** @type {import('./lib/html.mjs').TextNode} */ (node)).value.trim()) remove(node);
}
writeHtml(htmlFile, doc);
console.log(`page-scripts: ${name} (${(code.length / 1024).toFixed(1)} KB), texts and cycle id on the mount element`);
