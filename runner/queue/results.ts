// Collecting results as jobs finish: a job's completion or failure comes back on the queue's
// event stream (or, for an event that was missed, from reconcile.ts asking for the job) and
// answers the calls waiting for its replications. Results are summarised by runExperiment in
// replication order, so the document is bit-identical to the local pool's.
import type { QueueEvents } from 'bullmq';
import type { ReplicationResult } from '../local/messages.ts';
import { fromWire } from './codec.ts';
import type { ChunkResult } from './protocol.ts';
import { redactText } from './redact.ts';
import { settle, type Ledger } from './ledger.ts';

export class Results {
  constructor(private readonly ledger: Ledger, private readonly url: string) {}

  listen(events: QueueEvents): void {
    events.on('completed', ({ jobId, returnvalue }) => this.completed(jobId, returnvalue as unknown as ChunkResult));
    events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
  }

  completed(id: string, value: ChunkResult): void {
    const j = this.ledger.jobs.get(id);
    if (!j) return; // another runner's job, or a second report of one already counted
    this.ledger.lastNews = Date.now();
    if (!Array.isArray(value?.results)) {
      // Another version's worker on the same queue, say: never a silent wrong number.
      this.failed(id, `job ${id} came back without results (is every worker the same version of pathflow?)`);
      return;
    }
    for (const [replication, wire] of value.results) {
      const result = fromWire<ReplicationResult>(wire);
      for (const c of j.calls.get(replication) ?? []) settle(c, result);
    }
    for (const [replication, calls] of j.calls) for (const c of calls) settle(c, new Error(`job ${id} returned no result for replication ${replication}`));
    this.ledger.forget(j);
  }

  failed(id: string, reason: string): void {
    const j = this.ledger.jobs.get(id);
    if (!j) return;
    this.ledger.lastNews = Date.now();
    this.ledger.reject(j, new Error(redactText(reason || 'the job failed', this.url)));
  }
}
