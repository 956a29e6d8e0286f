// Is a series still drifting between two windows of a run? Each replication reduces its
// series to the mean over an earlier and a later window; the replications are independent,
// so the paired differences later − earlier give a t-interval for the drift (as trends and
// paired comparisons do). Used on the measured window of a run (does it still climb from
// the empty start?) and on what MSER-5 leaves of a `pathflow warmup` series (has the
// series settled by the end, or is the horizon too short to find a warm-up?).
//
// The moments are folded one replication at a time (Welford), in replication order, so a
// run keeps a few numbers a series whatever the number of replications, and the result is
// the same bits whichever runner ran them.
//
// Pure TypeScript, no Node API.
import { tQuantile } from './summary.ts';

/** Mean of xs[a … b − 1]. */
export function windowMean(xs: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  for (let i = a; i < b; i++) s += xs[i];
  return s / (b - a);
}

/** Running mean and sum of squared deviations (Welford). */
export class Moments {
  n = 0;
  mean = 0;
  m2 = 0;
  add(x: number): void {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }
  /** Sample standard deviation (divisor n − 1); NaN below 2. */
  get sd(): number {
    return this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : NaN;
  }
}

/** A drift across replications: the windows' means, later − earlier and its interval. */
export interface Drift {
  n: number;
  before: number;
  after: number;
  change: number;
  lower: number;
  upper: number;
}

/**
 * The drift from the moments of each window and of their paired differences, with a
 * two-sided interval at `level` (0.95, or 1 − 0.05/m when m series are tested at once:
 * Bonferroni keeps the chance of any false alarm among them under 5%).
 */
export function driftOf(before: Moments, after: Moments, difference: Moments, level: number): Drift {
  const n = difference.n;
  const half = n > 1 ? tQuantile(1 - (1 - level) / 2, n - 1) * (difference.sd / Math.sqrt(n)) : NaN;
  return { n, before: before.mean, after: after.mean, change: difference.mean, lower: difference.mean - half, upper: difference.mean + half };
}

/** The drift of per-replication window means (pairs[k] from replication k). */
export function pairedDrift(pairs: readonly { before: number; after: number }[], level = 0.95): Drift {
  const b = new Moments(), a = new Moments(), d = new Moments();
  for (const p of pairs) {
    b.add(p.before);
    a.add(p.after);
    d.add(p.after - p.before);
  }
  return driftOf(b, a, d, level);
}

/**
 * A drift that matters: its interval excludes 0, and it is at least `share` of the larger
 * window's level and at least `floor` in the series' unit, so that a tiny drift that many
 * replications make significant is not reported.
 */
export function isMaterialDrift(d: Drift, share: number, floor: number): boolean {
  if (!(d.lower > 0 || d.upper < 0)) return false;
  return Math.abs(d.change) >= Math.max(share * Math.max(Math.abs(d.before), Math.abs(d.after)), floor);
}
