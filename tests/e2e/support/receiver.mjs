// Starts the real receiver binary (receiver/ crate, built with
// `--features test-switches`) as a child process with its test switches on,
// and wraps its control endpoints.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RECEIVER_BIN = process.env.RECEIVER_BIN || path.join(ROOT, 'target/debug/receiver');

const READY_RE = /receiver listening on (http:\/\/[^\s]+) \(data: (.*)\)/;

/**
 * options:
 *   port: 0 (any free port) or a fixed port (used to restart on the same port)
 *   origins: list of origins passed as --allow-origin
 *   dataDir: folder for the SQLite database submissions.db (a fresh temp dir by default)
 *   args: extra command-line arguments, e.g. ['--max-answer-chars', '20']
 * The per-client rate limit is raised far above anything a test sends (every
 * test talks from 127.0.0.1); pass '--rate-burst' in `args` to test it.
 * Returns { url, port, dataDir, dataFile, setFaults, reset, stats, submissions, stop, output }.
 */
export async function startReceiver({ port = 0, origins = [], dataDir, args: extra = [] } = {}) {
  if (!fs.existsSync(RECEIVER_BIN)) {
    throw new Error(`receiver binary not found at ${RECEIVER_BIN} (build it with cargo build -p receiver --features test-switches, or set RECEIVER_BIN)`);
  }
  const dir = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-receiver-'));
  const dataFile = path.join(dir, 'submissions.db');
  const args = ['--port', String(port), '--data', dataFile, '--test-switches'];
  if (!extra.includes('--rate-burst')) args.push('--rate-burst', '100000', '--rate-per-minute', '100000');
  args.push(...extra);
  for (const o of origins) args.push('--allow-origin', o);
  const child = spawn(RECEIVER_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); }));

  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`receiver did not report "receiver listening on" within 15 s; output:\n${output.join('')}`)), 15_000);
    const onData = (chunk) => {
      const s = chunk.toString();
      output.push(s);
      buf += s;
      const m = READY_RE.exec(buf);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => output.push(c.toString()));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    exitPromise.then((e) => { clearTimeout(timer); reject(new Error(`receiver exited early (${JSON.stringify(e)}); output:\n${output.join('')}`)); });
  });
  const actualPort = Number(new URL(url).port);

  async function call(method, p, body) {
    const res = await fetch(url + p, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`receiver ${method} ${p} -> ${res.status}: ${text}`);
    try { return text ? JSON.parse(text) : null; } catch { return text; }
  }

  return {
    url,
    port: actualPort,
    dataDir: dir,
    dataFile,
    output,
    setFaults: (faults) => call('POST', '/__faults', faults),
    reset: () => call('POST', '/__reset', {}),
    stats: () => call('GET', '/__stats'),
    submissions: () => call('GET', '/__submissions'),
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 3_000);
      await exitPromise;
      clearTimeout(t);
    },
  };
}
