// Sequential allocation for a sweep: replications go where they change the answer. Every
// point starts with `initial` replications; then, round by round, the points still
// undecided double theirs (up to `max`) and the others stop:
//  - with a target (`KPI >= x`), a point is undecided while its 95% interval straddles it;
//  - without one, a point is undecided while it cannot be told apart from a neighbour on
//    the grid (one step along one parameter) for some chosen KPI: the paired difference's
//    95% interval over the replications both ran holds 0 with a width (points whose
//    results are identical in every replication are told apart: they are the same).
// Replication k of every point uses the streams of (seed, k) whichever round runs it, so
// the decisions, and the document, are the same whatever the number of workers.
//
// Like any look-then-decide rule, the intervals of points that stopped early are a little
// optimistic about their own precision; the document says how many replications each
// point has, and points at the cap are counted.
import { estimate } from '../../engine/experiment/summary.ts';
import type { Replication } from '../replicate.ts';
import { verdict, type Target } from './target.ts';

export interface SequentialPlan {
  /** Replications every point starts with (at least 2: one gives no interval). */
  initial: number;
  /** Replications a point may reach, doubling from `initial`. */
  max: number;
  /** Points whose interval straddles it get more; without it, neighbours not told apart do. */
  target?: Target;
  /** KPIs judged by the neighbour rule (the sweep's KPIs). */
  kpis: readonly string[];
}

/** One round's work: replications from … to − 1 of a point. */
export interface RoundRequest { point: number; from: number; to: number }
export type RunRound = (requests: readonly RoundRequest[]) => Promise<Replication[][]>;

export interface AllocationSummary {
  rule: 'target' | 'neighbours';
  initial: number;
  max: number;
  rounds: number;
  /** All points together. */
  replications: number;
  /** What every point at `max` would have run. */
  naiveReplications: number;
  /** Points that ran to the cap (still undecided there, or beside one that was). */
  pointsAtMax: number;
}

/** The largest `max` a plan may ask for, whatever its `initial`: rounds are log2(max / initial). */
export const MAX_SEQUENTIAL_REPLICATIONS = 10_000;

/** Points of a grid that differ from `i` by one step of one parameter (`sizes`: each parameter's value count, the first slowest). */
export function neighbours(i: number, sizes: readonly number[]): number[] {
  const out: number[] = [];
  let stride = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    const at = Math.floor(i / stride) % sizes[d];
    if (at > 0) out.push(i - stride);
    if (at < sizes[d] - 1) out.push(i + stride);
    stride *= sizes[d];
  }
  return out;
}

const column = (reps: readonly Replication[], kpi: string, n = reps.length) => reps.slice(0, n).map((r) => r.kpis[kpi] ?? NaN);

/** Whether the target's verdict on a point is still open (an unmeasurable KPI is: more replications may measure it). */
function straddles(reps: readonly Replication[], target: Target): boolean {
  const xs = column(reps, target.kpi);
  if (xs.length < 2 || !xs.every(Number.isFinite)) return true;
  const e = estimate(xs);
  return verdict(target, e.lower, e.upper) === 'uncertain';
}

/** Whether two points cannot be told apart on some KPI, paired over the replications both ran. */
function alike(a: readonly Replication[], b: readonly Replication[], kpis: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  if (n < 2) return true;
  return kpis.some((k) => {
    const [x, y] = [column(a, k, n), column(b, k, n)];
    if (!x.every(Number.isFinite) || !y.every(Number.isFinite)) return false; // unmeasured on both sides alike: more will not help
    const e = estimate(y.map((v, j) => v - x[j]));
    return e.lower < e.upper && e.lower <= 0 && e.upper >= 0;
  });
}

export async function allocateSequentially(sizes: readonly number[], plan: SequentialPlan, runRound: RunRound): Promise<{ runs: Replication[][]; allocation: AllocationSummary }> {
  if (!(plan.initial >= 2 && plan.max >= plan.initial && plan.max <= MAX_SEQUENTIAL_REPLICATIONS)) {
    throw new Error(`sequential allocation: expected 2 ≤ initial ≤ max ≤ ${MAX_SEQUENTIAL_REPLICATIONS}, got ${plan.initial} and ${plan.max}`);
  }
  const count = sizes.reduce((n, s) => n * s, 1);
  const runs: Replication[][] = Array.from({ length: count }, () => []);
  let requests: RoundRequest[] = runs.map((_, point) => ({ point, from: 0, to: plan.initial }));
  let rounds = 0;
  while (requests.length > 0) {
    const got = await runRound(requests);
    requests.forEach((r, j) => runs[r.point].push(...got[j]));
    rounds++;
    const undecided = new Set<number>();
    for (let i = 0; i < count; i++) {
      if (plan.target) {
        if (straddles(runs[i], plan.target)) undecided.add(i);
        continue;
      }
      for (const j of neighbours(i, sizes)) {
        if (j > i && alike(runs[i], runs[j], plan.kpis)) undecided.add(i).add(j);
      }
    }
    requests = [...undecided].sort((a, b) => a - b)
      .filter((i) => runs[i].length < plan.max)
      .map((i) => ({ point: i, from: runs[i].length, to: Math.min(plan.max, 2 * runs[i].length) }));
  }
  const replications = runs.reduce((n, r) => n + r.length, 0);
  return {
    runs,
    allocation: {
      rule: plan.target ? 'target' : 'neighbours', initial: plan.initial, max: plan.max, rounds, replications,
      naiveReplications: count * plan.max, pointsAtMax: runs.filter((r) => r.length >= plan.max).length,
    },
  };
}
