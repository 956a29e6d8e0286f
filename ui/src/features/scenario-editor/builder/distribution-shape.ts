// A duration's shape for the distribution picker: its exact mean and standard deviation
// from the parameters, and its density at a few points for a sketch. The same formulas as
// the engine's distributions (engine/core/distributions.ts), which the web app may not
// import outside its worker; a test checks the two agree on every kind. All in the
// duration's own unit.
type Obj = Record<string, unknown>;

export interface Moments { mean: number; sd: number }

const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : NaN);

// Lanczos approximation (g = 7, n = 9), about 15 significant digits for x > 0.
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0];
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** erfc(x): Taylor series of erf below 3, Laplace's continued fraction above. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    let term = x, sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
/** P(Z ≥ a) for a standard normal. */
const upper = (a: number) => 0.5 * erfc(a / Math.SQRT2);

/** Mean and sd of N(μ, σ²) truncated to [0, ∞): inverse Mills ratio, or Laplace's continued fraction far in the tail. */
function truncatedNormal(mu: number, sd: number): Moments {
  const alpha = -mu / sd;
  if (alpha <= 1.5) {
    const lambda = phi(alpha) / upper(alpha);
    return { mean: mu + sd * lambda, sd: sd * Math.sqrt(1 + alpha * lambda - lambda * lambda) };
  }
  let t = alpha;
  for (let k = 200; k >= 3; k--) t = alpha + k / t;
  const r = 2 / t, d = 1 / (alpha + r);
  return { mean: sd * d, sd: sd * Math.sqrt(d * (r - d)) };
}

/** Exact mean and sd of a duration (NaN where its parameters give none). */
export function moments(d: Obj): Moments {
  const m = num(d.mean), s = num(d.sd);
  switch (d.dist) {
    case 'exponential': return { mean: m, sd: m };
    case 'deterministic': return { mean: num(d.value), sd: 0 };
    case 'lognormal': case 'gamma': return { mean: m, sd: s };
    case 'erlang': return { mean: m, sd: m / Math.sqrt(num(d.k)) };
    case 'weibull': {
      const k = num(d.shape), scale = num(d.scale);
      const lg1 = logGamma(1 + 1 / k), lg2 = logGamma(1 + 2 / k);
      return { mean: scale * Math.exp(lg1), sd: Math.sqrt(scale * scale * Math.exp(2 * lg1) * Math.expm1(lg2 - 2 * lg1)) };
    }
    case 'normal': return truncatedNormal(m, s);
    case 'uniform': { const a = num(d.min), b = num(d.max); return { mean: (a + b) / 2, sd: (b - a) / Math.sqrt(12) }; }
    case 'triangular': {
      const a = num(d.min), c = num(d.mode), b = num(d.max);
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) };
    }
    case 'empirical': {
      const xs = Array.isArray(d.values) ? d.values.map(num) : [];
      if (xs.length === 0) return { mean: NaN, sd: NaN };
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / xs.length) };
    }
    default: return { mean: NaN, sd: NaN };
  }
}

/** Density at x (in the duration's unit), for the continuous kinds. */
function density(d: Obj, x: number): number {
  const m = num(d.mean), s = num(d.sd);
  switch (d.dist) {
    case 'exponential': return Math.exp(-x / m) / m;
    case 'lognormal': {
      const sigma2 = Math.log1p((s / m) ** 2), mu = Math.log(m) - sigma2 / 2;
      return x <= 0 ? 0 : Math.exp(-((Math.log(x) - mu) ** 2) / (2 * sigma2)) / (x * Math.sqrt(2 * Math.PI * sigma2));
    }
    case 'gamma': case 'erlang': {
      const k = d.dist === 'gamma' ? (m / s) ** 2 : num(d.k);
      const theta = m / k;
      return x <= 0 ? 0 : Math.exp((k - 1) * Math.log(x) - x / theta - logGamma(k) - k * Math.log(theta));
    }
    case 'weibull': {
      const k = num(d.shape), l = num(d.scale);
      return x <= 0 ? 0 : (k / l) * (x / l) ** (k - 1) * Math.exp(-((x / l) ** k));
    }
    case 'normal': return x < 0 ? 0 : phi((x - m) / s) / (s * upper(-m / s));
    case 'uniform': return x >= num(d.min) && x <= num(d.max) ? 1 / (num(d.max) - num(d.min)) : 0;
    case 'triangular': {
      const a = num(d.min), c = num(d.mode), b = num(d.max);
      if (x < a || x > b) return 0;
      return x <= c ? (2 * (x - a)) / ((b - a) * (c - a || 1)) : (2 * (b - x)) / ((b - a) * (b - c || 1));
    }
    default: return 0;
  }
}

export interface Sketch {
  /** Upper end of the x axis (the axis starts at 0). */
  xMax: number;
  /** A curve (continuous kinds), bars (empirical: a histogram), or one spike (fixed). */
  kind: 'curve' | 'bars' | 'spike';
  /** Points (x, height) of the curve, bar centres or the spike; heights scaled to a maximum of 1. */
  points: { x: number; y: number }[];
  /** Width of each bar (bars only). */
  barWidth?: number;
}

/** What the picker draws, or undefined while the parameters are not yet valid. */
export function sketch(d: Obj, n = 60): Sketch | undefined {
  const { mean, sd } = moments(d);
  if (!Number.isFinite(mean) || !Number.isFinite(sd) || mean < 0) return undefined;
  if (d.dist === 'deterministic') return { xMax: mean > 0 ? mean * 2 : 1, kind: 'spike', points: [{ x: mean, y: 1 }] };
  if (d.dist === 'empirical') {
    const xs = (d.values as number[]).filter((x) => Number.isFinite(x));
    // Folds, not Math.max(...xs): a list of observed values can be long enough to overflow the stack.
    const hi = xs.reduce((a, x) => Math.max(a, x), -Infinity), lo = xs.reduce((a, x) => Math.min(a, x), 0);
    const bins = Math.min(12, Math.max(1, Math.ceil(Math.sqrt(xs.length))));
    const width = (hi - lo || 1) / bins;
    const counts = new Array(bins).fill(0);
    for (const x of xs) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
    const top = counts.reduce((a: number, c: number) => Math.max(a, c), 0);
    return { xMax: lo + width * bins, kind: 'bars', barWidth: width, points: counts.map((c, i) => ({ x: lo + width * (i + 0.5), y: c / top })) };
  }
  const bounded = d.dist === 'uniform' || d.dist === 'triangular';
  const xMax = bounded ? num(d.max) * 1.05 : mean + 3.5 * sd;
  if (!(xMax > 0)) return undefined;
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i <= n; i++) {
    const x = (xMax * i) / n;
    const y = density(d, i === 0 && !bounded ? xMax / (4 * n) : x);
    points.push({ x, y: Number.isFinite(y) ? y : 0 });
  }
  const top = Math.max(...points.map((p) => p.y));
  if (!(top > 0)) return undefined;
  return { xMax, kind: 'curve', points: points.map((p) => ({ x: p.x, y: p.y / top })) };
}

/** "mean 7 days, sd 6 days" with three significant figures. */
export function momentsInWords(d: Obj): string | undefined {
  const { mean, sd } = moments(d);
  if (!Number.isFinite(mean) || !Number.isFinite(sd)) return undefined;
  const unit = typeof d.unit === 'string' ? d.unit : 'hours';
  const f = (x: number) => `${Number(x.toPrecision(3))} ${Number(x.toPrecision(3)) === 1 ? unit.replace(/s$/, '') : unit}`;
  return `mean ${f(mean)}, sd ${f(sd)}`;
}
