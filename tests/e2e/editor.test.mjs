// The staff cycle editor (issue 21): staff build the mentee cycle's extra section
// from the mentor cycle without seeing JSON, change the title and the deadline,
// download the file and get the same meaning as the shipped mentee section; "What
// changed" says it in words; every shipped cycle opened and downloaded unchanged is
// byte-identical; axe finds nothing; screenshots of every panel at 1280 and 375 px.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, axeCheck, shoot, errorsMessage, launchBrowser } from './support/browser.mjs';
import { eventually, startApp } from './support/app.mjs';
import {
  region, openEditor, tab, sectionCards, questionRows, download, shippedText, waitForStored,
} from './support/editor.mjs';

const T = { timeout: 300_000 };
let browser;
let stack;

/** Waits until the preview region shows `text` (the preview follows every edit). */
async function previewShows(page, text, timeout = 10_000) {
  const ok = await eventually(async () => ((await region(page).textContent()) || '').includes(text), { timeout, interval: 50 });
  assert.ok(ok, `the preview never showed “${text}”`);
}

/** Adds a question of `kind` (a kind's name) to `section` and returns its row. */
async function addQuestion(page, section, kind) {
  const before = await questionRows(section).count();
  await section.locator('.ed-add-question select').selectOption(kind);
  await section.getByRole('button', { name: 'Add question' }).click();
  const row = questionRows(section).nth(before);
  await row.getByLabel('Question', { exact: true }).waitFor();
  // Focus lands in the new question's text, ready to type.
  await eventually(() => page.evaluate(() => document.activeElement?.closest('li.ed-question') !== null), { timeout: 5_000 });
  return row;
}

async function openDisclosure(scope, summary) {
  const details = scope.locator('details', { has: scope.page().locator(`summary:text-is("${summary}")`) }).first();
  if (!(await details.getAttribute('open') !== null)) await details.locator('summary').first().click();
}

describe('cycle editor', () => {
  // The editor sends nothing, so no receiver: the static server alone.
  before(async () => { stack = { app: await startApp() }; browser = await launchBrowser(); });
  after(async () => { await browser?.close(); await stack?.app?.close(); });

  test('build the mentee cycle\'s goals section from the mentor cycle, change title and deadline, download: same meaning as the shipped mentee section', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, stack.app);
    await tab(page, 'Sections and questions');
    const mentee = JSON.parse(shippedText('fall-2020-mentee.json'));
    const want = mentee.sections.find((s) => s.id === 'goals');

    await page.getByRole('button', { name: 'Add section' }).click();
    const section = sectionCards(page).last();
    const title = section.getByLabel('Section title');
    await eventually(() => title.evaluate((el) => el === document.activeElement), { timeout: 5_000 });
    await title.fill(want.title);
    await openDisclosure(section, 'Introduction, notes and links');
    await section.getByLabel('Introduction', { exact: true }).fill(want.intro.join('\n\n'));
    await openDisclosure(section, "Advanced: the section's id");
    await section.getByLabel('Section id').fill(want.id);

    // 1. Checkboxes with four options, at least 2.
    const [meet, start, goals] = want.fields;
    let q = await addQuestion(page, section, 'checkboxes');
    await q.getByLabel('Question', { exact: true }).fill(meet.label);
    await previewShows(page, meet.label);
    await q.getByLabel('Hint', { exact: true }).fill(meet.hint);
    await q.getByLabel('Optional', { exact: true }).check();
    await q.getByLabel('Option 1', { exact: true }).fill(meet.options[0].label);
    await q.getByLabel('Option 2', { exact: true }).fill(meet.options[1].label);
    for (let i = 2; i < meet.options.length; i++) {
      await q.getByRole('button', { name: 'Add option' }).click();
      const input = q.getByLabel(`Option ${i + 1}`, { exact: true });
      await eventually(() => input.evaluate((el) => el === document.activeElement), { timeout: 5_000 });
      await input.fill(meet.options[i].label);
    }
    await q.getByLabel('Fewest choices').fill(String(meet.min));
    await openDisclosure(q, 'Messages');
    await q.getByLabel('When the answer is out of range').fill(meet.messages.range);
    await openDisclosure(q, 'Advanced: id and autocomplete');
    await q.getByLabel('Question id').fill(meet.id);
    await previewShows(page, meet.options[3].label);

    // 2. A date with a range.
    q = await addQuestion(page, section, 'date');
    await q.getByLabel('Question', { exact: true }).fill(start.label);
    await previewShows(page, start.label);
    await q.getByLabel('Hint', { exact: true }).fill(start.hint);
    await q.getByLabel('Optional', { exact: true }).check();
    await q.getByLabel('Earliest date').fill(start.min);
    await q.getByLabel('Latest date').fill(start.max);
    await openDisclosure(q, 'Messages');
    await q.getByLabel('When the answer is not in the right format').fill(start.messages.format);
    await q.getByLabel('When the answer is out of range').fill(start.messages.range);
    await openDisclosure(q, 'Advanced: id and autocomplete');
    await q.getByLabel('Question id').fill(start.id);

    // 3. A long answer with a limit.
    q = await addQuestion(page, section, 'textarea');
    await q.getByLabel('Question', { exact: true }).fill(goals.label);
    await previewShows(page, goals.label);
    await q.getByLabel('Hint', { exact: true }).fill(goals.hint);
    await q.getByLabel('Longest answer (characters)').fill(String(goals.max_length));
    await openDisclosure(q, 'Messages');
    await q.getByLabel('When the question is left blank').fill(goals.messages.required);
    await openDisclosure(q, 'Advanced: id and autocomplete');
    await q.getByLabel('Question id').fill(goals.id);
    assert.equal(await page.locator('#ed-summary').count(), 0, 'no problems left');
    await shoot(page, 'editor-questions');

    // Title and deadline.
    await tab(page, 'The cycle');
    await page.getByLabel('Title', { exact: true }).fill('Fall 2021 Mentor Application');
    const closes = page.getByRole('group', { name: 'Closes' });
    await closes.getByLabel('Date').fill('2021-11-15');
    await eventually(async () => /Closes Monday 15 November 2021, 11:59 pm Central/.test(await closes.textContent()), { timeout: 5_000 });
    await previewShows(page, 'Fall 2021 Mentor Application');
    await shoot(page, 'editor-cycle');

    // What changed, in words.
    await tab(page, 'Save');
    const changes = await page.locator('#ed-changes li').allTextContents();
    for (const line of [
      'Changed the title from ‘Fall 2020 Mentor Application’ to ‘Fall 2021 Mentor Application’',
      'Changed the closing date from Monday 16 November 2020, 11:59 pm Central to Monday 15 November 2021, 11:59 pm Central',
      'Added section ‘Your goals’',
      `Added question ‘${meet.label}’ to ‘Your goals’`,
    ]) assert.ok(changes.includes(line), `“What changed” lacks “${line}”: ${JSON.stringify(changes)}`);
    await shoot(page, 'editor-save');

    const { name, text } = await download(page);
    assert.equal(name, 'fall-2020-mentor.json');
    assert.ok(text.endsWith('}\n'), 'a final newline');
    assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n', 'canonical layout (two-space indents)');
    const file = JSON.parse(text);
    assert.equal(file.title, 'Fall 2021 Mentor Application');
    assert.equal(file.deadline.closes_at, '2021-11-15T23:59:59-06:00');
    const got = file.sections.find((s) => s.id === 'goals');
    assert.deepEqual(got, want, 'the goals section means what the shipped mentee section means');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('every shipped cycle opened and downloaded unchanged is byte-identical', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, stack.app);
    await tab(page, 'Start');
    for (const [name, title] of [['fall-2020-mentor.json', 'Fall 2020 Mentor Application'], ['fall-2020-mentee.json', 'Fall 2020 Mentee Application']]) {
      await page.getByRole('button', { name: new RegExp(`Open the shipped cycle ‘${title}’`) }).click();
      await eventually(async () => (await page.locator('#ed-panel').textContent()).includes(`Editing: ${name}`), { timeout: 10_000 });
      await waitForStored(page, (cur) => cur.includes(`"title": "${title}"`), `held ${title}`);
      const { text } = await download(page);
      assert.equal(text, shippedText(name), `${name} came back changed`);
    }
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('each panel at 1280 and 375 px: axe finds nothing; screenshots', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, stack.app);
    for (const [name, shot] of [['Start', 'start'], ['The cycle', 'cycle'], ['Sections and questions', 'sections'], ['Endpoint', 'endpoint'], ['Form texts', 'texts'], ['Save', 'save'], ['JSON', 'json']]) {
      await tab(page, name);
      if (shot === 'sections') {
        // A question open with its settings.
        await sectionCards(page).nth(1).locator('li.ed-question').nth(0).getByRole('button', { name: 'Edit' }).click();
      }
      if (shot === 'texts') await page.locator('details.ed-texts summary').first().click();
      const violations = await axeCheck(page);
      assert.deepEqual(violations, [], `axe on the ${name} panel:\n  ${violations.join('\n  ')}`);
      await shoot(page, `editor-panel-${shot}`);
    }
    // At 375 px the editor and the preview stack; at 1280 px they sit side by side.
    const box = async () => ({
      ed: await page.locator('.ed-column').boundingBox(),
      pv: await page.locator('.ed-preview-column').boundingBox(),
    });
    let b = await box();
    assert.ok(b.pv.x > b.ed.x + b.ed.width - 1, `side by side at 1280: ${JSON.stringify(b)}`);
    await page.setViewportSize({ width: 375, height: 800 });
    await eventually(async () => { b = await box(); return b.pv.y >= b.ed.y + b.ed.height - 1; }, { timeout: 5_000 });
    assert.ok(b.pv.y >= b.ed.y + b.ed.height - 1, `stacked at 375: ${JSON.stringify(b)}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
    // The editor is in the form's font, not the browser's serif.
    const font = await page.locator('.ed-editor').evaluate((el) => getComputedStyle(el).fontFamily);
    assert.match(font, /system-ui|Segoe UI|Roboto|Arial|sans-serif/, `editor font: ${font}`);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});

describe('cycle editor: the endpoint', () => {
  let browser2;
  let app2;
  before(async () => { app2 = await startApp(); browser2 = await launchBrowser(); });
  after(async () => { await browser2?.close(); await app2?.close(); });

  test('encoding, a header and a sent name set on the Endpoint panel show in "Show the request"; nothing is sent', T, async (t) => {
    const { page, errors, close } = await newPage(browser2);
    t.after(close);
    const sent = [];
    page.on('request', (r) => { if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`); });
    await openEditor(page, app2);
    await tab(page, 'Endpoint');
    await page.getByLabel('Encoding').selectOption('form');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 value').fill('public-form-key');
    const first = JSON.parse(shippedText('fall-2020-mentor.json')).sections[0].fields[0];
    const mapped = page.locator(`#ed-submit-field_names-${first.id}`);
    await mapped.fill('entry.1234');
    // An answer typed in the preview, then the request the form would send.
    await region(page).getByRole('button', { name: 'Start now' }).click();
    await region(page).locator(`#f-${first.id}`).check();
    await page.getByRole('button', { name: 'Show the request' }).click();
    const req = region(page).locator('#mf-preview-request');
    await req.waitFor({ state: 'visible', timeout: 10_000 });
    const focused = await eventually(() => page.evaluate(() => document.activeElement?.id === 'mf-preview-request'), { timeout: 10_000, interval: 50 });
    assert.ok(focused, 'focus moves to the request');
    const text = await req.locator('pre').textContent();
    assert.match(text, /^POST \S*\/api\/submissions\n/);
    assert.match(text, /Content-Type: application\/x-www-form-urlencoded/);
    assert.match(text, /X-Header: public-form-key/);
    assert.match(text, /(^|&)entry\.1234=true(&|$)/m, `the answer under its sent name: ${text}`);
    await shoot(page, 'editor-show-request');
    assert.deepEqual(sent, [], 'nothing was sent');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});

describe('cycle editor: forced colours and 200 % text', () => {
  let browser3;
  let app3;
  before(async () => { app3 = await startApp(); browser3 = await launchBrowser(); });
  after(async () => { await browser3?.close(); await app3?.close(); });

  test('200 % text at 320 px: no panel scrolls sideways', T, async (t) => {
    const { page, errors, close } = await newPage(browser3, { width: 320, height: 800 });
    t.after(close);
    await openEditor(page, app3);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    for (const name of ['Start', 'The cycle', 'Sections and questions', 'Endpoint', 'Form texts', 'Save', 'JSON']) {
      await tab(page, name);
      if (name === 'Sections and questions') await questionRows(sectionCards(page).nth(1)).nth(0).getByRole('button', { name: 'Edit' }).click();
      if (name === 'Form texts') await page.locator('details.ed-texts summary').first().click();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 0, `the ${name} panel scrolls sideways by ${over} px at 200 % text and 320 px`);
    }
    const size = await page.locator('.ed-editor .mf-label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 32, `labels doubled (${size} px)`);
    await shoot(page, 'editor-text-200');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('forced colours: the chosen tab, the cards and the focus keep their edges', T, async (t) => {
    const { page, errors, close } = await newPage(browser3);
    t.after(close);
    await page.emulateMedia({ forcedColors: 'active' });
    await openEditor(page, app3);
    await tab(page, 'Sections and questions');
    const style = (sel, props) => page.locator(sel).first().evaluate((el, ps) => {
      const cs = getComputedStyle(el);
      return Object.fromEntries(ps.map((p) => [p, cs.getPropertyValue(p)]));
    }, props);
    const chosen = await style('.ed-tab[aria-selected="true"]', ['border-top-style', 'border-top-width', 'font-weight', 'text-decoration-line']);
    const other = await style('.ed-tab[aria-selected="false"]', ['font-weight', 'text-decoration-line']);
    assert.equal(chosen['border-top-style'], 'solid', 'the chosen tab has a border');
    assert.notEqual(chosen['border-top-width'], '0px');
    // Told apart by shape and weight, not only colour.
    assert.notEqual(chosen['font-weight'], other['font-weight']);
    assert.notEqual(chosen['text-decoration-line'], other['text-decoration-line']);
    const card = await style('.ed-card', ['border-top-style', 'border-top-width']);
    assert.equal(card['border-top-style'], 'solid', 'cards keep a border');
    await page.locator('#ed-tab-questions').focus();
    await page.keyboard.press('ArrowRight');
    const ring = await style('#ed-tab-endpoint', ['outline-style', 'outline-width']);
    assert.equal(ring['outline-style'], 'solid', 'a focused tab shows an outline in forced colours');
    assert.notEqual(ring['outline-width'], '0px');
    await shoot(page, 'editor-forced-colours');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
