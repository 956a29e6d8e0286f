// A run keeps what was run, end to end in Debian's headless Chromium (playwright-core)
// against the real server on port 0: a report opened from its link in a fresh browser
// context (no storage of the browser that ran it), after the scenario was edited and then
// deleted, shows every option of the run with each change it makes; a run page reloaded
// mid-run rejoins the run, its progress continues and it reaches the comparison; Cancel
// on the run page stops a run. The run page's "what was run" goes to test/ui/artifacts/. Waits are on what the page shows, never on time.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { describeChanges } from '../../ui/src/lib/changes.ts';
import { baseOf, variantsOf } from '../../ui/src/lib/scenario-doc.ts';
import { api, fixtureDoc, until } from '../server/harness.ts';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

let app: App, server: RunningServer, browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  app = await startApp();
  ({ server, browser } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** A browser context of its own, as another person's browser opening a link. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page };
}

/** The replications done the run page shows ("N of M replications…"), or undefined while it shows none. */
const shownDone = (page: Page) => page.locator('.progress__text').textContent({ timeout: 1000 }).then((t) => {
  const m = /^(\d+) of \d+ replications/.exec(t ?? '');
  return m ? Number(m[1]) : undefined;
}, () => undefined);

/** Waits until the run page shows more than `than` replications done, and returns the count shown. */
async function progressBeyond(page: Page, than: number): Promise<number> {
  const handle = await page.waitForFunction((n) => {
    const m = /^(\d+) of \d+ replications/.exec(document.querySelector('.progress__text')?.textContent ?? '');
    return m && Number(m[1]) > n ? Number(m[1]) : false;
  }, than, { timeout: 120_000 });
  return (await handle.jsonValue()) as number;
}

describe('a run keeps what was run', () => {
  test('a report opened from its link in a fresh browser, after the scenario was edited and deleted, shows every option with its changes', async () => {
    const saved = fixtureDoc();
    expect((await api(server.url, 'POST', '/api/scenarios', { scenario: saved })).status).toBe(201);
    // Run as the app does: the document on screen, here with an option added and not saved.
    const ran = structuredClone(saved);
    (ran.variants as any[]).push({ id: 'more-beds', name: '24 medical beds', description: 'four more medical beds', patch: { sites: { dgh: { wards: { medical: { beds: 24 } } } } } });
    const { id } = (await api(server.url, 'POST', '/api/runs', { scenario: ran })).body;
    expect((await until(server.url, id, ['done', 'failed'], 60_000)).status).toBe('done');
    // Then the saved scenario changes, and is deleted.
    const edited = structuredClone(saved);
    (edited.variants as any[])[1].patch.sites.dgh.wards.medical.beds = 12;
    expect((await api(server.url, 'PUT', '/api/scenarios/small-ed', { scenario: edited, version: 1 })).status).toBe(200);
    expect((await api(server.url, 'DELETE', '/api/scenarios/small-ed')).status).toBe(204);

    const expected = variantsOf(ran).map((v) => ({ id: v.id, changes: describeChanges(baseOf(ran), v.patch).map((c) => `${c.place}: ${c.from} → ${c.to}`) }));
    expect(expected.map((v) => v.changes.length)).toEqual([1, 1, 1]);
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/runs/${id}/report`);
      await page.locator('.report .kpi-table').waitFor();
      for (const v of expected) {
        expect(await page.locator(`.report li[data-option="${v.id}"] .report__changes li`).allTextContents(), v.id).toEqual(v.changes);
      }
      expect(await page.locator('.report li[data-option="more-beds"] > strong').textContent()).toBe('24 medical beds');
      expect(await page.locator('.report .run-origin').textContent()).toBe('From your saved scenario “A small emergency department”, version 1, with changes not saved before running. It has been deleted since. This run keeps the scenario exactly as it ran, and this page shows that.');
      await page.locator('.report header').screenshot({ path: join(artifacts, 'run-provenance-report.png') });

      // The run's own page, too: the comparison, then what was run.
      await page.goto(`${server.url}/#/runs/${id}`);
      await page.locator('.compare .kpi-table').waitFor();
      for (const v of expected) {
        expect(await page.locator(`.what-was-run li[data-option="${v.id}"] .report__changes li`).allTextContents(), v.id).toEqual(v.changes);
      }
      await page.locator('.what-was-run').screenshot({ path: join(artifacts, 'run-provenance-what-was-run.png') });
      // The scenario as run, as a file: the document itself, to open in the app or give to `pathflow run`.
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the scenario as run (YAML)' }).click()]);
      expect(file.suggestedFilename()).toBe(`small-ed-run-${id.slice(0, 8)}.yaml`);
      expect(parse(readFileSync(await file.path(), 'utf8'))).toEqual(ran);
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 180_000);

  test('a run page reloaded mid-run rejoins the run: progress continues and the comparison comes', async () => {
    // Long enough to be still running at the reload: the baseline of a library scenario, many replications.
    const { id } = (await api(server.url, 'POST', '/api/runs', { scenarioId: 'discharge-to-assess', replications: 600, variants: [] })).body;
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/runs/${id}`);
      const before = await progressBeyond(page, 0);
      await page.reload();
      await page.locator('.what-was-run .run-origin').waitFor();
      // Rejoined: the page is following the running run again (its count as of now), and the count goes on rising.
      const rejoined = await shownDone(page) ?? 0;
      expect(await page.getByRole('button', { name: 'Cancel run' }).isVisible()).toBe(true);
      await progressBeyond(page, Math.max(before, rejoined));
      await page.locator('.compare .kpi-table').waitFor({ timeout: 300_000 });
      const run = (await api(server.url, 'GET', `/api/runs/${id}`)).body;
      expect(run).toMatchObject({ status: 'done', progress: { done: 600, total: 600 }, origin: { source: 'library', version: 1, edited: false } });
      expect(await page.locator('.what-was-run .run-origin').textContent()).toBe('From the ready-made scenario “Medical wards with delayed discharges: discharge to assess vs a new ward”.');
      // The app's run history says what the server keeps.
      await page.goto(`${server.url}/#/`);
      expect(await page.locator('[data-retention]').textContent()).toBe('This server keeps the last 200 finished runs, none older than 90 days; queued and running runs are never removed. Each run keeps the scenario exactly as it ran.');
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 420_000);

  test('Cancel on the run page stops the run', async () => {
    const { id } = (await api(server.url, 'POST', '/api/runs', { scenarioId: 'discharge-to-assess', replications: 600, variants: [] })).body;
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/runs/${id}`);
      await progressBeyond(page, 0);
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByText('The run was cancelled.').waitFor();
      expect((await api(server.url, 'GET', `/api/runs/${id}`)).body.status).toBe('cancelled');
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
