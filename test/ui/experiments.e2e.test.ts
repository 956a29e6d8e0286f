// The experiments view end to end, in Debian's headless Chromium (playwright-core) against
// the real server on port 0, as a manager uses it: open a saved scenario, go to its
// experiments, sweep the assessment unit's beds (chart with its band and table, checked
// against the server's own document) and seek the beds for 80% of ED patients within four
// hours, ending in the answer in words. Under the server's Content-Security-Policy, with
// no page error, and clean for axe-core (test/ui/axe.ts). A screenshot goes to
// test/ui/artifacts/ (git-ignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { formatEstimate } from '../../ui/src/lib/format.ts';
import { api } from '../server/harness.ts';
import { expectAxeClean } from './axe.ts';

const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const scenario = parse(readFileSync(new URL('../fixtures/assessment-unit.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  app = await startApp();
  ({ server, browser } = app);
  expect((await api(server.url, 'POST', '/api/scenarios', { scenario })).status).toBe(201);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  context.on('console', (m) => { if (/CSP violation|Content Security Policy/.test(m.text())) cspViolations.push(m.text()); });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await app?.close();
});

/** The newest experiment's document, as the server holds it. */
async function newest(): Promise<any> {
  const [first] = (await api(server.url, 'GET', '/api/experiments')).body;
  return (await api(server.url, 'GET', `/api/experiments/${first.id}`)).body;
}

describe('experiments in the web app', () => {
  test('from the scenario page: a sweep of the assessment unit\'s beds, as a chart with its band and a table', async () => {
    await page.goto(`${server.url}/#/scenario/assessment-unit`);
    await page.getByRole('link', { name: 'Experiments: sweeps and goal-seeking' }).click();
    await page.getByRole('heading', { level: 1, name: 'Experiments: Medical assessment unit beds' }).waitFor();
    // The parameter in words, from the scenario; the four-hour share ticked as the first measure.
    expect(await page.locator('#sweep-parameter option:checked').textContent()).toBe('Beds on assessment unit (dgh) (now 22)');
    expect(await page.getByRole('checkbox', { name: 'Modelled ED attendances within 4 hours' }).isChecked()).toBe(true);
    await page.fill('#sweep-from', '18');
    await page.fill('#sweep-to', '26');
    await page.fill('#sweep-step', '2');
    await page.fill('#sweep-replications', '4');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.locator('.sweep-table tbody tr').nth(4).waitFor();
    await page.locator('#sweep-chart-0 .chart__plot[data-state="ready"]').waitFor();

    const x = await newest();
    expect(x).toMatchObject({ kind: 'sweep', status: 'done', progress: { done: 20, total: 20 } });
    const means = x.sweep.points.map((p: any) => p.kpis['ed.4h[all]']);
    const rows = await page.locator('.sweep-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual(x.sweep.points.map((p: any, i: number) => [String(p.values[0]), formatEstimate(means[i].mean, means[i].ciLow, means[i].ciHigh, 'fraction') + (means[i].unreliable ? ' †' : '')]));
    // The chart: band (upper, then lower filled to it) and the mean, in percent, against the beds.
    const traces = await page.locator('#sweep-chart-0 .chart__plot').evaluate((el) => (el as any).data.map((t: any) => ({ x: t.x, y: t.y, fill: t.fill })));
    expect(traces.map((t: any) => t.x)).toEqual([[18, 20, 22, 24, 26], [18, 20, 22, 24, 26], [18, 20, 22, 24, 26]]);
    expect(traces[1].fill).toBe('tonexty');
    expect(traces[2].y).toEqual(means.map((e: any) => e.mean * 100));
    expect(traces[0].y).toEqual(means.map((e: any) => (e.ciHigh === null ? null : e.ciHigh * 100)));
    await expectAxeClean(page, 'the experiments view with a sweep');
  });

  test('a sweep that spends replications where they matter: each value\'s count in the table, the total in words', async () => {
    await page.getByRole('checkbox', { name: 'Spend replications where they matter' }).check();
    await page.fill('#sweep-replications', '3');
    await page.fill('#sweep-max-reps', '12');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await page.getByRole('columnheader', { name: 'Replications' }).waitFor();
    const x = await newest();
    expect(x).toMatchObject({ kind: 'sweep', status: 'done' });
    expect(x.sweep.allocation).toMatchObject({ rule: 'neighbours', initial: 3, max: 12, naiveReplications: 60 });
    const counts = await page.locator('.sweep-table tbody tr td:nth-of-type(1)').allTextContents();
    expect(counts).toEqual(x.sweep.points.map((p: any) => String(p.replications)));
    await page.getByText(`${x.sweep.allocation.replications} replications where they mattered (3 to 12 a value; 60 if every value had run 12)`).waitFor();
    await expectAxeClean(page, 'the experiments view with a sequential sweep');
  });

  test('a goal-seek ends in the answer in words', async () => {
    await page.fill('#seek-from', '15');
    await page.fill('#seek-to', '40');
    await page.selectOption('#seek-kpi', 'ed.4h[all]');
    await page.selectOption('#seek-op', '>=');
    await page.fill('#seek-target', '80');
    await page.fill('#seek-max-reps', '40');
    await page.getByRole('button', { name: 'Find the value' }).click();
    const answer = page.locator('.seek-answer');
    await answer.waitFor();
    const x = await newest();
    expect(x.seek).toMatchObject({ target: 'ed.4h[all] >= 0.8', outcome: 'found', answer: 22 });
    expect(await answer.textContent()).toBe('22 beds reach “Modelled ED attendances within 4 hours” at least 80%; 21 do not, with 95% confidence.');
    expect(await page.locator('.seek-table tbody tr').count()).toBe(x.seek.probes.length);
    await page.locator('#seek-chart .chart__plot[data-state="ready"]').waitFor();
    await page.screenshot({ path: join(artifacts, 'experiments.png'), fullPage: true });
    await expectAxeClean(page, 'the experiments view with a goal-seek\'s answer');
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('the same goal-seek asked again reuses the replications already run, and says so', async () => {
    const before = await newest();
    await page.fill('#seek-max-reps', '80');
    await page.getByRole('button', { name: 'Find the value' }).click();
    const note = page.getByText(/replications were taken from the goal-seek before/);
    await note.waitFor();
    const x = await newest();
    expect(x.id).not.toBe(before.id);
    expect(x.progress.reused).toBeGreaterThan(0);
    expect(await note.textContent()).toBe(`${x.progress.reused} of its ${x.seek.replications} replications were taken from the goal-seek before (the same values, seed and measure give the same numbers), not run again.`);
    await expectAxeClean(page, 'a goal-seek that reused replications');
  });
});
