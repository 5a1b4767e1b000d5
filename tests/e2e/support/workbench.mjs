// Helpers for the staff workbench's end-to-end tests and bench: fixture exports
// made by the real receiver, the built dist/staff/ served with the policy the
// web team sets, and the page opened with every request after load recorded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startReceiver, RECEIVER_BIN } from './receiver.mjs';
import { startServer } from './server.mjs';
import { newPage } from './browser.mjs';
import { ROOT, DIST } from './app.mjs';

export const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
/** Applications as the form submits them (valid for the shipped and the fixture cycles). */
export const APPLICATIONS = path.join(ROOT, 'workbench/tests/fixtures');
export const CYCLE_FILES = {
  mentor: path.join(FIXTURES, 'workbench-mentor-cycle.json'),
  mentee: path.join(FIXTURES, 'workbench-mentee-cycle.json'),
};

/**
 * The header the web team sets on /staff/ (docs/workbench.md): the page's own
 * files only while it loads (connect-src 'self' lets the loader fetch the wasm),
 * then the page adds `connect-src 'none'` itself.
 */
export const STAFF_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; form-action 'none'; base-uri 'none'; "
  + "object-src 'none'; frame-ancestors 'none'";

function formBody(meta, answers, names) {
  const pairs = Object.entries(meta).map(([k, v]) => [k, String(v)]);
  for (const [id, value] of Object.entries(answers)) {
    const name = names[id] ?? id;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push([name, String(v)]);
  }
  return new URLSearchParams(pairs).toString();
}

/**
 * Sends the fixture applications of `side` ('mentor' | 'mentee') to a running
 * receiver for `cycleFile`'s cycle, in that cycle's encoding, as the form would.
 * `transform(row, i)` may change a row (e.g. to make many applicants).
 */
export async function postApplications(receiver, side, cycleFile, { rows, transform = (r) => r } = {}) {
  const cycle = JSON.parse(fs.readFileSync(cycleFile, 'utf8'));
  const lines = rows ?? fs.readFileSync(path.join(APPLICATIONS, `${side}s.jsonl`), 'utf8')
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  const form = cycle.submit.encoding === 'form';
  let i = 0;
  for (const original of lines) {
    const row = transform({ ...original, cycle_id: cycle.id }, i++);
    const meta = {
      schema_version: 1,
      cycle_id: cycle.id,
      submitted_at: row.submitted_at,
      reference: row.reference,
      version: row.version,
    };
    const reply = await fetch(`${receiver.url}/api/submissions`, {
      method: 'POST',
      headers: {
        'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
        'Idempotency-Key': `${row.reference}.v${row.version}`,
      },
      body: form ? formBody(meta, row.answers, cycle.submit.field_names ?? {}) : JSON.stringify({ ...meta, answers: row.answers }),
    });
    if (!reply.ok) throw new Error(`${side} ${row.reference}: ${reply.status} ${await reply.text()}`);
  }
  return lines.length;
}

/** `receiver export --cycle … --format jsonl` of a receiver's database, written to `out`. */
export function exportJsonl(receiver, cycleFile, out) {
  const text = execFileSync(RECEIVER_BIN, ['export', '--cycle', cycleFile, '--format', 'jsonl', '--data', receiver.dataFile]);
  fs.writeFileSync(out, text);
  return out;
}

/**
 * The fixture's mentor and mentee exports, made by the real receiver now:
 * { dir, mentors, mentees, mentorCycle, menteeCycle } (file paths).
 */
export async function makeFixtureExports() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-'));
  const receiver = await startReceiver();
  try {
    await postApplications(receiver, 'mentor', CYCLE_FILES.mentor);
    await postApplications(receiver, 'mentee', CYCLE_FILES.mentee);
    return {
      dir,
      mentors: exportJsonl(receiver, CYCLE_FILES.mentor, path.join(dir, 'mentors.jsonl')),
      mentees: exportJsonl(receiver, CYCLE_FILES.mentee, path.join(dir, 'mentees.jsonl')),
      mentorCycle: CYCLE_FILES.mentor,
      menteeCycle: CYCLE_FILES.mentee,
    };
  } finally {
    await receiver.stop();
  }
}

/**
 * Serves dist/ (the page at /staff/) with the staff policy on every file.
 * `routes`: extra handlers by path (a fault, such as a missing worker).
 */
export async function startStaff({ dist = DIST, compress = false, routes = {} } = {}) {
  if (!fs.existsSync(path.join(dist, 'staff', 'index.html'))) {
    throw new Error(`${dist}/staff/index.html is missing: run scripts/build.sh first`);
  }
  const server = await startServer({ root: dist, compress, routes, headers: { 'Content-Security-Policy': STAFF_CSP } });
  return { server, url: `${server.origin}/staff/` };
}

/**
 * Opens the workbench and waits until it has started (its worker loaded and the
 * network closed). `afterLoad` then lists every request the page or its worker
 * made since (URLs), and `served()` the paths the server was asked for since.
 */
export async function openWorkbench(browser, staff, options = {}) {
  const p = await newPage(browser, options);
  p.page.setDefaultTimeout(20_000);
  let loaded = false;
  const afterLoad = [];
  p.context.on('request', (r) => { if (loaded) afterLoad.push(`${r.method()} ${r.url()}`); });
  await p.page.goto(staff.url);
  await p.page.waitForSelector('html[data-workbench-ready]', { timeout: 60_000 });
  loaded = true;
  const servedAtLoad = staff.server.requests.length;
  return {
    ...p,
    afterLoad,
    served: () => staff.server.requests.slice(servedAtLoad).map((r) => `${r.method} ${r.path}`),
  };
}

/** Opens files through the page's file picker; waits until each has its report. */
export async function openFiles(page, files) {
  const before = await page.locator('.wb-report').count();
  await page.setInputFiles('#wb-file', files);
  await page.locator('.wb-report').nth(before + files.length - 1).waitFor();
}
