// Each distribution against its theory: sample mean and variance against the exact moments
// (z-tests at 4.5 standard errors), and a Kolmogorov–Smirnov test against the exact CDF
// (jStat's; for empirical lists and mixtures with atoms, a step at each atom). n = 200 000
// draws from a named stream per case.
import { describe, test, expect } from 'vitest';
import jStat from 'jstat/dist/jstat.js'; // declared in engine/types/jstat.d.ts
import { stream } from '../../../engine/core/random.ts';
import {
  type Distribution,
  deterministic,
  empirical,
  erlang,
  exponential,
  gamma,
  gammaFromMean,
  hyperexponential,
  lognormal,
  lognormalLog,
  mixture,
  normal,
  sampleExponential,
  triangular,
  uniform,
  weibull,
} from '../../../engine/core/distributions.ts';

const N = 200_000;
const Z = 4.5;
// Asymptotic KS critical value at alpha = 0.001 (Kolmogorov distribution: 1.9495/sqrt(n)).
const KS_CRITICAL = 1.95 / Math.sqrt(N);

type Cdf = (x: number) => number;

/** CDF of N(mu, sd²) truncated to [0, ∞). */
function truncatedNormalCdf(mu: number, sd: number): Cdf {
  const cut = jStat.normal.cdf(0, mu, sd);
  return (x) => (x <= 0 ? 0 : (jStat.normal.cdf(x, mu, sd) - cut) / (1 - cut));
}

function lognormalCdf(mean: number, sd: number): Cdf {
  const sigma2 = Math.log(1 + (sd / mean) ** 2);
  const mu = Math.log(mean) - sigma2 / 2;
  return (x) => jStat.lognormal.cdf(x, mu, Math.sqrt(sigma2));
}

const exponentialCdf = (mean: number): Cdf => (x) => jStat.exponential.cdf(x, 1 / mean);

/** F(x) and F(x−) of a distribution drawing each of `values` with equal probability (as empirical() does). */
const listed = (values: number[]) => ({
  cdf: (x: number) => values.filter((v) => v <= x).length / values.length,
  below: (x: number) => values.filter((v) => v < x).length / values.length,
});
const observed = listed([0.5, 1, 1, 2.5, 4, 8, 24]);
const observedPart = listed([1, 2, 2, 5]);

interface Case {
  name: string;
  dist: Distribution;
  cdf: Cdf;
  /** F(x−), the probability below x, where F jumps (atoms: empirical values, deterministic parts). */
  cdfBelow?: Cdf;
}

const cases: Case[] = [
  { name: 'exponential', dist: exponential(2), cdf: exponentialCdf(2) },
  { name: 'erlang-product', dist: erlang(3, 6), cdf: (x) => jStat.gamma.cdf(x, 3, 2) },
  { name: 'erlang-many-phases', dist: erlang(20, 5), cdf: (x) => jStat.gamma.cdf(x, 20, 0.25) },
  { name: 'gamma', dist: gamma(2.5, 1.5), cdf: (x) => jStat.gamma.cdf(x, 2.5, 1.5) },
  { name: 'gamma-shape-below-1', dist: gamma(0.4, 3), cdf: (x) => jStat.gamma.cdf(x, 0.4, 3) },
  { name: 'gamma-from-mean', dist: gammaFromMean(4, 2), cdf: (x) => jStat.gamma.cdf(x, 4, 1) },
  { name: 'lognormal', dist: lognormal(4.2, 3.1), cdf: lognormalCdf(4.2, 3.1) },
  { name: 'lognormal-log', dist: lognormalLog(0.5, 0.8), cdf: (x) => jStat.lognormal.cdf(x, 0.5, 0.8) },
  { name: 'weibull', dist: weibull(1.5, 3), cdf: (x) => jStat.weibull.cdf(x, 3, 1.5) },
  { name: 'weibull-shape-below-1', dist: weibull(0.7, 2), cdf: (x) => jStat.weibull.cdf(x, 2, 0.7) },
  { name: 'normal-untruncated', dist: normal(5, 1), cdf: truncatedNormalCdf(5, 1) },
  // 6.7% below 0: sampled by rejection.
  { name: 'normal-rejection', dist: normal(3, 2), cdf: truncatedNormalCdf(3, 2) },
  // 31% below 0: sampled by inversion.
  { name: 'normal-truncated', dist: normal(1, 2), cdf: truncatedNormalCdf(1, 2) },
  // 98% below 0: inversion, moments from the continued fraction.
  { name: 'normal-tail', dist: normal(-2, 1), cdf: truncatedNormalCdf(-2, 1) },
  { name: 'triangular', dist: triangular(1, 2, 6), cdf: (x) => jStat.triangular.cdf(x, 1, 6, 2) },
  { name: 'triangular-mode-at-min', dist: triangular(0, 0, 3), cdf: (x) => jStat.triangular.cdf(x, 0, 3, 0) },
  { name: 'uniform', dist: uniform(1, 3), cdf: (x) => jStat.uniform.cdf(x, 1, 3) },
  {
    name: 'empirical',
    dist: empirical([0.5, 1, 1, 2.5, 4, 8, 24]),
    cdf: observed.cdf,
    cdfBelow: observed.below,
  },
  {
    // Atoms and a continuous part: 20% exactly 3, 30% an empirical list, 50% exponential.
    name: 'mixture-with-atoms',
    dist: mixture([
      { weight: 2, dist: deterministic(3) },
      { weight: 3, dist: empirical([1, 2, 2, 5]) },
      { weight: 5, dist: exponential(2) },
    ]),
    cdf: (x) => 0.2 * (x >= 3 ? 1 : 0) + 0.3 * observedPart.cdf(x) + 0.5 * exponentialCdf(2)(x),
    cdfBelow: (x) => 0.2 * (x > 3 ? 1 : 0) + 0.3 * observedPart.below(x) + 0.5 * exponentialCdf(2)(x),
  },
  {
    name: 'mixture',
    dist: mixture([
      { weight: 3, dist: lognormal(2, 1) },
      { weight: 0, dist: deterministic(100) },
      { weight: 7, dist: gamma(3, 2) },
    ]),
    cdf: (x) => 0.3 * lognormalCdf(2, 1)(x) + 0.7 * jStat.gamma.cdf(x, 3, 2),
  },
  {
    name: 'hyperexponential',
    dist: hyperexponential([0.2, 0.8], [10, 1]),
    cdf: (x) => 0.2 * exponentialCdf(10)(x) + 0.8 * exponentialCdf(1)(x),
  },
];

function draw(dist: Distribution, name: string, n = N): Float64Array {
  const rng = stream(1, 0, `test:${name}`);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = dist.sample(rng);
  return xs;
}

function centralMoments(xs: Float64Array): { mean: number; m2: number; m4: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let s2 = 0;
  let s4 = 0;
  for (const x of xs) {
    const e2 = (x - mean) * (x - mean);
    s2 += e2;
    s4 += e2 * e2;
  }
  return { mean, m2: s2 / xs.length, m4: s4 / xs.length };
}

/**
 * Largest gap between the empirical CDF of xs and the exact one, both sides of every
 * sample value: the sample's CDF steps from i/n to j/n at a value drawn j − i times, the
 * exact one from F(x−) to F(x) (equal where F has no atom).
 */
function ksStatistic(xs: Float64Array, cdf: Cdf, cdfBelow: Cdf = cdf): number {
  const sorted = Float64Array.from(xs).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0, j = 0; i < n; i = j) {
    const x = sorted[i];
    while (j < n && sorted[j] === x) j++;
    d = Math.max(d, Math.abs(cdfBelow(x) - i / n), Math.abs(cdf(x) - j / n));
  }
  return d;
}

describe.each(cases)('$name', ({ name, dist, cdf, cdfBelow }) => {
  const xs = draw(dist, name);

  test('never negative', () => {
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
  });

  test('sample mean within 4.5 standard errors of the exact mean', () => {
    const { mean } = centralMoments(xs);
    const se = Math.sqrt(dist.variance / N);
    expect(Math.abs(mean - dist.mean) / se).toBeLessThan(Z);
  });

  test('sample variance within 4.5 standard errors of the exact variance', () => {
    // Var(m2) ≈ (μ4 − σ⁴)/n for the sample second central moment.
    const { m2, m4 } = centralMoments(xs);
    const se = Math.sqrt((m4 - dist.variance ** 2) / N);
    expect(Math.abs(m2 - dist.variance) / se).toBeLessThan(Z);
  });

  // With atoms the Kolmogorov critical value is conservative (Noether 1963): alpha is then at most 0.001.
  test('Kolmogorov–Smirnov against the exact CDF at alpha 0.001', () => {
    expect(ksStatistic(xs, cdf, cdfBelow)).toBeLessThan(KS_CRITICAL);
  });
});

describe('exact moments', () => {
  const close = (actual: number, expected: number) =>
    expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-14);

  test('truncated normal: half-normal closed form, mpmath references in the tail', () => {
    // normal(0, 1) is the half-normal: mean √(2/π), variance 1 − 2/π.
    close(normal(0, 1).mean, Math.sqrt(2 / Math.PI));
    close(normal(0, 1).variance, 1 - 2 / Math.PI);
    // μ + σλ and σ²(1 + αλ − λ²), λ = φ(α)/(1 − Φ(α)), evaluated by mpmath at 40 digits.
    close(normal(1, 2).mean, 2.0183208676740669717);
    close(normal(1, 2).variance, 1.9447017427854684129);
    close(normal(-8, 1).mean, 0.12136811223611268065);
    close(normal(-8, 1).variance, 0.014324883443340910176);
    close(normal(-30, 1).mean, 0.033259667433677037071);
    close(normal(-30, 1).variance, 0.0011037715118900910011);
    expect(normal(10, 1).mean).toBe(10);
  });

  test('weibull: closed forms at shapes 0.5, 1 and 2', () => {
    const near = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-13);
    near(weibull(0.5, 1).mean, 2); // Γ(3)
    near(weibull(0.5, 1).variance, 20); // Γ(5) − Γ(3)²
    near(weibull(1, 2).mean, 2); // exponential
    near(weibull(1, 2).variance, 4);
    near(weibull(2, 1).mean, Math.sqrt(Math.PI) / 2); // Rayleigh
    near(weibull(2, 1).variance, 1 - Math.PI / 4);
  });

  test('weibull: shape 1 has exactly the exponential\'s moments, shape 0.5 exactly the mean 2λ', () => {
    // ln Γ(2) = 0 and ln Γ(3) = ln 2 exactly; a Lanczos sum gave variance 1.000000000000002.
    expect([weibull(1, 1).mean, weibull(1, 1).variance]).toEqual([1, 1]);
    expect([weibull(1, 2).mean, weibull(1, 2).variance]).toEqual([2, 4]);
    expect(weibull(0.5, 1).mean).toBe(2); // Γ(3); the Lanczos sum gave 2.0000000000000018
  });

  test('lognormal and gamma from mean and sd keep them exactly', () => {
    expect([lognormal(4.2, 3.1).mean, lognormal(4.2, 3.1).variance]).toEqual([4.2, 3.1 * 3.1]);
    expect([gammaFromMean(4, 2).mean, gammaFromMean(4, 2).variance]).toEqual([4, 4]);
  });

  test('mixture: law of total variance', () => {
    // 0.5·exp(1) + 0.5·exp(3): mean 2; E[X²] = 0.5·2 + 0.5·18 = 10, variance 6.
    const d = hyperexponential([1, 1], [1, 3]);
    expect(d.mean).toBe(2);
    expect(d.variance).toBeCloseTo(6, 14);
  });
});

describe('samplers', () => {
  test('exponential is exactly -mean·ln(1 − u), one rng call per draw', () => {
    const d = exponential(3.7);
    const a = stream(1, 0, 'test:exp-formula');
    const b = stream(1, 0, 'test:exp-formula');
    const c = stream(1, 0, 'test:exp-formula');
    for (let i = 0; i < 10_000; i++) {
      const x = d.sample(a);
      expect(x).toBe(-3.7 * Math.log(1 - b()));
      expect(sampleExponential(3.7, c)).toBe(x);
    }
    expect(d.kind).toBe('exponential');
    expect(d.mean).toBe(3.7);
  });

  test('deterministic returns exactly its value without drawing', () => {
    const rng = stream(1, 0, 'test:deterministic');
    const probe = stream(1, 0, 'test:deterministic');
    for (let i = 0; i < 100; i++) expect(deterministic(2.25).sample(rng)).toBe(2.25);
    expect(rng()).toBe(probe());
    expect(deterministic(0).sample(rng)).toBe(0);
    expect([deterministic(2.25).mean, deterministic(2.25).variance]).toEqual([2.25, 0]);
  });

  test('empirical returns only listed values, each about 1/n of the time, and copies its list', () => {
    const values = [3, 1, 4, 1, 5];
    const d = empirical(values);
    values[0] = 99;
    const xs = draw(d, 'empirical-only', 50_000);
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 3, 4, 5]);
    // 1 is listed twice: probability 2/5. Binomial z-test at 4.5 standard errors.
    for (const [value, p] of [[1, 0.4], [3, 0.2], [4, 0.2], [5, 0.2]] as const) {
      const se = Math.sqrt((p * (1 - p)) / xs.length);
      expect(Math.abs(counts.get(value)! / xs.length - p)).toBeLessThan(Z * se);
    }
    expect([d.mean, d.variance]).toEqual([2.8, 2.56]); // population variance: 12.8 / 5
  });

  test('a zero-weight mixture part is never drawn', () => {
    const d = mixture([
      { weight: 1, dist: deterministic(1) },
      { weight: 0, dist: deterministic(2) },
    ]);
    const xs = draw(d, 'mixture-zero-weight', 10_000);
    expect(xs.every((x) => x === 1)).toBe(true);
    expect([d.mean, d.variance]).toEqual([1, 0]);
  });

  test('same seed and stream name give the same sequence; another replication does not', () => {
    for (const { name, dist } of cases) {
      const take = (replication: number) => {
        const rng = stream(7, replication, `test:repeat:${name}`);
        return Array.from({ length: 200 }, () => dist.sample(rng));
      };
      expect(take(0), name).toEqual(take(0));
      expect(take(1), name).not.toEqual(take(0));
    }
  });

  test('samplers are stateless: interleaving two streams on one object changes nothing', () => {
    for (const { name, dist } of cases) {
      const alone = (stream_: string) => {
        const rng = stream(3, 0, stream_);
        return Array.from({ length: 101 }, () => dist.sample(rng));
      };
      const a = stream(3, 0, `test:a:${name}`);
      const b = stream(3, 0, `test:b:${name}`);
      const fromA: number[] = [];
      const fromB: number[] = [];
      for (let i = 0; i < 101; i++) {
        fromA.push(dist.sample(a));
        fromB.push(dist.sample(b));
      }
      expect(fromA, name).toEqual(alone(`test:a:${name}`));
      expect(fromB, name).toEqual(alone(`test:b:${name}`));
    }
  });
});

describe('descriptions', () => {
  test('toString names the call that builds the distribution', () => {
    expect(
      [
        exponential(2),
        erlang(3, 6),
        gamma(0.4, 3),
        gammaFromMean(4, 2),
        lognormal(4.2, 3.1),
        lognormalLog(0.5, 0.8),
        weibull(1.5, 3),
        normal(1, 2),
        triangular(1, 2, 6),
        uniform(1, 3),
        deterministic(2.5),
        empirical([1, 2, 3, 4]),
        mixture([
          { weight: 1, dist: exponential(1) },
          { weight: 2, dist: uniform(0, 1) },
        ]),
        hyperexponential([1, 3], [10, 1]),
      ].map(String),
    ).toMatchInlineSnapshot(`
      [
        "exponential(mean=2)",
        "erlang(k=3, mean=6)",
        "gamma(shape=0.4, scale=3)",
        "gamma(mean=4, sd=2)",
        "lognormal(mean=4.2, sd=3.1)",
        "lognormal(mu=0.5, sigma=0.8)",
        "weibull(shape=1.5, scale=3)",
        "normal(mean=1, sd=2)",
        "triangular(min=1, mode=2, max=6)",
        "uniform(min=1, max=3)",
        "deterministic(value=2.5)",
        "empirical(n=4, mean=2.5)",
        "mixture(0.333333: exponential(mean=1), 0.666667: uniform(min=0, max=1))",
        "hyperexponential(probs=[0.25, 0.75], means=[10, 1])",
      ]
    `);
  });
});

describe('bad parameters', () => {
  test('name the distribution, the parameter, what was expected and what came', () => {
    expect(() => lognormal(-1, 2)).toThrowErrorMatchingInlineSnapshot(`[ModelError: lognormal(mean=-1, sd=2): mean must be a finite number > 0, got -1]`);
    expect(() => exponential(0)).toThrowErrorMatchingInlineSnapshot(`[ModelError: exponential(mean=0): mean must be a finite number > 0, got 0]`);
    expect(() => erlang(2.5, 1)).toThrowErrorMatchingInlineSnapshot(`[ModelError: erlang(k=2.5, mean=1): k must be an integer ≥ 1, got 2.5]`);
    expect(() => gamma(1, Number.NaN)).toThrowErrorMatchingInlineSnapshot(`[ModelError: gamma(shape=1, scale=NaN): scale must be a finite number > 0, got NaN]`);
    expect(() => normal(1, 0)).toThrowErrorMatchingInlineSnapshot(`[ModelError: normal(mean=1, sd=0): sd must be a finite number > 0, got 0]`);
    expect(() => normal(-50, 1)).toThrowErrorMatchingInlineSnapshot(`[ModelError: normal(mean=-50, sd=1): mean must be ≥ -37 × sd (the part above 0 is otherwise too small), got -50]`);
    expect(() => uniform(3, 3)).toThrowErrorMatchingInlineSnapshot(`[ModelError: uniform(min=3, max=3): min must be < max, got min=3, max=3]`);
    expect(() => triangular(1, 7, 6)).toThrowErrorMatchingInlineSnapshot(`[ModelError: triangular(min=1, mode=7, max=6): mode must lie in [min, max] = [1, 6], got 7]`);
    expect(() => deterministic(-1)).toThrowErrorMatchingInlineSnapshot(`[ModelError: deterministic(value=-1): value must be a finite number ≥ 0, got -1]`);
    expect(() => empirical([])).toThrowErrorMatchingInlineSnapshot(`[ModelError: empirical(0 values): values must be a non-empty list, got an empty list]`);
    expect(() => empirical([1, Number.POSITIVE_INFINITY])).toThrowErrorMatchingInlineSnapshot(`[ModelError: empirical(2 values): values[1] must be a finite number ≥ 0, got Infinity]`);
    expect(() => mixture([{ weight: 0, dist: exponential(1) }])).toThrowErrorMatchingInlineSnapshot(`[ModelError: mixture(1 part): weights must sum to a finite number > 0, got 0]`);
    expect(() => mixture([{ weight: -1, dist: exponential(1) }])).toThrowErrorMatchingInlineSnapshot(`[ModelError: mixture(1 part): parts[0].weight must be a finite number ≥ 0, got -1]`);
    expect(() => hyperexponential([0.5, 0.5], [1])).toThrowErrorMatchingInlineSnapshot(`[ModelError: hyperexponential(probs=[0.5, 0.5], means=[1]): probs and means must have the same length, got 2 and 1]`);
    expect(() => hyperexponential([0.5, 0.5], [1, -2])).toThrowErrorMatchingInlineSnapshot(`[ModelError: hyperexponential(probs=[0.5, 0.5], means=[1, -2]): means[1] must be a finite number > 0, got -2]`);
    expect(() => lognormalLog(0, 40)).toThrowErrorMatchingInlineSnapshot(`[ModelError: lognormalLog(mu=0, sigma=40): the mean or variance overflows (mean Infinity, variance Infinity); parameters too extreme]`);
  });

  test('are ModelErrors with an empty path', () => {
    try {
      weibull(0, 1);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: 'ModelError', path: '' });
    }
  });
});
