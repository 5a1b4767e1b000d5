#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): the steps that rewrite the staged index.html, one
// after the other. Trunk starts the hooks of one stage at the same time, so two hooks
// editing index.html would race and one edit could be lost.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// mount-entry.mjs after csp-loader: it names the loader, JS and CSS with their final
// integrity; merge-css.mjs last: index.html gets one stylesheet, mount.js keeps the parts.
for (const step of ['csp-loader.mjs', 'meta-description.mjs', 'mount-entry.mjs', 'merge-css.mjs']) {
  execFileSync(process.execPath, [path.join(here, step), ...process.argv.slice(2)], { stdio: 'inherit' });
}
