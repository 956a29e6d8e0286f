// A check worker: the whole check of one scenario document (server/store/check.ts), or
// of every point of a sweep's grid or the values a seek tries (checker.ts), per message, off the server's thread.
import { parentPort } from 'node:worker_threads';
import { checkDocument, type Checked } from '../store/check.ts';
import type { Reply, Request } from '../../runner/local/messages.ts';
import { runPointsTask, runSeekPointsTask, type CheckTask, type SeekPointsVerdict } from './checker.ts';
import type { PointsVerdict } from '../../runner/experiment/sweep-points.ts';
import { niceThread, SERVER_WORKER_NICENESS } from '../../runner/local/priority.ts';

niceThread(SERVER_WORKER_NICENESS); // only a server has these threads

parentPort!.on('message', async ({ id, task }: Request<CheckTask>) => {
  let reply: Reply<Checked | PointsVerdict | SeekPointsVerdict>;
  try {
    const result = task.kind === 'points' ? await runPointsTask(task)
      : task.kind === 'seek-points' ? runSeekPointsTask(task)
      : checkDocument(JSON.parse(task.json), task.limits, task.only);
    reply = { id, ok: true, result };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
