// The seeks' cache of replications (server/experiments/replication-cache.ts): only a prefix
// without gaps is kept and handed back, and never more numbers than its bound.
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { ReplicationCache } from '../../server/experiments/replication-cache.ts';

test('a contiguous prefix per key; what is taken is exactly what was put', () => {
  const c = new ReplicationCache(100);
  const k = ReplicationCache.key('{"id":"a"}', 1, 'ed.4h[all]');
  expect(k).not.toBe(ReplicationCache.key('{"id":"a"}', 2, 'ed.4h[all]'));
  expect(k).not.toBe(ReplicationCache.key('{"id":"a"}', 1, 'ed.4h[dgh]'));
  c.put(k, 0, [0, 1, 2, 3, 4]);
  c.put(k, 10, [10, 11]); // a gap: not kept
  c.put(k, 3, [3, 4, 5, 6]); // overlaps: extends to 6
  expect(c.take(k, 0, 100)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(c.take(k, 5, 6)).toEqual([5]);
  expect(c.take(k, 7, 10)).toEqual([]);
  expect(c.take('other', 0, 5)).toEqual([]);
});

test('never more numbers than the bound, whatever is put; the least recently used go first', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 40 })), { maxLength: 60 }), (puts) => {
    const c = new ReplicationCache(50);
    const lengths = new Map<string, number>();
    for (const [key, n] of puts) {
      const k = String(key);
      const have = c.take(k, 0, Infinity).length;
      c.put(k, have, Array.from({ length: n }, (_, j) => have + j));
      lengths.set(k, have + n);
      expect(c.values).toBeLessThanOrEqual(50 + 40); // the newest entry is kept even if alone it is over
      // Whatever is kept is a prefix 0, 1, 2, …
      const xs = c.take(k, 0, Infinity);
      expect(xs).toEqual(Array.from({ length: xs.length }, (_, j) => j));
    }
  }));
  const c = new ReplicationCache(10);
  c.put('a', 0, [1, 2, 3, 4]);
  c.put('b', 0, [1, 2, 3, 4]);
  c.take('a', 0, 1); // a used last
  c.put('c', 0, [1, 2, 3, 4]);
  expect([c.take('a', 0, 9).length, c.take('b', 0, 9).length, c.take('c', 0, 9).length]).toEqual([4, 0, 4]);
});
