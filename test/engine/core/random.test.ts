// The engine's Alea step (engine/core/random.ts) against seedrandom's own generator, whose
// numbers it must give to the last bit: every result of every scenario is drawn from them,
// and a stream is named by (seed, replication, name) in Node, the browser and the job queue alike.
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { stream, Streams } from '../../../engine/core/random.ts';

/** The first index where two streams differ, or -1 after n draws. */
function firstDifference(a: () => number, b: () => number, n: number): number {
  for (let i = 0; i < n; i++) if (!Object.is(a(), b())) return i;
  return -1;
}

describe('random streams', () => {
  test('a stream is seedrandom Alea of "seed/replication/name", bit for bit, over a million draws', () => {
    for (const [seed, rep, name] of [[12345, 0, 'arrivals'], [1, 7, 'service:s1'], [-3.5, 199, 'list:hip/referrals']] as const) {
      const ours = stream(seed, rep, name);
      const theirs = seedrandom.alea(`${seed}/${rep}/${name}`) as () => number;
      expect(firstDifference(ours, theirs, 1_000_000)).toBe(-1);
    }
  });

  test('any seed, replication and name: the same numbers as seedrandom', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(10_000), fc.string({ maxLength: 40 }), (seed, rep, name) => {
        const theirs = seedrandom.alea(`${seed}/${rep}/${name}`) as () => number;
        return firstDifference(stream(seed, rep, name), theirs, 2_000) === -1;
      }),
      { numRuns: 200, seed: 19 },
    );
  });

  test('draws lie in [0, 1); streams of different names differ; asking twice for a name gives one stream', () => {
    const u = stream(5, 0, 'a');
    for (let i = 0; i < 100_000; i++) {
      const x = u();
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(stream(5, 0, 'a')()).not.toBe(stream(5, 0, 'b')());
    expect(stream(5, 0, 'a')()).not.toBe(stream(5, 1, 'a')());
    const s = new Streams(5, 0);
    expect(s.get('x')).toBe(s.get('x'));
  });
});
