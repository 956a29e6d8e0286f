// A manager's page laid out for the task, end to end in Debian's headless Chromium against
// the real server on port 0: the run bar stays in view at the bottom of a long scenario and
// Run is a few tab stops from the top; results have a view of their own with the key
// measures charted first, then the table, every measure in words (no internal ids); a bed
// change without staff gets the coupled change offered, and a far-out value a warning; a
// scenario page reloaded mid-run rejoins the run. Every view is clean for axe-core.
// Screenshots of the run bar and the results go to docs/screenshots/. Waits are on what the
// page shows, never on time.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

const screenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));

let app: App, server: RunningServer, browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  mkdirSync(artifacts, { recursive: true });
  app = await startApp();
  ({ server, browser } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

async function freshPage(width = 1400, height = 900): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page };
}

/** Tab presses from the top of the page until Run has the focus (or `limit` presses). */
async function tabsToRun(page: Page, limit = 40): Promise<number> {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'run-button')) return n;
  }
  return Infinity;
}

/** Every chart drawn (none still loading). */
const chartsDrawn = (page: Page) => page.waitForFunction(() => document.querySelectorAll('.chart__plot').length > 0
  && document.querySelectorAll('.chart__plot[data-state="loading"]').length === 0, null, { timeout: 60_000 });

/** What looks like a KPI id: `wait.mean[…]`, a `skill:` scope, a metric's dotted name. */
const KPI_ID = /\b[a-z]+(?:\.[a-zA-Z0-9]+)+\[|skill:|\b(?:wait|time|elective|occupancy|staff|cost|list|measure)\.[a-z]/;

describe('a scenario laid out for the task', () => {
  test('the run bar: Run a few tab stops from the top, a skip link to it, and still in view at the bottom of the page', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/scenario/surgical-hub`);
      await page.locator('.key-numbers').waitFor();
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeGreaterThan(3000); // a long page: what the bar is for
      // One replications field on the page: the run bar's.
      expect(await page.getByLabel(/replications/i).count()).toBe(1);

      const tabs = await tabsToRun(page);
      expect(tabs).toBeLessThanOrEqual(10);
      console.log(`Run is ${tabs} tab stops from the top of a ${height} px scenario page`);
      // The skip link: from the top, Tab to it, Enter, and Run has the focus.
      await page.reload();
      await page.locator('.key-numbers').waitFor();
      let onSkip = false;
      for (let n = 0; n < 8 && !onSkip; n++) {
        await page.keyboard.press('Tab');
        onSkip = await page.evaluate(() => document.activeElement?.textContent === 'Skip to Run');
      }
      expect(onSkip).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('run-button');

      // At the bottom of the page the bar is still at the top of the window, Run in it.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(2000);
      const bar = await page.locator('.run-bar').boundingBox();
      expect(bar).not.toBeNull();
      expect(bar!.y).toBeGreaterThanOrEqual(-1);
      expect(bar!.y).toBeLessThan(5);
      const run = await page.getByRole('button', { name: 'Run', exact: true }).boundingBox();
      expect(run!.y).toBeGreaterThanOrEqual(0);
      expect(run!.y + run!.height).toBeLessThan(bar!.y + bar!.height + 1);
      expect(await page.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(true);
      await expectAxeClean(page, 'the scenario page scrolled to its end');

      // The bar over the form, for the README: scrolled to the staff of the first site.
      await page.locator('#sec-site-0 h4', { hasText: 'Staff by role' }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
      await page.screenshot({ path: `${screenshots}run-bar.png` });
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test('a long pathway diagram shows that it scrolls, and says so to a screen reader', async () => {
    const { context, page } = await freshPage(700, 900);
    try {
      await page.goto(`${server.url}/#/scenario/surgical-hub`);
      await page.getByRole('tab', { name: 'Pathway diagram' }).click();
      const box = page.locator('.diagram__scroll').first();
      await box.waitFor();
      const seen = await box.evaluate((e) => ({ wider: e.scrollWidth > e.clientWidth, label: e.getAttribute('aria-label') ?? '', background: getComputedStyle(e).backgroundImage }));
      expect(seen.wider).toBe(true);
      expect(seen.label).toMatch(/scrollable/);
      expect(seen.background).toContain('radial-gradient'); // the edge shadows
      await expectAxeClean(page, 'the pathway diagrams on a narrow window');
    } finally { await context.close(); }
  }, 120_000);

  test('beds without their staff: the coupled change offered as one edit; a far-out value warned of, not refused', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/scenario/surgical-hub`);
      const beds = page.locator('#f-sites-0-wards-1-beds');
      await beds.waitFor();
      expect(await beds.inputValue()).toBe('84');
      await beds.fill('100');
      const offer = page.locator('[data-coupled]');
      await offer.waitFor();
      expect(await offer.textContent()).toMatch(/Beds at .* → .*, but .* staffing did not change: the 16 extra beds add no staff cost/);
      const button = offer.getByRole('button', { name: /^Keep the ward-nursing-to-bed ratio: \d+ → \d+ ward-nursing on duty/ });
      const [, from, to] = /(\d+) → (\d+)/.exec(await button.textContent() ?? '')!;
      expect(Number(to)).toBeGreaterThan(Number(from));
      await expectAxeClean(page, 'the scenario page offering a coupled change');
      await button.click();
      // One edit: the ward nurses' shifts now add up to the offer, and the offer is gone.
      await expect.poll(() => offer.count()).toBe(0);
      await expect.poll(() => page.locator('#f-sites-0-staff-0-count').inputValue()).toBe(to);
      // The site's 96 beds (84 ward beds, 12 ED trolleys) become 112: ward nursing, its only role, scaled with them.
      expect(Number(to)).toBe(Math.round(Number(from) * 112 / 96));

      // 1e9 beds: a warning beside the field (the run is not blocked by it).
      await beds.fill('1e9');
      const warning = page.locator('#f-sites-0-wards-1-beds-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('times the largest beds elsewhere in this scenario');
      expect(await beds.getAttribute('aria-describedby')).toBe('f-sites-0-wards-1-beds-warning');
      expect(await page.locator('#f-sites-0-wards-1-beds-error').count()).toBe(0);
      await beds.scrollIntoViewIfNeeded();
      await expectAxeClean(page, 'a value far outside the scenario\'s range');
      await beds.fill('84');
      await expect.poll(() => warning.count()).toBe(0);
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test('results on their own view: the key measures charted first, then the table, every measure in words', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/scenario/teaching-clinic`);
      await page.locator('#run-replications').fill('10');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await page.waitForFunction(() => location.hash.endsWith('/results'), null, { timeout: 60_000 });
      // The final numbers: the table without the first-look notice.
      await page.waitForFunction(() => document.querySelector('.kpi-table') && !document.querySelector('[data-first-look]'), null, { timeout: 120_000 });
      await chartsDrawn(page);
      expect(await page.locator('.key-numbers').isVisible()).toBe(false); // the editor is on its own view

      // Chart first: the key measures come before the table, and plot every option with its interval.
      const order = await page.evaluate(() => {
        const key = document.querySelector('#chart-key')!, table = document.querySelector('.kpi-table')!;
        return Boolean(key.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(order).toBe(true);
      const key = await page.evaluate(() => {
        const gd = document.querySelector('#chart-key .chart__plot') as HTMLElement & { data?: { name: string; error_x?: { array: unknown[] } }[]; layout?: { annotations?: { text: string }[] } };
        return { names: [...new Set(gd.data?.map((t) => t.name))], intervals: gd.data?.every((t) => Array.isArray(t.error_x?.array)), titles: gd.layout?.annotations?.map((a) => a.text) ?? [] };
      });
      expect(key.names).toEqual(['Baseline', 'Start on time', 'A third clinician 09:00-11:00']);
      expect(key.intervals).toBe(true);
      expect(key.titles.length).toBeGreaterThanOrEqual(3);
      expect(key.titles.filter((t) => KPI_ID.test(t))).toEqual([]);

      // Plain words: the table's measures, the charts' labels and the whole results view.
      const rows = await page.locator('.kpi-table th[scope="row"]').allTextContents();
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.filter((t) => /[[\]/]|skill:/.test(t))).toEqual([]);
      expect(rows.some((t) => /Mean wait\s*\((minutes|hours)\)\s*consult tasks \(Walk-in and booked clinic\)/.test(t))).toBe(true);
      const labels = await page.evaluate(() => [...document.querySelectorAll('.chart__plot')].flatMap((e) => {
        const gd = e as HTMLElement & { data?: { y?: unknown[] }[] };
        return (gd.data ?? []).flatMap((t) => (Array.isArray(t.y) ? t.y.filter((y): y is string => typeof y === 'string') : []));
      }));
      expect(labels.filter((t) => /[[\]/]|skill:/.test(t))).toEqual([]);
      const text = await page.locator('.workspace__results').innerText();
      expect(text.split('\n').filter((l) => KPI_ID.test(l))).toEqual([]);
      await expectAxeClean(page, 'the results view');

      await page.locator('.compare').screenshot({ path: `${artifacts}results-full.png` });
      await page.locator('#chart-key').screenshot({ path: `${artifacts}key-chart.png` });
      // For the README: the bar on top, the key measures under it.
      await page.evaluate(() => window.scrollTo(0, document.querySelector('#chart-key')!.getBoundingClientRect().top + window.scrollY - 160));
      await page.screenshot({ path: `${screenshots}results.png` });

      // The CSV in plain words; and back to the scenario, where the form kept its state.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      const { readFileSync } = await import('node:fs');
      const lines = readFileSync(await csv.path(), 'utf8').split('\n');
      expect(lines[0]).toBe('Measure,Where,Unit,Option,Mean,95% CI low,95% CI high,Difference from baseline,Difference 95% CI low,Difference 95% CI high,Verdict,Note,Measure id');
      expect(lines.some((l) => l.startsWith('Mean wait,consult tasks (Walk-in and booked clinic),'))).toBe(true);
      // A chart's image for a board paper (its caption and the run's provenance are drawn under it).
      const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#chart-key').getByRole('button', { name: /PNG/ }).click()]);
      expect(png.suggestedFilename()).toBe('teaching-clinic-key-measures.png');
      expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
      // The printable report says what was run: scenario, version, seed, replications, date.
      const runId = await page.locator('.compare').getAttribute('data-run-id');
      const report = await context.newPage();
      await report.goto(`${server.url}/#/runs/${runId}/report`);
      await report.locator('.report #report-key').waitFor();
      expect(await report.locator('header [data-provenance]').textContent())
        .toMatch(/^Simulation report: pathflow · “Teaching model: a clinic that starts late”, version 1 · seed 1 · 10 replications per option · run \d/);
      await report.close();

      // The results view reloaded shows the same run's results (remembered in this tab).
      await page.reload();
      await page.locator('.kpi-table').waitFor();
      expect(await page.locator('.compare').getAttribute('data-run-id')).toBe(runId);
      expect(page.url()).toMatch(/\/results$/);

      await page.getByRole('link', { name: 'Scenario', exact: true }).click();
      await page.locator('.key-numbers').waitFor({ state: 'visible' });
      expect(await page.locator('.workspace__results').count()).toBe(0);
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 240_000);

  test('the scenario page reloaded mid-run rejoins the run, and Cancel in the bar stops it', async () => {
    const { context, page } = await freshPage();
    try {
      await page.goto(`${server.url}/#/scenario/discharge-to-assess`);
      await page.locator('#run-replications').fill('200');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      /** Waits until the bar shows more than `than` replications done (of the first look or the full run), and returns it. */
      const progressed = async (than = 0) => (await page.waitForFunction((n) => {
        const m = /(\d+) of \d+ replications/.exec(document.querySelector('.run-bar .progress__text')?.textContent ?? '');
        return m && Number(m[1]) > n ? Number(m[1]) : false;
      }, than, { timeout: 120_000 })).jsonValue() as Promise<number>;
      await progressed();
      await page.reload();
      // Rejoined: the bar follows the run again, with its replications, and Cancel.
      await page.getByRole('button', { name: 'Cancel run' }).waitFor({ timeout: 60_000 });
      expect(await page.locator('#run-replications').inputValue()).toBe('200');
      await progressed();
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByText('Run cancelled.').waitFor({ timeout: 60_000 });
      // Nothing left to rejoin: a reload now starts afresh.
      await page.reload();
      await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
      expect(await page.locator('.run-bar .progress').count()).toBe(0);
    } finally { await context.close(); }
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
