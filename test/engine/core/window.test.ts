// The measured window is half-open, [warm-up, horizon): an arrival, a departure, a wait
// or a controller's observation at exactly the horizon belongs to the next window, not to
// this one, and the state at the end is the state just before the horizon.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import { compileScenario } from '../../../scenarios/compile/compile.ts';
import { replicationKpis } from '../../../scenarios/kpis/replication.ts';
import { ScenarioCoreSchema } from '../../../scenarios/schema/scenario.ts';

const d = deterministic;
const serve = (hours: number) => [seize('server'), delay(d(hours)), release('server'), exit()];

describe('the window is [warm-up, horizon)', () => {
  // Was: arrivals at t = horizon were counted (3 here), and their patients were in the system at the end.
  test('an arrival at exactly the horizon is not counted', () => {
    const model = new Model().pool('server', { capacity: 5 }).pathway('p', serve(1)).source('s', { pathway: 'p', times: [0, 5, 10] });
    const r = new Simulation(model.compile(), { seed: 1, horizon: 10 }).run();
    expect(r.classes.default.arrived).toBe(2);
    expect(r.totals).toMatchObject({ arrived: 2, departed: 2, inSystem: 0 });
    expect(r.pools.server.requests).toBe(2);
  });

  // Was: the departure at t = 10 was counted, and the wait of the patient served at t = 10 too.
  test('a departure and a wait ending at exactly the horizon are not counted; the patient is still in the system', () => {
    const model = new Model().pool('server', { capacity: 1 }).pathway('p', serve(10)).source('s', { pathway: 'p', times: [0, 0] });
    const r = new Simulation(model.compile(), { seed: 1, horizon: 10 }).run();
    expect(r.classes.default).toMatchObject({ arrived: 2, departed: 0, inSystem: 2 });
    expect(r.classes.default.timeInSystem.count).toBe(0);
    expect(r.pools.server.waits.count).toBe(1); // the first, served at once; the second would be served at 10
    expect(r.pools.server.completed).toBe(0);
  });

  test('with a warm-up, an arrival at exactly its end is in the window', () => {
    const model = new Model().pool('server', { capacity: 5 }).pathway('p', serve(1)).source('s', { pathway: 'p', times: [2, 4, 6] });
    const r = new Simulation(model.compile(), { seed: 1, warmup: 4, horizon: 6 }).run();
    expect(r.classes.default).toMatchObject({ arrived: 1, departed: 1, inSystemAtStart: 0, inSystem: 0 });
  });

  // Was: a controller scheduled every 24 h from 0 recorded at the horizon too: 4 observations in 3 days.
  test('a daily observation at exactly the horizon is not recorded', () => {
    const model = new Model().pathway('p', [exit()]).source('s', { pathway: 'p', times: [0] }).controller('census', { times: [0], repeatEvery: 24, act: (c) => c.record('census', c.now) });
    const r = new Simulation(model.compile(), { seed: 1, warmup: 24, horizon: 96 }).run();
    expect(r.outputs.census.count).toBe(3); // at 24, 48, 72
    expect(r.outputs.census.max).toBe(72);
  });

  test('a time series still ends with a sample at the horizon: the state just before it', () => {
    const model = new Model().pool('server', { capacity: 1 }).pathway('p', serve(10)).source('s', { pathway: 'p', times: [0] });
    const r = new Simulation(model.compile(), { seed: 1, horizon: 10, sampleEvery: 5 }).run();
    expect(r.series!.times).toEqual([0, 5, 10]);
    expect(r.series!.pools.server.busy).toEqual([1, 1, 1]); // the release at 10 is outside the window
  });

  test('runUntil a time before the horizon processes the events at it; stepping stops before the horizon', () => {
    const model = new Model().pool('server', { capacity: 5 }).pathway('p', serve(1)).source('s', { pathway: 'p', times: [0, 5, 10] });
    const sim = new Simulation(model.compile(), { seed: 1, horizon: 10 });
    sim.runUntil(5);
    expect(sim.snapshot()).toMatchObject({ time: 5, arrived: 2 });
    while (sim.step());
    expect(sim.snapshot()).toMatchObject({ arrived: 2, departed: 2 });
    expect(sim.nextEventTime()).toBe(10);
    expect(sim.run().totals.arrived).toBe(2);
  });

  // Was: the reference-case runner measured its window with runUntil(end) on a run with no
  // horizon (it runs on to drain), so an arrival at exactly the end was in the window.
  test('runBefore(t) measures the window [warm-up, t) inside a longer run, then the run goes on', () => {
    const model = new Model().pool('server', { capacity: 5 }).pathway('p', serve(1)).source('s', { pathway: 'p', times: [0, 5, 10] });
    const sim = new Simulation(model.compile(), { seed: 1, horizon: Infinity });
    sim.runBefore(10);
    const window = sim.results();
    expect(window.end).toBe(10);
    expect(window.classes.default).toMatchObject({ arrived: 2, departed: 2, inSystem: 0 });
    sim.runUntil(Infinity);
    expect(sim.results().totals).toMatchObject({ arrived: 3, departed: 3 });
  });

  // Was: a booked patient at 00:00 of day 7 of a 7-day run was an arrival (15 instead of 14).
  test('hospital: a booked appointment at exactly the horizon is not an arrival', () => {
    const s = ScenarioCoreSchema.parse({
      id: 't', title: 't', time: { horizonDays: 7 },
      sites: [{ id: 's', wards: [], staff: [{ role: 'doctor', skills: ['see'], count: 1 }] }],
      classes: [{ id: 'booked', site: 's', arrivals: { appointments: { slots: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '00:30', everyMinutes: 15 }] } }, pathway: 'p' }],
      pathways: { p: [{ id: 'see', do: 'task', skill: 'see', duration: { dist: 'deterministic', value: 10, unit: 'minutes' } }, { id: 'out', do: 'discharge' }] },
    });
    const c = compileScenario(s);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const sim = new Simulation(c.value.model, { seed: 1, horizon: c.value.horizon });
    const k = replicationKpis(sim.run(), c.value.layout);
    expect(k['arrivals[booked]']).toBe(14);
    expect(k['completed[booked]']).toBe(14);
  });
});
