// Live mode, for the teaching view: one replication stepped through simulated time in
// slices, a snapshot of the state (queues, occupancy, patients at each step, the clock)
// after each slice, at most `framesPerSecond` a second so a class can watch the queue build.
// It runs in the server's thread in small budgets of events, yielding between them, so
// the event loop is never held for more than a few milliseconds. The final result is the
// document `pathflow run --json --reps 1` gives for that variant and seed (tested).
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import { Simulation } from '../../engine/core/simulation.ts';
import type { Snapshot } from '../../engine/core/results.ts';
import { DAY } from '../../engine/hospital/site.ts';
import { replicationOf, runVariantsWith, type CompiledVariant } from '../../scenarios/run.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { abortReason } from '../pool/pool.ts';

export interface LiveFrame extends Snapshot {
  /** The end of the simulated run, in hours (the clock runs from 0 to it). */
  horizon: number;
  warmup: number;
}

export interface LivePlan {
  seed: number;
  /** Simulated hours between snapshots. */
  stepHours: number;
  framesPerSecond: number;
  signal: AbortSignal;
  onFrame(frame: LiveFrame): void;
}

/** Events processed before yielding to the event loop (a few milliseconds of work). */
const BUDGET = 2_000;
/**
 * A live run steps in the server's own thread, so its memory is the server's: an overloaded
 * model whose queues grow without end is stopped (and failed, saying why) long before that matters.
 */
export const MAX_IN_SYSTEM = 200_000;

/** Replication 0 of `variant`, stepped and shown; rejects with the signal's reason when it aborts. */
export async function runLive(s: Scenario, variant: CompiledVariant, plan: LivePlan): Promise<RunResultDoc> {
  const h = variant.model;
  const sim = new Simulation(h.model, { seed: plan.seed, replication: 0, warmup: h.warmup, horizon: h.horizon, sampleEvery: DAY });
  const frameMs = 1000 / plan.framesPerSecond;
  let clock = 0;
  let lastFrame = 0;
  while (clock < h.horizon) {
    const target = Math.min(clock + plan.stepHours, h.horizon);
    // step() alone, never runUntil(target): runUntil moves the clock to target, and the
    // replication must stay the one that runs straight to the horizon.
    for (;;) {
      if (plan.signal.aborted) throw abortReason(plan.signal);
      let n = 0;
      while (n < BUDGET && sim.nextEventTime() <= target && sim.step()) n++;
      if (sim.inSystem > MAX_IN_SYSTEM) {
        throw new Error(`more than ${MAX_IN_SYSTEM.toLocaleString('en-GB')} patients in the system at t=${sim.now.toFixed(1)} h: too many to show live (the model may be overloaded; run it as a normal run)`);
      }
      if (n < BUDGET) break;
      await yieldToEventLoop();
    }
    clock = target;
    const wait = lastFrame + frameMs - Date.now();
    if (wait > 0) await sleep(wait, undefined, { signal: plan.signal }).catch(() => { throw abortReason(plan.signal); });
    else await yieldToEventLoop();
    if (plan.signal.aborted) throw abortReason(plan.signal);
    lastFrame = Date.now();
    plan.onFrame({ ...sim.snapshot(), time: clock, horizon: h.horizon, warmup: h.warmup });
  }
  sim.runUntil(h.horizon);
  const replication = replicationOf(sim, h);
  return runVariantsWith(s, [variant], { replications: 1, seed: plan.seed }, async () => replication);
}
