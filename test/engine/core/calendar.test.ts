// The event calendar against a plain sorted reference: the engine's determinism rests on
// (time, priority, insertion order) being honoured exactly, whatever the heap does.
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { Calendar, Priority } from '../../../engine/core/calendar.ts';

interface Ref { time: number; priority: number; seq: number }

/** The reference order: time, then priority class, then scheduling order. */
function byKey(a: Ref, b: Ref): number {
  return a.time - b.time || a.priority - b.priority || a.seq - b.seq;
}

// Few distinct times and priorities, so that ties are the rule rather than the exception.
const time = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 10, noNaN: true }));
const priority = fc.integer({ min: 0, max: 4 });
type Op = { kind: 'schedule'; time: number; priority: number } | { kind: 'pop' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('schedule' as const), time, priority }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pop' as const }) },
);

describe('Calendar', () => {
  test('pops in (time, priority, insertion order) on random interleavings of schedule and pop', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (ops, initialCapacity) => {
        const cal = new Calendar(initialCapacity);
        const pending: Ref[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'schedule') {
            cal.schedule(o.time, o.priority, seq);
            pending.push({ time: o.time, priority: o.priority, seq: seq++ });
          } else if (pending.length > 0) {
            pending.sort(byKey);
            const want = pending.shift()!;
            expect(cal.peekTime()).toBe(want.time);
            expect(cal.pop()).toBe(want.seq);
            expect(cal.time).toBe(want.time);
          }
          expect(cal.size).toBe(pending.length);
        }
        // Drain: the rest comes out in reference order too.
        pending.sort(byKey);
        for (const want of pending) {
          expect(cal.pop()).toBe(want.seq);
          expect(cal.time).toBe(want.time);
        }
        expect(cal.size).toBe(0);
        expect(cal.peekTime()).toBe(Infinity);
      }),
      { numRuns: 300 },
    );
  });

  test('ties in time and priority come out in scheduling order, identically on every run', () => {
    const order = () => {
      const cal = new Calendar(4);
      // All at t = 5, priorities shuffled by hand; within a priority, insertion order must hold.
      const plan = [Priority.arrival, Priority.release, Priority.arrival, Priority.sample, Priority.release, Priority.capacity, Priority.renege];
      plan.forEach((p, k) => cal.schedule(5, p, k));
      const out: number[] = [];
      while (cal.size > 0) out.push(cal.pop());
      return out;
    };
    // release (1, 4), capacity (5), arrival (0, 2), renege (6), sample (3)
    expect(order()).toEqual([1, 4, 5, 0, 2, 6, 3]);
    expect(order()).toEqual(order());
  });

  test('same-instant policy: a release runs before a capacity change, an arrival, a deadline, a renege, a controller and a sample', () => {
    expect(Priority.release).toBeLessThan(Priority.capacity);
    expect(Priority.capacity).toBeLessThan(Priority.arrival);
    expect(Priority.arrival).toBeLessThan(Priority.deadline);
    expect(Priority.deadline).toBeLessThan(Priority.seize); // places are given out after deadlines
    expect(Priority.seize).toBeLessThan(Priority.renege); // and before patience runs out
    expect(Priority.renege).toBeLessThan(Priority.control);
    expect(Priority.control).toBeLessThan(Priority.sample);
  });

  test('rounds of an instant: releases to deadlines, then patience and controllers; samples and later times are apart', () => {
    const cal = new Calendar(8);
    const sameRoundAfter = (last: number, next: number, nextTime = 5) => {
      cal.clear();
      cal.schedule(5, last, 0);
      cal.pop();
      cal.schedule(nextTime, next, 1); // as if scheduled by the event just popped
      return cal.nextInSameRound(5);
    };
    expect(sameRoundAfter(Priority.release, Priority.arrival)).toBe(true);
    expect(sameRoundAfter(Priority.arrival, Priority.deadline)).toBe(true);
    expect(sameRoundAfter(Priority.deadline, Priority.renege)).toBe(false);
    expect(sameRoundAfter(Priority.renege, Priority.control)).toBe(true);
    expect(sameRoundAfter(Priority.control, Priority.control)).toBe(true);
    expect(sameRoundAfter(Priority.control, Priority.sample)).toBe(false);
    expect(sameRoundAfter(Priority.release, Priority.release, 6)).toBe(false);
    // An event scheduled for now in an earlier phase, during the second round, starts a new first round.
    expect(sameRoundAfter(Priority.control, Priority.release)).toBe(false);
  });

  test('grows past its initial capacity without losing or reordering events', () => {
    const cal = new Calendar(2);
    const n = 5_000;
    // Times descending with many repeats: every insertion sifts up through the heap.
    for (let k = 0; k < n; k++) cal.schedule(Math.floor((n - k) / 7), k % 3, k);
    expect(cal.size).toBe(n);
    const refs: Ref[] = Array.from({ length: n }, (_, k) => ({ time: Math.floor((n - k) / 7), priority: k % 3, seq: k }));
    refs.sort(byKey);
    for (const want of refs) {
      expect(cal.pop()).toBe(want.seq);
      expect(cal.time).toBe(want.time);
    }
  });

  test('handles are unique, and the popped key is the handle schedule returned', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ time, priority }), { minLength: 1, maxLength: 200 }), (events) => {
        const cal = new Calendar(3);
        const handles = events.map((e, k) => cal.schedule(e.time, e.priority, k));
        expect(new Set(handles).size).toBe(handles.length);
        while (cal.size > 0) {
          const k = cal.pop();
          expect(cal.key).toBe(handles[k]);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('handles stay unique across clear(): a stale handle can never match a new event', () => {
    const cal = new Calendar(2);
    const before = [cal.schedule(1, 0, 0), cal.schedule(1, 0, 1)];
    cal.clear();
    expect(cal.size).toBe(0);
    const after = [cal.schedule(1, 0, 2), cal.schedule(1, 0, 3)];
    expect(new Set([...before, ...after]).size).toBe(4);
    expect(cal.pop()).toBe(2);
  });
});
