// Special functions of the distributions: the normal's upper tail Q(z) and its quantile
// for the truncated normal (its moments, and its inversion sampler for every normal with
// more than 10% of its mass below 0), ln Γ for the Weibull's moments. Only IEEE arithmetic,
// core/math.ts and stdlib (which calls its own ln, exp, sin, never Math's), so the same
// bits in every JavaScript engine. Not part of the engine's public API (index.ts
// re-exports distributions.ts, not this file).
//
// Q and the quantile stay hand-written rather than stdlib's because stdlib's would move
// sampled durations (measured against these, issue 16; test/engine/core/distributions-pinned.test.ts):
// - @stdlib/math-base-special-erfc (fdlibm, not Cody) differs in the last bits for about half
//   of all arguments (up to 4 ulp in [0, 0.5]; Q(z) up to 7 ulp), which moves Q(α), the
//   scale of the inversion: 1 519 of 20 000 draws of normal(-2, 1) change, 50 of normal(-30, 1).
// - @stdlib/stats-base-dists-normal-quantile computes erfinv(2p − 1), which has lost every
//   digit once 2p − 1 rounds to −1: it returns −∞ at p = 2.5e-17, where the sampler of
//   normal(-37, 1) works down to p ≈ 1e-300. -√2·erfcinv(2p) (@stdlib/math-base-special-erfcinv,
//   Boost's) holds the tail but differs by up to 363 ulp (6.96e-14 relative at p = 1e-300) and
//   changes 40-97% of inversion draws (e.g. 14 391 of 20 000 of normal(-0.5, 1)).
import gammaln from '@stdlib/math-base-special-gammaln';
import { exp, log } from './math.ts';

/**
 * ln Γ(x), x > 0: stdlib's port of fdlibm's lgamma (issue 16; it replaced a Lanczos sum).
 * It only sets the Weibull's mean and variance, never a draw. Exact at 1 and 2, so shape 1
 * has exactly the exponential's moments; at common shapes the mean is within 1 ulp where the
 * Lanczos sum was up to 12 ulp off, the variance up to 10 ulp where it was up to 1 700 (shape
 * 20). One band is worse: stdlib 0.3.1 uses its expansion about Γ's minimum from 1.1916 where
 * it documents (and fdlibm uses) 1.2316, 5.9e-14 relative error in [1.19, 1.23) against
 * ~1e-16 elsewhere, so shapes 4.3-5.2 and 8.6-10.4 lose a little (the mean at shape 5: 16 ulp).
 */
export const logGamma: (x: number) => number = gammaln;

// erfc and erfcx by W. J. Cody (1969, 1990), "Rational Chebyshev approximations for the
// error function", Math. Comp. 23; netlib specfun CALERF. Relative error below 1e-16 in
// double precision, including the far tail where 1 - erf would lose everything.
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERF_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131,
  881.952221241769090, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERF_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019,
  3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const ERF_P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const ERF_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const INV_SQRT_PI = 0.56418958354775628695;

/** exp(y²)·erfc(y) for y > 0.46875 (Cody's second and third intervals). */
function erfcxTail(y: number): number {
  if (y <= 4) {
    let num = ERF_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]) * y;
      den = (den + ERF_D[i]) * y;
    }
    return (num + ERF_C[7]) / (den + ERF_D[7]);
  }
  const z = 1 / (y * y);
  let num = ERF_P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + ERF_P[i]) * z;
    den = (den + ERF_Q[i]) * z;
  }
  return (INV_SQRT_PI - (z * (num + ERF_P[4])) / (den + ERF_Q[4])) / y;
}

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = ERF_A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + ERF_A[i]) * z;
    den = (den + ERF_B[i]) * z;
  }
  return (x * (num + ERF_A[3])) / (den + ERF_B[3]);
}

export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  let result = 0;
  if (y < 26.543) {
    // exp(-y²) split as exp(-s²)·exp(-(y-s)(y+s)) with s = y rounded down to 1/16, so
    // the rounding error of y² is not amplified (Cody).
    const s = Math.trunc(y * 16) / 16;
    result = exp(-s * s) * exp(-(y - s) * (y + s)) * erfcxTail(y);
  }
  return x < 0 ? 2 - result : result;
}

/** Upper tail of the standard normal, Q(z) = P(Z > z), accurate far into the tail. */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z * Math.SQRT1_2);
}

// Inverse standard normal CDF by Wichura (1988), Algorithm AS 241 (PPND16), Applied
// Statistics 37(3): relative accuracy about 1e-16 for p down to 1e-300.
const AS241_A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const AS241_B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const AS241_C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const AS241_D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const AS241_E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const AS241_F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function horner(c: readonly number[], x: number): number {
  let v = c[7];
  for (let i = 6; i >= 0; i--) v = v * x + c[i];
  return v;
}

/** Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}
