// @ts-check
// What in an HTML document a strict Content-Security-Policy (no 'unsafe-inline') would
// block: inline scripts, inline event handlers, style attributes, javascript: URLs, and
// inline <style> other than the one stylesheet the build allows by hash.
import fs from 'node:fs';
import path from 'node:path';
import { elements, getAttr, hasAttr, textOf, startTag } from './html.mjs';
import { cspHash } from './hash.mjs';
import * as C from '../contract.mjs';

/**
 * @param {import('./html.mjs').Document} doc
 * @param {{ styleHashes?: string[] }} [allowed] CSP hashes (`'sha256-…'`) of allowed inline styles
 * @returns {string[]} one line per problem
 */
export function cspProblems(doc, { styleHashes = [] } = {}) {
  /** @type {string[]} */
  const problems = [];
  for (const el of elements(doc, { intoTemplates: true })) {
    const tag = startTag(el).slice(0, 160);
    for (const a of el.attrs) {
      if (/^on[a-z]+$/i.test(a.name)) problems.push(`inline event handler: ${tag}`);
      if (a.name === 'style') problems.push(`style attribute: ${tag}`);
      if ((a.name === 'href' || a.name === 'src' || a.name === 'action') && /^\s*javascript:/i.test(a.value)) problems.push(`javascript: URL: ${tag}`);
    }
    if (el.tagName === 'script' && !hasAttr(el, 'src')) {
      const type = (getAttr(el, 'type') || '').toLowerCase();
      const executable = type === '' || type === 'module' || /javascript|ecmascript/.test(type);
      // trunk serve's autoreload script is filled in per response (dev only, no CSP).
      if (executable && !textOf(el).includes('{{__TRUNK')) problems.push(`inline script: ${tag}`);
    }
    if (el.tagName === 'style') {
      const allowed = getAttr(el, C.ATTR_CRITICAL_CSS) !== null && styleHashes.includes(cspHash(textOf(el)));
      if (!allowed) problems.push(`inline style element without an allowed hash: ${tag}`);
    }
  }
  return problems;
}

/**
 * The style hashes the build allows (deploy/style-src.txt in the built folder), none
 * when the file is absent.
 * @param {string} folder
 */
export function allowedStyleHashes(folder) {
  const file = path.join(folder, 'deploy', 'style-src.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split(/\s+/).filter((s) => s.startsWith("'sha256-")) : [];
}
