// Replications of reference cases spread over worker threads, one replication per task,
// so that both a long case and many short ones keep every core busy. Results do not
// depend on the number of workers: replication k always uses the streams of (seed, k).
import { Worker } from 'node:worker_threads';
import type { CaseOptions, Replication, Runner } from './check.ts';
import type { ReferenceCase } from './schema.ts';

export interface Task { id: number; c: ReferenceCase; options: CaseOptions; rep: number }
export type Reply = { id: number; done: Replication } | { id: number; error: string };

export interface WorkerPool {
  runner: Runner;
  close(): Promise<void>;
}

export function workerPool(size: number): WorkerPool {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const queue: Task[] = [];
  const pending = new Map<number, { resolve(done: Replication): void; reject(e: Error): void }>();
  let next = 0;

  const spawn = () => {
    // A JS entry that registers tsx first: Node cannot start a worker from a .ts file.
    const w = new Worker(new URL('./replication-worker.js', import.meta.url));
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id)!;
      pending.delete(reply.id);
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(reply.done);
      dispatch(w);
    });
    w.on('error', (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    });
    all.push(w);
    return w;
  };
  const dispatch = (w: Worker) => {
    const task = queue.shift();
    if (task) w.postMessage(task);
    else idle.push(w);
  };

  const runner: Runner = (c, options, reps) =>
    Promise.all(reps.map((rep) => new Promise<Replication>((resolve, reject) => {
      const task: Task = { id: next++, c, options, rep };
      pending.set(task.id, { resolve, reject });
      queue.push(task);
      const w = idle.pop() ?? (all.length < size ? spawn() : undefined);
      if (w) dispatch(w);
    })));

  return {
    runner,
    async close() {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
