// Who is waiting for what, in the runner's memory. Each Runner.run call is a Call whose
// promise is settled once: a job run twice (its worker died and it was taken over) or
// reported twice counts once. A tick's calls wait in `batch` until submit.ts puts them in
// jobs; a job (ChunkState) keeps its calls by replication, and belongs to a Run — the calls
// of one abort signal, or of one tick for calls without — whose key in Redis says "running"
// while any of its jobs is out.
import { randomUUID } from 'node:crypto';
import { abortReason } from '../local/pool.ts';
import type { ReplicationResult, ReplicationTask } from '../local/messages.ts';
import type { ChunkJob } from './protocol.ts';
import type { JobQueue } from './job-queue.ts';

export interface Call {
  task: ReplicationTask;
  signal?: AbortSignal;
  resolve(r: ReplicationResult): void;
  reject(e: Error): void;
  settled: boolean;
}

export interface Run {
  id: string;
  /** The scenarios its jobs name: hash → JSON (to store them again if Redis lost them). */
  scenarios: Map<string, string>;
  signal?: AbortSignal;
  jobs: Map<string, ChunkState>;
  /** The number of its next job. */
  next: number;
  onAbort?: () => void;
}

export interface ChunkState {
  id: string;
  run: Run;
  data: ChunkJob;
  /** The calls waiting for each replication of the chunk. */
  calls: Map<number, Call[]>;
}

/** Answers the call, unless it was answered already. */
export function settle(c: Call, r: ReplicationResult | Error): void {
  if (c.settled) return;
  c.settled = true;
  if (r instanceof Error) c.reject(r);
  else c.resolve(r);
}

export class Ledger {
  /** Jobs with calls still waiting, by job id. */
  readonly jobs = new Map<string, ChunkState>();
  /** Runs with jobs out. */
  readonly runs = new Set<Run>();
  /** This tick's calls, not in a job yet. */
  batch: Call[] = [];
  /** Set once the runner is closed: no call is taken after it. */
  closed: Error | undefined;
  /** When the queue last told anything about our jobs, or the connection came back (reconcile.ts). */
  lastNews = Date.now();
  private readonly bySignal = new WeakMap<AbortSignal, Run>();

  /** `queue`: where a run's key is deleted when its last job is answered. */
  constructor(private readonly queue: JobQueue) {}

  /**
   * The open run of the calls with this signal, or a new one (always new without a signal);
   * `cancel` is called with the signal's reason if it aborts while the run is open.
   */
  runOf(signal: AbortSignal | undefined, cancel: (run: Run, reason: Error) => void): Run {
    const known = signal && this.bySignal.get(signal);
    if (known) return known;
    const run: Run = { id: randomUUID(), scenarios: new Map(), signal, jobs: new Map(), next: 0 };
    if (signal) {
      this.bySignal.set(signal, run);
      run.onAbort = () => cancel(run, abortReason(signal));
      signal.addEventListener('abort', run.onAbort, { once: true });
    }
    return run;
  }

  /** Counts the run as out (its jobs are about to be added); false if it was already. */
  open(run: Run): boolean {
    if (this.runs.has(run)) return false;
    this.runs.add(run);
    return true;
  }

  /** The job's calls are now awaited by job id. */
  add(j: ChunkState): void {
    this.jobs.set(j.id, j);
    j.run.jobs.set(j.id, j);
  }

  /** Every call of the job still waiting gets `e`, and the job is forgotten. */
  reject(j: ChunkState, e: Error): void {
    for (const calls of j.calls.values()) for (const c of calls) settle(c, e);
    this.forget(j);
  }

  /** The job is settled (every call answered): forget it, and end its run if it was the last. */
  forget(j: ChunkState): void {
    this.jobs.delete(j.id);
    j.run.jobs.delete(j.id);
    if (j.run.jobs.size === 0 && this.runs.has(j.run)) {
      this.endRun(j.run);
      if (!this.closed) this.queue.endRun(j.run.id);
    }
  }

  /** The run's calls reject with `reason` and its jobs are forgotten at once; returns their ids (cancel.ts). */
  withdraw(run: Run, reason: Error): string[] {
    const ids = [...run.jobs.keys()];
    for (const id of ids) {
      const j = this.jobs.get(id)!;
      for (const calls of j.calls.values()) for (const c of calls) settle(c, reason);
      this.jobs.delete(id);
    }
    run.jobs.clear();
    this.endRun(run);
    return ids;
  }

  /** Every call still pending rejects with `e` (Redis is gone); later calls are taken, and go out when it is back. */
  rejectPending(e: Error): void {
    for (const j of [...this.jobs.values()]) this.reject(j, e);
    for (const c of this.batch.splice(0)) settle(c, e);
  }

  /** Every call still pending rejects with `e`, and no more are taken (the runner closed). */
  close(e: Error): void {
    this.closed ??= e;
    this.rejectPending(e);
  }

  private endRun(run: Run): void {
    this.runs.delete(run);
    if (run.signal) {
      this.bySignal.delete(run.signal);
      if (run.onAbort) run.signal.removeEventListener('abort', run.onAbort);
    }
  }
}
