// Facilitator changes become part of the model from the time they are made: the run up to
// that time is untouched, the change takes effect at that time, and replaying the log
// from the start gives the same run as making the changes live.
import { describe, expect, test } from 'vitest';
import { LiveRun } from '../../ui/src/teach/live-run.ts';
import { applyChanges, changeablePools, dutyWindows, withCapacityFrom, withoutInterval, type SessionChange } from '../../ui/src/teach/session-changes.ts';
import { capacityAt, Simulation } from '../../engine/core/simulation.ts';
import { Model } from '../../engine/core/model.ts';
import { seize, delay, release, exit } from '../../engine/core/pathway.ts';
import { deterministic } from '../../engine/core/distributions.ts';
import { opened } from './helpers.ts';

const clinic = () => opened().model;
const staff = (at: number, delta: number, until?: number): SessionChange => ({ kind: 'staff', at, team: 'clinic/staff', role: 'clinician', delta, ...(until !== undefined ? { until } : {}) });
const state = (r: LiveRun) => { const f = r.frame(); return { time: f.time, counters: f.counters, places: f.places, serials: [...f.serials], where: [...f.where] }; };

describe('a change at time T', () => {
  test.each([9.75, 10.2, 24 + 9.6, 72 + 11])('leaves the run before T = %s h exactly as it was', (at) => {
    const h = clinic();
    for (const change of [staff(at, 1), staff(at, -1), staff(at, 2, at + 1)]) {
      const plain = new LiveRun(h, { seed: 3, targetWait: 0.5 });
      const changed = new LiveRun(h, { seed: 3, targetWait: 0.5, changes: [change] });
      // Every event before T, one at a time: same clock, same patients in the same places.
      while (plain.nextEventTime() < at) {
        plain.step();
        changed.step();
        expect(state(changed)).toEqual(state(plain));
      }
    }
  });

  test('+1 clinician for 2 hours: on duty from T to T + 2 h, then back to the roster', () => {
    const run = new LiveRun(clinic(), { seed: 1, targetWait: 0.5, changes: [staff(9.75, 1, 11.75)] });
    run.runUntil(9.74);
    expect(run.sim.snapshot().skilledPools[0].onDuty).toBe(2);
    run.runUntil(9.75);
    expect(run.sim.snapshot().skilledPools[0].onDuty).toBe(3);
    run.runUntil(11.74);
    expect(run.sim.snapshot().skilledPools[0].onDuty).toBe(3);
    run.runUntil(11.76);
    expect(run.sim.snapshot().skilledPools[0].onDuty).toBe(2);
    run.runUntil(24 + 10); // the next morning: the roster alone
    expect(run.sim.snapshot().skilledPools[0].onDuty).toBe(2);
  });

  test('−1 clinician from now on: one on duty for the rest of the run, and waits grow', () => {
    const h = clinic();
    const plain = new LiveRun(h, { seed: 1, targetWait: 0.5 });
    const fewer = new LiveRun(h, { seed: 1, targetWait: 0.5, changes: [staff(9.75, -1)] });
    for (const r of [plain, fewer]) r.runUntil(3 * 24 + 10);
    expect(fewer.sim.snapshot().skilledPools[0].onDuty).toBe(1);
    expect(plain.sim.snapshot().skilledPools[0].onDuty).toBe(2);
    expect(fewer.frame().counters.breaches).toBeGreaterThan(plain.frame().counters.breaches);
  });

  test('taking off more staff than are on duty names the problem', () => {
    expect(() => applyChanges(clinic().model, [staff(9.75, -3)], 672)).toThrow(/only 2 clinician on duty to take off, asked for 3/);
    expect(() => applyChanges(clinic().model, [{ kind: 'capacity', at: 1, pool: 'nope', capacity: 2 }], 672)).toThrow(/no pool "nope"/);
  });

  test('more capacity at T serves the queue at T (a one-off point of the pool schedule)', () => {
    // One server, three patients at time 0, one hour each: at 0.5 h two are waiting.
    const model = new Model().pool('bay', { capacity: 1 })
      .pathway('p', [seize('bay'), delay(deterministic(1)), release('bay'), exit()])
      .source('s', { pathway: 'p', times: [0, 0, 0] }).compile();
    const seizes: number[] = [];
    const sim = new Simulation(applyChanges(model, [{ kind: 'capacity', at: 0.5, pool: 'bay', capacity: 3 }], 10), { seed: 1, horizon: 10 });
    sim.observe((e) => { if (e.type === 'seize') seizes.push(e.time); });
    sim.runUntil(10);
    expect(seizes).toEqual([0, 0.5, 0.5]);
    expect(sim.departed).toBe(3);
  });

  test('a repeating schedule is unrolled up to T and holds the new capacity after', () => {
    const pool = { id: 'theatre', index: 0, capacity: 1, discipline: 'fifo' as const, queueLimit: Infinity, preemptOnDrop: false, profile: null,
      schedule: { period: 24, times: [8, 17], capacities: [1, 0] } };
    const changed = withCapacityFrom(pool, 50, 2);
    for (const t of [0, 7.9, 8, 16.9, 17, 24 + 8, 41, 48 + 1, 49.9]) expect(capacityAt(changed.schedule!, t)).toBe(capacityAt(pool.schedule, t));
    for (const t of [50, 56, 200]) expect(capacityAt(changed.schedule!, t)).toBe(2);
  });

  test('duty windows: weekly shifts unrolled, an interval cut out', () => {
    const w = dutyWindows({ period: 168, on: [[9.5, 13], [33.5, 37]] }, 200);
    expect(w.slice(0, 3)).toEqual([[9.5, 13], [33.5, 37], [177.5, 181]]);
    expect(withoutInterval([[9.5, 13], [33.5, 37]], 10, 34)).toEqual([[9.5, 10], [34, 37]]);
  });
});

test('replaying the session log from the start equals making the changes live', () => {
  const h = clinic();
  const log = [staff(9.75, 1, 11), { ...staff(24 + 9.6, -1) }];
  // Live: play to each change, rebuild with the log so far, run on (what the worker does).
  let live = new LiveRun(h, { seed: 7, targetWait: 0.5 });
  for (let k = 0; k < log.length; k++) {
    live.runUntil(log[k].at);
    live = new LiveRun(h, { seed: 7, targetWait: 0.5, changes: log.slice(0, k + 1) });
    live.runUntil(log[k].at);
  }
  live.runUntil(3 * 24 + 10.5);
  const replay = new LiveRun(h, { seed: 7, targetWait: 0.5, changes: log });
  replay.runUntil(3 * 24 + 10.5);
  expect(state(replay)).toEqual(state(live));
});

test('the change panel offers wards and cubicles, not unlimited clocks or session-scheduled theatres', () => {
  const hub = opened({ scenario: { library: 'surgical-hub' } }).model.model;
  expect(changeablePools(hub)).toEqual(['dgh/ed-trolleys', 'dgh/ortho']);
});
