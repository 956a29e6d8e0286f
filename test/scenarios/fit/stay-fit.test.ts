// Lengths of stay fitted by maximum likelihood: samples from known distributions (the
// engine's own samplers, seeded streams) give back their parameters within the fits' 95%
// intervals, the intervals cover at about their level over many samples, the ranking picks
// the family the data came from, and the censored MLE undoes the bias of dropping stays
// still in at the extract.
import { describe, expect, test } from 'vitest';
import { gamma, lognormalLog, weibull, exponential, type Distribution } from '../../../engine/core/distributions.ts';
import { stream } from '../../../engine/core/random.ts';
import { mle, quantile, cdf, type FamilyName } from '../../../scenarios/fit/families.ts';
import { fitStays } from '../../../scenarios/fit/stay-fit.ts';

const draw = (d: Distribution, n: number, seed: number, name = 'los') => {
  const rng = stream(seed, 0, name);
  return Array.from({ length: n }, () => d.sample(rng));
};

// The truths, in hours: each family's own parameters.
const TRUTH: { family: FamilyName; dist: Distribution; params: Record<string, number> }[] = [
  { family: 'exponential', dist: exponential(30), params: { mean: 30 } },
  { family: 'gamma', dist: gamma(2.5, 20), params: { shape: 2.5, rate: 1 / 20 } },
  { family: 'lognormal', dist: lognormalLog(4, 0.8), params: { mu: 4, sigma: 0.8 } },
  { family: 'weibull', dist: weibull(1.6, 100), params: { shape: 1.6, scale: 100 } },
];

describe('maximum likelihood on samples from known distributions', () => {
  test.each(TRUTH)('$family: each true parameter and the true mean lie in the fit\'s 95% interval (n = 2,000, seed 1)', ({ family, dist, params }) => {
    const fit = fitStays(draw(dist, 2000, 1)).ranked.find((f) => f.family === family)!;
    for (const [name, value] of Object.entries(params)) {
      expect(fit.params[name].low).toBeLessThan(value);
      expect(fit.params[name].high).toBeGreaterThan(value);
    }
    expect(fit.mean.low).toBeLessThan(dist.mean);
    expect(fit.mean.high).toBeGreaterThan(dist.mean);
  });

  test.each(TRUTH)('$family: the 95% intervals of the mean cover the truth 88–99% of the time over 200 samples of 200', ({ family, dist }) => {
    let covered = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const f = fitStays(draw(dist, 200, seed)).ranked.find((g) => g.family === family)!;
      if (f.mean.low < dist.mean && dist.mean < f.mean.high) covered++;
    }
    // Binomial(200, 0.95): 88% and 99% are 3.5 and 2 standard deviations away.
    expect(covered / 200).toBeGreaterThan(0.88);
    expect(covered / 200).toBeLessThan(0.995);
  });

  test('closed forms: the exponential\'s MLE is the sample mean, the lognormal\'s the mean and (n-divisor) sd of ln x', () => {
    const x = [1, 2, 4, 8];
    expect(mle('exponential', x).params.mean).toBe(3.75);
    const l = mle('lognormal', x).params;
    expect(l.mu).toBeCloseTo(1.5 * Math.LN2, 14);
    expect(l.sigma).toBeCloseTo(Math.sqrt(1.25) * Math.LN2, 14);
  });

  test('the gamma and Weibull MLEs solve their likelihood equations', () => {
    const x = draw(gamma(3, 2), 500, 7);
    const g = mle('gamma', x).params;
    const n = x.length, mean = x.reduce((s, v) => s + v, 0) / n;
    expect(g.shape / g.rate).toBeCloseTo(mean, 10); // ∂/∂rate = 0
    const w = mle('weibull', x).params;
    // ∂/∂scale = 0: scale^k = mean(x^k)
    expect(Math.pow(w.scale, w.shape)).toBeCloseTo(x.reduce((s, v) => s + Math.pow(v, w.shape), 0) / n, 6);
  });

  test('quantile inverts the CDF for every family', () => {
    for (const { family, params } of TRUTH) {
      const f = { family, params };
      for (const p of [0.01, 0.5, 0.99]) expect(cdf(f, quantile(f, p))).toBeCloseTo(p, 9);
    }
  });
});

describe('ranking', () => {
  test.each(TRUTH.filter((t) => t.family !== 'exponential'))('$family data (n = 5,000): $family has the lowest AIC and BIC, and its KS test does not reject at 1% where the others\' reject at 5%', ({ family, dist }) => {
    const fit = fitStays(draw(dist, 5000, 3));
    expect(fit.ranked[0].family).toBe(family);
    expect([...fit.ranked].sort((a, b) => a.bic - b.bic)[0].family).toBe(family);
    expect(fit.ranked[0].ksP).toBeGreaterThan(0.01);
    for (const other of fit.ranked.slice(1)) expect(other.ksP).toBeLessThan(0.05);
  });

  test('exponential data (n = 5,000): nested in gamma and Weibull (shape 1), so the exponential wins on BIC and is within 2 of the best AIC', () => {
    const fit = fitStays(draw(exponential(30), 5000, 3));
    expect([...fit.ranked].sort((a, b) => a.bic - b.bic)[0].family).toBe('exponential');
    expect(fit.ranked.find((f) => f.family === 'exponential')!.aic - fit.ranked[0].aic).toBeLessThanOrEqual(2);
    expect(fit.ranked.find((f) => f.family === 'lognormal')!.ksP).toBeLessThan(0.01);
  });

  test('the QQ table holds the data\'s quantiles and each family\'s; the empirical fragment has 100 values at most', () => {
    const x = draw(weibull(1.6, 100), 1000, 5);
    const fit = fitStays(x);
    const median = fit.qq.find((q) => q.p === 0.5)!;
    expect(median.observed).toBe(fit.sample.median);
    expect(median.fitted.weibull).toBeCloseTo(100 * Math.pow(Math.LN2, 1 / 1.6), -1);
    expect(fit.empirical).toHaveLength(100);
    expect(fitStays(x.slice(0, 20)).empirical).toHaveLength(20);
  });
});

describe('censored stays', () => {
  // Stays start uniformly over a year and the extract is taken at its end: a stay longer
  // than the time left is still in, observed for that time (censored).
  function extract(dist: Distribution, n: number, seed: number) {
    const starts = stream(seed, 0, 'starts');
    const lengths = draw(dist, n, seed);
    const x: number[] = [], c: number[] = [];
    for (const len of lengths) {
      const left = starts() * 2000;
      if (len <= left) x.push(len); else c.push(left);
    }
    return { x, c };
  }

  test('Weibull: with the censored stays counted the MLE recovers shape and scale; without them the scale is biased down', () => {
    const { x, c } = extract(weibull(1.6, 300), 5000, 2);
    expect(c.length).toBeGreaterThan(500);
    const censored = fitStays(x, c).censored!.fits.find((f) => f.family === 'weibull')!.fitted.params;
    expect(censored.shape).toBeCloseTo(1.6, 1);
    expect(Math.abs(censored.scale / 300 - 1)).toBeLessThan(0.03);
    const naive = mle('weibull', x).params;
    expect(naive.scale / 300).toBeLessThan(0.96);
  });

  test('exponential: the censored MLE is total time at risk over the stays that ended', () => {
    const { x, c } = extract(exponential(200), 5000, 4);
    const fit = fitStays(x, c).censored!.fits.find((f) => f.family === 'exponential')!;
    const total = [...x, ...c].reduce((s, v) => s + v, 0);
    expect(fit.mean).toBeCloseTo(total / x.length, 8);
    expect(Math.abs(fit.mean / 200 - 1)).toBeLessThan(0.05);
  });
});
