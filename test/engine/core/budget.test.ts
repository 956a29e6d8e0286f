// Budgets of one replication (RunOptions.maxInSystem, maxEvents) and the guard against a
// loop that takes no time: a model that outgrows them stops with an error naming the
// replication, the figure and the time, instead of taking the process's memory or time.
// Under its budgets a run is exactly the run without them.
import { describe, test, expect } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { BudgetError, RunError } from '../../../engine/core/errors.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, branch, exit } from '../../../engine/core/pathway.ts';
import { exponential } from '../../../engine/core/distributions.ts';

/** M/M/1 with arrivals `rate` an hour and service mean 1 h: unstable above rate 1. */
function mm1(rate: number, batch?: number) {
  return new Model()
    .pool('desk', { capacity: 1 })
    .pathway('visit', [seize('desk'), delay(exponential(1)), release('desk'), exit()])
    .source('walk-in', { pathway: 'visit', interarrival: exponential(1 / rate), batch })
    .compile();
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('budgets of a replication', () => {
  test('an unstable queue stops at maxInSystem, naming the replication, the budget and the time', () => {
    const sim = new Simulation(mm1(3), { seed: 1, replication: 3, horizon: 1e6, maxInSystem: 1000 });
    const e = thrown(() => sim.runUntil(sim.horizon)) as BudgetError;
    expect(e).toBeInstanceOf(BudgetError);
    expect(e).toBeInstanceOf(RunError);
    expect(e.budget).toBe('inSystem');
    expect(e.limit).toBe(1000);
    expect(e.replication).toBe(3);
    // Never more than the budget present: the arrival that would exceed it is refused.
    expect(sim.inSystem).toBe(1000);
    // About 2 patients an hour accumulate: roughly 500 h to reach 1,000.
    expect(e.time).toBeGreaterThan(300);
    expect(e.time).toBeLessThan(800);
    expect(e.message).toMatch(/^replication 3 exceeded 1,000 entities in the system at t=\d+(\.\d+)? h$/);
  });

  test('a batch that would overfill the system stops within the batch', () => {
    const sim = new Simulation(mm1(0.01, 5000), { seed: 1, horizon: 1e6, maxInSystem: 1000 });
    const e = thrown(() => sim.runUntil(sim.horizon)) as BudgetError;
    expect(e.budget).toBe('inSystem');
    expect(sim.inSystem).toBe(1000);
  });

  test('maxEvents stops a run after that many events, in runUntil and in step()', () => {
    const sim = new Simulation(mm1(0.5), { seed: 1, horizon: 1e9, maxEvents: 5000 });
    const e = thrown(() => sim.runUntil(sim.horizon)) as BudgetError;
    expect(e.budget).toBe('events');
    expect(e.message).toMatch(/^replication 0 exceeded 5,000 events at t=/);
    const stepped = new Simulation(mm1(0.5), { seed: 1, horizon: 1e9, maxEvents: 100 });
    let steps = 0;
    const s = thrown(() => { for (;;) { stepped.step(); steps++; } }) as BudgetError;
    expect(s.budget).toBe('events');
    expect(steps).toBe(100);
  });

  test('within its budgets a run is exactly the run without them', () => {
    const free = new Simulation(mm1(0.8), { seed: 7, horizon: 10_000 }).run();
    const bounded = new Simulation(mm1(0.8), { seed: 7, horizon: 10_000, maxInSystem: 10_000, maxEvents: 1e7 }).run();
    expect(bounded.pools.desk.waits.mean).toBe(free.pools.desk.waits.mean);
    expect(bounded.totals).toEqual(free.totals);
  });

  test('budgets must be numbers ≥ 0', () => {
    expect(() => new Simulation(mm1(1), { seed: 1, maxEvents: -1 })).toThrow(/maxInSystem\/maxEvents: expected ≥ 0/);
  });
});

describe('a loop that takes no time', () => {
  test('a branch back to itself stops the run with a message naming the step, instead of spinning for ever', () => {
    const model = new Model()
      .pool('desk', { capacity: 1 })
      .pathway('visit', [branch([{ to: 'visit', weight: 1 }]), exit()])
      .source('walk-in', { pathway: 'visit', interarrival: exponential(1) })
      .compile();
    const sim = new Simulation(model, { seed: 1, horizon: 100 });
    const e = thrown(() => sim.runUntil(100)) as RunError;
    expect(e).toBeInstanceOf(RunError);
    expect(e.message).toMatch(/^entity 1 at t=[\d.]+ h: went round a loop of steps through pathways\.visit\[0\] 1,000,000 times without time passing/);
  });
});
