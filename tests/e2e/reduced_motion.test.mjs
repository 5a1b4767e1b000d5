// prefers-reduced-motion: the form animates nothing of its own, and anything
// that would move inside it (a transition, an animation, smooth scrolling,
// whether added later or set by a host page's stylesheet) is cut short for
// applicants who asked for less motion, and left alone for the others.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, errorsMessage } from './support/browser.mjs';
import { gotoRoute, continueButton, openStackAndBrowser, closeStackAndBrowser } from './support/app.mjs';
import { fixtureCycle, serveCycle } from './support/a11y.mjs';

const T = { timeout: 60_000 };
let env;

/** Plant a moving element inside the form, the way a host stylesheet would style one. */
const plantMover = (page) => page.evaluate(() => {
  const style = document.createElement('style');
  style.textContent = `@keyframes mf-test-spin { to { transform: rotate(1turn); } }
    .mf-root .mf-test-mover { transition: opacity 3s ease 1s; animation: mf-test-spin 2s infinite; scroll-behavior: smooth; }`;
  document.head.append(style);
  const el = document.createElement('div');
  el.className = 'mf-test-mover';
  el.textContent = 'moving';
  document.querySelector('.mf-main').append(el);
  const cs = getComputedStyle(el);
  return {
    transition: cs.transitionDuration, delay: cs.transitionDelay, animation: cs.animationDuration,
    iterations: cs.animationIterationCount, scroll: cs.scrollBehavior,
  };
});

/** Elements of the form's own that transition or animate. */
const ownMotion = (page) => page.evaluate(() => [...document.querySelectorAll('.mf-root, .mf-root *')]
  .filter((el) => { const cs = getComputedStyle(el); return cs.animationName !== 'none' || cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0); })
  .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`));

describe('reduced motion', () => {
  before(async () => { env = await openStackAndBrowser(); });
  after(() => closeStackAndBrowser(env));

  for (const reducedMotion of ['reduce', 'no-preference']) {
    test(`prefers-reduced-motion: ${reducedMotion}`, T, async (t) => {
      const { page, errors, close } = await newPage(env.browser);
      t.after(close);
      await page.emulateMedia({ reducedMotion });
      await serveCycle(page, fixtureCycle());
      await gotoRoute(page, env.stack.app, 'section/about-you');
      await continueButton(page).click();
      await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
      assert.deepEqual(await ownMotion(page), [], 'the form animates something of its own');
      const m = await plantMover(page);
      t.diagnostic(JSON.stringify(m));
      if (reducedMotion === 'reduce') {
        assert.equal(m.transition, '0s', 'a transition inside the form still runs');
        assert.equal(m.delay, '0s', 'a transition delay inside the form still applies');
        assert.ok(parseFloat(m.animation) <= 0.001, `an animation inside the form runs for ${m.animation}`);
        assert.equal(m.iterations, '1', 'an endless animation inside the form keeps repeating');
        assert.equal(m.scroll, 'auto', 'smooth scrolling inside the form is left on');
      } else {
        assert.deepEqual(m, { transition: '3s', delay: '1s', animation: '2s', iterations: 'infinite', scroll: 'smooth' }, 'motion was cut for an applicant who did not ask for it');
      }
      assert.deepEqual(errors, [], errorsMessage(errors));
    });
  }
});
