// Daily series are summarised as replications arrive (running sums per time point, not
// every replication kept), in replication order whatever order they finish in.
import { describe, expect, test } from 'vitest';
import { estimate } from '../../engine/experiment/summary.ts';
import { loadScenario } from '../../scenarios/load.ts';
import { compileVariants, runOne } from '../../runner/replicate.ts';
import { runVariants, runVariantsWith, SeriesBands } from '../../runner/summary.ts';

describe('series bands', () => {
  test('the running mean and CI equal the two-pass estimate at every time point (to 4 significant digits)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const reps = Array.from({ length: 37 }, () => Array.from({ length: 50 }, (_, t) => 100 + t + 30 * rnd()));
    const bands = new SeriesBands();
    for (const r of reps) bands.add({ x: r });
    const b = bands.band('x');
    for (let t = 0; t < 50; t++) {
      const e = estimate(reps.map((r) => r[t]));
      expect(b.mean[t]).toBeCloseTo(Number(e.mean.toPrecision(4)), 1);
      expect(Math.abs(b.ciLow[t]! - e.lower)).toBeLessThan(0.06); // 4 significant digits of ~100
      expect(Math.abs(b.ciHigh[t]! - e.upper)).toBeLessThan(0.06);
    }
  });

  test('one replication: a mean, no interval; series of unequal length are cut to the shortest', () => {
    const bands = new SeriesBands();
    bands.add({ x: [1, 2, 3] });
    expect(bands.band('x')).toEqual({ mean: [1, 2, 3], ciLow: [null, null, null], ciHigh: [null, null, null] });
    bands.add({ x: [3, 4] });
    expect(bands.band('x').mean).toEqual([2, 3]);
    expect(bands.length()).toBe(2);
  });

  test('replications finishing in reverse order give the document of the in-order run', async () => {
    const s = loadScenario(new URL('../fixtures/small-ed.yaml', import.meta.url).pathname);
    if (!s.ok) throw new Error('fixture');
    const c = compileVariants(s.value);
    if (!c.ok) throw new Error('fixture');
    const plan = { replications: 5, seed: 3 };
    const byId = new Map(c.value.map((v) => [v.id, v]));
    // Every replication is asked for at once; they are answered last asked, first answered.
    const asked: (() => void)[] = [];
    const total = c.value.length * plan.replications;
    const reversed = await runVariantsWith(s.value, c.value, plan, (variant, seed, k) =>
      new Promise((resolve) => {
        asked.push(() => resolve(runOne(byId.get(variant)!.model, seed, k, true)));
        if (asked.length === total) for (const answer of asked.reverse()) answer();
      }));
    expect(reversed).toStrictEqual(runVariants(s.value, c.value, plan));
  });
});
