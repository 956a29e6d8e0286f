// What the runner (runner/queue/redis-runner.ts) and the workers (queue-worker.ts) agree on:
// the queue's name, the Redis keys beside it, and the shape of a job and of its result. A
// job is a chunk of consecutive replications of one variant; it names the scenario by the
// hash of its JSON, stored once in Redis, so no worker needs a shared file system.
import { createHash } from 'node:crypto';
import type { Budget } from '../../scenarios/cost/limits.ts';

/** The BullMQ queue every runner adds to and every worker takes from (unless told otherwise). */
export const QUEUE = 'pathflow-replications';

/** The scenario document (JSON of the parsed scenario), under the hash of its text. */
export const scenarioKey = (hash: string) => `pathflow:scenario:${hash}`;
export const scenarioHash = (json: string) => createHash('sha256').update(json).digest('hex');

/**
 * One key per run: "running" while its runner waits for results (kept alive by a heartbeat,
 * so a runner that died leaves keys that expire), "cancelled" once cancelled. A worker skips
 * a job whose run is not "running": nobody is waiting for it.
 */
export const runKey = (run: string) => `pathflow:run:${run}`;
export const RUN_TTL_S = 60;
export const HEARTBEAT_MS = 15_000;

/** Pub/sub channel: a message is the id of a cancelled run; workers stop its active jobs at once. */
export const CANCEL_CHANNEL = 'pathflow:cancel';

export interface ChunkJob {
  run: string;
  /** scenarioHash of the scenario's JSON. */
  scenario: string;
  variant: string;
  seed: number;
  series: boolean;
  /** The replications' budgets (the default limits' if omitted: a job from an older runner). */
  budget?: Budget;
  /** Replication indices, run in this order. */
  replications: number[];
}

/** A job's return value: each replication's result (codec.ts wire form), by index. */
export interface ChunkResult {
  results: Array<[replication: number, result: unknown]>;
}
