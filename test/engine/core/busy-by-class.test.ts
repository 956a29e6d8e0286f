// Busy hours of a skilled pool by the class served (SkilledPoolDef.busyByClass): each
// task's hours go to the class of the patient, over the measured window; a task still
// running at the end counts up to it.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';

const task = (hours: number) => [seize('staff', { skill: 'see' }), delay(deterministic(hours)), release('staff'), exit()];

function model(busyByClass: boolean) {
  return new Model()
    .skilledPool('staff', { members: [{ id: 'a', role: 'nurse', skills: ['see'] }, { id: 'b', role: 'nurse', skills: ['see'] }], ...(busyByClass ? { busyByClass } : {}) })
    .pathway('short', task(2)).pathway('long', task(5))
    .source('x', { pathway: 'short', class: 'minor', times: [0, 1, 6] })
    .source('y', { pathway: 'long', class: 'major', times: [3, 8] })
    .compile();
}

describe('busy hours by class', () => {
  test('each task counts for its class; the one running at the horizon up to it', () => {
    // minor: 0–2, 1–3, 6–8 = 6 h; major: 3–8 and 8–10 of 8–13 = 7 h.
    const r = new Simulation(model(true), { seed: 1, horizon: 10 }).run();
    expect(r.skilledPools.staff.busyHoursByClass).toEqual({ minor: 6, major: 7 });
    const busy = Object.values(r.skilledPools.staff.members).reduce((a, m) => a + m.busyHours, 0);
    expect(busy).toBe(13);
  });

  test('over the window after warm-up only', () => {
    const r = new Simulation(model(true), { seed: 1, warmup: 2, horizon: 10 }).run();
    // minor: 2–3, 6–8 = 3 h (0–2 is in warm-up); major: 3–8, 8–10 = 7 h.
    expect(r.skilledPools.staff.busyHoursByClass).toEqual({ minor: 3, major: 7 });
  });

  test('not kept unless asked: the results are otherwise the same', () => {
    const a = new Simulation(model(false), { seed: 1, horizon: 10 }).run();
    const b = new Simulation(model(true), { seed: 1, horizon: 10 }).run();
    expect(a.skilledPools.staff.busyHoursByClass).toBeUndefined();
    const { busyHoursByClass: _, ...rest } = b.skilledPools.staff;
    expect(rest).toEqual(a.skilledPools.staff);
  });
});
