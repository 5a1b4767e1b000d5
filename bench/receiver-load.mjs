// Load benchmark for the receiver with durable writes: C concurrent clients
// send distinct applications (a realistic ~1 KB payload, a fresh reference and
// Idempotency-Key each) for S seconds; prints submissions/s and latency
// percentiles of the acknowledged ones.
//
//   node bench/receiver-load.mjs --bin target/release/receiver [--seconds 15] [--clients 50]
//        [--data /tmp/x.db] [--label sqlite] [--legacy-payload] [-- extra receiver args...]
//
// --legacy-payload leaves out `version` (the JSON Lines receiver of b0dfeb9
// refuses unknown keys).
//
// The receiver is started as a child process on a free port with its data in a
// fresh temp folder (so every write is a real fsync to that disk).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

function parseArgs(argv) {
  const opts = { seconds: 15, clients: 50, label: '', extra: [], legacy: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { opts.extra = argv.slice(i + 1); break; }
    if (a === '--legacy-payload') { opts.legacy = true; continue; }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--bin') opts.bin = v;
    else if (a === '--seconds') opts.seconds = Number(v);
    else if (a === '--clients') opts.clients = Number(v);
    else if (a === '--data') opts.data = v;
    else if (a === '--label') opts.label = v;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.bin) throw new Error('--bin PATH is required');
  return opts;
}

function payload(legacy) {
  const reference = randomUUID();
  return {
    reference,
    body: JSON.stringify({
      schema_version: 1, cycle_id: 'fall-2020-mentor', submitted_at: new Date().toISOString(),
      reference, ...(legacy ? {} : { version: 1 }),
      answers: {
        membership_confirmed: true, first_name: 'Zoë', last_name: 'Ñúñez-O’Brien', email: 'zoe@example.org',
        phone: '312-555-0100', institution: 'Chicago Public Library', position: "Children's Librarian",
        city: 'Chicago', state: 'IL', years_experience: 12, gender: 'Woman', gender_match: 'no_preference',
        ethnicity: 'Latina', ethnicity_match: 'yes', region_match: 'yes',
        comp_client_group: 5, comp_reference: 4, comp_programming: 3, comp_materials: 2,
        comp_outreach: 1, comp_admin: 4, comp_professionalism: 5,
        notes: 'I have mentored two new children’s librarians and run a summer reading program. '.repeat(6),
      },
    }),
  };
}

async function start(opts) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receiver-bench-'));
  const data = opts.data || path.join(dir, opts.label === 'jsonl' ? 'submissions.jsonl' : 'submissions.db');
  const child = spawn(opts.bin, ['--port', '0', '--data', data, ...opts.extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      const m = /receiver listening on (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`receiver exited (${code}) before it was ready`)));
  });
  return { child, url, data, dir: opts.data ? null : dir };
}

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const opts = parseArgs(process.argv.slice(2));
const server = await start(opts);
const end = Date.now() + opts.seconds * 1000;
const latencies = [];
const failures = {};
async function client() {
  while (Date.now() < end) {
    const { reference, body } = payload(opts.legacy);
    const t0 = performance.now();
    try {
      const res = await fetch(`${server.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${reference}.v1` },
        body,
      });
      await res.arrayBuffer();
      if (res.status === 201) latencies.push(performance.now() - t0);
      else failures[res.status] = (failures[res.status] || 0) + 1;
    } catch (e) {
      failures[e.cause?.code || e.name] = (failures[e.cause?.code || e.name] || 0) + 1;
    }
  }
}
const t0 = Date.now();
await Promise.all(Array.from({ length: opts.clients }, client));
const elapsed = (Date.now() - t0) / 1000;
const loadAfter = os.loadavg()[0];
server.child.kill('SIGTERM');
await new Promise((r) => server.child.on('exit', r));
latencies.sort((a, b) => a - b);
const result = {
  label: opts.label || path.basename(opts.bin),
  clients: opts.clients,
  seconds: Number(elapsed.toFixed(1)),
  stored: latencies.length,
  per_second: Number((latencies.length / elapsed).toFixed(1)),
  p50_ms: Number(pct(latencies, 50).toFixed(1)),
  p99_ms: Number(pct(latencies, 99).toFixed(1)),
  max_ms: Number((latencies.at(-1) ?? NaN).toFixed(1)),
  failures,
  load_average_1min: Number(loadAfter.toFixed(1)),
  cpus: os.cpus().length,
};
console.log(JSON.stringify(result));
// The applications are test data; don't leave them in /tmp.
if (server.dir) fs.rmSync(server.dir, { recursive: true, force: true });
