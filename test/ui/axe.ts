// axe-core in a Playwright page: the accessibility rules (WCAG 2.1 A and AA) every page of
// the e2e suite must pass. The axe source is evaluated through the DevTools protocol
// (page.evaluate), not added as a <script> element, so the server's Content-Security-Policy
// (script-src 'self') does not block it and the pages need no exception for tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule broken, with the elements that break it (selector and axe's summary). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

export interface AxeOptions {
  /** Regions left out (CSS selectors), e.g. a third-party widget. */
  exclude?: string[];
  /** Rules not run, each with the reason in the caller (only for markup that is not ours). */
  disableRules?: string[];
}

/** Runs axe on the page as it is now and returns its violations (empty when clean). */
export async function axeViolations(page: Page, options: AxeOptions = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async ({ exclude, disableRules }) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
    const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
    const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
    const r = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, rules, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
  }, { exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] });
}

/** A short readable list of violations for an assertion's failure message: rule, help and the first elements. */
export function describeViolations(vs: AxeViolation[]): string[] {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target).join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`);
}

/** Fails the test, naming the page and each rule broken, unless axe finds nothing on the page as it is now. */
export async function expectAxeClean(page: Page, where: string, options: AxeOptions = {}): Promise<void> {
  const { expect } = await import('vitest');
  expect(describeViolations(await axeViolations(page, options)), `axe-core on ${where}`).toEqual([]);
}
