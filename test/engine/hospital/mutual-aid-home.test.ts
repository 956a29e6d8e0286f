// Mutual aid's home list: a patient moved keeps the code of the list they were referred
// to, and the list that treats them records them as received; own patients are the rest.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs, type ElectiveService } from '../../../engine/hospital/elective.ts';
import { addMutualAid, mutualAidOutputs, theatreAidList } from '../../../engine/hospital/mutual-aid.ts';

/** A (no sessions, class p2) sends its long waiters to B (a 4-hour Monday session, its own class q2). */
function twoTrusts(acceptance: number, toA: number[], toB: number[], cap = 3) {
  const model = new Model()
    .pool('a-ward', { capacity: 10 }).pool('a-th', { capacity: 0 })
    .pool('b-ward', { capacity: 10 })
    .pool('b-th', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  const common = { planned: d(1), actualRatio: d(1), los: d(24) };
  const a: ElectiveService = { id: 'a', referrals: [{ class: 'p2', priority: 2, times: toA }], ward: 'a-ward', theatres: ['a-th'], sessions: [], aidCode: 1, ...common };
  const b: ElectiveService = { id: 'b', referrals: [{ class: 'q2', priority: 2, times: toB }], ward: 'b-ward', theatres: ['b-th'], sessions: [{ theatre: 0, start: 8, end: 12 }], aidCode: 2, ...common };
  addElectiveService(model, a);
  addElectiveService(model, b);
  addMutualAid(model, { id: 'region', services: [a, b].map(theatreAidList), thresholdWeeks: 0, acceptance, transferDelay: d(1), weeklyCap: cap, marginWeeks: 0 });
  return model.compile();
}

describe('mutual aid: own and received patients (by hand)', () => {
  test('B treats three received patients and one of its own, with their exact waits', () => {
    // A's referrals at 1, 2, 3 h move on Monday 09:00 (the cap: three), joining B at 10 h. B's
    // own referral at 100 h. B's Monday booking (175 h) takes the four by referral date, one
    // hour each from 176 h: received waits 175 h each, B's own 179 - 100 = 79 h.
    const model = twoTrusts(1, [1, 2, 3], [100]);
    const r = new Simulation(model, { seed: 1, horizon: 200 }).run();
    const b = electiveOutputs('b');
    expect(r.outputs[b.rtt].count).toBe(4);
    expect(r.outputs[b.received].count).toBe(3);
    expect(r.outputs[b.received].mean).toBe(175);
    // Own = all minus received: (3 × 175 + 79 - 3 × 175) / 1.
    expect(r.outputs[b.rtt].mean * 4 - r.outputs[b.received].mean * 3).toBe(79);
    expect(r.outputs[mutualAidOutputs('region').flow('a', 'b')].count).toBe(3);
    expect(r.outputs[mutualAidOutputs('region').flow('b', 'a')]?.count ?? 0).toBe(0);
  });

  test('without mutual aid on a list (no aidCode) nothing is recorded as received', () => {
    const model = new Model().pool('w', { capacity: 10 })
      .pool('th', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
    addElectiveService(model, { id: 'x', referrals: [{ class: 'p2', priority: 2, times: [0, 1] }], ward: 'w', theatres: ['th'], sessions: [{ theatre: 0, start: 8, end: 12 }], planned: d(1), actualRatio: d(1), los: d(24) });
    const r = new Simulation(model.compile(), { seed: 1, horizon: 200 }).run();
    expect(r.outputs[electiveOutputs('x').rtt].count).toBe(2);
    expect(r.outputs[electiveOutputs('x').received]).toBeUndefined();
  });
});

describe('mutual aid: own + received = treated (property)', () => {
  test('received at B are exactly A\'s patients treated there; none at A; flows = transfers', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }).map((xs) => xs.sort((x, y) => x - y)),
      fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }).map((xs) => xs.sort((x, y) => x - y)),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 1000 }),
      (toA, toB, acceptance, cap, seed) => {
        const r = new Simulation(twoTrusts(acceptance, toA, toB, cap), { seed, horizon: 700 }).run();
        const a = electiveOutputs('a'), b = electiveOutputs('b');
        const treated = r.outputs[b.rtt]?.count ?? 0;
        const received = r.outputs[b.received]?.count ?? 0;
        // By class, independently of the home attribute: A's class p2 treated at B.
        const fromA = r.outputsByClass[b.rtt]?.p2?.count ?? 0;
        const own = r.outputsByClass[b.rtt]?.q2?.count ?? 0;
        expect(received).toBe(fromA);
        expect(own + received).toBe(treated);
        expect(r.outputs[a.received]?.count ?? 0).toBe(0);
        const flow = r.outputs[mutualAidOutputs('region').flow('a', 'b')]?.count ?? 0;
        expect(flow).toBe(r.outputs[mutualAidOutputs('region').transfers]?.count ?? 0);
      },
    ), { numRuns: 60 });
  });
});
