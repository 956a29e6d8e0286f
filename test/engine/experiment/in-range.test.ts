// Intervals kept within what a measure can be, marked where they should not be trusted.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { estimate } from '../../../engine/experiment/summary.ts';
import { differenceRange, estimateInRange, skewness } from '../../../engine/experiment/in-range.ts';

const SHARE = [0, 1] as const;
const COUNT = [0, Infinity] as const;

describe('estimateInRange', () => {
  test('a share whose t-interval crosses 1 is cut to [.., 1] and marked with the interval it had', () => {
    // Shares within 4 hours in 6 replications, three at 1.
    const xs = [1, 1, 1, 0.7, 0.9, 0.95];
    const t = estimate(xs);
    expect(t.upper).toBeGreaterThan(1);
    const e = estimateInRange(xs, SHARE);
    expect(e.mean).toBe(t.mean);
    expect([e.lower, e.upper]).toEqual([t.lower, 1]);
    expect(e.unreliable).toMatchInlineSnapshot(`"the t-interval [0.802, 1.05] reached above 1, which this measure cannot be; cut to [0.802, 1]"`);
  });

  test('a count near 0 (most replications 0, a few large) is cut at 0 and marked as skewed', () => {
    // Patients waiting over 52 weeks, 10 replications: "0.347 [−0.437, 1.13]" was the complaint.
    const xs = [0, 0, 0, 0, 0, 0, 0, 0, 0.37, 3.1];
    const t = estimate(xs);
    expect(t.lower).toBeLessThan(0);
    const e = estimateInRange(xs, COUNT);
    expect(e.mean).toBe(t.mean);
    expect(e.lower).toBe(0);
    expect(e.upper).toBe(t.upper);
    expect(e.unreliable).toMatchInlineSnapshot(`"the t-interval [−0.35, 1.04] reached below 0, which this measure cannot be; cut to [0, 1.04]; skewed replications (skewness 3.08; 8 of 10 at 0): a normal interval needs about 238"`);
  });

  test('fewer than 5 replications: marked, interval as it was when inside the range; one replication: no interval, no mark', () => {
    const e = estimateInRange([4, 5, 6], COUNT);
    expect([e.lower, e.upper]).toEqual([estimate([4, 5, 6]).lower, estimate([4, 5, 6]).upper]);
    expect(e.unreliable).toBe('only 3 replications (fewer than 5)');
    const one = estimateInRange([4], COUNT);
    expect(one).toEqual({ n: 1, mean: 4, lower: NaN, upper: NaN });
  });

  test('values outside the stated range: the range does not hold for them, so nothing is cut', () => {
    const xs = [1.02, 0.97, 0.99, 1.01, 0.98];
    const e = estimateInRange(xs, SHARE);
    expect([e.lower, e.upper]).toEqual([estimate(xs).lower, estimate(xs).upper]);
    expect(e.unreliable).toBeUndefined();
  });

  test('differences of shares lie in [−1, 1]; of counts, anywhere', () => {
    expect(differenceRange(SHARE)).toEqual([-1, 1]);
    expect(differenceRange(COUNT)).toEqual([-Infinity, Infinity]);
    const d = estimateInRange([-1, -1, -0.2, -1, -0.9, -1], differenceRange(SHARE));
    expect(d.lower).toBe(-1);
    expect(d.unreliable).toMatch(/reached below −1/);
  });

  test('property: the mean is estimate()\'s bit for bit, the interval lies in the range and is the t-interval wherever that does', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
      (xs) => {
        const t = estimate(xs), e = estimateInRange(xs, SHARE);
        expect(Object.is(e.mean, t.mean)).toBe(true);
        expect(e.lower).toBeGreaterThanOrEqual(0);
        expect(e.upper).toBeLessThanOrEqual(1);
        if (t.lower >= 0 && t.upper <= 1) expect([e.lower, e.upper]).toEqual([t.lower, t.upper]);
        else expect(e.unreliable).toMatch(/t-interval/);
      },
    ));
  });

  test('skewness: 0 for symmetric or constant data; the adjusted Fisher–Pearson value otherwise', () => {
    expect(skewness([1, 2, 3, 4, 5], 3)).toBe(0);
    expect(skewness([7, 7, 7, 7], 7)).toBe(0);
    // 9 zeros and a one: g1 = (1 − 2p) / √(p(1 − p)) = 0.8 / 0.3 with p = 0.1, times √(n(n − 1)) / (n − 2).
    expect(skewness([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0.1)).toBeCloseTo((0.8 / 0.3) * (Math.sqrt(90) / 8), 12);
  });
});
