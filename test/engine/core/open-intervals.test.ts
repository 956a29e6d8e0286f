// A record step's interval can stay open while a pool is held (RecordStep.openWhileHolding):
// at the end of the window, open intervals already over the target are counted as over it
// (`within.openOver`), so a share within a target does not leave out the longest waits.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, record, set, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import { ModelError } from '../../../engine/core/errors.ts';

const d = deterministic;
/** Arrivals at 0, 1, …, 9; one server, 2 h each; the clock held from arrival to the end of service. */
function line(extra: Parameters<typeof record>[2]) {
  return new Model()
    .pool('clock', { capacity: Infinity })
    .pool('server', { capacity: 1 })
    .pathway('p', [seize('clock'), set('t0', 'now'), seize('server'), delay(d(2)), release('server'), release('clock'), record('visit', 't0', extra), exit()])
    .source('s', { pathway: 'p', times: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
}

describe('open intervals over the target', () => {
  test('counted at the end of the window when over the target, not when under it; the tally is of closed intervals only', () => {
    // Patient k is served from 2k and leaves at 2k + 2 after k + 2 hours: k = 0 … 3 leave
    // before 10 (k = 0, 1, 2 within 4 h). At 10, k = 4 … 9 have been there 6, 5, 4, 3, 2, 1 h.
    const r = new Simulation(line({ within: 4, openWhileHolding: 'clock' }).compile(), { seed: 1, horizon: 10 }).run();
    expect(r.outputs.visit.count).toBe(4);
    expect(r.outputs.visit.within).toEqual({ hours: 4, count: 3, fraction: 0.5, openOver: 2 });
    expect(r.outputsByClass.visit.default.within).toEqual({ hours: 4, count: 3, fraction: 0.5, openOver: 2 });
  });

  test('without openWhileHolding nothing changes: closed intervals only, no openOver field', () => {
    const r = new Simulation(line({ within: 4 }).compile(), { seed: 1, horizon: 10 }).run();
    expect(r.outputs.visit.within).toEqual({ hours: 4, count: 3, fraction: 0.75 });
  });

  test('needs a target, a known pool, and the started rule', () => {
    expect(() => line({ openWhileHolding: 'clock' }).compile()).toThrow(ModelError);
    expect(() => line({ within: 4, openWhileHolding: 'nowhere' }).compile()).toThrow(/unknown pool "nowhere"/);
    expect(() => line({ within: 4, openWhileHolding: 'clock', countWhen: 'ended' }).compile()).toThrow(/countWhen "ended"/);
  });
});
