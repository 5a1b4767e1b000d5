// For the web team (issue 15), on two loopback origins:
//   origin B: the bundle from a FRESH CLONE's `scripts/build.sh`, served by a real nginx
//             with exactly the README's server block (only port, folder and receiver
//             address changed), in front of the real receiver;
//   origin A: a hostile CMS page that mounts the form with the README's mount snippet
//             as written (its host name replaced by origin B), or embeds it in an
//             iframe with the README's iframe snippet.
// Set WEB_TEAM_DIST=<dist folder> to skip the fresh clone while working on this file.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, newPage, axeCheck, shoot, errorsMessage } from './support/browser.mjs';
import { startReceiver } from './support/receiver.mjs';
import { DEFAULT_CYCLE_PATH } from '../../scripts/contract.mjs';
import { ROOT, fillValidApplication, pathOf, sendButton, eventually, sleep } from './support/app.mjs';

const T = { timeout: 240_000 };
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const THEME_BUTTON = 'rgb(29, 78, 216)';
const HOSTILE_CSS = `
  * { box-sizing: content-box !important; }
  a { color: yellow !important; }
  input, button, select, textarea { all: unset; }
  html { font-size: 10px; }
  h1, legend, label { text-transform: uppercase; }
  [data-mentor-form] { --mf-button: #1d4ed8; }
`;

/** The fenced block right after `<!-- marker -->` in the README. */
function readmeBlock(marker) {
  const at = README.indexOf(`<!-- ${marker} -->`);
  assert.ok(at >= 0, `README has no <!-- ${marker} --> block`);
  const m = /```[a-z]*\n([\s\S]*?)```/.exec(README.slice(at));
  assert.ok(m, `no code block after <!-- ${marker} -->`);
  return m[1];
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** `git clone` this checkout's HEAD and run its `scripts/build.sh`, as a deploy pipeline would. */
function freshCloneBuild() {
  if (process.env.WEB_TEAM_DIST) return process.env.WEB_TEAM_DIST;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-fresh-clone-'));
  // nginx's workers run as www-data: they must be able to read the clone's dist/.
  fs.chmodSync(dir, 0o755);
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], { stdio: 'inherit' });
  // build.sh installs (or skips) its tools itself. The crates it compiles are cached in
  // this checkout's target folder, so CI does not compile every dependency twice; the
  // clone's own crate is built from the clone's sources (its own path, its own unit).
  execFileSync('bash', ['scripts/build.sh'], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 25 * 60_000,
    env: { ...process.env, CARGO_TARGET_DIR: path.join(ROOT, 'target') },
  });
  return path.join(dir, 'dist');
}

/**
 * nginx with the README's server block, adapted only in port, root, receiver and the
 * host site allowed to frame the form (the block's www.ala.org).
 */
async function startNginx(dist, receiverPort, hostOrigin) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-nginx-'));
  const block = readmeBlock('nginx-snippet')
    .replace(/listen 443 ssl;/, `listen 127.0.0.1:${port};`)
    .replaceAll('/srv/mentor-form', dist)
    .replace(/proxy_pass http:\/\/127\.0\.0\.1:3001;/g, `proxy_pass http://127.0.0.1:${receiverPort};`)
    .replaceAll('https://www.ala.org', hostOrigin);
  assert.ok(block.includes(`listen 127.0.0.1:${port}`) && block.includes(`root ${dist};`), 'README nginx block did not adapt');
  const conf = `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
${block}
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn('/usr/sbin/nginx', ['-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stderr.on('data', (c) => output.push(c.toString()));
  const up = await eventually(() => fetch(`http://127.0.0.1:${port}/mount.js`).then((r) => r.ok).catch(() => false), { timeout: 10_000 });
  if (!up) child.kill('SIGKILL');
  assert.ok(up, `nginx did not serve mount.js: ${output.join('')} ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    dist,
    stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGQUIT'); setTimeout(() => child.kill('SIGKILL'), 3_000); }),
  };
}

/** Origin A: the CMS page, with the README snippet pointing at origin B. */
async function startHost(formOrigin, port) {
  const mount = readmeBlock('mount-snippet').replaceAll('https://apply.example.org', formOrigin);
  const iframe = readmeBlock('iframe-snippet').replaceAll('https://apply.example.org', formOrigin);
  const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mentoring – Library Association</title><link rel="stylesheet" href="/cms.css"></head>
<body><header><p>Library Association</p><nav><a href="/">Home</a></nav></header>
<main><h1>Become a mentor</h1>${body}</main><footer><a href="/">Contact us</a></footer></body></html>`;
  const routes = {
    '/cms.css': ['text/css', HOSTILE_CSS],
    '/': ['text/html', page(mount)],
    '/iframe': ['text/html', page(iframe)],
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    // The CMS serves its page for the form's own routes too (deep links under it).
    const [type, body] = routes[url.pathname] || routes['/'];
    res.setHeader('Content-Type', `${type}; charset=utf-8`);
    res.end(body);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

let browser;
let receiver;
let nginx;
let host;

const inForm = (page, selector) => page.locator(`[data-mentor-form] ${selector}`);

describe('web team: fresh-clone build, nginx from the README, mount snippet on a hostile CMS page', () => {
  before(async () => {
    const dist = freshCloneBuild();
    assert.ok(fs.existsSync(path.join(dist, 'mount.js')), 'scripts/build.sh made no mount.js');
    const hostPort = await freePort();
    const hostOrigin = `http://127.0.0.1:${hostPort}`;
    // The receiver must accept the CMS origin (CORS preflight with Idempotency-Key).
    receiver = await startReceiver({ origins: [hostOrigin] });
    nginx = await startNginx(dist, receiver.port, hostOrigin);
    host = await startHost(nginx.origin, hostPort);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await nginx?.stop();
    await receiver?.stop();
  });

  test('only the documented headers: caching, CORS, wasm type, no-cache entries', T, async () => {
    const mount = await fetch(`${nginx.origin}/mount.js`);
    assert.equal(mount.headers.get('cache-control'), 'no-cache');
    assert.equal(mount.headers.get('access-control-allow-origin'), '*');
    const code = await mount.text();
    const wasm = /"href":"([^"]+_bg\.wasm)"/.exec(code)[1];
    const w = await fetch(`${nginx.origin}/${wasm}`);
    assert.equal(w.headers.get('content-type'), 'application/wasm');
    assert.match(w.headers.get('cache-control'), /immutable/);
    assert.equal(w.headers.get('access-control-allow-origin'), '*');
    const cycle = await fetch(`${nginx.origin}/${DEFAULT_CYCLE_PATH}`);
    assert.equal(cycle.headers.get('cache-control'), 'no-cache');
    assert.equal(cycle.headers.get('access-control-allow-origin'), '*');
    const deep = await fetch(`${nginx.origin}/section/about-you`);
    assert.equal(deep.status, 200);
    assert.match(deep.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
    // style-src names the build's hash of index.html's inline stylesheet (deploy/nginx-csp.conf).
    const styleSrc = fs.readFileSync(path.join(nginx.dist, 'deploy', 'style-src.txt'), 'utf8').trim();
    assert.match(styleSrc, /^'self' 'sha256-[A-Za-z0-9+/=]{44}'$/);
    assert.ok(deep.headers.get('content-security-policy').includes(`style-src ${styleSrc};`), deep.headers.get('content-security-policy'));
    assert.doesNotMatch(deep.headers.get('content-security-policy'), /unsafe-inline/);
    const preview = await fetch(`${nginx.origin}/preview`, { redirect: 'manual' });
    assert.equal(preview.status, 301);
  });

  for (const width of [1280, 375]) {
    test(`mount snippet as written, from another origin, at ${width} px: isolated, themed, axe-clean`, T, async (t) => {
      const { page, errors, close } = await newPage(browser, { width });
      t.after(close);
      await page.goto(`${host.origin}/`);
      await inForm(page, '.mf-root h1').waitFor({ state: 'visible', timeout: 30_000 });
      const inside = await page.evaluate(() => {
        const hostEl = document.querySelector('[data-mentor-form]');
        const root = hostEl.shadowRoot;
        if (!root) return null;
        const link = root.querySelector('.mf-contact a, a[href^="mailto:"]');
        const h1 = root.querySelector('.mf-root h1');
        const button = root.querySelector('a.mf-button, button.mf-button');
        return {
          linkColor: link && getComputedStyle(link).color,
          h1Transform: getComputedStyle(h1).textTransform,
          h1Size: parseFloat(getComputedStyle(h1).fontSize),
          buttonBg: button && getComputedStyle(button).backgroundColor,
          boxSizing: getComputedStyle(h1).boxSizing,
          hostH1Transform: getComputedStyle(document.querySelector('main > h1')).textTransform,
        };
      });
      assert.ok(inside, 'the form is not inside a shadow root');
      assert.notEqual(inside.linkColor, 'rgb(255, 255, 0)', 'a host !important rule reached the form\'s links');
      assert.equal(inside.h1Transform, 'none');
      assert.equal(inside.hostH1Transform, 'uppercase', 'the host page itself keeps its own rules');
      assert.ok(inside.h1Size >= 24, `the host's 10px root size shrank the form's heading to ${inside.h1Size}px`);
      assert.equal(inside.buttonBg, THEME_BUTTON, 'the host\'s theme variable does not reach the form');
      const violations = await axeCheck(page, { include: '[data-mentor-form]' });
      assert.deepEqual(violations, [], `axe inside the mounted form:\n  ${violations.join('\n  ')}`);
      await shoot(page, `web-team-mount-start-${width}`);
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }

  test('mounted in the shadow root: error summary links move focus, labels and descriptions hold, a full send reaches the receiver', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await page.goto(`${host.origin}/`);
    await inForm(page, 'a.mf-button').click();
    await inForm(page, 'form[novalidate] button[type=submit]').click();
    const summary = inForm(page, '.mf-error-summary');
    await summary.waitFor({ state: 'visible' });
    await shoot(page, 'web-team-mount-membership-errors');
    await summary.locator('a').first().click();
    const focused = await page.evaluate(() => document.querySelector('[data-mentor-form]').shadowRoot.activeElement?.id);
    assert.equal(focused, 'f-membership_confirmed', 'the error summary link did not focus its field');
    // The checkbox is named by its label and described by its error, inside the shadow root.
    const box = page.getByRole('checkbox', { name: /ALSC member/ });
    assert.equal(await box.count(), 1);
    assert.match(await box.getAttribute('aria-describedby'), /f-membership_confirmed-error/);
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    await fillValidApplication(page, { url: `${host.origin}/` }, { fromStart: false });
    await sendButton(page).click();
    await eventually(() => pathOf(page) === '/confirmation', { timeout: 20_000 });
    await inForm(page, '.mf-reference').waitFor({ state: 'visible' });
    const stored = await receiver.submissions();
    assert.equal(stored.length, 1, 'the submission did not reach the receiver across origins');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('iframe snippet as written, from another origin: the form renders and works', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await page.goto(`${host.origin}/iframe`);
    const frame = page.frameLocator('iframe');
    await frame.locator('.mf-root h1').first().waitFor({ state: 'visible', timeout: 30_000 });
    await frame.locator('a.mf-button').click();
    await frame.locator('#f-membership_confirmed').waitFor({ state: 'visible' });
    await sleep(200);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
