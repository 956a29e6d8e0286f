// Lengths of stay fitted to every family of the language and ranked: maximum likelihood,
// Wald 95% intervals from the observed information, AIC and BIC, the Kolmogorov–Smirnov
// distance and p-value, and a QQ table (fitted against observed quantiles). Complete stays
// only (x > 0, hours); censored ones are fitted separately where a censored MLE exists
// (exponential, Weibull), so that every family's AIC is on the same data.
import { FAMILIES, PARAMS, cdf, logLikelihood, mle, moments, quantile, type FamilyName, type Fitted } from './families.ts';
import { kolmogorovUpper } from './special.ts';

const Z95 = 1.959963984540054;

export interface Interval { estimate: number; low: number; high: number }

export interface FamilyFit {
  family: FamilyName;
  fitted: Fitted;
  /** Each parameter with its 95% interval (hours where a time). */
  params: Record<string, Interval>;
  /** The distribution's mean (hours), with its 95% interval by the delta method. */
  mean: Interval;
  sd: number;
  logLik: number;
  aic: number;
  bic: number;
  /** Kolmogorov–Smirnov: largest distance between the data's and the fit's CDF. */
  ks: number;
  /** Its p-value from Kolmogorov's distribution (see ksNote). */
  ksP: number;
}

export interface StayFit {
  n: number;
  /** The families, best (lowest AIC) first. */
  ranked: FamilyFit[];
  /** The censored MLE of exponential and Weibull, when there are censored stays. */
  censored?: { n: number; fits: { family: FamilyName; fitted: Fitted; mean: number }[] };
  /** Observed and fitted quantiles at QQ_PROBABILITIES (hours). */
  qq: { p: number; observed: number; fitted: Record<FamilyName, number> }[];
  /** The empirical distribution: its quantiles at EMPIRICAL_POINTS equally spaced probabilities. */
  empirical: number[];
  sample: { mean: number; sd: number; median: number; min: number; max: number };
  /** Counts in HISTOGRAM_BINS equal bins from 0 to the 99th centile (hours), and the stays beyond it: what a histogram of every stay needs, in a fixed size. */
  histogram: { edges: number[]; counts: number[]; beyond: number };
}

export const QQ_PROBABILITIES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
/** Bins of the histogram of stays (the web app draws it under the fitted densities). */
export const HISTOGRAM_BINS = 30;
/** Values of an empirical fragment at most: quantiles rather than every stay, so the scenario stays small. */
export const EMPIRICAL_POINTS = 100;

export const KS_NOTE = 'Kolmogorov–Smirnov p-values use Kolmogorov\'s limiting distribution (Stephens\' small-sample form); ' +
  'the parameters are estimated from the same data, so they are conservative (too large: Lilliefors 1967), ' +
  'and on thousands of stays any small departure is significant: read the distance and the QQ table too.';

/** The sample quantile (type 7, as R's default) of sorted values. */
export function sampleQuantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/** Fit complete stays x (hours, each > 0; at least 2) and censored times c. */
export function fitStays(x: readonly number[], c: readonly number[] = []): StayFit {
  const sorted = [...x].sort((a, b) => a - b);
  const n = sorted.length;
  const ranked = FAMILIES.map((family) => familyFit(family, sorted)).sort((a, b) => a.aic - b.aic);
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  const qq = QQ_PROBABILITIES.map((p) => ({
    p, observed: sampleQuantile(sorted, p),
    fitted: Object.fromEntries(ranked.map((f) => [f.family, quantile(f.fitted, p)])) as Record<FamilyName, number>,
  }));
  const points = Math.min(EMPIRICAL_POINTS, n);
  const empirical = Array.from({ length: points }, (_, i) => sampleQuantile(sorted, points === 1 ? 0.5 : (i + 0.5) / points));
  const censored = c.length === 0 ? undefined : {
    n: c.length,
    fits: (['exponential', 'weibull'] as const).map((family) => { const fitted = mle(family, sorted, c); return { family, fitted, mean: moments(fitted).mean }; }),
  };
  return { n, ranked, censored, qq, empirical, sample: { mean, sd, median: sampleQuantile(sorted, 0.5), min: sorted[0], max: sorted[n - 1] }, histogram: histogramOf(sorted) };
}

/** Equal bins from 0 to the 99th centile (the longest stays would squeeze the rest into a bar or two), the stays beyond it counted apart. */
export function histogramOf(sorted: readonly number[]): StayFit['histogram'] {
  const top = sampleQuantile(sorted, 0.99) || sorted[sorted.length - 1] || 1;
  const width = top / HISTOGRAM_BINS;
  const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => i * width);
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  let beyond = 0;
  for (const v of sorted) {
    if (v > top) beyond++;
    else counts[Math.min(HISTOGRAM_BINS - 1, Math.floor(v / width))]++;
  }
  return { edges, counts, beyond };
}

function familyFit(family: FamilyName, sorted: readonly number[]): FamilyFit {
  const fitted = mle(family, sorted);
  const spec = PARAMS[family];
  const theta = spec.map((s) => (s.log ? Math.log(fitted.params[s.name]) : fitted.params[s.name]));
  const build = (t: readonly number[]): Fitted => ({ family, params: Object.fromEntries(spec.map((s, i) => [s.name, s.log ? Math.exp(t[i]) : t[i]])) });
  const ll = (t: readonly number[]) => logLikelihood(build(t), sorted);
  const logLik = ll(theta);
  const cov = invert(hessian(ll, theta).map((row) => row.map((v) => -v)));
  const params: Record<string, Interval> = {};
  spec.forEach((s, i) => {
    const se = Math.sqrt(Math.max(0, cov[i][i]));
    const [a, b] = [theta[i] - Z95 * se, theta[i] + Z95 * se];
    params[s.name] = { estimate: fitted.params[s.name], low: s.log ? Math.exp(a) : a, high: s.log ? Math.exp(b) : b };
  });
  // The mean's interval by the delta method on ln(mean), so it stays positive.
  const logMean = (t: readonly number[]) => Math.log(moments(build(t)).mean);
  const g = gradient(logMean, theta);
  const varLogMean = g.reduce((s, gi, i) => s + g.reduce((t, gj, j) => t + gi * cov[i][j] * gj, 0), 0);
  const m = moments(fitted);
  const half = Z95 * Math.sqrt(Math.max(0, varLogMean));
  let ks = 0;
  sorted.forEach((v, i) => { const F = cdf(fitted, v); ks = Math.max(ks, F - i / sorted.length, (i + 1) / sorted.length - F); });
  const k = spec.length;
  return {
    family, fitted, params, mean: { estimate: m.mean, low: m.mean * Math.exp(-half), high: m.mean * Math.exp(half) }, sd: m.sd,
    logLik, aic: 2 * k - 2 * logLik, bic: k * Math.log(sorted.length) - 2 * logLik, ks, ksP: kolmogorovUpper(ks, sorted.length),
  };
}

/** Central-difference second derivatives (the parameters are O(1) on their scales). */
function hessian(f: (t: readonly number[]) => number, t: readonly number[]): number[][] {
  const h = 1e-4;
  const at = (d: Record<number, number>) => f(t.map((v, i) => v + (d[i] ?? 0)));
  const f0 = f(t);
  return t.map((_, i) => t.map((__, j) => {
    if (i === j) return (at({ [i]: h }) - 2 * f0 + at({ [i]: -h })) / (h * h);
    return (at({ [i]: h, [j]: h }) - at({ [i]: h, [j]: -h }) - at({ [i]: -h, [j]: h }) + at({ [i]: -h, [j]: -h })) / (4 * h * h);
  }));
}

function gradient(f: (t: readonly number[]) => number, t: readonly number[]): number[] {
  const h = 1e-6;
  return t.map((_, i) => (f(t.map((v, j) => (j === i ? v + h : v))) - f(t.map((v, j) => (j === i ? v - h : v)))) / (2 * h));
}

/** The inverse of a 1×1 or 2×2 matrix (the information of a family with one or two parameters). */
function invert(a: number[][]): number[][] {
  if (a.length === 1) return [[1 / a[0][0]]];
  const det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  return [[a[1][1] / det, -a[0][1] / det], [-a[1][0] / det, a[0][0] / det]];
}
