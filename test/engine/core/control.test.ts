// Stores and controllers: entities wait in a store until a scheduled decision takes them.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit, enter, set, record } from '../../../engine/core/pathway.ts';
import { deterministic, exponential } from '../../../engine/core/distributions.ts';
import type { SimEvent } from '../../../engine/core/results.ts';

const d = deterministic;

/** Referrals join a list; each day at 08:00 a "booking" takes the two most urgent (then longest waiting) to surgery. */
function listModel(referrals: { at: number; priority: number }[]) {
  const m = new Model()
    .pool('theatre', { capacity: 2 })
    .store('list')
    .pathway('elective', [set('referred', 'now'), enter('list'), seize('theatre', { label: 'operate' }), delay(d(3)), release('theatre'), exit()])
    .controller('booking', {
      times: [8],
      repeatEvery: 24,
      act: (c) => {
        for (const e of c.entries('list').slice(0, 2)) {
          c.record('wait.days', (c.now - c.attr(e.entity, 'referred')) / 24);
          c.take(e.entity, 'elective/operate');
        }
      },
    });
  referrals.forEach((r, k) => m.source(`r${k}`, { pathway: 'elective', times: [r.at], priority: r.priority }));
  return m.compile();
}

describe('stores and controllers', () => {
  test('a daily booking takes the most urgent, then the longest waiting, at 08:00', () => {
    const model = listModel([
      { at: 1, priority: 2 }, // serial 1
      { at: 2, priority: 2 }, // 2
      { at: 3, priority: 1 }, // 3: most urgent
      { at: 4, priority: 2 }, // 4
    ]);
    const sim = new Simulation(model, { seed: 1, horizon: 60 });
    const log: string[] = [];
    sim.observe((e: SimEvent) => { if (e.type === 'take' || e.type === 'exit') log.push(`${e.time} ${e.type} ${e.entity}`); });
    const r = sim.run();
    expect(log).toEqual([
      '8 take 3', '8 take 1', '11 exit 3', '11 exit 1',
      '32 take 2', '32 take 4', '35 exit 2', '35 exit 4',
    ]);
    expect(r.stores.list).toMatchObject({ entered: 4, taken: 4, now: 0 });
    expect(r.stores.list.waits.mean).toBeCloseTo(((8 - 1) + (8 - 3) + (32 - 2) + (32 - 4)) / 4, 12);
    expect(r.outputs['wait.days'].count).toBe(4);
    expect(r.outputs['wait.days'].max).toBeCloseTo(30 / 24, 12);
  });

  test('entities in a store count as in the system; time-average list size is exact', () => {
    const sim = new Simulation(listModel([{ at: 1, priority: 1 }, { at: 2, priority: 1 }, { at: 3, priority: 1 }]), { seed: 1, horizon: 10 });
    const r = sim.run();
    // In the list: 1 on [1,2), 2 on [2,3), 3 on [3,8), 1 on [8,10]: area 1+2+15+2 = 20 over 10 h.
    expect(r.stores.list.size.mean).toBeCloseTo(2, 12);
    expect(r.totals.arrived).toBe(r.totals.departed + r.totals.inSystem + r.totals.reneged + r.totals.diverted);
    expect(sim.snapshot().stores).toEqual([{ id: 'list', size: 1 }]);
    expect(sim.snapshot().steps['elective[1]'].waiting).toBe(1);
  });

  test('a controller mistake is an error naming the controller and the time', () => {
    const bad = (act: (c: import('../../../engine/core/control.ts').Control) => void) => new Model()
      .pool('p', { capacity: 1 }).store('list')
      .pathway('a', [enter('list'), seize('p', { label: 'go' }), release('p'), exit()])
      .source('s', { pathway: 'a', times: [0] })
      .controller('booking', { times: [1], act })
      .compile();
    const run = (act: Parameters<typeof bad>[0]) => () => new Simulation(bad(act), { seed: 1, horizon: 5 }).run();
    expect(run((c) => c.take(c.entries('list')[0].entity, 'a/nowhere'))).toThrowErrorMatchingInlineSnapshot(`[RunError: controller "booking" at t=1 h: take: unknown label "a/nowhere" (labels are "pathway/label" or a pathway id)]`);
    expect(run((c) => c.entries('waiting'))).toThrowErrorMatchingInlineSnapshot(`[RunError: controller "booking" at t=1 h: unknown store "waiting" (known: list)]`);
    expect(run((c) => { const e = c.entries('list')[0].entity; c.take(e, 'a/go'); c.take(e, 'a/go'); })).toThrowErrorMatchingInlineSnapshot(`[RunError: controller "booking" at t=1 h: take: entity 1 is not in a store]`);
    expect(run((c) => c.attr(c.entries('list')[0].entity, 'nope'))).toThrowErrorMatchingInlineSnapshot(`[RunError: controller "booking" at t=1 h: unknown attribute "nope" (known: none)]`);
  });

  test('builder errors: unknown store, bad controller times', () => {
    expect(() => new Model().pathway('a', [enter('list'), exit()]).source('s', { pathway: 'a', times: [0] }).compile())
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.a[0].store: unknown store "list" (known: none)]`);
    const base = () => new Model().store('list').pathway('a', [enter('list'), exit()]).source('s', { pathway: 'a', times: [0] });
    expect(() => base().controller('c', { times: [5, 3], act: () => {} }).compile())
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: controllers.c.times[1]: times must be in increasing order]`);
    expect(() => base().controller('c', { times: [30], repeatEvery: 24, act: () => {} }).compile())
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: controllers.c.times[0]: must lie within the repeat period 24]`);
  });

  test('same seed, same bookings; controllers draw from named streams shared by name', () => {
    const model = () => new Model()
      .pool('theatre', { capacity: 1 })
      .store('list')
      .pathway('e', [enter('list'), seize('theatre', { label: 'op' }), delay(exponential(2)), release('theatre'), exit()])
      .source('referrals', { pathway: 'e', rate: 0.5 })
      .controller('offer', {
        times: [9], repeatEvery: 24,
        act: (c) => { for (const e of c.entries('list')) if (c.rng('acceptance')() < 0.5) c.take(e.entity, 'e/op'); },
      })
      .compile();
    const a = new Simulation(model(), { seed: 7, horizon: 24 * 30 }).run();
    const b = new Simulation(model(), { seed: 7, horizon: 24 * 30 }).run();
    expect(a).toEqual(b);
    expect(a.stores.list.taken).toBeGreaterThan(100);
    const c = new Simulation(model(), { seed: 7, replication: 1, horizon: 24 * 30 }).run();
    expect(c.stores.list.taken).not.toBe(a.stores.list.taken);
  });
});

describe('deadlines on a seize', () => {
  test('no bed by the deadline: the entity leaves the line at that time and goes on at onRenege', () => {
    const model = new Model()
      .pool('bed', { capacity: 1 })
      .pathway('occupier', [seize('bed'), delay(d(10)), release('bed'), exit()])
      .pathway('elective', [set('bedBy', 3), seize('bed', { deadline: 'bedBy', onRenege: 'cancelled' }), delay(d(1)), release('bed'), exit(), exit({ label: 'cancelled' })])
      .source('o', { pathway: 'occupier', times: [0] })
      .source('e', { pathway: 'elective', times: [1] })
      .compile();
    const sim = new Simulation(model, { seed: 1, horizon: 20 });
    const log: string[] = [];
    sim.observe((e) => log.push(`${e.time} ${e.type} ${e.entity} ${e.step}`));
    const r = sim.run();
    expect(log).toContain('3 renege 2 elective[1]');
    expect(log).toContain('3 exit 2 cancelled');
    expect(r.pools.bed.reneged).toBe(1);
  });

  test('a deadline already past when joining the line is ignored; patience still applies', () => {
    const model = new Model()
      .pool('bed', { capacity: 1 })
      .pathway('occupier', [seize('bed'), delay(d(10)), release('bed'), exit()])
      .pathway('elective', [set('bedBy', 0.5), seize('bed', { deadline: 'bedBy', patience: d(4), onRenege: 'gone' }), release('bed'), exit(), exit({ label: 'gone' })])
      .source('o', { pathway: 'occupier', times: [0] })
      .source('e', { pathway: 'elective', times: [1] })
      .compile();
    const sim = new Simulation(model, { seed: 1, horizon: 20 });
    const reneges: number[] = [];
    sim.observe((e) => { if (e.type === 'renege') reneges.push(e.time); });
    sim.run();
    expect(reneges).toEqual([5]);
  });
});

describe('targets and overruns', () => {
  test('a record step with a target counts the observations within it, overall and by class', () => {
    const model = new Model()
      .pool('cubicle', { capacity: 1 })
      .pathway('ed', [seize('cubicle'), delay(d(3)), release('cubicle'), record('ed.time', undefined, { within: 4 }), exit()])
      .source('a', { pathway: 'ed', class: 'majors', times: [0, 1, 2] })
      .compile();
    const r = new Simulation(model, { seed: 1, horizon: 20 }).run();
    // Leave at 3, 6, 9: times in ED 3, 5, 7 h; one within 4 h.
    expect(r.outputs['ed.time'].within).toEqual({ hours: 4, count: 1, fraction: 1 / 3 });
    expect(r.outputsByClass['ed.time'].majors.within?.count).toBe(1);
  });

  test('work running past a scheduled closing time is reported as overrun', () => {
    const model = new Model()
      .pool('theatre', { capacity: 0, schedule: { period: 24, points: [{ at: 8, capacity: 1 }, { at: 12, capacity: 0 }] } })
      .pathway('op', [seize('theatre'), delay(d(5)), release('theatre'), exit()])
      .source('a', { pathway: 'op', times: [8] })
      .compile();
    const r = new Simulation(model, { seed: 1, horizon: 24 }).run();
    // Operated 08:00–13:00: one hour beyond the 12:00 close, over a 24-hour window.
    expect(r.pools.theatre.overrun).toBeCloseTo(1 / 24, 12);
    expect(r.pools.theatre.busy.mean).toBeCloseTo(5 / 24, 12);
  });
});

describe('which intervals a record counts after the warm-up', () => {
  test('"started" (default) keeps intervals begun after warm-up; "ended" keeps those ending after it', () => {
    const model = new Model()
      .pool('p', { capacity: 1 })
      .pathway('a', [seize('p'), delay(d(5)), release('p'), record('since-start'), record('ended-in-window', undefined, { countWhen: 'ended' }), exit()])
      .source('s', { pathway: 'a', times: [0, 10] })
      .compile();
    // Warm-up 3 h: the first patient arrived before it (leaves at 5), the second after (leaves at 15).
    const r = new Simulation(model, { seed: 1, warmup: 3, horizon: 20 }).run();
    expect(r.outputs['since-start'].count).toBe(1);
    expect(r.outputs['ended-in-window'].count).toBe(2);
    expect(() => new Model().pool('p', { capacity: 1 })
      .pathway('a', [record('x', undefined, { countWhen: 'later' as 'ended' }), exit()]).source('s', { pathway: 'a', times: [0] }).compile())
      .toThrowErrorMatchingInlineSnapshot(`[ModelError: pathways.a[0].countWhen: expected "started" or "ended", got "later"]`);
  });
});
