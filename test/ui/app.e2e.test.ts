// The web app end to end, in Debian's headless Chromium driven by playwright-core: the app
// is built once (vite's JS API), served by the real server on port 0 with a temporary data
// directory, then used as a manager would: library, open the surgical hub, change a number,
// see a readable error for an invalid one, add an option, run, read the table and charts
// (checked against the server's own result for the run), download the CSV, open the
// report. All of it under the server's Content-Security-Policy, with no violation reported;
// teaching mode and the API docs too. axe-core (test/ui/axe.ts) checks each page and state
// the suite visits for accessibility: zero violations. Screenshots of the main screens go to
// test/ui/artifacts/ (git-ignored).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/server.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { formatEstimate } from '../../ui/src/lib/format.ts';
import { infoOf } from '../../ui/src/lib/kpi.ts';
import { fixtureDoc, until } from '../server/harness.ts';
import { expectAxeClean } from './axe.ts';
import { warningWords } from '../../ui/src/lib/warning-words.ts';
import { namesOf } from '../../ui/src/lib/kpi-words.ts';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
/** Waits until the browser has written a draft (ui/src/lib/drafts.ts, 400 ms after the last edit) holding `text`. */
const draftHolds = (page: Page, text: string) => page.waitForFunction((t) =>
  Object.keys(localStorage).some((k) => k.startsWith('pathflow:draft:') && localStorage.getItem(k)!.includes(t)), text);

let outDir: string, dataDir: string, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
/** What Chromium reports as blocked by the Content-Security-Policy, from any page of the main context. */
const cspViolations: string[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  outDir = mkdtempSync(join(tmpdir(), 'pathflow-ui-'));
  dataDir = mkdtempSync(join(tmpdir(), 'pathflow-ui-data-'));
  const t = Date.now();
  await build({ configFile: fileURLToPath(new URL('../../ui/vite.config.ts', import.meta.url)), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  timings.buildMs = Date.now() - t;
  server = await startServer({ port: 0, dataDir, uiDist: outDir, workers: 2 });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  watchCsp(context);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

/** Collects CSP violations: the page's securitypolicyviolation events and Chromium's "Refused to …" console errors (workers' included). */
function watchCsp(context: BrowserContext): void {
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
  });
  context.on('console', (m) => { if (/CSP violation|Content Security Policy/.test(m.text())) cspViolations.push(m.text()); });
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  writeFileSync(join(artifacts, 'timings.json'), JSON.stringify(timings, null, 2));
  for (const d of [outDir, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the web app', () => {
  test('the library lists the ready-made scenarios as cards with their question', async () => {
    await page.goto(server.url + '/');
    const card = page.locator('.card', { hasText: 'ring-fenced surgical hub' });
    await expect(card.getByRole('link')).toBeTruthy();
    await card.waitFor();
    await card.locator('.card__question').waitFor();
    expect(await page.locator('.card').count()).toBeGreaterThanOrEqual(5);
    await shot(page, 'library', true);
    await expectAxeClean(page, 'the library');
  });

  test('open the surgical hub: options, key numbers and pathway diagrams', async () => {
    await page.locator('.card', { hasText: 'ring-fenced surgical hub' }).getByRole('link').click();
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
    // Focus moves to the new page's content, so a screen reader starts reading there.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.locator('#f-sites-0-wards-1-beds').inputValue()).toBe('84');
    await expect.poll(() => page.getByRole('radio').count()).toBe(3); // baseline and two options
    await shot(page, 'scenario');
    await expectAxeClean(page, 'the scenario page, key numbers');
    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    const trauma = page.getByRole('group', { name: /^Pathway “trauma”: / });
    await trauma.waitFor();
    expect(await trauma.locator('text=63%').count()).toBe(1);
    await shot(page, 'diagram', true);
    await expectAxeClean(page, 'the scenario page, pathway diagram');
    await page.getByRole('tab', { name: /Advanced editor/ }).click();
    await page.locator('#advanced-text').waitFor();
    await expectAxeClean(page, 'the scenario page, advanced editor');
    // A key given twice is named with its line, as `pathflow check` names it; nothing is applied.
    const text = await page.locator('#advanced-text').inputValue();
    await page.locator('#advanced-text').fill(`${text}id: again\n`);
    await page.getByRole('button', { name: 'Apply changes' }).click();
    expect(await page.getByRole('alert').textContent()).toBe(`This is not valid YAML at line ${text.split('\n').length}, column 1: the key "id" is given twice in one mapping (first at line ${text.split('\n').findIndex((l) => l.startsWith('id:')) + 1}) (id).`);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.locator('#advanced-text').inputValue()).toBe(text);
    await page.getByRole('tab', { name: 'Key numbers' }).click();
    // Larger text (for a projector) changes nothing for axe either.
    await page.getByRole('button', { name: 'Larger text' }).click();
    await expectAxeClean(page, 'the scenario page with larger text');
    await page.getByRole('button', { name: 'Larger text' }).click();
    expect(await page.getByRole('button', { name: 'Larger text' }).getAttribute('aria-pressed')).toBe('false');
  });

  test('a diagnostics list booked into scanner slots: its scanners, slot length and DNA rate, no ward or theatres', async () => {
    const doc: Record<string, unknown> = { ...fixtureDoc('diagnostics'), id: 'mri-list-form' };
    (doc.waitingLists as Record<string, unknown>[])[0].dna = { probability: 0.08 };
    const saved = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) });
    expect(saved.status).toBe(201);
    await page.goto(`${server.url}/#/scenario/mri-list-form`);
    const lists = page.locator('#sec-lists');
    await lists.waitFor();
    await expect.poll(() => lists.locator('h4').first().textContent()).toContain('booked into scanners mri-1');
    expect(await lists.textContent()).not.toMatch(/ward undefined|Length of stay after surgery/);
    expect(await page.getByLabel(/Slot length/).inputValue()).toBe('15');
    expect(await page.getByLabel(/Did not attend \(DNA\) rate/).inputValue()).toBe('0.08');
    expect(pageErrors).toEqual([]);
    // Back where the next tests start: the surgical hub's page.
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('extra sessions on a waiting list from the form: added, a session clashing with the timetable named at its field, stored', async () => {
    const doc: Record<string, unknown> = { ...fixtureDoc('elective'), id: 'extra-sessions-form', variants: [] };
    const saved = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) });
    expect(saved.status).toBe(201);
    await page.goto(`${server.url}/#/scenario/extra-sessions-form`);
    await page.getByRole('button', { name: 'Add extra sessions to waiting list north-ortho' }).click();
    expect(await page.locator('#f-waitingLists-0-extraSessions-openAt').inputValue()).toBe('400');
    // Monday 08:00-12:00 is th1's timetable at north: the check names the session.
    await page.getByRole('group', { name: /Extra sessions while the list is long/ }).getByRole('checkbox', { name: 'Mon' }).check();
    // Said under the session's row (the clash is of its days and times together).
    const clash = page.locator('#sec-lists .field__error');
    await expect.poll(() => clash.allTextContents()).toEqual([expect.stringMatching(/overlaps theatre "th1"'s sessions\[0\] \(08:00-12:00\) on mon/)]);
    await page.getByRole('group', { name: /Extra sessions while the list is long/ }).getByRole('checkbox', { name: 'Mon' }).uncheck();
    await page.locator('#f-waitingLists-0-extraSessions-closeBelow').fill('500');
    await expect.poll(() => page.locator('#f-waitingLists-0-extraSessions-closeBelow-error').textContent()).toMatch(/openAt/);
    await page.locator('#f-waitingLists-0-extraSessions-closeBelow').fill('300');
    await expect.poll(() => page.locator('.field__error').count()).toBe(0);
    await draftHolds(page, '"extraSessions":{"sessions":[{"theatre":"th1","days":["sat"]');
    expect(pageErrors).toEqual([]);
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('the DM01 library scenario: its targets (measures) and the list\'s weeks-over census in the form; a target edited is checked', async () => {
    await page.goto(`${server.url}/#/scenario/diagnostics-dm01`);
    const targets = page.locator('#sec-measures');
    await targets.waitFor();
    expect(await targets.locator('h4').first().textContent()).toContain('list mri: referral → treatment');
    const within = page.locator('#f-measures-0-within-value');
    expect(await within.inputValue()).toBe('6');
    expect(await page.locator('#f-measures-0-centiles').inputValue()).toBe('50, 95');
    expect(await page.locator('#f-waitingLists-0-overWeeks').inputValue()).toBe('6, 13');
    await within.fill('-1');
    await expect.poll(() => targets.locator('.field__error').first().textContent()).toMatch(/expected/);
    await within.fill('4');
    await expect.poll(() => targets.locator('.field__error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('escalation beds on a ward from the form: added with sensible values, checked, stored in the scenario', async () => {
    const doc: Record<string, unknown> = { ...fixtureDoc('small-ed'), id: 'escalation-form' };
    const saved = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) });
    expect(saved.status).toBe(201);
    await page.goto(`${server.url}/#/scenario/escalation-form`);
    // Cubicles have no escalation beds; the ward does.
    await page.getByRole('button', { name: 'Add escalation beds to ward medical' }).click();
    expect(await page.getByRole('button', { name: 'Add escalation beds to ward cubicles' }).count()).toBe(0);
    const openAt = page.locator('#f-sites-0-wards-1-escalation-openAt');
    expect(await openAt.inputValue()).toBe('0.95');
    await page.locator('#f-sites-0-wards-1-escalation-closeBelow').fill('0.97');
    await expect.poll(() => page.locator('#f-sites-0-wards-1-escalation-closeBelow-error').textContent()).toMatch(/below openAt|openAt/);
    await page.locator('#f-sites-0-wards-1-escalation-closeBelow').fill('0.85');
    await expect.poll(() => page.locator('.field__error').count()).toBe(0);
    await draftHolds(page, '"openAt":0.95');
    // Staff called in with it: a role of the site (a select of its roles), how many, their rate.
    await page.getByRole('button', { name: 'Call in staff with it' }).click();
    const role = page.locator('#f-sites-0-wards-1-escalation-staff-0-role');
    expect(await role.locator('option').allTextContents()).toEqual(['nurse', 'acp']);
    await role.selectOption('acp');
    await page.locator('#f-sites-0-wards-1-escalation-staff-0-count').fill('2');
    await page.locator('#f-sites-0-wards-1-escalation-staff-0-hourlyCost').fill('-3');
    await expect.poll(() => page.locator('#f-sites-0-wards-1-escalation-staff-0-hourlyCost-error').textContent()).toMatch(/0/);
    await page.locator('#f-sites-0-wards-1-escalation-staff-0-hourlyCost').fill('90');
    await expect.poll(() => page.locator('.field__error').count()).toBe(0);
    await draftHolds(page, '"staff":[{"role":"acp","count":2,"hourlyCost":90}]');
    expect(pageErrors).toEqual([]);
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('the winter and stroke library scenarios: seasons and day 0\'s date in the form; a branch by rules drawn with its conditions', async () => {
    await page.goto(`${server.url}/#/scenario/winter-dgh`);
    const seasons = page.locator('#sec-seasons');
    await seasons.waitFor();
    expect(await seasons.textContent()).toContain('arrivals of medical');
    expect(await page.locator('#f-seasons-winter-demand-byMonth-0').inputValue()).toBe('1.12');
    expect(await page.locator('#f-seasons-winter-demand-growthPerYear').inputValue()).toBe('0.02');
    expect(await page.locator('#f-time-startDate').inputValue()).toBe('2026-10-04');
    expect(await page.locator('#f-time-startWeekday').count()).toBe(0);
    await page.locator('#f-seasons-winter-demand-byMonth-0').fill('200');
    await expect.poll(() => seasons.locator('.field__error').first().textContent()).toMatch(/100/);
    await page.locator('#f-seasons-winter-demand-byMonth-0').fill('1.12');
    await page.goto(`${server.url}/#/scenario/hyperacute-stroke`);
    // The attributes drawn at arrival: onset to door (a duration) and eligibility (a category).
    expect(await page.locator('#f-classes-0-attributes-onset-before-mean').inputValue()).toBe('3');
    expect(await page.locator('#f-classes-0-attributes-eligible-oneOf-yes').inputValue()).toBe('0.25');
    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    await expect.poll(() => page.locator('.edge__label').allTextContents()).toEqual(expect.arrayContaining(['time since onset < 4.5 h and eligible is yes', 'otherwise']));
    expect(pageErrors).toEqual([]);
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('options keep their own names: a new option named as another is refused, a renamed one marked, at the field', async () => {
    const doc: Record<string, unknown> = { ...fixtureDoc('small-ed'), id: 'option-names' };
    const saved = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) });
    expect(saved.status).toBe(201);
    await page.goto(`${server.url}/#/scenario/option-names`);
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.locator('#new-variant-name').fill('  +1 acp ');
    await expect.poll(() => page.locator('#new-variant-name-error').textContent()).toContain('an option is already named “+1 acp”');
    expect(await page.getByRole('button', { name: 'Create option' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('16 medical beds').check();
    await page.locator('#variant-name').fill('+1 ACP');
    await expect.poll(() => page.locator('#variant-name-error').textContent()).toBe('option variants[0] is already named "+1 ACP": give each option its own name');
    expect(await page.locator('#variant-name').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#variant-name').fill('16 medical beds');
    await expect.poll(() => page.locator('#variant-name-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.goto(`${server.url}/#/scenario/surgical-hub`);
    await page.locator('#f-sites-0-wards-1-beds').waitFor();
  });

  test('every control on the scenario page has a label, and the page works from the keyboard', async () => {
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.type === 'hidden' || e.closest('.visually-hidden') && e.type === 'file') return false;
        const named = e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || (e.tagName === 'BUTTON' && e.textContent?.trim());
        return !named;
      })
      .map((e) => e.outerHTML.slice(0, 80)));
    expect(unlabelled).toEqual([]);
    // Tabs move with the arrow keys, as a tab list should.
    await page.getByRole('tab', { name: 'Key numbers' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Pathway diagram' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('tab', { name: 'Key numbers' }).getAttribute('aria-selected')).toBe('true');
  });

  test('an invalid value gets the schema\'s message beside the field and blocks the run', async () => {
    const beds = page.locator('#f-sites-0-wards-1-beds');
    await beds.fill('0');
    await expect.poll(() => page.locator('#f-sites-0-wards-1-beds-error').textContent()).toBe('expected an integer ≥ 1, got 0');
    expect(await beds.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled()).toBe(true);
    await beds.scrollIntoViewIfNeeded();
    await shot(page, 'invalid-value');
    await expectAxeClean(page, 'the scenario page with an invalid value');
    await beds.fill('86');
    await expect.poll(() => page.locator('#f-sites-0-wards-1-beds-error').count()).toBe(0);
  });

  test('change numbers and add an option, stored as a difference from baseline', async () => {
    // A short horizon keeps the suite quick: 62 days after the 28-day warm-up.
    await page.locator('#f-time-horizonDays').fill('90');
    // And one option fewer: removing one is part of editing options too.
    await page.getByRole('radio', { name: 'Hub with high-volume lists and enhanced recovery' }).check();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove this option' }).click();
    await expect.poll(() => page.getByRole('radio').count()).toBe(2);
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByLabel('Name of the new option').fill('Eight more beds');
    await page.getByRole('button', { name: 'Create option' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Eight more beds' }).isChecked()).toBe(true);
    await page.locator('#f-sites-0-wards-1-beds').fill('94');
    const diff = page.locator('.differences tr', { hasText: 'site dgh › ward ortho › beds' });
    await diff.waitFor();
    expect(await diff.locator('td').allTextContents()).toEqual(['site dgh › ward ortho › beds', '86', '94']);
    await page.locator('.variants').scrollIntoViewIfNeeded();
    await shot(page, 'option-differences');
    await expectAxeClean(page, 'an option and its differences from baseline');

    // A theatre more for this option, booked from the joints list.
    await page.getByRole('button', { name: 'Add a theatre' }).click();
    await page.getByRole('group', { name: 'Theatres booked from this list' }).getByLabel('th5').check();
    const added = page.locator('.differences tr', { hasText: 'site dgh › theatre th5' });
    await added.waitFor();
    expect(await page.locator('.differences tr', { hasText: 'waiting list joints › theatres' }).locator('td').allTextContents())
      .toEqual(['waiting list joints › theatres', 'th1, th2, th3, th4', 'th1, th2, th3, th4, th5']);
    expect(await page.locator('.editor > .message--error').count()).toBe(0);

    // Unsaved edits survive a reload (kept in the browser), with a way to discard them.
    await draftHolds(page, '"theatres":["th1","th2","th3","th4","th5"]');
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Restored your unsaved changes' }).waitFor();
    expect(await page.locator('#f-sites-0-wards-1-beds').inputValue()).toBe('86');
    expect(await page.getByRole('radio', { name: 'Eight more beds' }).count()).toBe(1);
  });

  test('run: a first look, then the table and charts filled with the run\'s own numbers', async () => {
    // 4 replications: the app also runs the first 2 as a first look, shown while the rest run.
    await page.locator('#run-replications').fill('4');
    const started = Date.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    // A run that fails says why in the run panel: fail with that, not with a bare timeout.
    await page.waitForFunction(() => document.querySelector('.kpi-table') || document.querySelector('.run-panel .message--error'), null, { timeout: 60_000 });
    const failed = page.locator('.run-panel .message--error');
    if (await failed.count()) throw new Error(`the run failed: ${await failed.textContent()}`);
    timings.runToFirstTableMs = Date.now() - started;
    // The final numbers: a table without the first-look notice.
    await page.waitForFunction(() => document.querySelector('.kpi-table') && !document.querySelector('[data-first-look]'), null, { timeout: 60_000 });
    timings.runToFinalTableMs = Date.now() - started;
    await page.waitForFunction(() => document.querySelectorAll('.chart__plot').length > 0
      && document.querySelectorAll('.chart__plot[data-state="loading"]').length === 0, null, { timeout: 30_000 });
    timings.runToChartsMs = Date.now() - started;

    const runId = await page.locator('.compare').getAttribute('data-run-id');
    const run = await (await fetch(`${server.url}/api/runs/${runId}`)).json() as { status: string; result: RunResultDoc };
    expect(run.status).toBe('done');
    const result = run.result;
    expect(result.variants.map((v) => v.name)).toEqual(['baseline', 'Ring-fenced surgical hub', 'Eight more beds']);
    expect(result.replications).toBe(4);
    // The first look was a run of its own on the server: the same scenario, 2 replications.
    const history = await (await fetch(`${server.url}/api/runs`)).json() as { id: string; status: string; replications: number }[];
    expect(history.filter((r) => r.status === 'done').map((r) => r.replications).sort()).toEqual([2, 4]);

    // A value and a paired difference in the table are exactly the server's, formatted.
    const kpi = 'elective.operated[joints]';
    const unit = infoOf(kpi).unit;
    const mine = result.variants[2].kpis[kpi];
    const cell = page.locator(`tr[data-kpi="${kpi}"] td[data-variant="eight-more-beds"]`);
    expect(await cell.locator('.kpi-table__value').textContent()).toBe(formatEstimate(mine.mean, mine.ciLow, mine.ciHigh, unit));
    const d = result.comparisons.find((c) => c.variant === 'eight-more-beds' && c.kpi === kpi)!;
    expect(await cell.locator('.kpi-table__diff').textContent()).toContain(formatEstimate(d.difference, d.ciLow, d.ciHigh, unit, true));

    // Finding a measure by words.
    await page.getByLabel('Find a measure').fill('cancellations');
    expect(await page.locator('.kpi-table tr[data-kpi]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kpi'))))
      .toEqual(['elective.cancelled[joints]', 'elective.cancelled.noBed[joints]']);
    await page.getByLabel('Find a measure').fill('');

    // The charts plot the same numbers: the activity bars' lengths are the KPI means.
    const plotted = await page.evaluate(() => {
      const gd = document.querySelector('[id^="chart-activity"] .chart__plot') as HTMLElement & { data?: { name: string; x: number[]; y: string[] }[] };
      return gd.data?.map((t) => ({ name: t.name, x: t.x, y: t.y }));
    });
    expect(plotted?.map((t) => t.name)).toEqual(['Baseline', ...result.variants.slice(1).map((v) => v.name)]);
    expect(plotted?.[2].x[0]).toBe(mine.mean);
    const series = await page.evaluate(() => (document.querySelector('#chart-series .chart__plot') as HTMLElement & { data?: unknown[] }).data?.length);
    expect(series).toBe(3 * result.variants.length); // band (2 traces) and mean line per option
    expect(await page.locator('.chart__plot[data-state="ready"]').count()).toBeGreaterThanOrEqual(6);
    expect(pageErrors).toEqual([]);
    await expectAxeClean(page, 'the scenario page with the run\'s comparison');

    await page.locator('.compare').scrollIntoViewIfNeeded();
    await shot(page, 'compare');
    await page.locator('.compare').screenshot({ path: join(artifacts, 'compare-full.png') });
    const top = await page.evaluate(() => { const r = document.querySelector('.compare')!.getBoundingClientRect(); return { x: r.left, y: r.top + scrollY, width: r.width }; });
    await page.screenshot({ path: join(artifacts, 'compare-overview.png'), fullPage: true, clip: { ...top, height: 1500 } });
    const info = run as unknown as { createdAt: string; startedAt: string; finishedAt: string };
    timings.serverQueuedMs = Date.parse(info.startedAt) - Date.parse(info.createdAt);
    timings.serverRunMs = Date.parse(info.finishedAt) - Date.parse(info.startedAt);
  });

  test('export: the results as CSV, downloaded', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    // For a board paper: plain column names, the measure in words with its unit; its id last.
    expect(text.split('\n')[0]).toBe('Measure,Where,Unit,Option,Mean,95% CI low,95% CI high,Difference from baseline,Difference 95% CI low,Difference 95% CI high,Verdict,Note,Measure id');
    expect(text).toMatch(/\nElective operations a week,[^,]+,patients a week,Eight more beds,.*,elective\.operated\[joints\]\n/);
  });

  test('export: any chart as a PNG image (Plotly\'s own export)', async () => {
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('figure[id^="chart-activity"]').getByRole('button', { name: /PNG/ }).click()]);
    expect(png.suggestedFilename()).toMatch(/^surgical-hub-activity-.*\.png$/);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  test('readable on a small projector (1024 × 768): the comparison reflows', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('figure[id^="chart-activity"]').scrollIntoViewIfNeeded();
    // No sideways scrolling of the page itself, once Plotly has redrawn its responsive charts for the new width.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const tableOverflow = await page.evaluate(() => { const t = document.querySelector('.kpi-table')!; return t.scrollWidth - t.parentElement!.clientWidth; });
    expect(tableOverflow).toBeLessThanOrEqual(0); // nor of the table: every option's column in view
    await shot(page, 'compare-1024');
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  test('on a phone (390 px wide): no page scrolls sideways; the results table scrolls inside its own box', async () => {
    const runId = await page.locator('.compare').getAttribute('data-run-id');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      const p = await phone.newPage();
      const sideways = () => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await p.goto(server.url + '/');
      await p.locator('.card').first().waitFor();
      expect(await sideways()).toBeLessThanOrEqual(0);
      await p.goto(`${server.url}/#/scenario/surgical-hub`);
      await p.locator('#f-sites-0-wards-1-beds').waitFor();
      expect(await sideways()).toBeLessThanOrEqual(0);
      await p.goto(`${server.url}/#/runs/${runId}`);
      await p.locator('.kpi-table').waitFor();
      await p.waitForFunction(() => document.querySelectorAll('.chart__plot').length > 0
        && document.querySelectorAll('.chart__plot[data-state="loading"]').length === 0, null, { timeout: 30_000 });
      await expect.poll(sideways).toBeLessThanOrEqual(0);
      const box = await p.locator('.table-scroll').first().evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      expect(box.scroll).toBeGreaterThan(box.client); // wider than the phone: it scrolls, in its box
      await p.screenshot({ path: join(artifacts, 'phone-run.png') });
      await expectAxeClean(p, 'a run\'s page on a phone');
    } finally { await phone.close(); }
  });

  test('the printable report shows the options, what they change and the results', async () => {
    const runId = await page.locator('.compare').getAttribute('data-run-id');
    // Same browser profile as the app (a new tab), where the run's scenario was remembered.
    const report = await page.context().newPage();
    await report.setViewportSize({ width: 1100, height: 900 });
    try {
      await report.goto(`${server.url}/#/runs/${runId}/report`);
      await report.locator('.report .kpi-table').waitFor();
      await report.waitForFunction(() => document.querySelectorAll('.chart__plot').length > 0
        && document.querySelectorAll('.chart__plot[data-state="loading"]').length === 0, null, { timeout: 30_000 });
      expect(await report.locator('.report__changes li', { hasText: 'site dgh › ward ortho › beds: 86 → 94' }).count()).toBe(1);
      await expectAxeClean(report, 'the report');
      await report.emulateMedia({ media: 'print' });
      expect(await report.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
      await report.screenshot({ path: join(artifacts, 'report-print.png'), fullPage: true });
    } finally { await report.close(); }
  });

  test('the comparison shows an overloaded option\'s and a too-short run\'s warnings, and marks the measures they concern', async () => {
    const post = async (doc: Record<string, unknown>) => {
      const r = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) });
      const { id } = await r.json() as { id: string };
      const run = await until(server.url, id, ['done', 'failed'], 60_000);
      expect(run.status).toBe('done');
      return { id, result: run.result as RunResultDoc };
    };
    const over = await post(fixtureDoc('overloaded-ed'));
    const short = await post(fixtureDoc('long-stays'));
    const view = await page.context().newPage();
    try {
      await view.goto(`${server.url}/#/runs/${over.id}`);
      const baseline = view.locator('.run-warnings__option[data-variant="baseline"]');
      const warning = over.result.warnings.find((w) => w.code === 'overloaded')!;
      // In the app's words: places and measures by the scenario's names (this site has none: its id is its name).
      const shown = await baseline.locator('.run-warning[data-code="overloaded"]').textContent();
      expect(shown).toBe(`Serious: ${warningWords(warning.message, namesOf(fixtureDoc('overloaded-ed')))}`);
      expect(shown).not.toMatch(/\[|dgh\/|skill:/);
      expect(await view.locator('.run-warnings__option[data-variant="more-nurses"] .run-warning[data-code="overloaded"]').count()).toBe(0);
      // The measure it concerns carries the mark, for that option only.
      expect(await view.locator('tr[data-kpi="wait.mean[dgh/skill:treat]"] td[data-variant="baseline"] .mark--warning').count()).toBe(1);
      expect(await view.locator('tr[data-kpi="wait.mean[dgh/skill:treat]"] td[data-variant="more-nurses"] > .mark--warning').count()).toBe(0);
      await view.locator('.run-warnings').screenshot({ path: join(artifacts, 'warnings.png') });
      await expectAxeClean(view, 'a run\'s own page, with warnings');
      await view.goto(`${server.url}/#/runs/${short.id}`);
      expect(await view.locator('.run-warning[data-code="short-run"]').textContent())
        .toBe(`Caution: ${warningWords(short.result.warnings.find((w) => w.code === 'short-run')!.message, namesOf(fixtureDoc('long-stays')))}`);
    } finally { await view.close(); }
  });

  test('a model of 400 sites: the form and the results table drawn a page at a time, more on request', async () => {
    // 3,000 sites took 37 s to show the scenario page and froze the run's page for minutes.
    const n = 400;
    const doc = {
      id: 'many-sites', title: 'Many sites', time: { horizonDays: 10, warmupDays: 0, replications: 2 },
      sites: Array.from({ length: n }, (_, i) => ({ id: `s${i}`, wards: [{ id: 'w', beds: 3 }] })),
      classes: Array.from({ length: n }, (_, i) => ({ id: `c${i}`, site: `s${i}`, arrivals: { perDay: 1 }, pathway: `p${i}` })),
      pathways: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, [{ id: 'in', do: 'admit', ward: 'w' }, { id: 'stay', do: 'stay', duration: { dist: 'exponential', mean: 1, unit: 'days' } }, { id: 'out', do: 'discharge' }]])),
    };
    expect((await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenario: doc }) })).status).toBe(201);
    const view = await page.context().newPage();
    try {
      await view.goto(`${server.url}/#/scenario/many-sites`);
      await view.locator('#sec-arrivals').waitFor();
      const sites = view.locator('.long-list__more', { hasText: 'sites shown' });
      expect(await sites.textContent()).toBe('50 of 400 sites shown. Show 50 more sites');
      expect(await view.locator('section[id^="sec-site-"]').count()).toBe(50);
      await sites.getByRole('button').click();
      await expect.poll(() => view.locator('section[id^="sec-site-"]').count()).toBe(100);
      expect(await view.locator('.long-list__more', { hasText: 'patient classes shown' }).textContent()).toBe('50 of 400 patient classes shown. Show 50 more patient classes');
      expect(await view.locator('.long-list__more', { hasText: 'pathways shown' }).textContent()).toBe('50 of 400 pathways shown. Show 50 more pathways');
      await expectAxeClean(view, 'a scenario of 400 sites, its form drawn a page at a time');

      const r = await fetch(`${server.url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'many-sites' }) });
      const { id } = await r.json() as { id: string };
      const run = await until(server.url, id, ['done', 'failed'], 120_000);
      expect(run.status).toBe('done');
      const kpis = Object.keys((run.result as RunResultDoc).variants[0].kpis).length;
      expect(kpis).toBeGreaterThan(6000);
      await view.goto(`${server.url}/#/runs/${id}`);
      const more = view.locator('.kpi-more');
      await more.waitFor();
      expect(await more.textContent()).toBe(`300 of ${kpis.toLocaleString('en-GB')} measures shown (find a measure above to narrow them). Show 300 more`);
      expect(await view.locator('table.kpi-table tr[data-kpi]').count()).toBe(300);
      await more.getByRole('button').click();
      await expect.poll(() => view.locator('table.kpi-table tr[data-kpi]').count()).toBe(600);
      // Finding a measure searches all of them, not only those drawn.
      await view.getByLabel('Find a measure').fill('c399');
      await expect.poll(() => view.locator('table.kpi-table tr[data-kpi]').count()).toBeGreaterThan(0);
      expect(await view.locator('table.kpi-table tr[data-kpi*="c399"]').count()).toBe(await view.locator('table.kpi-table tr[data-kpi]').count());
      await expectAxeClean(view, 'a run of 400 sites, its table drawn a page at a time');
    } finally { await view.close(); }
  });

  test('save a copy, then a conflicting save offers reload or overwrite', async () => {
    // From the results (their own view since the run) back to the scenario.
    await page.getByRole('link', { name: 'Scenario', exact: true }).click();
    await page.getByRole('button', { name: 'Save a copy to change it' }).click();
    expect(await page.getByLabel('Id of the copy').inputValue()).toBe('surgical-hub-copy');
    await page.getByRole('button', { name: 'Save the copy' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/scenario/surgical-hub-copy');
    await page.locator('#f-costs-bedDay').waitFor();
    const saved = await (await fetch(`${server.url}/api/scenarios/surgical-hub-copy`)).json() as { version: number; scenario: Record<string, unknown> };
    expect((saved.scenario.variants as { id: string }[]).map((v) => v.id)).toContain('eight-more-beds');

    // Someone else saves the same scenario meanwhile.
    const other = await fetch(`${server.url}/api/scenarios/surgical-hub-copy`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: { ...saved.scenario, title: 'Changed elsewhere' }, version: saved.version }),
    });
    expect(other.status).toBe(200);

    await page.locator('#f-costs-bedDay').fill('600');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this scenario after you opened it' });
    await conflict.waitFor();
    await shot(page, 'save-conflict');
    await conflict.getByRole('button', { name: 'Overwrite with my version' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved, replacing the other version.' }).waitFor();
    const now = await (await fetch(`${server.url}/api/scenarios/surgical-hub-copy`)).json() as { version: number; scenario: { title: string; costs: { bedDay: number } } };
    expect(now.scenario.costs.bedDay).toBe(600);
    expect(now.scenario.title).not.toBe('Changed elsewhere');
    expect(now.version).toBeGreaterThan(saved.version);

    // Again, but this time take theirs: the page shows the server's version, not my draft.
    const again = await fetch(`${server.url}/api/scenarios/surgical-hub-copy`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: { ...now.scenario, costs: { ...now.scenario.costs, bedDay: 700 } }, version: now.version }),
    });
    expect(again.status).toBe(200);
    await page.locator('#f-costs-bedDay').fill('650');
    await draftHolds(page, '"bedDay":650');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else saved this scenario' }).getByRole('button', { name: /Reload their version/ }).click();
    await expect.poll(() => page.locator('#f-costs-bedDay').inputValue()).toBe('700');
    expect(await page.getByRole('status').filter({ hasText: 'Restored your unsaved changes' }).count()).toBe(0);
  });

  test('a shared server with an access token asks for it, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathflow-ui-token-'));
    const shared = await startServer({ port: 0, dataDir: dir, uiDist: outDir, workers: 1, token: 's3cret-token' });
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      await p.goto(shared.url + '/');
      await p.getByRole('alert').filter({ hasText: 'This server needs an access token' }).waitFor();
      await expectAxeClean(p, 'the access-token prompt');
      await p.getByLabel('Access token').fill('s3cret-token');
      await p.getByRole('button', { name: 'Use this token' }).click();
      await p.locator('.card').first().waitFor();
      expect(await p.locator('.card').count()).toBeGreaterThanOrEqual(5);
    } finally {
      await context.close();
      await shared.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('time to the first result of the default scenario (surgical hub, its own 10 replications)', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const p = await context.newPage();
      await p.goto(`${server.url}/#/scenario/surgical-hub`);
      await p.locator('.key-numbers').waitFor();
      expect(await p.locator('#run-replications').inputValue()).toBe('10');
      await p.waitForTimeout(2000); // as a person would: the page is read before pressing Run
      const started = Date.now();
      await p.getByRole('button', { name: 'Run', exact: true }).click();
      await p.locator('.kpi-table').waitFor({ timeout: 60_000 });
      timings.defaultScenarioFirstResultMs = Date.now() - started;
      expect(await p.locator('[data-first-look]').count()).toBe(1); // the first look: 2 of the 10
      // The full run is not needed here: cancel it (what Cancel is for).
      await p.getByRole('button', { name: 'Cancel run' }).click();
      await p.getByText('Run cancelled.').waitFor({ timeout: 30_000 });
      expect(await p.locator('.kpi-table').count()).toBe(0); // a cancelled run leaves no first look behind
    } finally { await context.close(); }
  });

  test('the server down: a readable message, not a blank page', async () => {
    const down = await browser.newPage();
    try {
      await down.route('**/api/**', (route) => route.abort('connectionrefused'));
      await down.goto(server.url + '/');
      await down.getByRole('alert').filter({ hasText: 'The pathflow server is not answering' }).waitFor();
      expect(await down.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
      await expectAxeClean(down, 'the server-down message');
      await down.screenshot({ path: join(artifacts, 'server-down.png') });
    } finally { await down.close(); }
  });

  test('teaching mode and the API docs work under the server\'s Content-Security-Policy; nothing was blocked anywhere', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    watchCsp(context);
    try {
      const teach = await context.newPage();
      const response = await teach.goto(`${server.url}/teach.html`);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await teach.getByTestId('counter-arrived').waitFor();
      // The engine runs in a Web Worker: a step moves the clock only if the worker was allowed to start.
      const before = Number(await teach.getByTestId('clock').getAttribute('data-sim-time'));
      await teach.getByTestId('hour').click();
      await expect.poll(async () => Number(await teach.getByTestId('clock').getAttribute('data-sim-time')), { timeout: 30_000 }).toBeGreaterThan(before);
      await expectAxeClean(teach, 'teaching mode');
      await teach.getByTestId('projector').click();
      await expectAxeClean(teach, 'teaching mode, projector mode');

      const docs = await context.newPage();
      await docs.goto(`${server.url}/docs`);
      await docs.locator('.opblock').first().waitFor({ timeout: 30_000 });
      expect(await docs.locator('.opblock').count()).toBeGreaterThan(10);
      // Swagger UI's own markup, not ours to change: an operation's summary is a button
      // holding the copy-path button (nested-interactive), tag headings are h3 under the
      // title's h2, and its info block is outside any landmark. Everything else must pass,
      // with pathflow's theme for Swagger UI (server/docs-theme.ts).
      await expectAxeClean(docs, 'the API docs', { disableRules: ['nested-interactive', 'heading-order', 'region'] });
      await docs.screenshot({ path: join(artifacts, 'docs.png') });
    } finally { await context.close(); }
    expect(cspViolations).toEqual([]);
  });
});
