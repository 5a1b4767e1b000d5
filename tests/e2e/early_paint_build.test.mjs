// The build side of painting early (docs/prerender.md): the pure helpers of
// scripts/early-paint.js and scripts/prerender.mjs, and the step's behaviour on a
// machine without Chromium. No browser needed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { cycleHash, routeOf } from '../../scripts/early-paint.js';
import { strip } from '../../scripts/prerender.mjs';
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
    const cycle = fs.readFileSync(path.join(ROOT, 'public/cycles/fall-2020-mentor.json'), 'utf8');
    assert.equal(cycleHash(cycle), cycleHash(`${cycle}`));
    assert.notEqual(cycleHash(cycle), cycleHash(cycle.replace('Mentor', 'Mentee')));
  });

  test('strip: an earlier run\'s templates, hash and script go, the rest stays', () => {
    const trunk = '<head></head><body><div data-mentor-form data-cycle="c.json"><div class="mf-root">Loading</div></div></body>';
    const painted = trunk
      .replace('data-cycle="c.json"', 'data-cycle="c.json" data-mf-cycle-hash="0123abcd"')
      .replace('Loading</div>', 'Loading</div><template data-mf-route="" data-mf-title="Start"><div class="mf-root" data-mf-prerendered=""><a href="/x">x</a></div></template><template data-mf-route="section/a" data-mf-title="A"><p>a</p></template>')
      .replace('<head>', '<head><script type="module" src="./early-paint-0123456789abcdef.js" integrity="sha384-x" data-mf-early-paint></script>\n    ');
    assert.equal(strip(painted), trunk);
    assert.equal(strip(trunk), trunk);
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
      assert.doesNotMatch(html, /<template data-mf-route|data-mf-cycle-hash|early-paint-/);
      assert.match(html, /data-mentor-form/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
