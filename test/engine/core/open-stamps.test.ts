// Intervals still open at the end (RecordStep.reportOpen): entities in the system whose
// stamp is set and at or after the warm-up, and those already over the target, reported
// beside the share within it and not counted in it. One server, 3 h each, arrivals at
// 0, 1, 2, 3: intervals 3, 5 and 7 h end at 3, 6 and 9; the fourth is still open at 10,
// stamped at 3, so 7 h and over a 4-hour target.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit, set, record } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import { ModelError } from '../../../engine/core/errors.ts';

function model(reportOpen = true, after = 0) {
  return new Model()
    .pool('p', { capacity: 1 })
    .pathway('x', [
      set('s', 'now'), seize('p'), delay(deterministic(3)), release('p'),
      record('m', 's', { within: 4, ...(reportOpen ? { reportOpen } : {}) }), set('s', NaN),
      ...(after > 0 ? [delay(deterministic(after))] : []), exit(),
    ])
    .source('in', { pathway: 'x', times: [0, 1, 2, 3] })
    .compile();
}

describe('open intervals at the end', () => {
  test('counted apart from the share: 3 measured, 1 within; 1 open and over', () => {
    const r = new Simulation(model(), { seed: 1, horizon: 10 }).run();
    expect(r.outputs.m.count).toBe(3);
    expect(r.outputs.m.within).toEqual({ hours: 4, count: 1, fraction: 1 / 3, open: { count: 1, over: 1 } });
  });

  test('an open interval within the target is open, not over', () => {
    const r = new Simulation(model(), { seed: 1, horizon: 9.5 }).run();
    // At 9.5 the fourth (stamped at 3) has run 6.5 h: over; the third ended at 9.
    expect(r.outputs.m.within!.open).toEqual({ count: 1, over: 1 });
    const early = new Simulation(model(), { seed: 1, horizon: 5 }).run();
    // At 5: the second is in service (stamped at 1, 4 h: not over 4), the third and fourth wait (3 h, 2 h).
    expect(early.outputs.m.within!.open).toEqual({ count: 3, over: 0 });
  });

  test('a patient still in the system after the interval ended is not open (the stamp was cleared)', () => {
    const r = new Simulation(model(true, 100), { seed: 1, horizon: 10 }).run();
    expect(r.outputs.m.within!.open).toEqual({ count: 1, over: 1 });
  });

  test('stamps before the warm-up are not counted, as the record does not count them', () => {
    const r = new Simulation(model(), { seed: 1, horizon: 10, warmup: 3.5 }).run();
    expect(r.outputs.m.within!.open).toEqual({ count: 0, over: 0 });
    expect(new Simulation(model(), { seed: 1, horizon: 10, warmup: 3 }).run().outputs.m.within!.open).toEqual({ count: 1, over: 1 });
  });

  test('by class as well; without the option, nothing changes and nothing is added', () => {
    const r = new Simulation(model(), { seed: 1, horizon: 10 }).run();
    expect(r.outputsByClass.m.default.within!.open).toEqual({ count: 1, over: 1 });
    const plain = new Simulation(model(false), { seed: 1, horizon: 10 }).run();
    const { open: _, ...within } = r.outputs.m.within!;
    expect(plain.outputs.m.within).toEqual(within);
  });

  test('needs a target and a stamp', () => {
    const bad = () => new Model().pathway('x', [record('m', undefined, { reportOpen: true }), exit()]).source('in', { pathway: 'x', times: [0] }).compile();
    expect(bad).toThrow(ModelError);
    expect(bad).toThrow(/reportOpen: needs a target/);
  });
});
