#!/usr/bin/env node
// Trunk post_build hook (scripts/post-build.mjs, after mount-entry.mjs): the page's
// stylesheets as one file. Trunk writes one hashed file per <link data-trunk rel="css">
// (four for index.html); on a slow connection each is one more request queued behind
// the browser's six connections, and every one of them blocks the first paint. The
// concatenation, in document order, keeps the cascade exactly as it was.
//
// The separate files stay in the folder: mount.js (written just before) puts them into
// each shadow root without page-*.css, whose rules are for the stand-alone page.
//
// By hand: node scripts/merge-css.mjs dist
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('merge-css: no folder given (argument or TRUNK_STAGING_DIR)');
  process.exit(2);
}
const htmlFile = path.join(dir, 'index.html');
let html = fs.readFileSync(htmlFile, 'utf8');
const sri = (buf) => `sha384-${crypto.createHash('sha384').update(buf).digest('base64')}`;
const shortHash = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);

const links = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/gi)]
  .map((m) => ({ tag: m[0], href: /\bhref="([^"]+)"/.exec(m[0])?.[1] }))
  .filter((l) => l.href && !/^([a-z]+:)?\/\//i.test(l.href));
if (links.length < 2) {
  console.log(`merge-css: ${links.length} stylesheet(s), nothing to merge`);
  process.exit(0);
}
const parts = links.map((l) => {
  const file = path.join(dir, l.href.replace(/^\.?\//, ''));
  const css = fs.readFileSync(file, 'utf8');
  if (/@import|@charset/i.test(css)) {
    // Only allowed at the top of a stylesheet: concatenating would drop them.
    console.error(`merge-css: ${l.href} has @import or @charset; merging would change it`);
    process.exit(1);
  }
  return `/* ${path.basename(file)} */\n${css.trim()}\n`;
});
const buf = Buffer.from(parts.join('\n'), 'utf8');
const name = `app-${shortHash(buf)}.css`;
fs.writeFileSync(path.join(dir, name), buf);
const publicUrl = links[0].href.startsWith('./') ? './' : links[0].href.slice(0, links[0].href.lastIndexOf('/') + 1);
html = html.replace(links[0].tag, `<link rel="stylesheet" href="${publicUrl}${name}" integrity="${sri(buf)}">`);
for (const l of links.slice(1)) html = html.replace(new RegExp(`\\s*${l.tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), '');
fs.writeFileSync(htmlFile, html);
console.log(`merge-css: ${links.length} stylesheets -> ${name} (${(buf.length / 1024).toFixed(1)} KB)`);
