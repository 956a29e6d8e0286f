// A store ordered by urgency (orderBy): the index against a plain sort of the members,
// and inOrder / countAtLeast through a controller.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { StoreOrder } from '../../../engine/core/store-order.ts';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { enter, exit, set } from '../../../engine/core/pathway.ts';

type Member = { e: number; p: number; k: number; s: number };
const sorted = (ms: Member[]) =>
  [...ms].sort((a, b) => a.p - b.p || (a.k !== a.k ? Infinity : a.k) - (b.k !== b.k ? Infinity : b.k) || a.s - b.s).map((m) => m.e);

describe('StoreOrder', () => {
  test('visits in order of (priority, key, serial) and counts key ≥ t, through any inserts and removals', () => {
    const op = fc.oneof(
      fc.record({ add: fc.constant(true), p: fc.integer({ min: 1, max: 4 }), k: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(NaN)) }),
      fc.record({ add: fc.constant(false), pick: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 700 }), fc.integer({ min: -5, max: 55 }), (ops, t) => {
      const order = new StoreOrder();
      const members: Member[] = [];
      let serial = 0;
      for (const o of ops) {
        if (o.add) {
          const m = { e: serial, p: o.p, k: o.k, s: serial++ };
          members.push(m);
          order.insert(m.e, m.p, m.k, m.s);
        } else if (members.length > 0) {
          const [m] = members.splice(o.pick % members.length, 1);
          order.remove(m.e, m.p, m.k, m.s);
        }
      }
      const seen: number[] = [];
      order.forEach((e) => void seen.push(e));
      expect(seen).toEqual(sorted(members));
      expect(order.countAtLeast(t)).toBe(members.filter((m) => m.k >= t).length);
    }), { numRuns: 200 });
  });

  test('a visit stops when told to', () => {
    const order = new StoreOrder();
    for (let e = 0; e < 10; e++) order.insert(e, 1, 10 - e, e);
    const seen: number[] = [];
    order.forEach((e) => (seen.push(e), seen.length < 3));
    expect(seen).toEqual([9, 8, 7]);
  });
});

describe('a store with orderBy', () => {
  /** Arrivals at hours 1..n with a priority and a "referred" key each; a controller at 100 h looks. */
  function run(list: { p: number; referred: number }[], act: Parameters<Model['controller']>[1]['act']) {
    const m = new Model().store('list', { orderBy: 'referred' }).pathway('w', [enter('list'), exit({ label: 'out' })]);
    list.forEach((x, k) => m.pathway(`p${k}`, [set('referred', x.referred), enter('list'), exit()])
      .source(`s${k}`, { pathway: `p${k}`, times: [k + 1], priority: x.p }));
    m.controller('look', { times: [100], act });
    new Simulation(m.compile(), { seed: 1, horizon: 200 }).run();
  }

  test('inOrder visits most urgent first, countAtLeast counts by the key, and a key changed by setAttr moves', () => {
    const list = [{ p: 2, referred: 5 }, { p: 1, referred: 9 }, { p: 2, referred: 3 }, { p: 1, referred: 9 }, { p: 3, referred: 0 }];
    let first: number[] = [], moved: number[] = [], counts: number[] = [];
    run(list, (c) => {
      c.inOrder('list', (e) => void first.push(c.serial(e)));
      counts = c.countAtLeast('list', 'referred', [0, 4, 9, 10]);
      // Serial 4 (P1, referred 9) becomes referred 1: now before serial 2.
      let four = -1;
      c.inOrder('list', (e) => (c.serial(e) === 4 ? ((four = e), false) : true));
      c.setAttr(four, 'referred', 1);
      c.inOrder('list', (e) => void moved.push(c.serial(e)));
    });
    expect(first).toEqual([2, 4, 3, 1, 5]);
    expect(counts).toEqual([5, 3, 2, 0]);
    expect(moved).toEqual([4, 2, 3, 1, 5]);
  });

  test('a member set aside stays in the store and its counts but is not visited, moves with its key, and can be taken', () => {
    const list = [{ p: 2, referred: 5 }, { p: 1, referred: 9 }, { p: 2, referred: 3 }, { p: 1, referred: 9 }, { p: 3, referred: 0 }];
    let visited: number[] = [], afterTake: number[] = [], counts: number[] = [], moved: number[] = [], size = 0, members = 0;
    run(list, (c) => {
      const bySerial = new Map<number, number>();
      c.inOrder('list', (e) => void bySerial.set(c.serial(e), e));
      c.setAside(bySerial.get(2)!);
      c.setAside(bySerial.get(3)!);
      c.setAside(bySerial.get(3)!); // twice: no change
      c.inOrder('list', (e) => void visited.push(c.serial(e)));
      counts = c.countAtLeast('list', 'referred', [0, 4, 9, 10]);
      size = c.size('list');
      members = c.table('list', ['referred']).entity.length;
      // Its key changed while aside: counted under the new key, still not visited.
      c.setAttr(bySerial.get(2)!, 'referred', 20);
      moved = c.countAtLeast('list', 'referred', [10, 20]);
      c.take(bySerial.get(3)!, 'w/out');
      afterTake = c.countAtLeast('list', 'referred', [0]);
      c.inOrder('list', (e) => void afterTake.push(c.serial(e)));
    });
    expect(visited).toEqual([4, 1, 5]);
    expect(counts).toEqual([5, 3, 2, 0]);
    expect(size).toBe(5);
    expect(members).toBe(5);
    expect(moved).toEqual([1, 1]);
    expect(afterTake).toEqual([4, 4, 1, 5]);
  });

  test('setting aside during a visit names the controller', () => {
    expect(() => run([{ p: 1, referred: 1 }], (c) => c.inOrder('list', (e) => c.setAside(e)))).toThrow(/controller "look".*setAside.*after the visit/);
  });

  test('taking during a visit, or visiting a store without orderBy, names the controller', () => {
    expect(() => run([{ p: 1, referred: 1 }], (c) => c.inOrder('list', (e) => c.take(e, 'w/out')))).toThrow(/controller "look".*take after the visit/);
    const m = new Model().store('plain').pathway('w', [enter('plain'), exit()]).source('s', { pathway: 'w', times: [1] })
      .controller('look', { times: [2], act: (c) => c.inOrder('plain', () => true) });
    expect(() => new Simulation(m.compile(), { seed: 1, horizon: 5 }).run()).toThrow(/inOrder: store "plain" has no orderBy/);
  });
});
