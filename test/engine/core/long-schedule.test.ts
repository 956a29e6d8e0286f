// A pool whose capacity schedule has a great many points (a ward's bed changes, probe #3):
// it compiles (the largest capacity was Math.max(...capacities), a stack overflow past about
// 100,000 points), every change lands at its own time in order (the next point is found by
// bisection, not a scan from the start: 120,000 changes took 37 s a replication), and the
// time present by capacity keeps one entry per capacity however many there are.
import { describe, expect, test } from 'vitest';
import { Model } from '../../../engine/core/model.ts';
import { Simulation } from '../../../engine/core/simulation.ts';
import { seize, delay, release, exit } from '../../../engine/core/pathway.ts';
import { deterministic } from '../../../engine/core/distributions.ts';
import { largest, smallest } from '../../../engine/core/extremes.ts';

const N = 150_000;

function scheduled(points: { at: number; capacity: number }[], period?: number, amount = 1) {
  return new Model()
    .pool('ward', { capacity: points[0].capacity, schedule: { points, ...(period !== undefined ? { period } : {}) }, presentByCapacity: true })
    .pathway('stay', [seize('ward', { amount }), delay(deterministic(0.5)), release('ward', { amount }), exit()])
    .source('in', { pathway: 'stay', times: [0.1, 0.2, 0.3] })
    .compile();
}

/** The times of the capacity changes of a run, and the capacity after the last. */
function changes(model: ReturnType<typeof scheduled>, horizon: number) {
  const sim = new Simulation(model, { seed: 1, horizon });
  const times: number[] = [];
  sim.observe((e) => { if (e.type === 'capacity') times.push(e.time); });
  const result = sim.run();
  return { times, capacity: sim.pools.find((p) => p.id === 'ward')!.capacity, result };
}

describe('a schedule of 150,000 points', () => {
  const points = Array.from({ length: N }, (_, k) => ({ at: k / 100, capacity: 1 + (k % 5) }));

  test('one-off: it compiles, and each point after the start changes the capacity at its own time, in order', () => {
    const { times, capacity } = changes(scheduled(points), N / 100 + 1);
    expect(times).toEqual(points.slice(1).map((p) => p.at));
    expect(capacity).toBe(points[N - 1].capacity);
  });

  test('a request for more units than any point opens is refused, naming the most', () => {
    expect(() => scheduled(points, undefined, 6)).toThrow(/asks for 6 units but pool "ward" never has more than 5/);
  });

  test('repeating: three periods, each point of each period in order', () => {
    const period = N / 100;
    const { times } = changes(scheduled(points, period), 3 * period - 0.005);
    const expected = [0, 1, 2].flatMap((c) => points.map((p) => c * period + p.at)).filter((t) => t > 0);
    expect(times).toEqual(expected);
  });
});

test('20,000 capacities, each in force for a while: an entry for each, the fractions adding up to the whole window', () => {
  const points = Array.from({ length: 20_000 }, (_, k) => ({ at: k / 10, capacity: 1 + k }));
  const { result } = changes(scheduled(points), 2_000);
  const split = result.pools.ward.presentByCapacity!;
  expect(split.map((x) => x.capacity)).toEqual(points.map((p) => p.capacity));
  expect(split.reduce((s, x) => s + x.distribution.reduce((a, f) => a + f, 0), 0)).toBeCloseTo(1, 9);
});

test('largest and smallest of a million numbers (Math.max(...xs) overflows the stack), as Math.max and Math.min on a few', () => {
  const xs = Array.from({ length: 1_000_000 }, (_, k) => (k * 7919) % 1_000_003);
  expect(largest(xs)).toBe(xs.reduce((a, x) => (x > a ? x : a)));
  expect(smallest(xs)).toBe(0);
  for (const few of [[], [3], [2, -1, 7], [1, NaN, 2]]) {
    expect(largest(few)).toBe(Math.max(...few));
    expect(smallest(few)).toBe(Math.min(...few));
  }
});
