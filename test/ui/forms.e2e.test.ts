// What a user types into the web app's forms, in Debian's headless Chromium against the real
// server: clearing "Arrivals per week" to retype it keeps it per week; the run bar refuses
// seed 1e20 at the field; sweep From/To/Step are checked at each field and goal-seek's
// target only once touched; teaching mode's seed box applies on Enter, keeps what is typed
// and asks before a new session discards the session log. These need a browser: the
// state kept between keystrokes is what they are about.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/server.ts';
import { startApp, type App } from './app-harness.ts';
import { expectAxeClean } from './axe.ts';

let app: App, server: RunningServer, browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startApp();
  ({ server, browser } = app);
});

afterAll(async () => {
  await app?.close();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

describe('the scenario form', () => {
  test('clearing "Arrivals per week" and typing 45 keeps it per week; a booked class says it is booked', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/#/scenario/teaching-clinic`);
    const perWeek = page.locator('#f-classes-1-arrivals-perWeek');
    await perWeek.waitFor();
    expect(await perWeek.inputValue()).toBe('30');
    await perWeek.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    // Empty: still per week, asking for its number; no per-day box appeared.
    await expect.poll(() => page.locator('#f-classes-1-arrivals-perWeek-error').textContent()).toBe('required: how many arrive a week, on average');
    expect(await page.locator('label[for="f-classes-1-arrivals-perWeek"]').textContent()).toBe('Arrivals per week');
    expect(await page.locator('#f-classes-1-arrivals-perDay').count()).toBe(0);
    await expectAxeClean(page, 'the form with an empty weekly rate');
    await page.locator('#f-classes-1-arrivals-perWeek').focus();
    await page.keyboard.type('45');
    expect(await perWeek.inputValue()).toBe('45');
    expect(await page.locator('#f-classes-1-arrivals-perWeek-error').count()).toBe(0);
    expect(await page.locator('#f-classes-1-arrivals-perDay').count()).toBe(0);
    // The booked class: its slots in words, no rate box.
    expect(await page.locator('#f-classes-0-arrivals-appointments').textContent()).toMatch(/^Arrives by appointment: Mon–Fri 09:00–10:00 every 6 minutes; Mon–Fri 10:00–12:00 every 15 minutes/);
    expect(await page.locator('#f-classes-0-arrivals-perDay').count()).toBe(0);
    // The run bar's seed: 1e20 refused at the field, Run disabled; a sound seed enables it again.
    await page.fill('#run-seed', '1e20');
    await expect.poll(() => page.locator('#run-seed-help').textContent()).toBe('expected a whole number from 0 to 9007199254740991, got "1e20"');
    expect(await page.locator('#run-button').isDisabled()).toBe(true);
    await page.fill('#run-seed', '2147483648');
    await expect.poll(() => page.locator('#run-button').isDisabled()).toBe(false);
    await page.context().close();
  });

  test('sweep From/To/Step say what is wrong at each field; goal-seek asks for a target only once touched', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/#/scenario/teaching-clinic/experiments`);
    const target = page.locator('#seek-target');
    await target.waitFor();
    // Goal-seek, untouched: no message; pressing the button asks for the target and goes to it.
    // (The teaching clinic's first measure is not a share, so no target is filled in.)
    expect(await target.inputValue()).toBe('');
    expect(await target.getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#seek-target-help').count()).toBe(0);
    await page.getByRole('button', { name: 'Find the value' }).click();
    await expect.poll(() => page.locator('#seek-target-help').textContent()).toBe('a number is required');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('seek-target');
    expect(await page.getByRole('button', { name: 'Find the value' }).isDisabled()).toBe(true);
    const run = page.getByRole('button', { name: 'Run sweep' });
    expect(await run.isDisabled()).toBe(false);
    await page.fill('#sweep-from', 'abc');
    await expect.poll(() => page.locator('#sweep-from-error').textContent()).toBe('From: expected a number written with digits (such as 12, 0.5 or 1e3), got "abc"');
    expect(await run.isDisabled()).toBe(true);
    await page.fill('#sweep-from', '5');
    await page.fill('#sweep-to', '1');
    await page.fill('#sweep-step', '0');
    await expect.poll(() => page.locator('#sweep-to-error').textContent()).toBe('To: expected at least From (5), got "1"');
    expect(await page.locator('#sweep-step-error').textContent()).toBe('Step: expected a number > 0, got "0"');
    expect(await page.locator('#sweep-from-error').count()).toBe(0);
    expect(await run.isDisabled()).toBe(true);
    await expectAxeClean(page, 'the experiments view with sweep fields refused');
    await page.fill('#sweep-to', '9');
    await page.fill('#sweep-step', '2');
    await expect.poll(() => run.isDisabled()).toBe(false);
    await page.context().close();
  });
});

describe('teaching mode', () => {
  test('the seed box applies on Enter, keeps what is typed, and asks before discarding the session log', async () => {
    const page = await freshPage();
    await page.goto(`${server.url}/teach.html`);
    await page.getByTestId('counter-arrived').waitFor();
    await page.getByTestId('hour').click();
    await page.getByTestId('staff-add').first().click();
    const log = page.getByTestId('session-log').locator('li');
    await expect.poll(() => log.count()).toBe(1);
    const seed = page.getByTestId('seed');
    expect(await seed.inputValue()).toBe('1');
    await seed.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    // Empty is refused at the box, and no new session started.
    await expect.poll(() => page.locator('#teach-seed-error').textContent()).toBe('seed: expected a whole number from 0 to 9007199254740991, got ""');
    expect(await log.count()).toBe(1);
    await page.keyboard.type('123', { delay: 80 });
    expect(await seed.inputValue()).toBe('123');
    expect(await log.count()).toBe(1);
    // Enter asks first; declining keeps the session and puts the seed back.
    const questions: string[] = [];
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss(); });
    await page.keyboard.press('Enter');
    await expect.poll(() => seed.inputValue()).toBe('1');
    expect(questions).toEqual(['Seed 123 starts a new session from the beginning: the change in the session log will be discarded (a share link keeps them). Start the new session?']);
    expect(await log.count()).toBe(1);
    // Accepting starts the new session with exactly the seed typed.
    await seed.fill('42');
    page.once('dialog', (d) => void d.accept());
    await seed.press('Enter');
    await page.getByText('No changes yet: the run is the scenario as written (seed 42).').waitFor();
    expect(await seed.inputValue()).toBe('42');
    // 1e400 is refused, not seed 0; leaving the box does not apply it.
    await seed.fill('1e400');
    await seed.blur();
    await expect.poll(() => page.locator('#teach-seed-error').textContent()).toBe('seed: expected a whole number from 0 to 9007199254740991, got "1e400"');
    await page.getByText('No changes yet: the run is the scenario as written (seed 42).').waitFor();
    await expectAxeClean(page, 'teaching mode with a seed refused at its box');
    await page.context().close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
