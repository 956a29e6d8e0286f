// Case mix on one list and session templates, worked by hand: procedures with their own
// case times and stays, and sessions booked to a template ("2 primaries or 1 revision").
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, type ElectiveService } from '../../../engine/hospital/elective.ts';

const W = 168;

/** One theatre Mondays 08:00–16:00 (8 hours), a roomy ward; primaries 2 h and 2 days' stay, revisions 3 h and 5 days. */
function ortho(extra: Partial<ElectiveService>) {
  const model = new Model()
    .pool('ward', { capacity: 100 })
    .pool('th1', { capacity: 0, schedule: { period: W, points: [{ at: 8, capacity: 1 }, { at: 16, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'ortho', referrals: [{ class: 'routine', priority: 3, perWeek: 0.001 }],
    planned: d(2), actualRatio: d(1), ward: 'ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 16 }], los: d(48),
    initialList: { patients: 200, age: d(10 * W) },
    caseMix: [{ procedure: 'primary', share: 0.7 }, { procedure: 'revision', share: 0.3, planned: d(3), los: d(120) }],
    ...extra,
  });
  return model.compile();
}

describe('case mix and session templates (by hand)', () => {
  test('a fixed template, 2 primaries a session, though 4 would fit: exactly 2 a week, each with its own stay', () => {
    const r = new Simulation(ortho({ templates: [{ probability: 1, cases: [2, 0] }] }), { seed: 1, horizon: 10 * W }).run();
    expect(r.outputs['operated:ortho/primary'].count).toBe(20);
    expect(r.outputs['operated:ortho/revision'].count).toBe(0);
    // Two 2-hour cases of an 8-hour session.
    expect(r.pools.th1.busy.mean * 10 * W).toBeCloseTo(10 * 4, 9);
  });

  test('"2 primaries or 1 revision", chosen by probability: the share of revision sessions near its probability', () => {
    const weeks = 2000;
    const r = new Simulation(ortho({
      referrals: [{ class: 'routine', priority: 3, perWeek: 3 }],
      templates: [{ probability: 0.6, cases: [2, 0] }, { probability: 0.4, cases: [0, 1] }],
    }), { seed: 5, horizon: weeks * W }).run();
    const revisions = r.outputs['operated:ortho/revision'].count, primaries = r.outputs['operated:ortho/primary'].count;
    // Every session fills (the list only grows: 3 referrals a week, at most 2 operated): one revision or two primaries.
    expect(revisions + primaries / 2).toBe(weeks);
    const share = revisions / weeks, half = 1.96 * Math.sqrt((0.4 * 0.6) / weeks);
    expect(Math.abs(share - 0.4)).toBeLessThan(half);
  });

  test('each procedure its own case time and stay: one revision a week holds a bed 07:00 call-in + 1 h + 3 h surgery + 5 days', () => {
    const r = new Simulation(ortho({ templates: [{ probability: 1, cases: [0, 1] }] }), { seed: 1, horizon: 10 * W }).run();
    expect(r.outputs['operated:ortho/revision'].count).toBe(10);
    expect(r.pools.ward.busy.mean * 10 * W).toBeCloseTo(10 * (1 + 3 + 120), 9);
  });

  test('a total across procedures: at most 2 cases of either kind', () => {
    const r = new Simulation(ortho({ templates: [{ probability: 1, cases: [2, 2], total: 2 }] }), { seed: 1, horizon: 10 * W }).run();
    expect(r.outputs['operated:ortho/primary'].count + r.outputs['operated:ortho/revision'].count).toBe(20);
  });
});
