// The server's runs: accepted (checked, within the limits), queued, started as slots free
// up (at most `concurrentRuns` at once, all on the one shared Runner), watched (progress,
// throttled to 10 messages a second), stopped (cancel, time limit, shutdown) and recorded.
// A run settles exactly once — done, failed or cancelled — whoever gets there first: the
// experiment finishing, the user cancelling, or the time limit. Finished runs are kept by
// the retention policy (the last `keepRuns`, none older than `keepRunDays`), checked at
// start, whenever a run ends and hourly; a run can be deleted (a live one is stopped first).
import { randomUUID } from 'node:crypto';
import type { Runner } from '../../runner/runner.ts';
import { runExperiment } from '../../runner/runner.ts';
import { UnknownPrecisionKpi } from '../../runner/precision.ts';
import type { Scenario } from '../../scenarios/schema/scenario.ts';
import type { VariantInfo } from '../../runner/replicate.ts';
import { budgetOf } from '../../scenarios/cost/limits.ts';
import { inThreadChecker, type Checker } from '../checks/checker.ts';
import type { RunResultDoc } from '../../scenarios/schema/run-result.ts';
import { ApiError } from '../errors.ts';
import { admitRun } from './admit.ts';
import { retentionText, type Limits } from '../limits.ts';
import type { RunRequest, RunStatus, RunSummary } from '../api-schemas.ts';
import type { ScenarioStore } from '../store/scenarios.ts';
import { INTERRUPTED, type RunStore, type StoredRequest } from '../store/runs.ts';
import type { StorageQuota } from '../store/storage.ts';
import { runLive } from '../live/live-run.ts';
import type { RunEvent, RunListener } from './events.ts';

/** Why a run was stopped from outside: the reason its AbortController aborts with. */
class Stopped extends Error {
  constructor(readonly status: 'cancelled' | 'failed', message: string) {
    super(message);
  }
}

interface Job {
  id: string;
  scenario: Scenario;
  variants: VariantInfo[];
  request: StoredRequest;
  total: number;
  done: number;
  controller: AbortController;
  /** Live runs: simulated hours between snapshots, and when someone last subscribed to it. */
  liveStepHours: number;
  watchedAt: number;
  startedAt?: number;
  settled: boolean;
  progressSentAt: number;
  progressTimer?: NodeJS.Timeout;
  progressWrittenAt: number;
  /** A run sized to a precision: every batch's check so far (one per doubling, each bounded), for a follower who joins late. */
  batches: Extract<RunEvent, { type: 'precision' }>[];
}

export interface RunManagerOptions {
  limits: Limits;
  /** Scenario checks (the server's check thread; in this thread if omitted). */
  checks?: Checker;
  /** Simulated hours between live snapshots (a request may ask for another step). */
  liveStepHours?: number;
  /** A live run nobody has subscribed to for this long is cancelled (default a minute). */
  unwatchedLiveMs?: number;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
  /** The database's quota: a run whose scenario or result would take it over is refused (507) or failed. */
  quota?: StorageQuota;
}

const PROGRESS_EVERY_MS = 100; // ≤ 10 progress messages a second per run
const PROGRESS_WRITE_EVERY_MS = 1000; // what a crash may lose of a run's progress
const FRAMES_PER_SECOND = 10;
const VIEWER_WAIT_MS = 2000;
const UNWATCHED_LIVE_MS = 60_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Runs sized to a precision whose batches are kept after they end (each at most ~11 batches of ≤ 120 estimates). */
const KEEP_BATCHES_OF = 32;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `{…, "result": <text>}` from an object's JSON text and a result's (none: unchanged). */
export const withResult = (objectJson: string, result: string | undefined) =>
  result === undefined ? objectJson : `${objectJson.slice(0, -1)},"result":${result}}`;

export class RunManager {
  private readonly queue: Job[] = [];
  private readonly running = new Map<string, Job>();
  private readonly listeners = new Map<string, Set<RunListener>>();
  /** Live runs waiting for their first subscriber: the resolve of that wait. */
  private readonly waitingForViewer = new Map<string, () => void>();
  private closed = false;
  private readonly checks: Checker;
  private readonly pruneTimer: NodeJS.Timeout;

  constructor(
    private readonly store: RunStore,
    private readonly scenarios: ScenarioStore,
    private readonly runner: Runner,
    private readonly options: RunManagerOptions,
  ) {
    this.checks = options.checks ?? inThreadChecker(options.limits.cost);
    this.prune();
    // Age alone expires runs too, on a server that has nothing else to do.
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS).unref();
  }

  private get limits() {
    return this.options.limits;
  }

  /** Admits the request (admit.ts: checked off this thread), records the run as queued and starts it if a slot is free. */
  async submit(req: RunRequest): Promise<RunSummary> {
    const full = () => {
      if (this.closed) throw new ApiError(503, 'unavailable', 'the server is stopping');
      if (this.queue.length >= this.limits.queuedRuns) {
        throw new ApiError(429, 'queue_full', `${this.queue.length} runs are already waiting (this server's limit is ${this.limits.queuedRuns}): try again when some have finished`);
      }
    };
    full(); // before checking: a full queue costs the check nothing
    const { scenario: s, variants, request, total } = await admitRun(req, this.scenarios, this.limits, this.checks);
    full(); // and again: the queue may have filled, or the server begun to stop, meanwhile
    const requestJson = JSON.stringify(request);
    this.options.quota?.ensureRoom(Buffer.byteLength(requestJson), "this run's scenario");
    const run: RunSummary = {
      id: randomUUID(), scenarioId: s.id, title: s.title, status: 'queued', progress: { done: 0, total },
      createdAt: new Date().toISOString(), replications: request.replications, seed: request.seed, variants: request.variants, live: request.live,
    };
    this.store.insert(run, requestJson);
    this.queue.push({
      id: run.id, scenario: s, variants, request, total, done: 0, controller: new AbortController(),
      settled: false, progressSentAt: 0, progressWrittenAt: 0, batches: [],
      liveStepHours: req.liveStepHours ?? this.options.liveStepHours ?? 0.25, watchedAt: Date.now(),
    });
    this.pump();
    return this.summary(run.id)!;
  }

  /**
   * The run as the JSON text GET /api/runs/:id answers: the document it ran and the stored
   * result spliced in unparsed, and where it came from with that scenario's version now
   * (null: deleted since), so a page opened later can say whether it has changed.
   */
  getJson(id: string): string | undefined {
    const run = this.summary(id);
    if (!run) return undefined;
    if (run.origin) run.origin = { ...run.origin, currentVersion: this.scenarios.versionOf(run.scenarioId) ?? null };
    const scenario = this.store.scenarioText(id) ?? '{}';
    return withResult(`${JSON.stringify(run).slice(0, -1)},"scenario":${scenario}}`, this.store.resultText(id));
  }

  /** 404 for a run: a link kept from before may name one the retention policy has removed, and the answer says so. */
  notFound(id: string): ApiError {
    return new ApiError(404, 'not_found', `no run with id ${JSON.stringify(id)}: it was deleted, or never existed (this server ${retentionText(this.limits)})`);
  }

  /** The scenario document the run ran, as stored with it (JSON text). */
  scenarioText(id: string): string | undefined {
    return this.store.scenarioText(id);
  }

  /** The stored result's JSON text (undefined until the run is done). */
  resultText(id: string): string | undefined {
    return this.store.resultText(id);
  }

  summary(id: string): RunSummary | undefined {
    return this.withProgress(this.store.summary(id));
  }

  /** The database has progress as of the last write (once a second): a running run's count is the one in memory. */
  private withProgress<T extends RunSummary>(run: T | undefined): T | undefined {
    const job = run && this.running.get(run.id);
    return job && run.status === 'running' ? { ...run, progress: { done: job.done, total: job.total } } : run;
  }

  list(limit: number): RunSummary[] {
    return this.store.list(limit);
  }

  /** Cancels a queued or running run (a finished one is left as it is) and returns it. */
  cancel(id: string): RunSummary {
    const job = this.running.get(id) ?? this.queue.find((j) => j.id === id);
    if (job) this.stop(job, new Stopped('cancelled', 'cancelled by the user'));
    const run = this.summary(id);
    if (!run) throw this.notFound(id);
    return run;
  }

  /** Deletes the run with its result; a queued or running one is cancelled first (its followers are told). */
  delete(id: string): void {
    const job = this.running.get(id) ?? this.queue.find((j) => j.id === id);
    if (job) this.stop(job, new Stopped('cancelled', 'deleted by the user'));
    if (!this.store.delete(id)) throw this.notFound(id);
  }

  /** Applies the retention policy; returns how many finished runs were deleted (and logs it). */
  prune(now = Date.now()): number {
    const { keepRuns, keepRunDays } = this.limits;
    const n = this.store.prune(keepRuns, new Date(now - keepRunDays * DAY_MS).toISOString());
    if (n > 0) {
      this.pruned = { runs: this.pruned.runs + n, lastAt: new Date(now).toISOString() };
      this.options.log?.info({ deleted: n }, `retention: deleted ${n} finished run${n === 1 ? '' : 's'} (this server ${retentionText(this.limits)})`);
    }
    return n;
  }

  /** Finished runs the retention policy has deleted since the server started, and when it last did. */
  pruned: { runs: number; lastAt?: string } = { runs: 0 };

  /**
   * Calls `fn` with every later event of the run until it finishes; returns the
   * unsubscribe function. Synchronous, so a caller that has just read the run's state
   * misses nothing between that read and its first event.
   */
  subscribe(id: string, fn: RunListener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(fn);
    this.waitingForViewer.get(id)?.();
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.listeners.get(id) === set) this.listeners.delete(id);
    };
  }

  /**
   * A run sized to a precision: its checks so far, while it runs and for the last
   * KEEP_BATCHES_OF runs after (a small run can end before its page has subscribed); none
   * for another run. What a follower who joins late has missed.
   */
  precisionBatches(id: string): readonly RunEvent[] {
    return this.running.get(id)?.batches ?? this.endedBatches.get(id) ?? [];
  }

  private readonly endedBatches = new Map<string, RunEvent[]>();

  /** Runs queued and running. */
  get load() {
    return { queued: this.queue.length, running: this.running.size };
  }

  /** Stops every run (recorded as failed: the server stopped), then the runner. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pruneTimer);
    for (const job of [...this.queue, ...this.running.values()]) this.stop(job, new Stopped('failed', INTERRUPTED));
    await this.runner.close();
  }

  private emit(id: string, e: RunEvent): void {
    for (const fn of this.listeners.get(id) ?? []) {
      try {
        fn(e);
      } catch (err) {
        this.options.log?.warn({ err }, 'a run listener failed');
      }
    }
  }

  private stop(job: Job, reason: Stopped): void {
    const at = this.queue.indexOf(job);
    if (at >= 0) this.queue.splice(at, 1);
    this.settle(job, reason.status, { error: reason.status === 'failed' ? reason.message : undefined });
    job.controller.abort(reason); // the runner terminates the workers running its replications
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.limits.concurrentRuns && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running.set(job.id, job);
      // execute() catches what a run throws; this is for a failure of the bookkeeping itself
      // (the database gone), which must not become an unhandled rejection that ends the server.
      this.execute(job).catch((err: unknown) => this.options.log?.error({ err }, `run ${job.id} could not be recorded`));
    }
  }

  private async execute(job: Job): Promise<void> {
    job.startedAt = Date.now();
    const limitMs = this.limits.runSeconds * 1000;
    // A timer is measured from the event loop's cached clock, which can lag Date.now(): it may
    // fire a millisecond before the wall clock says the limit has passed. Re-arm for what is left,
    // so that a run's recorded start and finish never show it stopped before its limit.
    let limit: ReturnType<typeof setTimeout>;
    const overLimit = () => {
      const left = job.startedAt! + limitMs - Date.now();
      if (left > 0) limit = setTimeout(overLimit, left);
      else this.stop(job, new Stopped('failed', `the run took longer than this server's limit of ${this.limits.runSeconds} s and was stopped`));
    };
    limit = setTimeout(overLimit, limitMs);
    try {
      this.store.started(job.id, new Date(job.startedAt).toISOString());
      this.emit(job.id, { type: 'state', run: this.summary(job.id)! });
      this.settle(job, 'done', { result: await this.perform(job) });
    } catch (e) {
      // Already settled when it was stopped (cancel, time limit, shutdown); otherwise a replication failed.
      // A precision KPI the run does not report is the request's fault: said with its field.
      const error = e instanceof UnknownPrecisionKpi ? `precision.kpis[${e.index}]: ${e.message}` : e instanceof Error ? e.message : String(e);
      this.settle(job, 'failed', { error });
    } finally {
      clearTimeout(limit);
    }
  }

  /** The run's document: its experiment on the runner, or its one replication stepped live. */
  private async perform(job: Job): Promise<RunResultDoc> {
    const { signal } = job.controller;
    if (!job.request.live) {
      return runExperiment(job.scenario, job.variants, {
        seed: job.request.seed, signal, replications: job.request.replications, series: true, budget: budgetOf(this.limits.cost), keptValues: this.limits.cost.keptValues,
        replicationsField: job.request.precision ? 'precision.maxReplications' : 'replications',
        ...(job.request.precision ? { precision: job.request.precision } : {}),
        onProgress: (done) => this.progress(job, done),
        onBatch: (batch) => {
          if (job.settled) return;
          const e = { type: 'precision' as const, runId: job.id, ...batch };
          job.batches.push(e);
          this.emit(job.id, e);
        },
      }, this.runner);
    }
    await this.viewer(job);
    job.watchedAt = Date.now();
    const result = await runLive(job.scenario, job.variants[0], {
      seed: job.request.seed, signal, stepHours: job.liveStepHours, framesPerSecond: FRAMES_PER_SECOND,
      budget: budgetOf(this.limits.cost), heapMb: this.limits.cost.workerMemoryMb,
      onFrame: (frame) => {
        // Nobody watching a live run for a minute (the class closed the tab): free its slot.
        const now = Date.now();
        if (this.listeners.has(job.id)) job.watchedAt = now;
        else if (now - job.watchedAt > (this.options.unwatchedLiveMs ?? UNWATCHED_LIVE_MS)) return this.stop(job, new Stopped('cancelled', 'nobody was watching'));
        this.emit(job.id, { type: 'snapshot', runId: job.id, ...frame });
      },
    });
    this.progress(job, 1);
    return result;
  }

  /**
   * A live run starts its clock once someone watches (a client posts the run, then
   * subscribes: without this it would miss the first snapshots), or after VIEWER_WAIT_MS.
   */
  private viewer(job: Job): Promise<void> {
    if (this.listeners.has(job.id)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        this.waitingForViewer.delete(job.id);
        job.controller.signal.removeEventListener('abort', go);
        resolve();
      };
      const timer = setTimeout(go, VIEWER_WAIT_MS);
      this.waitingForViewer.set(job.id, go);
      job.controller.signal.addEventListener('abort', go, { once: true });
    });
  }

  private progress(job: Job, done: number): void {
    if (job.settled) return;
    job.done = done;
    const now = Date.now();
    if (now - job.progressWrittenAt >= PROGRESS_WRITE_EVERY_MS) {
      job.progressWrittenAt = now;
      this.store.progress(job.id, done);
    }
    if (job.progressTimer) return; // a message is already due: it will carry this count
    const due = job.progressSentAt + PROGRESS_EVERY_MS - now;
    if (due <= 0) this.sendProgress(job);
    else job.progressTimer = setTimeout(() => this.sendProgress(job), due);
  }

  private sendProgress(job: Job): void {
    clearTimeout(job.progressTimer);
    job.progressTimer = undefined;
    job.progressSentAt = Date.now();
    const elapsed = (Date.now() - (job.startedAt ?? Date.now())) / 1000;
    const etaSeconds = job.done > 0 ? Math.round((elapsed / job.done) * (job.total - job.done) * 10) / 10 : null;
    this.emit(job.id, { type: 'progress', runId: job.id, done: job.done, total: job.total, etaSeconds });
  }

  private settle(job: Job, status: 'done' | 'failed' | 'cancelled', outcome: { result?: RunResultDoc; error?: string }): void {
    if (job.settled) return;
    job.settled = true;
    if (job.progressTimer) this.sendProgress(job); // the last count before the end
    let resultJson = outcome.result && JSON.stringify(outcome.result);
    const quota = this.options.quota;
    if (resultJson !== undefined && quota && !quota.fits(Buffer.byteLength(resultJson))) {
      // Computed, but storing it would take the disk over the quota: the run fails saying so.
      status = 'failed';
      outcome = { error: `${quota.overMessage('its result', Buffer.byteLength(resultJson))}: delete runs you no longer need, then run it again` };
      resultJson = undefined;
    }
    this.store.finish(job.id, status, new Date().toISOString(), job.done, { resultJson, error: outcome.error });
    this.running.delete(job.id);
    if (job.batches.length > 0) {
      this.endedBatches.set(job.id, job.batches);
      for (const id of this.endedBatches.keys()) if (this.endedBatches.size > KEEP_BATCHES_OF) this.endedBatches.delete(id);
    }
    if (status === 'done') this.emit(job.id, { type: 'done', runId: job.id, result: outcome.result! });
    else if (status === 'failed') this.emit(job.id, { type: 'failed', runId: job.id, error: outcome.error ?? 'failed' });
    else this.emit(job.id, { type: 'cancelled', runId: job.id });
    this.listeners.delete(job.id);
    this.prune();
    this.pump();
  }
}

