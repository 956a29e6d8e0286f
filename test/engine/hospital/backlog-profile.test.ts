// A starting list given as an age profile: exactly the stated patients in each band of
// weeks waited, by class, on the list at time 0, and booked longest wait first.
import { expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { deterministic as d } from '../../../engine/core/distributions.ts';
import { addElectiveService, electiveOutputs } from '../../../engine/hospital/elective.ts';

const W = 168;

function backlog(bands: { class: string; patients: number; fromHours: number; toHours: number }[]) {
  const model = new Model()
    .pool('ward', { capacity: 100 })
    .pool('th1', { capacity: 0, schedule: { period: W, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } });
  addElectiveService(model, {
    id: 'mri', referrals: [{ class: 'urgent', priority: 1, times: [] }, { class: 'routine', priority: 3, times: [] }],
    planned: d(1), actualRatio: d(1), ward: 'ward', theatres: ['th1'],
    sessions: [{ theatre: 0, start: 8, end: 12 }], los: d(1), initialBands: bands,
  });
  // What the list holds at time 0 (after the backlog arrives): weeks waited and priority per patient.
  const seen: { weeks: number; priority: number }[] = [];
  model.controller('look', { times: [0], act: (c) => {
    for (const e of c.members('list:mri')) seen.push({ weeks: (c.now - c.attr(e, 'referred')) / W, priority: c.priority(e) });
  } });
  return { model: model.compile(), seen };
}

test('each band holds exactly its patients at time 0, of the stated class, their waits inside the band', () => {
  const bands = [
    { class: 'urgent', patients: 7, fromHours: 0, toHours: 2 * W },
    { class: 'routine', patients: 40, fromHours: 0, toHours: 6 * W },
    { class: 'routine', patients: 25, fromHours: 6 * W, toHours: 13 * W },
    { class: 'routine', patients: 3, fromHours: 52 * W, toHours: 60 * W },
  ];
  const { model, seen } = backlog(bands);
  const r = new Simulation(model, { seed: 3, horizon: 1 }).run();
  expect(seen.length).toBe(75);
  const count = (p: number, from: number, to: number) => seen.filter((x) => x.priority === p && x.weeks >= from && x.weeks <= to).length;
  expect([count(1, 0, 2), count(3, 0, 6), count(3, 6, 13), count(3, 52, 60)]).toEqual([7, 40, 25, 3]);
  // The daily census at day 0 sees the same: 72 of 75 within 18 weeks, 3 over 52.
  const out = electiveOutputs('mri');
  expect(r.outputs[`${out.census}.within18w`].mean).toBe(72 / 75);
  expect(r.outputs[`${out.census}.over52w`].mean).toBe(3);
});

test('the first session takes the urgent patients first, then the longest routine waiters', () => {
  const { model } = backlog([
    { class: 'routine', patients: 10, fromHours: 0, toHours: 6 * W },
    { class: 'routine', patients: 2, fromHours: 52 * W, toHours: 53 * W },
    { class: 'urgent', patients: 1, fromHours: 0, toHours: W },
  ]);
  const r = new Simulation(model, { seed: 1, horizon: 13 }).run();
  // Four 1-hour cases on Monday 08:00–12:00: the urgent one, the two over 52 weeks, one more.
  const rtt = r.outputs[electiveOutputs('mri').rtt];
  expect(rtt.count).toBe(4);
  expect(rtt.max).toBeGreaterThan(52 * W);
  expect(rtt.min).toBeLessThan(W + 12);
});
