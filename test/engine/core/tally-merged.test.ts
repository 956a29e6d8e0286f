// Tally.merged pools tallies as if every observation had been added to one: the whole-system
// time in system (time.*[all]) is the classes' tallies merged.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Tally } from '../../../engine/core/stats.ts';

const tallyOf = (xs: readonly number[]) => { const t = new Tally(); for (const x of xs) t.add(x); return t; };

describe('Tally.merged', () => {
  test('count, sum, extremes and every quantile equal those of one tally of all the observations; mean and variance to rounding', () => {
    const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
    fc.assert(fc.property(fc.array(fc.array(value, { maxLength: 60 }), { minLength: 1, maxLength: 5 }), (parts) => {
      const merged = Tally.merged(parts.map(tallyOf)).summary();
      const whole = tallyOf(parts.flat()).summary();
      expect(merged.count).toBe(whole.count);
      for (const k of ['min', 'max', 'p50', 'p90', 'p95', 'p99'] as const) expect(merged[k]).toBe(whole[k]);
      if (whole.count > 0) expect(merged.mean).toBeCloseTo(whole.mean, 6);
      if (whole.count > 1) expect(Math.abs(merged.sd - whole.sd)).toBeLessThanOrEqual(1e-6 * Math.max(1, whole.sd));
    }), { numRuns: 200 });
  });

  test('nothing to merge: an empty tally', () => {
    const s = Tally.merged([new Tally(), new Tally()]).summary();
    expect(s.count).toBe(0);
    expect(s.mean).toBeNaN();
  });
});
