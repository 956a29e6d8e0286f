// Cancelling a run (its signal aborted, or the runner closing): every call of the run
// rejects with the reason at once. In Redis its key turns "cancelled" (a worker skips its
// jobs), the workers are told on CANCEL_CHANNEL (their active chunks stop mid-replication)
// and its waiting jobs are removed.
import { CANCEL_CHANNEL, runKey } from './protocol.ts';
import type { JobQueue } from './job-queue.ts';
import type { Ledger, Run } from './ledger.ts';

export function cancelRun(ledger: Ledger, queue: JobQueue, run: Run, reason: Error): void {
  const ids = ledger.withdraw(run, reason);
  queue.later((async () => {
    await queue.client.multi().set(runKey(run.id), 'cancelled', 'EX', 3600).publish(CANCEL_CHANNEL, run.id).exec();
    // Waiting jobs go; active ones are locked by their worker (remove answers 0) and stop on the message.
    await Promise.all(ids.map((id) => queue.queue.remove(id)));
  })());
}
