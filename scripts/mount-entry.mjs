#!/usr/bin/env node
// @ts-check
// Trunk post_build step (after page-scripts.mjs): writes dist/mount.js, the form's one
// stable entry for mount mode. A host page needs only
//   <script src="https://apply.example.org/mount.js" async></script>
//   <div data-mentor-form></div>
// and never changes between releases: mount.js is unhashed (serve it no-cache) and
// carries the current hashed file names with their Subresource Integrity hashes. For
// every [data-mentor-form] on the page it attaches an open shadow root holding the
// form's stylesheet and a mount point, so no host rule (not even !important) reaches
// the form; then it loads the page script once (early-paint.js: it starts the wasm,
// which mounts into each, and says so if the form cannot start).
//
// By hand: node scripts/mount-entry.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import * as C from './contract.mjs';
import { readHtml, find, findAll, getAttr } from './lib/html.mjs';
import { stagingDir } from './lib/dist.mjs';

const dir = stagingDir('mount-entry');
const doc = readHtml(path.join(dir, 'index.html'));
// The preview build (preview.html) has no mount element: nothing to do there.
const hostEl = find(doc, (e) => getAttr(e, C.ATTR_HOST) !== null);
if (!hostEl) {
  console.log('mount-entry: not the applicant build, no mount.js');
  process.exit(0);
}
/** @param {string} href */
const bare = (href) => href.replace(/^\.\//, '');
/** @typedef {{ href: string, integrity: string | null, as?: string, type?: string | null }} Asset */
// `loader` is the script that starts the form (the page script); examples/serve.mjs's
// older light-DOM mount reads it from here too.
/** @type {{ css: Asset[], modulepreload: Asset[], preload: Asset[], loader: { src: string, integrity: string | null } | null, texts: unknown }} */
const assets = { css: [], modulepreload: [], preload: [], loader: null, texts: null };
for (const el of findAll(doc, (e) => e.tagName === 'link' || e.tagName === 'script')) {
  const rel = (getAttr(el, 'rel') || '').toLowerCase();
  const href = getAttr(el, 'href');
  const integrity = getAttr(el, 'integrity');
  const src = getAttr(el, 'src');
  if (el.tagName === 'script' && src && getAttr(el, C.ATTR_EARLY_PAINT) !== null) {
    assets.loader = { src: bare(src), integrity };
  } else if (rel === 'stylesheet' && href && !/page-[^/]*\.css$/.test(href)) {
    // page-*.css styles the stand-alone page's <body>; a host page keeps its own.
    assets.css.push({ href: bare(href), integrity });
  } else if (rel === 'modulepreload' && href) {
    assets.modulepreload.push({ href: bare(href), integrity });
  } else if (rel === 'preload' && href && /\.wasm$/.test(href)) {
    assets.preload.push({ href: bare(href), integrity, as: getAttr(el, 'as') || 'fetch', type: getAttr(el, 'type') });
  }
}
try {
  assets.texts = JSON.parse(getAttr(hostEl, C.ATTR_TEXTS) || 'null');
} catch {
  assets.texts = null;
}
if (!assets.loader || !assets.css.length || !assets.texts) {
  console.error(`mount-entry: index.html lacks early-paint.js, a stylesheet or the texts: ${JSON.stringify(assets)}`);
  process.exit(1);
}
const cycle = getAttr(hostEl, C.ATTR_CYCLE) || C.DEFAULT_CYCLE_PATH;
const q = JSON.stringify;

const code = `// The mentor application form's stable entry for mount mode (written at build time by
// scripts/mount-entry.mjs; do not edit). Serve it with Cache-Control: no-cache.
(function () {
  'use strict';
  var ASSETS = ${q(assets)};
  var DEFAULT_CYCLE = ${q(cycle)};
  var self = document.currentScript;
  var base = new URL('.', self && self.src ? self.src : location.href);
  var at = function (p) { return new URL(p, base).href; };
  // A <link> to one of the form's files, with its integrity hash, fetched with CORS.
  function link(parent, rel, asset, extra) {
    var el = document.createElement('link');
    el.rel = rel;
    if (extra && extra.as) el.as = extra.as;
    if (extra && extra.type) el.type = extra.type;
    el.href = at(asset.href);
    if (asset.integrity) el.integrity = asset.integrity;
    el.crossOrigin = 'anonymous';
    parent.appendChild(el);
  }
  function start() {
    var hosts = document.querySelectorAll('[' + ${q(C.ATTR_HOST)} + ']');
    if (!hosts.length) {
      console.error(${q(C.MESSAGE_NO_MOUNT_ELEMENT)});
      return;
    }
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      if (host.shadowRoot) continue;
      // The cycle file sits next to mount.js unless the host page names another.
      if (!host.getAttribute(${q(C.ATTR_CYCLE)})) host.setAttribute(${q(C.ATTR_CYCLE)}, at(DEFAULT_CYCLE));
      // What the page script says if the form cannot start (the shipped cycle's words).
      if (!host.getAttribute(${q(C.ATTR_TEXTS)})) host.setAttribute(${q(C.ATTR_TEXTS)}, JSON.stringify(ASSETS.texts));
      var root = host.attachShadow({ mode: 'open' });
      ASSETS.css.forEach(function (c) { link(root, 'stylesheet', c); });
      var mount = document.createElement('div');
      mount.className = 'mf-mount';
      mount.setAttribute(${q(C.ATTR_MOUNT)}, '');
      root.appendChild(mount);
    }
    var head = document.head || document.documentElement;
    ASSETS.modulepreload.forEach(function (m) { link(head, 'modulepreload', m); });
    ASSETS.preload.forEach(function (p) { link(head, 'preload', p, p); });
    // The page script: it starts the wasm, which mounts into each mount point.
    var script = document.createElement('script');
    script.type = 'module';
    script.src = at(ASSETS.loader.src);
    if (ASSETS.loader.integrity) script.integrity = ASSETS.loader.integrity;
    script.crossOrigin = 'anonymous';
    script.setAttribute(${q(C.ATTR_EARLY_PAINT)}, '');
    head.appendChild(script);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
fs.writeFileSync(path.join(dir, 'mount.js'), code);
console.log(`mount-entry: wrote mount.js (${code.length} bytes; page script ${assets.loader.src})`);
