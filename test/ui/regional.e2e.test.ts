// A planner's regional view, end to end in Debian's headless Chromium against the real
// server: the mutual-aid library scenario opened from the app and run; the results show the
// sites × options matrix (every site, every option, each value with its interval and, for
// an option, better / worse / no clear difference), a transfer diagram for each option that
// moves patients with the weekly volumes on its arrows and as a table, and each site's
// change explained in words. axe-core clean. Screenshot: docs/screenshots/regional.png.
// Waits are on what the page shows, never on time.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

const screenshot = fileURLToPath(new URL('../../docs/screenshots/regional.png', import.meta.url));

let app: App, page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the regional view of the mutual-aid scenario', () => {
  test('run from the app: the sites × options matrix, the transfer diagrams with their volumes, the explanations', async () => {
    await page.goto(`${app.server.url}/#/scenario/mutual-aid`);
    await page.locator('#run-replications').waitFor();
    await page.locator('#run-replications').fill('3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.kpi-table') || document.querySelector('.run-panel .message--error'), null, { timeout: 240_000 });
    const failed = page.locator('.run-panel .message--error');
    if (await failed.count()) throw new Error(`the run failed: ${await failed.textContent()}`);
    // The final numbers (not the first look), with the regional view under the table.
    await page.waitForFunction(() => document.querySelector('[data-regional-matrix]') && !document.querySelector('[data-first-look]'), null, { timeout: 240_000 });

    const runId = await page.locator('.compare').getAttribute('data-run-id');
    const result = (await (await fetch(`${app.server.url}/api/runs/${runId}`)).json() as { result: RunResultDoc }).result;
    expect(result.variants.map((v) => v.id)).toEqual(['baseline', 'aid-40w', 'aid-26w']);

    // The matrix: a block per site and the gaps between sites, a column per option.
    const matrix = page.locator('[data-regional-matrix]');
    expect(await matrix.locator('tbody[data-site]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-site')))).toEqual(['north', 'central', 'south', 'all']);
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['Site and measure', 'Baseline', 'Mutual aid at 40 weeks', 'Mutual aid at 26 weeks']);
    // Each cell: the run's own value with its interval; under an option, a verdict.
    const northRtt = matrix.locator('td[data-kpi="elective.rtt.mean[north]"][data-variant="aid-26w"]');
    expect(await northRtt.locator('.regional__value').textContent()).toMatch(/^[\d.]+ \[[\d.]+ to [\d.]+\]$/);
    expect(await northRtt.getAttribute('class')).toMatch(/verdict--(better|worse|unclear)/);
    const gap = matrix.locator('td[data-kpi="equity.over52w.gap[all]"][data-variant="baseline"] .regional__value');
    expect(await gap.textContent()).toMatch(/%/);

    // A diagram per option that moves patients, its arrows labelled with the volumes of the
    // run, and the same flows as a table.
    for (const v of result.variants.slice(1)) {
      const map = page.locator(`[data-transfer-map="${v.id}"]`);
      await map.waitFor();
      expect(await map.locator('[data-site-node]').count()).toBe(3);
      const flows = Object.entries(v.kpis).filter(([k, e]) => k.startsWith('mutualAid.flow[') && (e.mean ?? 0) >= 0.005);
      expect(flows.length).toBeGreaterThan(0);
      expect(await map.locator('[data-flow]').count()).toBe(flows.length);
      const labels = await map.locator('.regional-map__volume').allTextContents();
      for (const label of labels) expect(label).toMatch(/^[\d.]+\/wk$/);
      expect(await map.locator(`[data-flow-table="${v.id}"] tbody tr`).count()).toBe(flows.length);
    }

    // Where each change comes from, in words, for every site under each option.
    const explained = page.locator('[data-regional-explain] li[data-explain]');
    expect(await explained.count()).toBe(6);
    expect(await page.locator('[data-regional-explain] li[data-explain="south"]').first().textContent()).toMatch(/^South trust's own patients wait .* weeks/);

    await expectAxeClean(page, 'the regional view');
    await page.locator('[data-regional]').screenshot({ path: screenshot });

    // On a phone the view fits the width: the matrix and flow tables scroll in their own box.
    await page.setViewportSize({ width: 390, height: 844 });
    // The charts above redraw to the new width on their own resize event: wait for the page to settle.
    const fits = await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, null, { timeout: 15_000 }).then(() => true, () => false);
    const wide = await page.evaluate(() => [...document.querySelectorAll('[data-regional] *')]
      .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''}`).slice(0, 5));
    expect(wide, 'regional elements wider than the phone').toEqual([]);
    expect(fits, 'the page fits 390 px').toBe(true);
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
