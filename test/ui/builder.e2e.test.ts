// The Builder tab end to end, in Debian's headless Chromium against the real server: on the
// hyperacute stroke library scenario, the CT pathway of ED patients gains a waiting step
// (its duration picked as a distribution, an invalid mean marked at its field with the
// check's message) and a branch with probabilities to two ways out, through the builder
// alone (no YAML typed); the resulting document passes the same check as `pathflow check`.
// Clean for axe-core; the screenshot goes to docs/screenshots/builder.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

const screenshot = fileURLToPath(new URL('../../docs/screenshots/builder.png', import.meta.url));

let app: App, server: RunningServer, browser: Browser, page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(fileURLToPath(new URL('./artifacts/', import.meta.url)), { recursive: true });
  app = await startApp();
  ({ server, browser } = app);
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
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

const steps = 'b-pathways-ed-ct';
const headings = () => page.locator(`#${steps}--body > ol > li > section > .builder__head .builder__toggle`).allTextContents();

describe('the Builder tab', () => {
  test('a pathway step and a branch added through the builder alone; a bad value marked at its field; the result passes the check', async () => {
    await page.goto(`${server.url}/#/scenario/hyperacute-stroke`);
    await page.getByRole('tab', { name: 'Builder' }).click();
    await page.locator('#b-pathways--label').click();
    await page.locator(`#${steps}--label`).click();
    expect(await headings()).toEqual(['▸ 1. Task by ‘ct-scan’ at ‘CT scanner’ (step “scan”)', '▸ 2. Discharge (step “back”)']);

    // A stay added at the end: the pathway no longer ends with a way out, said at the new step's kind.
    await page.locator(`#${steps}--add-kind`).selectOption('stay');
    await page.getByRole('button', { name: 'Add step (stay)' }).click();
    await expect.poll(() => page.locator(`#${steps}-2-do-error`).textContent()).toBe('a pathway ends with discharge or branch, got "stay" (patients would walk off the end)');
    expect(await page.locator(`#${steps}-2-do`).getAttribute('aria-invalid')).toBe('true');

    // Its duration: a bad mean is marked at its field with the check's message; then a lognormal in minutes.
    const duration = `${steps}-2-duration`;
    await page.locator(`#${duration}-mean`).fill('-3');
    await expect.poll(() => page.locator(`#${duration}-mean-error`).textContent()).toBe('expected a number > 0, got -3');
    await page.locator(`#${duration}-dist`).selectOption('lognormal');
    await page.locator(`#${duration}-mean`).fill('20');
    await page.locator(`#${duration}-sd`).fill('10');
    await page.locator(`#${duration}-unit`).selectOption('minutes');
    await expect.poll(() => page.locator(`#${duration}--moments`).textContent()).toBe('mean 20 minutes, sd 10 minutes');
    expect(await page.locator(`#${duration} svg polyline`).count()).toBe(1);
    await page.locator(`#${steps}-2-id`).fill('wait');

    // Moved before the discharge, from the keyboard: the message goes.
    await page.getByRole('button', { name: 'Move step “wait” up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`#${steps}-2-do-error`).count()).toBe(0);

    // A branch after the wait (before the discharge), and a second way out at the end.
    await page.locator(`#${steps}--add-kind`).selectOption('branch');
    await page.locator(`#${steps}--add-at`).selectOption({ label: 'after step “wait”' });
    await page.getByRole('button', { name: 'Add step (branch)' }).click();
    await page.locator(`#${steps}--add-at`).selectOption({ label: 'at the end' });
    await page.locator(`#${steps}--add-kind`).selectOption('discharge');
    await page.getByRole('button', { name: 'Add step (discharge)' }).click();
    await page.locator(`#${steps}-4-id`).fill('admitted');
    // The branch's ways, by probability, targets offered from the pathway's steps.
    const branch = `${steps}-2`;
    await page.locator(`#${branch} details.builder__more summary`).first().click();
    await page.locator(`#${branch}`).getByRole('button', { name: 'Add “routes by probability”' }).click();
    expect(await page.locator(`#${branch}-options-0-to--choices option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['scan', 'wait', 'branch', 'back', 'admitted']);
    await page.locator(`#${branch}-options-0-to`).fill('back');
    await page.locator(`#${branch}-options-0-probability`).fill('0.8');
    await page.locator(`#${branch}-options`).getByRole('button', { name: 'Add route' }).click();
    await page.locator(`#${branch}-options-1-to`).fill('admitted');
    await page.locator(`#${branch}-options-1-probability`).fill('1.2');
    await expect.poll(() => page.locator(`#${branch}-options-1-probability-error`).textContent()).toBe('expected a number ≤ 1, got 1.2');
    await page.locator(`#${branch}-options-1-probability`).fill('0.2');
    await page.locator(`#${branch}-id`).fill('where-next');

    await expect.poll(headings).toEqual([
      '▸ 1. Task by ‘ct-scan’ at ‘CT scanner’ (step “scan”)',
      '▾ 2. Stay (step “wait”)',
      '▾ 3. Branch to ‘back’ (80%), ‘admitted’ (20%) (step “where-next”)',
      '▸ 4. Discharge (step “back”)',
      '▾ 5. Discharge (step “admitted”)',
    ]);
    await expect.poll(() => page.getByText(/values? needs? fixing/).count()).toBe(0);
    await expectAxeClean(page, 'the Builder tab with a pathway, its steps, a duration and a branch open');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator(`#${steps}`).screenshot({ path: screenshot });

    // The document, as the advanced editor gives it, passes the check; the pathway is as built.
    await page.getByRole('tab', { name: 'Advanced editor (YAML/JSON)' }).click();
    const doc = parse(await page.locator('#advanced-text').inputValue()) as Record<string, any>;
    const checked = parseScenario(doc);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(doc.pathways['ed-ct']).toEqual([
      { id: 'scan', do: 'task', skill: 'ct-scan', place: 'ct', duration: { dist: 'lognormal', mean: 12, sd: 4, unit: 'minutes' } },
      { id: 'wait', do: 'stay', duration: { dist: 'lognormal', mean: 20, sd: 10, unit: 'minutes' } },
      { id: 'where-next', do: 'branch', options: [{ to: 'back', probability: 0.8 }, { to: 'admitted', probability: 0.2 }] },
      { id: 'back', do: 'discharge' },
      { id: 'admitted', do: 'discharge' },
    ]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  test('a step renamed: when its field is left, the branch that named it follows, and the field says so; one undo takes both back', async () => {
    await page.getByRole('tab', { name: 'Builder' }).click();
    const branch = `${steps}-2`;
    const open = async (id: string) => { if (await page.locator(`#${id}--label`).getAttribute('aria-expanded') !== 'true') await page.locator(`#${id}--label`).click(); };
    await open('b-pathways');
    await open(steps);
    await open(branch);
    await open(`${branch}-options`);
    expect(await page.locator(`#${branch}-options-0-to`).inputValue()).toBe('back');
    await open(`${steps}-3`);
    await page.locator(`#${steps}-3-id`).fill('home');
    // While typing nothing is redirected (the check flags the dangling target) ...
    expect(await page.locator(`#${branch}-options-0-to`).inputValue()).toBe('back');
    await page.locator(`#${steps}-3-id`).press('Tab');
    // ... and on leaving the field the target follows.
    await expect.poll(() => page.locator(`#${branch}-options-0-to`).inputValue()).toBe('home');
    await expect.poll(() => page.locator(`#${steps}-3 [data-step-rename]`).textContent()).toBe('1 place that named ‘back’ (branches, rules, measures, options) now name ‘home’.');
    await expect.poll(() => page.getByText(/values? needs? fixing/).count()).toBe(0);
    await page.getByRole('tab', { name: 'Advanced editor (YAML/JSON)' }).click();
    const doc = parse(await page.locator('#advanced-text').inputValue()) as Record<string, any>;
    expect(doc.pathways['ed-ct'][2].options[0]).toEqual({ to: 'home', probability: 0.8 });
    expect(doc.pathways['ed-ct'][3].id).toBe('home');
    // One undo takes back the new id and the references that followed it, together.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => {
      const back = parse(await page.locator('#advanced-text').inputValue()) as Record<string, any>;
      return [back.pathways['ed-ct'][3].id, back.pathways['ed-ct'][2].options[0].to];
    }).toEqual(['back', 'back']);
    expect(pageErrors).toEqual([]);
  });

  test('a branch by rules reads as its conditions; a path revealed from elsewhere opens its parts and focuses its field; no sideways scroll on a phone; an option edited in the builder is kept as its difference', async () => {
    await page.goto(`${server.url}/#/scenario/hyperacute-stroke`);
    await page.getByRole('tab', { name: 'Builder' }).click();
    await page.locator('#b-pathways--label').click();
    await page.locator('#b-pathways-hasu--label').click();
    await page.locator('#b-pathways-hasu-3--label').click();
    expect(await page.locator('#b-pathways-hasu-3--label').textContent()).toBe('▾ 4. Branch by one rule, otherwise ‘admit’ (step “decide”)');
    await page.locator('#b-pathways-hasu-3-rules--label').click();
    await page.locator('#b-pathways-hasu-3-rules-0--label').click();
    expect(await page.locator('#b-pathways-hasu-3-rules-0--label').textContent()).toBe('▾ Rule 1: if time since onset < 4.5 h and eligible is yes → ‘lyse’');
    await page.locator('#b-pathways-hasu-3-rules-0-ifAll--label').click();
    await page.locator('#b-pathways-hasu-3-rules-0-ifAll-0--label').click();
    // "time since" is an attribute here (onset), one of three forms, offered from the classes' attributes.
    expect(await page.locator('#b-pathways-hasu-3-rules-0-ifAll-0-timeSince').inputValue()).toBe('onset');
    expect(await page.locator('#b-pathways-hasu-3-rules-0-ifAll-0-timeSince--choices option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['onset', 'eligible']);
    expect(await page.locator('#b-pathways-hasu-3-rules-0-to').inputValue()).toBe('lyse');
    await expectAxeClean(page, 'the Builder tab with a branch by rules open');

    // The hook other views use to point at a field (a missing value, a node of the diagram).
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('pathflow:builder-reveal', { detail: ['sites', 0, 'wards', 1, 'beds'] })));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('b-sites-0-wards-1-beds');
    await page.screenshot({ path: fileURLToPath(new URL('./artifacts/builder-rules.png', import.meta.url)), fullPage: true });

    // On a phone, the deepest part open (a rule's condition) does not scroll the page sideways.
    await page.setViewportSize({ width: 390, height: 800 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.setViewportSize({ width: 1400, height: 1000 });

    // With an option chosen, the builder shows and edits the option: its edit is kept as a difference.
    await page.getByLabel('A second CT scanner (daytime)').check();
    await expect.poll(() => page.locator('#b-sites-0-wards-1-beds').inputValue()).toBe('2');
    await page.locator('#b-sites-0-wards-1-beds').fill('3');
    await page.getByRole('tab', { name: 'Advanced editor (YAML/JSON)' }).click();
    const doc = parse(await page.locator('#advanced-text').inputValue()) as Record<string, any>;
    expect(doc.sites[0].wards[1].beds).toBe(1);
    expect(doc.variants[0].patch.sites.dgh.wards).toEqual({ ct: { beds: 3 } });
    expect(pageErrors).toEqual([]);
  });
});