#!/usr/bin/env node
// @ts-check
// Trunk post_build step (after mount-entry.mjs): the page's stylesheets as one.
// Trunk writes one hashed file per <link data-trunk rel="css"> (four for index.html);
// they are concatenated in document order, which keeps the cascade exactly as it was.
// For the applicant's page the result is also minified (~2.3 KB less compressed).
//
// The applicant's page (index.html with a mount element) then carries that stylesheet
// INLINE, in <style data-mf-critical="app-<hash>.css">: a linked stylesheet blocks the
// first paint for one more request (a round trip and more on a slow phone), the
// painted page needs all of it, and it is ~6 KB compressed. A strict CSP allows it by
// its hash: the build writes the exact CSP source list for `style-src` to
// deploy/style-src.txt and, for nginx, deploy/nginx-csp.conf (`set $mf_style_src …;`,
// which the README's server block includes), so the deployed header always matches
// the build. app-<hash>.css stays next to index.html: early-paint.js loads it when a
// policy without the hash blocks the inline copy (the page is then styled one request
// later, never unstyled). The staff preview keeps its linked stylesheet.
//
// The separate files stay in the folder: mount.js (written just before) puts them into
// each shadow root without page-*.css, whose rules are for the stand-alone page.
//
// By hand: node scripts/merge-css.mjs dist
import fs from 'node:fs';
import { transform } from 'esbuild';
import path from 'node:path';
import * as C from './contract.mjs';
import { sri, shortHash, cspHash } from './lib/hash.mjs';
import { readHtml, writeHtml, find, getAttr, createElement, replace, remove, isLocalUrl, linksWithRel } from './lib/html.mjs';
import { stagingDir, localFile } from './lib/dist.mjs';
import { withoutRules, notOnTheApplicantsPage } from './lib/css.mjs';

const dir = stagingDir('merge-css');
const htmlFile = path.join(dir, 'index.html');
const doc = readHtml(htmlFile);
const links = linksWithRel(doc, 'stylesheet').filter((l) => isLocalUrl(getAttr(l, 'href')));
const applicant = !!find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);
if (!links.length) {
  console.log('merge-css: no stylesheet, nothing to merge');
  process.exit(0);
}
const parts = links.map((l) => {
  const href = getAttr(l, 'href') || '';
  const css = fs.readFileSync(localFile(dir, href), 'utf8');
  if (/@import|@charset/i.test(css)) {
    // Only allowed at the top of a stylesheet: concatenating would drop them.
    console.error(`merge-css: ${href} has @import or @charset; merging would change it`);
    process.exit(1);
  }
  return `/* ${path.basename(href)} */\n${css.trim()}\n`;
});
// Minified (esbuild, no syntax lowered): the inline copy is on the first paint's path;
// and without the rules that cannot match there (the staff preview's, the shadow host's).
const css = applicant
  ? withoutRules((await transform(parts.join('\n'), { loader: 'css', minify: true })).code.trim(), notOnTheApplicantsPage)
  : parts.join('\n');
if (/<\/style/i.test(css)) {
  console.error('merge-css: the stylesheet contains "</style", which cannot be inlined');
  process.exit(1);
}
const buf = Buffer.from(css, 'utf8');
const name = `app-${shortHash(buf)}.css`;
fs.writeFileSync(path.join(dir, name), buf);
const first = getAttr(links[0], 'href') || '';
const publicUrl = first.startsWith('./') ? './' : first.slice(0, first.lastIndexOf('/') + 1);
if (applicant) {
  const style = createElement('style', { [C.ATTR_CRITICAL_CSS]: `${publicUrl}${name}` }, css);
  replace(links[0], style);
  const hash = cspHash(css);
  const deploy = path.join(dir, 'deploy');
  fs.mkdirSync(deploy, { recursive: true });
  fs.writeFileSync(path.join(deploy, 'style-src.txt'), `'self' ${hash}\n`);
  fs.writeFileSync(path.join(deploy, 'nginx-csp.conf'), `# Written by scripts/merge-css.mjs: the style-src sources of index.html's inline stylesheet.\nset $mf_style_src "'self' ${hash}";\n`);
} else {
  replace(links[0], createElement('link', { rel: 'stylesheet', href: `${publicUrl}${name}`, integrity: sri(buf) }));
}
for (const l of links.slice(1)) remove(l);
writeHtml(htmlFile, doc);
console.log(`merge-css: ${links.length} stylesheet(s) -> ${name} (${(buf.length / 1024).toFixed(1)} KB)${applicant ? ', inline in index.html; CSP style-src in deploy/' : ''}`);
