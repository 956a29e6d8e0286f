// Streaming statistics for the hot loop: observations (Tally), time-weighted levels
// (Level) and levels folded over a repeating cycle (CycleProfile).
//
// Every update is O(1) (CycleProfile: O(bins crossed)) and allocates nothing, apart from
// a Tally's sketch on its first observation and a Level histogram doubling when a new
// maximum level is reached. Fields are all set in the constructor and keep their types,
// so V8 sees one shape per class.
//
// Number fields have numeric initialisers, never a bare `x: number;`. With ES2022 class
// fields a bare declaration first defines the field as undefined, V8 then keeps it
// "tagged", and every later store of a double allocates a HeapNumber. Measured (Node,
// 10 M Tally.add): 2,500 scavenges against 24, and 2-5x slower for Tally.add and Level.set.
import { fmt } from './errors.ts';

// Quantile sketch: a log-linear histogram (as HdrHistogram, or DDSketch's linearly
// interpolated mapping). A bucket is one 128th of a binary octave, [L, U) with
// U = L (1 + 1/(128 + m)), and answers 2LU/(L + U), within (U - L)/(U + L) < 1/257 of
// every value in it. So any quantile returned is within 0.5% (ALPHA) of the exact sample
// quantile (nearest rank), for values in [1e-6, 1e7] hours. The bucket is read from the
// float's exponent and top 7 mantissa bits, which costs no logarithm in the hot loop.
// Values below 1e-6 (0, and negatives) go to a zero bucket answering 0; values above 1e7
// are put in the top bucket (and then only the clamp to max bounds the answer).
const ALPHA = 0.005;
const SUB_BITS = 7;
const SKETCH_MIN = 1e-6;
const SKETCH_MAX = 1e7;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Index of the high 32-bit word (sign, exponent, top of mantissa) on this platform.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function sketchKey(x: number): number {
  F64[0] = x;
  return U32[HI] >>> (20 - SUB_BITS);
}
const MIN_KEY = sketchKey(SKETCH_MIN);
const BUCKETS = sketchKey(SKETCH_MAX) - MIN_KEY + 1; // 5,632 buckets, allocated on first use
function bucketValue(k: number): number {
  U32[HI] = (k + MIN_KEY) << (20 - SUB_BITS);
  U32[1 - HI] = 0;
  const lower = F64[0];
  const m = (k + MIN_KEY) & ((1 << SUB_BITS) - 1);
  const upper = lower * (1 + 1 / ((1 << SUB_BITS) + m));
  return (2 * lower * upper) / (lower + upper);
}
// Shared placeholder until the first add, so an unused tally costs no sketch.
const NO_BUCKETS = new Float64Array(0);
const NO_COUNTS = new Uint32Array(0);

/** Relative accuracy of `Tally.quantile` for values in [1e-6, 1e7]. */
export const TALLY_QUANTILE_ACCURACY = ALPHA;

export interface TallySummary {
  count: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

/** Observations (waits, lengths of stay): Welford mean/variance, min/max, and quantiles from a log-bucket sketch. */
export class Tally {
  count = 0;
  sum = 0;
  /** +Infinity / -Infinity while empty. */
  min = Infinity;
  max = -Infinity;
  private m = 0; // running mean (Welford)
  private m2 = 0; // sum of squared deviations from the running mean
  private zeros = 0; // observations below SKETCH_MIN
  // 32-bit counts: 22 kB per sketch, so two busy tallies stay in the L1/L2 cache
  // (4 billion observations a bucket within one replication is out of reach).
  private buckets: Uint32Array = NO_COUNTS;

  add(x: number): void {
    const n = ++this.count;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    // Welford (1962): stable where sum-of-squares cancels.
    const delta = x - this.m;
    this.m += delta / n;
    this.m2 += delta * (x - this.m);
    if (x >= SKETCH_MIN) {
      let buckets = this.buckets;
      if (buckets.length === 0) buckets = this.buckets = new Uint32Array(BUCKETS);
      F64[0] = x;
      let k = (U32[HI] >>> (20 - SUB_BITS)) - MIN_KEY;
      if (k >= BUCKETS) k = BUCKETS - 1;
      buckets[k]++;
    } else {
      this.zeros++; // also NaN, which has already made mean and variance NaN
    }
  }

  /** NaN when empty. */
  get mean(): number {
    return this.count > 0 ? this.m : NaN;
  }

  /** Sample variance (divisor n - 1); NaN below two observations. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }

  /**
   * The nearest-rank q-quantile (the ceil(q n)-th smallest observation, the smallest for
   * q = 0) to within TALLY_QUANTILE_ACCURACY, clamped to [min, max]; exactly min and max
   * for the first and last ranks. NaN when empty.
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new Error(`Tally.quantile: expected q in [0, 1], got ${fmt(q)}`);
    const n = this.count;
    if (n === 0) return NaN;
    return this.atRanks([nearestRank(q, n)])[0];
  }

  /**
   * The values at ascending 1-based ranks, in one scan of the sketch that starts at the
   * smallest observation's bucket (every bucket below it is empty: a bucket's key grows with
   * the value). A results read asks four quantiles of every tally, and the sketch has
   * 5,632 buckets: scanning each from the start took about half the time of reading a hub's results.
   * Each value is the one a scan from the first bucket finds: the first bucket at which the
   * count of observations so far reaches the rank.
   */
  private atRanks(ranks: readonly number[]): number[] {
    const n = this.count;
    const buckets = this.buckets;
    let k = 0;
    if (this.min >= SKETCH_MIN) {
      k = sketchKey(this.min) - MIN_KEY;
      if (k > BUCKETS - 1) k = BUCKETS - 1;
    }
    let before = this.zeros; // observations in the zero bucket and the buckets before k
    const out: number[] = [];
    for (const rank of ranks) {
      let value: number;
      // The extreme ranks are known exactly.
      if (rank === 1) value = this.min;
      else if (rank === n) value = this.max;
      else {
        if (rank <= this.zeros) value = 0;
        else {
          let seen = before;
          while (k < BUCKETS - 1) {
            seen += buckets[k];
            if (seen >= rank) {
              seen -= buckets[k];
              break;
            }
            k++;
          }
          before = seen;
          value = bucketValue(k);
        }
        // The exact quantile lies in [min, max], so clamping only brings the answer closer.
        value = value < this.min ? this.min : value > this.max ? this.max : value;
      }
      out.push(value);
    }
    return out;
  }

  reset(): void {
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.m = 0;
    this.m2 = 0;
    this.zeros = 0;
    this.buckets.fill(0); // keep the sketch: a tally reset at warm-up fills again
  }

  /**
   * One tally of all the observations of `parts`, as if each had been added to it: the
   * sketch's counts, the zeros, the extremes and the count add exactly, so the quantiles
   * are those of the pooled observations to the same accuracy; the mean and variance are
   * combined by Chan et al.'s pairwise formula (equal to the pooled ones up to rounding).
   */
  static merged(parts: readonly Tally[]): Tally {
    const out = new Tally();
    for (const t of parts) {
      if (t.count === 0) continue;
      const n = out.count + t.count;
      const delta = t.m - out.m;
      out.m2 += t.m2 + (delta * delta * out.count * t.count) / n;
      out.m += (delta * t.count) / n;
      out.count = n;
      out.sum += t.sum;
      if (t.min < out.min) out.min = t.min;
      if (t.max > out.max) out.max = t.max;
      out.zeros += t.zeros;
      if (t.buckets.length > 0) {
        if (out.buckets.length === 0) out.buckets = new Uint32Array(BUCKETS);
        for (let k = 0; k < BUCKETS; k++) out.buckets[k] += t.buckets[k];
      }
    }
    return out;
  }

  summary(): TallySummary {
    const n = this.count;
    const empty = n === 0;
    const [p50, p90, p95, p99] = empty ? [NaN, NaN, NaN, NaN] : this.atRanks([nearestRank(0.5, n), nearestRank(0.9, n), nearestRank(0.95, n), nearestRank(0.99, n)]);
    return {
      count: n,
      mean: this.mean,
      sd: Math.sqrt(this.variance),
      min: empty ? NaN : this.min,
      max: empty ? NaN : this.max,
      p50,
      p90,
      p95,
      p99,
    };
  }
}

/**
 * 1-based nearest rank ceil(q n), at least 1. The 1e-9 absorbs q n landing a rounding
 * error above an integer (0.1 * 3 * 10 is 3.0000000000000004), which would skip a rank.
 */
export function nearestRank(q: number, n: number): number {
  const rank = Math.ceil(q * n - 1e-9);
  return rank < 1 ? 1 : rank > n ? n : rank;
}

export interface LevelSummary {
  mean: number;
  variance: number;
  max: number;
  /** Present when the level keeps a histogram. */
  p50?: number;
  p90?: number;
  p95?: number;
}

/**
 * A level that changes at instants (queue length, beds in use): time-weighted mean and
 * variance, and optionally the time spent at each integer level (histogram) for state
 * probabilities and quantiles.
 *
 * Times passed must never go backwards (unchecked: this is the hot path). Levels are
 * expected to be non-negative; the histogram files a value under floor(value).
 */
export class Level {
  value = 0;
  /** Largest value since the last reset (including the value in force at the reset). */
  max = 0;
  readonly histogram: boolean;
  private start = 0; // window start: construction or last reset
  private last = 0; // time of the last change
  private area = 0; // integral of value over [start, last]
  private areaSq = 0; // integral of value^2 over [start, last]
  private bin = 0; // floor(value), the histogram slot now accumulating
  private times: Float64Array; // time spent at each integer level over [start, last]

  constructor(time: number, value = 0, histogram = false) {
    this.value = value;
    this.max = value;
    this.histogram = histogram;
    this.start = time;
    this.last = time;
    this.bin = Math.floor(value);
    this.times = histogram ? new Float64Array(Math.max(64, nextPowerOfTwo(this.bin + 1))) : NO_BUCKETS;
  }

  set(time: number, value: number): void {
    const dt = time - this.last;
    const v = this.value;
    this.area += v * dt;
    this.areaSq += v * v * dt;
    if (this.histogram) {
      this.times[this.bin] += dt;
      const bin = Math.floor(value);
      if (bin >= this.times.length) this.grow(bin);
      this.bin = bin;
    }
    this.value = value;
    this.last = time;
    if (value > this.max) this.max = value;
  }

  add(time: number, delta: number): void {
    this.set(time, this.value + delta);
  }

  /**
   * Closes the interval since the last change with `value` as the level held over it, and
   * keeps `value` in force. For an owner that keeps its own count and reports it once per
   * instant, before changing it: integrate(t, v) is set(t, v) when v was already the value.
   */
  integrate(time: number, value: number): void {
    const dt = time - this.last;
    this.area += value * dt;
    this.areaSq += value * value * dt;
    if (this.histogram) {
      const bin = Math.floor(value);
      if (bin >= this.times.length) this.grow(bin);
      this.times[bin] += dt;
      this.bin = bin;
    }
    this.value = value;
    this.last = time;
    if (value > this.max) this.max = value;
  }

  /** Discards everything before `time` (end of warm-up); the current value stays in force. */
  reset(time: number): void {
    this.start = time;
    this.last = time;
    this.area = 0;
    this.areaSq = 0;
    this.max = this.value;
    if (this.histogram) this.times.fill(0);
  }

  /** Time average over [reset, time]; the current value if that window is empty. */
  mean(time: number): number {
    const window = time - this.start;
    if (window <= 0) return this.value;
    return (this.area + this.value * (time - this.last)) / window;
  }

  /**
   * Time-weighted variance E[X^2] - E[X]^2 over the window (0 if empty). The difference
   * loses digits only when the spread is tiny beside the mean (digits lost ~ log10(mean^2 / variance)),
   * harmless for counts of beds and patients.
   */
  variance(time: number): number {
    const window = time - this.start;
    if (window <= 0) return 0;
    const open = time - this.last;
    const v = this.value;
    const mean = (this.area + v * open) / window;
    const meanSq = (this.areaSq + v * v * open) / window;
    const variance = meanSq - mean * mean;
    return variance > 0 ? variance : 0;
  }

  /** Fraction of the window spent at a level >= x (levels are integers: >= ceil(x)). */
  fractionAtLeast(time: number, x: number): number {
    const times = this.histogramTimes('fractionAtLeast');
    const window = time - this.start;
    if (window <= 0) return this.value >= x ? 1 : 0;
    const from = Math.max(0, Math.ceil(x));
    let total = this.bin >= from ? time - this.last : 0;
    for (let k = from; k < times.length; k++) total += times[k];
    return total / window;
  }

  /** Fraction of the window spent at level n (an integer). */
  fractionAt(time: number, n: number): number {
    const times = this.histogramTimes('fractionAt');
    const window = time - this.start;
    if (window <= 0) return this.bin === n ? 1 : 0;
    if (!Number.isInteger(n) || n < 0 || n >= times.length) return 0;
    return (times[n] + (this.bin === n ? time - this.last : 0)) / window;
  }

  /** Smallest integer k with fraction of window time at levels <= k at least q. */
  quantile(time: number, q: number): number {
    const times = this.histogramTimes('quantile');
    if (!(q >= 0 && q <= 1)) throw new Error(`Level.quantile: expected q in [0, 1], got ${fmt(q)}`);
    const open = time - this.last;
    // Denominator summed in the same order as the walk, so q = 1 is reached exactly.
    let total = 0;
    for (let k = 0; k < times.length; k++) total += times[k] + (k === this.bin ? open : 0);
    if (!(total > 0)) return this.bin;
    const target = q * total;
    let seen = 0;
    let top = 0;
    for (let k = 0; k < times.length; k++) {
      const t = times[k] + (k === this.bin ? open : 0);
      if (t > 0) top = k;
      seen += t;
      if (seen >= target) return k;
    }
    return top;
  }

  summary(time: number): LevelSummary {
    const summary: LevelSummary = { mean: this.mean(time), variance: this.variance(time), max: this.max };
    if (this.histogram) {
      summary.p50 = this.quantile(time, 0.5);
      summary.p90 = this.quantile(time, 0.9);
      summary.p95 = this.quantile(time, 0.95);
    }
    return summary;
  }

  /** An independent copy, e.g. to integrate to "now" for a report without touching the original. */
  clone(): Level {
    const copy = Object.create(Level.prototype) as Level;
    Object.assign(copy, this);
    (copy as unknown as { times: Float64Array }).times = this.histogram ? this.times.slice() : this.times;
    return copy;
  }

  private grow(bin: number): void {
    const times = new Float64Array(nextPowerOfTwo(bin + 1));
    times.set(this.times);
    this.times = times;
  }

  private histogramTimes(method: string): Float64Array {
    if (!this.histogram) {
      throw new Error(`Level.${method}: this level keeps no histogram (construct it with new Level(time, value, true))`);
    }
    return this.times;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Folds a level over a repeating cycle (e.g. 24 h or 168 h): time-average per bin and
 * point samples per bin, averaged over cycles, for "occupancy at 14:00" style outputs.
 *
 * Phase is absolute: time 0 is the start of a cycle (so with period 168, the model's
 * time 0 is the start of its week). `startTime` is where observation begins (end of
 * warm-up): area before it and samples taken before it are ignored.
 */
export class CycleProfile {
  readonly period: number = 0;
  readonly bins: number = 0;
  readonly startTime: number = 0;
  private readonly width: number = 0;
  private readonly area: Float64Array;
  private readonly covered: Float64Array; // time observed per bin
  private readonly sampleSum: Float64Array;
  private readonly sampleSumSq: Float64Array;
  private readonly sampleCount: Float64Array;

  constructor(period: number, bins: number, startTime: number) {
    if (!(period > 0 && Number.isFinite(period))) {
      throw new Error(`CycleProfile: expected a finite period > 0, got ${fmt(period)}`);
    }
    if (!(Number.isInteger(bins) && bins >= 1)) {
      throw new Error(`CycleProfile: expected an integer number of bins >= 1, got ${fmt(bins)}`);
    }
    this.period = period;
    this.bins = bins;
    this.startTime = startTime;
    this.width = period / bins;
    this.area = new Float64Array(bins);
    this.covered = new Float64Array(bins);
    this.sampleSum = new Float64Array(bins);
    this.sampleSumSq = new Float64Array(bins);
    this.sampleCount = new Float64Array(bins);
  }

  /** An independent copy (see Level.clone). */
  clone(): CycleProfile {
    const copy = new CycleProfile(this.period, this.bins, this.startTime);
    copy.area.set(this.area);
    copy.covered.set(this.covered);
    copy.sampleSum.set(this.sampleSum);
    copy.sampleSumSq.set(this.sampleSumSq);
    copy.sampleCount.set(this.sampleCount);
    return copy;
  }

  /**
   * Adds value * overlap to each bin that [from, to) crosses. Call on every change of the
   * watched level, with the value that was in force, and once at the end of the run.
   */
  accumulate(from: number, to: number, value: number): void {
    if (from < this.startTime) from = this.startTime;
    if (!(to > from)) return;
    const period = this.period;
    const width = this.width;
    const bins = this.bins;
    const area = this.area;
    const covered = this.covered;
    let cycle = Math.floor(from / period);
    let bin = Math.floor((from - cycle * period) / width);
    if (bin >= bins) bin = bins - 1;
    let t = from;
    while (t < to) {
      if (bin === 0 && t === cycle * period && to - t >= 2 * period) {
        // Whole cycles at once, so a level unchanged for months costs O(bins), not O(cycles * bins).
        // The last cycle is left to the bin walk, which ends exactly at `to`.
        const whole = Math.floor((to - t) / period) - 1;
        const dt = whole * width;
        for (let b = 0; b < bins; b++) {
          area[b] += value * dt;
          covered[b] += dt;
        }
        cycle += whole;
        t = cycle * period;
      }
      // The last bin ends exactly at the cycle boundary, whatever width's rounding.
      const binEnd = bin === bins - 1 ? (cycle + 1) * period : cycle * period + (bin + 1) * width;
      const end = binEnd < to ? binEnd : to;
      if (end > t) {
        const dt = end - t;
        area[bin] += value * dt;
        covered[bin] += dt;
        t = end;
      }
      if (++bin === bins) {
        bin = 0;
        cycle++;
      }
    }
  }

  /** A point sample (e.g. the level at each hour's census): adds value to the bin of time mod period. */
  sample(time: number, value: number): void {
    if (time < this.startTime) return;
    const period = this.period;
    let bin = Math.floor((time - Math.floor(time / period) * period) / this.width);
    if (bin >= this.bins) bin = this.bins - 1;
    this.sampleSum[bin] += value;
    this.sampleSumSq[bin] += value * value;
    this.sampleCount[bin]++;
  }

  /** Time average per bin over all cycles observed (NaN for a bin never covered). */
  binMeans(): number[] {
    const means = new Array<number>(this.bins);
    for (let b = 0; b < this.bins; b++) means[b] = this.covered[b] > 0 ? this.area[b] / this.covered[b] : NaN;
    return means;
  }

  /** Mean of the point samples per bin (NaN where none). */
  sampleMeans(): number[] {
    const means = new Array<number>(this.bins);
    for (let b = 0; b < this.bins; b++) {
      const n = this.sampleCount[b];
      means[b] = n > 0 ? this.sampleSum[b] / n : NaN;
    }
    return means;
  }

  /** Sample variance (divisor n - 1) of the point samples per bin (NaN below two samples). */
  sampleVariances(): number[] {
    const variances = new Array<number>(this.bins);
    for (let b = 0; b < this.bins; b++) {
      const n = this.sampleCount[b];
      if (n < 2) {
        variances[b] = NaN;
        continue;
      }
      const mean = this.sampleSum[b] / n;
      const variance = (this.sampleSumSq[b] - n * mean * mean) / (n - 1);
      variances[b] = variance > 0 ? variance : 0;
    }
    return variances;
  }
}
