// Choosing the back end of an experiment from a command's options: the local worker pool
// (default) or, with a Redis URL (--redis or PATHFLOW_REDIS_URL), jobs on a BullMQ queue
// run by `pathflow worker` processes on any machine. Every command that runs experiments
// (run, sweep, seek, serve) opens its runner here, so they all accept the same options.
import { defaultPoolSize } from './local/pool.ts';
import { localRunner, type Runner } from './runner.ts';

export interface RunnerOptions {
  /** Local worker threads (default: the machine's cores; 1 runs in this thread). */
  workers?: number;
  /** A redis:// or rediss:// URL: run on the job queue instead of the local pool. */
  redis?: string;
  /** Told things worth a line to the user (the job queue: "no worker is taking jobs yet"). */
  onNotice?: (message: string) => void;
  /** Heap of each local worker thread, MB (the pool's default if omitted). */
  heapMb?: number;
  /** Niceness of the local worker threads (a server lowers theirs: runner/local/priority.ts). */
  niceness?: number;
}

/** The Redis URL from the options or the environment (PATHFLOW_REDIS_URL), if any. */
export function redisUrl(o: RunnerOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return o.redis ?? (env.PATHFLOW_REDIS_URL || undefined);
}

/**
 * The runner the options ask for. With a Redis URL: rejects within seconds with a message
 * naming the URL (password masked) if the server cannot be reached; `workers` is then
 * ignored (the workers are the `pathflow worker` processes taking jobs from the queue).
 */
export async function openRunner(o: RunnerOptions): Promise<Runner> {
  const redis = redisUrl(o);
  if (redis !== undefined) {
    // Loaded on demand: BullMQ and ioredis add to the start-up of every local run otherwise.
    const { redisRunner } = await import('./queue/redis-runner.ts');
    return redisRunner(redis, { onNotice: o.onNotice });
  }
  return localRunner(o.workers ?? defaultPoolSize(), o.heapMb, o.niceness);
}
