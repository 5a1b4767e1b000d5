#!/usr/bin/env node
// Trunk post_build hook: a <meta name="description"> for the built index.html, taken
// from the intro of the cycle file the page loads (data-cycle="…"), so search results
// and link previews show the programme's own words (Lighthouse flags a page without
// one). Pages without a data-cycle (the staff preview) are left alone.
//
// Run by Trunk (Trunk.toml, [[hooks]]), which sets TRUNK_STAGING_DIR.
// By hand:  node scripts/meta-description.mjs dist
import fs from 'node:fs';
import path from 'node:path';

const MAX_CHARS = 160; // what search engines show; longer text is cut at a word

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('meta-description: no folder given (argument or TRUNK_STAGING_DIR)');
  process.exit(2);
}
const htmlFile = path.join(dir, 'index.html');
let html = fs.readFileSync(htmlFile, 'utf8');

// Quoted or not: Trunk's release build may minify the HTML before this hook runs.
const m = /\sdata-cycle\s*=\s*(?:"([^"]+)"|'([^']+)'|([^\s>]+))/.exec(html);
const cycleRef = m && (m[1] ?? m[2] ?? m[3]);
if (!cycleRef) {
  console.log('meta-description: no data-cycle in index.html; nothing to do');
  process.exit(0);
}
if (/<meta\s+name\s*=\s*["']?description/i.test(html)) {
  console.log('meta-description: index.html already has a description');
  process.exit(0);
}
const cycleFile = path.join(dir, cycleRef.replace(/^\.?\//, ''));
let cycle;
try {
  cycle = JSON.parse(fs.readFileSync(cycleFile, 'utf8'));
} catch (e) {
  // The app reports a broken cycle file to the visitor with its location; the build
  // must not hide that behind a crash of its own. Build without a description.
  console.warn(`meta-description: cannot read ${cycleFile} (${e.message}); no description written`);
  process.exit(0);
}
const intro = Array.isArray(cycle.intro) ? cycle.intro.find((p) => typeof p === 'string' && p.trim()) : null;
if (!intro) {
  console.warn(`meta-description: ${cycleFile} has no intro text; no description written`);
  process.exit(0);
}

function summary(text, max = MAX_CHARS) {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) || cut;
  return `${atWord.replace(/[\s,;:.]+$/, '')}…`;
}
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const meta = `<meta name="description" content="${escapeAttr(summary(intro))}" />`;
html = html.replace(/(<title\b[^>]*>[\s\S]*?<\/title>)/i, (t) => `${t}\n    ${meta}`);
if (!html.includes(meta)) html = html.replace(/<\/head>/i, `  ${meta}\n  </head>`);
fs.writeFileSync(htmlFile, html);
console.log(`meta-description: ${meta}`);
