// Who takes a free place at one instant (calendar.ts, simulation.ts): the instant's
// releases, capacity changes, arrivals and deadlines all come in first, then the free
// places go by priority, then arrival order. Each log below was worked out from those
// rules; the comments say what the engine did before (scheduling order decided).
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { Model } from '../../../engine/core/model.ts';
import { Simulation, type RunOptions } from '../../../engine/core/simulation.ts';
import { seize, delay, release, set, exit, enter } from '../../../engine/core/pathway.ts';
import { deterministic, uniform } from '../../../engine/core/distributions.ts';
import type { SimEvent } from '../../../engine/core/results.ts';
import type { Control } from '../../../engine/core/control.ts';
import { EntityState } from '../../../engine/core/entities.ts';

const d = deterministic;

function run(model: Model, options: Partial<RunOptions> = {}) {
  const sim = new Simulation(model.compile(), { seed: 1, ...options });
  const log: string[] = [];
  sim.observe((e: SimEvent) => log.push(`${e.time} ${e.type} ${e.entity}${e.pool ? ` ${e.pool}` : ''}`));
  const result = sim.run();
  return { sim, log, result };
}

const serve = (pool: string, hours: number, extra: Parameters<typeof seize>[1] = {}) => [seize(pool, extra), delay(d(hours)), release(pool)];

describe('a free place at one instant goes by priority, then arrival order', () => {
  test('two classes booked at 00:00 for one free bed: the more urgent gets it, whatever order their events were scheduled in', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [...serve('bed', 2), exit()])
      .source('routine', { pathway: 'p', class: 'routine', priority: 4, times: [0] }) // scheduled first
      .source('urgent', { pathway: 'p', class: 'urgent', priority: 1, times: [0] });
    const { log, result } = run(model, { horizon: 10 });
    expect(log).toEqual([
      '0 arrive 1', '0 arrive 2', '0 seize 2 bed', '0 queue 1 bed', // before: '0 seize 1 bed', '0 arrive 2', '0 queue 2 bed'
      '2 release 2 bed', '2 seize 1 bed', '2 exit 2',
      '4 release 1 bed', '4 exit 1',
    ]);
    expect(result.classes.urgent.timeInSystem.mean).toBe(2);
    expect(result.classes.routine.timeInSystem.mean).toBe(4);
    expect(result.pools.bed.waits).toMatchObject({ count: 2, mean: 1, min: 0, max: 2 });
    expect(result.pools.bed.waited).toBe(1);
  });

  test('equal priority: arrival order (the order their arrivals were scheduled)', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [...serve('bed', 2), exit()])
      .source('a', { pathway: 'p', priority: 2, times: [0] })
      .source('b', { pathway: 'p', priority: 2, times: [0] });
    expect(run(model, { horizon: 10 }).log.filter((l) => /seize|queue/.test(l))).toEqual(['0 seize 1 bed', '0 queue 2 bed', '2 seize 2 bed']);
  });

  test('a lone patient to a free bed is served at once, as before: no wait, no extra event', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [...serve('bed', 2), exit()])
      .source('s', { pathway: 'p', priority: 3, times: [0, 5] });
    const { log, result } = run(model, { horizon: 10 });
    expect(log).toEqual(['0 arrive 1', '0 seize 1 bed', '2 release 1 bed', '2 exit 1', '5 arrive 2', '5 seize 2 bed', '7 release 2 bed', '7 exit 2']);
    expect(result.pools.bed.waits).toMatchObject({ count: 2, max: 0 });
  });

  test('a bed freed at 10:00 goes to an urgent 10:00 arrival before a routine patient already waiting', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [...serve('bed', 10), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [0, 1] })
      .source('urgent', { pathway: 'p', priority: 1, times: [10] });
    const { log } = run(model, { horizon: 40 });
    expect(log.filter((l) => l.startsWith('10 '))).toEqual([
      // before: the release served the routine patient, and the urgent one queued behind it
      '10 release 1 bed', '10 exit 1', '10 arrive 3', '10 seize 3 bed',
    ]);
    expect(log).toContain('20 seize 2 bed');
  });

  test('a FIFO line keeps arrival order at one instant: priority does not jump it', () => {
    const model = new Model()
      .pool('bed', { capacity: 1 })
      .pathway('p', [...serve('bed', 2), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [0] })
      .source('urgent', { pathway: 'p', priority: 1, times: [0] });
    expect(run(model, { horizon: 10 }).log.slice(0, 4)).toEqual(['0 arrive 1', '0 seize 1 bed', '0 arrive 2', '0 queue 2 bed']);
  });

  test('a batch whose patients are triaged on arrival: the bed goes to the most urgent of them', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [set('priority', uniform(0, 10)), ...serve('bed', 1), exit()])
      .source('bus', { pathway: 'p', times: [0], batch: 6 });
    const sim = new Simulation(model.compile(), { seed: 1, horizon: 20 });
    const order: number[] = [];
    sim.observe((e) => {
      if (e.type !== 'seize') return;
      const k = sim.ent.live().find((x) => sim.ent.serial[x] === e.entity)!;
      order.push(sim.ent.prio[k]);
    });
    sim.run();
    expect(order.length).toBe(6);
    expect(order).toEqual([...order].sort((a, b) => a - b)); // before: the first of the batch took the bed whatever its priority
  });

  test('the same for a member of a skilled pool: the urgent patient gets the free doctor', () => {
    const model = new Model()
      .skilledPool('doctors', { discipline: 'priority', members: [{ id: 'dr-a', role: 'doctor', skills: ['see'] }] })
      .pathway('p', [seize('doctors', { skill: 'see' }), delay(d(1)), release('doctors'), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [0, 3] })
      .source('urgent', { pathway: 'p', priority: 1, times: [0, 3] });
    const { log } = run(model, { horizon: 10 });
    expect(log.filter((l) => l.includes(' seize ') || l.includes(' queue '))).toEqual([
      '0 seize 2 doctors:dr-a', '0 queue 1 doctors', '1 seize 1 doctors:dr-a', // before: 1 first, 2 queued
      '3 seize 4 doctors:dr-a', '3 queue 3 doctors', '4 seize 3 doctors:dr-a',
    ]);
  });

  test('a doctor coming on duty at 09:00 sees the 09:00 arrivals before choosing', () => {
    const model = new Model()
      .skilledPool('doctors', { discipline: 'priority', members: [{ id: 'dr-a', role: 'doctor', skills: ['see'], shifts: { period: 24, on: [[9, 17]] } }] })
      .pathway('p', [seize('doctors', { skill: 'see' }), delay(d(1)), release('doctors'), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [8] })
      .source('urgent', { pathway: 'p', priority: 1, times: [9] });
    const { log } = run(model, { horizon: 20 });
    expect(log.filter((l) => l.includes(' seize '))).toEqual(['9 seize 2 doctors:dr-a', '10 seize 1 doctors:dr-a']); // before: 9 seize 1
  });
});

describe('patients sent on by controllers', () => {
  test('two controllers at one instant: the patients they take contend together, not first-controller-first', () => {
    const callIn = (store: string, label: string) => ({ times: [1], act: (c: Control) => { for (const e of c.members(store)) c.take(e, label); } });
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .store('list-a').store('list-b')
      .pathway('a', [enter('list-a'), seize('bed', { label: 'admit' }), delay(d(5)), release('bed'), exit()])
      .pathway('b', [enter('list-b'), seize('bed', { label: 'admit' }), delay(d(5)), release('bed'), exit()])
      .controller('call-in-a', callIn('list-a', 'a/admit'))
      .controller('call-in-b', callIn('list-b', 'b/admit'))
      .source('routine', { pathway: 'a', priority: 4, times: [0] })
      .source('urgent', { pathway: 'b', priority: 1, times: [0] });
    const { log } = run(model, { horizon: 20 });
    // before: '1 seize 1 bed' (the first controller's patient), then 2 queued
    expect(log.filter((l) => / (seize|queue) /.test(l))).toEqual(['1 seize 2 bed', '1 queue 1 bed', '6 seize 1 bed']);
  });
});

describe('the routes a contender may take when it loses', () => {
  test('no overtaking: when the next in order needs more units than are left, a smaller request behind it waits', () => {
    // Capacity 3: F holds 1 all along, H holds 2 until 5; W (priority 3, 1 unit) waits from 1.
    // At 5 H frees 2 units as A (priority 0, 1 unit) and C (priority 1, 2 units) arrive:
    // A takes one; C does not fit in the one left, and W, behind C, must not take it.
    const model = new Model()
      .pool('p', { capacity: 3, discipline: 'priority' })
      .pathway('one', [seize('p'), delay(d(1)), release('p'), exit()])
      .pathway('two', [seize('p', { amount: 2 }), delay(d(1)), release('p', { amount: 2 }), exit()])
      .pathway('filler', [...serve('p', 100), exit()])
      .pathway('holder', [seize('p', { amount: 2 }), delay(d(5)), release('p', { amount: 2 }), exit()])
      .source('f', { pathway: 'filler', priority: 9, times: [0] })
      .source('h', { pathway: 'holder', priority: 9, times: [0] })
      .source('w', { pathway: 'one', priority: 3, times: [1] })
      .source('a', { pathway: 'one', priority: 0, times: [5] })
      .source('c', { pathway: 'two', priority: 1, times: [5] });
    const { log } = run(model, { horizon: 20 });
    expect(log.filter((l) => / seize /.test(l))).toEqual(['0 seize 1 p', '0 seize 2 p', '5 seize 4 p', '6 seize 5 p', '7 seize 3 p']);
  });

  test('ifBusy: the loser goes its other way, the winner is counted as a request', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pool('chair', { capacity: 5 })
      .pathway('p', [seize('bed', { ifBusy: 'chair' }), delay(d(2)), release('bed'), exit()])
      .pathway('chair', [...serve('chair', 1), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [0] })
      .source('urgent', { pathway: 'p', priority: 1, times: [0] });
    const { log, result } = run(model, { horizon: 10 });
    expect(log.slice(0, 4)).toEqual(['0 arrive 1', '0 arrive 2', '0 seize 2 bed', '0 seize 1 chair']);
    expect(result.pools.bed.requests).toBe(1);
    expect(result.pools.chair.requests).toBe(1);
  });

  test('a full line: the less urgent contender is the one diverted', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority', queueLimit: 1 })
      .pathway('p', [...serve('bed', 2), exit()])
      .source('routine', { pathway: 'p', priority: 4, times: [0] })
      .source('mid', { pathway: 'p', priority: 2, times: [0] })
      .source('urgent', { pathway: 'p', priority: 1, times: [0] });
    const { log, result } = run(model, { horizon: 10 });
    expect(log.slice(0, 6)).toEqual(['0 arrive 1', '0 arrive 2', '0 arrive 3', '0 seize 3 bed', '0 queue 2 bed', '0 divert 1 bed']);
    expect(result.totals.diverted).toBe(1);
  });

  test('preemptive pool: a losing contender still interrupts a less urgent patient in service', () => {
    const model = new Model()
      .pool('server', { capacity: 2, discipline: 'preemptive' })
      .pathway('p', [...serve('server', 4), exit()])
      .source('low', { pathway: 'p', priority: 5, times: [0] })
      .source('a', { pathway: 'p', priority: 1, times: [1] })
      .source('b', { pathway: 'p', priority: 2, times: [1] });
    const { log } = run(model, { horizon: 20 });
    expect(log.filter((l) => l.startsWith('1 '))).toEqual(['1 arrive 2', '1 arrive 3', '1 seize 2 server', '1 preempt 1 server', '1 seize 3 server']);
  });
});

describe('deadlines and capacity changes at the instant a place frees', () => {
  test('a deadline is "served before it": a bed freed at the deadline goes to the next patient, not the one whose time is up', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [set('bedBy', 2), seize('bed', { deadline: 'bedBy', onRenege: 'cancelled' }), delay(d(2)), release('bed'), exit(), exit({ label: 'cancelled' })])
      .source('s', { pathway: 'p', priority: 1, times: [0, 1] });
    const { log } = run(model, { horizon: 10 });
    // before: '2 release 1 bed', '2 seize 2 bed' (granted at its deadline)
    expect(log).toEqual(['0 arrive 1', '0 seize 1 bed', '1 arrive 2', '1 queue 2 bed', '2 release 1 bed', '2 exit 1', '2 renege 2 bed', '2 exit 2']);
  });

  test('patience running out at the instant a place frees still gets the place (deadlines differ)', () => {
    const model = new Model()
      .pool('bed', { capacity: 1, discipline: 'priority' })
      .pathway('p', [...serve('bed', 2, { patience: d(1) }), exit()])
      .source('s', { pathway: 'p', times: [0, 1] });
    expect(run(model, { horizon: 10 }).log).toContain('2 seize 2 bed');
  });

  test('a unit freed at the instant a session closes is not given out: no case starts at the end of its session', () => {
    for (const discipline of ['fifo', 'priority'] as const) {
      const model = new Model()
        .pool('theatre', { capacity: 0, discipline, schedule: { period: 24, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } })
        .pathway('p', [...serve('theatre', 2), exit()])
        .source('s', { pathway: 'p', times: [7, 7, 7] });
      const { log, result } = run(model, { horizon: 24 });
      // before: '12 seize 3 theatre' then a 2-hour overrun past the session
      expect(log.filter((l) => l.includes('seize')), discipline).toEqual(['8 seize 1 theatre', '10 seize 2 theatre']); // 3 waits for tomorrow
      expect(result.pools.theatre.overrun, discipline).toBe(0);
    }
  });
});

describe('properties', () => {
  // Random models where ties are the rule: arrivals and durations in whole hours, priority
  // pools, batches, patience, queue limits, ifBusy routes, one or two pools in a row.
  const stageSpec = fc.record({ pool: fc.nat(1), hours: fc.integer({ min: 1, max: 3 }), patience: fc.option(fc.integer({ min: 0, max: 3 })), ifBusy: fc.boolean() });
  const tieModel = fc.record({
    pools: fc.array(fc.record({ capacity: fc.integer({ min: 1, max: 3 }), queueLimit: fc.option(fc.integer({ min: 0, max: 2 })), preemptive: fc.boolean() }), { minLength: 2, maxLength: 2 }),
    stages: fc.array(stageSpec, { minLength: 1, maxLength: 2 }),
    sources: fc.array(fc.record({ priority: fc.integer({ min: 0, max: 3 }), times: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 4 }), batch: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }),
  });
  function build(spec: typeof tieModel extends fc.Arbitrary<infer T> ? T : never): Model {
    const m = new Model();
    spec.pools.forEach((p, k) => m.pool(`p${k}`, { capacity: p.capacity, discipline: p.preemptive ? 'preemptive' : 'priority', ...(p.queueLimit !== null ? { queueLimit: p.queueLimit } : {}) }));
    const steps = spec.stages.flatMap((st, k) => [
      seize(`p${st.pool}`, { label: `s${k}`, ...(st.patience !== null ? { patience: d(st.patience), onRenege: 'gone' } : {}), ...(st.ifBusy ? { ifBusy: 'gone' } : {}), divertTo: 'gone' }),
      delay(d(st.hours)),
      release(`p${st.pool}`),
    ]);
    m.pathway('p', [...steps, exit(), exit({ label: 'gone' })]);
    spec.sources.forEach((src, k) => m.source(`s${k}`, { pathway: 'p', class: `c${k}`, priority: src.priority, times: [...src.times].sort((a, b) => a - b), batch: src.batch }));
    return m;
  }

  test('at the end of every instant no place is left free while a request waits for it, nobody is left contending, and patients are conserved', () => {
    fc.assert(fc.property(tieModel, (spec) => {
      const sim = new Simulation(build(spec).compile(), { seed: 1, horizon: 40 });
      const problems: string[] = [];
      while (sim.step()) {
        if (sim.nextEventTime() === sim.now) continue; // the instant is not over
        for (const p of sim.pools) if (p.queueCount > 0 && p.inUse < p.capacity) problems.push(`t=${sim.now}: ${p.id} ${p.inUse}/${p.capacity} in use, ${p.queueCount} waiting`);
        for (const e of sim.ent.live()) if (sim.ent.state[e] === EntityState.Contending) problems.push(`t=${sim.now}: entity ${sim.ent.serial[e]} still contending`);
      }
      const r = sim.results();
      expect(problems.slice(0, 3)).toEqual([]);
      expect(r.totals.arrived).toBe(r.totals.departed + r.totals.inSystem + r.totals.reneged + r.totals.diverted);
    }), { seed: 21, numRuns: 300 });
  });

  test('whatever the priorities of the patients arriving at one instant, the free beds go to the most urgent', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 4 }),
      (priorities, capacity) => {
        const m = new Model().pool('bed', { capacity, discipline: 'priority' }).pathway('p', [...serve('bed', 1), exit()]);
        priorities.forEach((p, k) => m.source(`s${k}`, { pathway: 'p', priority: p, times: [0] }));
        const { log } = run(m, { horizon: 100 });
        const seizedAt0 = log.filter((l) => l.startsWith('0 seize')).map((l) => priorities[Number(l.split(' ')[2]) - 1]);
        const sorted = [...priorities].sort((a, b) => a - b);
        expect(seizedAt0).toEqual(sorted.slice(0, Math.min(capacity, priorities.length)));
      },
    ), { seed: 13, numRuns: 200 });
  });
});
