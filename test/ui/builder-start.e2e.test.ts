// Starting a scenario from nothing, end to end in Debian's headless Chromium against the
// real server: "New scenario" opens an empty one, unsaved; the guide lists what is missing
// and each item goes to the place to fix it; the scenario survives a reload; an edit in
// the advanced editor is one undo step and the form follows it; keystrokes in one field
// are one step, undone and redone by the buttons and by Ctrl+Z / Ctrl+Shift+Z; a node of
// the pathway diagram shows its problem and opens its step; a step added from the
// diagram. Axe-clean, and a screenshot for the README (docs/screenshots/new-scenario.png).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';
import { moveStepTo } from '../../ui/src/lib/pathway-edits.ts';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];

// What a user would add first: a stroke unit (no beds yet), stroke patients and their pathway
// (a stay with a spread that is not valid yet).
const started = {
  id: 'new-scenario', title: 'New scenario', time: { horizonDays: 91, warmupDays: 14 },
  sites: [{ id: 'hospital', name: 'Hospital', wards: [{ id: 'su', name: 'Stroke unit', beds: 0 }] }],
  classes: [{ id: 'stroke', name: 'Stroke', site: 'hospital', arrivals: { perDay: 3 }, pathway: 'stroke' }],
  pathways: { stroke: [
    { id: 'admit', do: 'admit', ward: 'su' },
    { id: 'stay', do: 'stay', duration: { dist: 'lognormal', mean: 5, sd: -3, unit: 'days' } },
    { id: 'home', do: 'discharge' },
  ] },
};

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Leaving an unsaved scenario asks first: a reload here means it.
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await app?.close();
});

const guide = () => page.locator('.missing-guide li');
const undoCount = () => page.locator('.edit-history .muted').textContent();
const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');

describe('a new scenario, built from nothing', () => {
  test('New scenario opens an empty one, unsaved, with what is missing before it can run', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByRole('button', { name: 'New scenario…' }).click();
    // A template per library scenario, as the server lists them.
    const options = await page.locator('#new-scenario-from option').allTextContents();
    expect(options[0]).toMatch(/^Nothing: one site, no wards/);
    expect(options.some((o) => o.startsWith('A copy of “'))).toBe(true);
    await expectAxeClean(page, 'the library with the new-scenario choice open');
    await page.getByRole('button', { name: 'Create the scenario' }).click();
    await page.getByRole('heading', { level: 1, name: 'New scenario' }).waitFor();
    expect(page.url()).toMatch(/#\/new$/);
    await page.getByRole('heading', { name: 'What is still missing before it can run' }).waitFor();
    expect(await guide().allTextContents()).toEqual([
      'site ‘Hospital’ has no wards, theatres or staff yet',
      'no patient class arrives yet',
      'there is no pathway yet (the steps patients go through)',
    ]);
    expect(await page.getByRole('button', { name: 'Save to my scenarios' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true);
    await expectAxeClean(page, 'a new empty scenario with its guide');
    await page.screenshot({ path: `${screenshots}new-scenario.png` });
  });

  test('an item of the guide goes to the place to fix it and focuses it', async () => {
    await page.getByRole('link', { name: 'no patient class arrives yet' }).click();
    // The builder's field for the classes when there is one; in the key-numbers form, the arrivals section.
    await expect.poll(activeId).toMatch(/^(b-classes|sec-arrivals)/);
  });

  test('an edit in the advanced editor is one undo step, and the form and the guide follow undo and redo', async () => {
    await page.getByRole('tab', { name: 'Advanced editor (YAML/JSON)' }).click();
    await page.fill('#advanced-text', JSON.stringify(started, null, 2));
    await page.getByRole('button', { name: 'Apply changes' }).click();
    await expect.poll(undoCount).toBe('1 change to undo');
    await expect.poll(() => guide().allTextContents()).toEqual([
      'ward ‘Stroke unit’ has no beds',
      'pathway ‘stroke’ › step ‘stay’ › duration › sd: expected a number > 0, got -3',
    ]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => guide().count()).toBe(3);
    // The text follows the document back.
    expect(await page.inputValue('#advanced-text')).not.toContain('Stroke unit');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => guide().count()).toBe(2);
    expect(await page.inputValue('#advanced-text')).toContain('Stroke unit');
    // The form follows too: the ward's beds appear with the redo and go with an undo.
    await page.getByRole('tab', { name: 'Key numbers' }).click();
    expect(await page.locator('#f-sites-0-wards-0-beds').inputValue()).toBe('0');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('#f-sites-0-wards-0-beds').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('#f-sites-0-wards-0-beds').waitFor();
  });

  test('the scenario survives a reload of the tab, edits included', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'New scenario' }).waitFor();
    await expect.poll(() => guide().count()).toBe(2);
    expect(await guide().first().textContent()).toBe('ward ‘Stroke unit’ has no beds');
  });

  test('keystrokes in one field are one step; undo and redo by buttons and keys', async () => {
    await page.getByRole('link', { name: 'ward ‘Stroke unit’ has no beds' }).click();
    await expect.poll(activeId).toMatch(/^(b|f)-sites-0-wards-0-beds/);
    const beds = page.locator(`#${await activeId()}`);
    const before = await undoCount();
    await beds.selectText();
    await beds.pressSequentially('12');
    await expect.poll(() => beds.inputValue()).toBe('12');
    await expect.poll(() => guide().count()).toBe(1);
    // Two keystrokes, one step.
    expect(await undoCount()).toBe(before === 'No changes to undo' ? '1 change to undo' : `${Number(before!.split(' ')[0]) + 1} changes to undo`);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => beds.inputValue()).toBe('0');
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect.poll(() => beds.inputValue()).toBe('12');
    // The keys, with the focus outside a text field (on the Redo button).
    await page.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => beds.inputValue()).toBe('0');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => beds.inputValue()).toBe('12');
    await expectAxeClean(page, 'a new scenario being built, after undo and redo');
  });

  test('the diagram: a node shows its problem, opens its step on click and on Enter, and a step is added after it', async () => {
    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    const stay = page.locator('#d-pathways-stroke-1');
    await stay.waitFor();
    expect(await stay.getAttribute('class')).toContain('node--error');
    expect(await stay.locator('title').textContent()).toBe('stay\nmean 5 days (sd -3)\nproblem: pathways.stroke[1].duration.sd: expected a number > 0, got -3\n(opens it in the builder)');
    expect(await page.getByRole('button', { name: /^stay/ }).count()).toBe(1);
    await expectAxeClean(page, 'an editable pathway diagram with a problem on a node');
    await stay.click();
    await expect.poll(activeId).toMatch(/^(b|f)-pathways-stroke-1/);

    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    await page.locator('#d-pathways-stroke-0').focus();
    await page.keyboard.press('Enter');
    await expect.poll(activeId).toMatch(/^(b|f|d)-pathways-stroke-0/);

    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    await page.getByLabel('Step', { exact: true }).selectOption({ label: '1. admit' });
    await page.getByRole('button', { name: 'Add a step after it' }).click();
    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    await page.locator('#d-pathways-stroke-3').waitFor();
    expect(await page.locator('#d-pathways-stroke-1 title').textContent()).toBe('stay\nmean 1 days\n(opens it in the builder)');
    // Moving the discharge earlier would strand the steps after it: refused, with the reason.
    await page.getByLabel('Step', { exact: true }).selectOption({ label: '4. home' });
    await page.getByRole('button', { name: 'Move earlier' }).click();
    await expect.poll(() => page.locator('.diagrams .message--warn').textContent()).toBe('Not moved: no patient would reach ‘stay’: it would come after the discharge and no branch leads to it.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('#d-pathways-stroke-3').waitFor({ state: 'detached' });
  });

  test('a step dragged sideways on the diagram moves, or the move is refused with the reason', async () => {
    const admit = page.locator('#d-pathways-stroke-0');
    const box = (await admit.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // One box and the gap between boxes to the right: one place later.
    await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2 + 212, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    // The same edit as the document on screen gets (the beds set to 12 above).
    const onScreen = { ...started, sites: [{ ...started.sites[0], wards: [{ ...started.sites[0].wards[0], beds: 12 }] }] };
    const r = moveStepTo(onScreen, 'stroke', 0, 1);
    if (r.ok) await expect.poll(() => page.locator('#d-pathways-stroke-1 title').textContent()).toMatch(/^admit\n/);
    else await expect.poll(() => page.locator('.diagrams .message--warn').textContent()).toBe(`Not moved: ${r.reason}.`);
    // The drag did not open the step.
    expect(await page.getByRole('tab', { name: 'Pathway diagram' }).getAttribute('aria-selected')).toBe('true');
    expect(pageErrors).toEqual([]);
  });
});

describe('a new scenario from a template', () => {
  test('a copy of a library scenario, under its own id, nothing missing; exported tidy', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByRole('button', { name: 'New scenario…' }).click();
    await page.locator('#new-scenario-from option[value="hyperacute-stroke"]').waitFor({ state: 'attached' });
    await page.selectOption('#new-scenario-from', { value: 'hyperacute-stroke' });
    await page.getByRole('button', { name: 'Create the scenario' }).click();
    await page.getByRole('heading', { level: 1, name: /\(my version\)$/ }).waitFor();
    expect(await page.locator('.missing-guide').count()).toBe(0);
    const library = parse(readFileSync(new URL('../../scenarios/library/hyperacute-stroke.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    // The exported file: the language's key order, the template's content under the new id.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export YAML' }).click()]);
    expect(download.suggestedFilename()).toBe('hyperacute-stroke-mine.yaml');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('id: hyperacute-stroke-mine\ntitle: ')).toBe(true);
    const exported = parse(text) as Record<string, unknown>;
    expect({ ...exported, id: library.id, title: library.title }).toEqual(library);
    expect(pageErrors).toEqual([]);
  });
});
