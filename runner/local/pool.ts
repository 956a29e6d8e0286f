// A small pool of worker threads (node:worker_threads directly: one message per task, no
// dependency; a task is a whole replication, tens of milliseconds or more, so what a pool
// library would add is not where the time goes). Tasks queue first in, first out; each
// worker runs one at a time. Workers start on demand up to `size` and stay until close().
//
// Failure: a task whose handler throws rejects with the worker's message and the worker
// carries on. A worker that dies (an uncaught error, out of memory, process.exit) rejects
// the task it was running and is replaced when there is work, so the pool recovers. Each
// worker's heap is capped (`heapMb`, worker resourceLimits): a task that outgrows it ends
// that worker alone, with a message saying so, never the process.
// close() terminates every worker and rejects whatever is still queued or running, so a
// caller that stops on the first failure never hangs.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from './worker-entry.ts';
import type { Reply, ReplicationResult, ReplicationTask, Request } from './messages.ts';
import { defaultCostLimits } from '../../scenarios/cost/limits.ts';

export interface Pool<T, R> {
  /** Number of worker threads at most. */
  readonly size: number;
  /**
   * Runs the task on the next free worker. If `signal` aborts first, the task rejects with
   * the signal's reason: a queued task is dropped, a running one has its worker terminated
   * at once (a replication cannot be interrupted any other way) and replaced when there is work.
   */
  run(task: T, signal?: AbortSignal): Promise<R>;
  /** Terminates the workers; pending tasks reject. */
  close(): Promise<void>;
}

export const defaultPoolSize = () => Math.max(1, availableParallelism());

/** Heap of each worker thread (MB) unless told otherwise: the workerMemoryMb limit's default (256 MB; a library scenario's replication uses under 60). */
export const DEFAULT_HEAP_MB = defaultCostLimits.workerMemoryMb;

export interface PoolOptions {
  /** Old-generation heap of each worker, MB (default DEFAULT_HEAP_MB). */
  heapMb?: number;
  /** Niceness the workers set on their own threads (priority.ts; 0, the default: unchanged). */
  niceness?: number;
}

interface Job<T, R> {
  id: number;
  task: T;
  resolve(r: R): void;
  reject(e: Error): void;
}

/** What an aborted task rejects with: the signal's reason if it is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('the run was cancelled', 'AbortError');
}

export function createPool<T, R>(entry: URL, size = defaultPoolSize(), o: PoolOptions = {}): Pool<T, R> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be an integer ≥ 1, got ${size}`);
  const heapMb = o.heapMb ?? DEFAULT_HEAP_MB;
  if (!(heapMb >= 16)) throw new Error(`a worker's heap must be at least 16 MB, got ${heapMb}`);
  const queue: Job<T, R>[] = [];
  const idle: Worker[] = [];
  const running = new Map<Worker, Job<T, R>>();
  const workers = new Set<Worker>();
  // Workers terminated by an abort: never fed again, whatever they still send.
  const retiring = new WeakSet<Worker>();
  let next = 0;
  let closed = false;

  const spawn = (): Worker => {
    const w = new Worker(entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, workerData: { niceness: o.niceness ?? 0 } });
    let failure: Error | undefined;
    w.on('message', (reply: Reply<R>) => {
      if (retiring.has(w)) return;
      const job = running.get(w);
      running.delete(w);
      if (job && job.id === reply.id) {
        if (reply.ok) job.resolve(reply.result);
        else {
          const e = new Error(reply.error);
          if (reply.stack) e.stack = reply.stack;
          job.reject(e);
        }
      }
      feed(w);
    });
    w.on('error', (e: Error) => {
      failure = (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(`it ran out of memory: a worker thread may use ${heapMb} MB (the model is too big, or its queues grow without end; raise with --limit workerMemoryMb=N)`)
        : e;
    });
    w.on('exit', (code) => {
      workers.delete(w);
      const at = idle.indexOf(w);
      if (at >= 0) idle.splice(at, 1);
      const job = running.get(w);
      running.delete(w);
      if (job) job.reject(failure ?? new Error(`a worker thread stopped (exit code ${code}) while running a task`));
      if (!closed) while (queue.length > 0 && workers.size < size) feed(spawn()); // recover
    });
    workers.add(w);
    return w;
  };

  const feed = (w: Worker) => {
    const job = queue.shift();
    if (!job) {
      idle.push(w);
      return;
    }
    running.set(w, job);
    w.postMessage({ id: job.id, task: job.task } satisfies Request<T>);
  };

  return {
    size,
    run(task, signal) {
      if (closed) return Promise.reject(new Error('the pool is closed'));
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<R>((resolve, reject) => {
        const job: Job<T, R> = { id: next++, task, resolve, reject };
        if (signal) {
          const onAbort = () => {
            const at = queue.indexOf(job);
            if (at >= 0) queue.splice(at, 1);
            else for (const [w, j] of running) if (j === job) {
              running.delete(w);
              retiring.add(w);
              void w.terminate(); // 'exit' replaces it if work is queued
            }
            reject(abortReason(signal));
          };
          signal.addEventListener('abort', onAbort, { once: true });
          job.resolve = (r) => { signal.removeEventListener('abort', onAbort); resolve(r); };
          job.reject = (e) => { signal.removeEventListener('abort', onAbort); reject(e); };
        }
        queue.push(job);
        const w = idle.pop() ?? (workers.size < size ? spawn() : undefined);
        if (w) feed(w);
      });
    },
    async close() {
      closed = true;
      const stopped = new Error('the pool was closed');
      for (const job of queue.splice(0)) job.reject(stopped);
      for (const job of running.values()) job.reject(stopped);
      running.clear();
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}

/** A pool that runs scenario replications (worker.ts). */
export function replicationPool(size = defaultPoolSize(), o: PoolOptions = {}): Pool<ReplicationTask, ReplicationResult> {
  return createPool<ReplicationTask, ReplicationResult>(workerEntry('worker', import.meta.url), size, o);
}
