#!/usr/bin/env node
// Serve dist/ plus the two example host pages, for trying embedding locally:
//   node examples/serve.mjs            (port 8080; receiver expected on 127.0.0.1:3001)
// then open
//   http://localhost:8080/examples/host-iframe.html   iframe mode (host origin localhost:8080,
//                                                     form origin 127.0.0.1:8080)
//   http://127.0.0.1:8080/examples/host-mount.html    mount mode (same origin as dist/)
// Both localhost:8080 and 127.0.0.1:8080 are in the mentor cycle's embed.allowed_origins.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../scripts/lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const EXAMPLES_DIR = HERE;

/**
 * The asset tags a host page needs for mount mode, taken from dist/index.html:
 * the app stylesheet(s), preloads and the module loader, with URLs rebased onto
 * `formBase` (where dist/ is served, ending in '/'). page-*.css (stand-alone page
 * only) and the cycle preload are left out.
 */
export function mountAssets(distDir, formBase = '/') {
  // What mount mode loads, as dist/mount.js lists it (index.html has one merged
  // stylesheet that also holds the stand-alone page's rules).
  const mount = fs.readFileSync(path.join(distDir, 'mount.js'), 'utf8');
  const m = /var ASSETS = (\{.*\});/.exec(mount);
  if (!m) throw new Error(`${distDir}/mount.js has no ASSETS list`);
  const assets = JSON.parse(m[1]);
  const sri = (a) => (a.integrity ? ` integrity="${a.integrity}"` : '');
  return [
    ...assets.css.map((c) => `<link rel="stylesheet" href="${formBase}${c.href}"${sri(c)} crossorigin="anonymous">`),
    ...assets.modulepreload.map((j) => `<link rel="modulepreload" href="${formBase}${j.href}"${sri(j)} crossorigin="anonymous">`),
    ...assets.preload.map((w) => `<link rel="preload" href="${formBase}${w.href}"${sri(w)} as="${w.as}"${w.type ? ` type="${w.type}"` : ''} crossorigin="anonymous">`),
    `<script type="module" src="${formBase}${assets.loader.src}"${sri(assets.loader)} crossorigin="anonymous"></script>`,
  ].join('\n  ');
}

/** examples/host-mount.html with the asset tags filled in. */
export function hostMountHtml(distDir, formBase = '/', { cycle } = {}) {
  let html = fs.readFileSync(path.join(HERE, 'host-mount.html'), 'utf8');
  html = html.replace('<!-- mentor-form:assets -->', mountAssets(distDir, formBase));
  if (cycle) html = html.replace('data-cycle="/cycles/fall-2020-mentor.json"', `data-cycle="${cycle}"`);
  return html;
}

/** examples/host-iframe.html pointing at another form origin. */
export function hostIframeHtml(formOrigin) {
  return fs.readFileSync(path.join(HERE, 'host-iframe.html'), 'utf8').replaceAll('http://127.0.0.1:8080', formOrigin);
}

const send = (type, body) => (req, res) => {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-cache');
  res.end(body());
};

export function exampleRoutes(distDir, formOrigin) {
  const file = (name) => () => fs.readFileSync(path.join(HERE, name));
  return {
    '/examples/host-mount.html': send('text/html; charset=utf-8', () => hostMountHtml(distDir, '/')),
    '/examples/host-iframe.html': send('text/html; charset=utf-8', () => hostIframeHtml(formOrigin)),
    '/examples/host-iframe.css': send('text/css; charset=utf-8', file('host-iframe.css')),
    '/examples/host-iframe-events.js': send('text/javascript; charset=utf-8', file('host-iframe-events.js')),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const port = Number(process.argv[2] || 8080);
  const dist = path.resolve(HERE, '..', 'dist');
  const formOrigin = `http://127.0.0.1:${port}`;
  const server = await startServer({
    root: dist, port, apiTarget: 'http://127.0.0.1:3001', routes: exampleRoutes(dist, formOrigin),
  });
  console.log(`dist/ on ${server.url}
iframe mode: http://localhost:${port}/examples/host-iframe.html
mount mode:  ${formOrigin}/examples/host-mount.html`);
}
