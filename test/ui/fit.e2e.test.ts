// From data to a model in the web app, end to end in Debian's headless Chromium against the
// real server: the example extract chosen on the page "From data" is fitted in the browser
// (nothing is posted: the server sees no request carrying it), the rows and problems, each
// class's arrivals and lengths of stay with their plots, and the scenario are shown; "Open
// it as a new scenario" opens it in the workspace, valid and ready to run; a file that is
// not an extract gets a message naming what is wrong; an event log of a model with queues
// shows each step's service with the wait before it apart. Axe-clean; screenshot for the docs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { fitExtract, UNIT_HOURS } from '../../scenarios/fit/fit.ts';
import { unitOf } from '../../scenarios/fit/transitions.ts';
import { main } from '../../cli/main.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const extract = fileURLToPath(new URL('../../validation/examples/admissions.csv', import.meta.url));

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
const posted: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  app = await startApp();
  ({ server, browser } = app);
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => { if (r.method() !== 'GET') posted.push(`${r.method()} ${r.url()}`); });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('From data to a model', () => {
  test('the example extract fitted in the browser: rows, problems, plots per class, the scenario', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByRole('link', { name: 'From data: fit an extract of stays (CSV)…' }).click();
    await page.getByRole('heading', { level: 1, name: 'From data to a model' }).waitFor();
    await page.getByTestId('fit-file').setInputFiles(extract);
    await page.getByRole('heading', { level: 2, name: 'What “admissions.csv” gives' }).waitFor();
    const expected = fitExtract(readFileSync(extract, 'utf8'));
    if (!expected.ok) throw new Error(expected.message);
    const r = expected.value;
    // Every problem kind the CLI counts, with its count.
    const problems = await page.locator('.fit-problems tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
    expect(problems).toEqual(Object.values(r.data.problems).map((p) => p!.count.toLocaleString('en-GB')));
    for (const c of r.classes) {
      await page.getByRole('heading', { level: 3, name: `Class “${c.id}”` }).waitFor();
      if (!c.stays) continue;
      // The ranking in the page is the fit's, best first.
      const families = await page.getByRole('table', { name: new RegExp(`^The families`) }).nth(r.classes.filter((x) => x.stays).indexOf(c))
        .locator('tbody th').allTextContents();
      expect(families.map((f) => f.replace(' (written)', ''))).toEqual(c.stays.ranked.map((f) => f.family));
      for (const id of [`fit-hour-${c.id}`, `fit-weekday-${c.id}`, `fit-stays-${c.id}`, `fit-qq-${c.id}`]) {
        await page.locator(`#${id} .chart__plot[data-state="ready"]`).waitFor();
      }
    }
    expect(await page.locator('.fit-yaml').textContent()).toMatch(/^# Fitted by `pathflow fit admissions\.csv`/m);
    // The extract stayed in the browser.
    expect(posted).toEqual([]);
    await expectAxeClean(page, 'the page From data with a fit');
    await page.screenshot({ path: join(artifacts, 'fit.png'), fullPage: false });
    mkdirSync(screenshots, { recursive: true });
    await page.locator('.fit-class').first().screenshot({ path: join(screenshots, 'fit.png') });
    expect(pageErrors).toEqual([]);
  });

  test('"Open it as a new scenario": the workspace opens it, valid and ready to run', async () => {
    await page.getByRole('button', { name: 'Open it as a new scenario' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: /fitted/i }).waitFor();
    expect(await page.locator('.message--error').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Run/ }).first().isEnabled()).toBe(true);
    await expectAxeClean(page, 'the fitted scenario opened');
  });

  test('a step extract: the transitions between steps and each step\'s duration, as the fit gives them', async () => {
    const steps = fileURLToPath(new URL('../../validation/examples/ed-steps.csv', import.meta.url));
    await page.goto(`${server.url}/#/fit`);
    await page.getByRole('heading', { level: 1, name: 'From data to a model' }).waitFor();
    await page.getByTestId('fit-file').setInputFiles(steps);
    await page.getByRole('heading', { level: 2, name: 'What “ed-steps.csv” gives' }).waitFor();
    const expected = fitExtract(readFileSync(steps, 'utf8'));
    if (!expected.ok) throw new Error(expected.message);
    const routing = expected.value.classes[0].steps!;
    const table = page.getByRole('table', { name: /^Transitions between steps/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent)));
    expect(rows).toEqual(routing.transitions.map((t) => [t.from, t.to, t.count.toLocaleString('en-GB')]));
    expect(await page.getByRole('table', { name: /^Each step/ }).locator('tbody th').allTextContents()).toEqual(routing.steps.map((s) => s.id));
    await expectAxeClean(page, 'the page From data with a step extract');
    await page.locator('.fit-transitions').screenshot({ path: join(screenshots, 'fit-transitions.png') });
    expect(pageErrors).toEqual([]);
  });

  test('an event log with queues: each step\'s duration is its service, and the wait before it is shown apart', async () => {
    // One cubicle at about 80% use, logged by `pathflow run --event-log`: waits of hours for a service of 0.8 hours.
    const dir = mkdtempSync(join(tmpdir(), 'pathflow-fit-e2e-'));
    try {
      const model = join(dir, 'model.yaml'), log = join(dir, 'one-cubicle-log.csv');
      writeFileSync(model, `
id: one-cubicle
title: One cubicle
time: { horizonDays: 60, warmupDays: 0, replications: 1, seed: 11 }
sites: [ { id: hospital, wards: [ { id: cubicles, beds: 1, kind: cubicle } ] } ]
classes: [ { id: ed, site: hospital, arrivals: { perDay: 24 }, pathway: ed } ]
pathways:
  ed:
    - { id: see, do: task, place: cubicles, duration: { dist: gamma, mean: 0.8, sd: 0.4 } }
    - { id: home, do: discharge }
`);
      const quiet = { out: () => {}, err: () => {} };
      expect(await main(['run', model, '--reps', '1', '--workers', '1', '--event-log', log], quiet)).toBe(0);
      const expected = fitExtract(readFileSync(log, 'utf8'));
      if (!expected.ok) throw new Error(expected.message);
      const see = expected.value.classes[0].steps!.steps.find((st) => st.id === 'see')!;
      expect(see.basis).toBe('service');
      await page.goto(`${server.url}/#/fit`);
      await page.getByRole('heading', { level: 1, name: 'From data to a model' }).waitFor();
      await page.getByTestId('fit-file').setInputFiles(log);
      await page.getByRole('heading', { level: 2, name: 'What “one-cubicle-log.csv” gives' }).waitFor();
      const table = page.getByRole('table', { name: /^Each step: visits, and the duration written \(its service/ });
      await table.waitFor();
      expect(await table.locator('thead th').last().textContent()).toBe('Wait before the service');
      const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'see', exact: true }) });
      const cells = await row.locator('td').allTextContents();
      expect(cells[4]).toMatch(/ \(the service\)$/);
      // In the unit of the median wait, as the page writes it.
      const w = see.waits!, unit = unitOf(w.median > 0 ? w.median : w.mean);
      const mean = String(Number((w.mean / UNIT_HOURS[unit]).toPrecision(4)));
      expect(cells[5]).toMatch(new RegExp(`^mean ${mean.replace('.', '\\.')} ${unit}, median [\\d.]+, 90th centile [\\d.]+ \\(${see.waits!.n.toLocaleString('en-GB')} waits`));
      await expectAxeClean(page, 'the page From data with an event log');
      expect(pageErrors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file that is not an extract: a message naming what is wrong, and the page still works', async () => {
    await page.goto(`${server.url}/#/fit`);
    await page.getByRole('heading', { level: 1, name: 'From data to a model' }).waitFor();
    await page.getByTestId('fit-file').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('name,age\nann,3\n') });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The extract could not be fitted“notes\.csv”: .*arrival/);
    await expectAxeClean(page, 'the page From data with an error');
    await page.getByTestId('fit-file').setInputFiles(extract);
    await page.getByRole('heading', { level: 2, name: 'What “admissions.csv” gives' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
