#!/usr/bin/env node
// @ts-check
// Size breakdown of the applicant's wasm (bench/README.md, "Where the bytes are").
//
//   node scripts/wasm-breakdown.mjs [--bin mentor-form] [--label NAME] [--wasm FILE]
//
// Builds the binary with its symbols kept (CARGO_PROFILE_RELEASE_STRIP=false, in its own
// target dir target/named so the shipped build's artifacts stay as they are; the first
// build there compiles every dependency, ~15 min on two busy cores) unless --wasm names
// a cargo-built .wasm with symbols, and runs it through the same steps as Trunk:
// wasm-bindgen --target web, then wasm-opt with the flags of index.html, plus -g so
// the function names survive.
// Then twiggy (`cargo install twiggy`): the largest items by shallow and by retained
// size, and every item's shallow size summed by crate. Also sums the data segments'
// source-path strings (panic locations), which twiggy cannot attribute.
// Writes bench/results/breakdown-<label>.txt (git-ignored) and prints the tables.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** @param {string} name @returns {string | null} */
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : null; };
const bin = opt('--bin') ?? 'mentor-form';
const label = opt('--label') ?? 'latest';
const givenWasm = opt('--wasm');
const input = givenWasm ? path.resolve(givenWasm) : path.join(ROOT, 'target/named/wasm32-unknown-unknown/release', `${bin}.wasm`);
const out = path.join(ROOT, 'target/breakdown', label);
const env = { ...process.env, PATH: `${ROOT}/node_modules/.bin:${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
/** @param {string} cmd @param {string[]} argv */
const run = (cmd, argv) => execFileSync(cmd, argv, { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

if (!givenWasm) {
  execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--bin', bin], {
    cwd: ROOT, stdio: 'inherit', env: { ...env, CARGO_TARGET_DIR: path.join(ROOT, 'target/named'), CARGO_PROFILE_RELEASE_STRIP: 'false' },
  });
}
if (!fs.existsSync(input)) {
  console.error(`wasm-breakdown: ${input} missing`);
  process.exit(1);
}
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, '--out-name', bin, input]);
const bindgen = path.join(out, `${bin}_bg.wasm`);
// The same passes as Trunk's release build (index.html: data-wasm-opt="z" and its params).
const html = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
const params = (/data-wasm-opt-params="([^"]*)"/.exec(html)?.[1] || '').split(/\s+/).filter(Boolean);
const level = /data-wasm-opt="(\w+)"/.exec(html)?.[1] || 'z';
const named = path.join(out, `${bin}.named.wasm`);
const stripped = path.join(out, `${bin}.opt.wasm`);
run('wasm-opt', [`-O${level}`, ...params, '-g', bindgen, '-o', named]);
run('wasm-opt', [`-O${level}`, ...params, bindgen, '-o', stripped]);
/** @param {Buffer} buf */
const br = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const strippedBuf = fs.readFileSync(stripped);

// ---- twiggy: every item, shallow size (sums to the module size)
const csv = run('twiggy', ['top', '-n', '1000000', '--format', 'csv', named]);
const items = [];
// Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent; the name is
// quoted when it holds a comma or a quote.
for (const line of csv.split('\n').slice(1)) {
  const m = /^("(?:[^"]|"")*"|[^,]*),(\d+),/.exec(line);
  if (!m) continue;
  let name = m[1];
  if (name.startsWith('"')) name = name.slice(1, -1).replace(/""/g, '"');
  // The name section is there only for this report; it is not shipped.
  if (name === '"function names" subsection' || name.startsWith('"local names"')) continue;
  items.push({ name, size: Number(m[2]) });
}

/** @param {string} raw */
function group(raw) {
  const name = raw.replace(/\[[0-9a-f]{8,}\]/g, ''); // crate disambiguators: dlmalloc[e24a…]
  if (/^data\[\d+\]$/.test(name) || name.startsWith('data segment')) return 'data segments (strings, tables)';
  if (/^(elem|table|type|import|export|global|memory|start|func|code)\[\d+\]/.test(name)) return 'wasm structure / unnamed';
  if (/^(code|elem|table|type|import|export|global|memory|start)\b/.test(name) && !name.includes('::')) return 'wasm structure / unnamed';
  if (name.startsWith('"function names"') || name.includes('custom section')) return 'custom sections';
  if (/\b(core|alloc|std)::fmt\b/.test(name) || /\bFormatter\b/.test(name)) return 'std/fmt';
  if (/^(__wbg|__wbindgen|__externref|wasm_bindgen)/.test(name)) return 'wasm_bindgen';
  // <A as B>::f belongs to A's crate; otherwise the first path segment.
  const stripped = name.replace(/^[<&\s*]+(mut\s+|dyn\s+)?/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(stripped);
  if (!m) return 'other';
  const crate = m[1];
  if (['core', 'alloc', 'std'].includes(crate)) return 'std/core/alloc';
  if (crate === 'mentor_form' || crate === 'preview') return 'mentor_form (our crate)';
  return crate;
}
const byGroup = new Map();
for (const it of items) {
  const g = group(it.name);
  const e = byGroup.get(g) || { size: 0, count: 0 };
  e.size += it.size;
  e.count += 1;
  byGroup.set(g, e);
}
const total = items.reduce((s, it) => s + it.size, 0);
const groups = [...byGroup.entries()].sort((a, b) => b[1].size - a[1].size);
/** @param {number} n */
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---- source paths in the data (panic locations): bytes and by crate
const namedBuf = fs.readFileSync(named);
const text = namedBuf.toString('latin1');
const pathRe = /[\x20-\x7e]*?([A-Za-z0-9_.-]+\/)+[A-Za-z0-9_.-]+\.rs/g;
let pathBytes = 0;
const pathsByCrate = new Map();
for (const m of text.matchAll(pathRe)) {
  pathBytes += m[0].length;
  const c = /([a-z_][a-z0-9_-]*)-\d+\.\d+\.\d+[^/]*\//.exec(m[0])?.[1] || (m[0].startsWith('src/') ? 'mentor_form' : /library\/(\w+)\//.exec(m[0])?.[1] || 'other');
  pathsByCrate.set(c, (pathsByCrate.get(c) || 0) + m[0].length);
}

const lines = [];
lines.push(`wasm breakdown (${label}): ${path.relative(ROOT, input)} → wasm-bindgen → wasm-opt -O${level} -g`);
lines.push(`shipped (same passes without -g): ${kb(strippedBuf.length)} raw, ${kb(br(strippedBuf))} brotli-11; with names: ${kb(namedBuf.length)} raw`);
lines.push('');
lines.push(`shallow size by crate (twiggy top, ${items.length} items, ${kb(total)} without the name section)`);
for (const [g, e] of groups) lines.push(`  ${g.padEnd(34)} ${kb(e.size).padStart(10)}  ${((100 * e.size) / total).toFixed(1).padStart(5)} %  ${String(e.count).padStart(6)} items`);
lines.push('');
lines.push(`source-path strings in the data (panic locations etc.): ${kb(pathBytes)} raw`);
for (const [c, n] of [...pathsByCrate.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${c.padEnd(24)} ${kb(n).padStart(10)}`);
lines.push('');
lines.push('largest items, shallow (twiggy top -n 25)');
lines.push(run('twiggy', ['top', '-n', '25', named]).trimEnd());
lines.push('');
lines.push('largest items, retained (twiggy top --retained -n 25)');
lines.push(run('twiggy', ['top', '--retained', '-n', '25', named]).trimEnd());
const report = lines.join('\n') + '\n';
const resDir = path.join(ROOT, 'bench/results');
fs.mkdirSync(resDir, { recursive: true });
fs.writeFileSync(path.join(resDir, `breakdown-${label}.txt`), report);
console.log(report);
console.log(`wrote bench/results/breakdown-${label}.txt`);
