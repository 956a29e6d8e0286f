// The time above 85% / 95% occupancy (occupancy.above85, .above95; replication.ts) is over
// the beds open at each moment, not the beds a ward starts with: a ward cut from 20 beds to
// 10 as the window opens gives what a ward of 10 beds gives; the threshold (strictly more
// than the share, anyone present when no bed is open) on distributions worked out by hand;
// the census by beds open is kept only when a KPI needs it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../../scenarios/schema/scenario.ts';
import { formatIssues } from '../../../scenarios/errors.ts';
import { compileScenario, type HospitalModel } from '../../../scenarios/compile/compile.ts';
import { runReplication } from '../../../runner/replicate.ts';
import { estimateKpi, compareKpi } from '../../../runner/summary.ts';
import { timeAbove } from '../../../scenarios/kpis/replication.ts';

function compiled(name: string, edit: (s: any) => void = () => {}): HospitalModel {
  const doc = parseYaml(readFileSync(new URL(`../../fixtures/${name}.yaml`, import.meta.url), 'utf8'));
  edit(doc);
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(formatIssues(parsed.issues));
  const c = compileScenario(parsed.value);
  if (!c.ok) throw new Error(formatIssues(c.issues));
  return c.value;
}

/** Each KPI over the fixture's 10 replications (seed 1, as `pathflow run` does). */
function replications(name: string): Record<string, number[]> {
  const h = compiled(name);
  const runs: Record<string, number[]> = {};
  for (let k = 0; k < 10; k++) for (const [kpi, v] of Object.entries(runReplication(h, 1, k))) (runs[kpi] ??= []).push(v);
  return runs;
}

describe('a ward cut from 20 beds to 10 as the window opens, against a ward of 10 beds', () => {
  const closure = replications('bed-closure'), ten = replications('bed-ten');

  test.each(['occupancy.above85[dgh/ward]', 'occupancy.above95[dgh/ward]'])('%s: each mean within the other\'s 95 per cent interval, and their paired difference\'s covers 0', (kpi) => {
    const a = estimateKpi(kpi, closure[kpi]), b = estimateKpi(kpi, ten[kpi]);
    expect(a.mean!).toBeGreaterThan(b.ciLow!);
    expect(a.mean!).toBeLessThan(b.ciHigh!);
    expect(b.mean!).toBeGreaterThan(a.ciLow!);
    expect(b.mean!).toBeLessThan(a.ciHigh!);
    // Same stream names, same seed: common random numbers, so the two runs differ only by
    // the few patients in beds 11-20 as the window opens.
    const d = compareKpi(kpi, ten[kpi], closure[kpi]);
    expect(d.ciLow!).toBeLessThanOrEqual(0);
    expect(d.ciHigh!).toBeGreaterThanOrEqual(0);
    // Over the 20 starting beds these were 0.036 and 0.019 (against 0.463 and 0.360): far out.
    expect(Math.abs(d.mean!)).toBeLessThan(0.02);
  });

  test('the wards behave alike: the same waits and occupancy', () => {
    for (const kpi of ['wait.mean[dgh/ward]', 'occupancy.mean[dgh/ward]']) {
      const d = compareKpi(kpi, ten[kpi], closure[kpi]);
      expect(d.ciLow!).toBeLessThanOrEqual(0);
      expect(d.ciHigh!).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the share of time above a share of the beds open, on distributions worked out by hand', () => {
  test('more than the share, strictly: of 20 beds, 85% is 17, so 18 present or more count', () => {
    const d = new Array(21).fill(0);
    d[17] = 0.5; d[18] = 0.25; d[20] = 0.25;
    expect(timeAbove([{ capacity: 20, distribution: d }], 0.85)).toBe(0.5);
    // 95% of 20 is 19: only 20 present counts.
    expect(timeAbove([{ capacity: 20, distribution: d }], 0.95)).toBe(0.25);
  });

  test('each part of the window against the beds open then; no bed open: anyone present counts', () => {
    const byBeds = [
      { capacity: 0, distribution: [0.1, 0.05] }, // nobody present: not above; one waiting: above
      { capacity: 10, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.2, 0.1] }, // 85% of 10 is 8.5: 9 and 10 count
      { capacity: 20, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.35, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.1] }, // 19 of 20: above 85%, not 95%
    ];
    expect(timeAbove(byBeds, 0.85)).toBeCloseTo(0.05 + 0.3 + 0.1, 15);
    expect(timeAbove(byBeds, 0.95)).toBeCloseTo(0.05 + 0.1, 15); // 95% of 10 is 9.5: 10 counts
  });
});

describe('the census by beds open is kept when a KPI needs it', () => {
  const flagged = (kpis?: string[]) => compiled('bed-closure', (s) => { if (kpis) s.kpis = kpis; }).model.pools.find((p) => p.id === 'dgh/ward')!.presentByCapacity === true;

  test('every KPI, or occupancy.above85 or .above95 named: kept; kpis without them: not', () => {
    expect(flagged()).toBe(true);
    expect(flagged(['occupancy.above95'])).toBe(true);
    expect(flagged(['wait.mean', 'occupancy.above85'])).toBe(true);
    expect(flagged(['wait.mean', 'occupancy.mean'])).toBe(false);
  });
});
