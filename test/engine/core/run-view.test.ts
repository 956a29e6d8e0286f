// The read-only view of a run (engine/core/run-view.ts): what a reader sees follows the
// run at each instant, and a reader cannot write through it. The second test is checked
// by tsc: each expected error below fails the type check if its field becomes writable.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';

// Two servers, one arrival an hour at 0..5, each served 2.5 h. At t = 3.5 (its events
// done) four have arrived; those of 0 and 1 have left (at 2.5 and 3.5); those of 2 and 3
// are served (from 2.5 and 3.5), nobody waits.
function model() {
  return new Model()
    .pool('server', { capacity: 2 })
    .pathway('p', [seize('server'), delay(deterministic(2.5)), release('server'), exit()])
    .source('s', { pathway: 'p', times: [0, 1, 2, 3, 4, 5] })
    .compile();
}

describe('the run view', () => {
  test('follows the run: counts, pools and entities at the current time, as results() reports them', () => {
    const sim = new Simulation(model(), { seed: 1, horizon: 20 });
    sim.runUntil(3.5);
    const v = sim.view;
    expect(v.now).toBe(3.5);
    expect([v.arrived, v.departed, v.inSystem]).toEqual([4, 2, 2]);
    expect(v.pools.map((p) => [p.id, p.inUse, p.queueCount])).toEqual([['server', 2, 0]]);
    expect(v.ent.live().length).toBe(2);
    const r = sim.results();
    expect(r.totals).toMatchObject({ arrived: v.arrived, departed: v.departed, inSystem: v.inSystem });
    expect(r.events).toBe(v.events);
    sim.runUntil(20);
    expect([v.now, v.arrived, v.departed, v.inSystem]).toEqual([20, 6, 6, 0]);
    expect(sim.pools).toBe(v.pools);
    expect(sim.ent).toBe(v.ent);
  });

  test('cannot be written through (type check)', () => {
    const sim = new Simulation(model(), { seed: 1, horizon: 20 });
    const v = sim.view;
    const writes = [
      // @ts-expect-error the view's counts are read-only
      () => { v.arrived = 0; },
      // @ts-expect-error a pool seen through the view is read-only
      () => { v.pools[0].inUse = 0; },
      // @ts-expect-error the pool list is read-only
      () => { v.pools.pop(); },
      // @ts-expect-error entity arrays are read-only
      () => { v.ent.state[0] = 0; },
      // @ts-expect-error so are the per-class counts
      () => { v.arrivedByClass[0] = 0; },
      // @ts-expect-error the simulation's clock is read-only
      () => { sim.now = 0; },
      // @ts-expect-error a tally seen through the view cannot take observations
      () => { v.outputs[0].add(1); },
    ];
    expect(writes.length).toBe(7); // never called: the guarantee is the type check
  });
});
