// Sequential allocation of a sweep's replications (runner/experiment/allocate.ts) on
// synthetic points whose KPI is a known function of the point plus noise fixed by
// (point, replication) — as common random numbers fix it — so which points get more is
// known exactly, and the outcome can be checked against a sweep run all at once.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { allocateSequentially, neighbours, type RoundRequest } from '../../../runner/experiment/allocate.ts';
import type { Replication } from '../../../runner/replicate.ts';

/** A deterministic "standard normal" for (point, k): the same whichever round asks. */
function noise(point: number, k: number): number {
  let h = (point * 2654435761 + k * 40503 + 12345) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
  const u = ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
  return (u - 0.5) * 3.4; // sd ≈ 1
}

/** A runner of rounds over `value(point) + sd · noise` that records what it was asked. */
function rounds(value: (point: number) => number, sd = 1, kpi = 'k') {
  const asked: RoundRequest[][] = [];
  const run = async (requests: readonly RoundRequest[]) => {
    asked.push([...requests]);
    return requests.map((r) => Array.from({ length: r.to - r.from }, (_, j): Replication =>
      ({ kpis: { [kpi]: value(r.point) + sd * noise(r.point, r.from + j) } } as unknown as Replication)));
  };
  return { asked, run };
}

describe('neighbours on a grid', () => {
  test('one step along one parameter, both ways, symmetric', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }), (sizes) => {
      const count = sizes.reduce((a, b) => a * b, 1);
      const coords = (i: number) => {
        const c: number[] = [];
        for (let d = sizes.length - 1; d >= 0; d--) { c.unshift(i % sizes[d]); i = Math.floor(i / sizes[d]); }
        return c;
      };
      for (let i = 0; i < count; i++) {
        const ns = neighbours(i, sizes);
        expect(new Set(ns).size).toBe(ns.length);
        for (const j of ns) {
          expect(j).toBeGreaterThanOrEqual(0);
          expect(j).toBeLessThan(count);
          expect(neighbours(j, sizes)).toContain(i);
          const [a, b] = [coords(i), coords(j)];
          expect(a.reduce((s, x, d) => s + Math.abs(x - b[d]), 0)).toBe(1);
        }
        // Every point one step away is listed.
        const expected = [...Array(count).keys()].filter((j) => coords(i).reduce((s, x, d) => s + Math.abs(x - coords(j)[d]), 0) === 1);
        expect([...ns].sort((x, y) => x - y)).toEqual(expected);
      }
    }));
  });
});

describe('with a target', () => {
  test('points far from the target stop at the first batch; the one at it runs to the maximum', async () => {
    // Point p's KPI is 10·p: the target 20 sits on point 2; the others are 10 or more away (sd 1).
    const { asked, run } = rounds((p) => 10 * p);
    const { runs, allocation } = await allocateSequentially([5], { initial: 5, max: 40, target: { kpi: 'k', op: '>=', value: 20 }, kpis: ['k'] }, run);
    expect(runs.map((r) => r.length)).toEqual([5, 5, 40, 5, 5]);
    expect(allocation).toEqual({ rule: 'target', initial: 5, max: 40, rounds: 4, replications: 60, naiveReplications: 200, pointsAtMax: 1 });
    // Doubling rounds, each asking only for the undecided point's next replications.
    expect(asked.slice(1)).toEqual([[{ point: 2, from: 5, to: 10 }], [{ point: 2, from: 10, to: 20 }], [{ point: 2, from: 20, to: 40 }]]);
  });
});

describe('without a target: neighbours not told apart', () => {
  test('points identical in every replication are told apart at once; near-equal neighbours get more', async () => {
    // Points 0–2 give exactly the same numbers (a capacity that does not bind); 3 and 4 differ
    // from 2 and from each other by a tenth of the noise's sd, with draws of their own, so no
    // number of replications up to the maximum tells them apart.
    const value = (p: number) => (p <= 2 ? 0 : 0.1 * (p - 2));
    const { run } = rounds(value);
    const same = async (requests: readonly RoundRequest[]) => {
      const got = await run(requests.map((r) => ({ ...r, point: r.point <= 2 ? 0 : r.point })));
      return got;
    };
    const { runs } = await allocateSequentially([5], { initial: 4, max: 32, kpis: ['k'] }, same);
    expect(runs.slice(0, 2).map((r) => r.length)).toEqual([4, 4]);
    expect(runs.slice(2).map((r) => r.length)).toEqual([32, 32, 32]);
  });

  test('every point clearly apart from its neighbours stops at the first batch', async () => {
    const { asked, run } = rounds((p) => 100 * p, 1);
    const { runs, allocation } = await allocateSequentially([3, 4], { initial: 3, max: 24, kpis: ['k'] }, run);
    expect(runs.every((r) => r.length === 3)).toBe(true);
    expect(asked).toHaveLength(1);
    expect(allocation).toMatchObject({ rounds: 1, replications: 36, naiveReplications: 288, pointsAtMax: 0 });
  });
});

describe('whatever the rule', () => {
  test('each point has replications 0 … n−1 exactly as a sweep run all at once, n = initial·2^j or max', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
      fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 3, noNaN: true }), fc.boolean(), fc.double({ min: -2, max: 6, noNaN: true }),
      async (sizes, initial, extra, slope, useTarget, target) => {
        const max = initial * 2 ** extra + (extra > 0 ? 1 : 0);
        const value = (p: number) => slope * p;
        const { run } = rounds(value);
        const plan = { initial, max, kpis: ['k'], ...(useTarget ? { target: { kpi: 'k', op: '<=' as const, value: target } } : {}) };
        const { runs, allocation } = await allocateSequentially(sizes, plan, run);
        const allowed = new Set([max, ...Array.from({ length: 12 }, (_, j) => initial * 2 ** j).filter((n) => n <= max)]);
        runs.forEach((reps, p) => {
          expect(allowed.has(reps.length)).toBe(true);
          expect(reps.map((r) => r.kpis.k)).toEqual(Array.from({ length: reps.length }, (_, k) => value(p) + noise(p, k)));
        });
        expect(allocation.replications).toBe(runs.reduce((n, r) => n + r.length, 0));
        expect(allocation.replications).toBeLessThanOrEqual(allocation.naiveReplications);
      }), { numRuns: 60 });
  });

  test('a plan that could not end, or gives no interval, is refused', async () => {
    const { run } = rounds(() => 0);
    await expect(allocateSequentially([2], { initial: 1, max: 4, kpis: ['k'] }, run)).rejects.toThrow(/2 ≤ initial ≤ max/);
    await expect(allocateSequentially([2], { initial: 4, max: 2, kpis: ['k'] }, run)).rejects.toThrow(/2 ≤ initial ≤ max/);
    await expect(allocateSequentially([2], { initial: 4, max: 1e6, kpis: ['k'] }, run)).rejects.toThrow(/≤ 10000/);
  });
});
