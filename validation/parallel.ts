// Replications of reference cases spread over worker threads, one replication per task,
// so that both a long case and many short ones keep every core busy. Results do not
// depend on the number of workers: replication k always uses the streams of (seed, k).
// The pool is the project's one worker pool (runner/local): a failing replication rejects
// with its message, and a worker that dies is replaced.
import { createPool } from '../runner/local/pool.ts';
import { workerEntry } from '../runner/local/worker-entry.ts';
import type { CaseOptions, Replication, Runner } from './check.ts';
import type { ReferenceCase } from './schema.ts';

/** One replication of one case: all a worker needs. */
export interface CaseTask { c: ReferenceCase; options: CaseOptions; rep: number }

export interface WorkerPool {
  runner: Runner;
  close(): Promise<void>;
}

export function workerPool(size: number): WorkerPool {
  const pool = createPool<CaseTask, Replication>(workerEntry('replication-worker', import.meta.url), size);
  return {
    runner: (c, options, reps) => Promise.all(reps.map((rep) => pool.run({ c, options, rep }))),
    close: () => pool.close(),
  };
}
