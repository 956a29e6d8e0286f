// Busy and queue levels by class: a pool integrates only the classes with something in
// use or waiting (pool-state.ts), so a class that comes and goes must still average
// exactly over the whole window. Invariant: the classes' means add up to the pool's.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { exponential } from '../../../engine/core/distributions.ts';

describe('levels by class', () => {
  test('per-class busy and queue means add up to the pool\'s, and a class that never uses a pool is not there (none held or waited for it)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 40 }), (seed, servers, warmup) => {
      const m = new Model()
        .pool('a', { capacity: servers, discipline: 'priority' })
        .pool('b', { capacity: 1 })
        .pathway('via-a', [seize('a'), delay(exponential(1)), release('a'), exit()])
        .pathway('via-b', [seize('b'), delay(exponential(0.5)), release('b'), exit()])
        .pathway('both', [seize('a'), delay(exponential(0.5)), release('a'), seize('b'), delay(exponential(0.3)), release('b'), exit()]);
      // Classes that come in bursts (rare, so often absent), steadily, or only to b.
      ['x', 'y', 'z'].forEach((cls, k) => m.source(cls, { pathway: 'via-a', class: cls, priority: k, rate: 0.3 / (k + 1) }));
      m.source('w', { pathway: 'both', class: 'w', rate: 0.2 });
      m.source('v', { pathway: 'via-b', class: 'v', rate: 0.5 });
      const r = new Simulation(m.compile(), { seed, warmup, horizon: warmup + 200 }).run();
      for (const id of ['a', 'b']) {
        const p = r.pools[id];
        const sum = (xs: Record<string, number>) => Object.values(xs).reduce((s, x) => s + x, 0);
        expect(sum(p.busyByClass!)).toBeCloseTo(p.busy.mean, 9);
        expect(sum(p.queueByClass!)).toBeCloseTo(p.queue.mean, 9);
      }
      // Only the classes whose pathways reach the pool, in the model's order of classes.
      for (const [id, reach] of [['a', ['x', 'y', 'z', 'w']], ['b', ['w', 'v']]] as const) {
        const p = r.pools[id];
        const order = (ks: string[]) => ks.every((k, i) => i === 0 || ['x', 'y', 'z', 'w', 'v'].indexOf(ks[i - 1]) < ['x', 'y', 'z', 'w', 'v'].indexOf(k));
        for (const split of [p.busyByClass!, p.queueByClass!, p.waitsByClass]) {
          expect(Object.keys(split).every((k) => (reach as readonly string[]).includes(k))).toBe(true);
          expect(order(Object.keys(split))).toBe(true);
        }
      }
      expect(r.pools.a.busyByClass!.v).toBeUndefined();
      expect(r.pools.b.queueByClass!.x).toBeUndefined();
    }), { numRuns: 40 });
  });
});
