// A rate or duration multiplied by a factor over absolute time (engine/core/time-factor.ts):
// the compiled pieces, arrivals by thinning against the integral of rate × factor (an
// interval over replications, never one run), growth compounding, durations scaled by
// the factor when they start (exact times), and a factor of 1 that changes nothing.
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic, exponential } from '../../../engine/core/distributions.ts';
import { piecewiseRate, type SourceDef } from '../../../engine/core/arrivals.ts';
import { compileTimeFactor, factorAt, type TimeFactor } from '../../../engine/core/time-factor.ts';
import { estimate } from '../../../engine/experiment/summary.ts';
import { exp } from '../../../engine/core/math.ts';

/** Arrivals counted in each window [edges[i], edges[i+1]), one row per replication. */
function countsByWindow(source: SourceDef, edges: number[], replications: number): number[][] {
  const model = new Model().pathway('p', [exit()]).source('s', source).compile();
  const rows: number[][] = [];
  for (let r = 0; r < replications; r++) {
    const sim = new Simulation(model, { seed: 7, replication: r, horizon: edges[edges.length - 1] });
    const counts = new Array<number>(edges.length - 1).fill(0);
    sim.observe((e) => {
      if (e.type !== 'arrive') return;
      const w = edges.findIndex((x, i) => i + 1 < edges.length && e.time >= x && e.time < edges[i + 1]);
      if (w >= 0) counts[w]++;
    });
    sim.run();
    rows.push(counts);
  }
  return rows;
}

/**
 * The interval of the mean count in each window covers its expected value: 99% for each
 * window, so that a test's few windows together hold at about 95% (Bonferroni).
 */
function expectCovers(rows: number[][], expected: number[]): void {
  expected.forEach((x, w) => {
    const e = estimate(rows.map((r) => r[w]), 0.99);
    expect(e.lower <= x && x <= e.upper, `window ${w}: expected ${x}, interval [${e.lower.toFixed(2)}, ${e.upper.toFixed(2)}]`).toBe(true);
  });
}

describe('compiling a time factor', () => {
  test('equal neighbouring pieces merge; 1 everywhere is no factor at all', () => {
    const f = compileTimeFactor({ breaks: [10, 20, 30], factors: [1, 2, 2, 1] }, 'f')!;
    expect([...f.breaks]).toEqual([10, 30]);
    expect([...f.factors]).toEqual([1, 2, 1]);
    expect(compileTimeFactor({ breaks: [10, 20], factors: [1, 1, 1] }, 'f')).toBeNull();
    expect(compileTimeFactor({ breaks: [], factors: [1], growth: 0 }, 'f')).toBeNull();
    expect(compileTimeFactor({ breaks: [], factors: [1], growth: 1e-6 }, 'f')).not.toBeNull();
  });

  test('the factor at a time: the piece it is in (a break belongs to the piece it opens), times the growth', () => {
    const f = compileTimeFactor({ breaks: [10, 20], factors: [0.5, 2, 3] }, 'f')!;
    expect([0, 9.99, 10, 19.99, 20, 1e9].map((t) => factorAt(f, t))).toEqual([0.5, 0.5, 2, 2, 3, 3]);
    const g = compileTimeFactor({ breaks: [10], factors: [1, 2], growth: 0.01 }, 'g')!;
    expect(factorAt(g, 5)).toBe(exp(0.05));
    expect(factorAt(g, 50)).toBe(2 * exp(0.5));
  });

  test('mistakes name the field', () => {
    const err = (f: unknown) => { try { compileTimeFactor(f as TimeFactor, 'sources.s.rateFactor'); return 'ok'; } catch (e) { return (e as Error).message; } };
    expect(err({ breaks: [10], factors: [1] })).toMatchInlineSnapshot(`"sources.s.rateFactor.factors: expected 2 factors (one more than breaks), got 1"`);
    expect(err({ breaks: [10, 10], factors: [1, 2, 3] })).toMatchInlineSnapshot(`"sources.s.rateFactor.breaks[1]: breaks must be strictly increasing, got 10 after 10"`);
    expect(err({ breaks: [10], factors: [1, -2] })).toMatchInlineSnapshot(`"sources.s.rateFactor.factors[1]: expected a finite factor ≥ 0, got -2"`);
    expect(err({ breaks: [], factors: [1], growth: Infinity })).toMatchInlineSnapshot(`"sources.s.rateFactor.growth: expected a finite rate per hour, got Infinity"`);
    const model = new Model().pathway('p', [exit()]).source('s', { pathway: 'p', interarrival: deterministic(2), rateFactor: { breaks: [], factors: [2] } });
    expect(() => model.compile()).toThrowErrorMatchingInlineSnapshot(`[ModelError: sources.s.rateFactor: a rate factor applies to Poisson arrivals only (rate, profile or an exponential interarrival)]`);
  });
});

describe('arrivals under a rate factor', () => {
  test('a constant rate: the mean count in each piece is rate × factor × length (99% interval per piece over 40 replications); none where the factor is 0', () => {
    const rows = countsByWindow({ pathway: 'p', rate: 2, rateFactor: { breaks: [100, 200, 250], factors: [1, 3, 0, 0.5] } }, [0, 100, 200, 250, 300], 40);
    expectCovers(rows, [200, 600, 0, 50]);
    expect(rows.every((r) => r[2] === 0)).toBe(true);
  });

  test('a daily profile times the factor: the count in each piece is the integral of rate × factor', () => {
    // 1 an hour at night (00-12), 3 by day (12-24): 48 a day; the factor 1.15 from day 10 to day 20, 0.7 on day 20.
    const rates = [...Array(12).fill(1), ...Array(12).fill(3)];
    const rows = countsByWindow({ pathway: 'p', profile: piecewiseRate(rates), rateFactor: { breaks: [240, 480, 504], factors: [1, 1.15, 0.7, 1] } },
      [0, 240, 480, 504, 720], 40);
    expectCovers(rows, [480, 48 * 10 * 1.15, 48 * 0.7, 48 * 9]);
  });

  test('growth compounds: with rate 1 and growth g per hour, the count over [a, b) is (e^{gb} − e^{ga}) / g', () => {
    const g = Math.log(2) / 500; // doubles every 500 hours
    const edges = [0, 500, 1000, 1500];
    const rows = countsByWindow({ pathway: 'p', rate: 1, rateFactor: { breaks: [], factors: [1], growth: g } }, edges, 40);
    expectCovers(rows, [0, 1, 2].map((i) => (Math.exp(g * edges[i + 1]) - Math.exp(g * edges[i])) / g));
  });

  test('a falling rate with a step: the count is the integral piece by piece', () => {
    const g = -Math.log(2) / 400;
    const integral = (a: number, b: number, x: number) => (x * (Math.exp(g * b) - Math.exp(g * a))) / g;
    const rows = countsByWindow({ pathway: 'p', rate: 4, rateFactor: { breaks: [300], factors: [1, 2], growth: g } }, [0, 300, 800], 40);
    expectCovers(rows, [4 * integral(0, 300, 1), 4 * integral(300, 800, 2)]);
  });

  test('a rate falling for ever: a run without a horizon ends, with 1/|g| arrivals on average (the integral to infinity)', () => {
    const model = new Model().pathway('p', [exit()]).source('s', { pathway: 'p', rate: 1, rateFactor: { breaks: [], factors: [1], growth: -0.1 } }).compile();
    const counts = Array.from({ length: 200 }, (_, r) => {
      const sim = new Simulation(model, { seed: 3, replication: r });
      let n = 0;
      sim.observe((e) => { if (e.type === 'arrive') n++; });
      sim.run();
      return n;
    });
    const e = estimate(counts);
    expect(e.lower <= 10 && 10 <= e.upper, `mean ${e.mean} ± ${e.halfWidth}`).toBe(true);
  });

  test('a run ten doublings long: the count is still the integral', () => {
    // 1 an hour doubling every 100 hours for 1,000 hours: about 147,000 arrivals, the last hours at 1,024 an hour.
    const g = Math.log(2) / 100;
    const rows = countsByWindow({ pathway: 'p', rate: 1, rateFactor: { breaks: [], factors: [1], growth: g } }, [0, 1000], 5);
    expectCovers(rows, [(Math.exp(g * 1000) - 1) / g]);
  });
});

describe('durations under a factor', () => {
  test('a deterministic 10 h delay is 10 h before t = 5 and 20 h from it: the factor when the delay starts', () => {
    const model = new Model()
      .pool('bed', { capacity: 10 })
      .pathway('p', [seize('bed'), delay(deterministic(10), { durationFactor: { breaks: [5, 30], factors: [1, 2, 0.5] } }), release('bed'), exit()])
      .source('s', { pathway: 'p', times: [0, 4.5, 5, 6, 30] });
    const sim = new Simulation(model.compile(), { seed: 1, horizon: 100 });
    const out: string[] = [];
    sim.observe((e) => { if (e.type === 'exit') out.push(`${e.time} ${e.entity}`); });
    sim.run();
    // Arrivals at 0 and 4.5: 10 h; at 5 and 6: 20 h; at 30: 5 h.
    expect(out).toEqual(['10 1', '14.5 2', '25 3', '26 4', '35 5']);
  });
});

describe('a factor of 1 changes nothing', () => {
  test('property: with factors of 1 at any breaks, a model runs exactly as without them (every event at the same time)', () => {
    const eventLog = (withFactor: boolean, breaks: number[], seed: number) => {
      const ones: TimeFactor = { breaks, factors: breaks.map(() => 1).concat(1) };
      const extra = withFactor ? { durationFactor: ones } : {};
      const model = new Model()
        .pool('bed', { capacity: 3 })
        .pathway('p', [seize('bed'), delay(exponential(2), extra), release('bed'), exit()])
        .source('a', { pathway: 'p', rate: 1, ...(withFactor ? { rateFactor: ones } : {}) })
        .source('b', { pathway: 'p', profile: piecewiseRate([0.5, 2, 1]), ...(withFactor ? { rateFactor: ones } : {}) });
      const sim = new Simulation(model.compile(), { seed, horizon: 200 });
      const log: string[] = [];
      sim.observe((e) => log.push(`${e.time} ${e.type} ${e.entity}`));
      sim.run();
      return log;
    };
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 1, max: 199 }), { maxLength: 6 }).map((xs) => xs.sort((a, b) => a - b)),
      fc.integer({ min: 0, max: 1000 }),
      (breaks, seed) => { expect(eventLog(true, breaks, seed)).toEqual(eventLog(false, breaks, seed)); },
    ), { numRuns: 20 });
  });
});
