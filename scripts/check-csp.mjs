#!/usr/bin/env node
// @ts-check
// Last Trunk post_build step: fails the build if index.html holds anything a strict CSP
// (script-src 'self'; style-src 'self' <the hash in deploy/style-src.txt>) would block,
// so a change that needs 'unsafe-inline' cannot ship unnoticed.
//
// By hand: node scripts/check-csp.mjs dist
import path from 'node:path';
import { readHtml } from './lib/html.mjs';
import { stagingDir } from './lib/dist.mjs';
import { cspProblems, allowedStyleHashes } from './lib/csp.mjs';

const dir = stagingDir('check-csp');
const htmlFile = path.join(dir, 'index.html');
const problems = cspProblems(readHtml(htmlFile), { styleHashes: allowedStyleHashes(dir) });
if (problems.length) {
  console.error(`check-csp: ${htmlFile} has content a strict CSP blocks:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('check-csp: index.html is CSP-clean');

