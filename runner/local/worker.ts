// A pool worker: runs single replications of scenario variants (replication.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runTask } from './replication.ts';
import type { Reply, ReplicationResult, ReplicationTask, Request } from './messages.ts';
import { niceThread } from './priority.ts';

niceThread((workerData as { niceness?: number } | undefined)?.niceness ?? 0);

parentPort!.on('message', ({ id, task }: Request<ReplicationTask>) => {
  let reply: Reply<ReplicationResult>;
  try {
    reply = { id, ok: true, result: runTask(task) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
  }
  parentPort!.postMessage(reply);
});
