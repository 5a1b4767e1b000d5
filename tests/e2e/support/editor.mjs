// Driving the staff cycle editor (dist/preview/) as staff would: tabs, buttons and
// labelled fields, never the JSON. Shared by tests/e2e/editor*.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DIST, eventually } from './app.mjs';

export const SESSION_KEY = 'mentor-form:editor-session';

/** The form preview region (role=region, "Form preview"). */
export const region = (page) => page.locator('[role=region][aria-label="Form preview"]');
export const previewH1 = (page) => region(page).locator('h1').first();

/** The shipped cycle file's text, as dist/ serves it. */
export function shippedText(name) {
  return fs.readFileSync(path.join(DIST, 'cycles', name), 'utf8');
}

/** Opens the editor with a fresh session and waits for the cycle and its preview. */
export async function openEditor(page, app) {
  page.setDefaultTimeout(20_000);
  await page.goto(app.url + 'preview/');
  await page.locator('#ed-panel .ed-heading').first().waitFor({ state: 'visible', timeout: 30_000 });
  await previewH1(page).waitFor({ state: 'visible', timeout: 30_000 });
}

/** Chooses a panel by its tab. */
export async function tab(page, name) {
  await page.getByRole('tab', { name, exact: false }).first().click();
  await eventually(async () => (await page.getByRole('tab', { name }).first().getAttribute('aria-selected')) === 'true', { timeout: 5_000 });
}

/** The section cards of the "Sections and questions" panel. */
export const sectionCards = (page) => page.locator('section.ed-section');
/** The question rows of a section card. */
export const questionRows = (section) => section.locator('li.ed-question');

/** The current cycle, as the session on the device holds it (canonical JSON). */
export async function storedCycle(page) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), SESSION_KEY);
  assert.ok(raw, 'no editor session in localStorage');
  return JSON.parse(raw).current;
}

/** Waits until the stored session's current cycle satisfies `pred(text)`. */
export async function waitForStored(page, pred, what, timeout = 10_000) {
  const ok = await eventually(async () => {
    const raw = await page.evaluate((k) => localStorage.getItem(k), SESSION_KEY);
    return raw && pred(JSON.parse(raw).current);
  }, { timeout, interval: 50 });
  assert.ok(ok, `stored cycle never ${what}`);
}

/** Presses "Download cycle file" and returns the downloaded text and its name. */
export async function download(page) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 10_000 }),
    page.getByRole('button', { name: 'Download cycle file' }).click(),
  ]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/** The problem messages shown at a control (its GOV.UK error message). */
export async function problemsAt(page, controlId) {
  const el = page.locator(`#${controlId}-error`);
  if (!(await el.count())) return '';
  return (await el.textContent()).replace(/\s+/g, ' ').trim();
}

/** Waits for the error summary to list a problem matching `re`. */
export async function summaryLink(page, re, timeout = 10_000) {
  const link = page.locator('#ed-summary a', { hasText: re });
  await link.first().waitFor({ state: 'visible', timeout });
  return link.first();
}
