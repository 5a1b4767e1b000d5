#!/usr/bin/env node
// Trunk post_build hook (after csp-loader.mjs): writes dist/mount.js, the form's one
// stable entry for mount mode. A host page needs only
//   <script src="https://apply.example.org/mount.js" async></script>
//   <div data-mentor-form></div>
// and never changes between releases: mount.js is unhashed (serve it no-cache) and
// carries the current hashed file names with their Subresource Integrity hashes. For
// every [data-mentor-form] on the page it attaches an open shadow root holding the
// form's stylesheet and a mount point, so no host rule (not even !important) reaches
// the form; then it loads the wasm loader once, which mounts into each of them.
//
// By hand: node scripts/mount-entry.mjs dist
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('mount-entry: no folder given (argument or TRUNK_STAGING_DIR)');
  process.exit(2);
}
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
// The preview build (preview.html) has no mount element: nothing to do there.
if (!html.includes('data-mentor-form')) {
  console.log('mount-entry: not the applicant build, no mount.js');
  process.exit(0);
}
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag);
  return m ? m[1] : null;
};
const bare = (href) => href.replace(/^\.\//, '');
const tags = html.replace(/<!--[\s\S]*?-->/g, '').match(/<link\b[^>]*>|<script\b[^>]*>/gi) || [];
const assets = { css: [], modulepreload: [], preload: [], loader: null };
for (const tag of tags) {
  const rel = (attr(tag, 'rel') || '').toLowerCase();
  const href = attr(tag, 'href');
  const integrity = attr(tag, 'integrity');
  if (/^<script/i.test(tag) && attr(tag, 'src')) {
    assets.loader = { src: bare(attr(tag, 'src')), integrity };
  } else if (rel === 'stylesheet' && href && !/page-[^/]*\.css$/.test(href)) {
    // page-*.css styles the stand-alone page's <body>; a host page keeps its own.
    assets.css.push({ href: bare(href), integrity });
  } else if (rel === 'modulepreload' && href) {
    assets.modulepreload.push({ href: bare(href), integrity });
  } else if (rel === 'preload' && href && /\.wasm$/.test(href)) {
    assets.preload.push({ href: bare(href), integrity, as: attr(tag, 'as') || 'fetch', type: attr(tag, 'type') });
  }
}
if (!assets.loader || !assets.css.length) {
  console.error(`mount-entry: index.html has no loader script or stylesheet: ${JSON.stringify(assets)}`);
  process.exit(1);
}
const cycle = (/data-cycle="([^"]+)"/.exec(html) || [])[1] || 'cycles/fall-2020-mentor.json';

const code = `// The mentor application form's stable entry for mount mode (written at build time by
// scripts/mount-entry.mjs; do not edit). Serve it with Cache-Control: no-cache.
(function () {
  'use strict';
  var ASSETS = ${JSON.stringify(assets)};
  var DEFAULT_CYCLE = ${JSON.stringify(cycle)};
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
    var hosts = document.querySelectorAll('[data-mentor-form]');
    if (!hosts.length) {
      console.error('mentor form: this page has no element with the data-mentor-form attribute, so the form was not shown. Add <div data-mentor-form></div> where the form should appear.');
      return;
    }
    for (var i = 0; i < hosts.length; i++) {
      var host = hosts[i];
      if (host.shadowRoot) continue;
      // The cycle file sits next to mount.js unless the host page names another.
      if (!host.getAttribute('data-cycle')) host.setAttribute('data-cycle', at(DEFAULT_CYCLE));
      var root = host.attachShadow({ mode: 'open' });
      ASSETS.css.forEach(function (c) { link(root, 'stylesheet', c); });
      var mount = document.createElement('div');
      mount.className = 'mf-mount';
      mount.setAttribute('data-mf-mount', '');
      root.appendChild(mount);
    }
    var head = document.head || document.documentElement;
    ASSETS.modulepreload.forEach(function (m) { link(head, 'modulepreload', m); });
    ASSETS.preload.forEach(function (p) { link(head, 'preload', p, p); });
    var script = document.createElement('script');
    script.type = 'module';
    script.src = at(ASSETS.loader.src);
    if (ASSETS.loader.integrity) script.integrity = ASSETS.loader.integrity;
    script.crossOrigin = 'anonymous';
    head.appendChild(script);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
fs.writeFileSync(path.join(dir, 'mount.js'), code);
console.log(`mount-entry: wrote mount.js (${code.length} bytes; loader ${assets.loader.src})`);
