// The number present split by the capacity in force (PoolDef.presentByCapacity,
// level-by-capacity.ts): exact times on a model worked out by hand whose capacity drops
// mid-run, with and without warm-up, read mid-run without changing the end; the split adds
// up to the pool's own distribution; a pool of constant capacity has one entry, its own.
import { describe, expect, test } from 'vitest';
import { Model, type PoolDef } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic, exponential } from '../../../engine/core/distributions.ts';
import { LevelByCapacity } from '../../../engine/core/level-by-capacity.ts';

const rounded = (xs: { capacity: number; distribution: number[] }[]) =>
  xs.map((x) => ({ capacity: x.capacity, distribution: x.distribution.map((f) => Number(f.toFixed(12))) }));

// Two units until t=5, one from then on; arrivals at 0, 1 and 2, each holding a unit 4 h.
// a holds 0-4; b 1-5; c waits 2-4 and holds 4-8. Present: 1 on [0,1), 2 on [1,2), 3 on [2,4),
// 2 on [4,5), 1 on [5,8), 0 on [8,10).
function dropping(pool: Partial<PoolDef> = {}) {
  return new Model()
    .pool('p', { capacity: 2, schedule: { points: [{ at: 0, capacity: 2 }, { at: 5, capacity: 1 }] }, presentByCapacity: true, ...pool })
    .pathway('w', [seize('p'), delay(deterministic(4)), release('p'), exit()])
    .source('s', { pathway: 'w', times: [0, 1, 2] })
    .compile();
}

describe('the time with each number present, by the capacity in force', () => {
  test('capacity 2 then 1 from t=5: the times worked out by hand, over [0, 10)', () => {
    const r = new Simulation(dropping(), { seed: 1, horizon: 10 }).run().pools.p;
    // Capacity 1 over [5, 10): 0 present 2 h, 1 present 3 h. Capacity 2 over [0, 5): 1 present
    // 1 h, 2 present 2 h ([1,2) and [4,5)), 3 present 2 h.
    expect(rounded(r.presentByCapacity!)).toEqual([
      { capacity: 1, distribution: [0.2, 0.3] },
      { capacity: 2, distribution: [0, 0.1, 0.2, 0.2] },
    ]);
    expect(r.presentDistribution.map((f) => Number(f.toFixed(12)))).toEqual([0.2, 0.4, 0.2, 0.2]);
  });

  test('with a warm-up of 3 h: only [3, 10) counts, and a capacity in force only before it has no entry', () => {
    const r = new Simulation(dropping({ schedule: { points: [{ at: 0, capacity: 3 }, { at: 2.5, capacity: 2 }, { at: 5, capacity: 1 }] } }), { seed: 1, horizon: 10, warmup: 3 }).run().pools.p;
    // With 3 units until 2.5, c holds one from 2 (the drop to 2 lets it finish): a 0-4, b 1-5,
    // c 2-6. Present over [3, 10): 3 on [3,4), 2 on [4,5), 1 on [5,6), 0 on [6,10).
    expect(rounded(r.presentByCapacity!)).toEqual([
      { capacity: 1, distribution: [4 / 7, 1 / 7].map((f) => Number(f.toFixed(12))) },
      { capacity: 2, distribution: [0, 0, 1 / 7, 1 / 7].map((f) => Number(f.toFixed(12))) },
    ]);
  });

  test('read mid-run, the figures are those of a run stopped there, and the end is unchanged', () => {
    const sim = new Simulation(dropping(), { seed: 1, horizon: 10 });
    sim.runUntil(6);
    // Over [0, 6): capacity 2 as above (5 h), capacity 1 with 1 present for 1 h.
    expect(rounded(sim.results().pools.p.presentByCapacity!)).toEqual(rounded([
      { capacity: 1, distribution: [0, 1 / 6] },
      { capacity: 2, distribution: [0, 1 / 6, 2 / 6, 2 / 6] },
    ]));
    sim.runUntil(10);
    const straight = new Simulation(dropping(), { seed: 1, horizon: 10 }).run().pools.p.presentByCapacity;
    expect(sim.results().pools.p.presentByCapacity).toEqual(straight);
  });

  test('summed over the capacities, the split is the pool\'s own distribution; with escalation opening and closing', () => {
    const model = new Model()
      .pool('p', { capacity: 6, discipline: 'priority', presentByCapacity: true, escalation: { units: 3, openAt: 0.8, forHours: 2, openingDelay: 1, closeBelow: 0.5, closeForHours: 6 } })
      .pathway('w', [seize('p'), delay(exponential(10)), release('p'), exit()])
      .source('s', { pathway: 'w', interarrival: exponential(1.8) })
      .compile();
    const r = new Simulation(model, { seed: 3, horizon: 5_000, warmup: 200 }).run().pools.p;
    expect(r.escalation!.openings).toBeGreaterThan(2);
    expect(r.presentByCapacity!.map((x) => x.capacity)).toEqual([6, 9]);
    r.presentDistribution.forEach((f, n) => {
      const split = r.presentByCapacity!.reduce((s, x) => s + (x.distribution[n] ?? 0), 0);
      expect(split).toBeCloseTo(f, 12);
    });
    // The share of time with capacity 9 is the share with the escalation open.
    expect(r.presentByCapacity![1].distribution.reduce((a, b) => a + b, 0)).toBeCloseTo(r.escalation!.open, 12);
  });

  test('a pool of constant capacity: one entry, its capacity and its own distribution; none unless asked', () => {
    const model = (presentByCapacity: boolean) => new Model()
      .pool('p', { capacity: 2, presentByCapacity })
      .pathway('w', [seize('p'), delay(deterministic(4)), release('p'), exit()])
      .source('s', { pathway: 'w', times: [0, 1, 2] })
      .compile();
    const r = new Simulation(model(true), { seed: 1, horizon: 10 }).run().pools.p;
    expect(r.presentByCapacity).toEqual([{ capacity: 2, distribution: r.presentDistribution }]);
    expect(new Simulation(model(false), { seed: 1, horizon: 10 }).run().pools.p.presentByCapacity).toBeUndefined();
    expect(new Simulation(dropping({ presentByCapacity: false }), { seed: 1, horizon: 10 }).run().pools.p.presentByCapacity).toBeUndefined();
  });
});

describe('LevelByCapacity', () => {
  test('an empty window reports the level and capacity in force; several calls at one instant add nothing', () => {
    const h = new LevelByCapacity(5, 0, 4);
    h.integrate(5, 3, 4);
    h.integrate(5, 3, 2);
    expect(h.distributions(5)).toEqual([{ capacity: 2, distribution: [0, 0, 0, 1] }]);
    h.integrate(7, 3, 2);
    h.integrate(8, 40, 2); // a level beyond the row grows it
    h.integrate(9, 0, 0);
    expect(h.distributions(9)).toEqual([
      { capacity: 0, distribution: [1 / 4] },
      { capacity: 2, distribution: [0, 0, 0, 2 / 4, ...new Array(36).fill(0), 1 / 4] },
    ]);
  });
});
