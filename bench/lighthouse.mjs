// Lighthouse mode of the bench (`node bench/run.mjs --lighthouse`): Lighthouse 12.2.3
// (npm, pinned) with its default mobile settings (simulated slow 4G, 4× CPU) on the app
// at its first section and on the plain page, interleaved round by round, a fresh
// Chromium for every run. Reports the median largest contentful paint (target: within
// 1.2× of the plain page) and performance score (target: 100), with every run's
// figures, into bench/results/lighthouse.json. Not a test: the figures depend on the
// machine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const LCP_RATIO_TARGET = 1.2;
const SCORE_TARGET = 100;

const median = (values) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/** One Lighthouse run on `url` in a fresh headless Chromium. */
async function once(url, chromium) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromium,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const lhr = result.lhr;
    const audit = (id) => lhr.audits[id]?.numericValue ?? null;
    return {
      score: lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
      lcp: audit('largest-contentful-paint'),
      fcp: audit('first-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      si: audit('speed-index'),
      lcpElement: lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
      runtimeError: lhr.runtimeError?.message ?? null,
      warnings: lhr.runWarnings,
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * @param {{ servers: Record<string, { origin: string }>, appPath: string, runs: number, chromium: string, resultsDir: string }} o
 */
export async function runLighthouse({ servers, appPath, runs, chromium, resultsDir }) {
  const pages = [
    ['app', `${servers.app.origin}/${appPath}`],
    ['baseline', `${servers.baseline.origin}/baseline.html`],
  ];
  const results = { app: [], baseline: [] };
  const started = Date.now();
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? [...pages].reverse() : pages;
    for (const [name, url] of order) {
      process.stdout.write(`[lighthouse] round ${i + 1}/${runs} ${name}… `);
      const r = await once(url, chromium);
      results[name].push(r);
      console.log(`score ${r.score}, LCP ${r.lcp?.toFixed(0)} ms, FCP ${r.fcp?.toFixed(0)} ms, TBT ${r.tbt?.toFixed(0)} ms${r.runtimeError ? `, error: ${r.runtimeError}` : ''}`);
    }
  }
  const med = Object.fromEntries(Object.entries(results).map(([k, rs]) => [k, {
    score: median(rs.map((r) => r.score)), lcp: median(rs.map((r) => r.lcp)), fcp: median(rs.map((r) => r.fcp)),
    tbt: median(rs.map((r) => r.tbt)), si: median(rs.map((r) => r.si)), lcpElement: rs.at(-1)?.lcpElement,
  }]));
  const ratio = med.app.lcp && med.baseline.lcp ? med.app.lcp / med.baseline.lcp : null;
  console.log('');
  console.log(`Lighthouse 12.2.3, mobile (simulated slow 4G, 4× CPU), ${runs} interleaved rounds in ${((Date.now() - started) / 60000).toFixed(1)} min; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  for (const [name, m] of Object.entries(med)) {
    console.log(`  ${name.padEnd(8)} score ${m.score}  LCP ${m.lcp?.toFixed(0)} ms  FCP ${m.fcp?.toFixed(0)} ms  TBT ${m.tbt?.toFixed(0)} ms  SI ${m.si?.toFixed(0)} ms  LCP element ${m.lcpElement ?? '—'}`);
  }
  console.log('Targets');
  console.log(`  ${ratio !== null && ratio <= LCP_RATIO_TARGET ? 'PASS' : 'FAIL'}  LCP within ${LCP_RATIO_TARGET}× of the plain page: ${ratio?.toFixed(2)}×`);
  console.log(`  ${med.app.score >= SCORE_TARGET ? 'PASS' : 'FAIL'}  performance score ${SCORE_TARGET}: ${med.app.score}`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, 'lighthouse.json');
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), loadavg: os.loadavg(), runs, median: med, lcpRatio: ratio, results }, null, 2));
  console.log(`[lighthouse] wrote ${path.relative(process.cwd(), file)}`);
}
