// The example extract shipped in the repository (validation/examples/admissions.csv): made
// by its generator, its mess counted exactly, its families and parameters recovered, and
// the scenario written from it accepted by the scenario language as `check` reads it.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fitExtract, wilson, type FitReport } from '../../../scenarios/fit/fit.ts';
import { fitStays } from '../../../scenarios/fit/stay-fit.ts';
import { parseCsv } from '../../../scenarios/fit/csv.ts';
import { parseTimestamp, readStays } from '../../../scenarios/fit/stays.ts';
import { scenarioText } from '../../../scenarios/fit/scenario-text.ts';
import { loadScenarioText } from '../../../scenarios/load.ts';
import { checkCost } from '../../../scenarios/cost/check.ts';
import { defaultCostLimits } from '../../../scenarios/cost/limits.ts';
import { EXAMPLE_PATH, syntheticExtract, TRUTH } from '../../../validation/fit-example.ts';

const text = readFileSync(EXAMPLE_PATH, 'utf8');
const fitted = (options = {}): FitReport => { const r = fitExtract(text, options); if (!r.ok) throw new Error(r.message); return r.value; };

describe('the example extract', () => {
  test('is what its generator makes (regenerate: npx tsx validation/fit-example.ts)', () => {
    expect(text).toBe(syntheticExtract());
  });

  test('every kind of mess it holds is counted exactly (counted here independently, line by line)', () => {
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const arrival = (r: string[]) => parseTimestamp(r[2]);
    const expected = {
      'missing-arrival': rows.filter((r) => r[2] === '').length,
      'bad-arrival': rows.filter((r) => r[2] !== '' && arrival(r) === undefined).length,
      'negative': rows.filter((r) => arrival(r) !== undefined && r[3] !== '' && parseTimestamp(r[3])! < arrival(r)!).length,
      'zero': rows.filter((r) => arrival(r) !== undefined && r[3] === r[2]).length,
      'censored': rows.filter((r) => arrival(r) !== undefined && r[3] === '').length,
    };
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const r = fitted();
    expect(Object.fromEntries(Object.entries(r.data.problems).map(([k, p]) => [k, p.count]))).toEqual(expected);
    expect(r.data.rows).toBe(rows.length);
  });

  test('the ranking picks each class\'s true family: lognormal for medical, gamma for surgical', () => {
    const r = fitted();
    expect(r.classes.map((c) => [c.id, c.stays!.ranked[0].family, c.unit])).toEqual([['medical', 'lognormal', 'days'], ['surgical', 'gamma', 'days']]);
  });

  test('stays that began 60 days or more before the extract (so nearly all have ended): the true mean and sd in the 95% intervals', () => {
    const t = parseCsv(text);
    const read = t.ok ? readStays(t.value, {}, '2025-01-01 00:00') : undefined;
    if (!read?.ok) throw new Error('unreadable');
    for (const truth of TRUTH) {
      const early = read.value.stays.filter((s) => s.class === truth.id && s.arrival < read.value.extract - 60 * 24);
      const f = fitStays(early.flatMap((s) => (s.hours !== undefined ? [s.hours / 24] : []))).ranked.find((g) => g.family === truth.stay.dist)!;
      expect(f.mean.low).toBeLessThan(truth.stay.mean);
      expect(f.mean.high).toBeGreaterThan(truth.stay.mean);
      if (truth.stay.dist === 'lognormal') {
        const sigma = Math.sqrt(Math.log1p((truth.stay.sd / truth.stay.mean) ** 2));
        expect(f.params.sigma.low).toBeLessThan(sigma);
        expect(f.params.sigma.high).toBeGreaterThan(sigma);
      } else {
        const shape = (truth.stay.mean / truth.stay.sd) ** 2;
        expect(f.params.shape.low).toBeLessThan(shape);
        expect(f.params.shape.high).toBeGreaterThan(shape);
      }
    }
  });

  test('routing: each true destination share lies in its Wilson 95% interval; the branch written sums to 1 exactly', () => {
    const r = fitted();
    for (const truth of TRUTH) {
      const routing = r.classes.find((c) => c.id === truth.id)!.routing!;
      expect(routing.destinations.map((d) => d.id).sort()).toEqual(Object.keys(truth.destinations).sort());
      for (const d of routing.destinations) {
        expect(d.low).toBeLessThan(truth.destinations[d.id]);
        expect(d.high).toBeGreaterThan(truth.destinations[d.id]);
      }
    }
    const s = loadScenarioText(scenarioText(r, 'admissions.csv'), 'yaml');
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const leave = s.value.pathways.medical.find((x) => x.id === 'leave') as { options: { to: string; probability: number }[] };
    expect(leave.options.map((o) => o.to)).toEqual(['to-home', 'to-care-home', 'to-died']);
    expect(leave.options.reduce((a, o) => a + o.probability, 0)).toBeCloseTo(1, 12);
  });

  test('Wilson\'s interval: the textbook example (Newcombe 1998: 81 of 263, 0.2553–0.3662) and its ends at 0 and n', () => {
    const [a, b] = wilson(81, 263);
    expect(a).toBeCloseTo(0.2553, 4);
    expect(b).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBeCloseTo(1, 12);
  });

  test.each(['lognormal', 'gamma', 'weibull', 'exponential', 'empirical'] as const)('the scenario written (%s) is a valid scenario within the limits, a season by month only where months differ', (family) => {
    const yaml = scenarioText(fitted({ family }), 'admissions.csv');
    const s = loadScenarioText(yaml, 'yaml');
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    const cost = checkCost(s.value, defaultCostLimits);
    expect([...cost.issues, ...cost.warnings, ...cost.overloads]).toEqual([]);
    expect(s.value.classes.map((c) => [c.id, c.arrivals?.season])).toEqual([['medical', 'medical-demand'], ['surgical', undefined]]);
    expect(s.value.pathways.medical[1]).toMatchObject({ do: 'stay', duration: { dist: family, unit: 'days' } });
    expect(yaml).toContain('# Fitted by `pathflow fit admissions.csv`: 6,916 rows; arrivals 2024-01-01 00:00 to 2024-12-31 23:21 (366 days)');
  });
});

describe('odd classes', () => {
  const stays = (cls: string, n: number, hours: (i: number) => number) => Array.from({ length: n }, (_, i) => {
    const a = Date.UTC(2024, 0, 1 + (i % 28), i % 24);
    const t = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    return `${cls},${t(a)},${t(a + hours(i) * 3_600_000)}`;
  });

  test('a class named by digits or a YAML word keeps its name as a string; one with one length of stay is left out, said', () => {
    const text = ['class,arrival,departure', ...stays('123', 40, (i) => 1 + (i % 7)), ...stays('Null', 40, (i) => 2 + (i % 5)), ...stays('day case', 40, () => 6)].join('\n');
    const r = fitExtract(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.warnings).toContain('class "day-case": its 40 complete stays have fewer than 3 different lengths: no family can be fitted, and it is left out of the scenario');
    const s = loadScenarioText(scenarioText(r.value, 'odd.csv'), 'yaml');
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    expect(s.value.classes.map((c) => [c.id, c.pathway])).toEqual([['123', '123'], ['null', 'null']]);
  });
});
