// The one way experiments are run, whoever asks (the CLI's run / sweep / seek, the server):
// a Runner runs replication tasks somewhere — in this thread, on the local worker pool, or
// (later) as jobs on a queue — and runExperiment turns a scenario's variants into tasks and
// summarises them. Every back end runs replication k of a variant with the streams of
// (seed, k), so the document is bit-identical whichever runs it and however many workers.
import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Scenario } from '../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../scenarios/schema/run-result.ts';
import type { CompiledVariant, VariantInfo } from './replicate.ts';
import { runVariantsWith, type RunPlan } from './summary.ts';
import { abortReason, defaultPoolSize, replicationPool } from './local/pool.ts';
import type { ReplicationResult, ReplicationTask } from './local/messages.ts';
import { rememberCompiled, runTask } from './local/replication.ts';
import { replicationFailure } from '../scenarios/cost/budget.ts';
import type { Budget } from '../scenarios/cost/limits.ts';

export interface Runner {
  /** How many replications run at once. */
  readonly parallelism: number;
  /** Runs one task; rejects with the signal's reason if it aborts first (and frees whatever ran it). */
  run(task: ReplicationTask, signal?: AbortSignal): Promise<ReplicationResult>;
  /** Stops the workers; tasks still pending reject. */
  close(): Promise<void>;
  /** Told the variants the caller has compiled for tasks of scenario `json`: a runner in this thread uses them rather than compiling again. */
  prepare?(json: string, scenario: Scenario, variants: readonly CompiledVariant[]): void;
}

/** Replications one after another in this thread, yielding to the event loop between them (so an abort is seen). */
export function inThreadRunner(): Runner {
  let closed = false;
  return {
    parallelism: 1,
    async run(task, signal) {
      await yieldToEventLoop();
      if (closed) throw new Error('the runner is closed');
      if (signal?.aborted) throw abortReason(signal);
      return runTask(task);
    },
    async close() {
      closed = true;
    },
    prepare: rememberCompiled,
  };
}

/** The local worker pool (`workers` threads, each with a heap of `heapMb` and that niceness; 1: this thread). */
export function localRunner(workers = defaultPoolSize(), heapMb?: number, niceness?: number): Runner {
  if (workers <= 1) return inThreadRunner();
  const pool = replicationPool(workers, { heapMb, niceness });
  return { parallelism: pool.size, run: (t, s) => pool.run(t, s), close: () => pool.close() };
}

export interface ExperimentPlan extends RunPlan {
  /** Aborting rejects the experiment at once and frees the runner's workers. */
  signal?: AbortSignal;
  /** Sample the daily series (default true; false when only KPIs are wanted, e.g. sweeps). */
  series?: boolean;
  /** Each replication's budgets (default: the default limits'). */
  budget?: Budget;
}

const who = (variant: string) => (variant === 'baseline' ? 'the baseline' : `variant "${variant}"`);

/**
 * Every replication of every variant on `runner`, summarised in replication order (the same
 * document as runVariants in this thread). The first failure stops the rest (their workers
 * are freed) and rejects with a message naming the replication and variant; an abort
 * rejects with the signal's reason.
 */
export async function runExperiment(s: Scenario, variants: readonly VariantInfo[], plan: ExperimentPlan, runner: Runner): Promise<RunResultDoc> {
  const json = JSON.stringify(s);
  // Compiled on the calling side already (the CLI's run): a runner in this thread reuses them.
  const compiled = variants.filter((v): v is CompiledVariant => 'model' in v);
  if (compiled.length === variants.length) runner.prepare?.(json, s, compiled);
  const stop = new AbortController();
  setMaxListeners(0, stop.signal); // one listener per replication in flight, by design
  const onAbort = () => stop.abort(abortReason(plan.signal!));
  if (plan.signal?.aborted) throw abortReason(plan.signal);
  plan.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await runVariantsWith(s, variants, plan, (variant, seed, replication) =>
      runner.run({ scenario: json, variant, seed, replication, series: plan.series ?? true, budget: plan.budget }, stop.signal).catch((e: unknown) => {
        if (stop.signal.aborted) throw stop.signal.reason;
        const failure = replicationFailure(replication, `of ${who(variant)}`, e);
        stop.abort(failure); // the others stop and free their workers
        throw failure;
      }));
  } catch (e) {
    // Refused by the summary itself (more numbers to keep than the limit): the others stop too.
    if (!stop.signal.aborted) stop.abort(e);
    throw e;
  } finally {
    plan.signal?.removeEventListener('abort', onAbort);
  }
}
