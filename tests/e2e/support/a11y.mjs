// What a screen reader gets from the page: Chromium's accessibility tree over
// CDP (Accessibility.getFullAXTree, which has descriptions and states that
// Playwright's aria snapshot leaves out), readable text snapshots kept in the
// repository, and a line diff for when they differ.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CYCLE_PATH } from '../../../scripts/contract.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT_DIR = path.resolve(HERE, '..', 'snapshots', 'a11y');
export const FIXTURE_DIR = path.resolve(HERE, '..', 'fixtures');
export const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

/** The fixture cycle (a copy of the mentor cycle with fixture texts). */
export function fixtureCycle() {
  return JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'a11y-cycle.json'), 'utf8'));
}

/**
 * Serve `cycle` wherever the app asks for its default cycle file (index.html's
 * data-cycle, its preload, and the preview's "shipped cycle"), so what is
 * checked depends on the fixture, not on the shipped file's wording.
 */
export async function serveCycle(page, cycle) {
  const body = JSON.stringify(cycle, null, 2);
  await page.route(`**/${DEFAULT_CYCLE_PATH}`, (route) => route.fulfill({
    status: 200, contentType: 'application/json; charset=utf-8', body, headers: { 'cache-control': 'no-cache' },
  }));
}

const propsOf = (node) => Object.fromEntries((node.properties || []).map((p) => [p.name, p.value?.value]));
const text = (v) => (v && v.value !== undefined ? String(v.value) : '');

/** Accessibility nodes, not ignored, with role, name, description, value and properties. */
export async function axNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const out = [];
    // Document order: a walk from the root (the CDP list is in no set order).
    const ordered = [];
    const walk = (n) => {
      ordered.push(n);
      for (const id of n.childIds || []) { const c = byId.get(id); if (c) walk(c); }
    };
    for (const root of nodes.filter((n) => !n.parentId || !byId.has(n.parentId))) walk(root);
    for (const n of ordered) {
      if (n.ignored) continue;
      const props = propsOf(n);
      // The nearest non-ignored ancestors' roles, to tell where a node sits.
      const ancestors = [];
      for (let p = byId.get(n.parentId); p; p = byId.get(p.parentId)) {
        if (!p.ignored) ancestors.push({ role: text(p.role), name: text(p.name), nodeId: p.nodeId });
      }
      out.push({
        nodeId: n.nodeId,
        backendId: n.backendDOMNodeId,
        role: text(n.role),
        name: text(n.name).trim(),
        description: text(n.description).trim(),
        value: text(n.value),
        props,
        ancestors,
        childIds: n.childIds || [],
      });
    }
    // Two states CDP's inspector does not pass on (checked in Chromium 156
    // on a static page): a slider's `valuetext` is the bare number (a
    // role=slider div with aria-valuetext="three" reports ""), and a
    // checkbox's aria-required is not reported at all. For those two the
    // element's own attribute, looked up through the DOM domain, is used.
    for (const n of out.filter((x) => (x.role === 'slider' || x.role === 'checkbox') && x.backendId)) {
      const { node } = await cdp.send('DOM.describeNode', { backendNodeId: n.backendId });
      const attrs = node.attributes || [];
      const attr = (name) => {
        for (let i = 0; i + 1 < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
        return undefined;
      };
      if (n.role === 'slider') n.props.valuetext = attr('aria-valuetext') ?? n.props.valuetext;
      if (n.role === 'checkbox' && attr('aria-required') === 'true') n.props.required = true;
    }
    return out;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export const CONTROL_ROLES = new Set(['textbox', 'combobox', 'checkbox', 'radio', 'slider', 'button', 'link', 'spinbutton', 'searchbox']);
export const FORM_ROLES = new Set(['textbox', 'combobox', 'checkbox', 'radio', 'slider']);

/** Interactive nodes in document order. */
export function controls(nodes) {
  return nodes.filter((n) => CONTROL_ROLES.has(n.role));
}

const STATES = ['required', 'invalid', 'checked', 'disabled', 'expanded', 'pressed', 'selected', 'focused'];

/** One control as text: role "name", then description, value text and states. */
export function describeControl(n) {
  const group = n.role === 'radio' ? n.ancestors.find((a) => a.role === 'group' || a.role === 'radiogroup') : null;
  const lines = [`${n.role} "${n.name}"${group ? ` (in group "${group.name}")` : ''}`];
  if (n.description) lines.push(`    description: "${n.description}"`);
  if (n.role === 'slider') lines.push(`    value text: "${n.props.valuetext ?? n.value}"`);
  if (n.role === 'combobox' && n.value) lines.push(`    value: "${n.value}"`);
  if (n.role === 'textbox' && n.value) lines.push(`    value: ${n.value.length > 80 ? `<${n.value.length} characters>` : `"${n.value}"`}`);
  const states = [];
  for (const s of STATES) {
    const v = n.props[s];
    if (s === 'focused') continue; // where focus is, is checked by the tests that move it
    if (v === undefined || v === false || v === 'false') continue;
    states.push(v === true || v === 'true' ? s : `${s}=${v}`);
  }
  if (states.length) lines.push(`    states: ${states.join(', ')}`);
  return lines.join('\n');
}

/** Live regions: each node with a `live` property and the text inside it. */
export function liveRegions(nodes) {
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const textUnder = (n) => {
    if (n.role === 'StaticText') return n.name;
    return n.childIds.map((id) => byId.get(id)).filter(Boolean).map(textUnder).filter(Boolean).join(' ');
  };
  return nodes
    .filter((n) => n.props.live && n.props.live !== 'off' && !(n.ancestors.some((a) => byId.get(a.nodeId)?.props.live)))
    .map((n) => ({ role: n.role, live: n.props.live, text: textUnder(n).replace(/\s+/g, ' ').trim() }));
}

/** Landmark roles present, as "role" or role "name". */
export function landmarks(nodes) {
  const roles = new Set(['banner', 'main', 'navigation', 'contentinfo', 'region', 'complementary', 'form', 'search']);
  return nodes.filter((n) => roles.has(n.role) && (n.role !== 'region' || n.name)).map((n) => (n.name ? `${n.role} "${n.name}"` : n.role));
}

/**
 * Text that changes from run to run without changing what is heard: the
 * application reference (whatever the receiver makes it), the cycle JSON in
 * the preview editor. Long option lists keep their first and last options.
 */
export function mask(s, { reference } = {}) {
  let out = s;
  if (reference) out = out.split(reference).join('<reference>');
  out = out
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<reference>')
    .replace(/(textbox "Cycle file \(JSON\)"): .*/g, '$1: <the cycle file>');
  const lines = out.split('\n');
  const kept = [];
  for (let i = 0; i < lines.length;) {
    const m = /^(\s*)- option /.exec(lines[i]);
    let j = i;
    while (m && j < lines.length && lines[j].startsWith(`${m[1]}- option `)) j++;
    if (m && j - i > 6) {
      kept.push(...lines.slice(i, i + 3), `${m[1]}- … ${j - i - 4} more options …`, lines[j - 1]);
      i = j;
    } else {
      kept.push(lines[i]);
      i++;
    }
  }
  return kept.join('\n');
}

/**
 * The snapshot text of one state: Playwright's aria snapshot of the page (the
 * structure a screen reader walks), then every control with its description
 * and states from Chromium's tree, then the live regions.
 */
export async function snapshotText(page, state, nodes) {
  const tree = await page.locator('body').ariaSnapshot();
  const body = [
    `# ${state}: what a screen reader finds on this screen.`,
    '# Written by tests/e2e/a11y_tree.test.mjs; after a deliberate change run',
    '#   UPDATE_SNAPSHOTS=1 node --test tests/e2e/a11y_tree.test.mjs',
    '# and review the difference like any other change.',
    '',
    '## Tree (Playwright aria snapshot)',
    tree,
    '',
    '## Controls (Chromium accessibility tree: role "name", description, states)',
    ...nodes.filter((n) => CONTROL_ROLES.has(n.role) || (n.role === 'group' && n.name)).map(describeControl),
    '',
    '## Live regions',
    ...liveRegions(nodes).map((r) => `${r.role} (${r.live}): "${r.text}"`),
    '',
  ].join('\n');
  const reference = await page.locator('.mf-reference').first().textContent({ timeout: 500 }).catch(() => null);
  return mask(body, { reference: reference?.trim() || undefined });
}

/** Line diff (longest common subsequence), in the `-`/`+` style of a unified diff. */
export function lineDiff(expected, actual, context = 3) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length; const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0; let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push([' ', a[i]]); i++; j++; } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) { ops.push(['+', b[j]]); j++; } else { ops.push(['-', a[i]]); i++; }
  }
  const keep = ops.map((op, k) => op[0] !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((o) => o[0] !== ' '));
  const out = [];
  let skipped = false;
  ops.forEach((op, k) => {
    if (keep[k]) { out.push(`${op[0]} ${op[1]}`); skipped = false; } else if (!skipped) { out.push('  …'); skipped = true; }
  });
  return out.join('\n');
}

/** Compare with (or, with UPDATE_SNAPSHOTS=1, write) tests/e2e/snapshots/a11y/<state>.txt. */
export function matchSnapshot(state, actual) {
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const file = path.join(SNAPSHOT_DIR, `${state}.txt`);
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return { written: true, file };
  }
  if (!fs.existsSync(file)) {
    assert.fail(`no snapshot ${path.relative(process.cwd(), file)} for "${state}"; write it with UPDATE_SNAPSHOTS=1 node --test tests/e2e/a11y_tree.test.mjs and review it\n\n${actual}`);
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (expected !== actual) {
    assert.fail(`the accessibility tree of "${state}" changed (- snapshot, + now).\n`
      + `If the change is meant, run UPDATE_SNAPSHOTS=1 node --test tests/e2e/a11y_tree.test.mjs\n\n${lineDiff(expected, actual)}`);
  }
  return { written: false, file };
}
