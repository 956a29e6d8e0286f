// Events can be missed (trimmed from the stream, or sent while the connection was down):
// when nothing has come back for `reconcileMs`, or that long after the connection is back,
// the runner asks Redis for the state of each job still out. A job done is answered as if
// its event had come; a job Redis no longer has (restarted empty, or completed and removed
// with its event missed) is added again, with its scenario and run key, since a replication
// gives the same numbers whoever runs it, and when.
import { RUN_TTL_S, runKey, scenarioKey } from './protocol.ts';
import { SCENARIO_TTL_S, type JobQueue } from './job-queue.ts';
import type { ChunkState, Ledger } from './ledger.ts';
import type { Results } from './results.ts';

export class Reconciler {
  private readonly timer: NodeJS.Timeout;
  private reconciling = false;

  constructor(private readonly ledger: Ledger, private readonly queue: JobQueue, private readonly results: Results, reconcileMs: number) {
    this.timer = setInterval(() => {
      if (Date.now() - ledger.lastNews >= reconcileMs) void this.reconcile();
    }, Math.min(reconcileMs, 1000));
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async reconcile(): Promise<void> {
    const { ledger, queue } = this;
    if (this.reconciling || ledger.closed || ledger.jobs.size === 0) return;
    this.reconciling = true;
    const lost: ChunkState[] = [];
    try {
      for (const id of [...ledger.jobs.keys()]) {
        if (!ledger.jobs.has(id) || ledger.closed) continue;
        const state = await queue.queue.getJobState(id);
        if (state === 'completed') {
          const job = await queue.queue.getJob(id);
          if (job) this.results.completed(id, job.returnvalue);
        } else if (state === 'failed') {
          const job = await queue.queue.getJob(id);
          this.results.failed(id, job?.failedReason ?? 'the job failed');
        } else if (state === 'unknown' && ledger.jobs.has(id)) {
          lost.push(ledger.jobs.get(id)!);
        }
      }
      if (lost.length > 0) await this.resubmit(lost);
    } catch { /* the connection dropped again: the watchdog decides */ } finally {
      this.reconciling = false;
      ledger.lastNews = Date.now();
    }
  }

  /** Jobs Redis no longer has, added again with their runs' scenarios and keys. */
  private async resubmit(lost: ChunkState[]): Promise<void> {
    const m = this.queue.client.multi();
    for (const run of new Set(lost.map((j) => j.run))) {
      for (const [hash, json] of run.scenarios) m.set(scenarioKey(hash), json, 'EX', SCENARIO_TTL_S);
      m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S);
    }
    await m.exec();
    await this.queue.add(lost.filter((j) => this.ledger.jobs.has(j.id)));
  }
}
