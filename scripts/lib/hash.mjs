// @ts-check
// The build's hashes, in one place: Subresource Integrity, the short content hash in
// file names, the CSP hash of an inline block, and the cycle file's FNV-1a.
import crypto from 'node:crypto';

export { cycleHash } from './cycle-hash.js';

/** `sha384-…` for an `integrity` attribute. @param {Buffer | string} content */
export function sri(content) {
  return `sha384-${crypto.createHash('sha384').update(content).digest('base64')}`;
}

/** 16 hex digits of SHA-256, for `name-<hash>.ext`. @param {Buffer | string} content */
export function shortHash(content) {
  return crypto.createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** `'sha256-…'` as a CSP source for an inline `<style>` or `<script>` body. @param {string} content */
export function cspHash(content) {
  return `'sha256-${crypto.createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}
