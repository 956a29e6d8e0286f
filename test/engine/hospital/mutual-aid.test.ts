// Mutual aid: long waiters are offered the list expected to treat them sooner, up to a weekly cap.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs, type ElectiveService } from '../../../engine/hospital/elective.ts';
import { addMutualAid, mutualAidOutputs, theatreAidList, weeklyCapacity } from '../../../engine/hospital/mutual-aid.ts';

function twoTrusts(acceptance: number, referralsToA: number[]) {
  const model = new Model()
    .pool('a-ward', { capacity: 10 }).pool('a-th', { capacity: 0 })
    .pool('b-ward', { capacity: 10 })
    .pool('b-th', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  const common = { planned: d(1), actualRatio: d(1), los: d(24) };
  const a: ElectiveService = { id: 'a', referrals: [{ class: 'p2', priority: 2, times: referralsToA }], ward: 'a-ward', theatres: ['a-th'], sessions: [], ...common };
  const b: ElectiveService = { id: 'b', referrals: [], ward: 'b-ward', theatres: ['b-th'], sessions: [{ theatre: 0, start: 8, end: 12 }], ...common };
  addElectiveService(model, a);
  addElectiveService(model, b);
  addMutualAid(model, { id: 'region', services: [a, b].map(theatreAidList), thresholdWeeks: 0, acceptance, transferDelay: d(1), weeklyCap: 3, marginWeeks: 0 });
  return { model: model.compile(), a, b };
}

describe('mutual aid (by hand)', () => {
  test('the three longest waiters move to the list that can treat them, then are booked there', () => {
    // Ten referrals to A, which has no sessions, at 0–9 h. Monday 09:00: nine have waited > 0;
    // B is expected to treat sooner; the cap lets three go (the longest: 1, 2, 3), joining B at 10:00;
    // B's Monday 07:00 booking (175 h) takes them.
    const { model, b } = twoTrusts(1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(weeklyCapacity(b)).toBe(4);
    const sim = new Simulation(model, { seed: 1, horizon: 200 });
    const log: string[] = [];
    sim.observe((e) => { if (e.type === 'take') log.push(`${e.time} take ${e.entity} ${e.pool}`); });
    const r = sim.run();
    expect(log).toEqual([
      '9 take 1 list:a', '9 take 2 list:a', '9 take 3 list:a',
      '175 take 1 list:b', '175 take 2 list:b', '175 take 3 list:b',
      // The next Monday 09:00 (177 h), three more under the weekly cap.
      '177 take 4 list:a', '177 take 5 list:a', '177 take 6 list:a',
    ]);
    expect(r.outputs[mutualAidOutputs('region').transfers].count).toBe(6);
    expect(r.outputs[electiveOutputs('b').rtt].count).toBe(3);
    expect(r.stores['list:a'].now).toBe(4);
  });

  test('nobody moves when nobody accepts; offers are still counted', () => {
    const { model } = twoTrusts(0, [0, 1, 2]);
    const r = new Simulation(model, { seed: 1, horizon: 100 }).run();
    expect(r.outputs[mutualAidOutputs('region').offers].count).toBe(3);
    expect(r.outputs[mutualAidOutputs('region').transfers]?.count ?? 0).toBe(0);
    expect(r.stores['list:a'].now).toBe(3);
  });

  test('a patient who declines is not asked again the next week', () => {
    // Three long waiters, nobody accepts: offered on Monday 09:00 (9 h), not again at 177 h.
    const { model } = twoTrusts(0, [0, 1, 2]);
    const r = new Simulation(model, { seed: 1, horizon: 200 }).run();
    expect(r.outputs[mutualAidOutputs('region').offers].count).toBe(3);
    expect(r.stores['list:a'].now).toBe(3);
  });
});
