// Did not attend (DNA) on a waiting list: the booked time is lost, the patient goes back
// on the list keeping their referral date, or out after their N-th DNA.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs, DNA_DISCHARGED, type ElectiveService } from '../../../engine/hospital/elective.ts';

const W = 168;

/** One theatre open Mondays 08:00–12:00 (four 1-hour cases), a roomy ward, a day's stay. */
function list(extra: Partial<ElectiveService>) {
  const model = new Model()
    .pool('ward', { capacity: 100 })
    .pool('th1', { capacity: 0, schedule: { period: W, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'list', referrals: [{ class: 'routine', priority: 3, times: [1, 2] }],
    planned: d(1), actualRatio: d(1), ward: 'ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(24), ...extra,
  });
  return model.compile();
}

describe('DNAs on a waiting list (by hand)', () => {
  test('never attending, discharged at the second DNA: booked two Mondays running, then out; the theatre idle', () => {
    const r = new Simulation(list({ dna: { probability: 1, dischargeAfter: 2 } }), { seed: 1, horizon: 4 * W }).run();
    const out = electiveOutputs('list');
    expect(r.outputs[out.dna].count).toBe(4); // two patients, Mondays of weeks 0 and 1
    expect(r.outputs[out.dnaDischarged].count).toBe(2);
    // Discharged at the second call-in, 07:00 of week 1: 174 h after referral at 1 h and 2 h.
    expect([r.outputs[out.dnaDischarged].min, r.outputs[out.dnaDischarged].max]).toEqual([W + 7 - 2, W + 7 - 1]);
    expect(r.totals.exits[DNA_DISCHARGED]).toBe(2);
    expect(r.outputs[out.rtt]?.count ?? 0).toBe(0);
    expect(r.pools.th1.busy.mean).toBe(0); // the booked time is lost
    expect(r.totals.inSystem).toBe(0);
  });

  test('discharged at the first DNA, or rebooked for ever with no limit', () => {
    const once = new Simulation(list({ dna: { probability: 1, dischargeAfter: 1 } }), { seed: 1, horizon: 4 * W }).run();
    expect(once.outputs[electiveOutputs('list').dna].count).toBe(2);
    const never = new Simulation(list({ dna: { probability: 1 } }), { seed: 1, horizon: 4 * W }).run();
    expect(never.outputs[electiveOutputs('list').dna].count).toBe(8); // each of 4 Mondays, both patients
    expect(never.totals.inSystem).toBe(2);
  });

  test('a DNA keeps the referral date: treated at the next session with the wait counted from referral', () => {
    // Class "late" never attends once: probability by class; "routine" always attends.
    const model = new Model()
      .pool('ward', { capacity: 100 })
      .pool('th1', { capacity: 0, schedule: { period: W, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
    addElectiveService(model, {
      id: 'list', referrals: [{ class: 'routine', priority: 3, times: [1] }, { class: 'never', priority: 3, times: [2] }],
      planned: d(1), actualRatio: d(1), ward: 'ward', theatres: ['th1'],
      sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(24), dna: { probability: 0, byClass: { never: 1 }, dischargeAfter: 3 },
    });
    const r = new Simulation(model.compile(), { seed: 1, horizon: 3 * W + 12 }).run();
    const out = electiveOutputs('list');
    expect(r.outputs[out.rtt].count).toBe(1);
    expect(r.outputs[out.rtt].mean).toBe(8 - 1); // routine: operated Monday 08:00
    expect(r.outputsByClass[out.dna].never.count).toBe(3);
    expect(r.outputs[out.dnaDischarged].count).toBe(1); // the third DNA, week 2
    expect(r.outputs[out.attended].count).toBe(1);
  });

  test('with DNA probability p, the share of call-ins not attended: its 95% interval covers p', () => {
    // Poisson referrals at 3 a week into 4 cases a week; each call-in is an independent draw.
    const p = 0.15;
    const r = new Simulation(list({ referrals: [{ class: 'routine', priority: 3, perWeek: 3 }], dna: { probability: p } }), { seed: 7, horizon: 400 * W }).run();
    const out = electiveOutputs('list');
    const dna = r.outputs[out.dna].count, n = dna + r.outputs[out.attended].count;
    const share = dna / n, half = 1.96 * Math.sqrt((share * (1 - share)) / n);
    expect(n).toBeGreaterThan(1000);
    expect(Math.abs(share - p)).toBeLessThan(half);
  });
});
