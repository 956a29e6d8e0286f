// The STRESS-DES report end to end in Debian's headless Chromium (playwright-core) against
// the real server on port 0: the report of every library scenario renders with every
// checklist item's heading and is clean for axe-core; a run's report saved from the run
// page's button (GET /api/runs/:id/report) renders the same way, with the run's numbers,
// and its screenshot goes to docs/screenshots/stress-report.png. Waits are on what the page
// shows, never on time.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';
import { api, until } from '../server/harness.ts';
import { STRESS_DES } from '../../scenarios/report/checklist.ts';
import { buildReport } from '../../scenarios/report/build.ts';
import { reportHtml } from '../../scenarios/report/html.ts';
import { reportInputFromText, software, thisMachine } from '../../runner/report/stress.ts';

const library = fileURLToPath(new URL('../../scenarios/library/', import.meta.url));
const screenshot = fileURLToPath(new URL('../../docs/screenshots/stress-report.png', import.meta.url));
const scenarios = readdirSync(library).filter((f) => f.endsWith('.yaml')).sort();
const headings = STRESS_DES.flatMap((s) => [`${s.id} ${s.title}`, ...s.items.map((i) => `${i.id} ${i.title}`)]);

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The headings of the report on the page, in order. */
const shownHeadings = (p: Page) => p.locator('h2, h3').allTextContents();

/** Opens report HTML as a page of its own (no server: it must need none), noting any request it makes. */
async function open(html: string): Promise<Page> {
  const p = await browser.newPage();
  p.on('request', (r) => { if (!r.url().startsWith('data:')) requests.push(r.url()); });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.setContent(html, { waitUntil: 'load' });
  return p;
}

describe('the STRESS-DES report in Chromium', () => {
  test.each(scenarios)('%s: every checklist item has its heading, and axe finds nothing', async (file) => {
    const input = reportInputFromText(readFileSync(library + file, 'utf8'), `scenarios/library/${file}`);
    if (!input.ok) throw new Error(JSON.stringify(input.issues));
    const p = await open(reportHtml(buildReport({ ...input.value, software: software(), madeOn: thisMachine(), madeAt: '2026-12-03T00:00:00Z' })));
    try {
      expect(await shownHeadings(p)).toEqual(headings);
      expect(await p.locator('svg.pathway').count()).toBeGreaterThan(0);
      await expectAxeClean(p, `the report of ${file}`);
    } finally { await p.close(); }
    expect(requests).toEqual([]);
  }, 60_000);

  test('a run\'s report, saved from the run page\'s button, has the run\'s numbers and renders clean', async () => {
    const { body } = await api(server.url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic', replications: 5, seed: 3 });
    expect((await until(server.url, body.id, ['done', 'failed'], 120_000)).status).toBe('done');
    await page.goto(`${server.url}/#/runs/${body.id}`);
    const button = page.getByRole('button', { name: 'STRESS-DES report (HTML)' });
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(`stress-des-${body.id}.html`);
    const html = readFileSync(await download.path(), 'utf8');
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'STRESS-DES report (Markdown)' }).click()]);
    expect(md.suggestedFilename()).toBe(`stress-des-${body.id}.md`);
    await expectAxeClean(page, 'the run page with its report buttons');

    const p = await open(html);
    try {
      expect(await shownHeadings(p)).toEqual(headings);
      expect(await p.locator('h1').textContent()).toMatch(/^STRESS-DES report: /);
      const run = (await api(server.url, 'GET', `/api/runs/${body.id}`)).body;
      expect(await p.locator('[data-item="1.2"] table').first().textContent()).toContain('5 replications');
      // Then each option's paired difference from the baseline.
      expect(await p.locator('[data-item="1.2"] table').nth(1).locator('caption').textContent()).toMatch(/^Differences from the baseline/);
      expect(await p.locator('[data-item="6.1"] pre').textContent()).toContain('pathflow run teaching-clinic.yaml --reps 5 --seed 3 --json > run.json');
      expect(await p.locator('[data-item="5.4"]').textContent()).toContain(`Node.js ${process.version}`);
      expect(run.result.replications).toBe(5);
      await expectAxeClean(p, 'the report of a run');
      // The results and, below them, the options compared: what a reader of the report sees first.
      await p.setViewportSize({ width: 1100, height: 1000 });
      await p.locator('#item-1-2').evaluate((h) => h.scrollIntoView());
      await p.screenshot({ path: screenshot });
    } finally { await p.close(); }
    expect(requests).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
