#!/usr/bin/env node
// Staff workbench benchmark (a benchmark, not a test): in headless Chromium
// against the built dist/staff/,
//   - "Suggest matches" for 500 × 500 and 1,000 × 1,000 applicants: the time
//     from the click to the result on screen, the part spent in the matching
//     worker, and the longest frame the page missed meanwhile (the page must
//     stay usable: the work runs in a Web Worker);
//   - filtering 5,000 rows: one search keystroke to the new table on screen,
//     and one choice filter;
//   - opening the 5,000-row export;
//   - the staff bundle's size (brotli 11), worker included.
// Applicants are generated here as `receiver export --format jsonl` writes them
// (typed answers, readable words), shaped like real ones: every state, a few
// territories and "outside the US", ~40 % asking for their region, a third
// stating a gender or ethnicity preference, all seven ratings.
//
//   node bench/workbench.mjs             # needs a built dist/ (scripts/build.sh)
//   node bench/workbench.mjs --runs 5    # rounds per figure (median reported)
//
// Output: a table on stdout and bench/results/workbench.json. Timings on a busy
// two-core machine are noisy: read them as orders of magnitude.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';
import { startStaff, openWorkbench, openFiles } from '../tests/e2e/support/workbench.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
// --only suggest | filter: one part; --files DIR: keep the generated exports there.
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const FILES_DIR = args.includes('--files') ? args[args.indexOf('--files') + 1] : null;

// A small deterministic generator (xorshift), so every run sees the same people.
function rng(seed) {
  let x = BigInt(seed) || 1n;
  const mask = (1n << 64n) - 1n;
  return (n) => {
    x ^= x >> 12n; x ^= (x << 25n) & mask; x ^= x >> 27n;
    return Number(((x * 0x2545f4914f6cdd1dn) & mask) % BigInt(n));
  };
}
const STATES = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/cycles/fall-2020-mentor.json'), 'utf8'))
  .sections.flatMap((s) => s.fields).find((f) => f.id === 'state').options;
const GENDERS = ['Woman', 'Man', 'Non-binary', 'woman'];
const ETHNICITIES = ['White', 'Black', 'Latina', 'Asian American', 'latina'];
const COMPETENCIES = ['comp_client_group', 'comp_reference', 'comp_programming', 'comp_materials', 'comp_outreach', 'comp_admin', 'comp_professionalism'];
const FIRST = ['Ana', 'Luis', 'Priya', 'Hannah', 'Maya', 'Daniel', 'Grace', 'Samuel', 'Zoë', 'Omar', 'Mei', 'Tomás'];
const LAST = ['Ruiz', 'Romero', 'Shah', 'Berg', 'Okafor', 'Reyes', 'Liu', 'Brooks', 'Søren', 'Haddad', 'Chen', 'García'];

function exportLines(side, n, seed) {
  const r = rng(seed);
  const lines = [];
  for (let i = 0; i < n; i += 1) {
    const usStates = STATES.filter((o) => o.value !== 'outside_us');
    const roll = r(100);
    const state = roll === 0 ? 'outside_us' : roll === 1 ? null : usStates[r(r(100) < 97 ? 51 : usStates.length)].value;
    const answers = {
      first_name: FIRST[r(FIRST.length)],
      last_name: `${LAST[r(LAST.length)]}-${i}`,
      email: `person${i}@example.org`,
      institution: `${['Springfield', 'Riverside', 'Fairview', 'Madison'][r(4)]} Public Library`,
      position: ['Librarian', 'Library Associate', 'Branch Manager'][r(3)],
      city: ['Springfield', 'Riverside', 'Fairview'][r(3)],
      years_experience: r(30),
      region_match: r(100) < 40 ? 'yes' : 'no',
    };
    if (side === 'mentor') answers.membership_confirmed = true; else answers.age_confirmed = true;
    if (state) answers.state = state;
    if (r(3) === 0) { answers.gender = GENDERS[r(GENDERS.length)]; answers.gender_match = r(2) ? 'yes' : 'no_preference'; }
    if (r(3) === 0) { answers.ethnicity = ETHNICITIES[r(ETHNICITIES.length)]; answers.ethnicity_match = r(2) ? 'yes' : 'no_preference'; }
    for (const c of COMPETENCIES) answers[c] = 1 + r(5);
    const reference = `${side}-${seed}-${String(i).padStart(6, '0')}-0000-0000-000000000000`;
    lines.push(JSON.stringify({
      export_version: 1, cycle_id: `fall-2020-${side}`, reference, version: 1, versions: 1,
      received_at: '2026-12-01T10:00:00.000Z', submitted_at: '2026-12-01T09:59:00Z', answers, readable: {},
    }));
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function bundleSize() {
  const dir = path.join(DIST, 'staff');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // What the page loads: index.html, what it links, and the worker's three files.
  const linked = [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]);
  const files = ['index.html', ...linked, 'staff-worker_loader.js', 'staff-worker.js', 'staff-worker_bg.wasm'];
  const rows = files.filter((f) => fs.existsSync(path.join(dir, f))).map((f) => {
    const raw = fs.readFileSync(path.join(dir, f));
    const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    return { file: f, raw: raw.length, brotli: br };
  });
  return { rows, total: rows.reduce((s, r) => s + r.brotli, 0), raw: rows.reduce((s, r) => s + r.raw, 0) };
}

/** Clicks "Suggest" and measures: to the result on screen, the worker's part, the longest frame meanwhile. */
async function timeSuggest(page) {
  return page.evaluate(async () => {
    const results = document.querySelector('.wb-results');
    const before = results.dataset.suggestion;
    const button = [...document.querySelectorAll('button[type=submit]')].find((b) => /Suggest/.test(b.textContent));
    let longest = 0;
    let last = performance.now();
    let done = false;
    const tick = (t) => { longest = Math.max(longest, t - last); last = t; if (!done) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const start = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => {
        if (results.dataset.suggestion && results.dataset.suggestion !== before && results.getAttribute('aria-busy') === 'false') resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    done = true;
    const total = performance.now() - start;
    const worker = Number((/Worked out in (\d+) ms/.exec(document.querySelector('.wb-result-summary').textContent) || [])[1]);
    return { total, worker, longestFrame: longest, summary: document.querySelector('.wb-result-summary').textContent };
  });
}

/**
 * One search keystroke: the input event, everything it starts (the filter, the
 * new rows), until the next frame is painted.
 */
async function timeKeystroke(page, text) {
  return page.evaluate(async (value) => {
    const input = document.querySelector('#wb-search');
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { ms: performance.now() - start, status: document.querySelector('#wb-table-status').textContent };
  }, text);
}

async function main() {
  if (!fs.existsSync(path.join(DIST, 'staff', 'index.html'))) {
    console.error('dist/staff/ is missing: run scripts/build.sh first');
    process.exit(2);
  }
  const work = FILES_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-bench-'));
  fs.mkdirSync(work, { recursive: true });
  const files = {};
  for (const [name, side, n, seed] of [
    ['mentors-500.jsonl', 'mentor', 500, 11], ['mentees-500.jsonl', 'mentee', 500, 12],
    ['mentors-1000.jsonl', 'mentor', 1000, 21], ['mentees-1000.jsonl', 'mentee', 1000, 22],
    ['mentees-5000.jsonl', 'mentee', 5000, 31],
  ]) {
    files[name] = path.join(work, name);
    fs.writeFileSync(files[name], exportLines(side, n, seed));
  }
  const staff = await startStaff({ dist: DIST });
  const browser = await launchBrowser();
  const out = { when: new Date().toISOString(), machine: { cpus: os.cpus().length, load: os.loadavg() }, runs: RUNS };
  try {
    for (const size of ONLY === 'filter' ? [] : [500, 1000]) {
      const rounds = [];
      for (let i = 0; i < RUNS; i += 1) {
        const wb = await openWorkbench(browser, staff);
        await openFiles(wb.page, [files[`mentors-${size}.jsonl`], files[`mentees-${size}.jsonl`]]);
        await wb.page.locator('.wb-nav__button', { hasText: 'Suggested matches' }).click();
        await wb.page.locator('.wb-results').waitFor();
        rounds.push(await timeSuggest(wb.page));
        if (wb.afterLoad.length) throw new Error(`requests after load: ${wb.afterLoad}`);
        await wb.close();
      }
      out[`suggest_${size}`] = {
        total_ms: median(rounds.map((r) => r.total)),
        worker_ms: median(rounds.map((r) => r.worker)),
        longest_frame_ms: median(rounds.map((r) => r.longestFrame)),
        summary: rounds[0].summary,
        rounds,
      };
    }
    if (ONLY !== 'suggest') {
      const wb = await openWorkbench(browser, staff);
      const t0 = Date.now();
      await openFiles(wb.page, [files['mentees-5000.jsonl']]);
      out.open_5000_ms = Date.now() - t0;
      const t1 = Date.now();
      await wb.page.locator('.wb-nav__button', { hasText: 'Applications' }).click();
      await wb.page.locator('.wb-table tbody tr').first().waitFor();
      out.table_5000_ms = Date.now() - t1;
      const keystrokes = [];
      for (let i = 0; i < RUNS; i += 1) {
        // Type "spring", one letter at a time, then clear it.
        let word = '';
        for (const ch of 'spring') {
          word += ch;
          keystrokes.push((await timeKeystroke(wb.page, word)).ms);
        }
        await timeKeystroke(wb.page, '');
      }
      const last = await timeKeystroke(wb.page, 'springfield librarian');
      out.filter_5000 = { keystroke_median_ms: median(keystrokes), keystroke_max_ms: Math.max(...keystrokes), example: last.status };
      await timeKeystroke(wb.page, '');
      const choice = await wb.page.evaluate(async () => {
        // Open the filters and let them be laid out before the clock starts.
        document.querySelector('details.wb-details')?.setAttribute('open', '');
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const select = [...document.querySelectorAll('.wb-filter select')].find((s) => s.labels[0]?.textContent.includes('region'));
        const status = document.querySelector('#wb-table-status');
        const before = status.textContent;
        const start = performance.now();
        select.value = select.options[1].value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        if (status.textContent === before) throw new Error('the choice filter changed nothing');
        return { ms: performance.now() - start, status: status.textContent };
      });
      out.filter_5000.choice_ms = choice.ms;
      out.filter_5000.choice_example = choice.status;
      await wb.close();
    }
  } finally {
    await browser.close();
    await staff.server.close();
    if (!FILES_DIR) fs.rmSync(work, { recursive: true, force: true });
  }
  out.bundle = bundleSize();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n) => `${Math.round(n)} ms`;
  console.log(`staff workbench bench (${RUNS} rounds, median; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  for (const size of [500, 1000].filter((n) => out[`suggest_${n}`])) {
    const s = out[`suggest_${size}`];
    console.log(`  suggest ${size} x ${size}: ${ms(s.total_ms)} click to result on screen (worker ${ms(s.worker_ms)}), longest frame meanwhile ${ms(s.longest_frame_ms)}`);
  }
  if (out.filter_5000) {
    console.log(`  open a 5,000-row export: ${ms(out.open_5000_ms)}; its table (5,000 rows worded, first page shown): ${ms(out.table_5000_ms)}`);
    console.log(`  filter 5,000 rows: a search keystroke ${ms(out.filter_5000.keystroke_median_ms)} (max ${ms(out.filter_5000.keystroke_max_ms)}), a choice filter ${ms(out.filter_5000.choice_ms)}`);
  }
  console.log(`  staff bundle: ${kb(out.bundle.total)} brotli-11 (${kb(out.bundle.raw)} raw)`);
  for (const r of out.bundle.rows) console.log(`    ${r.file.padEnd(40)} ${kb(r.raw).padStart(10)} raw ${kb(r.brotli).padStart(10)} br`);
  fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench/results/workbench.json'), JSON.stringify(out, null, 2));
}

await main();
