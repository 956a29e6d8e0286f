// Choosing a warm-up period (Welch's method, as in Law, Simulation Modeling and Analysis,
// 5th ed., section 9.5.1): average a daily series across replications, smooth the average
// with a moving window, and look for the point after which the smoothed curve is flat.
// The suggestion is made by MSER-5 (White 1997; recommended among automatic truncation
// rules by Hoad, Robinson & Davies, JORS 2010): the truncation that minimises the squared
// standard error of the mean of what is left, over batches of 5 observations.
//
// Pure TypeScript, no Node API: the web app charts the same numbers.
import { pairedDrift, windowMean, type Drift } from './drift.ts';

/** Ȳ_i: the mean across replications at each time point (up to the shortest replication). */
export function acrossReplications(reps: readonly (readonly number[])[]): number[] {
  if (reps.length === 0) return [];
  let len = Infinity;
  for (const r of reps) len = Math.min(len, r.length); // not Math.min(...): one argument per replication
  const out = new Array<number>(len);
  for (let i = 0; i < len; i++) {
    let s = 0;
    for (const r of reps) s += r[i];
    out[i] = s / reps.length;
  }
  return out;
}

/**
 * Ȳ_i built one replication at a time, in replication order: the same numbers as
 * acrossReplications (the same additions in the same order), holding one sum a time point
 * instead of every replication's series, so a warm-up study's memory does not grow with
 * its replications.
 */
export class AcrossReplications {
  private sums = new Float64Array(0);
  private length = 0;
  private count = 0;

  /** The next replication's series (replication 0 first, then 1, …). */
  add(rep: ArrayLike<number>): void {
    if (this.count === 0) {
      this.sums = new Float64Array(rep.length);
      this.length = rep.length;
    }
    this.length = Math.min(this.length, rep.length);
    for (let i = 0; i < this.length; i++) this.sums[i] += rep[i];
    this.count++;
  }

  /** Replications added so far. */
  get replications(): number {
    return this.count;
  }

  /** Ȳ_i up to the shortest replication (none before the first). */
  get mean(): number[] {
    return Array.from(this.sums.subarray(0, this.length), (s) => s / this.count);
  }
}

/**
 * Welch's moving average with window w (Law 9.5.1): Ȳ_i(w) is the mean of Ȳ_{i−w} … Ȳ_{i+w}
 * for w < i ≤ m − w (1-based), and of Ȳ_1 … Ȳ_{2i−1} for i ≤ w (a centred window as wide as
 * fits); points within w of the end have no full window and are left out (m − w values).
 */
export function movingAverage(ys: readonly number[], w: number): number[] {
  if (!Number.isInteger(w) || w < 0) throw new Error(`movingAverage: expected a window w ≥ 0 (integer), got ${w}`);
  const m = ys.length;
  const out: number[] = [];
  // Prefix sums: each window is a difference, so the whole curve costs O(m).
  const prefix = new Array<number>(m + 1);
  prefix[0] = 0;
  for (let i = 0; i < m; i++) prefix[i + 1] = prefix[i] + ys[i];
  for (let i = 1; i <= m - w; i++) {
    const s = i <= w ? i - 1 : w; // half-width
    out.push((prefix[i + s] - prefix[i - s - 1]) / (2 * s + 1));
  }
  return out;
}

/**
 * MSER-b truncation point (in observations) of a series: the d, a multiple of b, that
 * minimises Σ_{j>d}(z_j − z̄_d)² / (n − d)² over the batch means z of b observations,
 * searched over the first half only (beyond it the statistic is unreliable: White 1997).
 */
export function mserTruncation(ys: readonly number[], batch = 5): number {
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`mserTruncation: expected a batch size ≥ 1 (integer), got ${batch}`);
  const k = Math.floor(ys.length / batch);
  if (k < 2) return 0;
  const z = Array.from({ length: k }, (_, j) => {
    let s = 0;
    for (let i = 0; i < batch; i++) s += ys[j * batch + i];
    return s / batch;
  });
  // Suffix sums of z and z², so each candidate is O(1).
  let sum = 0, sumSq = 0;
  const stats = new Array<number>(k);
  for (let d = k - 1; d >= 0; d--) {
    sum += z[d];
    sumSq += z[d] * z[d];
    const n = k - d;
    stats[d] = Math.max(0, sumSq - (sum * sum) / n) / (n * n);
  }
  let best = 0, bestStat = stats[0];
  for (let d = 1; d <= Math.floor(k / 2); d++) {
    // Ties go to the shorter warm-up: a strict improvement is needed to discard more.
    if (stats[d] < bestStat - 1e-15 * Math.abs(bestStat)) {
      best = d;
      bestStat = stats[d];
    }
  }
  return best * batch;
}

export interface WelchResult {
  /** Ȳ_i: mean across replications at each time point. */
  mean: number[];
  /** Ȳ_i(w), one shorter by w. */
  smoothed: number[];
  window: number;
  /** Suggested warm-up, in time points (MSER-5 on the across-replication means). */
  suggested: number;
}

/** Welch's curves of a series sampled at equal steps in each replication, and the suggested warm-up. */
export function welch(reps: readonly (readonly number[])[], window: number, batch = 5): WelchResult {
  return welchOfMean(acrossReplications(reps), window, batch);
}

/** The same from Ȳ_i already averaged (AcrossReplications). */
export function welchOfMean(mean: number[], window: number, batch = 5): WelchResult {
  return { mean, smoothed: movingAverage(mean, window), window, suggested: mserTruncation(mean, batch) };
}

/**
 * What is left after a warm-up of `from` time points, in two halves, compared replication
 * by replication (engine/experiment/drift.ts): a series still drifting there has not
 * settled by the end of the horizon, and no warm-up can be read off it. Undefined with
 * fewer than 2 replications or 4 points left.
 */
export function driftAfter(reps: readonly ArrayLike<number>[], from: number, level = 0.95): (Drift & { halves: [[number, number], [number, number]] }) | undefined {
  const len = reps.reduce((m, r) => Math.min(m, r.length), reps.length ? Infinity : 0);
  if (reps.length < 2 || len - from < 4) return undefined;
  const mid = from + Math.floor((len - from) / 2);
  const d = pairedDrift(reps.map((r) => ({ before: windowMean(r, from, mid), after: windowMean(r, mid, len) })), level);
  return { ...d, halves: [[from, mid], [mid, len]] };
}

/** Whether MSER-b's truncation is the last it may choose (half the batches): it found no point after which the series is flat. */
export function atSearchLimit(points: number, truncation: number, batch = 5): boolean {
  const k = Math.floor(points / batch);
  return k >= 2 && truncation >= Math.floor(k / 2) * batch;
}
