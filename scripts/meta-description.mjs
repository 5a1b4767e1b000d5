#!/usr/bin/env node
// @ts-check
// Trunk post_build step: a <meta name="description"> for the built index.html, taken
// from the intro of the cycle file the page loads (data-cycle="…"), so search results
// and link previews show the programme's own words (Lighthouse flags a page without
// one). Pages without a data-cycle (the staff preview) are left alone.
//
// By hand:  node scripts/meta-description.mjs dist
import path from 'node:path';
import * as C from './contract.mjs';
import { readHtml, writeHtml, find, getAttr, createElement, insertAfter, append, byTag } from './lib/html.mjs';
import { stagingDir, localFile } from './lib/dist.mjs';
import { readJson } from './lib/texts.mjs';

const MAX_CHARS = 160; // what search engines show; longer text is cut at a word

const dir = stagingDir('meta-description');
const htmlFile = path.join(dir, 'index.html');
const doc = readHtml(htmlFile);
const host = find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);
const cycleRef = host && getAttr(host, C.ATTR_CYCLE);
if (!cycleRef) {
  console.log('meta-description: no data-cycle in index.html; nothing to do');
  process.exit(0);
}
if (find(doc, (e) => e.tagName === 'meta' && (getAttr(e, 'name') || '').toLowerCase() === 'description')) {
  console.log('meta-description: index.html already has a description');
  process.exit(0);
}
const cycleFile = localFile(dir, cycleRef);
let cycle;
try {
  cycle = readJson(cycleFile);
} catch (e) {
  // The app reports a broken cycle file to the visitor with its location; the build
  // must not hide that behind a crash of its own. Build without a description.
  console.warn(`meta-description: cannot read ${cycleFile} (${e instanceof Error ? e.message : e}); no description written`);
  process.exit(0);
}
const intro = Array.isArray(cycle.intro) ? cycle.intro.find((/** @type {unknown} */ p) => typeof p === 'string' && p.trim()) : null;
if (!intro) {
  console.warn(`meta-description: ${cycleFile} has no intro text; no description written`);
  process.exit(0);
}

/** @param {string} text */
function summary(text, max = MAX_CHARS) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) || cut;
  return `${atWord.replace(/[\s,;:.]+$/, '')}…`;
}

const meta = createElement('meta', { name: 'description', content: summary(intro) });
const title = find(doc, (e) => e.tagName === 'title');
if (title) insertAfter(title, meta);
else append(byTag(doc, 'head'), meta);
writeHtml(htmlFile, doc);
console.log(`meta-description: ${summary(intro)}`);
