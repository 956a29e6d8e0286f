// Messages between a live run (live-run.ts, on the server's thread) and its thread
// (live-worker.ts): the start, then snapshots, then the replication or the failure.
import type { Snapshot } from '../../engine/core/results.ts';
import type { Replication } from '../../runner/replicate.ts';
import type { Budget } from '../../scenarios/cost/limits.ts';

export interface LiveFrame extends Snapshot {
  /** The end of the simulated run, in hours (the clock runs from 0 to it). */
  horizon: number;
  warmup: number;
}

/**
 * A live run is for watching: an overloaded model whose queues grow without end is
 * stopped (and failed, saying why) long before its snapshots become too big to send.
 */
export const MAX_IN_SYSTEM = 200_000;

export interface LiveStart {
  /** The parsed scenario, JSON.stringify'd. */
  scenario: string;
  variant: string;
  seed: number;
  stepHours: number;
  framesPerSecond: number;
  budget: Budget;
}

export type LiveFromWorker =
  | { type: 'frame'; frame: LiveFrame }
  | { type: 'done'; replication: Replication }
  | { type: 'failed'; error: string };
