// Keeps the keys of the runs still out alive while their results are awaited, and the
// scenarios they name: a runner that died leaves keys that expire, and workers then skip
// its jobs (protocol.ts). XX: a run key that vanished with a Redis restart is not brought
// back here; reconcile.ts notices the run's jobs are lost and adds them again, key and all.
import { HEARTBEAT_MS, RUN_TTL_S, runKey, scenarioKey } from './protocol.ts';
import { SCENARIO_TTL_S, type JobQueue } from './job-queue.ts';
import type { Ledger } from './ledger.ts';

export class Heartbeat {
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly ledger: Ledger, private readonly queue: JobQueue) {
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    const { ledger, queue } = this;
    if (ledger.closed || ledger.runs.size === 0) return;
    const m = queue.client.multi();
    const kept = new Set<string>();
    for (const run of ledger.runs) {
      m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S, 'XX');
      for (const hash of run.scenarios.keys()) kept.add(hash);
    }
    for (const hash of kept) m.expire(scenarioKey(hash), SCENARIO_TTL_S);
    queue.later(m.exec());
  }
}
