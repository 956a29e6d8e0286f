// Is a queue still rising, or a waiting list still falling, when the run ends? Each
// replication reduces a daily series (one sample at 00:00 of each day) to the mean of the
// middle third and of the last third of its measured days; across replications, which are
// independent, the paired differences last − middle give a t-interval for the change.
// A change is reported when that interval excludes 0 and the change is material: at least
// one patient and a tenth of the middle third's level. Thirds rather than a regression
// slope: "12 waiting on average in days 40–75, 46 in days 111–146" is a figure a reader
// can check against the chart, and the first third is left to any transient the warm-up
// did not remove.
import { estimate } from '../../engine/experiment/summary.ts';

export interface Trend {
  middle: number;
  last: number;
}

/** Each replication's trends by series name: numbers 0 and 1 of a name are its middle and last (runner/named-rows.ts keeps them so). */
export interface TrendRows {
  /** Replications. */
  readonly size: number;
  names(k: number): readonly string[];
  get(k: number, name: string, i: number): number | undefined;
}

/** Fewest measured daily samples for a trend: two a third. */
const MIN_SAMPLES = 6;

/** Sample indices (= days) [from, to) of the middle and last thirds of the days measured after warm-up, or undefined if too few. */
export function thirds(samples: number, warmupDays: number): { middle: [number, number]; last: [number, number] } | undefined {
  const first = Math.ceil(warmupDays - 1e-9);
  const n = samples - first;
  if (n < MIN_SAMPLES) return undefined;
  const k = Math.floor(n / 3);
  return { middle: [first + k, first + 2 * k], last: [samples - k, samples] };
}

const meanOf = (xs: readonly number[], [a, b]: [number, number]) => {
  let sum = 0;
  for (let i = a; i < b; i++) sum += xs[i];
  return sum / (b - a);
};

/** One replication's series reduced to its middle- and last-third means. */
export function seriesTrend(xs: readonly number[], warmupDays: number): Trend | undefined {
  const t = thirds(xs.length, warmupDays);
  return t && { middle: meanOf(xs, t.middle), last: meanOf(xs, t.last) };
}

export interface Change {
  middle: number;
  last: number;
  /** last − middle: mean and 95% interval over replications. */
  change: number;
  lower: number;
  upper: number;
  direction: 'growing' | 'falling';
}

/** A material change with an interval that excludes 0, or undefined (also with fewer than 2 replications). */
export function significantChange(trends: readonly Trend[]): Change | undefined {
  if (trends.length < 2) return undefined;
  const e = estimate(trends.map((t) => t.last - t.middle));
  const middle = trends.reduce((x, t) => x + t.middle, 0) / trends.length;
  const last = trends.reduce((x, t) => x + t.last, 0) / trends.length;
  const material = Math.abs(e.mean) >= Math.max(1, 0.1 * middle);
  if (!material) return undefined;
  if (e.lower > 0) return { middle, last, change: e.mean, lower: e.lower, upper: e.upper, direction: 'growing' };
  if (e.upper < 0) return { middle, last, change: e.mean, lower: e.lower, upper: e.upper, direction: 'falling' };
  return undefined;
}
