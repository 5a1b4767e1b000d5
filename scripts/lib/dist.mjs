// @ts-check
// Where a build step works: the folder given as its argument, or Trunk's staging folder.
import fs from 'node:fs';
import path from 'node:path';
import { getAttr, findAll, linksWithRel } from './html.mjs';
import { sri } from './hash.mjs';

/**
 * The folder a build step edits (argv[2], else TRUNK_STAGING_DIR); exits with a
 * message naming the step when there is none.
 * @param {string} step
 */
export function stagingDir(step) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error(`${step}: no folder given (argument or TRUNK_STAGING_DIR)`);
    process.exit(2);
  }
  return dir;
}

/**
 * The file a local URL of index.html names, inside `dir` (no query, no fragment).
 * @param {string} dir @param {string} href
 */
export function localFile(dir, href) {
  const clean = decodeURIComponent(href.replace(/^\.?\//, '').replace(/^(\.\.\/)+/, '').split(/[?#]/)[0]);
  return path.join(dir, clean);
}

/**
 * The files that start the app, as index.html preloads them: the wasm-bindgen JS
 * (modulepreload) and the wasm with its integrity (a preload, or the link the prerender
 * holds back until the paint), relative to index.html (`./name`); null without them.
 * @param {import('./html.mjs').Document} doc @param {string} dir
 * @returns {import('./start-wasm.js').WasmFiles | null}
 */
export function wasmFiles(doc, dir) {
  const href = (/** @type {import('./html.mjs').Element | undefined} */ el) => (el ? getAttr(el, 'href') : null);
  const glue = href(linksWithRel(doc, 'modulepreload').find((l) => /\.m?js$/i.test(getAttr(l, 'href') || '')));
  const wasm = href(findAll(doc, (e) => e.tagName === 'link' && /_bg\.wasm$/i.test(getAttr(e, 'href') || ''))[0]);
  if (!glue || !wasm) return null;
  const bare = (/** @type {string} */ h) => `./${h.replace(/^\.?\//, '')}`;
  return { glue: bare(glue), wasm: bare(wasm), integrity: sri(fs.readFileSync(localFile(dir, wasm))) };
}
