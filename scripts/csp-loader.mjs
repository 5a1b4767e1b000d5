#!/usr/bin/env node
// Trunk post_build hook: make the built index.html run under a strict CSP
//   default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; ...
// (no 'unsafe-inline'). Trunk writes an inline <script type="module"> that imports
// the wasm-bindgen JS and calls init(); this moves every inline script (and any
// inline <style>) into a content-hashed file next to index.html, referenced with
// Subresource Integrity, and makes sure the stylesheet / module / wasm links carry
// an integrity attribute. Fails the build if inline event handlers or style=""
// attributes remain, since no CSP without 'unsafe-inline' would allow them.
//
// It also minifies, with terser, the loader and the wasm-bindgen JS module (release
// builds: Trunk's own minifier fails on that module; Lighthouse flags unminified JS)
// and updates their integrity attributes.
//
// Run by Trunk (Trunk.toml, [[hooks]] stage = "post_build"), which sets
// TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL and TRUNK_PROFILE. By hand:
//   node scripts/csp-loader.mjs dist
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: no folder given (argument or TRUNK_STAGING_DIR)');
  process.exit(2);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || './';
// Debug builds (trunk serve) stay readable; by hand (no Trunk) the dist is a release.
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
// Module code, as wasm-bindgen writes it: top-level names are exports or module-local,
// so mangling them is safe; `import.meta` needs module mode.
const minifyJs = async (code, file) => {
  if (!release) return code;
  try {
    const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    return out.code + '\n';
  } catch (e) {
    console.error(`csp-loader: terser could not minify ${file}: ${e.message}`);
    process.exit(1);
  }
};
const htmlFile = path.join(dir, 'index.html');
let html = fs.readFileSync(htmlFile, 'utf8');

const sri = (buf) => `sha384-${crypto.createHash('sha384').update(buf).digest('base64')}`;
const shortHash = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4]) : (new RegExp(`\\s${name}(\\s|>|/)`, 'i').test(tag) ? '' : null);
};
const isLocal = (href) => href && !/^([a-z]+:)?\/\//i.test(href) && !href.startsWith('data:');
const localFile = (href) => path.join(dir, decodeURIComponent(href.replace(/^\.?\//, '').replace(/^(\.\.\/)+/, '').split(/[?#]/)[0]));
const moved = [];
async function replaceAsync(text, re, fn) {
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index), await fn(...m));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}
let devInline = 0;

// Strip comments from the scan (but keep them in the output) by matching them first.
const SCRIPT_RE = /<!--[\s\S]*?-->|<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
html = await replaceAsync(html, SCRIPT_RE, async (whole, attrs, body) => {
  if (whole.startsWith('<!--') || attrs === undefined) return whole;
  if (attr(`<script${attrs}>`, 'src') !== null) return whole;
  const type = (attr(`<script${attrs}>`, 'type') || '').toLowerCase();
  const isModule = type === 'module';
  const executable = isModule || type === '' || /^(text|application)\/(java|ecma)script$/.test(type);
  if (!executable) return whole; // data blocks (JSON, templates) are not subject to script-src
  if (!body.trim()) return '';
  // trunk serve's autoreload script: its {{__TRUNK_ADDRESS__}} placeholder is filled
  // in per response, so it must stay inline (dev server only; it sends no CSP).
  if (body.includes('{{__TRUNK')) { devInline += 1; return whole; }
  let code = body.trim() + '\n';
  if (isModule) {
    // The loader now lives in its own file: resolve the wasm next to it instead of
    // against the document's base URL, so a host page that mounts the app (other
    // path, other base) still finds it. Imports already resolve against the module.
    code = code.replace(/(['"])((?:\.\/|\/)?[^'"\s]+_bg\.wasm)\1/g, (m, q, p) => `new URL(${q}${p.replace(/^\.?\//, './')}${q}, import.meta.url)`);
    code = code.replace(/(from\s+)(['"])\/(?!\/)/g, '$1$2./');
    // Paint before the wasm (docs/prerender.md): when early-paint.js is painting the
    // page, start the wasm's compile and main() after it, so they do not hold the main
    // thread while it paints. The download is not delayed (the wasm is preloaded), and
    // without early-paint.js (mount mode, the preview) this waits for nothing.
    code = `await globalThis.__mentorFormPainted;\n${code}`;
  }
  const buf = Buffer.from(await minifyJs(code, 'the loader'), 'utf8');
  const name = `loader-${shortHash(buf)}.js`;
  fs.writeFileSync(path.join(dir, name), buf);
  moved.push(name);
  const typeAttr = isModule ? ' type="module"' : ' defer';
  return `<script${typeAttr} src="${publicUrl}${name}" integrity="${sri(buf)}" crossorigin="anonymous"></script>`;
});

// Inline <style> blocks -> hashed stylesheet.
html = html.replace(/<!--[\s\S]*?-->|<style\b([^>]*)>([\s\S]*?)<\/style\s*>/gi, (whole, attrs, body) => {
  if (whole.startsWith('<!--') || attrs === undefined) return whole;
  if (!body.trim()) return '';
  const buf = Buffer.from(body.trim() + '\n', 'utf8');
  const name = `inline-${shortHash(buf)}.css`;
  fs.writeFileSync(path.join(dir, name), buf);
  moved.push(name);
  return `<link rel="stylesheet" href="${publicUrl}${name}" integrity="${sri(buf)}">`;
});

// The wasm-bindgen JS module(s) (modulepreload): minified in place. Trunk's integrity
// on their tags is then stale: dropped here, recomputed by the pass below.
const minified = [];
for (const m of [...html.matchAll(/<link\b[^>]*>/gi)]) {
  const tag = m[0];
  if ((attr(tag, 'rel') || '').toLowerCase() !== 'modulepreload') continue;
  const href = attr(tag, 'href');
  if (!isLocal(href) || !/\.m?js$/i.test(href)) continue;
  const file = localFile(href);
  if (!fs.existsSync(file) || !release) continue;
  const before = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, await minifyJs(before, href));
  minified.push(`${path.basename(file)} ${before.length} → ${fs.statSync(file).size} bytes`);
  html = html.replace(tag, tag.replace(/\s+integrity\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i, ''));
}

// Integrity on hashed subresources that lack it (Trunk normally adds it already).
// Not on the cycle file preload: cycle files are edited without a rebuild.
html = html.replace(/<!--[\s\S]*?-->|<(link|script)\b[^>]*>/gi, (tag, kind) => {
  if (!kind || attr(tag, 'integrity') !== null) return tag;
  const rel = (attr(tag, 'rel') || '').toLowerCase();
  const href = kind.toLowerCase() === 'script' ? attr(tag, 'src') : attr(tag, 'href');
  const wants = kind.toLowerCase() === 'script'
    ? !!href
    : rel === 'stylesheet' || rel === 'modulepreload' || (rel === 'preload' && /\.wasm$/i.test(href || ''));
  if (!wants || !isLocal(href)) return tag;
  const file = localFile(href);
  if (!fs.existsSync(file)) return tag;
  const extra = ` integrity="${sri(fs.readFileSync(file))}"${attr(tag, 'crossorigin') === null && rel !== 'stylesheet' ? ' crossorigin="anonymous"' : ''}`;
  return tag.replace(/\s*\/?>$/, (end) => `${extra}${end.includes('/') ? ' />' : '>'}`);
});

// Whatever is left inline cannot run under the policy: fail loudly.
const problems = [];
const scan = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<script\b[^>]*>(?:(?!<\/script>)[\s\S])*?\{\{__TRUNK[\s\S]*?<\/script>/g, '');
for (const m of scan.matchAll(/<[a-z][^>]*>/gi)) {
  const tag = m[0];
  if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`inline event handler: ${tag.slice(0, 120)}`);
  if (/\sstyle\s*=/i.test(tag)) problems.push(`style attribute: ${tag.slice(0, 120)}`);
  if (/^<script\b/i.test(tag) && attr(tag, 'src') === null) {
    const type = (attr(tag, 'type') || '').toLowerCase();
    if (!type || type === 'module' || /javascript/.test(type)) problems.push(`inline script: ${tag}`);
  }
  if (/^<style\b/i.test(tag)) problems.push(`inline style element: ${tag}`);
  if (/\shref\s*=\s*["']?\s*javascript:/i.test(tag)) problems.push(`javascript: URL: ${tag.slice(0, 120)}`);
}
if (problems.length) {
  console.error(`csp-loader: ${htmlFile} still has content a strict CSP blocks:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

fs.writeFileSync(htmlFile, html);
console.log(`csp-loader: ${moved.length ? `moved inline code to ${moved.join(', ')}` : 'no inline code found'}; ${minified.length ? `minified ${minified.join(', ')}; ` : ''}index.html is CSP-clean${devInline ? ' (except trunk serve\'s autoreload script)' : ''}`);
