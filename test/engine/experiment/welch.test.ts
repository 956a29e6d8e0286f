// Welch's moving average (Law, Simulation Modeling and Analysis, 5th ed., 9.5.1) and the
// MSER truncation rule (White 1997) against values worked out by hand.
import { describe, expect, test } from 'vitest';
import { AcrossReplications, acrossReplications, movingAverage, mserTruncation, welch } from '../../../engine/experiment/welch.ts';

describe("Welch's moving average", () => {
  test('a hand-computed case, w = 2: short centred windows at the start, none within w of the end', () => {
    // i=1: 0; i=2: (0+6+3)/3 = 3; i=3: (0+6+3+9+12)/5 = 6; i=4: (6+3+9+12+3)/5 = 6.6; i=5: (3+9+12+3+6)/5 = 6.6
    const out = movingAverage([0, 6, 3, 9, 12, 3, 6], 2);
    expect(out).toHaveLength(5);
    [0, 3, 6, 6.6, 6.6].forEach((x, i) => expect(out[i]).toBeCloseTo(x, 12));
  });

  test('w = 0 is the series itself; a window too wide leaves nothing', () => {
    expect(movingAverage([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(movingAverage([1, 2, 3], 3)).toEqual([]);
    expect(() => movingAverage([1], -1)).toThrow('expected a window w ≥ 0');
  });

  test('the mean across replications, to the shortest', () => {
    expect(acrossReplications([[1, 2, 3, 9], [3, 4, 5]])).toEqual([2, 3, 4]);
  });

  test('built one replication at a time: the same numbers, bit for bit, holding one sum a time point', () => {
    // Values whose sums round differently in another order (0.1 + 0.2 + 0.3 ≠ 0.3 + 0.2 + 0.1).
    const reps = [[0.1, 1e16, 7, 2], [0.2, 1, 0.7], [0.3, -1e16, 0.07, 5]];
    const across = new AcrossReplications();
    expect(across.mean).toEqual([]);
    reps.forEach((r) => across.add(Float64Array.from(r)));
    expect(across.replications).toBe(3);
    expect(across.mean).toEqual(acrossReplications(reps));
    expect(across.mean.map((x) => x.toString())).toEqual(acrossReplications(reps).map((x) => x.toString()));
  });
});

describe('MSER truncation', () => {
  test('a hand-computed case, batches of 1', () => {
    // d=0: mean 2.2, SS 10.8, /5² = 0.432; d=1: [1,2,1,2] SS 1, /4² = 0.0625; d=2: [2,1,2] SS 2/3, /3² = 0.074
    expect(mserTruncation([5, 1, 2, 1, 2], 1)).toBe(1);
  });

  test('MSER-5 cuts an initial transient of a whole number of batches', () => {
    const ys = [...Array(10).fill(0), ...Array.from({ length: 40 }, (_, i) => 10 + (i % 2))];
    expect(mserTruncation(ys)).toBe(10);
  });

  test('a stationary series needs no warm-up; too short a series gets none', () => {
    expect(mserTruncation(Array.from({ length: 50 }, (_, i) => i % 3))).toBe(0);
    expect(mserTruncation([1, 2, 3], 5)).toBe(0);
  });
});

test('welch: the curves and the suggestion together', () => {
  const reps = [[0, 4, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8], [0, 2, 6, 10, 10, 10, 10, 10, 10, 10, 10, 10]];
  const w = welch(reps, 1, 1);
  expect(w.mean).toEqual([0, 3, 7, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
  expect(w.smoothed.slice(0, 4)).toEqual([0, 10 / 3, 19 / 3, 25 / 3]);
  expect(w.suggested).toBe(3);
});
