// Distributions of durations (hours): a sampler plus its theory, as in Ciw.
//
// Each Distribution draws with `sample(rng)` and carries the exact `mean` and `variance`
// of what that sampler returns, so tests and validation compare simulation output with
// theory. Samplers are stateless (no cached spare normal): one Distribution is shared by
// many streams and a draw depends only on the rng passed in. Constants are computed once
// in the constructor; sample() does arithmetic and rng() calls only. Every distribution
// returns values ≥ 0: a time cannot be negative (the normal is truncated at 0).
//
// Where a uniform in (0, 1] is needed (anything passed to log), `1 - rng()` is used.
import { ModelError, fmt } from './errors.ts';
import type { Rng } from './random.ts';
import { cos, exp, expm1, log, log1p, pow } from './math.ts';
import { logGamma, normalQuantile, normalUpper } from './special-functions.ts';

export interface Distribution {
  readonly kind:
    | 'exponential' | 'erlang' | 'gamma' | 'lognormal' | 'weibull' | 'normal'
    | 'triangular' | 'uniform' | 'deterministic' | 'empirical' | 'mixture';
  /** One draw, using only rng() calls. */
  sample(rng: Rng): number;
  /** Exact theoretical mean of what sample() returns. */
  readonly mean: number;
  /** Exact theoretical variance of what sample() returns. */
  readonly variance: number;
  /** The call that builds it, e.g. "lognormal(mean=4.2, sd=3.1)". */
  toString(): string;
}

const TWO_PI = 2 * Math.PI;

// ---------------------------------------------------------------------------------
// Parameter checks: each names the call, the parameter, what was expected, what came.

function show(x: unknown): string {
  return typeof x === 'number' ? fmt(x) : String(x);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function showList(xs: readonly number[]): string {
  return `[${Array.from(xs, show).join(', ')}]`;
}

function fail(call: string, reason: string): never {
  throw new ModelError('', `${call}: ${reason}`);
}

function requirePositive(call: string, name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) fail(call, `${name} must be a finite number > 0, got ${show(x)}`);
}

function requireNonNegative(call: string, name: string, x: number): void {
  if (!(Number.isFinite(x) && x >= 0)) fail(call, `${name} must be a finite number ≥ 0, got ${show(x)}`);
}

function requireFinite(call: string, name: string, x: number): void {
  if (!Number.isFinite(x)) fail(call, `${name} must be a finite number, got ${show(x)}`);
}

/** Parameters valid one by one can still give moments beyond double range. */
function requireFiniteMoments(call: string, mean: number, variance: number): void {
  if (!(Number.isFinite(mean) && Number.isFinite(variance))) {
    fail(call, `the mean or variance overflows (mean ${show(mean)}, variance ${show(variance)}); parameters too extreme`);
  }
}

// ---------------------------------------------------------------------------------
// Shared samplers.

/** A standard normal by Box & Muller (1958): two uniforms per draw, the second normal discarded. */
function standardNormal(rng: Rng): number {
  const radius = Math.sqrt(-2 * log(1 - rng()));
  return radius * cos(TWO_PI * rng());
}

/**
 * A gamma(d + 1/3, 1) draw, d ≥ 2/3, by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables", ACM TOMS 26(3): squeeze first, then the log test.
 */
function marsagliaTsang(d: number, c: number, rng: Rng): number {
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (log(u) < 0.5 * x2 + d * (1 - v + log(v))) return d * v;
  }
}

/** The engine's fast path inlines this formula; the two must agree bit for bit. */
export function sampleExponential(mean: number, rng: Rng): number {
  return -mean * log(1 - rng());
}

const INV_SQRT_2PI = 0.3989422804014327;

function normalPdf(z: number): number {
  return INV_SQRT_2PI * exp(-0.5 * z * z);
}

// ---------------------------------------------------------------------------------
// The distributions.

class Exponential implements Distribution {
  readonly kind = 'exponential' as const;
  readonly variance: number;
  constructor(readonly mean: number) {
    this.variance = mean * mean;
  }
  sample(rng: Rng): number {
    return -this.mean * log(1 - rng()); // = sampleExponential(this.mean, rng)
  }
  toString(): string {
    return `exponential(mean=${fmt(this.mean)})`;
  }
}

export function exponential(mean: number): Distribution {
  requirePositive(`exponential(mean=${show(mean)})`, 'mean', mean);
  return new Exponential(mean);
}

// Up to this many phases a product of uniforms is cheapest (it cannot underflow: each
// factor is ≥ 2⁻⁵³); beyond, one Marsaglia–Tsang gamma draw replaces k uniforms.
const ERLANG_PRODUCT_MAX = 16;

class Erlang implements Distribution {
  readonly kind = 'erlang' as const;
  readonly variance: number;
  private readonly phaseMean: number;
  private readonly d: number;
  private readonly c: number;
  constructor(readonly k: number, readonly mean: number) {
    this.phaseMean = mean / k;
    this.variance = (mean * mean) / k;
    this.d = k - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }
  sample(rng: Rng): number {
    if (this.k <= ERLANG_PRODUCT_MAX) {
      // A sum of k exponentials, -m·Σ ln Uᵢ = -m·ln Π Uᵢ: one log per draw.
      let product = 1 - rng();
      for (let i = 1; i < this.k; i++) product *= 1 - rng();
      return -this.phaseMean * log(product);
    }
    return this.phaseMean * marsagliaTsang(this.d, this.c, rng);
  }
  toString(): string {
    return `erlang(k=${fmt(this.k)}, mean=${fmt(this.mean)})`;
  }
}

export function erlang(k: number, mean: number): Distribution {
  const call = `erlang(k=${show(k)}, mean=${show(mean)})`;
  if (!(Number.isInteger(k) && k >= 1)) fail(call, `k must be an integer ≥ 1, got ${show(k)}`);
  requirePositive(call, 'mean', mean);
  return new Erlang(k, mean);
}

class Gamma implements Distribution {
  readonly kind = 'gamma' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly d: number;
  private readonly c: number;
  private readonly boost: boolean;
  private readonly invShape: number;
  constructor(readonly shape: number, readonly scale: number, private readonly label: string, mean?: number, variance?: number) {
    this.mean = mean ?? shape * scale;
    this.variance = variance ?? shape * scale * scale;
    // Shape < 1: draw gamma(shape + 1) and multiply by U^(1/shape) (Marsaglia & Tsang 2000, §6).
    this.boost = shape < 1;
    this.d = (this.boost ? shape + 1 : shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.invShape = 1 / shape;
  }
  sample(rng: Rng): number {
    const g = marsagliaTsang(this.d, this.c, rng);
    if (this.boost) return this.scale * g * pow(1 - rng(), this.invShape);
    return this.scale * g;
  }
  toString(): string {
    return this.label;
  }
}

export function gamma(shape: number, scale: number): Distribution {
  const call = `gamma(shape=${show(shape)}, scale=${show(scale)})`;
  requirePositive(call, 'shape', shape);
  requirePositive(call, 'scale', scale);
  const result = new Gamma(shape, scale, call);
  requireFiniteMoments(call, result.mean, result.variance);
  return result;
}

/** A gamma with the given mean and standard deviation: shape (mean/sd)², scale sd²/mean. */
export function gammaFromMean(mean: number, sd: number): Distribution {
  const call = `gammaFromMean(mean=${show(mean)}, sd=${show(sd)})`;
  requirePositive(call, 'mean', mean);
  requirePositive(call, 'sd', sd);
  const cv = sd / mean;
  const shape = 1 / (cv * cv);
  const scale = (sd * sd) / mean;
  if (!(shape > 0 && Number.isFinite(shape) && scale > 0 && Number.isFinite(scale))) {
    fail(call, `the shape (mean/sd)² and the scale sd²/mean must both be finite and > 0, got shape ${show(shape)} and scale ${show(scale)}`);
  }
  return new Gamma(shape, scale, `gamma(mean=${fmt(mean)}, sd=${fmt(sd)})`, mean, sd * sd);
}

class Lognormal implements Distribution {
  readonly kind = 'lognormal' as const;
  constructor(
    readonly mu: number,
    readonly sigma: number,
    readonly mean: number,
    readonly variance: number,
    private readonly label: string,
  ) {}
  sample(rng: Rng): number {
    return exp(this.mu + this.sigma * standardNormal(rng));
  }
  toString(): string {
    return this.label;
  }
}

/** A lognormal with the given mean and standard deviation of the time itself. */
export function lognormal(mean: number, sd: number): Distribution {
  const call = `lognormal(mean=${show(mean)}, sd=${show(sd)})`;
  requirePositive(call, 'mean', mean);
  requirePositive(call, 'sd', sd);
  // E[X] = exp(μ + σ²/2), Var[X] = (exp(σ²) − 1)·E[X]², solved for μ and σ.
  const cv = sd / mean;
  const sigma2 = log1p(cv * cv);
  const mu = log(mean) - sigma2 / 2;
  const sigma = Math.sqrt(sigma2);
  if (!(Number.isFinite(mu) && sigma > 0 && Number.isFinite(sigma))) {
    fail(call, `sd/mean is out of range for a lognormal, got ${show(cv)}`);
  }
  return new Lognormal(mu, sigma, mean, sd * sd, `lognormal(mean=${fmt(mean)}, sd=${fmt(sd)})`);
}

/** A lognormal given the mean μ and standard deviation σ of ln(X). */
export function lognormalLog(mu: number, sigma: number): Distribution {
  const call = `lognormalLog(mu=${show(mu)}, sigma=${show(sigma)})`;
  requireFinite(call, 'mu', mu);
  requirePositive(call, 'sigma', sigma);
  const s2 = sigma * sigma;
  const mean = exp(mu + s2 / 2);
  const variance = expm1(s2) * exp(2 * mu + s2);
  requireFiniteMoments(call, mean, variance);
  return new Lognormal(mu, sigma, mean, variance, `lognormal(mu=${fmt(mu)}, sigma=${fmt(sigma)})`);
}

class Weibull implements Distribution {
  readonly kind = 'weibull' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly invShape: number;
  constructor(readonly shape: number, readonly scale: number) {
    // E[X] = λΓ(1 + 1/k); Var[X] = λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²), the difference via expm1
    // of log-gammas so a large shape does not cancel it away.
    const lg1 = logGamma(1 + 1 / shape);
    const lg2 = logGamma(1 + 2 / shape);
    this.mean = scale * exp(lg1);
    this.variance = scale * scale * exp(2 * lg1) * expm1(lg2 - 2 * lg1);
    this.invShape = 1 / shape;
  }
  sample(rng: Rng): number {
    // Inversion: F⁻¹(u) = λ(−ln(1 − u))^(1/k).
    return this.scale * pow(-log(1 - rng()), this.invShape);
  }
  toString(): string {
    return `weibull(shape=${fmt(this.shape)}, scale=${fmt(this.scale)})`;
  }
}

export function weibull(shape: number, scale: number): Distribution {
  const call = `weibull(shape=${show(shape)}, scale=${show(scale)})`;
  requirePositive(call, 'shape', shape);
  requirePositive(call, 'scale', scale);
  const result = new Weibull(shape, scale);
  requireFiniteMoments(call, result.mean, result.variance);
  return result;
}

// Truncation mass Φ(−mean/sd) below which plain rejection is used (≤ 1.11 tries on average).
const NORMAL_REJECTION_MAX_CUT = 0.1;
// Above this α = −mean/sd the part above 0 (Q(α) < 1e-299) is too small to represent.
const NORMAL_MAX_ALPHA = 37;

class TruncatedNormal implements Distribution {
  readonly kind = 'normal' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly rejection: boolean;
  private readonly keep: number; // Q(α) = P(N(mu, sd) ≥ 0)
  constructor(readonly mu: number, readonly sd: number) {
    const alpha = -mu / sd;
    this.keep = normalUpper(alpha);
    this.rejection = 1 - this.keep < NORMAL_REJECTION_MAX_CUT;
    // Moments of N(μ, σ²) truncated to [0, ∞) (Johnson, Kotz & Balakrishnan 1994, §10.1),
    // with λ = φ(α)/Q(α) the inverse Mills ratio: mean μ + σλ, variance σ²(1 + αλ − λ²).
    if (alpha <= 1.5) {
      const lambda = normalPdf(alpha) / this.keep;
      this.mean = mu + sd * lambda;
      this.variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
    } else {
      // Far in the tail both formulas cancel. Laplace's continued fraction
      // Q(α)/φ(α) = 1/(α + 1/(α + 2/(α + 3/(α + …)))) gives d = λ − α and r = 2/(α + 3/(α + …))
      // with d = 1/(α + r), so the mean is σd and the variance σ²·d(r − d), both without
      // cancellation; 200 terms reach full precision for α > 1.5.
      let t = alpha;
      for (let k = 200; k >= 3; k--) t = alpha + k / t;
      const r = 2 / t;
      const d = 1 / (alpha + r);
      this.mean = sd * d;
      this.variance = sd * sd * d * (r - d);
    }
  }
  sample(rng: Rng): number {
    if (this.rejection) {
      // Draw from the untruncated normal until the draw is ≥ 0.
      for (;;) {
        const x = this.mu + this.sd * standardNormal(rng);
        if (x >= 0) return x;
      }
    }
    // Inversion on the upper tail: Z ≥ α with P(Z > z) = v·Q(α), v in (0, 1]. Working with
    // the upper tail keeps precision when Q(α) is tiny; max() absorbs rounding at v = 1.
    const z = -normalQuantile((1 - rng()) * this.keep);
    const x = this.mu + this.sd * z;
    return x > 0 ? x : 0;
  }
  toString(): string {
    return `normal(mean=${fmt(this.mu)}, sd=${fmt(this.sd)})`;
  }
}

/** A normal truncated at 0 (never negative); `mean` and `variance` are those after truncation. */
export function normal(mean: number, sd: number): Distribution {
  const call = `normal(mean=${show(mean)}, sd=${show(sd)})`;
  requireFinite(call, 'mean', mean);
  requirePositive(call, 'sd', sd);
  if (-mean / sd > NORMAL_MAX_ALPHA) {
    fail(call, `mean must be ≥ -${NORMAL_MAX_ALPHA} × sd (the part above 0 is otherwise too small), got ${show(mean)}`);
  }
  return new TruncatedNormal(mean, sd);
}

class Triangular implements Distribution {
  readonly kind = 'triangular' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly split: number;
  private readonly left: number;
  private readonly right: number;
  constructor(readonly min: number, readonly mode: number, readonly max: number) {
    const a = min, c = mode, b = max;
    this.mean = (a + b + c) / 3;
    this.variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    this.split = (c - a) / (b - a);
    this.left = (b - a) * (c - a);
    this.right = (b - a) * (b - c);
  }
  sample(rng: Rng): number {
    // Inversion of the piecewise-quadratic CDF.
    const u = rng();
    if (u < this.split) return this.min + Math.sqrt(u * this.left);
    return this.max - Math.sqrt((1 - u) * this.right);
  }
  toString(): string {
    return `triangular(min=${fmt(this.min)}, mode=${fmt(this.mode)}, max=${fmt(this.max)})`;
  }
}

export function triangular(min: number, mode: number, max: number): Distribution {
  const call = `triangular(min=${show(min)}, mode=${show(mode)}, max=${show(max)})`;
  requireNonNegative(call, 'min', min);
  requireFinite(call, 'mode', mode);
  requireFinite(call, 'max', max);
  if (!(min < max)) fail(call, `min must be < max, got min=${show(min)}, max=${show(max)}`);
  if (!(min <= mode && mode <= max)) fail(call, `mode must lie in [min, max] = [${show(min)}, ${show(max)}], got ${show(mode)}`);
  return new Triangular(min, mode, max);
}

class Uniform implements Distribution {
  readonly kind = 'uniform' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly width: number;
  constructor(readonly min: number, readonly max: number) {
    this.width = max - min;
    this.mean = (min + max) / 2;
    this.variance = (this.width * this.width) / 12;
  }
  sample(rng: Rng): number {
    return this.min + this.width * rng();
  }
  toString(): string {
    return `uniform(min=${fmt(this.min)}, max=${fmt(this.max)})`;
  }
}

export function uniform(min: number, max: number): Distribution {
  const call = `uniform(min=${show(min)}, max=${show(max)})`;
  requireNonNegative(call, 'min', min);
  requireFinite(call, 'max', max);
  if (!(min < max)) fail(call, `min must be < max, got min=${show(min)}, max=${show(max)}`);
  return new Uniform(min, max);
}

class Deterministic implements Distribution {
  readonly kind = 'deterministic' as const;
  readonly variance = 0;
  constructor(readonly mean: number) {}
  sample(_rng: Rng): number {
    return this.mean;
  }
  toString(): string {
    return `deterministic(value=${fmt(this.mean)})`;
  }
}

export function deterministic(value: number): Distribution {
  requireNonNegative(`deterministic(value=${show(value)})`, 'value', value);
  return new Deterministic(value);
}

class Empirical implements Distribution {
  readonly kind = 'empirical' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  constructor(values: readonly number[]) {
    this.values = Float64Array.from(values); // a copy: later edits to the caller's list do not leak in
    const n = values.length;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.values[i];
    const mean = sum / n;
    // Two passes with the correction term (Chan, Golub & LeVeque 1983) for an accurate variance.
    let squares = 0;
    let residual = 0;
    for (let i = 0; i < n; i++) {
      const e = this.values[i] - mean;
      squares += e * e;
      residual += e;
    }
    this.mean = mean;
    this.variance = Math.max(0, (squares - (residual * residual) / n) / n);
  }
  sample(rng: Rng): number {
    // Bootstrap: each observed value with probability 1/n. u < 1 keeps the index < n.
    return this.values[Math.floor(rng() * this.values.length)];
  }
  toString(): string {
    return `empirical(n=${this.values.length}, mean=${fmt(this.mean)})`;
  }
}

/** Resamples the observed values uniformly (bootstrap); mean and population variance of the list. */
export function empirical(values: readonly number[]): Distribution {
  const call = `empirical(${count(values.length, 'value')})`;
  if (values.length === 0) fail(call, 'values must be a non-empty list, got an empty list');
  for (let i = 0; i < values.length; i++) requireNonNegative(call, `values[${i}]`, values[i]);
  return new Empirical(values);
}

class Mixture implements Distribution {
  readonly kind = 'mixture' as const;
  readonly mean: number;
  readonly variance: number;
  private readonly cumulative: Float64Array;
  private readonly dists: readonly Distribution[];
  constructor(weights: readonly number[], dists: readonly Distribution[], private readonly label: string) {
    // Zero-weight parts are dropped, so the last part (taken when rounding leaves u above
    // the last cumulative weight) always has weight > 0.
    const kept: number[] = [];
    for (let i = 0; i < weights.length; i++) if (weights[i] > 0) kept.push(i);
    let total = 0;
    for (const i of kept) total += weights[i];
    this.dists = kept.map((i) => dists[i]);
    this.cumulative = new Float64Array(kept.length);
    let running = 0;
    let mean = 0;
    kept.forEach((i, j) => {
      running += weights[i];
      this.cumulative[j] = running / total;
      mean += (weights[i] / total) * dists[i].mean;
    });
    // Law of total variance: E[Var(X | part)] + Var(E[X | part]), summed as deviations.
    let variance = 0;
    for (const i of kept) {
      const deviation = dists[i].mean - mean;
      variance += (weights[i] / total) * (dists[i].variance + deviation * deviation);
    }
    this.mean = mean;
    this.variance = variance;
  }
  sample(rng: Rng): number {
    const u = rng();
    const cumulative = this.cumulative;
    const last = cumulative.length - 1;
    let i = 0;
    while (i < last && u >= cumulative[i]) i++;
    return this.dists[i].sample(rng);
  }
  toString(): string {
    return this.label;
  }
}

/** Draws part i with probability weight_i / Σ weights, then samples it. */
export function mixture(parts: readonly { weight: number; dist: Distribution }[]): Distribution {
  const call = `mixture(${count(parts.length, 'part')})`;
  if (parts.length === 0) fail(call, 'parts must be a non-empty list, got an empty list');
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    requireNonNegative(call, `parts[${i}].weight`, parts[i].weight);
    total += parts[i].weight;
  }
  if (!(total > 0 && Number.isFinite(total))) fail(call, `weights must sum to a finite number > 0, got ${show(total)}`);
  const label = `mixture(${parts.map((p) => `${fmt(p.weight / total)}: ${p.dist.toString()}`).join(', ')})`;
  const result = new Mixture(parts.map((p) => p.weight), parts.map((p) => p.dist), label);
  requireFiniteMoments(call, result.mean, result.variance);
  return result;
}

/** Exponential with mean means[i] with probability probs[i] (probs normalised). */
export function hyperexponential(probs: readonly number[], means: readonly number[]): Distribution {
  const call = `hyperexponential(probs=${showList(probs)}, means=${showList(means)})`;
  if (probs.length !== means.length) {
    fail(call, `probs and means must have the same length, got ${probs.length} and ${means.length}`);
  }
  if (probs.length === 0) fail(call, 'probs must be a non-empty list, got an empty list');
  let total = 0;
  for (let i = 0; i < probs.length; i++) {
    requireNonNegative(call, `probs[${i}]`, probs[i]);
    requirePositive(call, `means[${i}]`, means[i]);
    total += probs[i];
  }
  if (!(total > 0 && Number.isFinite(total))) fail(call, `probs must sum to a finite number > 0, got ${show(total)}`);
  const label = `hyperexponential(probs=${showList(probs.map((p) => p / total))}, means=${showList(means)})`;
  const result = new Mixture(probs, means.map((m) => new Exponential(m)), label);
  requireFiniteMoments(call, result.mean, result.variance);
  return result;
}
