// The four parametric families of the scenario language a length of stay is fitted to
// (scenarios/schema/distribution.ts): their maximum-likelihood estimates, log-likelihood,
// CDF and quantile. Times are in hours. Each family keeps its natural parameters; the
// language's form (gamma and lognormal by mean and sd) is derived when a fragment is written.
//
// Censored stays (still in at the extract date, observed for `c` hours so far) enter the
// likelihood through the survival function S(c). The exponential and Weibull have
// censored MLEs in closed form or one equation; gamma and lognormal fit complete stays only.
import { digamma, gammaP, logGamma, normalQuantile, normalUpper, trigamma } from './special.ts';

export type FamilyName = 'exponential' | 'gamma' | 'lognormal' | 'weibull';
export const FAMILIES: readonly FamilyName[] = ['exponential', 'gamma', 'lognormal', 'weibull'];

/** A fitted family: its parameters by name, in hours where they are times. */
export interface Fitted {
  family: FamilyName;
  params: Record<string, number>;
}

/** Whether each parameter is estimated on the log scale (positive) or as it is (lognormal μ). */
export const PARAMS: Record<FamilyName, readonly { name: string; log: boolean }[]> = {
  exponential: [{ name: 'mean', log: true }],
  gamma: [{ name: 'shape', log: true }, { name: 'rate', log: true }],
  lognormal: [{ name: 'mu', log: false }, { name: 'sigma', log: true }],
  weibull: [{ name: 'shape', log: true }, { name: 'scale', log: true }],
};

const sum = (xs: readonly number[], f: (x: number) => number) => { let s = 0; for (const x of xs) s += f(x); return s; };

/** The MLE of each family from complete stays `x` (all > 0) and censored times `c` (≥ 0). */
export function mle(family: FamilyName, x: readonly number[], c: readonly number[] = []): Fitted {
  const n = x.length;
  const meanLog = sum(x, Math.log) / n;
  switch (family) {
    case 'exponential':
      // Total time at risk over the stays that ended.
      return { family, params: { mean: (sum(x, (v) => v) + sum(c, (v) => v)) / n } };
    case 'lognormal': {
      const sigma = Math.sqrt(sum(x, (v) => (Math.log(v) - meanLog) ** 2) / n);
      return { family, params: { mu: meanLog, sigma } };
    }
    case 'gamma': {
      // ln k − ψ(k) = ln x̄ − mean(ln x), by Newton from Minka's (2002) starting value.
      const m = sum(x, (v) => v) / n;
      const s = Math.log(m) - meanLog;
      let k = (3 - s + Math.sqrt((s - 3) ** 2 + 24 * s)) / (12 * s);
      for (let i = 0; i < 100; i++) {
        const step = (Math.log(k) - digamma(k) - s) / (1 / k - trigamma(k));
        const next = k - step;
        k = next > 0 ? next : k / 2;
        if (Math.abs(step) < 1e-12 * k) break;
      }
      return { family, params: { shape: k, rate: k / m } };
    }
    case 'weibull':
      return { family, params: weibullMle(x, c) };
  }
}

/**
 * Weibull MLE with right censoring: the shape k solves
 * Σ_all y^k ln y / Σ_all y^k − 1/k − mean_events(ln y) = 0 (increasing in k), then
 * λ^k = Σ_all x^k / events. Times are scaled by the largest (y = x/max) so y^k cannot overflow.
 */
function weibullMle(x: readonly number[], c: readonly number[]): { shape: number; scale: number } {
  const all = [...x, ...c].filter((v) => v > 0);
  let top = 0;
  for (const v of all) if (v > top) top = v; // not Math.max(...all): a million arguments overflow the stack
  const ly = all.map((v) => Math.log(v / top));
  const meanLogEvents = sum(x, (v) => Math.log(v / top)) / x.length;
  const g = (k: number) => {
    let s0 = 0, s1 = 0;
    for (const l of ly) { const w = Math.exp(k * l); s0 += w; s1 += w * l; }
    return s1 / s0 - 1 / k - meanLogEvents;
  };
  // Bracket the root, then bisect (g is monotone: safe and plenty fast at 60 steps).
  let lo = 1e-3, hi = 1;
  while (g(hi) < 0 && hi < 1e4) { lo = hi; hi *= 2; }
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (g(mid) < 0) lo = mid; else hi = mid;
  }
  const k = (lo + hi) / 2;
  const s0 = sum(ly, (l) => Math.exp(k * l));
  return { shape: k, scale: top * Math.pow(s0 / x.length, 1 / k) };
}

/** ln f(x) of one value. */
export function logDensity(f: Fitted, x: number): number {
  const p = f.params;
  switch (f.family) {
    case 'exponential': return -Math.log(p.mean) - x / p.mean;
    case 'gamma': return p.shape * Math.log(p.rate) + (p.shape - 1) * Math.log(x) - p.rate * x - logGamma(p.shape);
    case 'lognormal': { const z = (Math.log(x) - p.mu) / p.sigma; return -Math.log(x * p.sigma) - 0.5 * Math.log(2 * Math.PI) - 0.5 * z * z; }
    case 'weibull': { const y = x / p.scale; return Math.log(p.shape / p.scale) + (p.shape - 1) * Math.log(y) - Math.pow(y, p.shape); }
  }
}

/** ln S(c) = ln P(X > c), for a censored time. */
export function logSurvival(f: Fitted, c: number): number {
  const p = f.params;
  switch (f.family) {
    case 'exponential': return -c / p.mean;
    case 'weibull': return -Math.pow(c / p.scale, p.shape);
    default: return Math.log(Math.max(1e-300, 1 - cdf(f, c)));
  }
}

/** The log-likelihood of complete stays x and censored times c. */
export function logLikelihood(f: Fitted, x: readonly number[], c: readonly number[] = []): number {
  return sum(x, densityOf(f)) + sum(c, (v) => logSurvival(f, v));
}

/**
 * logDensity of one family with its constant terms worked out once, not once a value (the
 * fit's Hessian sums a million-stay extract dozens of times; logGamma per value was most of
 * `pathflow fit`'s time). The same operations in the same order: the same numbers to the bit.
 */
function densityOf(f: Fitted): (x: number) => number {
  const p = f.params;
  switch (f.family) {
    case 'exponential': { const a = -Math.log(p.mean), mean = p.mean; return (x) => a - x / mean; }
    case 'gamma': { const a = p.shape * Math.log(p.rate), k1 = p.shape - 1, rate = p.rate, lg = logGamma(p.shape); return (x) => a + k1 * Math.log(x) - rate * x - lg; }
    case 'lognormal': {
      const mu = p.mu, sigma = p.sigma, h = 0.5 * Math.log(2 * Math.PI);
      return (x) => { const z = (Math.log(x) - mu) / sigma; return -Math.log(x * sigma) - h - 0.5 * z * z; };
    }
    case 'weibull': { const a = Math.log(p.shape / p.scale), k1 = p.shape - 1, k = p.shape, scale = p.scale; return (x) => { const y = x / scale; return a + k1 * Math.log(y) - Math.pow(y, k); }; }
  }
}

export function cdf(f: Fitted, x: number): number {
  const p = f.params;
  if (x <= 0) return 0;
  switch (f.family) {
    case 'exponential': return -Math.expm1(-x / p.mean);
    case 'gamma': return gammaP(p.shape, p.rate * x);
    case 'lognormal': return normalUpper(-(Math.log(x) - p.mu) / p.sigma);
    case 'weibull': return -Math.expm1(-Math.pow(x / p.scale, p.shape));
  }
}

export function quantile(f: Fitted, q: number): number {
  const p = f.params;
  switch (f.family) {
    case 'exponential': return -p.mean * Math.log1p(-q);
    case 'lognormal': return Math.exp(p.mu + p.sigma * normalQuantile(q));
    case 'weibull': return p.scale * Math.pow(-Math.log1p(-q), 1 / p.shape);
    case 'gamma': {
      // Bisection on the CDF: no closed form.
      let lo = 0, hi = (p.shape + 10 * Math.sqrt(p.shape) + 10) / p.rate;
      while (cdf(f, hi) < q) hi *= 2;
      for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(f, mid) < q) lo = mid; else hi = mid;
      }
      return (lo + hi) / 2;
    }
  }
}

/** Mean and standard deviation of the fitted distribution (hours). */
export function moments(f: Fitted): { mean: number; sd: number } {
  const p = f.params;
  switch (f.family) {
    case 'exponential': return { mean: p.mean, sd: p.mean };
    case 'gamma': return { mean: p.shape / p.rate, sd: Math.sqrt(p.shape) / p.rate };
    case 'lognormal': { const s2 = p.sigma * p.sigma; const mean = Math.exp(p.mu + s2 / 2); return { mean, sd: mean * Math.sqrt(Math.expm1(s2)) }; }
    case 'weibull': {
      const g1 = Math.exp(logGamma(1 + 1 / p.shape)), g2 = Math.exp(logGamma(1 + 2 / p.shape));
      return { mean: p.scale * g1, sd: p.scale * Math.sqrt(Math.max(0, g2 - g1 * g1)) };
    }
  }
}
