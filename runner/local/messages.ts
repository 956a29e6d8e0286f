// Messages between the pool (main thread) and its workers. A task carries everything a
// worker needs, so any worker can run any task: the scenario document as JSON (parsed and
// compiled once per worker and variant, then cached), the variant, the seed and the
// replication index. The reply is the compact result of that replication (KPIs and daily
// series), never an event list.
import type { Replication } from '../replicate.ts';
import type { Budget } from '../../scenarios/cost/limits.ts';

export interface ReplicationTask {
  /** The scenario as parsed (`loadScenario`), JSON.stringify'd: also the cache key. */
  scenario: string;
  /** "baseline" or a variant id. */
  variant: string;
  seed: number;
  /** Replication index k: the streams of (seed, k), wherever it runs. */
  replication: number;
  /** Sample the daily series (false for benchmarks, which time the engine alone). */
  series: boolean;
  /** The replication's budgets (patients in the system, events); the default limits' if omitted. */
  budget?: Budget;
}

export type ReplicationResult = Replication;

/** Main thread → worker. */
export interface Request<T> {
  id: number;
  task: T;
}

/** Worker → main thread: the result, or the error (message, and the worker's stack). */
export type Reply<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string; stack?: string };
