import { describe, expect, test } from 'vitest';
import { estimate, pairedDifference, tQuantile } from '../../../engine/experiment/summary.ts';

describe('tQuantile', () => {
  // Two-sided 95% critical values, t(0.975, df): standard tables (e.g. NIST/SEMATECH
  // e-Handbook of Statistical Methods, section 1.3.6.7.2).
  test.each([
    [1, 12.7062],
    [4, 2.77645],
    [9, 2.26216],
    [19, 2.09302],
    [1000, 1.96234],
  ])('df = %i: %f', (df, expected) => {
    expect(Math.abs(tQuantile(0.975, df) - expected)).toBeLessThan(1e-4);
  });

  test('is symmetric, 0 at the median, and the normal at infinite df', () => {
    expect(tQuantile(0.025, 9)).toBeCloseTo(-tQuantile(0.975, 9), 12);
    expect(tQuantile(0.5, 5)).toBe(0);
    expect(Math.abs(tQuantile(0.975, Infinity) - 1.959964)).toBeLessThan(1e-6);
    expect(Math.abs(tQuantile(0.95, 9) - 1.83311)).toBeLessThan(1e-4); // one-sided 95%, same table
  });

  test('very large df follow the normal-based expansion (incomplete-beta inversions fail beyond ~1e7 df)', () => {
    // z + (z^3 + z) / (4 df), z = 1.959963985 (Abramowitz & Stegun 26.7.5).
    expect(Math.abs(tQuantile(0.975, 1e8) - 1.9599640082)).toBeLessThan(1e-9);
    // No step where the method changes (at 1e5 df).
    expect(Math.abs(tQuantile(0.975, 99_999) - tQuantile(0.975, 100_000))).toBeLessThan(1e-6);
  });

  test('a probability outside (0, 1) or df <= 0 is an error', () => {
    expect(() => tQuantile(1, 5)).toThrowErrorMatchingInlineSnapshot(`[Error: tQuantile: expected p in (0, 1), got 1]`);
    expect(() => tQuantile(0.975, 0)).toThrowErrorMatchingInlineSnapshot(`[Error: tQuantile: expected degrees of freedom > 0, got 0]`);
  });
});

// Today's outputs of tQuantile, pinned to the last bit: stdlib's Student t quantile below
// 1e5 degrees of freedom, the Cornish-Fisher expansion about stdlib's normal quantile from
// there (its edge: 99 999 and 100 000), and the normal itself at infinite df. Every
// confidence interval the product reports goes through these numbers.
const T_QUANTILES: [number, number, number][] = [
  [1e-6, 1, -318309.88618274353],
  [0.025, 1, -12.706204736174705],
  [0.6, 1, 0.32491969623290623],
  [0.975, 1, 12.706204736174694],
  [0.995, 1, 63.656741162871526],
  [1e-6, 2, -707.1057205259339],
  [0.025, 2, -4.302652729749464],
  [0.6, 2, 0.28867513459481287],
  [0.975, 2, 4.302652729749462],
  [0.995, 2, 9.92484320091829],
  [1e-6, 4, -41.577854150450975],
  [0.025, 4, -2.7764451051977943],
  [0.6, 4, 0.2707222947075973],
  [0.975, 4, 2.776445105197794],
  [0.995, 4, 4.604094871349992],
  [1e-6, 9, -10.7201604099095],
  [0.025, 9, -2.2621571627982053],
  [0.6, 9, 0.2609553364739108],
  [0.975, 9, 2.262157162798205],
  [0.995, 9, 3.2498355415921263],
  [1e-6, 29, -5.917105540459562],
  [0.025, 29, -2.045229642132704],
  [0.6, 29, 0.25568363457125604],
  [0.975, 29, 2.045229642132704],
  [0.995, 29, 2.7563859036706058],
  [1e-6, 99, -5.0519739982525165],
  [0.025, 99, -1.9842169515864176],
  [0.6, 99, 0.25402901215180657],
  [0.975, 99, 1.9842169515864172],
  [0.995, 99, 2.6264054572808275],
  [1e-6, 999, -4.781636978830079],
  [0.025, 999, -1.96234146113345],
  [0.6, 999, 0.25341458333036737],
  [0.975, 999, 1.9623414611334495],
  [0.995, 999, 2.5807596372676365],
  [1e-6, 9999, -4.756229965767043],
  [0.025, 9999, -1.960201263621358],
  [0.6, 9999, 0.2533538441198358],
  [0.975, 9999, 1.9602012636213573],
  [0.995, 9999, 2.5763210958565974],
  [1e-6, 99999, -4.753704719195537],
  [0.025, 99999, -1.9599877077718444],
  [0.6, 99999, 0.25334777716392015],
  [0.975, 99999, 1.9599877077718442],
  [0.995, 99999, 2.575878470400052],
  [1e-6, 1e5, -4.753704716396144],
  [0.025, 1e5, -1.9599877075346066],
  [0.6, 1e5, 0.25334777715717993],
  [0.975, 1e5, 1.9599877075346066],
  [0.995, 1e5, 2.5758784699083628],
  [1e-6, 3e5, -4.753517774807704],
  [0.025, 3e5, -1.9599718921421827],
  [0.6, 3e5, 0.2533473278093558],
  [0.975, 3e5, 1.9599718921421827],
  [0.995, 3e5, 2.57584569213906],
  [1e-6, 1e7, -4.753427112760985],
  [0.025, 1e7, -1.959964221767205],
  [0.6, 1e7, 0.253347109876003],
  [0.975, 1e7, 1.959964221767205],
  [0.995, 1e7, 2.5758297952037488],
  [1e-6, 1e12, -4.753424308856346],
  [0.025, 1e12, -1.9599639845424262],
  [0.6, 1e12, 0.25334710313586717],
  [0.975, 1e12, 1.9599639845424262],
  [0.995, 1e12, 2.575829303553817],
  [1e-6, 1e20, -4.753424308828307],
  [0.025, 1e20, -1.9599639845400538],
  [0.6, 1e20, 0.2533471031357998],
  [0.975, 1e20, 1.9599639845400538],
  [0.995, 1e20, 2.5758293035489004],
  [1e-6, Infinity, -4.753424308828307],
  [0.025, Infinity, -1.9599639845400538],
  [0.6, Infinity, 0.2533471031357998],
  [0.975, Infinity, 1.9599639845400538],
  [0.995, Infinity, 2.5758293035489004],
];

describe('tQuantile gives exactly today\'s outputs', () => {
  test.each(T_QUANTILES)('tQuantile(%s, %s) = %s', (p, df, expected) => expect(tQuantile(p, df)).toBe(expected));
});

describe('estimate', () => {
  test('a small hand-worked example', () => {
    // 1..5: mean 3, sd sqrt(10/4), sd/sqrt(n) = sqrt(1/2); t(0.975, 4) = 2.776445.
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.sd).toBe(Math.sqrt(2.5));
    expect(e.halfWidth).toBeCloseTo(2.776445 * Math.SQRT1_2, 5);
    expect(e.lower).toBe(3 - e.halfWidth);
    expect(e.upper).toBe(3 + e.halfWidth);
  });

  test('another confidence level', () => {
    // t(0.95, 4) = 2.131847 (90% two-sided).
    expect(estimate([1, 2, 3, 4, 5], 0.9).halfWidth).toBeCloseTo(2.131847 * Math.SQRT1_2, 5);
  });

  test('one replication has a mean but no interval', () => {
    expect(estimate([4.2])).toEqual({ n: 1, mean: 4.2, sd: NaN, halfWidth: NaN, lower: NaN, upper: NaN });
  });

  test('constant values have sd 0 and a zero-width interval', () => {
    expect(estimate([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, halfWidth: 0, lower: 0.1, upper: 0.1 });
  });

  test('empty input, NaN, infinities and a bad level are errors', () => {
    expect(() => estimate([])).toThrowErrorMatchingInlineSnapshot(`[Error: estimate: no values; expected one per replication]`);
    expect(() => estimate([1, NaN, 3, NaN])).toThrowErrorMatchingInlineSnapshot(`[Error: estimate: 2 of 4 values are NaN; expected finite numbers]`);
    expect(() => estimate([1, NaN, Infinity])).toThrowErrorMatchingInlineSnapshot(`[Error: estimate: 1 of 3 values is NaN and 1 is infinite; expected finite numbers]`);
    expect(() => estimate([1, 2], 95)).toThrowErrorMatchingInlineSnapshot(`[Error: estimate: expected a confidence level in (0, 1), got 95]`);
  });
});

describe('pairedDifference', () => {
  test('b = a + 1 exactly: difference 1 with sd 0 and halfWidth 0', () => {
    const a = [3, 5.5, 7.25, 10, 12.125];
    const b = a.map((x) => x + 1);
    const comparison = pairedDifference(a, b);
    expect(comparison.n).toBe(5);
    expect(comparison.meanA).toBe(7.575);
    expect(comparison.meanB).toBe(8.575);
    expect(comparison.difference).toEqual({ n: 5, mean: 1, sd: 0, halfWidth: 0, lower: 1, upper: 1 });
  });

  test('pairing removes the noise the variants share', () => {
    // Replication noise is large (a spans 10..50) but b - a is 2 +- 0.1 in every pair.
    const a = [10, 30, 50, 20, 40];
    const b = [12.1, 31.9, 52.1, 21.9, 42];
    const paired = pairedDifference(a, b).difference;
    expect(paired.mean).toBeCloseTo(2, 12);
    expect(paired.halfWidth).toBeLessThan(0.2);
    const unpaired = estimate(b).halfWidth + estimate(a).halfWidth;
    expect(unpaired).toBeGreaterThan(20);
  });

  test('mismatched lengths, empty input and NaN are errors', () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrowErrorMatchingInlineSnapshot(`[Error: pairedDifference: a has 3 values and b has 2; pairs need one value per replication in each]`);
    expect(() => pairedDifference([], [])).toThrowErrorMatchingInlineSnapshot(`[Error: pairedDifference: no values in a; expected one per replication]`);
    expect(() => pairedDifference([1, 2], [1, NaN])).toThrowErrorMatchingInlineSnapshot(`[Error: pairedDifference: 1 of 2 values in b is NaN; expected finite numbers]`);
  });
});
