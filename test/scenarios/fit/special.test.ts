// The fits' special functions against known values and jStat (a second implementation).
import { describe, expect, test } from 'vitest';
import jStat from 'jstat/dist/jstat.js'; // declared in engine/types/jstat.d.ts
import { chiSquareQuantile, chiSquareUpper, digamma, gammaP, gammaQ, kolmogorovUpper, poissonInterval, trigamma } from '../../../scenarios/fit/special.ts';

describe('special functions', () => {
  test('ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ\'(1) = π²/6, ψ\'(1/2) = π²/2 (Abramowitz & Stegun 6.3, 6.4)', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 12);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.LN2, 12);
    expect(digamma(100)).toBeCloseTo(4.600161852738087, 12);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 11);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 11);
  });

  test('the regularised incomplete gamma agrees with jStat across both methods (series and fraction)', () => {
    for (const a of [0.3, 1, 2.5, 10, 150]) {
      for (const x of [0.01, 0.5, 1, 3, 9.9, 30, 200]) {
        expect(gammaP(a, x)).toBeCloseTo(jStat.gamma.cdf(x, a, 1), 10);
        expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
      }
    }
  });

  test('chi-square: the textbook 5% points, and the quantile inverts the tail', () => {
    expect(chiSquareUpper(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareUpper(12.591587243743977, 6)).toBeCloseTo(0.05, 12);
    expect(jStat.gamma.cdf(chiSquareQuantile(0.95, 138), 69, 2)).toBeCloseTo(0.95, 9); // χ²_k is gamma(k/2, scale 2)
  });

  test('Garwood\'s exact Poisson interval: the published values for 0, 1 and 10 events', () => {
    expect(poissonInterval(0)[1]).toBeCloseTo(3.688879, 5);
    const [a, b] = poissonInterval(1);
    expect(a).toBeCloseTo(0.025318, 5);
    expect(b).toBeCloseTo(5.571643, 5);
    const [c, d] = poissonInterval(10);
    expect(c).toBeCloseTo(4.795389, 5);
    expect(d).toBeCloseTo(18.390356, 5);
  });

  test('Kolmogorov: the 5% point of √n·D is 1.358 for large n', () => {
    expect(kolmogorovUpper(1.3581 / Math.sqrt(1e6), 1e6)).toBeCloseTo(0.05, 3);
    expect(kolmogorovUpper(0, 10)).toBe(1);
  });
});
