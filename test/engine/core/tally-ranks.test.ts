// Tally's quantiles read from its sketch in one scan (engine/core/stats.ts, atRanks: from
// the smallest observation's bucket, several ranks at once) against the sketch's definition
// worked out here from the observations themselves: a value at or above 1e-6 falls in the
// bucket named by its exponent and top 7 significand bits; the q-quantile is the
// representative value of the first bucket at which the count so far (below-1e-6 values
// first) reaches the nearest rank ceil(q n), clamped to [min, max]; ranks 1 and n are min
// and max exactly. Equal to the last bit, for summary() and quantile() alike.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Tally } from '../../../engine/core/stats.ts';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const key = (x: number) => { F64[0] = x; return U32[HI] >>> 13; };
const MIN_KEY = key(1e-6), TOP = key(1e7) - MIN_KEY;
function representative(k: number): number {
  U32[HI] = (k + MIN_KEY) << 13;
  U32[1 - HI] = 0;
  const lower = F64[0];
  const upper = lower * (1 + 1 / (128 + ((k + MIN_KEY) & 127)));
  return (2 * lower * upper) / (lower + upper);
}

/** The q-quantile the sketch defines, from the observations. */
function defined(xs: readonly number[], q: number): number {
  const n = xs.length;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n - 1e-9)));
  const min = Math.min(...xs), max = Math.max(...xs);
  if (rank === 1) return min;
  if (rank === n) return max;
  const counts = new Map<number, number>();
  let zeros = 0;
  for (const x of xs) {
    if (x >= 1e-6) { const k = Math.min(key(x) - MIN_KEY, TOP); counts.set(k, (counts.get(k) ?? 0) + 1); } else zeros++;
  }
  let value: number;
  if (rank <= zeros) value = 0;
  else {
    let seen = zeros;
    value = representative(TOP);
    for (const k of [...counts.keys()].sort((a, b) => a - b)) {
      seen += counts.get(k)!;
      if (seen >= rank) { value = representative(k); break; }
    }
  }
  return value < min ? min : value > max ? max : value;
}

// Values across the sketch and beyond it: zeros and negatives, below 1e-6, hours, above 1e7, repeats.
const value = fc.oneof(
  fc.constantFrom(0, -1, 1e-7, 1e-6, 0.5, 1, 1e7, 3e9),
  fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
  fc.double({ min: -10, max: 1e12, noNaN: true }),
);

describe('Tally quantiles read in one scan', () => {
  test('summary() and quantile() give the sketch\'s defined quantiles, bit for bit', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        const t = new Tally();
        for (const x of xs) t.add(x);
        const s = t.summary();
        for (const [p, got] of [[0.5, s.p50], [0.9, s.p90], [0.95, s.p95], [0.99, s.p99]] as const) {
          if (!Object.is(got, defined(xs, p))) return false;
          if (!Object.is(t.quantile(p), got)) return false;
        }
        return Object.is(t.quantile(q), defined(xs, q));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  test('after a reset and in a merge, the same holds for the observations kept', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), fc.array(value, { minLength: 1, maxLength: 200 }), (a, b) => {
        const before = new Tally();
        for (const x of [...a, ...b]) before.add(x);
        before.reset();
        for (const x of b) before.add(x); // only b counts now
        const ta = new Tally(), tb = new Tally();
        for (const x of a) ta.add(x);
        for (const x of b) tb.add(x);
        const merged = Tally.merged([ta, tb]);
        return [0.5, 0.9, 0.99].every((p) => Object.is(before.summary().p50, defined(b, 0.5)) && Object.is(before.quantile(p), defined(b, p)) && Object.is(merged.quantile(p), defined([...a, ...b], p)));
      }),
      { numRuns: 200, seed: 8 },
    );
  });
});
