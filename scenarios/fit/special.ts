// Special functions the fits need and the engine does not: ψ and ψ' (the gamma MLE and its
// information), the regularised incomplete gamma (the gamma's CDF, the chi-square tail of
// the likelihood-ratio tests, exact Poisson intervals), and Kolmogorov's distribution (the
// KS test). Plain IEEE arithmetic; accuracy around 1e-12, far below what data can tell.
import { logGamma, normalQuantile, normalUpper } from '../../engine/core/special-functions.ts';

export { logGamma, normalQuantile, normalUpper };

/** ψ(x), x > 0: recurrence up to 10, then the asymptotic series (Abramowitz & Stegun 6.3.18). */
export function digamma(x: number): number {
  let r = 0;
  while (x < 10) { r -= 1 / x; x += 1; }
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

/** ψ'(x), x > 0: recurrence up to 10, then the asymptotic series (A&S 6.4.12). */
export function trigamma(x: number): number {
  let r = 0;
  while (x < 10) { r += 1 / (x * x); x += 1; }
  const f = 1 / (x * x);
  return r + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f / 30)));
}

/**
 * The regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a): its series below a + 1,
 * Legendre's continued fraction (modified Lentz) above (Numerical Recipes §6.2).
 */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (!Number.isFinite(x)) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** Q(a, x) = 1 − P(a, x), without the cancellation in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a, sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b; if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c; if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(χ²_df > x): the p-value of a chi-square or likelihood-ratio (G) statistic. */
export function chiSquareUpper(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

/** The p-quantile of χ²_df, by bisection on P (enough for interval ends). */
export function chiSquareQuantile(p: number, df: number): number {
  if (p <= 0) return 0;
  let lo = 0, hi = Math.max(1, df);
  while (gammaP(df / 2, hi / 2) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(df / 2, mid / 2) < p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * An exact (Garwood 1936) 95% interval for the mean of a Poisson count c:
 * [χ²(2c; 0.025)/2, χ²(2c + 2; 0.975)/2].
 */
export function poissonInterval(c: number, level = 0.95): [number, number] {
  const a = (1 - level) / 2;
  return [c === 0 ? 0 : chiSquareQuantile(a, 2 * c) / 2, chiSquareQuantile(1 - a, 2 * c + 2) / 2];
}

/**
 * P(D_n > d) for the Kolmogorov–Smirnov statistic of n observations against a fully
 * specified continuous CDF: Kolmogorov's limiting series at Stephens' (1970) modified
 * statistic d(√n + 0.12 + 0.11/√n), good to about 2 digits from n = 5.
 */
export function kolmogorovUpper(d: number, n: number): number {
  const sn = Math.sqrt(n);
  const t = d * (sn + 0.12 + 0.11 / sn);
  if (t < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * t * t);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
