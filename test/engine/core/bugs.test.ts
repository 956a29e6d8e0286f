// Regression tests: engine bugs found while building the validation adapter
// (validation), now fixed.
import { expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { exponential } from '../../../engine/core/distributions.ts';

// Was: results() is documented as "a plain JSON document of one replication's outputs", but its
// `series` shared the simulation's live arrays: a result taken mid-run (stepping, a
// snapshot at the horizon before draining) keeps growing as the run goes on.
test('results() taken mid-run is a snapshot: its series does not grow afterwards', () => {
  const model = new Model()
    .pool('bed', { capacity: 1 })
    .pathway('stay', [seize('bed'), delay(exponential(1)), release('bed'), exit()])
    .source('admissions', { pathway: 'stay', interarrival: exponential(2) })
    .compile();
  const sim = new Simulation(model, { seed: 1, horizon: 10, sampleEvery: 1 });
  sim.runUntil(5);
  const early = sim.results();
  const samples = early.series!.times.length; // t = 0, 1, …, 5
  sim.runUntil(10);
  expect(early.series!.times.length).toBe(samples);
});
