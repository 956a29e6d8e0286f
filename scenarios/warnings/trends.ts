// Is a queue still rising, or a waiting list still falling, when the run ends? Each
// replication reduces a daily series (one sample at 00:00 of each day) to the mean of the
// middle third and of the last third of its measured days; across replications, which are
// independent, the paired differences last − middle give a t-interval for the change.
// A change is reported when it is material (at least one patient and a tenth of the middle
// third's level) and its interval lies wholly beyond ±1 patient: not merely a change that
// is not 0. In a short queue the daily counts are small and skewed, and a rise of a fraction
// of a patient shown "beyond chance" says little (a settled M/M/10 at ρ = 0.9 read +1.74,
// 95% CI +0.47 to +3.00 on one seed). The tenth is held against the mean change, not its
// interval: a list of 1,300 rising by 150 over a third of the run is material, and its
// interval, wide with 5 replications, need not clear 130 as well.
//
// A run tests many series (each ward's queue and each list, in each option): with a 95%
// interval each, a settled system would still be reported 1 time in 20 for each series
// tested (measured on the one queue of a settled M/M/10 at ρ = 0.9, seeds 1–40: 3 of 40
// runs of 3,000 days reported it growing or falling, 2 of 40 of 1,500 days after 300 of
// warm-up). So the intervals are Bonferroni's: 1 − FAMILY_ALPHA ÷ (series tested in the
// run) each, so that a settled system is reported in at most FAMILY_ALPHA of runs, however
// many series it has (Holm's would gain a little power for much more to explain). With the
// one-patient margin, short queues are reported far less often still (0 of those 80).
//
// Thirds rather than a regression slope: "12 waiting on average in days 40–75, 46 in days
// 111–146" is a figure a reader can check against the chart, and the first third is left
// to any transient the warm-up did not remove.
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

/** At most this share of runs of a settled system report some series changing (before the one-patient margin, which lowers it further). */
export const FAMILY_ALPHA = 0.05;
/** The interval must lie beyond this change (patients) either way. */
export const MIN_CHANGE = 1;

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
  /** last − middle: mean and `level` interval over replications. */
  change: number;
  lower: number;
  upper: number;
  /** The interval's confidence level: 1 − FAMILY_ALPHA ÷ series tested. */
  level: number;
  /** The smallest mean change taken as material (patients): one, or a tenth of the middle third's level. */
  material: number;
  direction: 'growing' | 'falling';
}

/**
 * A material change (at least one patient and a tenth of the middle third's level), shown
 * beyond chance: its interval at level 1 − FAMILY_ALPHA ÷ `tested` (the series tested in the
 * run) lying wholly beyond ±MIN_CHANGE. Undefined otherwise, also with fewer than 2 replications.
 */
export function significantChange(trends: readonly Trend[], tested = 1): Change | undefined {
  if (trends.length < 2) return undefined;
  const level = 1 - FAMILY_ALPHA / Math.max(1, tested);
  const e = estimate(trends.map((t) => t.last - t.middle), level);
  const middle = trends.reduce((x, t) => x + t.middle, 0) / trends.length;
  const last = trends.reduce((x, t) => x + t.last, 0) / trends.length;
  const material = Math.max(1, 0.1 * Math.abs(middle));
  if (!(Math.abs(e.mean) >= material)) return undefined;
  const c = { middle, last, change: e.mean, lower: e.lower, upper: e.upper, level, material };
  if (e.lower >= MIN_CHANGE) return { ...c, direction: 'growing' };
  if (e.upper <= -MIN_CHANGE) return { ...c, direction: 'falling' };
  return undefined;
}
