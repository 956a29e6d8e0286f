// Handing replications of several scenarios (the points of a sweep or a seek) to the
// runner all at once, so every worker stays busy, and collecting them in order. As in
// runExperiment, the first failure stops the rest (their workers are freed) and rejects
// with a message naming the replication and the point.
import { setMaxListeners } from 'node:events';
import { abortReason } from './local/pool.ts';
import type { Runner } from './runner.ts';
import type { Replication } from './replicate.ts';
import { replicationFailure } from '../scenarios/cost/budget.ts';
import type { Budget } from '../scenarios/cost/limits.ts';

export interface Batch {
  /** The point's scenario (parsed, variants applied), JSON.stringify'd: the worker's cache key. */
  scenario: string;
  /** Who it is in messages: "beds=20". */
  label: string;
  /** Replications from … to − 1. */
  from: number;
  to: number;
}

export interface BatchPlan {
  seed: number;
  series?: boolean;
  signal?: AbortSignal;
  onDone?: () => void;
  /** Each replication's budgets (default: the default limits'). */
  budget?: Budget;
  /**
   * Only these KPIs are kept of each replication as it comes (no series, no trends): a
   * sweep or a seek reads only the KPIs it was asked about, and keeps its replications to
   * the end, so a model of many wards must not keep thousands of KPIs and trends for each.
   * Or a function given each replication as it comes (with its number: they come in any
   * order) that takes what it needs and returns what is kept (a warm-up study adds the one
   * series it charts to a running sum, and keeps nothing).
   */
  keep?: readonly string[] | ((r: Replication, replication: number) => Replication);
}

/** Replication `r` with only the KPIs named (those it has). */
export function keepOnly(r: Replication, names: readonly string[]): Replication {
  const kpis: Record<string, number> = {};
  for (const name of names) if (Object.hasOwn(r.kpis, name)) kpis[name] = r.kpis[name];
  return { kpis, series: {}, trends: {}, arrived: r.arrived };
}

/** Every batch's replications, point by point in submission order (so a worker's compiled-scenario cache hits). */
export async function runBatches(runner: Runner, batches: readonly Batch[], plan: BatchPlan): Promise<Replication[][]> {
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per replication in flight, by design (as runExperiment)
  const onAbort = () => stop.abort(abortReason(plan.signal!));
  if (plan.signal?.aborted) throw abortReason(plan.signal);
  plan.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.all(batches.map((b) => Promise.all(Array.from({ length: b.to - b.from }, (_, i) => {
      const replication = b.from + i;
      return runner.run({ scenario: b.scenario, variant: 'baseline', seed: plan.seed, replication, series: plan.series ?? false, budget: plan.budget }, stop.signal)
        .then((r) => {
          plan.onDone?.();
          const keep = plan.keep;
          return keep === undefined ? r : typeof keep === 'function' ? keep(r, replication) : keepOnly(r, keep);
        })
        .catch((e: unknown) => {
          if (stop.signal.aborted) throw stop.signal.reason;
          const failure = replicationFailure(replication, `at ${b.label}`, e);
          stop.abort(failure);
          throw failure;
        });
    }))));
  } finally {
    plan.signal?.removeEventListener('abort', onAbort);
  }
}
