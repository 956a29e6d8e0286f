import { describe, expect, test } from 'vitest';
import { stream } from '../../../engine/core/random.ts';
import { CycleProfile, Level, Tally, TALLY_QUANTILE_ACCURACY } from '../../../engine/core/stats.ts';

/** Lognormal(mu, sigma) by Box-Muller: long right tail, like lengths of stay. */
function lognormals(n: number, mu: number, sigma: number, name: string): number[] {
  const rng = stream(1, 0, name);
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    xs.push(Math.exp(mu + sigma * z));
  }
  return xs;
}

/** Nearest-rank quantile (Hyndman & Fan type 1): the ceil(q n)-th smallest, the smallest for q = 0. */
function exactQuantile(sorted: readonly number[], q: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length - 1e-9)));
  return sorted[rank - 1];
}

const QS = [0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function expectQuantilesWithinAccuracy(tally: Tally, xs: readonly number[]): void {
  const sorted = [...xs].sort((a, b) => a - b);
  for (const q of QS) {
    const exact = exactQuantile(sorted, q);
    const tolerance = TALLY_QUANTILE_ACCURACY * exact * (1 + 1e-9); // 1e-9: rounding in log/exp
    expect(Math.abs(tally.quantile(q) - exact), `q = ${q}`).toBeLessThanOrEqual(tolerance);
  }
}

describe('Tally', () => {
  test('mean and variance match a two-pass computation to 1e-12 relative', () => {
    // Offset data (1e4 + noise) is where a naive sum of squares loses digits; Welford does not.
    for (const [offset, name] of [[0, 'a'], [1e4, 'b']] as const) {
      const xs = lognormals(10_000, 0.5, 1, `mv-${name}`).map((x) => x + offset);
      const tally = new Tally();
      for (const x of xs) tally.add(x);
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
      expect(tally.count).toBe(xs.length);
      expect(Math.abs(tally.mean - mean) / mean).toBeLessThan(1e-12);
      expect(Math.abs(tally.variance - variance) / variance).toBeLessThan(1e-12);
      expect(tally.min).toBe(Math.min(...xs));
      expect(tally.max).toBe(Math.max(...xs));
    }
  });

  test('quantiles are within 0.5% of exact nearest-rank quantiles on lognormal data', () => {
    const xs = lognormals(100_000, 1, 1.5, 'q');
    const tally = new Tally();
    for (const x of xs) tally.add(x);
    expectQuantilesWithinAccuracy(tally, xs);
  });

  test('quantiles stay within 0.5% across the whole sketch range [1e-6, 1e7]', () => {
    const rng = stream(1, 0, 'wide');
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) xs.push(1e-6 * 1e13 ** rng()); // log-uniform over 13 decades
    xs.push(1e-6, 1e7);
    const tally = new Tally();
    for (const x of xs) tally.add(x);
    expectQuantilesWithinAccuracy(tally, xs);
  });

  test('zeros and negatives answer 0 from the zero bucket; min and max bound every answer', () => {
    const tally = new Tally();
    for (const x of [0, 0, 0, -1, 5, 7]) tally.add(x);
    expect(tally.quantile(0)).toBe(-1); // rank 1: min
    expect(tally.quantile(0.5)).toBe(0); // 3rd smallest is 0
    expect(tally.quantile(0.6)).toBe(0);
    expect(Math.abs(tally.quantile(5 / 6) - 5)).toBeLessThanOrEqual(5 * TALLY_QUANTILE_ACCURACY);
    expect(tally.quantile(1)).toBe(7);
    expect(tally.mean).toBeCloseTo(11 / 6, 14); // negatives still count in the mean
    expect(tally.sum).toBe(11);
    const single = new Tally();
    single.add(3.7);
    expect(single.quantile(0.5)).toBe(3.7);
    expect(single.variance).toBeNaN();
  });

  test('values above the range fall in the top bucket; the extreme ranks are exact', () => {
    const tally = new Tally();
    for (const x of [1, 5e7, 6e7]) tally.add(x);
    expect(tally.quantile(1)).toBe(6e7); // rank n: max
    expect(tally.quantile(0)).toBe(1); // rank 1: min
    // 5e7 is beyond the sketch: it answers the top bucket, about 1e7.
    expect(Math.abs(tally.quantile(0.5) - 1e7)).toBeLessThanOrEqual(1e7 * TALLY_QUANTILE_ACCURACY);
  });

  test('reset forgets everything and the tally fills again', () => {
    const tally = new Tally();
    for (const x of [100, 200, 300]) tally.add(x);
    tally.reset();
    expect(tally.summary()).toEqual(new Tally().summary());
    for (const x of [1, 2, 3, 4]) tally.add(x);
    expect(tally.count).toBe(4);
    expect(tally.sum).toBe(10);
    expect(tally.mean).toBe(2.5);
    expect(tally.variance).toBeCloseTo(5 / 3, 14);
    expect(tally.min).toBe(1);
    expect(tally.max).toBe(4);
    expect(Math.abs(tally.quantile(1) - 4)).toBeLessThanOrEqual(4 * TALLY_QUANTILE_ACCURACY);
    expect(Math.abs(tally.quantile(0.5) - 2)).toBeLessThanOrEqual(2 * TALLY_QUANTILE_ACCURACY);
  });

  test('an empty tally summarises to NaN rather than throwing', () => {
    const summary = new Tally().summary();
    expect(summary).toEqual({
      count: 0, mean: NaN, sd: NaN, min: NaN, max: NaN, p50: NaN, p90: NaN, p95: NaN, p99: NaN,
    });
  });

  test('summary is a plain JSON object', () => {
    const tally = new Tally();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) tally.add(x);
    const summary = tally.summary();
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summary.mean).toBe(5);
    expect(summary.sd).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(summary.min).toBe(2);
    expect(summary.max).toBe(9);
  });

  test('a quantile outside [0, 1] is an error', () => {
    expect(() => new Tally().quantile(1.5)).toThrowErrorMatchingInlineSnapshot(`[Error: Tally.quantile: expected q in [0, 1], got 1.5]`);
  });
});

describe('Level', () => {
  // 0 on [0, 2), 3 on [2, 5), 1 on [5, 10]: area 14, area of squares 9*3 + 1*5 = 32.
  function example(histogram = false): Level {
    const level = new Level(0, 0, histogram);
    level.set(2, 3);
    level.add(5, -2);
    return level;
  }

  test('time-weighted mean and variance of a hand-worked path', () => {
    const level = example();
    expect(level.mean(10)).toBe(1.4);
    expect(level.variance(10)).toBe(32 / 10 - 1.4 * 1.4);
    expect(level.variance(10)).toBeCloseTo(1.24, 14);
    expect(level.max).toBe(3);
    expect(level.value).toBe(1);
    // Asked mid-segment, the value in force counts up to the query time: 0 for 2 h, 3 for 2 h.
    const open = new Level(0, 0);
    open.set(2, 3);
    expect(open.mean(4)).toBe(1.5);
    expect(open.variance(4)).toBe(2.25);
  });

  test('an empty window gives the current value and zero variance', () => {
    const level = new Level(7, 4);
    expect(level.mean(7)).toBe(4);
    expect(level.variance(7)).toBe(0);
    expect(level.summary(7)).toEqual({ mean: 4, variance: 0, max: 4 });
  });

  test('reset at the end of warm-up discards earlier time and keeps the current value', () => {
    const level = example();
    const warm = new Level(0, 0);
    warm.set(2, 3);
    warm.reset(4); // value 3 stays in force from t=4
    warm.add(5, -2);
    // Window [4, 10]: 3 for 1 h, 1 for 5 h.
    expect(warm.mean(10)).toBe(8 / 6);
    expect(warm.variance(10)).toBe(14 / 6 - (8 / 6) * (8 / 6));
    expect(warm.max).toBe(3);
    level.reset(6);
    expect(level.mean(10)).toBe(1);
    expect(level.variance(10)).toBe(0);
    expect(level.max).toBe(1);
  });

  test('histogram fractions and quantiles on the hand-worked path', () => {
    const level = example(true);
    // Time at 0: 2, at 1: 5, at 3: 3 (of 10).
    expect(level.fractionAt(10, 0)).toBe(0.2);
    expect(level.fractionAt(10, 1)).toBe(0.5);
    expect(level.fractionAt(10, 2)).toBe(0);
    expect(level.fractionAt(10, 3)).toBe(0.3);
    expect(level.fractionAt(10, 99)).toBe(0);
    expect(level.fractionAtLeast(10, 0)).toBe(1);
    expect(level.fractionAtLeast(10, 1)).toBe(0.8);
    expect(level.fractionAtLeast(10, 2)).toBe(0.3);
    expect(level.fractionAtLeast(10, 1.5)).toBe(0.3);
    expect(level.fractionAtLeast(10, 4)).toBe(0);
    // Cumulative: <=0: 0.2, <=1: 0.7, <=2: 0.7, <=3: 1.
    expect(level.quantile(10, 0.1)).toBe(0);
    expect(level.quantile(10, 0.2)).toBe(0);
    expect(level.quantile(10, 0.5)).toBe(1);
    expect(level.quantile(10, 0.7)).toBe(1);
    expect(level.quantile(10, 0.71)).toBe(3);
    expect(level.quantile(10, 1)).toBe(3);
    expect(level.summary(10)).toEqual({ mean: 1.4, variance: 32 / 10 - 1.4 * 1.4, max: 3, p50: 1, p90: 3, p95: 3 });
  });

  test('histogram reset and the open segment up to the query time', () => {
    const level = example(true);
    level.reset(8);
    // Window [8, 12]: level 1 throughout, its time still open (not yet closed by a set).
    expect(level.fractionAt(12, 1)).toBe(1);
    expect(level.fractionAt(12, 3)).toBe(0);
    expect(level.quantile(12, 0.99)).toBe(1);
  });

  test('the histogram grows past its initial size and keeps earlier times', () => {
    const level = new Level(0, 2, true);
    level.set(1, 1000); // far past the initial 64 slots
    level.set(3, 70);
    level.set(4, 2);
    expect(level.fractionAt(10, 2)).toBe(0.7);
    expect(level.fractionAt(10, 1000)).toBe(0.2);
    expect(level.fractionAt(10, 70)).toBe(0.1);
    expect(level.fractionAtLeast(10, 71)).toBe(0.2);
    expect(level.quantile(10, 0.75)).toBe(70);
    expect(level.quantile(10, 0.95)).toBe(1000);
    expect(level.max).toBe(1000);
  });

  test('non-integer values are filed under their floor', () => {
    const level = new Level(0, 2.5, true);
    level.set(1, 0.25);
    expect(level.fractionAt(2, 2)).toBe(0.5);
    expect(level.fractionAt(2, 0)).toBe(0.5);
  });

  test('integrate closes the elapsed interval with the value reported for it', () => {
    // The owner reports the count held since its last report: 0 over [0, 2), 3 over [2, 5), 1 over [5, 10].
    const level = new Level(0, 0, true);
    level.integrate(2, 0);
    level.integrate(5, 3);
    level.integrate(10, 1);
    const reference = example(true);
    expect(level.mean(10)).toBe(reference.mean(10));
    expect(level.variance(10)).toBe(reference.variance(10));
    expect(level.summary(10)).toEqual(reference.summary(10));
    expect(level.value).toBe(1);
    // The last value stays in force: [10, 20) at 1.
    expect(level.mean(20)).toBe(24 / 20);
    level.integrate(12, 200); // grows the histogram
    expect(level.fractionAt(12, 200)).toBe(2 / 12);
    expect(level.max).toBe(200);
  });

  test('histogram methods without a histogram are an error', () => {
    const level = example();
    expect(() => level.fractionAt(10, 1)).toThrowErrorMatchingInlineSnapshot(`[Error: Level.fractionAt: this level keeps no histogram (construct it with new Level(time, value, true))]`);
    expect(() => level.quantile(10, 0.5)).toThrowErrorMatchingInlineSnapshot(`[Error: Level.quantile: this level keeps no histogram (construct it with new Level(time, value, true))]`);
    expect(() => example(true).quantile(10, -0.1)).toThrowErrorMatchingInlineSnapshot(`[Error: Level.quantile: expected q in [0, 1], got -0.1]`);
  });
});

describe('CycleProfile', () => {
  test('an interval across several bins and a cycle boundary is split exactly', () => {
    const profile = new CycleProfile(24, 4, 0); // bins [0,6) [6,12) [12,18) [18,24)
    profile.accumulate(5, 30, 2); // [5,6) 1 h, [6,12) 6 h, [12,18) 6 h, [18,24) 6 h, [24,30) 6 h
    profile.accumulate(30, 31, 10); // bin 1 of the second cycle, 1 h
    expect(profile.binMeans()).toEqual([(1 * 2 + 6 * 2) / 7, (6 * 2 + 1 * 10) / 7, 2, 2]);
  });

  test('many whole cycles at once equal the same interval in pieces', () => {
    const whole = new CycleProfile(24, 24, 0);
    const pieces = new CycleProfile(24, 24, 0);
    whole.accumulate(7.5, 7.5 + 24 * 40 + 3, 3);
    for (let t = 7.5; t < 7.5 + 24 * 40 + 3; t += 0.5) pieces.accumulate(t, t + 0.5, 3);
    expect(whole.binMeans()).toEqual(pieces.binMeans());
    expect(whole.binMeans()).toEqual(new Array(24).fill(3));
    const areaWeighted = new CycleProfile(24, 2, 0);
    areaWeighted.accumulate(0, 48, 1);
    areaWeighted.accumulate(48, 60, 4); // third cycle: first half at 4
    expect(areaWeighted.binMeans()).toEqual([(24 + 48) / 36, 1]);
  });

  test('time before the start (warm-up) is ignored; never-covered bins are NaN', () => {
    const profile = new CycleProfile(24, 4, 100); // 100 = day 4, 04:00
    profile.accumulate(90, 103, 5); // only [100, 103) counts: 04:00-06:00 in bin 0, 06:00-07:00 in bin 1
    profile.sample(99, 8); // warm-up: ignored
    expect(profile.binMeans()).toEqual([5, 5, NaN, NaN]);
    expect(profile.sampleMeans()).toEqual([NaN, NaN, NaN, NaN]);
  });

  test('point samples average per bin of time mod period', () => {
    const profile = new CycleProfile(24, 24, 0);
    profile.sample(14, 30);
    profile.sample(24 + 14.5, 34);
    profile.sample(48 + 14, 35);
    profile.sample(9, 3);
    const means = profile.sampleMeans();
    expect(means[14]).toBe(33);
    expect(means[9]).toBe(3);
    expect(means[0]).toBeNaN();
    const variances = profile.sampleVariances();
    expect(variances[14]).toBe(7); // (9 + 1 + 4) / 2
    expect(variances[9]).toBeNaN();
  });

  test('a bad period or bin count is an error', () => {
    expect(() => new CycleProfile(0, 24, 0)).toThrowErrorMatchingInlineSnapshot(`[Error: CycleProfile: expected a finite period > 0, got 0]`);
    expect(() => new CycleProfile(24, 2.5, 0)).toThrowErrorMatchingInlineSnapshot(`[Error: CycleProfile: expected an integer number of bins >= 1, got 2.5]`);
  });
});
