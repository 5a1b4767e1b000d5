// The accessibility tree as a test: for every page and state (start, each
// section empty and with errors, review, sending, confirmation, send failure,
// closed, preview) Chromium's tree is read and checked (names, descriptions,
// states, one h1, landmarks, live regions, no confusing duplicate names), and
// compared with a readable snapshot in tests/e2e/snapshots/a11y/.
//
// All of it runs on a fixture cycle (tests/e2e/fixtures/a11y-cycle.json), served
// in place of the shipped one, so the shipped file's wording can change freely.
// After a deliberate change: UPDATE_SNAPSHOTS=1 node --test tests/e2e/a11y_tree.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, errorsMessage } from './support/browser.mjs';
import {
  gotoRoute, waitForPath, clickContinue, continueButton, sendButton, fillSection, typeInto, rate, ratingOf,
  fillValidApplication, VALID, openStackAndBrowser, closeStackAndBrowser,
} from './support/app.mjs';
import {
  fixtureCycle, serveCycle, axNodes, controls, liveRegions, landmarks, snapshotText, matchSnapshot, FORM_ROLES,
} from './support/a11y.mjs';

const T = { timeout: 120_000 };
const CYCLE = fixtureCycle();
const NOT_RATED = 'Not yet rated';
const FAILED_FETCH = [/Failed to load resource/];
let env;

const sectionOf = (id) => CYCLE.sections.find((s) => s.id === id);
const fieldName = (f) => (f.optional ? `${f.label} (optional)` : f.label);
const FIELD_ROLE = { text: 'textbox', email: 'textbox', phone: 'textbox', integer: 'textbox', textarea: 'textbox', select: 'combobox', checkbox: 'checkbox', rating: 'slider' };
const hasLevel1 = (n) => n.role === 'heading' && Number(n.props.level) === 1;

/** Words the app uses for a rating: "4 of 5, towards At ease". */
function ratingWords(n) {
  const { min, max, low_label: lo, high_label: hi } = CYCLE.rating_scale;
  let place;
  if (n <= min) place = lo;
  else if (n >= max) place = hi;
  else if (2 * n === min + max) place = `between ${lo} and ${hi}`;
  else place = 2 * n < min + max ? `towards ${lo}` : `towards ${hi}`;
  return `${n} of ${max}, ${place}`;
}

async function open(t, { cycle = CYCLE, ignoreConsole = [] } = {}) {
  const p = await newPage(env.browser, { ignoreConsole });
  t.after(p.close);
  await serveCycle(p.page, cycle);
  return p;
}

/** The inline error texts on screen, by field id (what the summary also lists). */
async function shownErrors(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.mf-error-message[id$="-error"]')]
    .map((el) => [el.id.replace(/^f-/, '').replace(/-error$/, ''), el.textContent.replace(/\s+/g, ' ').trim()])));
}

/**
 * The checks every state gets. `expect`:
 *   landmarks: landmark strings that must be present
 *   section: section id whose questions are on screen (their names, descriptions, states)
 *   ratings: { fieldId: n } rated so far (others are "Not yet rated")
 *   checked: field ids / radio option labels that are checked
 *   live: [{ role, text: RegExp }] live regions that must be there
 */
async function checkState(page, state, expect = {}) {
  const nodes = await axNodes(page);
  const problems = [];
  const want = (ok, what) => { if (!ok) problems.push(what); };

  const h1s = nodes.filter(hasLevel1);
  want(h1s.length === 1, `${h1s.length} level-1 headings (${h1s.map((h) => `"${h.name}"`).join(', ')}), want exactly one`);

  // Headings nest: none skips a level, and in a region titled by its first
  // heading (the confirmation's "Your answers") the rest sit below that one.
  const headings = nodes.filter((n) => n.role === 'heading');
  headings.forEach((h, i) => {
    if (i > 0) want(Number(h.props.level) <= Number(headings[i - 1].props.level) + 1, `heading "${h.name}" (h${h.props.level}) skips a level after "${headings[i - 1].name}" (h${headings[i - 1].props.level})`);
  });
  for (const r of nodes.filter((n) => n.role === 'region')) {
    const inside = headings.filter((h) => h.ancestors.some((a) => a.nodeId === r.nodeId));
    const [first, ...rest] = inside;
    for (const h of rest) want(Number(h.props.level) > Number(first.props.level), `heading "${h.name}" (h${h.props.level}) in region "${r.name}" is not below its title "${first.name}" (h${first.props.level})`);
  }

  const marks = landmarks(nodes);
  want(marks.filter((m) => m === 'main').length === 1, `main landmarks: ${marks.filter((m) => m === 'main').length}, want one (${marks.join(', ')})`);
  for (const m of expect.landmarks || []) want(marks.includes(m), `no ${m} landmark (have: ${marks.join(', ')})`);

  const ctrls = controls(nodes);
  for (const c of ctrls) want(c.name !== '', `${c.role} without a name`);
  // The same role and name twice is two things a screen reader user cannot
  // tell apart in a list of controls (seven sliders all called "Rating").
  // Radios repeat only across groups, which their group names tell apart.
  // Links of one name are fine when they all go to the same place.
  const seen = new Map();
  for (const c of ctrls) {
    const group = c.role === 'radio' ? (c.ancestors.find((a) => a.role === 'group' || a.role === 'radiogroup')?.name ?? '') : '';
    const key = `${c.role} "${c.name}"${group ? ` in "${group}"` : ''}`;
    if (!seen.has(key)) seen.set(key, []);
    seen.get(key).push(c);
  }
  for (const [key, same] of seen) {
    const oneTarget = same.every((c) => c.role === 'link' && c.props.url && c.props.url === same[0].props.url);
    want(same.length === 1 || oneTarget, `${same.length} controls are ${key}`);
  }

  if (expect.section) {
    const errorsShown = await shownErrors(page);
    const section = sectionOf(expect.section);
    for (const f of section.fields) {
      const error = errorsShown[f.id];
      if (f.kind === 'radio') {
        const group = nodes.filter((n) => n.role === 'group' && n.name === fieldName(f));
        want(group.length === 1, `${group.length} groups named "${fieldName(f)}"`);
        const g = group[0];
        if (g) {
          if (f.hint) want(g.description.startsWith(f.hint), `group "${g.name}" description "${g.description}" does not start with the hint "${f.hint}"`);
          if (error) want(g.description.endsWith(error), `group "${g.name}" description "${g.description}" lacks the error "${error}"`);
          else want(!/Error:/.test(g.description), `group "${g.name}" describes an error that is not shown: "${g.description}"`);
        }
        for (const o of f.options) {
          const radios = ctrls.filter((n) => n.role === 'radio' && n.name === o.label && n.ancestors.some((a) => a.role === 'group' && a.name === fieldName(f)));
          want(radios.length === 1, `${radios.length} radios "${o.label}" in "${fieldName(f)}"`);
          const on = (expect.checked || []).includes(`${f.id}=${o.value}`);
          if (radios[0]) want(String(radios[0].props.checked) === String(on), `radio "${o.label}" checked=${radios[0].props.checked}, want ${on}`);
        }
        continue;
      }
      const role = FIELD_ROLE[f.kind];
      const found = ctrls.filter((n) => n.role === role && n.name === fieldName(f));
      want(found.length === 1, `${found.length} ${role}s named "${fieldName(f)}" (field ${f.id})`);
      const n = found[0];
      if (!n) continue;
      if (f.hint) want(n.description.startsWith(f.hint), `${role} "${n.name}" description "${n.description}" does not start with the hint "${f.hint}"`);
      if (f.confidential) want(/confidential/i.test(n.description), `${role} "${n.name}" description "${n.description}" lacks the confidential note`);
      if (error) {
        want(n.description.endsWith(error), `${role} "${n.name}" description "${n.description}" does not end with the error "${error}"`);
        want(n.props.invalid === 'true', `${role} "${n.name}" shows "${error}" but invalid=${n.props.invalid}`);
      } else {
        want(!/Error:/.test(n.description), `${role} "${n.name}" describes an error that is not shown: "${n.description}"`);
        want(n.props.invalid === undefined || n.props.invalid === 'false', `${role} "${n.name}" invalid=${n.props.invalid} with no error shown`);
      }
      // aria-required where the role has it (textbox, combobox, checkbox);
      // a slider has no required state in ARIA, the group legend asks for all.
      if (role !== 'slider') want(Boolean(n.props.required) === !f.optional, `${role} "${n.name}" required=${n.props.required}, want ${!f.optional}`);
      if (role === 'checkbox') {
        const on = (expect.checked || []).includes(f.id);
        want(String(n.props.checked) === String(on), `checkbox "${n.name}" checked=${n.props.checked}, want ${on}`);
      }
      if (role === 'slider') {
        const r = expect.ratings?.[f.id];
        const words = r ? ratingWords(r) : NOT_RATED;
        want(n.props.valuetext === words, `slider "${n.name}" value text "${n.props.valuetext}", want "${words}"`);
      }
    }
    // Every form control on screen belongs to a question of this section (the
    // footer's own, the shared-computer choice, belongs to the page, not the form).
    const names = new Set(section.fields.flatMap((f) => (f.kind === 'radio' ? f.options.map((o) => o.label) : [fieldName(f)])));
    const inFooter = (c) => c.ancestors.some((a) => a.role === 'contentinfo');
    for (const c of ctrls.filter((x) => FORM_ROLES.has(x.role) && !inFooter(x))) want(names.has(c.name), `unexpected ${c.role} "${c.name}" on ${expect.section}`);
  }

  const live = liveRegions(nodes);
  for (const l of expect.live || []) {
    want(live.some((r) => r.role === l.role && l.text.test(r.text)), `no ${l.role} live region reading ${l.text} (live regions: ${JSON.stringify(live)})`);
  }

  assert.deepEqual(problems, [], `accessibility tree of "${state}":\n  ${problems.join('\n  ')}`);
  matchSnapshot(state, await snapshotText(page, state, nodes));
}

const SECTION_LANDMARKS = ['banner', 'main', 'navigation "Application sections"', 'contentinfo'];
const SUMMARY_ALERT = { role: 'alert', text: /^There is a problem/ };

/** Continue on the current section and wait for the error summary. */
async function continueWithErrors(page) {
  await continueButton(page).click();
  await page.locator('.mf-error-summary').waitFor({ state: 'visible' });
}

describe('accessibility tree', () => {
  before(async () => { env = await openStackAndBrowser(); });
  after(() => closeStackAndBrowser(env));

  test('start and every section, empty and with errors', T, async (t) => {
    const { page, errors } = await open(t);
    const app = env.stack.app;
    await gotoRoute(page, app, '');
    await checkState(page, 'start', { landmarks: ['banner', 'main', 'contentinfo'] });

    await page.locator('a.mf-button', { hasText: 'Start now' }).click();
    await waitForPath(page, app, 'section/membership');
    await checkState(page, 'membership', { section: 'membership', landmarks: SECTION_LANDMARKS });
    await continueWithErrors(page);
    await checkState(page, 'membership-errors', { section: 'membership', landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT] });
    await fillSection(page, 'membership', VALID);
    await checkState(page, 'membership-fixed', { section: 'membership', checked: ['membership_confirmed'], landmarks: SECTION_LANDMARKS });
    await clickContinue(page, app, 'about-you');

    await checkState(page, 'about-you', { section: 'about-you', landmarks: SECTION_LANDMARKS });
    await continueWithErrors(page);
    await checkState(page, 'about-you-errors', { section: 'about-you', landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT] });
    await fillSection(page, 'about-you', VALID);
    await clickContinue(page, app, 'gender');

    // Gender and ethnicity are all optional: a too-long answer is their error.
    for (const [section, next] of [['gender', 'ethnicity'], ['ethnicity', 'region']]) {
      await checkState(page, section, { section, landmarks: SECTION_LANDMARKS });
      await typeInto(page, `#f-${section}`, 'x'.repeat(101));
      await continueWithErrors(page);
      await checkState(page, `${section}-errors`, { section, landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT] });
      await typeInto(page, `#f-${section}`, '');
      await clickContinue(page, app, next);
    }

    await checkState(page, 'region', { section: 'region', landmarks: SECTION_LANDMARKS });
    await continueWithErrors(page);
    await checkState(page, 'region-errors', { section: 'region', landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT] });
    await page.locator('#f-region_match-no').check();
    await checkState(page, 'region-fixed', { section: 'region', checked: ['region_match=no'], landmarks: SECTION_LANDMARKS });
    await clickContinue(page, app, 'competencies');

    await checkState(page, 'competencies', { section: 'competencies', landmarks: SECTION_LANDMARKS });
    await continueWithErrors(page);
    await checkState(page, 'competencies-errors', { section: 'competencies', landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT] });
    // One by a mark, one by the keyboard: both end in a rating read in words.
    await rate(page, 'comp_client_group', 4);
    await page.locator('#f-comp_reference').focus();
    await page.keyboard.press('End');
    await ratingOf(page, 'comp_reference').locator('.mf-rating__value', { hasText: ratingWords(5) }).waitFor();
    await checkState(page, 'competencies-partly-rated', {
      section: 'competencies', ratings: { comp_client_group: 4, comp_reference: 5 }, landmarks: SECTION_LANDMARKS, live: [SUMMARY_ALERT],
    });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('review, sending and confirmation', T, async (t) => {
    const { page, errors } = await open(t);
    const app = env.stack.app;
    await fillValidApplication(page, app);
    await checkState(page, 'review', { landmarks: ['banner', 'main', 'contentinfo'], live: [{ role: 'status', text: /^$/ }] });

    // Long enough for the tree to be read while the send is in flight.
    await env.stack.receiver.setFaults({ delay_ms: 5_000 });
    t.after(() => env.stack.receiver.setFaults({ delay_ms: 0 }));
    await sendButton(page).click();
    await page.locator('button[type=submit][disabled]').waitFor();
    await checkState(page, 'sending', { landmarks: ['banner', 'main', 'contentinfo'], live: [{ role: 'status', text: /^Sending your application$/ }] });
    await waitForPath(page, app, 'confirmation', 15_000);
    await checkState(page, 'confirmation', { landmarks: ['banner', 'main', 'contentinfo'] });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('send failure', T, async (t) => {
    const { page, errors } = await open(t, { ignoreConsole: FAILED_FETCH });
    await fillValidApplication(page, env.stack.app);
    await env.stack.receiver.setFaults({ fail_next: 99 });
    t.after(() => env.stack.receiver.setFaults({ fail_next: 0 }));
    await sendButton(page).click();
    await page.locator('#mf-send-error').waitFor({ state: 'visible', timeout: 30_000 });
    await checkState(page, 'send-failure', {
      landmarks: ['banner', 'main', 'contentinfo'],
      live: [{ role: 'alert', text: /^Your application has not been sent/ }, { role: 'status', text: /^$/ }],
    });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('closed', T, async (t) => {
    const closed = structuredClone(CYCLE);
    closed.deadline = { ...closed.deadline, enforce: true, closes_at: '2020-11-16T23:59:59-06:00' };
    const { page, errors } = await open(t, { cycle: closed });
    await gotoRoute(page, env.stack.app, '');
    assert.match(await page.locator('h1').textContent(), /has closed/);
    await checkState(page, 'closed', { landmarks: ['banner', 'main', 'contentinfo'] });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('preview', T, async (t) => {
    const { page, errors } = await open(t);
    await gotoRoute(page, env.stack.app, 'preview');
    await page.locator('[role=region][aria-label="Form preview"] h1', { hasText: CYCLE.title }).waitFor();
    await checkState(page, 'preview', { landmarks: ['main', 'region "Form preview"', 'region "Cycle file editor"'] });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
