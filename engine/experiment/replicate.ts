// Replications of a model: run R independent replications (replication k always uses
// the streams of (seed, k), wherever it runs), summarise each output as a mean with a
// 95% confidence interval, and compare two configurations replication by replication
// (paired differences under common random numbers).
import type { CompiledModel } from '../core/model.ts';
import { Simulation, type RunOptions } from '../core/simulation.ts';
import type { RunResult } from '../core/results.ts';
import { estimate, pairedDifference, type Estimate, type PairedComparison } from './summary.ts';

export interface ReplicationPlan extends Omit<RunOptions, 'replication'> {
  replications: number;
  /** Index of the first replication (default 0), so a batch can continue a previous one. */
  first?: number;
}

/** Outputs of one replication, by name. */
export type Outputs = Record<string, number>;

/** Runs the replications one after another, handing each finished simulation to `extract`. */
export function replicate<T>(model: CompiledModel, plan: ReplicationPlan, extract: (sim: Simulation) => T): T[] {
  if (!Number.isInteger(plan.replications) || plan.replications < 1)
    throw new Error(`replications: expected an integer ≥ 1, got ${plan.replications}`);
  const out: T[] = [];
  const first = plan.first ?? 0;
  for (let k = first; k < first + plan.replications; k++) {
    const sim = new Simulation(model, { ...plan, replication: k });
    sim.runUntil(sim.horizon);
    out.push(extract(sim));
  }
  return out;
}

export function runReplications(model: CompiledModel, plan: ReplicationPlan): RunResult[] {
  return replicate(model, plan, (sim) => sim.results());
}

/** Mean and 95% CI of each named output across replications (outputs missing or NaN in a replication are an error). */
export function summarise(rows: readonly Outputs[]): Record<string, Estimate> {
  const names = Object.keys(rows[0] ?? {});
  return Object.fromEntries(names.map((n) => [n, estimate(rows.map((r) => r[n]))]));
}

/** Paired comparison of each output: b − a, replication by replication. */
export function compare(a: readonly Outputs[], b: readonly Outputs[]): Record<string, PairedComparison> {
  const names = Object.keys(a[0] ?? {}).filter((n) => n in (b[0] ?? {}));
  return Object.fromEntries(names.map((n) => [n, pairedDifference(a.map((r) => r[n]), b.map((r) => r[n]))]));
}
