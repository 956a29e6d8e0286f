// A sweep's replications on the runner, for the command line and the server alike: every
// point at the same replications (all tasks at once), or allocated sequentially
// (allocate.ts: round by round, where the answer is still open).
import { runBatches } from '../batches.ts';
import type { Replication } from '../replicate.ts';
import type { Runner } from '../runner.ts';
import type { Budget } from '../../scenarios/cost/limits.ts';
import { allocateSequentially, type AllocationSummary } from './allocate.ts';
import { pointLabel, type Parameter } from './grid.ts';
import { targetText, type Target } from './target.ts';

export interface Sequential {
  max: number;
  target?: Target;
}

export interface SweepWork {
  params: readonly Parameter[];
  grid: readonly (readonly (number | string)[])[];
  /** Each point's scenario as its replications are sent (sweep-points.ts), in grid order. */
  scenarios: readonly string[];
  /** Per point; with sequential allocation, what every point starts with. */
  replications: number;
  kpis: readonly string[];
  seed: number;
  budget?: Budget;
  signal?: AbortSignal;
  onDone?: () => void;
}

export async function sweepRuns(runner: Runner, w: SweepWork, sequential?: Sequential): Promise<{ runs: Replication[][]; allocation?: AllocationSummary & { target: string | null } }> {
  const scenarios = w.scenarios;
  const batch = (point: number, from: number, to: number) => ({ scenario: scenarios[point], label: pointLabel(w.params, w.grid[point]), from, to });
  // The sweep reads only its KPIs (and the sequential target's).
  const keep = [...new Set([...w.kpis, ...(sequential?.target ? [sequential.target.kpi] : [])])];
  const plan = { seed: w.seed, series: false, budget: w.budget, signal: w.signal, onDone: w.onDone, keep };
  if (!sequential) return { runs: await runBatches(runner, scenarios.map((_, i) => batch(i, 0, w.replications)), plan) };
  const { runs, allocation } = await allocateSequentially(w.params.map((p) => p.values.length),
    { initial: w.replications, max: sequential.max, target: sequential.target, kpis: w.kpis },
    (requests) => runBatches(runner, requests.map((r) => batch(r.point, r.from, r.to)), plan));
  return { runs, allocation: { ...allocation, target: sequential.target ? targetText(sequential.target) : null } };
}
