// A check worker: the whole check of one scenario document (server/store/check.ts), or
// an experiment's work on whole scenarios (experiment-tasks.ts), per message, off the server's thread.
import { parentPort } from 'node:worker_threads';
import { checkDocument, type Checked } from '../store/check.ts';
import type { Reply, Request } from '../../runner/local/messages.ts';
import type { CheckTask } from './checker.ts';
import { runExperimentTask } from './experiment-tasks.ts';
import { niceThread, SERVER_WORKER_NICENESS } from '../../runner/local/priority.ts';

niceThread(SERVER_WORKER_NICENESS); // only a server has these threads

parentPort!.on('message', async ({ id, task }: Request<CheckTask>) => {
  let reply: Reply<unknown>;
  try {
    const result: Checked | Awaited<ReturnType<typeof runExperimentTask>> = task.kind === 'document'
      ? checkDocument(JSON.parse(task.json), task.limits, task.only)
      : await runExperimentTask(task);
    reply = { id, ok: true, result };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
