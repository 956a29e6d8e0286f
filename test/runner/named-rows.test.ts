// Rows of named numbers (runner/named-rows.ts): whatever records are put, in whatever
// order, they read back exactly as the records did (every NaN, -0 and infinity, names in
// their order, a missing name as NaN), and rows with the same names share one list.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { NamedRows } from '../../runner/named-rows.ts';

const number = fc.oneof(fc.double(), fc.constantFrom(NaN, -0, 0, Infinity, -Infinity));
const names = ['a[x]', 'b[x]', 'c[y]', 'd', 'e.f[z/w]'];
/** A record over some of the names, in some order: the usual case (all names, one order) is the first. */
const record = fc.oneof(
  fc.tuple(...names.map(() => number)).map((xs) => Object.fromEntries(names.map((n, j) => [n, xs[j]]))),
  fc.shuffledSubarray(names).chain((ns) => fc.tuple(...ns.map(() => number)).map((xs) => Object.fromEntries(ns.map((n, j) => [n, xs[j]])))),
);
const same = (a: number, b: number) => Object.is(a, b);

describe('NamedRows', () => {
  test('reads back every record as put, in any order of putting', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), fc.integer(), (records, shift) => {
      const rows = new NamedRows();
      // Put out of order, as replications finish on a pool.
      const order = records.map((_, k) => k);
      const s = Math.abs(shift) % records.length;
      for (const k of [...order.slice(s), ...order.slice(0, s)]) rows.putRecord(k, records[k]);
      expect(rows.size).toBe(records.length);
      expect(rows.values).toBe(records.reduce((a, r) => a + Object.keys(r).length, 0));
      records.forEach((r, k) => {
        expect(rows.names(k)).toEqual(Object.keys(r));
        const back = rows.record(k);
        expect(Object.keys(back)).toEqual(Object.keys(r));
        for (const n of Object.keys(r)) expect(same(back[n], r[n])).toBe(true);
        for (const n of names) expect(rows.get(k, n) === undefined).toBe(!(n in r));
      });
      for (const n of [...names, 'absent']) {
        const col = rows.column(n);
        const expected = records.map((r) => r[n] ?? NaN);
        expect(col.length).toBe(expected.length);
        col.forEach((x, k) => expect(same(x, expected[k])).toBe(true));
        expect(rows.column(n, 1)).toHaveLength(1);
      }
    }));
  });

  test('two numbers a name (trends): each read by its index', () => {
    const rows = new NamedRows(2);
    rows.put(0, ['q[a]', 'q[b]'], Float64Array.of(1, 2, 3, 4));
    rows.put(1, ['q[b]'], Float64Array.of(5, 6));
    expect([rows.get(0, 'q[b]', 0), rows.get(0, 'q[b]', 1), rows.get(1, 'q[a]', 0)]).toEqual([3, 4, undefined]);
    expect(rows.column('q[a]', 2, 1)).toEqual([2, NaN]);
    expect(() => rows.put(2, ['q[a]'], Float64Array.of(1))).toThrow('row 2: 1 numbers for 1 names of 2');
  });

  test('rows with the same names share one list of them', () => {
    const rows = new NamedRows();
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, j) => [`kpi${j}[w]`, j]));
    for (let k = 0; k < 50; k++) rows.putRecord(k, { ...many });
    // The same array object for every row: one list of 1,000 names, not 50.
    expect(new Set(Array.from({ length: 50 }, (_, k) => rows.names(k))).size).toBe(1);
    expect(rows.values).toBe(50_000);
    expect(rows.column('kpi999[w]')).toEqual(Array(50).fill(999));
  });

  test('a value that is not a number reads as a missing one does: NaN', () => {
    const rows = new NamedRows();
    rows.putRecord(0, { a: null as unknown as number });
    expect(rows.column('a')).toEqual([NaN]);
  });
});
