// Teaching mode end to end, in headless Chromium, from the static build alone (a
// node:http file server; no pathflow server): play, pause, one event, +1 hour and a
// change mid-run show exactly the engine's snapshot for that seed, time and session log,
// computed here in Node with the same engine calls; a share link reproduces the same
// numbers in a fresh browser context; the in-browser experiment is the CLI's document.
// Every state is clean for axe-core (test/ui/axe.ts); projector mode at 1280 × 720 and at
// 150% zoom has nothing overlapping (bounding boxes) and nothing off the right edge.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveStatic, type StaticServer } from './static-server.ts';
import { opened, TEACHING_FILE } from './helpers.ts';
import { LiveRun, countersOf, type Counters } from '../../ui/src/teach/live-run.ts';
import type { SessionChange } from '../../ui/src/teach/session-changes.ts';
import { compileVariants } from '../../runner/replicate.ts';
import { expectAxeClean } from '../ui/axe.ts';
import { runVariants } from '../../runner/summary.ts';

const OUT = 'test-artifacts/teach-dist'; // not ui/dist: the app's own build and tests use that
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  // The web app's own build (both pages, base './'), as shipped: only the output folder differs.
  await build({ configFile: 'ui/vite.config.ts', logLevel: 'error', build: { outDir: `../${OUT}`, emptyOutDir: true } });
  server = await serveStatic(OUT);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const COUNTERS = ['arrived', 'waiting', 'in-service', 'breaches', 'done', 'left'] as const;

/** The page's clock (exact simulated hours) and counters, once the worker's frame after `action` has arrived. */
async function shown(page: Page): Promise<{ time: number; counters: Counters }> {
  const time = Number(await page.getByTestId('clock').getAttribute('data-sim-time'));
  const n: number[] = [];
  for (const c of COUNTERS) n.push(Number(await page.getByTestId(`counter-${c}`).textContent()));
  const [arrived, waiting, inService, breaches, done, left] = n;
  return { time, counters: { arrived, waiting, inService, breaches, done, left } };
}

async function timeChange(page: Page, from: number, action: () => Promise<void>): Promise<void> {
  await action();
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-sim-time')) !== t, from);
}

/** Plays until the simulated clock is past `hours`, then pauses. */
async function playPast(page: Page, hours: number): Promise<void> {
  await page.getByTestId('play').click();
  await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-sim-time')) > t, hours);
  await page.getByTestId('pause').click();
  await page.getByTestId('play').waitFor(); // the worker has stopped and sent its last frame
}

/**
 * The page's blocks (header parts, clock, each counter, controls, live view, legend, chart,
 * each side panel, predictions, experiment) that overlap another or run off the right edge
 * or out of the page sideways, as readable strings: empty when the layout is sound.
 */
async function overlapping(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const blocks = ['.teach-header h1', '.scenario-picker', '.projector-toggle', '.question', '.clock', '.counter', '.play-controls',
      '.live-view', '.dot-legend', '.queue-chart', '.fps', '.stage-side > section', '.predictions', '.experiment'];
    const boxes = blocks.flatMap((sel) => [...document.querySelectorAll(sel)].map((el, i) => ({ name: `${sel}#${i}${el.textContent ? ` (${el.textContent.slice(0, 20)})` : ''}`, r: el.getBoundingClientRect() })))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const b of boxes) if (b.r.right > width + 0.5 || b.r.left < -0.5) problems.push(`${b.name} outside the page: ${b.r.left}–${b.r.right} of ${width}`);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, c = boxes[j].r;
        const x = Math.min(a.right, c.right) - Math.max(a.left, c.left), y = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
        if (x > 0.5 && y > 0.5) problems.push(`${boxes[i].name} overlaps ${boxes[j].name}`);
      }
    }
    return problems;
  });
}

/** Paths where two documents differ: shape, strings, integers and nulls exactly; other numbers beyond a relative tolerance. */
function differences(a: unknown, b: unknown, rel: number, path = '$'): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return [];
    const exact = Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) > 1e-9;
    return !exact && Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) ? [] : [`${path}: ${a} vs ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: length ${a.length} vs ${b.length}`];
    return a.flatMap((x, i) => differences(x, b[i], rel, `${path}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.join() !== kb.join()) return [`${path}: keys ${ka.join()} vs ${kb.join()}`];
    return ka.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], rel, `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

/** The engine in Node: counters of the teaching clinic at a time, for a seed and log. */
function expected(run: LiveRun): Counters {
  return countersOf(run.sim.snapshot(), run.breaches());
}

describe('teaching mode in the browser, from the static build', () => {
  const { model } = opened();
  let shareUrl = '';
  let sharedAt: { time: number; counters: Counters } | null = null;
  let log: SessionChange[] = [];

  test('play, pause, next event, +1 hour, +1 clinician mid-run: the counters are the engine snapshot', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    await expectAxeClean(page, 'teaching mode, as opened');
    const node = new LiveRun(model, { seed: 1, targetWait: 0.5 });

    // Quiet hours are skipped (to 08:45), then 1 simulated hour a second: past 09:00 arrivals.
    await playPast(page, 9);
    let s = await shown(page);
    expect(s.time).toBeGreaterThan(9);
    node.runUntil(s.time);
    expect(s.counters).toEqual(expected(node));
    expect(s.counters.arrived).toBeGreaterThan(0);

    await timeChange(page, s.time, () => page.getByTestId('step').click());
    s = await shown(page);
    node.step();
    expect(s.time).toBe(node.now);
    expect(s.counters).toEqual(expected(node));

    await timeChange(page, s.time, () => page.getByTestId('hour').click());
    s = await shown(page);
    node.runUntil(node.now + 1);
    expect(s.time).toBe(node.now);
    expect(s.counters).toEqual(expected(node));

    // The facilitator adds a clinician now: logged at this simulated time, on duty at once.
    const at = s.time;
    await page.getByTestId('change-staff-clinician').getByTestId('staff-add').click();
    await page.getByTestId('session-log').locator('li').first().waitFor();
    log = [{ kind: 'staff', at, team: 'clinic/staff', role: 'clinician', delta: 1 }];
    const changed = new LiveRun(model, { seed: 1, targetWait: 0.5, changes: log });
    changed.runUntil(at);
    await page.locator('[data-place="clinic/staff"] .resource-numbers', { hasText: '/ 3' }).waitFor();
    s = await shown(page);
    expect(s.time).toBe(at);
    expect(s.counters).toEqual(expected(changed));

    // Day 2 morning, with the change in force the whole time.
    await page.getByTestId('speed').selectOption('24');
    await playPast(page, at + 6);
    s = await shown(page);
    expect(s.time).toBeGreaterThan(at + 6);
    changed.runUntil(s.time);
    expect(s.counters).toEqual(expected(changed));
    expect(changed.sim.snapshot().skilledPools[0].onDuty).toBe(s.time % 24 >= 9.5 && s.time % 24 < 13 ? 3 : 1);

    // One event more, then share: the link must carry a moment part-way through an instant's events too.
    await timeChange(page, s.time, () => page.getByTestId('step').click());
    s = await shown(page);
    changed.step();
    expect(s.time).toBe(changed.now);
    expect(s.counters).toEqual(expected(changed));

    await page.getByTestId('share').click();
    shareUrl = await page.getByTestId('share-url').inputValue();
    await expectAxeClean(page, 'teaching mode with a change logged and a share link');
    sharedAt = s;
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a share link reproduces the same run in a fresh browser context, and replays on', async () => {
    expect(shareUrl).toMatch(/teach\.html#s=s1\./);
    const context = await browser.newContext(); // no storage, no cache shared with the first page
    const page = await context.newPage();
    await page.goto(shareUrl);
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-sim-time')) === t, sharedAt!.time);
    expect(await shown(page)).toEqual(sharedAt);
    await expect(page.getByTestId('session-log').locator('li').count()).resolves.toBe(1);

    // Restart replays the session from the start: the same numbers at the same times.
    await timeChange(page, sharedAt!.time, () => page.getByTestId('restart').click());
    await playPast(page, 9);
    const s = await shown(page);
    const replay = new LiveRun(model, { seed: 1, targetWait: 0.5, changes: log });
    replay.runUntil(s.time);
    expect(s.counters).toEqual(expected(replay));
    await context.close();
  });

  test('the in-browser experiment is the document pathflow run --json prints', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('experiment-reps').fill('4');
    await page.getByTestId('experiment-seed').fill('7');
    await page.getByTestId('experiment-run').click();
    const inPage = JSON.parse(await page.getByTestId('experiment-json').textContent({ timeout: 30_000 }) ?? '');
    await expectAxeClean(page, 'teaching mode with an experiment\'s results');
    await page.close();

    const { scenario } = opened();
    const variants = compileVariants(scenario);
    if (!variants.ok) throw new Error('teaching clinic does not compile');
    const inNode = JSON.parse(JSON.stringify(runVariants(scenario, variants.value, { replications: 4, seed: 7 })));
    const cli = JSON.parse((await promisify(execFile)(process.execPath, ['bin/pathflow.js', 'run', TEACHING_FILE, '--reps', '4', '--seed', '7', '--workers', '1', '--json'])).stdout);
    // The command line says where it ran (the machine: provenance); the numbers are what must agree.
    expect(cli.provenance?.machine?.cores).toBeGreaterThan(0);
    delete cli.provenance;
    expect(inNode).toEqual(cli);
    // To the last bit: the engine's elementary functions are its own (engine/core/math.ts),
    // since this Chromium's V8 and Node 20's round Math.log/exp/pow differently in 5-10% of
    // inputs. (Before that, 39 of this document's 198 numbers differed in the last bits.)
    expect(differences(inPage, cli, 0)).toEqual([]);
    expect(inPage).toStrictEqual(cli);
  });

  test('predict, then run: the form starts blank each time, closed while running; predictions locked at the reveal, across a reload; intervals in the table', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    await expect.poll(() => page.getByTestId('prediction-kpi').locator('option').count()).toBeGreaterThan(1);
    const measure = (await page.getByTestId('prediction-kpi').locator('option').nth(1).getAttribute('value'))!;
    await page.getByTestId('prediction-text').fill('the wait is about 20 minutes');
    await page.getByTestId('prediction-kpi').selectOption(measure);
    await page.getByTestId('prediction-value').fill('20');
    await page.getByRole('button', { name: 'Add prediction' }).click();
    // The next prediction starts with no measure chosen.
    expect(await page.getByTestId('prediction-kpi').inputValue()).toBe('');
    expect(await page.getByTestId('prediction-value').count()).toBe(0);
    await page.getByTestId('prediction-text').fill('queues get longer');
    await page.getByRole('button', { name: 'Add prediction' }).click();
    expect(await page.getByRole('button', { name: /^delete prediction/ }).count()).toBe(2);
    await page.getByTestId('experiment-reps').fill('6');
    await page.getByTestId('experiment-run').click();
    await page.getByTestId('experiment-table').waitFor({ timeout: 30_000 });
    // Revealed: both predictions locked, the first compared with its interval.
    await expect.poll(() => page.getByTestId('prediction-locked').count()).toBe(2);
    expect(await page.getByRole('button', { name: /^delete prediction/ }).count()).toBe(0);
    expect(await page.getByTestId('prediction-measured').first().textContent()).toMatch(/\(.+ – .+\)/);
    // The table: each value with its interval; the caption says the live changes are not in it.
    expect(await page.getByTestId('experiment-caption').textContent()).toMatch(/6 replications \(seed \d+\) of the scenario as written: the baseline and \d+ variants?\. No changes have been made live in this session\./);
    expect(await page.getByTestId('experiment-table').locator('tbody td .ci').count()).toBeGreaterThan(0);
    // A prediction written after the reveal waits for the next run and can still be removed.
    await page.getByTestId('prediction-text').fill('written late');
    await page.getByRole('button', { name: 'Add prediction' }).click();
    expect(await page.getByTestId('prediction-measured').nth(2).textContent()).toBe('awaiting the next run');
    expect(await page.getByRole('button', { name: 'delete prediction “written late”' }).count()).toBe(1);
    await expectAxeClean(page, 'teaching mode with predictions revealed');
    // Locked in this browser: a reload keeps the first two locked.
    await page.reload();
    await page.getByTestId('counter-arrived').waitFor();
    await expect.poll(() => page.getByTestId('prediction-locked').count()).toBe(2);
    await context.close();
  });

  test('a reload reopens the session at the moment shown, with its changes; "Start afresh" goes back to the start', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    await playPast(page, 9);
    await page.getByTestId('change-staff-clinician').getByTestId('staff-add').click();
    await page.getByTestId('session-log').locator('li').first().waitFor();
    let s = await shown(page);
    await timeChange(page, s.time, () => page.getByTestId('step').click());
    s = await shown(page);
    await page.reload();
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="clock"]')?.getAttribute('data-sim-time')) === t, s.time);
    expect(await shown(page)).toEqual(s);
    expect(await page.getByTestId('session-log').locator('li').count()).toBe(1);
    await page.getByTestId('restored').waitFor();
    await expectAxeClean(page, 'teaching mode reopened after a reload');
    await timeChange(page, s.time, () => page.getByTestId('restored').getByRole('button', { name: 'Start afresh' }).click());
    expect(await page.getByTestId('session-log').count()).toBe(0);
    expect(await page.getByTestId('restored').count()).toBe(0);
    // A share link or a query still opens what it says, not the kept session.
    await page.goto(`${server.url}/teach.html?seed=5`);
    await expect.poll(() => page.getByTestId('seed').inputValue()).toBe('5');
    expect(await page.getByTestId('restored').count()).toBe(0);
    await context.close();
  });

  test('projector mode at 1280 × 720: large text, a legend for the dots, measures in words, nothing overlapping; remembered', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    const size = () => page.getByTestId('counter-arrived').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const plain = await size();
    await page.getByTestId('projector').click();
    expect(await page.getByTestId('projector').getAttribute('aria-pressed')).toBe('true');
    expect(await size()).toBeGreaterThanOrEqual(plain * 1.4);
    expect(await page.getByTestId('dot-legend').locator('li').allTextContents()).toEqual(['waiting', 'being seen (in service)', 'leaving', 'free place']);
    // Measures offered for a prediction are named in words, not ids.
    await expect.poll(() => page.getByTestId('prediction-kpi').locator('option').count()).toBeGreaterThan(1);
    const measures = await page.getByTestId('prediction-kpi').locator('option').allTextContents();
    expect(measures).toContain('wait, mean — consult at clinic');
    expect(measures.filter((m) => /\[|\]|skill:/.test(m))).toEqual([]);
    await playPast(page, 10); // patients on the screen, queues drawn
    expect(await overlapping(page)).toEqual([]);
    await expectAxeClean(page, 'teaching mode, projector mode');
    await page.screenshot({ path: 'test-artifacts/teach-projector.png' });
    // Remembered in this browser: a reload opens in projector mode.
    await page.reload();
    await page.getByTestId('counter-arrived').waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await context.close();
  });

  test('projector mode at 150% zoom of a 1280 × 720 screen (853 × 480 CSS pixels): the counters clear of the side panel, nothing overlapping', async () => {
    const context = await browser.newContext({ viewport: { width: 853, height: 480 }, deviceScaleFactor: 1.5 });
    await context.addInitScript(() => localStorage.setItem('pathflow:teach-projector', '1'));
    const page = await context.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    await playPast(page, 10);
    expect(await overlapping(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/teach-projector-150.png', fullPage: true });
    await context.close();
  });

  test('on a phone (390 px wide), with and without projector mode: nothing overlapping, nothing off the page', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    await playPast(page, 9.5);
    expect(await overlapping(page)).toEqual([]);
    await page.getByTestId('projector').click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
    expect(await overlapping(page)).toEqual([]);
    await page.screenshot({ path: 'test-artifacts/teach-phone.png', fullPage: true });
    await expectAxeClean(page, 'teaching mode on a phone');
    await context.close();
  });

  test('nothing was asked of a server: every request was a file of the build', () => {
    expect(server.misses.filter((p) => p !== '/favicon.ico')).toEqual([]);
  });
});
