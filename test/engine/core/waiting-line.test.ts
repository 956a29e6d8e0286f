// Waiting lines against plain-array references: FIFO (a ring) and by priority (a heap),
// including growth while the ring has wrapped and puts at the front.
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { WaitingLine } from '../../../engine/core/waiting-line.ts';

interface Entry { entity: number; ticket: number; priority: number }

function drain(line: WaitingLine): number[] {
  const out: number[] = [];
  while (line.physicalSize > 0) {
    out.push(line.peekEntity());
    line.shift();
  }
  return out;
}

function contents(line: WaitingLine): [number, number][] {
  const out: [number, number][] = [];
  line.forEach((e, t) => out.push([e, t]));
  return out;
}

type Op = { kind: 'push'; priority: number } | { kind: 'front'; priority: number } | { kind: 'shift' };
const ops = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), priority: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('front' as const), priority: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 3, arbitrary: fc.constant({ kind: 'shift' as const }) },
  ),
  { maxLength: 300 },
);

describe('WaitingLine (FIFO)', () => {
  test('first in, first out', () => {
    const line = new WaitingLine(false, 4);
    [7, 3, 9, 1].forEach((e, k) => line.push(e, k, 99 - k)); // priorities ignored
    expect(line.peekEntity()).toBe(7);
    expect(line.peekTicket()).toBe(0);
    expect(drain(line)).toEqual([7, 3, 9, 1]);
  });

  test('pushFront puts an entity ahead of everyone', () => {
    const line = new WaitingLine(false, 4);
    line.push(1, 10, 0);
    line.push(2, 11, 0);
    line.pushFront(3, 5, 0);
    line.pushFront(4, 4, 0);
    expect(contents(line)).toEqual([[4, 4], [3, 5], [1, 10], [2, 11]]);
    expect(drain(line)).toEqual([4, 3, 1, 2]);
  });

  test('grows while the ring has wrapped, keeping order', () => {
    const line = new WaitingLine(false, 4);
    for (let k = 0; k < 3; k++) line.push(k, k, 0);
    line.shift();
    line.shift(); // head now at index 2
    for (let k = 3; k < 20; k++) line.push(k, k, 0); // wraps, then grows twice
    line.pushFront(100, -1, 0);
    expect(line.physicalSize).toBe(19);
    expect(contents(line).map(([e]) => e)).toEqual([100, ...Array.from({ length: 18 }, (_, k) => k + 2)]);
    expect(drain(line)).toEqual([100, ...Array.from({ length: 18 }, (_, k) => k + 2)]);
  });

  test('matches a plain array on random pushes, front pushes and shifts', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 6 }), (plan, cap) => {
        const line = new WaitingLine(false, cap);
        const ref: Entry[] = [];
        let next = 0;
        for (const o of plan) {
          if (o.kind === 'shift') {
            if (ref.length === 0) continue;
            expect(line.peekEntity()).toBe(ref[0].entity);
            expect(line.peekTicket()).toBe(ref[0].ticket);
            line.shift();
            ref.shift();
          } else {
            const entry = { entity: next, ticket: next, priority: o.priority };
            next++;
            if (o.kind === 'push') { line.push(entry.entity, entry.ticket, entry.priority); ref.push(entry); }
            else { line.pushFront(entry.entity, entry.ticket, entry.priority); ref.unshift(entry); }
          }
          expect(line.physicalSize).toBe(ref.length);
        }
        expect(contents(line)).toEqual(ref.map((r) => [r.entity, r.ticket]));
        expect(drain(line)).toEqual(ref.map((r) => r.entity));
      }),
      { numRuns: 300 },
    );
  });
});

describe('WaitingLine (by priority)', () => {
  test('lower priority value first, then lower ticket', () => {
    const line = new WaitingLine(true, 2);
    line.push(1, 1, 2);
    line.push(2, 2, 1);
    line.push(3, 3, 2);
    line.push(4, 4, 0);
    line.push(5, 5, 1);
    expect(drain(line)).toEqual([4, 2, 5, 1, 3]);
  });

  test('pushFront does not jump the priority order: a returning entity is placed by its ticket', () => {
    const line = new WaitingLine(true, 4);
    line.push(1, 10, 1);
    line.push(2, 11, 1);
    line.pushFront(3, 5, 1); // older ticket: first among equals
    line.pushFront(4, 3, 2); // oldest ticket, but less urgent: last
    expect(drain(line)).toEqual([3, 1, 2, 4]);
  });

  test('matches a sorted reference on random pushes and shifts, through growth; forEach visits every entry', () => {
    fc.assert(
      fc.property(ops, fc.integer({ min: 1, max: 6 }), (plan, cap) => {
        const line = new WaitingLine(true, cap);
        const ref: Entry[] = [];
        let next = 0;
        const order = (a: Entry, b: Entry) => a.priority - b.priority || a.ticket - b.ticket;
        for (const o of plan) {
          if (o.kind === 'shift') {
            if (ref.length === 0) continue;
            ref.sort(order);
            expect(line.peekEntity()).toBe(ref[0].entity);
            expect(line.peekTicket()).toBe(ref[0].ticket);
            line.shift();
            ref.shift();
          } else {
            // Tickets increase with pushes; pushFront gets an older (smaller) ticket, as a preempted entity has.
            const ticket = o.kind === 'push' ? 1000 + next : -next;
            const entry = { entity: next++, ticket, priority: o.priority };
            if (o.kind === 'push') line.push(entry.entity, entry.ticket, entry.priority);
            else line.pushFront(entry.entity, entry.ticket, entry.priority);
            ref.push(entry);
          }
          expect(line.physicalSize).toBe(ref.length);
        }
        // forEach: each entry exactly once (heap order, so compare as sets).
        const seen = contents(line).sort((a, b) => a[0] - b[0]);
        expect(seen).toEqual(ref.map((r) => [r.entity, r.ticket]).sort((a, b) => a[0] - b[0]));
        expect(drain(line)).toEqual([...ref].sort(order).map((r) => r.entity));
      }),
      { numRuns: 300 },
    );
  });
});
