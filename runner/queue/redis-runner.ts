// The job-queue back end of the Runner interface (runner/runner.ts): replications go to a
// BullMQ queue on Redis as jobs, run by `pathflow worker` processes on any machine
// (queue-worker.ts), and come back through the queue's event stream. The parts, one
// concern each, share the ledger of calls awaiting results (ledger.ts):
//
//   job-queue.ts  the connections: opened together, closed together
//   submit.ts     a tick's calls go out as jobs (chunks.ts: how they are cut)
//   results.ts    finished jobs answer their calls (queue events)
//   cancel.ts     an aborted run rejects at once; its jobs go or stop
//   heartbeat.ts  the keys of runs still out stay alive
//   reconcile.ts  missed events: ask for the jobs' states, add lost jobs again
//   watchdog.ts   Redis lost for graceMs: every pending call rejects
//
// Redis unreachable at start: a clear error within seconds (probeRedis).
import { abortReason } from '../local/pool.ts';
import type { ReplicationResult, ReplicationTask } from '../local/messages.ts';
import type { Runner } from '../runner.ts';
import { probeRedis } from './connection.ts';
import { QUEUE } from './protocol.ts';
import { cancelRun } from './cancel.ts';
import { Heartbeat } from './heartbeat.ts';
import { JobQueue } from './job-queue.ts';
import { Ledger } from './ledger.ts';
import { Reconciler } from './reconcile.ts';
import { Results } from './results.ts';
import { Submitter, type SubmitOptions } from './submit.ts';
import { Watchdog } from './watchdog.ts';

export interface RedisRunnerOptions extends SubmitOptions {
  queue?: string;
  /** How long the connection may be lost before the run fails (ms, default 10 000). */
  graceMs?: number;
  /** With no result for this long, ask Redis for the state of the jobs still out (ms, default 10 000). */
  reconcileMs?: number;
}

export async function redisRunner(url: string, o: RedisRunnerOptions = {}): Promise<Runner> {
  if (o.chunk !== undefined && (!Number.isInteger(o.chunk) || o.chunk < 1)) throw new Error(`chunk must be an integer ≥ 1, got ${o.chunk}`);
  await probeRedis(url);
  return new RedisRunner(await JobQueue.open(url, o.queue ?? QUEUE), url, o);
}

class RedisRunner implements Runner {
  readonly parallelism: number;
  private readonly ledger: Ledger;
  private readonly submitter: Submitter;
  private readonly heartbeat: Heartbeat;
  private readonly reconciler: Reconciler;
  private readonly watchdog: Watchdog;
  private closed = false;

  constructor(private readonly queue: JobQueue, url: string, o: RedisRunnerOptions) {
    this.parallelism = Math.max(1, queue.workers);
    this.ledger = new Ledger(queue);
    const results = new Results(this.ledger, url);
    results.listen(queue.events);
    this.submitter = new Submitter(this.ledger, queue, url, o);
    this.heartbeat = new Heartbeat(this.ledger, queue);
    this.reconciler = new Reconciler(this.ledger, queue, results, o.reconcileMs ?? 10_000);
    this.watchdog = new Watchdog(this.ledger, queue, url, o.graceMs ?? 10_000);
  }

  run(task: ReplicationTask, signal?: AbortSignal): Promise<ReplicationResult> {
    if (this.ledger.closed) return Promise.reject(this.ledger.closed);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<ReplicationResult>((resolve, reject) => this.submitter.add({ task, signal, resolve, reject, settled: false }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Calls still out reject; their runs are cancelled so workers do not run them for nobody.
    const closing = new Error('the runner is closed');
    for (const run of [...this.ledger.runs]) cancelRun(this.ledger, this.queue, run, closing);
    this.ledger.close(closing);
    this.closed = true;
    this.heartbeat.stop();
    this.reconciler.stop();
    this.watchdog.stop();
    await this.queue.close();
  }
}
