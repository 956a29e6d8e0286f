// Observers that keep nothing (an event log written as it goes) may be handed one reused
// event object: the same events, field for field, as a keeping observer gets, and fresh
// objects again as soon as any observer may keep them.
import { describe, test, expect } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { delay, exit, seize, release } from '../../../engine/core/pathway.ts';
import { exponential } from '../../../engine/core/distributions.ts';
import type { SimEvent } from '../../../engine/core/results.ts';

const model = () => new Model()
  .pool('bed', { capacity: 2 })
  .pathway('p', [seize('bed'), delay(exponential(3)), release('bed'), exit({ label: 'out' })])
  .source('a', { pathway: 'p', interarrival: exponential(1) })
  .compile();

describe('observe(fn, { transient: true })', () => {
  test('alone: one object every time, its fields those of the events a keeping observer sees; results unchanged', () => {
    const kept = new Simulation(model(), { seed: 3, horizon: 200 });
    const events: SimEvent[] = [];
    kept.observe((e) => events.push(e));
    const a = kept.run();

    const sim = new Simulation(model(), { seed: 3, horizon: 200 });
    const seen: SimEvent[] = [], objects = new Set<SimEvent>();
    sim.observe((e) => { objects.add(e); seen.push({ ...e }); }, { transient: true });
    const b = sim.run();
    expect(seen.length).toBeGreaterThan(100);
    expect(seen).toEqual(events);
    expect(objects.size).toBe(1);
    expect(b).toEqual(a);
    expect(new Set(events).size).toBe(events.length);
  });

  test('with a keeping observer too, every event is a fresh object again; unsubscribing it makes the reuse come back', () => {
    const sim = new Simulation(model(), { seed: 3, horizon: 200 });
    const transient = new Set<SimEvent>();
    sim.observe((e) => { transient.add(e); }, { transient: true });
    const kept: SimEvent[] = [];
    const stop = sim.observe((e) => kept.push(e));
    sim.runUntil(100);
    expect(new Set(kept).size).toBe(kept.length);
    stop();
    const before = transient.size;
    sim.runUntil(200);
    expect(transient.size).toBe(before + 1);
  });
});
