// Elementary functions that give the same bits in every JavaScript engine. Math.log, exp,
// pow, sin and cos are not specified to the last bit, and engines differ: Chromium 156
// and Node 20 disagree in the last bit for about 5-10% of inputs (measured), which moves
// a sampled duration by an ulp and breaks "same seed, same numbers in Node and the
// browser". These are stdlib's ports of FreeBSD's msun (fdlibm): only IEEE arithmetic,
// which every engine rounds alike. Math.sqrt, floor, abs, min and max are exact and stay.
//
// log, exp and cos are drawn several times per patient (every lognormal duration, every
// thinned arrival): they are stdlib's code written out here, operation for operation, with
// the float's words read through one shared view instead of stdlib's helper calls and
// scratch arrays, and exp's final scaling by 2^k done as one exact multiplication where the
// result is a normal number (stdlib's ldexp builds the same bits through five calls).
// Inputs outside the written-out ranges go to stdlib itself. Same bits as stdlib for every
// input: test/engine/core/math.test.ts compares them on millions of draws and the edge cases.
import ln from '@stdlib/math-base-special-ln';
import expImpl from '@stdlib/math-base-special-exp';
import powImpl from '@stdlib/math-base-special-pow';
import sinImpl from '@stdlib/math-base-special-sin';
import cosImpl from '@stdlib/math-base-special-cos';
import log1pImpl from '@stdlib/math-base-special-log1p';
import expm1Impl from '@stdlib/math-base-special-expm1';

export const pow: (x: number, y: number) => number = powImpl;
export const sin: (x: number) => number = sinImpl;
export const log1p: (x: number) => number = log1pImpl;
export const expm1: (x: number) => number = expm1Impl;
/** stdlib's own functions, for the comparison test. */
export const stdlibLog: (x: number) => number = ln;
export const stdlibExp: (x: number) => number = expImpl;
export const stdlibCos: (x: number) => number = cosImpl;

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Index of the high 32-bit word (sign, exponent, top of the significand) on this platform.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

// ---------------------------------------------------------------- log (stdlib math-base-special-ln)

const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.80143985094819840000e+16;
const ONE_THIRD = 0.33333333333333333;

/**
 * Powers of two, POW2[n + POW2_BIAS] = 2^n for n in [-1074, 1023]: multiplying a normal
 * number by one is exact, so log's normalisation and exp's scaling read a power here
 * instead of writing a float's high word and reading the whole float back (a 4-byte store
 * then an 8-byte load of it cannot be forwarded and stalls: it made log 3-4 times slower
 * than Math.log). Filled by halving and doubling, which are exact.
 */
const POW2_BIAS = 1074;
const POW2 = new Float64Array(1074 + 1024);
POW2[POW2_BIAS] = 1;
for (let n = 1; n <= 1023; n++) POW2[POW2_BIAS + n] = POW2[POW2_BIAS + n - 1] * 2;
for (let n = 1; n <= 1074; n++) POW2[POW2_BIAS - n] = POW2[POW2_BIAS - n + 1] / 2;

/** Natural logarithm: stdlib's ln, bit for bit. */
export function log(x: number): number {
  if (x === 0) return -Infinity;
  if (x !== x || x < 0) return NaN;
  F64[0] = x;
  let hx = U32[HI] | 0;
  let k = 0;
  if (hx < 0x00100000) {
    // Subnormal: scale up.
    k -= 54;
    x *= TWO54;
    F64[0] = x;
    hx = U32[HI] | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  const e = ((hx >> 20) - 1023) | 0;
  hx &= 0x000fffff;
  const i = ((hx + 0x95f64) & 0x100000) | 0;
  // Normalise x or x/2: stdlib puts the exponent of 1 (or 1/2) in its high word, keeping
  // the significand; that is x times 2^-e, and times 1/2 more when i is set, exactly,
  // since the result is normal.
  const scale = (e + (i >> 20)) | 0;
  x *= POW2[POW2_BIAS - scale];
  k += scale;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // -2^-20 <= f < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - ONE_THIRD * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const j = (0x6b851 - hx) | 0;
  const t1 = w * (0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373));
  const t2 = z * (0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586)));
  const R = t2 + t1;
  if ((((hx - 0x6147a) | 0) | j) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

// ---------------------------------------------------------------- exp (stdlib math-base-special-exp)

const LOG2_E = 1.44269504088896338700e+00;
const OVERFLOW = 7.09782712893383973096e+02;
const UNDERFLOW = -7.45133219101941108420e+02;
const NEARZERO = 1.0 / (1 << 28);

/** e^x: stdlib's exp, bit for bit. */
export function exp(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > OVERFLOW) return Infinity;
  if (x < UNDERFLOW) return 0;
  if (x > -NEARZERO && x < NEARZERO) return 1 + x;
  // stdlib's trunc: ceil below 0, floor above.
  const k = x < 0 ? Math.ceil(LOG2_E * x - 0.5) : Math.floor(LOG2_E * x + 0.5);
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  // stdlib's expmulti
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (6.613756321437934e-05 + t * (-1.6533902205465252e-06 + t * 4.1381367970572385e-08))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  // ldexp(y, k): y is within [0.7, 1.5], so y·2^k is normal for these k and the product
  // by a power of two is exact, the bits ldexp builds. Beyond them, stdlib's exp itself.
  if (k >= -1020 && k <= 1020) return y * POW2[POW2_BIAS + k];
  return expImpl(x);
}

// ---------------------------------------------------------------- cos (stdlib math-base-special-cos)

const PIO2_1 = 1.57079632673412561417e+00;
const PIO2_1T = 6.07710050650619224932e-11;
const TWO_PIO2_1T = 2.0 * PIO2_1T;
const THREE_PIO2_1T = 3.0 * PIO2_1T;
const FOUR_PIO2_1T = 4.0 * PIO2_1T;
const S1 = -1.66666666666666324348e-01;
const S2 = 8.33333333332248946124e-03;
const S3 = -1.98412698298579493134e-04;
const S4 = 2.75573137070700676789e-06;
const S5 = -2.50507602534068634195e-08;
const S6 = 1.58969099521155010221e-10;

function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  let r = z * (0.0416666666666666 + z * (-0.001388888888887411 + z * 2.480158728947673e-05));
  r += w * w * (-2.7557314351390663e-07 + z * (2.087572321298175e-09 + z * -1.1359647557788195e-11));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

function kernelSin(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (y === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/**
 * cos x: stdlib's cos, bit for bit. Written out for |x| < 9π/4 (a Box-Muller angle lies in
 * [0, 2π)), where stdlib's rempio2 subtracts n·π/2 in two parts; the few arguments it
 * reduces more carefully (near multiples of π/2 and beyond), and the rest, go to stdlib.
 */
export function cos(x: number): number {
  F64[0] = x;
  const hx = U32[HI] | 0;
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return 1;
    return kernelCos(x, 0);
  }
  let n: number, z: number, y0: number, y1: number;
  if (ix <= 0x400f6a7a) {
    if ((ix & 0xfffff) === 0x921fb) return cosImpl(x);
    if (ix <= 0x4002d97c) {
      if (hx > 0) {
        z = x - PIO2_1;
        y0 = z - PIO2_1T;
        y1 = z - y0 - PIO2_1T;
        n = 1;
      } else {
        z = x + PIO2_1;
        y0 = z + PIO2_1T;
        y1 = z - y0 + PIO2_1T;
        n = -1;
      }
    } else if (hx > 0) {
      z = x - 2 * PIO2_1;
      y0 = z - TWO_PIO2_1T;
      y1 = z - y0 - TWO_PIO2_1T;
      n = 2;
    } else {
      z = x + 2 * PIO2_1;
      y0 = z + TWO_PIO2_1T;
      y1 = z - y0 + TWO_PIO2_1T;
      n = -2;
    }
  } else if (ix <= 0x401c463b) {
    if (ix <= 0x4015fdbc) {
      if (ix === 0x4012d97c) return cosImpl(x);
      if (hx > 0) {
        z = x - 3 * PIO2_1;
        y0 = z - THREE_PIO2_1T;
        y1 = z - y0 - THREE_PIO2_1T;
        n = 3;
      } else {
        z = x + 3 * PIO2_1;
        y0 = z + THREE_PIO2_1T;
        y1 = z - y0 + THREE_PIO2_1T;
        n = -3;
      }
    } else {
      if (ix === 0x401921fb) return cosImpl(x);
      if (hx > 0) {
        z = x - 4 * PIO2_1;
        y0 = z - FOUR_PIO2_1T;
        y1 = z - y0 - FOUR_PIO2_1T;
        n = 4;
      } else {
        z = x + 4 * PIO2_1;
        y0 = z + FOUR_PIO2_1T;
        y1 = z - y0 + FOUR_PIO2_1T;
        n = -4;
      }
    }
  } else return cosImpl(x);
  switch (n & 3) {
    case 0: return kernelCos(y0, y1);
    case 1: return -kernelSin(y0, y1);
    case 2: return -kernelCos(y0, y1);
    default: return kernelSin(y0, y1);
  }
}
