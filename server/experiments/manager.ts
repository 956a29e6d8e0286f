// The server's sweeps and seeks: admitted (admit.ts: everything checked before any work),
// queued, run on the runner every run shares (at most `concurrentRuns` experiments at
// once, besides the runs), followed by polling (progress: replications done), cancelled,
// and kept in memory — the last KEEP finished ones — for their results to be read. Like a
// run, an experiment settles exactly once: done, failed or cancelled, whoever gets there
// first (the work ending, the user cancelling, the time limit, the server stopping).
// The work is the CLI's: runBatches for the replications, seek() for the search, and the
// documents of runner/experiment/documents.ts, so the numbers are the CLI's.
import { randomUUID } from 'node:crypto';
import type { Runner } from '../../runner/runner.ts';
import { runBatches } from '../../runner/batches.ts';
import { budgetOf } from '../../scenarios/cost/limits.ts';
import { pointLabel } from '../../runner/experiment/grid.ts';
import { sweepRuns } from '../../runner/experiment/sweep-runs.ts';
import { ReplicationCache } from './replication-cache.ts';
import { unknownName } from '../../runner/experiment/outputs.ts';
import { seek } from '../../runner/experiment/seek.ts';
import { seekDocument, sweepDocument } from '../../runner/experiment/documents.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { ScenarioStore } from '../store/scenarios.ts';
import type { Checker } from '../checks/checker.ts';
import type { Experiment, SeekRequest, SweepRequest } from '../experiment-schemas.ts';
import { admitSeek, admitSweep, type AdmittedSeek, type AdmittedSweep } from './admit.ts';

/** Finished experiments kept in memory for their results (the oldest forgotten first). */
export const KEEP_EXPERIMENTS = 50;

class Stopped extends Error {
  constructor(readonly status: 'cancelled' | 'failed', message: string) {
    super(message);
  }
}

interface Job {
  info: Experiment;
  /** What to do: it holds the admitted experiment (a sweep's points as text: up to 128 MB), so it is let go once the job settles. */
  work: ((signal: AbortSignal, tick: (at?: string) => void, reused: (n: number) => void) => Promise<Pick<Experiment, 'sweep' | 'seek'>>) | null;
  controller: AbortController;
  settled: boolean;
}

export class ExperimentManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  /** Replications seeks have run, by point: a seek asked again takes them instead of running them again. */
  private readonly replications = new ReplicationCache();
  private running = 0;
  private closed = false;

  constructor(
    private readonly scenarios: ScenarioStore,
    private readonly runner: Runner,
    private readonly limits: Limits,
    private readonly checks: Checker,
  ) {}

  async startSweep(req: SweepRequest): Promise<Experiment> {
    this.full();
    const a = await admitSweep(req, this.scenarios, this.limits, this.checks);
    return this.enqueue('sweep', a, a.sequential ? null : a.total, (signal, tick) => this.sweep(a, signal, tick));
  }

  async startSeek(req: SeekRequest): Promise<Experiment> {
    this.full();
    const a = await admitSeek(req, this.scenarios, this.limits, this.checks);
    return this.enqueue('seek', a, null, (signal, tick, reused) => this.seek(a, signal, tick, reused));
  }

  get(id: string): Experiment {
    const job = this.jobs.get(id);
    if (!job) throw notFound('experiment', id);
    return { ...job.info, progress: { ...job.info.progress } };
  }

  /** Newest first, without results. */
  list(): Experiment[] {
    return [...this.jobs.values()].reverse().map(({ info: { sweep: _s, seek: _k, ...rest } }) => ({ ...rest, progress: { ...rest.progress } }));
  }

  cancel(id: string): Experiment {
    const job = this.jobs.get(id);
    if (!job) throw notFound('experiment', id);
    this.stop(job, new Stopped('cancelled', 'cancelled by the user'));
    return this.get(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.jobs.values()) this.stop(job, new Stopped('failed', 'the server stopped'));
  }

  private full(): void {
    if (this.closed) throw new ApiError(503, 'unavailable', 'the server is stopping');
    if (this.queue.length >= this.limits.queuedRuns) {
      throw new ApiError(429, 'queue_full', `${this.queue.length} experiments are already waiting (this server's limit is ${this.limits.queuedRuns}): try again when some have finished`);
    }
  }

  private enqueue(kind: 'sweep' | 'seek', a: AdmittedSweep | AdmittedSeek, total: number | null, work: NonNullable<Job['work']>): Experiment {
    this.full(); // again: the queue may have filled meanwhile
    const info: Experiment = {
      id: randomUUID(), kind, scenarioId: a.scenarioId, title: a.title, status: 'queued',
      progress: { done: 0, total }, createdAt: new Date().toISOString(),
    };
    const job: Job = { info, work, controller: new AbortController(), settled: false };
    this.jobs.set(info.id, job);
    this.queue.push(job);
    this.forget();
    this.pump();
    return this.get(info.id);
  }

  /** Forgets the oldest finished experiments beyond KEEP_EXPERIMENTS. */
  private forget(): void {
    const finished = [...this.jobs.values()].filter((j) => j.settled);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_EXPERIMENTS))) this.jobs.delete(j.info.id);
  }

  private pump(): void {
    while (!this.closed && this.running < this.limits.concurrentRuns && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.execute(job).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async execute(job: Job): Promise<void> {
    const limit = setTimeout(() => this.stop(job, new Stopped('failed', `the experiment took longer than this server's limit of ${this.limits.runSeconds} s and was stopped`)), this.limits.runSeconds * 1000);
    try {
      job.info.status = 'running';
      job.info.startedAt = new Date().toISOString();
      const tick = (at?: string) => {
        if (job.settled) return;
        job.info.progress.done++;
        if (at !== undefined) job.info.progress.at = at;
      };
      const reused = (n: number) => {
        if (!job.settled) job.info.progress.reused = (job.info.progress.reused ?? 0) + n;
      };
      const result = await job.work!(job.controller.signal, tick, reused);
      this.settle(job, 'done', result);
    } catch (e) {
      // Already settled if it was stopped; otherwise a replication or a point failed.
      this.settle(job, 'failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      clearTimeout(limit);
    }
  }

  private stop(job: Job, reason: Stopped): void {
    const at = this.queue.indexOf(job);
    if (at >= 0) this.queue.splice(at, 1);
    this.settle(job, reason.status, reason.status === 'failed' ? { error: reason.message } : {});
    job.controller.abort(reason); // runBatches frees the workers running its replications
  }

  private settle(job: Job, status: 'done' | 'failed' | 'cancelled', outcome: Pick<Experiment, 'sweep' | 'seek' | 'error'>): void {
    if (job.settled) return;
    job.settled = true;
    job.work = null; // a finished experiment is kept for its document, not its points
    Object.assign(job.info, { status, finishedAt: new Date().toISOString() }, outcome);
    this.forget();
  }

  private async sweep(a: AdmittedSweep, signal: AbortSignal, tick: () => void): Promise<Pick<Experiment, 'sweep'>> {
    const { runs, allocation } = await sweepRuns(this.runner, {
      params: a.params, grid: a.grid, scenarios: a.scenarios, replications: a.replications, kpis: a.kpis, seed: a.seed,
      signal, budget: budgetOf(this.limits.cost), onDone: () => tick(),
    }, a.sequential);
    const seen = new Set(runs.flatMap((reps) => reps.flatMap((r) => Object.keys(r.kpis))));
    const missing = a.maybe.find((n) => !seen.has(n));
    if (missing !== undefined) throw new Error(unknownName('KPI', missing, [...new Set([...a.known, ...seen])]));
    return { sweep: sweepDocument({ scenario: a.base.id, variant: a.variant, replications: a.replications, seed: a.seed, settings: a.settings, params: a.params, grid: a.grid, kpis: a.kpis, runs, ...(allocation ? { allocation } : {}) }) };
  }

  private async seek(a: AdmittedSeek, signal: AbortSignal, tick: (at: string) => void, reused: (n: number) => void): Promise<Pick<Experiment, 'seek'>> {
    const kpi = a.plan.target.kpi;
    const result = await seek(a.plan, async (value, from, to) => {
      const label = `${a.name}=${value}`;
      const scenario = await a.point(value);
      const key = ReplicationCache.key(scenario, a.seed, kpi);
      // Replications an earlier seek ran at this very point: the same numbers, not run again.
      const kept = this.replications.take(key, from, to);
      if (kept.length > 0) reused(kept.length);
      if (from + kept.length === to) return kept;
      const [reps] = await runBatches(this.runner, [{ scenario, label, from: from + kept.length, to }],
        { seed: a.seed, signal, budget: budgetOf(this.limits.cost), onDone: () => tick(label) });
      if (kept.length === 0 && reps.every((x) => !(kpi in x.kpis))) throw new Error(unknownName('KPI', kpi, [...new Set([...a.known, ...reps.flatMap((x) => Object.keys(x.kpis))])]));
      const values = reps.map((x) => x.kpis[kpi] ?? NaN);
      this.replications.put(key, from + kept.length, values);
      return [...kept, ...values];
    });
    return { seek: seekDocument({ scenario: a.base.id, variant: a.variant, name: a.name, param: a.param, plan: a.plan, seed: a.seed, result }) };
  }
}
