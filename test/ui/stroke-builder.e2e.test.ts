// Issue 20's end-to-end test, in Debian's headless Chromium against the real server: a small
// stroke pathway built from an empty scenario (New scenario → nothing) through the Builder
// alone, no YAML typed: one site with ED cubicles, a CT scanner shared by stroke patients and
// other ED patients (two classes, each with its arrivals and pathway), a stroke unit, a
// branch for thrombolysis (15%, else straight on to admission) and a social-care delay
// before discharge. An option with a second scanner (CT 1 → 2) is added through the options
// panel and the builder, saved, run from the app (short horizon, few replications, set in
// the builder's time fields) and its CT wait read in the comparison. The saved document
// passes the same check as `pathflow check`, and `pathflow run --json` with the same
// replications and seed gives exactly the app's numbers (the server and the CLI share the
// runner). Axe-clean; the built diagram goes to docs/screenshots/builder-stroke.png.
// Figures: the hyperacute-stroke library scenario and nhs-facts §8 and §10 (CT 15 min,
// assessment 15 min, about 15% thrombolysed, stroke-unit stays of about a week).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { rowUnit } from '../../ui/src/features/compare/KpiTable.tsx';
import { main } from '../../cli/main.ts';
import { formatEstimate } from '../../ui/src/lib/format.ts';
import { infoOf } from '../../ui/src/lib/kpi.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

const screenshot = fileURLToPath(new URL('../../docs/screenshots/builder-stroke.png', import.meta.url));
const REPS = 3, SEED = 7;

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'pathflow-stroke-'));

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
});

afterAll(async () => {
  await app?.close();
  rmSync(tmp, { recursive: true, force: true });
});

type Path = (string | number)[];
const id = (path: Path) => `b-${path.join('-')}`;
const at = (path: Path) => page.locator(`#${id(path)}`);

/** Opens a part of the builder (a site, a step) unless it is open. */
async function open(path: Path) {
  const toggle = page.locator(`#${id(path)}--label`);
  if (await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
  await page.locator(`#${id(path)}--body`).waitFor();
}

/** An optional field added from the part's "More fields" (the root's, a part's, or a row's). */
async function addField(path: Path, label: string) {
  const where = path.length === 0 ? page.locator('#b- > details.builder__more')
    : (await page.locator(`#${id(path)}--body`).count()) ? page.locator(`#${id(path)}--body > details.builder__more`)
      : page.locator(`#${id(path)} details.builder__more`).first();
  if (await where.getAttribute('open') === null) await where.locator('summary').click();
  await where.getByRole('button', { name: `Add “${label}”`, exact: true }).click();
}

async function fill(path: Path, value: string | number) {
  await at(path).fill(String(value));
}

async function duration(path: Path, d: { dist: 'lognormal' | 'exponential'; mean: number; sd?: number; unit: string }) {
  await at([...path, 'dist']).selectOption(d.dist);
  await fill([...path, 'mean'], d.mean);
  if (d.sd !== undefined) await fill([...path, 'sd'], d.sd);
  await at([...path, 'unit']).selectOption(d.unit);
}

/** A step added at the end of a pathway, of a kind, with its id. */
async function addStep(pathway: string, index: number, kind: string, stepId: string) {
  const steps = ['pathways', pathway];
  const add = page.locator(`#${id(steps)}--body > .builder__add`);
  await add.locator(`#${id(steps)}--add-kind`).selectOption(kind);
  await add.getByRole('button', { name: `Add step (${kind})` }).click();
  await page.locator(`#${id([...steps, index])}--body`).waitFor();
  await fill([...steps, index, 'id'], stepId);
}

async function task(pathway: string, index: number, stepId: string, place: string, d: Parameters<typeof duration>[1]) {
  const step: Path = ['pathways', pathway, index];
  if (index > 0) await addStep(pathway, index, 'task', stepId);
  else {
    // A new pathway comes with one blank step: made a task here.
    await open(step);
    await at([...step, 'do']).selectOption('task');
    await fill([...step, 'id'], stepId);
  }
  await addField(step, 'place');
  await fill([...step, 'place'], place);
  await duration([...step, 'duration'], d);
}

async function ward(index: number, w: { id: string; name: string; beds: number; kind?: string }) {
  const path: Path = ['sites', 0, 'wards', index];
  await page.locator(`#${id(['sites', 0, 'wards'])}--body`).getByRole('button', { name: 'Add ward', exact: true }).click();
  await page.locator(`#${id(path)}--body`).waitFor();
  await fill([...path, 'id'], w.id);
  await addField(path, 'name');
  await fill([...path, 'name'], w.name);
  await fill([...path, 'beds'], w.beds);
  if (w.kind) {
    await addField(path, 'kind');
    await at([...path, 'kind']).selectOption(w.kind);
  }
}

async function patientClass(index: number, c: { id: string; name: string; perDay: number; pathway: string; priority: number }) {
  const path: Path = ['classes', index];
  await page.locator(`#${id(['classes'])}--body`).getByRole('button', { name: 'Add class', exact: true }).click();
  await page.locator(`#${id(path)}--body`).waitFor();
  await fill([...path, 'id'], c.id);
  await fill([...path, 'site'], 'hospital');
  await addField(path, 'name');
  await fill([...path, 'name'], c.name);
  await addField(path, 'priority');
  await fill([...path, 'priority'], c.priority);
  await addField(path, 'arrivals');
  await open([...path, 'arrivals']);
  await addField([...path, 'arrivals'], 'per day');
  await fill([...path, 'arrivals', 'perDay'], c.perDay);
  await addField(path, 'pathway');
  await fill([...path, 'pathway'], c.pathway);
}

async function addPathway(key: string) {
  await page.locator('#b-pathways--new').fill(key);
  await page.getByRole('button', { name: 'Add pathway', exact: true }).click();
  await page.locator(`#${id(['pathways', key])}--body`).waitFor();
}

describe('a stroke pathway built from nothing in the builder, compared with a second CT scanner', () => {
  let scenarioId = '';
  let runResult: RunResultDoc;

  test('built through the builder alone, with an option for a second scanner; saved, run and compared in the app', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByRole('button', { name: 'New scenario…' }).click();
    await page.getByRole('button', { name: 'Create the scenario' }).click();
    await page.getByRole('heading', { level: 1, name: 'New scenario' }).waitFor();
    await page.getByRole('tab', { name: 'Builder' }).click();
    await page.locator('#b-').waitFor();

    // Its name, and a short run: four weeks after a week's warm-up, three replications.
    await fill(['id'], 'stroke-front-door');
    await fill(['title'], 'Stroke front door: one CT scanner or two');
    await open(['time']);
    await fill(['time', 'horizonDays'], 28);
    await fill(['time', 'warmupDays'], 7);
    await addField(['time'], 'replications');
    await fill(['time', 'replications'], REPS);
    await addField(['time'], 'seed');
    await fill(['time', 'seed'], SEED);

    // One site: ED cubicles, the CT scanner (a place of one), the stroke unit.
    await open(['sites']);
    await open(['sites', 0]);
    await open(['sites', 0, 'wards']);
    await ward(0, { id: 'ed', name: 'ED cubicles', beds: 12, kind: 'cubicle' });
    await ward(1, { id: 'ct', name: 'CT scanner', beds: 1, kind: 'cubicle' });
    await ward(2, { id: 'stroke-unit', name: 'Stroke unit', beds: 20 });

    // The stroke pathway: assessment in a cubicle, CT, a branch for thrombolysis (15%, else
    // straight on to admission), the stroke unit, a stay, a social-care delay, home.
    await open(['pathways']);
    await addPathway('stroke');
    await task('stroke', 0, 'assess', 'ed', { dist: 'lognormal', mean: 15, sd: 8, unit: 'minutes' });
    await task('stroke', 1, 'scan', 'ct', { dist: 'lognormal', mean: 15, sd: 5, unit: 'minutes' });
    await addStep('stroke', 2, 'branch', 'decide');
    await task('stroke', 3, 'lyse', 'ed', { dist: 'lognormal', mean: 30, sd: 10, unit: 'minutes' });
    await addStep('stroke', 4, 'admit', 'admit');
    await fill(['pathways', 'stroke', 4, 'ward'], 'stroke-unit');
    await addStep('stroke', 5, 'stay', 'stay');
    await duration(['pathways', 'stroke', 5, 'duration'], { dist: 'lognormal', mean: 7, sd: 6, unit: 'days' });
    await addStep('stroke', 6, 'delay-discharge', 'social-care');
    await fill(['pathways', 'stroke', 6, 'probability'], 0.3);
    await duration(['pathways', 'stroke', 6, 'duration'], { dist: 'exponential', mean: 3, unit: 'days' });
    await addStep('stroke', 7, 'discharge', 'home');
    // The branch's routes, now that their steps exist.
    const decide: Path = ['pathways', 'stroke', 2];
    await open(decide);
    await addField(decide, 'routes by probability');
    await fill([...decide, 'options', 0, 'to'], 'lyse');
    await fill([...decide, 'options', 0, 'probability'], 0.15);
    await at([...decide, 'options']).getByRole('button', { name: 'Add route' }).click();
    await fill([...decide, 'options', 1, 'to'], 'admit');
    await fill([...decide, 'options', 1, 'probability'], 0.85);

    // Other ED patients: a cubicle, then the same CT scanner, then home.
    await addPathway('ed-ct');
    await task('ed-ct', 0, 'cubicle', 'ed', { dist: 'lognormal', mean: 90, sd: 45, unit: 'minutes' });
    await task('ed-ct', 1, 'scan', 'ct', { dist: 'lognormal', mean: 12, sd: 4, unit: 'minutes' });
    await addStep('ed-ct', 2, 'discharge', 'home');

    // The two classes: stroke patients first at the scanner.
    await open(['classes']);
    await patientClass(0, { id: 'stroke', name: 'Suspected stroke', perDay: 2, pathway: 'stroke', priority: 1 });
    await patientClass(1, { id: 'ed-ct', name: 'Other ED patients needing CT', perDay: 40, pathway: 'ed-ct', priority: 2 });

    await expect.poll(() => page.locator('.missing-guide li').allTextContents()).toEqual([]);
    await expect.poll(() => page.getByText(/values? needs? fixing/).count()).toBe(0);
    expect(await page.locator('#b-pathways-stroke-2--label').textContent()).toBe('▾ 3. Branch to ‘lyse’ (15%), ‘admit’ (85%) (step “decide”)');
    await expectAxeClean(page, 'the Builder tab with a stroke pathway built from nothing');

    // The diagram of what was built.
    await page.getByRole('tab', { name: 'Pathway diagram' }).click();
    const diagram = page.locator('figure.diagram').filter({ has: page.locator('#d-pathways-stroke-0') });
    await diagram.waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // The whole pathway (eight steps) in the picture, not its scrolled window: the figure as
    // wide as its drawing, in a viewport wide enough for it.
    await page.setViewportSize({ width: 2200, height: 1000 });
    await diagram.evaluate((f: HTMLElement) => {
      f.style.width = 'max-content';
      f.style.background = '#fff';
      f.querySelector<HTMLElement>('.diagram__scroll')!.style.overflow = 'visible';
    });
    await diagram.screenshot({ path: screenshot });
    await diagram.evaluate((f: HTMLElement) => {
      f.style.width = '';
      f.style.background = '';
      f.querySelector<HTMLElement>('.diagram__scroll')!.style.overflow = '';
    });
    await page.setViewportSize({ width: 1400, height: 1000 });

    // The option: a second CT scanner, made in the options panel and set in the builder.
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.locator('#new-variant-name').fill('A second CT scanner');
    await page.getByRole('button', { name: 'Create option' }).click();
    await page.getByRole('tab', { name: 'Builder' }).click();
    await open(['sites']);
    await open(['sites', 0]);
    await open(['sites', 0, 'wards']);
    await open(['sites', 0, 'wards', 1]);
    await fill(['sites', 0, 'wards', 1, 'beds'], 2);
    await expect.poll(() => page.locator('.variant-edits li').allTextContents()).toEqual(['CT scanner: beds 1 → 2']);

    // Saved, then run from the app with the builder's replications and seed.
    await page.getByRole('button', { name: 'Save to my scenarios' }).click();
    await page.waitForURL(/#\/scenario\/stroke-front-door$/);
    scenarioId = 'stroke-front-door';
    expect(await page.locator('#run-replications').inputValue()).toBe(String(REPS));
    expect(await page.locator('#run-seed').inputValue()).toBe(String(SEED));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('.kpi-table') || document.querySelector('.run-panel .message--error'), null, { timeout: 60_000 });
    const failed = page.locator('.run-panel .message--error');
    if (await failed.count()) throw new Error(`the run failed: ${await failed.textContent()}`);
    const runId = await page.locator('.compare').getAttribute('data-run-id');
    const run = await (await fetch(`${server.url}/api/runs/${runId}`)).json() as { status: string; result: RunResultDoc };
    expect(run.status).toBe('done');
    runResult = run.result;
    expect(runResult.variants.map((v) => v.name)).toEqual(['baseline', 'A second CT scanner']);
    expect(runResult.replications).toBe(REPS);

    // The comparison: the option's wait for the CT scanner, with its interval, as the server computed it.
    const kpi = 'wait.mean[hospital/ct]';
    const option = runResult.variants[1];
    const mine = option.kpis[kpi];
    expect(mine).toBeDefined();
    const cell = page.locator(`tr[data-kpi="${kpi}"] td[data-variant="${option.id}"] .kpi-table__value`);
    // In the unit the table reads it in (a wait of minutes in minutes), as the table scales it.
    const row = rowUnit(runResult, kpi);
    const k = row.factor;
    expect(await cell.textContent()).toBe(formatEstimate(mine.mean! * k, mine.ciLow! * k, mine.ciHigh! * k, row.unit));
    expect(mine.ciLow).not.toBeNull();
    // Same seeds for both (common random numbers): a second scanner shortens the wait.
    expect(mine.mean!).toBeLessThan(runResult.variants[0].kpis[kpi].mean!);
    expect(pageErrors).toEqual([]);
  });

  test('the saved document passes `pathflow check` and `pathflow run` gives the app\'s numbers exactly', async () => {
    expect(scenarioId).not.toBe('');
    const saved = await (await fetch(`${server.url}/api/scenarios/${scenarioId}`)).json() as { scenario: Record<string, any> };
    const doc = saved.scenario;
    // As built: the branch, the shared scanner, the option's difference.
    expect(doc.pathways.stroke.map((s: { do: string }) => s.do)).toEqual(['task', 'task', 'branch', 'task', 'admit', 'stay', 'delay-discharge', 'discharge']);
    expect(doc.pathways.stroke[2].options).toEqual([{ to: 'lyse', probability: 0.15 }, { to: 'admit', probability: 0.85 }]);
    expect(doc.variants).toEqual([{ id: expect.any(String), name: 'A second CT scanner', patch: { sites: { hospital: { wards: { ct: { beds: 2 } } } } } }]);
    const file = join(tmp, 'stroke-front-door.yaml');
    writeFileSync(file, stringify(doc));

    const out: string[] = [], err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    expect(await main(['check', file], io), err.join('')).toBe(0);

    out.length = 0;
    expect(await main(['run', file, '--json', '--reps', String(REPS), '--seed', String(SEED)], io), err.join('')).toBe(0);
    const cli = JSON.parse(out.join('')) as RunResultDoc;
    expect(cli.variants.map((v) => v.id)).toEqual(runResult.variants.map((v) => v.id));
    for (const [i, v] of cli.variants.entries()) expect(v.kpis, `the KPIs of ${v.id}`).toEqual(runResult.variants[i].kpis);
  });
});
