// The live run's counters: arrivals, waiting, in service and done straight from the
// engine snapshot, and breaches (waits over the target) counted exactly, finished or not.
import { expect, test } from 'vitest';
import { LiveRun } from '../../ui/src/teach/live-run.ts';
import { Model } from '../../engine/core/model.ts';
import { seize, delay, release, exit } from '../../engine/core/pathway.ts';
import { deterministic } from '../../engine/core/distributions.ts';
import type { HospitalModel } from '../../scenarios/compile/compile.ts';

// One bay, one hour each, three patients at 0: they wait 0, 1 and 2 hours.
const tiny = (): HospitalModel => ({
  model: new Model().pool('bay', { capacity: 1 })
    .pathway('p', [seize('bay'), delay(deterministic(1)), release('bay'), exit()])
    .source('s', { pathway: 'p', times: [0, 0, 0] }).compile(),
  warmup: 0, horizon: 10, layout: undefined as unknown as HospitalModel['layout'], // the live run reads no layout
});

test('breaches: waits over the target, counted while still waiting and once served', () => {
  const run = new LiveRun(tiny(), { seed: 1, targetWait: 0.5 });
  run.runUntil(0.25);
  expect(run.frame().counters).toEqual({ arrived: 3, waiting: 2, inService: 1, breaches: 0, done: 0, left: 0 });
  run.runUntil(0.75); // two have waited 0.75 h
  expect(run.frame().counters.breaches).toBe(2);
  run.runUntil(1.5); // one served after 1 h, one still waiting 1.5 h
  expect(run.frame().counters).toEqual({ arrived: 3, waiting: 1, inService: 1, breaches: 2, done: 1, left: 0 });
  run.runUntil(10);
  expect(run.frame().counters).toEqual({ arrived: 3, waiting: 0, inService: 0, breaches: 2, done: 3, left: 0 });
  expect(run.frame().ended).toBe(true);
  const strict = new LiveRun(tiny(), { seed: 1, targetWait: 1.5 });
  strict.runUntil(10);
  expect(strict.frame().counters.breaches).toBe(1);
});

test('places: one box per finite resource, with capacity, in use and queue', () => {
  const run = new LiveRun(tiny(), { seed: 1, targetWait: 0.5 });
  run.runUntil(0.5);
  const f = run.frame();
  expect(run.places).toEqual([{ id: 'bay', kind: 'pool' }]);
  expect(f.places).toEqual([{ capacity: 1, inUse: 1, queue: 2 }]);
  expect([...f.serials].sort()).toEqual([1, 2, 3]);
  expect([...f.where]).toEqual([0, 0, 0]);
  expect([...f.waiting].filter(Boolean).length).toBe(2);
});
