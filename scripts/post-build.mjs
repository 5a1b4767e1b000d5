#!/usr/bin/env node
// @ts-check
// Trunk post_build hook (Trunk.toml): the steps that rewrite the staged index.html, one
// after the other. Trunk starts the hooks of one stage at the same time, so two hooks
// editing index.html would race and one edit could be lost.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// csp-loader first (our loader, integrity); page-scripts adds early-paint.js and the
// texts; mount-entry names the loader, early-paint.js and the CSS with their final
// integrity; merge-css inlines the page's one stylesheet (mount.js keeps the parts);
// check-csp last: nothing inline a strict CSP would block.
const steps = ['csp-loader.mjs', 'meta-description.mjs', 'page-scripts.mjs', 'mount-entry.mjs', 'merge-css.mjs', 'check-csp.mjs'];
for (const step of steps) {
  execFileSync(process.execPath, [path.join(here, step), ...process.argv.slice(2)], { stdio: 'inherit' });
}
