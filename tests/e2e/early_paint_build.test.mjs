// The build side of painting early (docs/prerender.md): the pure helpers of
// scripts/early-paint.js, scripts/lib and scripts/prerender.mjs, what the build wrote
// into dist/, and the step's behaviour on a machine without Chromium. No browser needed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { routeOf, answersOf } from '../../scripts/early-paint.js';
import { cycleHash, cspHash } from '../../scripts/lib/hash.mjs';
import { strip } from '../../scripts/prerender.mjs';
import * as C from '../../scripts/contract.mjs';
import { withoutRules, notOnTheApplicantsPage } from '../../scripts/lib/css.mjs';
import { ROOT, DIST } from './support/app.mjs';

describe('early paint: build helpers', () => {
  test('routeOf: the route under the base path, with or without a trailing slash', () => {
    assert.equal(routeOf('/', '/'), '');
    assert.equal(routeOf('/index.html', '/'), '');
    assert.equal(routeOf('/section/about-you', '/'), 'section/about-you');
    assert.equal(routeOf('/section/about-you/', '/'), 'section/about-you');
    assert.equal(routeOf('/mentoring/apply', '/mentoring/apply/'), '');
    assert.equal(routeOf('/mentoring/apply/section/gender', '/mentoring/apply/'), 'section/gender');
    assert.equal(routeOf('/mentoring/apply/review', '/mentoring/apply'), 'review');
    assert.equal(routeOf('/elsewhere/section/gender', '/mentoring/apply/'), null, 'a path outside the base has no route');
    assert.equal(routeOf('/mentoring/applying', '/mentoring/apply/'), null, 'a longer name is not under the base');
  });

  test('cycleHash: FNV-1a of the text, so one changed character is a different file', () => {
    assert.equal(cycleHash(''), '811c9dc5', 'the FNV-1a offset basis');
    assert.equal(cycleHash('a'), 'e40c292c', 'the published FNV-1a 32-bit value of "a"');
    assert.equal(cycleHash('foobar'), 'bf9cf968', 'the published FNV-1a 32-bit value of "foobar"');
    const cycle = fs.readFileSync(path.join(ROOT, 'public', C.DEFAULT_CYCLE_PATH), 'utf8');
    assert.notEqual(cycleHash(cycle), cycleHash(cycle.replace('Mentor', 'Mentee')));
    assert.notEqual(cycleHash(cycle), cycleHash(`${cycle} `), 'a trailing space is another file');
  });

  test('dist/index.html carries the hash, the id and the texts of the cycle file it was painted from', () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const attr = (name) => new RegExp(`\\s${name}="([^"]*)"`).exec(html)?.[1];
    const cycleText = fs.readFileSync(path.join(DIST, C.DEFAULT_CYCLE_PATH), 'utf8');
    assert.equal(attr(C.ATTR_CYCLE_HASH), cycleHash(cycleText), 'the painted hash is not the served file\'s');
    assert.equal(attr(C.ATTR_CYCLE_ID), JSON.parse(cycleText).id);
    const texts = JSON.parse(attr(C.ATTR_TEXTS).replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    const schema = JSON.parse(fs.readFileSync(path.join(DIST, 'cycle.schema.json'), 'utf8'));
    const own = JSON.parse(cycleText).texts ?? {};
    // The cycle's own words, else the form's defaults (from the Rust texts table, via the schema).
    assert.deepEqual(texts, C.START_FAILED_TEXT_KEYS.map((k) => own[k] ?? schema.$defs.Texts.properties[k].default));
    assert.ok(texts.every((t) => t.length > 0));
  });

  test('the inline stylesheet\'s hash is the one the build wrote for the CSP (dist/deploy)', () => {
    const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const style = /<style data-mf-critical="[^"]+">([\s\S]*?)<\/style>/.exec(html);
    assert.ok(style, 'index.html has no inline stylesheet');
    const styleSrc = fs.readFileSync(path.join(DIST, 'deploy/style-src.txt'), 'utf8').trim();
    assert.equal(styleSrc, `'self' ${cspHash(style[1])}`);
    const nginx = fs.readFileSync(path.join(DIST, 'deploy/nginx-csp.conf'), 'utf8');
    assert.ok(nginx.includes(`set $mf_style_src "${styleSrc}";`), nginx);
  });

  test('withoutRules leaves out of the applicant\'s stylesheet what cannot match there, and only that', () => {
    const css = '.a{color:red}.mf-preview{display:grid}.mf-preview-x,.b:where(.c,.mf-preview){margin:0}'
      + '@media (min-width:64em){.mf-preview{gap:1em}}@media print{.mf-preview__editor,.mf-header{display:none}}'
      + ':host{all:initial}:where(.mf-root:not(.mf-root--shadow)),:host{--x:1}.d::after{content:"{}"}@font-face{font-family:x}';
    assert.equal(withoutRules(css, notOnTheApplicantsPage),
      '.a{color:red}.b:where(.c,.mf-preview){margin:0}@media print{.mf-header{display:none}}'
      + ':where(.mf-root:not(.mf-root--shadow)){--x:1}.d::after{content:"{}"}@font-face{font-family:x}');
    assert.throws(() => withoutRules('.a{color:red', notOnTheApplicantsPage), /unbalanced/);
  });

  test('answersOf reads only the answers object of a stored record and tolerates anything else', () => {
    assert.deepEqual(answersOf(null), {});
    assert.deepEqual(answersOf('not json'), {});
    assert.deepEqual(answersOf('[1,2]'), {});
    assert.deepEqual(answersOf('{"answers": [1]}'), {});
    assert.deepEqual(answersOf('{"answers": "x"}'), {});
    // A record of another shape (revisions with a tab id, a version secret) is fine.
    const record = { revision: { n: 4, tab: 'abc' }, version_secret: 'x', kept_aside: { old: 1 }, answers: {
      first_name: 'Ada', membership_confirmed: true, comp_admin: 4, colours: ['red', 'blue'],
      broken: { nested: true }, mixed: ['a', 1], nan: null,
    } };
    assert.deepEqual(answersOf(JSON.stringify(record)), {
      first_name: 'Ada', membership_confirmed: true, comp_admin: 4, colours: ['red', 'blue'],
    });
  });

  test('strip: an earlier run\'s templates and hash go, the rest stays', () => {
    const trunk = '<!DOCTYPE html><html><head><link rel="preload" href="./a_bg.wasm"></head><body><div data-mentor-form="" data-cycle="c.json"><div class="mf-root">Loading</div></div></body></html>';
    const painted = trunk
      .replace('data-cycle="c.json"', 'data-cycle="c.json" data-mf-cycle-hash="0123abcd"')
      .replace('<link rel="preload" href="./a_bg.wasm">', '<link href="./a_bg.wasm" data-mf-preload-after-paint="">')
      .replace('Loading</div>', 'Loading</div><template data-mf-route="" data-mf-title="Start"><div class="mf-root" data-mf-prerendered=""><a href="/x">x</a></div></template><template data-mf-route="section/a" data-mf-title="A"><p>a</p></template>');
    assert.notEqual(painted, trunk);
    assert.equal(strip(painted), strip(trunk));
    assert.equal(strip(trunk), trunk, 'a page without painted pages is left as it is');
  });

  test('without Chromium the step says so and leaves index.html as Trunk wrote it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-nochrome-'));
    try {
      fs.copyFileSync(path.join(DIST, 'index.html'), path.join(dir, 'index.html'));
      fs.cpSync(path.join(DIST, 'cycles'), path.join(dir, 'cycles'), { recursive: true });
      const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/prerender.mjs'), dir], {
        encoding: 'utf8', env: { ...process.env, CHROMIUM_BIN: path.join(dir, 'no-such-chromium') },
      });
      assert.match(out, /no Chromium at .*no early paint/);
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      assert.doesNotMatch(html, /<template data-mf-route|data-mf-cycle-hash/);
      assert.match(html, /data-mentor-form/);
      // The page script stays: it watches the start, painted or not.
      assert.match(html, /<script type="module" src="\.\/early-paint-[0-9a-f]{16}\.js"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
