// The cycle editor's safety nets (issue 21): undo and redo of every edit (ten mixed
// edits undone give back the opened file byte for byte; typing in one field is one
// step; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y), each kind of problem shown at the control
// that causes it with a summary linking there, keyboard-only editing, the session
// restored after a reload, two tabs, and a bad file that leaves the session as it was.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, shoot, errorsMessage, launchBrowser } from './support/browser.mjs';
import { eventually, startApp } from './support/app.mjs';
import {
  region, previewH1, openEditor, tab, sectionCards, questionRows, download, shippedText,
  storedCycle, waitForStored, problemsAt, summaryLink,
} from './support/editor.mjs';

const T = { timeout: 300_000 };
const MENTOR = 'fall-2020-mentor.json';
let browser;
let app;

const focusedId = (page) => page.evaluate(() => document.activeElement?.id || '');
async function waitFocus(page, id, what) {
  const ok = await eventually(async () => (await focusedId(page)) === id, { timeout: 5_000, interval: 50 });
  assert.ok(ok, `${what}: focus is on #${await focusedId(page)}, not #${id}`);
}
const undoDisabled = async (page) => (await page.locator('#ed-undo').getAttribute('aria-disabled')) === 'true';

/** The question row with the given id (by its Advanced id field's value). */
function rowOf(page, sectionIndex, fieldIndex) {
  return questionRows(sectionCards(page).nth(sectionIndex)).nth(fieldIndex);
}

describe('cycle editor: undo, problems, keyboard, session, tabs', () => {
  before(async () => { app = await startApp(); browser = await launchBrowser(); });
  after(async () => { await browser?.close(); await app?.close(); });

  test('ten mixed edits undone give back the opened file exactly; redone give them back', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    assert.ok(await undoDisabled(page), 'nothing to undo at the start');
    // 1–3: the cycle's own texts and a setting.
    await tab(page, 'The cycle');
    await page.getByLabel('Title', { exact: true }).fill('Fall 2021 Mentor Application');
    await page.getByLabel('Program', { exact: true }).fill('ALSC Mentoring');
    await page.getByLabel('Close the form by itself at the deadline').check();
    // 4–8: questions and sections.
    await tab(page, 'Sections and questions');
    await rowOf(page, 1, 6).getByRole('button', { name: 'Delete' }).click();
    await rowOf(page, 1, 2).getByRole('button', { name: 'Move up' }).click();
    await rowOf(page, 2, 0).getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('button', { name: 'Add section' }).click();
    const last = sectionCards(page).last();
    await last.locator('.ed-add-question select').selectOption('integer');
    await last.getByRole('button', { name: 'Add question' }).click();
    // 9: the endpoint.
    await tab(page, 'Endpoint');
    await page.getByLabel('Retries').fill('3');
    // 10: a text of the form.
    await tab(page, 'Form texts');
    await page.locator('details.ed-texts summary').first().click();
    await page.getByLabel('Start button', { exact: true }).fill('Begin');
    await waitForStored(page, (c) => c.includes('"start_button": "Begin"'), 'held the tenth edit');
    const edited = await storedCycle(page);
    assert.notEqual(edited, shippedText(MENTOR));

    // Undo ten times: by button and by Ctrl+Z, across panels.
    for (let i = 0; i < 10; i++) {
      assert.ok(!(await undoDisabled(page)), `undo ${i + 1} is available`);
      if (i % 2) await page.keyboard.press('Control+z');
      else await page.getByRole('button', { name: 'Undo' }).click();
    }
    await waitForStored(page, (c) => c === shippedText(MENTOR), 'came back to the opened file');
    assert.ok(await undoDisabled(page), 'nothing more to undo');
    const { text } = await download(page);
    assert.equal(text, shippedText(MENTOR), 'the downloaded file is the opened file, byte for byte');

    // Redo all ten: Ctrl+Shift+Z, Ctrl+Y and the button.
    for (let i = 0; i < 10; i++) {
      if (i % 3 === 0) await page.keyboard.press('Control+Shift+Z');
      else if (i % 3 === 1) await page.keyboard.press('Control+y');
      else await page.getByRole('button', { name: 'Redo' }).click();
    }
    await waitForStored(page, (c) => c === edited, 'came back to the edited cycle');
    assert.equal(await page.getByLabel('Start button', { exact: true }).inputValue(), 'Begin', 'the texts panel shows the redone text');
    // "Use the default" puts the form's own words back (and leaves the file).
    await page.getByRole('button', { name: /^Use the default for start button/ }).click();
    await waitForStored(page, (c) => !c.includes('"start_button"'), 'dropped the replaced text');
    assert.equal(await page.getByLabel('Start button', { exact: true }).inputValue(), 'Start now');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('typing in one field is one step, undone by Ctrl+Z in the field itself', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'The cycle');
    const title = page.getByLabel('Title', { exact: true });
    const before = await title.inputValue();
    await title.focus();
    await page.keyboard.press('End');
    await page.keyboard.type(' (draft)');
    await eventually(async () => (await previewH1(page).textContent()).includes('(draft)'), { timeout: 10_000 });
    await page.keyboard.press('Control+z');
    await eventually(async () => (await title.inputValue()) === before, { timeout: 5_000 });
    assert.equal(await title.inputValue(), before, 'one Ctrl+Z takes back the whole typing');
    assert.ok(await undoDisabled(page), 'the typing was one step');
    await page.keyboard.press('Control+Shift+Z');
    await eventually(async () => (await title.inputValue()) === `${before} (draft)`, { timeout: 5_000 });
    // The live region says what was undone.
    await page.keyboard.press('Control+z');
    await eventually(async () => /Undone: Changed the title/.test(await page.locator('#ed-live').textContent()), { timeout: 5_000 });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('each kind of problem is shown at its control, listed at the top, and the preview keeps the last good form', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'Sections and questions');

    // A duplicate id, typed in a question's Advanced id.
    const second = rowOf(page, 1, 1);
    await second.getByRole('button', { name: 'Edit' }).click();
    await second.locator('summary', { hasText: 'Advanced: id and autocomplete' }).click();
    const firstId = JSON.parse(await storedCycle(page)).sections[1].fields[0].id;
    await second.getByLabel('Question id').fill(firstId);
    const idControl = 'ed-sections-1-fields-1-id';
    await eventually(async () => /used twice/.test(await problemsAt(page, idControl)), { timeout: 5_000 });
    assert.equal(await page.locator(`#${idControl}`).getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`#${idControl}`).getAttribute('aria-describedby'), new RegExp(`${idControl}-error`));
    await summaryLink(page, /used twice/);
    await shoot(page, 'editor-problem-duplicate-id');
    // An id that is not an id stays in the box with its problem and is not made an edit.
    await second.getByLabel('Question id').fill('Not An Id');
    await eventually(async () => /is not an id/.test(await problemsAt(page, idControl)), { timeout: 5_000 });
    assert.equal(await second.getByLabel('Question id').inputValue(), 'Not An Id');
    assert.ok(!(await storedCycle(page)).includes('Not An Id'), 'an invalid id is never stored');
    await page.keyboard.press('Control+z');
    await eventually(async () => (await page.locator('#ed-summary').count()) === 0, { timeout: 5_000 });

    // A rule naming a deleted question: delete the question other rules name.
    const cycle = JSON.parse(await storedCycle(page));
    const ruled = cycle.sections.flatMap((s, si) => s.fields.map((f, fi) => ({ f, si, fi }))).find((x) => x.f.required_when);
    const target = ruled.f.required_when.field;
    const [tsi, tfi] = cycle.sections.flatMap((s, si) => s.fields.map((f, fi) => [si, fi, f.id])).find((x) => x[2] === target);
    await rowOf(page, tsi, tfi).getByRole('button', { name: 'Delete' }).click();
    const ruleLink = await summaryLink(page, /does not exist/);
    await ruleLink.click();
    const ruleControl = `ed-sections-${ruled.si}-fields-${ruled.fi}-required_when`;
    await waitFocus(page, ruleControl, 'the summary link');
    assert.match(await problemsAt(page, ruleControl), /does not exist/);
    // The preview keeps the last good form: the deleted question's page still shows it.
    const deletedLabel = cycle.sections[tsi].fields[tfi].label;
    await sectionCards(page).nth(tsi).getByLabel('Section title').focus();
    await eventually(async () => ((await region(page).textContent()) || '').includes(deletedLabel), { timeout: 10_000 });
    assert.ok(((await region(page).textContent()) || '').includes(deletedLabel), 'the preview keeps the last good form');
    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => (await page.locator('#ed-summary').count()) === 0, { timeout: 5_000 });

    // A date range backwards.
    const section = sectionCards(page).first();
    await section.locator('.ed-add-question select').selectOption('date');
    await section.getByRole('button', { name: 'Add question' }).click();
    const dateRow = questionRows(section).last();
    await dateRow.getByLabel('Earliest date').fill('2021-12-01');
    await dateRow.getByLabel('Latest date').fill('2021-01-01');
    const n = await questionRows(section).count();
    const maxControl = `ed-sections-0-fields-${n - 1}-max`;
    await eventually(async () => /earlier than min/.test(await problemsAt(page, maxControl)), { timeout: 5_000 });
    await summaryLink(page, /earlier than min/);
    await page.keyboard.press('Control+z');
    await eventually(async () => (await page.locator('#ed-summary').count()) === 0, { timeout: 5_000 });

    // An endpoint that is not http(s).
    await tab(page, 'Endpoint');
    await page.getByLabel('Endpoint URL').fill('ftp://files.example.org/in');
    await eventually(async () => /http\(s\) URL/.test(await problemsAt(page, 'ed-submit-url')), { timeout: 5_000 });
    assert.match(await page.getByRole('tab', { name: /Endpoint/ }).textContent(), /1 problem/);
    await tab(page, 'Start');
    const link = await summaryLink(page, /http\(s\) URL/);
    await link.click();
    await waitFocus(page, 'ed-submit-url', 'the endpoint problem link');
    await shoot(page, 'editor-problem-endpoint');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('keyboard only: add, edit, reorder and delete a question (Tab, Enter, Space, arrows)', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    // Arrows move between the tabs.
    await page.locator('#ed-tab-questions').focus();
    await page.keyboard.press('ArrowRight');
    await waitFocus(page, 'ed-tab-endpoint', 'ArrowRight on the tabs');
    await page.keyboard.press('ArrowLeft');
    await waitFocus(page, 'ed-tab-questions', 'ArrowLeft on the tabs');
    // Tab to the first section's "Kind of question" list.
    for (let i = 0; i < 200 && (await focusedId(page)) !== 'ed-s-0-kind'; i++) await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'ed-s-0-kind', 'reached "Kind of question" by Tab');
    await page.keyboard.press('ArrowDown'); // Short answer → Email address
    await page.keyboard.press('Tab');
    await waitFocus(page, 'ed-s-0-add', 'Tab to "Add question"');
    await page.keyboard.press('Enter');
    const before = JSON.parse(shippedText(MENTOR)).sections[0].fields.length;
    await waitFocus(page, `ed-sections-0-fields-${before}-label`, 'the new question\'s text');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Your work email');
    await waitForStored(page, (c) => JSON.parse(c).sections[0].fields[before]?.label === 'Your work email', 'held the typed question');
    let stored = JSON.parse(await storedCycle(page));
    assert.equal(stored.sections[0].fields[before].kind, 'email', 'the kind chosen with the arrow key');
    assert.equal(stored.sections[0].fields[before].id, 'your_work_email', 'the id follows the label until saved');
    // Back to the row's buttons: Delete, Duplicate, Move down, Move up.
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+Tab');
    await waitFocus(page, `ed-q-0-${before}-up`, 'Shift+Tab to Move up');
    await page.keyboard.press('Enter');
    await waitFocus(page, `ed-q-0-${before - 1}-up`, 'focus stays on the moved question\'s Move up');
    stored = JSON.parse(await storedCycle(page));
    assert.equal(stored.sections[0].fields[before - 1].id, 'your_work_email', 'moved up');
    await page.keyboard.press('Tab'); // Move down
    await page.keyboard.press(' ');
    await waitFocus(page, `ed-q-0-${before}-down`, 'focus stays on the moved question\'s Move down');
    await page.keyboard.press('Tab'); // Duplicate
    await page.keyboard.press('Tab'); // Delete
    await waitFocus(page, `ed-q-0-${before}-delete`, 'Tab to Delete');
    await page.keyboard.press('Enter');
    await waitForStored(page, (c) => !c.includes('your_work_email'), 'deleted the question');
    const now = await focusedId(page);
    assert.ok(/^ed-q-0-\d+-edit$|^ed-sections-0-fields$/.test(now), `focus after the delete: #${now}`);
    assert.match(await page.locator('#ed-live').textContent(), /Deleted question ‘Your work email’/);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('sections: reorder with focus following, delete (its name says how many questions go), undo; a question moved to another section', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'Sections and questions');
    const before = JSON.parse(shippedText(MENTOR));
    const ids = () => storedCycle(page).then((c) => JSON.parse(c).sections.map((x) => x.id));
    await page.locator('#ed-s-1-down').click();
    await waitFocus(page, 'ed-s-2-down', 'Move down keeps focus on the moved section');
    const moved = await ids();
    assert.deepEqual(moved.slice(0, 3), [before.sections[0].id, before.sections[2].id, before.sections[1].id]);
    assert.match(await page.locator('#ed-live').textContent(), /Moved section ‘.*’ down/);
    // Delete: the accessible name says what goes with it.
    const card = sectionCards(page).nth(3);
    const n = before.sections[3].fields.length;
    const del = card.getByRole('button', { name: new RegExp(`^Delete section ‘${before.sections[3].title}’ and its ${n} question`) });
    await del.click();
    await waitForStored(page, (c) => !JSON.parse(c).sections.some((x) => x.id === before.sections[3].id), 'deleted the section');
    await waitFocus(page, 'ed-s-3-heading', 'focus on the next section after a delete');
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitForStored(page, (c) => JSON.parse(c).sections.some((x) => x.id === before.sections[3].id), 'the delete undone');
    // A question moved to another section with "Move to another section".
    const q = rowOf(page, 0, 0);
    await q.getByRole('button', { name: 'Edit' }).click();
    await q.getByLabel('Move to another section').selectOption({ index: 5 });
    await q.getByRole('button', { name: /^Move to the chosen section/ }).click();
    const qid = before.sections[0].fields[0].id;
    await waitForStored(page, (c) => JSON.parse(c).sections[5].fields.some((f) => f.id === qid), 'moved the question');
    const target = JSON.parse(await storedCycle(page)).sections[5];
    await waitFocus(page, `ed-q-5-${target.fields.length - 1}-edit`, 'focus follows the moved question');
    // Undo twice gives back the opened file.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitForStored(page, (c) => c === shippedText(MENTOR), 'came back to the opened file');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('the session is restored after a reload, where staff were', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'The cycle');
    await page.getByLabel('Title', { exact: true }).fill('Fall 2021 Mentor Application');
    await waitForStored(page, (c) => c.includes('Fall 2021 Mentor Application'), 'held the title');
    await page.reload();
    await page.locator('#ed-panel .ed-heading').first().waitFor();
    assert.equal(await page.getByRole('tab', { name: 'The cycle' }).getAttribute('aria-selected'), 'true', 'back on the same panel');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Fall 2021 Mentor Application');
    await eventually(async () => (await previewH1(page).textContent()).includes('Fall 2021'), { timeout: 10_000 });
    assert.match(await page.locator('#ed-notice').textContent(), /restored/);
    // An edit in the visual view shows in the JSON view.
    await tab(page, 'JSON');
    assert.match(await page.locator('#ed-json').inputValue(), /"title": "Fall 2021 Mentor Application"/);
    // What changed still compares with the file first opened.
    await tab(page, 'Save');
    assert.match(await page.locator('#ed-changes').textContent(), /Changed the title from ‘Fall 2020 Mentor Application’/);
    // "Discard my changes" asks first, then starts over from the opened file.
    await tab(page, 'Start');
    await page.getByRole('button', { name: 'Discard my changes' }).click();
    await page.getByRole('button', { name: 'Yes, discard my changes' }).click();
    await waitForStored(page, (c) => c === shippedText(MENTOR), 'went back to the opened file');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('two tabs: an edit in one shows in the other; an edit made on a stale tab lands on top of the newer session', T, async (t) => {
    const { context, page: a, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(a, app);
    // Tab B does not hear A (as if the storage event were late): its edit must still
    // be applied on top of A's, not overwrite it.
    const b = await context.newPage();
    await b.addInitScript(() => window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
    await openEditor(b, app);
    await tab(a, 'The cycle');
    await tab(b, 'The cycle');
    await a.getByLabel('Title', { exact: true }).fill('Title from tab A');
    await waitForStored(a, (c) => c.includes('Title from tab A'), 'held A\'s title');
    assert.notEqual(await b.getByLabel('Title', { exact: true }).inputValue(), 'Title from tab A', 'B did not hear A');
    await b.getByLabel('Program', { exact: true }).fill('Program from tab B');
    await waitForStored(a, (c) => c.includes('Program from tab B') && c.includes('Title from tab A'), 'kept both edits');
    // A hears B and shows both.
    await eventually(async () => (await a.getByLabel('Program', { exact: true }).inputValue()) === 'Program from tab B', { timeout: 5_000 });
    assert.equal(await a.getByLabel('Title', { exact: true }).inputValue(), 'Title from tab A');
    assert.equal(await b.getByLabel('Title', { exact: true }).inputValue(), 'Title from tab A', 'B took A\'s edit before its own');
    await eventually(async () => /another tab/.test(await a.locator('#ed-live').textContent()), { timeout: 5_000 });
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a bad file gets a message with its line and column, and the session is kept; a good file opens', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'The cycle');
    await page.getByLabel('Title', { exact: true }).fill('Kept title');
    await tab(page, 'Start');
    const bad = shippedText(MENTOR).replace('"title": "Fall 2020 Mentor Application",', '"title": "Broken" "x",');
    const line = bad.split('\n').findIndex((l) => l.includes('"Broken" "x"')) + 1;
    await page.locator('#ed-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const notice = page.locator('#ed-notice');
    await notice.waitFor();
    assert.match(await notice.textContent(), new RegExp(`‘broken.json’ could not be opened \\((?:[a-z_.\\[\\]0-9]+, )?line ${line}, column \\d+`));
    assert.match(await notice.textContent(), /session is as it was/);
    assert.ok((await storedCycle(page)).includes('Kept title'), 'the session was kept');
    // A good file from the computer opens (and opening can be undone).
    const mentee = shippedText('fall-2020-mentee.json');
    await page.locator('#ed-file').setInputFiles({ name: 'mentee.json', mimeType: 'application/json', buffer: Buffer.from(mentee) });
    await waitForStored(page, (c) => c === mentee, 'opened the good file');
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitForStored(page, (c) => c.includes('Kept title'), 'undid the open');
    // A file dropped anywhere on the editor opens too.
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      const target = document.querySelector('.ed-editor');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, mentee);
    await waitForStored(page, (c) => c === mentee, 'opened the dropped file');
    assert.match(await page.locator('#ed-panel').textContent(), /Editing: dropped\.json/);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('a browser that keeps nothing: the editor says so and still edits and downloads', T, async (t) => {
    const { page, errors, close } = await newPage(browser, {
      initScript: () => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; },
    });
    t.after(close);
    await openEditor(page, app);
    await page.locator('#ed-storage-off').waitFor();
    assert.match(await page.locator('#ed-storage-off').textContent(), /not keeping your work/);
    await tab(page, 'The cycle');
    await page.getByLabel('Title', { exact: true }).fill('Kept nowhere');
    await eventually(async () => (await previewH1(page).textContent()).includes('Kept nowhere'), { timeout: 10_000 });
    const { text } = await download(page);
    assert.match(text, /"title": "Kept nowhere"/);
    await tab(page, 'Start');
    assert.match(await page.locator('#ed-panel').textContent(), /This browser keeps nothing/);
    assert.deepEqual(errors, [], errorsMessage(errors));
  });

  test('"Start the next cycle from this one": new id, title and deadline, everything else kept', T, async (t) => {
    const { page, errors, close } = await newPage(browser);
    t.after(close);
    await openEditor(page, app);
    await tab(page, 'The cycle');
    await page.getByLabel('Program', { exact: true }).fill('Program kept');
    await waitForStored(page, (c) => c.includes('"program": "Program kept"'), 'held the program');
    await tab(page, 'Start');
    await page.getByRole('button', { name: 'Start the next cycle from this one' }).click();
    const id = page.getByLabel('New cycle id');
    await eventually(() => id.evaluate((el) => el === document.activeElement), { timeout: 5_000 });
    const old = JSON.parse(shippedText(MENTOR));
    // Suggested from the current cycle, a year on.
    assert.equal(await id.inputValue(), old.id.replace(/\d{4}/, (y) => String(Number(y) + 1)));
    // Ctrl+Z in this draft form is the browser's own undo, not the editor's.
    await id.focus();
    await page.keyboard.type('x');
    await page.keyboard.press('Control+z');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.ok((await storedCycle(page)).includes('"program": "Program kept"'), 'Ctrl+Z in the draft form did not undo the program');
    assert.ok(!(await undoDisabled(page)), 'the program change can still be undone');
    await id.fill('Not an id');
    await page.getByRole('button', { name: 'Start the next cycle', exact: true }).click();
    await eventually(async () => /is not an id/.test(await page.locator('#ed-next-id-error').textContent().catch(() => '')), { timeout: 5_000 });
    await id.fill('fall-2021-mentor');
    await page.getByLabel('New title').fill('Fall 2021 Mentor Application');
    await page.getByLabel('New deadline text').fill('Applications are due Monday 15 November 2021.');
    await page.getByLabel('New closing date').fill('2021-11-15');
    await page.getByRole('button', { name: 'Start the next cycle', exact: true }).click();
    await waitForStored(page, (c) => JSON.parse(c).id === 'fall-2021-mentor', 'took the new id');
    const next = JSON.parse(await storedCycle(page));
    assert.equal(next.title, 'Fall 2021 Mentor Application');
    assert.equal(next.deadline.text, 'Applications are due Monday 15 November 2021.');
    assert.equal(next.deadline.closes_at, '2021-11-15T23:59:59-06:00', 'same time and zone, the new date');
    assert.equal(next.deadline.opens_at, '2021-10-01T00:00:00-05:00', 'opening moved on a year');
    assert.deepEqual(next.sections, old.sections, 'every section and question kept');
    assert.deepEqual(next.submit, old.submit);
    assert.equal(await page.getByRole('tab', { name: 'The cycle' }).getAttribute('aria-selected'), 'true', 'on to the cycle to check the dates');
    const { name } = await download(page);
    assert.equal(name, 'fall-2021-mentor.json');
    assert.deepEqual(errors, [], errorsMessage(errors));
  });
});
