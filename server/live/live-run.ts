// Live mode, for the teaching view: one replication stepped through simulated time in
// slices, a snapshot of the state (queues, occupancy, patients at each step, the clock)
// after each slice, at most `framesPerSecond` a second so a class can watch the queue build.
// The stepping runs on a thread of its own (live-worker.ts), with a heap ceiling and the
// replication's budgets, so a model that grows or loops cannot hold the server's thread or
// its memory; an abort terminates that thread. The final result is the document
// `pathflow run --json --reps 1` gives for that variant and seed (tested).
import { Worker } from 'node:worker_threads';
import { type Replication, type VariantInfo } from '../../runner/replicate.ts';
import { runVariantsWith } from '../../runner/summary.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { budgetOf, defaultCostLimits, type Budget } from '../../scenarios/cost/limits.ts';
import { abortReason, DEFAULT_HEAP_MB } from '../../runner/local/pool.ts';
import { workerEntry } from '../../runner/local/worker-entry.ts';
import type { LiveFrame, LiveFromWorker, LiveStart } from './protocol.ts';

export { MAX_IN_SYSTEM, type LiveFrame } from './protocol.ts';

export interface LivePlan {
  seed: number;
  /** Simulated hours between snapshots. */
  stepHours: number;
  framesPerSecond: number;
  signal: AbortSignal;
  onFrame(frame: LiveFrame): void;
  /** The replication's budgets (default: the default limits'). */
  budget?: Budget;
  /** Heap of the live run's thread, MB. */
  heapMb?: number;
}

const entry = () => workerEntry('live-worker', import.meta.url);

/** Replication 0 of `variant`, stepped and shown; rejects with the signal's reason when it aborts. */
export async function runLive(s: Scenario, variant: VariantInfo, plan: LivePlan): Promise<RunResultDoc> {
  if (plan.signal.aborted) throw abortReason(plan.signal);
  const heapMb = plan.heapMb ?? DEFAULT_HEAP_MB;
  const worker = new Worker(entry(), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const replication = await new Promise<Replication>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      plan.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const onAbort = () => finish(() => reject(abortReason(plan.signal)));
    plan.signal.addEventListener('abort', onAbort, { once: true });
    let failure: Error | undefined;
    worker.on('message', (m: LiveFromWorker) => {
      if (settled) return;
      if (m.type === 'frame') plan.onFrame(m.frame);
      else if (m.type === 'done') finish(() => resolve(m.replication));
      else finish(() => reject(new Error(m.error)));
    });
    worker.on('error', (e: Error) => {
      failure = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(`the live run ran out of memory: its thread may use ${heapMb} MB (the model is too big to show live; raise with --limit workerMemoryMb=N)`)
        : e;
    });
    worker.on('exit', (code) => finish(() => reject(failure ?? new Error(`the live run's thread stopped (exit code ${code})`))));
    const start: LiveStart = {
      scenario: JSON.stringify(s), variant: variant.id, seed: plan.seed, stepHours: plan.stepHours,
      framesPerSecond: plan.framesPerSecond, budget: plan.budget ?? budgetOf(defaultCostLimits),
    };
    worker.postMessage(start);
  });
  return runVariantsWith(s, [variant], { replications: 1, seed: plan.seed }, async () => replication);
}
