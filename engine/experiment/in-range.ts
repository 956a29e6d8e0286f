// Confidence intervals that respect what a measure can be. A share lies in [0, 1] and a
// count, time or cost is never negative, but the t-interval (summary.ts) is symmetric about
// the mean and can cross those limits when the replications are few or skewed: "0.347
// [−0.437, 1.13] patients". Method:
//  - the t-interval is kept as it is when it lies within the range;
//  - otherwise it is cut to the range. The true mean lies in the range, so the cut interval
//    covers it exactly as often as the t-interval did; but an interval that reached past a
//    limit is a sign that the normal approximation behind it is poor, so it is marked
//    unreliable, with the interval before the cut as the reason;
//  - it is also marked unreliable with fewer than MIN_REPLICATIONS replications, or when the
//    replications are skewed enough that their mean is not close to normal: Cochran's rule
//    (Sampling Techniques, 3rd ed., 1977, section 2.15) asks for n > 25·G1², G1 the sample
//    skewness; it is applied where |G1| ≥ 2, since smaller sample skewness is common noise
//    in a handful of replications (and marks too many intervals to mean much).
// The mean is always the plain mean of the replications, bit for bit.
import { estimate } from './summary.ts';

/** Fewer replications than this: every interval is marked unreliable. */
export const MIN_REPLICATIONS = 5;
/** Sample skewness from which Cochran's rule is applied. */
export const SKEW_THRESHOLD = 2;

export interface RangedEstimate {
  n: number;
  mean: number;
  /** NaN with one replication. */
  lower: number;
  upper: number;
  /** Why the interval should not be taken at face value; absent when it can. */
  unreliable?: string;
}

const show = (x: number) => (x === 0 ? '0' : Math.abs(x) >= 1000 ? x.toFixed(0) : String(Number(x.toPrecision(3)))).replace('-', '−');

/** Adjusted Fisher–Pearson sample skewness G1 (0 for constant data or fewer than 3 values). */
export function skewness(values: readonly number[], mean: number): number {
  const n = values.length;
  if (n < 3) return 0;
  let m2 = 0, m3 = 0;
  for (const x of values) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  // Relative to the mean's size: rounding alone makes a few ulps of spread in constant data.
  if (!(m2 > 1e-24 * Math.max(1, mean * mean))) return 0;
  const g1 = m3 / (m2 * Math.sqrt(m2));
  return g1 * (Math.sqrt(n * (n - 1)) / (n - 2));
}

/**
 * Mean and 95% interval of replication results that always lie in `range` ([lo, hi], either
 * end possibly infinite): the t-interval, cut to the range where it crosses it, with the
 * reason it is unreliable where it is. If some value lies outside the range (it does not
 * hold for these data), the range is not applied.
 */
export function estimateInRange(values: readonly number[], range: readonly [number, number], level = 0.95): RangedEstimate {
  const e = estimate(values, level);
  const out: RangedEstimate = { n: e.n, mean: e.mean, lower: e.lower, upper: e.upper };
  if (e.n < 2) return out;
  const [lo, hi] = range;
  const reasons: string[] = [];
  if (e.n < MIN_REPLICATIONS) reasons.push(`only ${e.n} replications (fewer than ${MIN_REPLICATIONS})`);
  const inside = values.every((x) => x >= lo && x <= hi);
  if (inside && (e.lower < lo || e.upper > hi)) {
    const limits = [e.lower < lo ? `below ${show(lo)}` : '', e.upper > hi ? `above ${show(hi)}` : ''].filter(Boolean).join(' and ');
    reasons.push(`the t-interval [${show(e.lower)}, ${show(e.upper)}] reached ${limits}, which this measure cannot be; cut to [${show(Math.max(lo, e.lower))}, ${show(Math.min(hi, e.upper))}]`);
    out.lower = Math.max(lo, e.lower);
    out.upper = Math.min(hi, e.upper);
  }
  // With fewer replications than the minimum, their skewness is noise (and already said).
  const g1 = e.n < MIN_REPLICATIONS ? 0 : skewness(values, e.mean);
  if (Math.abs(g1) >= SKEW_THRESHOLD && e.n < 25 * g1 * g1) {
    // "Most replications at 0 with a few large values": say so, it is the usual cause.
    const atLo = values.filter((x) => x === lo).length, atHi = values.filter((x) => x === hi).length;
    const where = atLo * 2 >= e.n ? `; ${atLo} of ${e.n} at ${show(lo)}` : atHi * 2 >= e.n ? `; ${atHi} of ${e.n} at ${show(hi)}` : '';
    reasons.push(`skewed replications (skewness ${show(g1)}${where}): a normal interval needs about ${Math.ceil(25 * g1 * g1)}`);
  }
  if (reasons.length) out.unreliable = reasons.join('; ');
  return out;
}

/** The range of b − a for a and b in `range`: a difference of shares lies in [−1, 1]. */
export function differenceRange(range: readonly [number, number]): [number, number] {
  return [range[0] - range[1], range[1] - range[0]];
}
