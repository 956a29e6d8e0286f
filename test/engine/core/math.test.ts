// The engine's written-out log, exp and cos (engine/core/math.ts) against stdlib's, whose
// bits they must reproduce exactly (every sampled duration goes through them): on the
// inputs the engine draws (1 - U for U uniform, lognormal exponents, Box-Muller angles),
// on every binary order of magnitude, and on the edge cases (zeros, subnormals, infinities,
// NaN, the boundaries of each branch and the arguments stdlib reduces more carefully).
import { describe, test, expect } from 'vitest';
import fc from 'fast-check';
import { log, exp, cos, stdlibLog, stdlibExp, stdlibCos } from '../../../engine/core/math.ts';

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function fromWords(hi: number, lo: number): number {
  U32[HI] = hi >>> 0;
  U32[1 - HI] = lo >>> 0;
  return F64[0];
}
/** A mulberry32 stream: fixed inputs, no dependence on the engine's generator. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The inputs where the two differ (at most a few, for the message). */
function mismatches(f: (x: number) => number, g: (x: number) => number, xs: Iterable<number>): string[] {
  const bad: string[] = [];
  for (const x of xs) if (!Object.is(f(x), g(x)) && bad.length < 5) bad.push(`${x}: ${f(x)} vs ${g(x)}`);
  return bad;
}

const edges = [0, -0, 1, -1, 2, 0.5, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308,
  2.225073858507201e-308, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 1 - Number.EPSILON / 2, 1 + Number.EPSILON,
  709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, 2 ** -28, -(2 ** -28), 2 ** -29, 1e-300, 1e300,
  Math.PI, Math.PI / 2, Math.PI / 4, (3 * Math.PI) / 4, (5 * Math.PI) / 4, (3 * Math.PI) / 2, (7 * Math.PI) / 4, 2 * Math.PI,
  (9 * Math.PI) / 4, -Math.PI, -Math.PI / 2, -2 * Math.PI, 2 ** -27, 1e6, 1e20, -1e20, 700, -700, 705, -708, -740];

/** Every high word of interest: each exponent with assorted significands, and around each branch boundary of the three functions. */
function* wordGrid(): Generator<number> {
  const boundaries = [0x00100000, 0x7ff00000, 0x3fe921fb, 0x3e400000, 0x400f6a7a, 0x4002d97c, 0x4012d97c, 0x4015fdbc, 0x401921fb,
    0x401c463b, 0x413921fb, 0x3ff921fb, 0x400921fb, 0x3ff00000, 0x3fefffff, 0x40862e42, 0xc0874910];
  for (const b of boundaries) for (let d = -3; d <= 3; d++) for (const lo of [0, 1, 0x54442d18, 0xffffffff]) {
    yield fromWords(b + d, lo);
    yield fromWords((b + d) | 0x80000000, lo);
  }
  const next = uniforms(99);
  for (let e = 0; e < 2047; e++) for (let j = 0; j < 20; j++) {
    const hi = (e << 20) | Math.floor(next() * 0x100000);
    const lo = Math.floor(next() * 4294967296);
    yield fromWords(hi, lo);
    yield fromWords(hi | 0x80000000, lo);
  }
}

function* draws(n: number, seed: number, map: (u: number) => number): Generator<number> {
  const next = uniforms(seed);
  for (let i = 0; i < n; i++) yield map(next());
}

describe('log, exp and cos give stdlib’s bits', () => {
  test('on the edge cases', () => {
    expect(mismatches(log, stdlibLog, edges)).toEqual([]);
    expect(mismatches(exp, stdlibExp, edges)).toEqual([]);
    expect(mismatches(cos, stdlibCos, edges)).toEqual([]);
  });

  test('on every exponent and around every branch boundary', () => {
    expect(mismatches(log, stdlibLog, wordGrid())).toEqual([]);
    expect(mismatches(exp, stdlibExp, wordGrid())).toEqual([]);
    expect(mismatches(cos, stdlibCos, wordGrid())).toEqual([]);
  });

  test('on the inputs the samplers draw', () => {
    const n = 400_000;
    expect(mismatches(log, stdlibLog, draws(n, 1, (u) => 1 - u))).toEqual([]);
    expect(mismatches(log, stdlibLog, draws(n, 2, (u) => u * 1000))).toEqual([]);
    expect(mismatches(exp, stdlibExp, draws(n, 3, (u) => (u - 0.5) * 20))).toEqual([]);
    expect(mismatches(exp, stdlibExp, draws(n, 4, (u) => (u - 0.5) * 1500))).toEqual([]);
    expect(mismatches(cos, stdlibCos, draws(n, 5, (u) => 2 * Math.PI * u))).toEqual([]);
    expect(mismatches(cos, stdlibCos, draws(n, 6, (u) => (u - 0.5) * 40))).toEqual([]);
  });

  test('on any double', () => {
    fc.assert(fc.property(fc.double(), (x) => Object.is(log(x), stdlibLog(x)) && Object.is(exp(x), stdlibExp(x)) && Object.is(cos(x), stdlibCos(x))), { numRuns: 20_000 });
  });
});
