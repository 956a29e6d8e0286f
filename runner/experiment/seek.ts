// Goal-seeking: the smallest (or largest) value of one parameter at which a KPI meets a
// target with the stated confidence, with as few replications as the confidence needs.
//
// Assumption: the KPI is monotone in the parameter over the range, so that once a value
// meets the target every value beyond it (larger when seeking the smallest, smaller when
// seeking the largest) does too — more beds never lengthen the mean wait. Then bisection
// finds the boundary in log2(range) points. Each point starts with a few replications and
// gets more (doubling, up to a maximum) only while its confidence interval straddles the
// target; points clearly on one side stop early. Replication k of every point uses the
// streams of (seed, k) (common random numbers), so neighbouring points differ by the
// parameter, not by luck.
//
// The verdicts are two-sided intervals at the stated confidence, looked at after each
// batch: repeated looks make the real error rate somewhat higher than 1 − confidence (the
// price of stopping early), which is why the evidence is reported with every answer.
import { estimate } from '../../engine/experiment/summary.ts';
import { verdict, type Target, type Verdict } from './target.ts';
import { grouped } from '../../engine/core/errors.ts';

export interface SeekPlan {
  lo: number;
  hi: number;
  /** Integer parameter: points are integers and the answer is exact. Otherwise bisection to `tolerance`. */
  integer: boolean;
  tolerance: number;
  /** 'smallest' (default): the least value that meets; 'largest': the greatest. */
  seek: 'smallest' | 'largest';
  target: Target;
  /** Of the intervals the verdicts come from, e.g. 0.95. */
  confidence: number;
  /** Replications a point starts with (at least 2: one says nothing about spread). */
  initialReps: number;
  maxReps: number;
}

/** The KPI's value in replications from..to−1 (k = from … to−1) at `value`. */
export type Evaluate = (value: number, from: number, to: number) => Promise<number[]>;

export interface Probe {
  value: number;
  replications: number;
  mean: number;
  lower: number;
  upper: number;
  verdict: Verdict;
}

export type SeekOutcome =
  /** `answer` meets and its neighbour on the other side (or the end of the range) was shown to fail. */
  | 'found'
  /** Even the most favourable end of the range fails. */
  | 'unreachable'
  /** The boundary lies at or next to a point still uncertain after maxReps: `answer` (if any) is the best shown to meet. */
  | 'uncertain';

export interface SeekResult {
  outcome: SeekOutcome;
  answer?: number;
  /** Every point tried, in the order tried. */
  probes: Probe[];
  /** Replications run, all points together. */
  replications: number;
}

export async function seek(plan: SeekPlan, evaluate: Evaluate): Promise<SeekResult> {
  if (!(plan.initialReps >= 2 && plan.maxReps >= plan.initialReps)) throw new Error(`seek: expected 2 ≤ initialReps ≤ maxReps, got ${plan.initialReps} and ${plan.maxReps}`);
  if (!(plan.lo <= plan.hi)) throw new Error(`seek: expected lo ≤ hi, got ${plan.lo} and ${plan.hi}`);
  const probes: Probe[] = [];
  let replications = 0;

  const assess = async (value: number): Promise<Probe> => {
    const seen = probes.find((p) => p.value === value);
    if (seen) return seen;
    const xs: number[] = [];
    let n = plan.initialReps;
    for (;;) {
      const more = await evaluate(value, xs.length, n);
      replications += more.length;
      xs.push(...more);
      const bad = xs.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) throw new Error(`${plan.target.kpi} could not be measured at ${value} (replication ${bad} gave ${xs[bad]}): choose a KPI every replication measures`);
      const e = estimate(xs, plan.confidence);
      const v = verdict(plan.target, e.lower, e.upper);
      if (v !== 'uncertain' || n >= plan.maxReps) {
        const probe = { value, replications: n, mean: e.mean, lower: e.lower, upper: e.upper, verdict: v };
        probes.push(probe);
        return probe;
      }
      n = Math.min(2 * n, plan.maxReps);
    }
  };

  // "good" is the end where the target is easiest to meet under monotonicity.
  const [good0, bad0] = plan.seek === 'smallest' ? [plan.hi, plan.lo] : [plan.lo, plan.hi];
  const far = await assess(good0);
  if (far.verdict === 'fails') return { outcome: 'unreachable', probes, replications };
  if (far.verdict === 'uncertain') return { outcome: 'uncertain', probes, replications };
  const near = await assess(bad0);
  if (near.verdict === 'meets') return { outcome: 'found', answer: bad0, probes, replications };

  // Invariant: `good` meets; `bad` fails or is uncertain after maxReps (treated as not shown to meet).
  let good = good0, bad = near;
  const close = () => (plan.integer ? Math.abs(good - bad.value) <= 1 : Math.abs(good - bad.value) <= plan.tolerance);
  while (!close()) {
    const mid = plan.integer ? Math.floor((good + bad.value) / 2) : (good + bad.value) / 2;
    // No number lies between the two (a tolerance finer than the spacing of numbers there,
    // or integers too large to be told apart by 1): as close as numbers go. Without this the
    // loop went on forever on the same point, and since a point already tried is answered
    // at once, it never gave the event loop back: the process froze, timers and signals too.
    if (mid === good || mid === bad.value) break;
    const p = await assess(mid);
    if (p.verdict === 'meets') good = mid;
    else bad = p;
  }
  return { outcome: bad.verdict === 'fails' ? 'found' : 'uncertain', answer: good, probes, replications };
}

/**
 * The highest confidence a seek accepts. Closer to 1, (1 + c) / 2 rounds to 1 in floating
 * point and the interval's t quantile does not exist (0.9999999999999999 passed the
 * server's admission, then failed the experiment with "tQuantile: … got 1"); and no run
 * has replications enough for intervals that wide to decide anything.
 */
export const MAX_SEEK_CONFIDENCE = 0.9999;

/**
 * Steps across the range at most (its width over the tolerance, or over 1 for an integer
 * parameter): 2^30 steps is 30 halvings, finer than any model can tell apart, and keeps
 * what a grid would cost (naiveReplications) a whole number a document can hold.
 */
export const MAX_SEEK_STEPS = 2 ** 30;

/** Why a range is too fine to seek over (which of `range` or `tolerance` to change, and the message), or undefined. */
export function seekTooFine(lo: number, hi: number, integer: boolean, tolerance: number): { field: 'range' | 'tolerance'; message: string } | undefined {
  const steps = (hi - lo) / (integer ? 1 : tolerance);
  if (steps <= MAX_SEEK_STEPS) return undefined;
  const most = grouped(MAX_SEEK_STEPS);
  return integer
    ? { field: 'range', message: `${hi - lo + 1 < 1e15 ? grouped(hi - lo + 1) : (hi - lo + 1).toExponential(2)} whole numbers from ${lo} to ${hi} are more than the ${most} a seek may search: narrow the range` }
    : { field: 'tolerance', message: `a tolerance of ${tolerance} cuts the range ${lo}..${hi} into ${steps.toExponential(2)} steps, more than the ${most} a seek may take (30 halvings): give a tolerance of at least ${Number(((hi - lo) / MAX_SEEK_STEPS).toPrecision(2))}` };
}

/** Replications of a grid over the same range with every point at maxReps: what seek saves. */
export function naiveReplications(plan: SeekPlan): number {
  const points = plan.integer ? Math.floor(plan.hi - plan.lo) + 1 : Math.floor((plan.hi - plan.lo) / plan.tolerance) + 1;
  return points * plan.maxReps;
}
