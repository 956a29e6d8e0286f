// Booking, on-the-day cancellation and the return to the list, on a case worked by hand.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d, uniform } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs } from '../../../engine/hospital/elective.ts';

/** One bed, one theatre open Mondays 08:00–12:00, planned and actual case time 1.5 h, a day's stay. */
function clinic(referrals: { class: string; priority: number; times: number[] }[]) {
  const model = new Model()
    .pool('ortho-ward', { capacity: 1 })
    .pool('th1', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'ortho',
    referrals,
    planned: d(1.5),
    actualRatio: d(1),
    ward: 'ortho-ward',
    theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }],
    los: d(24),
  });
  return model.compile();
}

describe('elective booking (by hand)', () => {
  // Referrals: #1 P2 at 1 h, #2 P2 at 2 h, #3 P1 at 3 h. Monday 07:00 booking fills the
  // 4-hour session by priority then referral: #3 (1.5 h), #1 (1.5 h); #2 does not fit.
  // #3 takes the bed at 07:00; #1 finds none by 08:00: cancelled, back to the list.
  // #3 operated 08:00–09:30, home at 33:30. Next Monday: #1 then #2 booked; the bed is free
  // for #1 at 175 h; #2 finds none by 176 h: cancelled. #1 operated 176–177.5 h.
  const referrals = [
    { class: 'p2', priority: 2, times: [1, 2] },
    { class: 'p1', priority: 1, times: [3] },
  ];

  test('sessions are filled by priority, then longest wait, with planned times that fit', () => {
    const sim = new Simulation(clinic(referrals), { seed: 1, horizon: 200 });
    const log: string[] = [];
    sim.observe((e) => { if (['take', 'seize', 'renege', 'exit'].includes(e.type)) log.push(`${e.time} ${e.type} ${e.entity} ${e.pool}`); });
    const r = sim.run();
    expect(log).toEqual([
      '7 take 3 list:ortho', '7 take 1 list:ortho', '7 seize 3 ortho-ward',
      '8 renege 1 ortho-ward', '8 seize 3 th1', // the deadline comes before places are given out
      '33.5 exit 3 ',
      '175 take 1 list:ortho', '175 take 2 list:ortho', '175 seize 1 ortho-ward',
      '176 renege 2 ortho-ward', '176 seize 1 th1',
    ]);
    const out = electiveOutputs('ortho');
    expect(r.outputs[out.rtt].count).toBe(2);
    expect(r.outputs[out.rtt].mean).toBeCloseTo(((8 - 3) + (176 - 1)) / 2, 12);
    expect(r.outputs[out.noBed].count).toBe(2);
    expect(r.stores['list:ortho'].now).toBe(1); // #2, cancelled, is back on the list
  });

  test('the daily census reports list size, share within 18 weeks and over 52 weeks', () => {
    const sim = new Simulation(clinic(referrals), { seed: 1, horizon: 24 * 7 * 60 });
    const r = sim.run();
    const out = electiveOutputs('ortho');
    // Nobody waits 18 weeks here: every patient is treated within a fortnight.
    expect(r.outputs[`${out.census}.within18w`].min).toBe(1);
    expect(r.outputs[`${out.census}.over52w`].max).toBe(0);
    expect(r.outputs[`${out.census}.size`].count).toBe(420); // one census a day, days 0 to 419: the window [0, 420 days) ends before the census of day 420
  });
});

test('a delayed discharge keeps the bed for its duration and is recorded', () => {
  const model = new Model()
    .pool('ortho-ward', { capacity: 1 })
    .pool('th1', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'ortho', referrals: [{ class: 'p1', priority: 1, times: [1] }],
    planned: d(1.5), actualRatio: d(1), ward: 'ortho-ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(24),
    delayedDischarge: { probability: 1, duration: d(48) },
  });
  const sim = new Simulation(model.compile(), { seed: 1, horizon: 200 });
  const exits: number[] = [];
  sim.observe((e) => { if (e.type === 'exit') exits.push(e.time); });
  const r = sim.run();
  // Operated 08:00–09:30, 24 h stay, then 48 h medically fit but delayed: home at 81.5 h.
  expect(exits).toEqual([81.5]);
  expect(r.outputs[electiveOutputs('ortho').delayed]).toMatchObject({ count: 1, mean: 48 });
});

test('a list can start with a backlog: referral dates in the past, booked longest first', () => {
  const model = new Model()
    .pool('ortho-ward', { capacity: 10 })
    .pool('th1', { capacity: 0, schedule: { period: 168, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'ortho', referrals: [{ class: 'p4', priority: 4, perWeek: 0.001 }],
    planned: d(2), actualRatio: d(1), ward: 'ortho-ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(24),
    initialList: { patients: 30, age: uniform(0, 52 * 168) },
  });
  const sim = new Simulation(model.compile(), { seed: 1, horizon: 24 * 7 * 4 + 1 });
  const r = sim.run();
  const out = electiveOutputs('ortho');
  // Day 0 census: 30 on the list, some over 18 weeks (ages spread over a year).
  expect(r.outputs[`${out.census}.size`].max).toBe(30);
  expect(r.outputs[`${out.census}.within18w`].min).toBeLessThan(0.6);
  // Four Mondays, two 2-hour cases each: the eight longest waiters, each over 26 weeks.
  expect(r.outputs[out.rtt].count).toBe(8);
  expect(r.outputs[out.rtt].min).toBeGreaterThan(26 * 168);
});
