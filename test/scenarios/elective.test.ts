// Waiting lists and mutual aid in the scenario language: the mistakes a user can make,
// each with its path, and a two-trust scenario compiled and run end to end.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../scenarios/errors.ts';
import { compileScenario } from '../../scenarios/compile/compile.ts';
import { runReplication } from '../../runner/replicate.ts';

const fixture = () => parseYaml(readFileSync(new URL('../fixtures/elective.yaml', import.meta.url), 'utf8'));

function check(edit: (s: any) => void): string {
  const s = fixture();
  edit(s);
  const r = parseScenario(s);
  return r.ok ? 'ok' : formatIssues(r.issues);
}

describe('waiting lists in the scenario language', () => {
  test('the two-trust fixture is valid', () => expect(check(() => {})).toBe('ok'));

  test('a list names a ward and theatres of its own site', () => {
    expect(check((s) => { s.waitingLists[0].ward = 'trauma'; s.waitingLists[0].theatres = ['th9']; })).toMatchInlineSnapshot(`
      "  ✖ waitingLists[0].ward: unknown ward "trauma" at site "north" (known: ortho)
        ✖ waitingLists[0].theatres[0]: unknown theatre "th9" at site "north": did you mean "th1"? (known: th1)"
    `);
  });

  test('a class is referred to one list, at its own site, and then has no arrivals or pathway', () => {
    expect(check((s) => {
      s.waitingLists[1].referrals.push({ class: 'north-routine', perWeek: 1 });
      s.classes[1].arrivals = { perDay: 1 };
    })).toMatchInlineSnapshot(`
      "  ✖ classes[1].arrivals: class "south-routine" is referred to waiting list "south-ortho"; its arrivals are the list's referrals
        ✖ waitingLists[1].referrals[1].class: class "north-routine" is already referred to waiting list "north-ortho"
        ✖ waitingLists[1].referrals[1].class: class "north-routine" is at site "north", the list at site "south""
    `);
  });

  test('a class with neither arrivals nor referrals', () => {
    expect(check((s) => { s.waitingLists[1].referrals = [{ class: 'north-routine', perWeek: 1 }]; s.waitingLists[1].site = 'north'; }))
      .toContain('classes[1].arrivals: class "south-routine" needs arrivals (or referrals from a waiting list)');
  });

  test('mutual aid moves patients between lists of different sites', () => {
    expect(check((s) => { s.mutualAid = [{ id: 'x', lists: ['north-ortho', 'nowhere'], thresholdWeeks: 0, acceptance: 2, transferDelay: { dist: 'deterministic', value: 1 }, weeklyCap: 1 }]; }))
      .toMatchInlineSnapshot(`
        "  ✖ mutualAid[0].lists[1]: unknown waiting list "nowhere" (known: north-ortho, south-ortho)
          ✖ mutualAid[0].thresholdWeeks: expected a number > 0, got 0
          ✖ mutualAid[0].acceptance: expected a number ≤ 1, got 2"
      `);
    expect(check((s) => { s.mutualAid = [{ id: 'x', lists: ['north-ortho', 'nowhere'], thresholdWeeks: 1, acceptance: 1, transferDelay: { dist: 'deterministic', value: 1 }, weeklyCap: 1 }]; }))
      .toMatchInlineSnapshot(`"  ✖ mutualAid[0].lists[1]: unknown waiting list "nowhere" (known: north-ortho, south-ortho)"`);
  });

  test('compiled and run: the list with too few sessions grows; mutual aid narrows the gap', () => {
    const parsed = parseScenario(fixture());
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const base = compileScenario(parsed.value);
    if (!base.ok) throw new Error(formatIssues(base.issues));
    const k = runReplication(base.value, 1, 0);
    expect(k['elective.operated[north-ortho]']).toBeLessThanOrEqual(4); // two 4-hour sessions of 2-hour cases
    expect(k['list.size[north-ortho]']).toBeGreaterThan(k['list.size[south-ortho]']);
    expect(k['elective.rtt.spread[all]']).toBeGreaterThan(5);
  });
});

describe('daily time series in the run document', () => {
  test('each variant has beds in use, patients waiting and list size per day, with a band over replications', async () => {
    const { compileVariants } = await import('../../runner/replicate.ts');
    const { runVariants } = await import('../../runner/summary.ts');
    const { RunResultSchema } = await import('../../scenarios/schema/run-result.ts');
    const parsed = parseScenario(fixture());
    if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
    const c = compileVariants(parsed.value);
    if (!c.ok) throw new Error(formatIssues(c.issues));
    const doc = RunResultSchema.parse(runVariants(parsed.value, c.value, { replications: 3, seed: 1 }));
    expect(doc.series!.days.length).toBe(421); // days 0–420 of a 420-day horizon
    expect(doc.series!.warmupDays).toBe(84);
    const line = doc.series!.lines.find((l) => l.variant === 'baseline' && l.name === 'list.size[north-ortho]')!;
    expect(line.mean[0]).toBe(0);
    expect(line.mean[400]!).toBeGreaterThan(10); // the under-sessioned list builds up
    expect(line.ciLow[400]!).toBeLessThanOrEqual(line.mean[400]!);
    expect(doc.series!.lines.map((l) => l.name)).toEqual(expect.arrayContaining(['beds.inUse[north/ortho]', 'queue.length[south/ortho]', 'list.size[south-ortho]']));
  });
});
