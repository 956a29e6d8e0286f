// What a web-app audit found in the app's states, end to end in Debian's headless Chromium
// against the real server:
// - two tabs on one scenario keep a draft each: the other tab's edits are announced (the
//   `storage` event), and a reload finds this tab's own, not the other's (the last to type
//   used to replace the other's draft silently);
// - pages that are only an error (no such page, scenario or run; #/new and #/import with
//   nothing to open) have a heading, and pass axe, as does the library once a run is done
//   (its "done" badge was 4.44:1);
// - a 2000-character ward name and a 500-character option name wrap instead of widening the
//   page (39,774 px and 7,014 px wide), and #/fit does not scroll sideways on a phone;
// - teaching mode asks for no favicon.ico (a 404 on every load).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { api, until } from '../server/harness.ts';
import { expectAxeClean } from './axe.ts';

let app: App, server: RunningServer, browser: Browser;
let scenario: Record<string, any>;

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
  scenario = (await api(server.url, 'GET', '/api/scenarios/teaching-clinic')).body.scenario;
});

afterAll(async () => {
  await app?.close();
});

/** Stores a copy of the teaching clinic under `id`, changed by `change`. */
async function saveCopy(id: string, change: (doc: Record<string, any>) => void = () => {}): Promise<void> {
  const doc = structuredClone(scenario);
  doc.id = id;
  change(doc);
  const r = await api(server.url, 'POST', '/api/scenarios', { scenario: doc });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('two tabs on one scenario', () => {
  let context: BrowserContext, a: Page, b: Page;
  beforeAll(async () => {
    await saveCopy('two-tabs');
    context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    a = await context.newPage();
    b = await context.newPage();
    for (const p of [a, b]) {
      await p.goto(`${server.url}/#/scenario/two-tabs`);
      await p.locator('#f-time-horizonDays').waitFor();
    }
  });
  afterAll(async () => { await context?.close(); });

  test('each keeps its own draft; each is told of the other\'s; a reload finds its own', async () => {
    await a.fill('#f-time-horizonDays', '21');
    // Tab B hears of A's draft as soon as A keeps it (about 400 ms after the last keystroke).
    await b.getByText('This scenario is being edited in another tab').waitFor();
    await b.fill('#f-costs-tariff-booked', '99');
    await a.getByText('This scenario is being edited in another tab').waitFor();
    const drafts = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('pathflow:draft:two-tabs')).length);
    expect(drafts).toBe(2);
    await a.reload();
    await a.locator('#f-time-horizonDays').waitFor();
    expect(await a.inputValue('#f-time-horizonDays')).toBe('21');
    expect(await a.inputValue('#f-costs-tariff-booked')).not.toBe('99');
    // B's changes are offered, not lost; opening them keeps A's aside (offered in turn).
    const offer = a.getByRole('status').filter({ hasText: 'Another tab has unsaved changes to this scenario' });
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Open them here instead' }).click();
    expect(await a.inputValue('#f-costs-tariff-booked')).toBe('99');
    await a.getByRole('status').filter({ hasText: 'unsaved changes to this scenario' }).getByRole('button', { name: 'Open them here instead' }).first().waitFor();
  });
});

describe('pages that are only an error, and the library after a run', () => {
  let context: BrowserContext, page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => { await context?.close(); });

  for (const [hash, heading] of [
    ['#/nonsense/route', 'There is no such page.'],
    ['#/scenario/does-not-exist', 'There is no such scenario.'],
    ['#/runs/nope', 'The run could not be opened.'],
    ['#/new', 'The scenario could not be opened.'],
    ['#/import', 'The scenario could not be opened.'],
  ]) {
    test(`${hash}: a heading saying what went wrong, axe-clean`, async () => {
      await page.goto(`${server.url}/${hash}`);
      await page.reload(); // nothing left in the tab from the page before
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expectAxeClean(page, hash);
    });
  }

  test('the library with a finished run in its recent runs is axe-clean', async () => {
    const started = await api(server.url, 'POST', '/api/runs', { scenarioId: 'teaching-clinic', replications: 2, seed: 1 });
    expect(started.status).toBe(202);
    const run = await until(server.url, started.body.id, ['done', 'failed'], 120_000);
    expect(run.status).toBe('done');
    await page.goto(`${server.url}/#/`);
    await page.locator('.badge--done').first().waitFor();
    await expectAxeClean(page, 'the library with a finished run');
  });
});

describe('long names and narrow screens', () => {
  const longWard = 'W'.repeat(2000);
  const longOption = 'O'.repeat(500);
  beforeAll(async () => {
    await saveCopy('long-names', (doc) => {
      const site = doc.sites[0];
      if (!Array.isArray(site.wards) || site.wards.length === 0) site.wards = [{ id: 'obs', name: longWard, beds: 4 }];
      else site.wards[0].name = longWard;
      doc.variants = [{ id: 'long', name: longOption, patch: {} }];
    });
  });

  for (const width of [390, 1400]) {
    test(`at ${width} px a 2000-character ward name and a 500-character option name wrap`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/#/scenario/long-names`);
      await page.getByText(longOption.slice(0, 50)).first().waitFor();
      await page.getByLabel(longOption).check();
      expect(await sideways(page), 'the key numbers').toBeLessThanOrEqual(0);
      await page.getByRole('tab', { name: 'Builder' }).click();
      await page.locator('#b-').waitFor();
      // The ward's entry opened, its name shown in its heading and its field.
      await page.evaluate(() => window.dispatchEvent(new CustomEvent('pathflow:builder-reveal', { detail: ['sites', 0, 'wards', 0, 'name'] })));
      await page.locator('#b-sites-0-wards-0-name').waitFor();
      expect(await page.inputValue('#b-sites-0-wards-0-name')).toBe(longWard);
      expect(await sideways(page), 'the builder').toBeLessThanOrEqual(0);
      await page.goto(`${server.url}/#/`);
      await page.locator('.card').first().waitFor();
      expect(await sideways(page), 'the library').toBeLessThanOrEqual(0);
      await context.close();
    });
  }

  test('#/fit on a phone does not scroll sideways (its hidden file input stuck out 4 px)', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/#/fit`);
    await page.locator('[data-testid="fit-file"]').waitFor({ state: 'attached' });
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await context.close();
  });

  test('teaching mode asks for no favicon.ico', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${server.url}/teach.html`, { waitUntil: 'networkidle' });
    expect(missing).toEqual([]);
    await context.close();
  });
});
