// The job-queue back end of the Runner interface (runner/runner.ts): replications go
// to a BullMQ queue on Redis as jobs, run by `pathflow worker` processes on any machine
// (queue-worker.ts), and come back through the queue's event stream.
//
// - Chunks: runExperiment asks for every (variant, replication) at once; the calls that
//   arrive in one tick are grouped by (run, scenario, variant, seed) and cut into jobs of
//   consecutive replications, so the per-job cost (a few Redis round trips, see
//   bench/RESULTS.md) is paid once per chunk rather than per replication (autoChunk).
// - Each call's promise is keyed by (job, replication) and settled once: a job run twice (its
//   worker died, the job was taken over) or reported twice counts once, and results are
//   summarised by runExperiment in replication order, so the document is bit-identical to
//   the local pool's.
// - The scenario's JSON is stored once under its hash; jobs carry the hash.
// - Cancel (the signal aborts): every call of the run rejects with the signal's reason at
//   once; the run's key turns "cancelled", workers are told on a channel (their active
//   chunks stop mid-replication) and the waiting jobs are removed.
// - Redis unreachable at start: a clear error within seconds. Lost during a run: after
//   `graceMs` without a connection every pending call rejects (a run never completes with
//   replications missing); back within it, the run goes on, after checking that its jobs
//   are still there: jobs a restarted Redis lost are added again (with their scenario and
//   run key), since a replication gives the same numbers whoever runs it, and when.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { abortReason } from '../local/pool.ts';
import type { ReplicationResult, ReplicationTask } from '../local/messages.ts';
import type { Runner } from '../runner.ts';
import { fromWire } from './codec.ts';
import { probeRedis, redisClient, redisError } from './connection.ts';
import { CANCEL_CHANNEL, HEARTBEAT_MS, QUEUE, RUN_TTL_S, runKey, scenarioHash, scenarioKey, type ChunkJob, type ChunkResult } from './protocol.ts';
import { redactText, redactUrl } from './redact.ts';

export interface RedisRunnerOptions {
  queue?: string;
  /** Replications per job (default CHUNK). */
  chunk?: number;
  /** How long the connection may be lost before the run fails (ms, default 10 000). */
  graceMs?: number;
  /** With no result for this long, ask Redis for the state of the jobs still out (ms, default 10 000). */
  reconcileMs?: number;
  /** Told once if jobs are added while no worker is connected (they wait for one). */
  onNotice?: (message: string) => void;
}

/** Replications per job at most: bench/queue.ts measured the job cost and chose it (bench/RESULTS.md). */
export const CHUNK = 4;

/**
 * Replications per job for `calls` replications and `workers` worker processes: at most
 * CHUNK (a job costs milliseconds, so 4 replications of 100 ms or more keep it near 1%),
 * and small enough that every worker gets about 4 jobs — with 200 workers a run of 600
 * replications goes in jobs of 1, or a third of the workers would wait.
 */
export function autoChunk(calls: number, workers: number): number {
  return Math.max(1, Math.min(CHUNK, Math.floor(calls / (4 * Math.max(1, workers)))));
}

// A scenario stays while a run needs it (the heartbeat renews it), then an hour: a sweep's
// hundreds of points do not pile up in Redis.
const SCENARIO_TTL_S = 3600;
const EVENTS_KEPT = 2_000;

interface Call {
  task: ReplicationTask;
  signal?: AbortSignal;
  resolve(r: ReplicationResult): void;
  reject(e: Error): void;
  settled: boolean;
}

interface Run {
  id: string;
  /** The scenarios its jobs name: hash → JSON (to store them again if Redis lost them). */
  scenarios: Map<string, string>;
  signal?: AbortSignal;
  jobs: Map<string, ChunkState>;
  next: number;
  onAbort?: () => void;
}

interface ChunkState {
  id: string;
  run: Run;
  data: ChunkJob;
  /** The calls waiting for each replication of the chunk. */
  calls: Map<number, Call[]>;
}

export async function redisRunner(url: string, o: RedisRunnerOptions = {}): Promise<Runner> {
  if (o.chunk !== undefined && (!Number.isInteger(o.chunk) || o.chunk < 1)) throw new Error(`chunk must be an integer ≥ 1, got ${o.chunk}`);
  const graceMs = o.graceMs ?? 10_000;
  const reconcileMs = o.reconcileMs ?? 10_000;
  await probeRedis(url);

  const errors: Error[] = []; // the latest connection error, for the message if the connection is lost for good
  const onError = (e: Error) => void errors.splice(0, errors.length, e);
  const client = redisClient(url, onError);
  const eventsClient = redisClient(url, onError, true);
  const queue = new Queue<ChunkJob, ChunkResult>(o.queue ?? QUEUE, {
    connection: client,
    streams: { events: { maxLen: EVENTS_KEPT } },
    // A job's result reaches the runner in its completion event, so the job itself goes at
    // once (a result whose event was missed is recomputed: see reconcile).
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { age: 24 * 3600, count: 1000 } },
  });
  queue.on('error', onError);
  let events: QueueEvents;
  let workers: number;
  try {
    await queue.waitUntilReady();
    // Read the event stream from its current end, decided before any job is added, so no
    // completion can slip between "add" and "listen".
    const last = await client.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
    events = new QueueEvents(queue.name, { connection: eventsClient, lastEventId: last[0]?.[0] ?? '0-0' });
    events.on('error', onError);
    await events.waitUntilReady();
    workers = await queue.getWorkersCount().catch(() => 0);
  } catch (e) {
    // The server went away between the probe and here: no client left reconnecting.
    client.disconnect();
    eventsClient.disconnect();
    throw redisError(url, 'cannot use', e);
  }

  const jobs = new Map<string, ChunkState>();
  const runs = new Set<Run>();
  const bySignal = new WeakMap<AbortSignal, Run>();
  const background = new Set<Promise<unknown>>();
  let batch: Call[] = [];
  let failure: Error | undefined; // set once: the connection is gone, or the runner closed
  let lastNews = Date.now();
  let noticed = false;

  const later = (p: Promise<unknown>) => {
    const q = p.catch(() => {}).finally(() => background.delete(q));
    background.add(q);
  };

  const settle = (c: Call, r: ReplicationResult | Error) => {
    if (c.settled) return;
    c.settled = true;
    if (r instanceof Error) c.reject(r);
    else c.resolve(r);
  };

  const endRun = (run: Run) => {
    runs.delete(run);
    if (run.signal) {
      bySignal.delete(run.signal);
      if (run.onAbort) run.signal.removeEventListener('abort', run.onAbort);
    }
  };

  /** The job is settled (every call answered): forget it, and end its run if it was the last. */
  const forget = (j: ChunkState) => {
    jobs.delete(j.id);
    j.run.jobs.delete(j.id);
    if (j.run.jobs.size === 0 && runs.has(j.run)) {
      endRun(j.run);
      if (!failure) later(client.del(runKey(j.run.id)));
    }
  };

  const completed = (id: string, value: ChunkResult) => {
    const j = jobs.get(id);
    if (!j) return; // another runner's job, or a second report of one already counted
    lastNews = Date.now();
    if (!Array.isArray(value?.results)) {
      // Another version's worker on the same queue, say: never a silent wrong number.
      failed(id, `job ${id} came back without results (is every worker the same version of pathflow?)`);
      return;
    }
    for (const [replication, wire] of value.results) {
      const result = fromWire<ReplicationResult>(wire);
      for (const c of j.calls.get(replication) ?? []) settle(c, result);
    }
    for (const [replication, calls] of j.calls) for (const c of calls) settle(c, new Error(`job ${id} returned no result for replication ${replication}`));
    forget(j);
  };

  const failed = (id: string, reason: string) => {
    const j = jobs.get(id);
    if (!j) return;
    lastNews = Date.now();
    const e = new Error(redactText(reason || 'the job failed', url));
    for (const calls of j.calls.values()) for (const c of calls) settle(c, e);
    forget(j);
  };

  events.on('completed', ({ jobId, returnvalue }) => completed(jobId, returnvalue as unknown as ChunkResult));
  events.on('failed', ({ jobId, failedReason }) => failed(jobId, failedReason));

  /** Every call still pending rejects with `e`, and no more are taken (Redis is gone, or the runner closed). */
  const fail = (e: Error) => {
    failure ??= e;
    for (const j of [...jobs.values()]) {
      for (const calls of j.calls.values()) for (const c of calls) settle(c, e);
      forget(j);
    }
    for (const c of batch.splice(0)) settle(c, e);
  };

  /** The run's calls reject with `reason` at once; in Redis its waiting jobs go and its active ones stop. */
  const cancel = (run: Run, reason: Error) => {
    const ids = [...run.jobs.keys()];
    for (const id of ids) {
      const j = jobs.get(id)!;
      for (const calls of j.calls.values()) for (const c of calls) settle(c, reason);
      jobs.delete(id);
    }
    run.jobs.clear();
    endRun(run);
    if (failure) return; // no connection to tell it on: the run's key expires and workers skip its jobs
    later((async () => {
      await client.multi().set(runKey(run.id), 'cancelled', 'EX', 3600).publish(CANCEL_CHANNEL, run.id).exec();
      // Waiting jobs go; active ones are locked by their worker (remove answers 0) and stop on the message.
      await Promise.all(ids.map((id) => queue.remove(id)));
    })());
  };

  const runOf = (signal?: AbortSignal): Run => {
    const known = signal && bySignal.get(signal);
    if (known) return known;
    const run: Run = { id: randomUUID(), scenarios: new Map(), signal, jobs: new Map(), next: 0 };
    if (signal) {
      bySignal.set(signal, run);
      run.onAbort = () => cancel(run, abortReason(signal));
      signal.addEventListener('abort', run.onAbort, { once: true });
    }
    return run;
  };

  const flush = async () => {
    const calls = batch;
    batch = [];
    const connected = await queue.getWorkersCount().catch(() => 1);
    if (connected === 0 && !noticed) {
      noticed = true;
      o.onNotice?.(`no worker is taking jobs from ${redactUrl(url)} yet: the replications wait for one (pathflow worker --redis URL)`);
    }
    const chunk = o.chunk ?? autoChunk(calls.length, connected);
    if (failure) {
      for (const c of calls) settle(c, failure);
      return;
    }
    const added: ChunkState[] = [];
    const scenarios = new Map<string, string>(); // hash → JSON
    const hashes = new Map<string, string>(); // JSON → hash: one digest per scenario, not per call
    const started: Run[] = [];
    // Per run (one signal, or this tick's calls without one) and (scenario, variant, seed, series, budget).
    const anonymous = runOf();
    const groups = new Map<Run, Map<string, Call[]>>();
    for (const c of calls) {
      if (c.settled) continue;
      if (c.signal?.aborted) {
        settle(c, abortReason(c.signal));
        continue;
      }
      const run = c.signal ? runOf(c.signal) : anonymous;
      let hash = hashes.get(c.task.scenario);
      if (hash === undefined) {
        hash = scenarioHash(c.task.scenario);
        hashes.set(c.task.scenario, hash);
        scenarios.set(hash, c.task.scenario);
      }
      run.scenarios.set(hash, c.task.scenario);
      const key = JSON.stringify([hash, c.task.variant, c.task.seed, c.task.series, c.task.budget ?? null]);
      const g = groups.get(run) ?? new Map<string, Call[]>();
      groups.set(run, g);
      const same = g.get(key);
      if (same) same.push(c);
      else g.set(key, [c]);
    }
    for (const [run, g] of groups) {
      if (!runs.has(run)) {
        runs.add(run);
        started.push(run);
      }
      for (const [key, group] of g) {
        const [hash] = JSON.parse(key) as [string];
        const byReplication = new Map<number, Call[]>();
        for (const c of group) byReplication.set(c.task.replication, [...(byReplication.get(c.task.replication) ?? []), c]);
        const order = [...byReplication.keys()].sort((a, b) => a - b);
        for (let at = 0; at < order.length; at += chunk) {
          const reps = order.slice(at, at + chunk);
          const t = group[0].task;
          const j: ChunkState = {
            id: `${run.id}.${run.next++}`, run,
            data: { run: run.id, scenario: hash, variant: t.variant, seed: t.seed, series: t.series, budget: t.budget, replications: reps },
            calls: new Map(reps.map((k) => [k, byReplication.get(k)!])),
          };
          jobs.set(j.id, j);
          run.jobs.set(j.id, j);
          added.push(j);
        }
      }
    }
    if (added.length === 0) return;
    try {
      const m = client.multi();
      for (const [hash, json] of scenarios) m.set(scenarioKey(hash), json, 'EX', SCENARIO_TTL_S);
      for (const run of started) m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S);
      await m.exec();
      // Registered above before adding, so a result that comes back at once finds its calls.
      await queue.addBulk(added.map((j) => ({ name: 'replications', data: j.data, opts: { jobId: j.id } })));
    } catch (e) {
      const err = redisError(url, 'cannot add jobs to', e);
      for (const j of added) {
        if (!jobs.has(j.id)) continue;
        for (const calls of j.calls.values()) for (const c of calls) settle(c, err);
        forget(j);
      }
    }
  };

  // Keep the runs' keys alive while their results are awaited (XX: a key that vanished with
  // a Redis restart is not brought back; reconcile notices the run is lost).
  const heartbeat = setInterval(() => {
    if (failure || runs.size === 0) return;
    const m = client.multi();
    const kept = new Set<string>();
    for (const run of runs) {
      m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S, 'XX');
      for (const hash of run.scenarios.keys()) kept.add(hash);
    }
    for (const hash of kept) m.expire(scenarioKey(hash), SCENARIO_TTL_S);
    later(m.exec());
  }, HEARTBEAT_MS);
  heartbeat.unref();

  /** Jobs Redis no longer has (restarted empty, or done with an event we missed): added again. */
  const resubmit = async (lost: ChunkState[]) => {
    const m = client.multi();
    for (const run of new Set(lost.map((j) => j.run))) {
      for (const [hash, json] of run.scenarios) m.set(scenarioKey(hash), json, 'EX', SCENARIO_TTL_S);
      m.set(runKey(run.id), 'running', 'EX', RUN_TTL_S);
    }
    await m.exec();
    const still = lost.filter((j) => jobs.has(j.id));
    await queue.addBulk(still.map((j) => ({ name: 'replications', data: j.data, opts: { jobId: j.id } })));
  };

  // Events can be missed (trimmed from the stream, or sent while the connection was down):
  // when nothing has come back for a while, or the connection is back, ask for each job's state.
  let reconciling = false;
  const reconcile = async () => {
    if (reconciling || failure || jobs.size === 0) return;
    reconciling = true;
    const lost: ChunkState[] = [];
    try {
      for (const id of [...jobs.keys()]) {
        if (!jobs.has(id) || failure) continue;
        const state = await queue.getJobState(id);
        if (state === 'completed') {
          const job = await queue.getJob(id);
          if (job) completed(id, job.returnvalue);
        } else if (state === 'failed') {
          const job = await queue.getJob(id);
          failed(id, job?.failedReason ?? 'the job failed');
        } else if (state === 'unknown' && jobs.has(id)) {
          lost.push(jobs.get(id)!);
        }
      }
      if (lost.length > 0) await resubmit(lost);
    } catch { /* the connection dropped again: the watchdog decides */ } finally {
      reconciling = false;
      lastNews = Date.now();
    }
  };
  const quiet = setInterval(() => {
    if (Date.now() - lastNews >= reconcileMs) void reconcile();
  }, Math.min(reconcileMs, 1000));
  quiet.unref();

  // Lost connection watchdog: either client down for graceMs fails every pending call.
  let lostTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const clients: Redis[] = [client, eventsClient];
  const watch = () => {
    if (closed) return;
    const down = clients.some((c) => c.status !== 'ready');
    if (down && !lostTimer) {
      lostTimer = setTimeout(() => {
        const cause = errors[0] ? ` (${errors[0].message})` : '';
        fail(new Error(`lost the connection to Redis at ${redactUrl(url)} for ${graceMs / 1000} s${cause}: the run stopped, and its results are incomplete`));
      }, graceMs);
    } else if (!down && lostTimer) {
      clearTimeout(lostTimer);
      lostTimer = undefined;
      // Let the event reader catch up first (BullMQ's waits up to 5 s after an error); if
      // nothing comes back within reconcileMs, the jobs' states are asked for.
      lastNews = Date.now();
    }
  };
  for (const c of clients) for (const event of ['close', 'reconnecting', 'end', 'ready']) c.on(event, watch);

  return {
    parallelism: Math.max(1, workers),
    run(task, signal) {
      if (failure) return Promise.reject(failure);
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      return new Promise<ReplicationResult>((resolve, reject) => {
        if (batch.length === 0) setImmediate(() => void flush());
        batch.push({ task, signal, resolve, reject, settled: false });
      });
    },
    async close() {
      if (closed) return;
      // Calls still out reject; their runs are cancelled so workers do not run them for nobody.
      const closing = new Error('the runner is closed');
      for (const run of [...runs]) cancel(run, closing);
      fail(closing);
      closed = true;
      clearInterval(heartbeat);
      clearInterval(quiet);
      clearTimeout(lostTimer);
      const within = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms).unref())]);
      // With the server gone, BullMQ's close waits for a connection that is not coming: cut first.
      const down = clients.some((c) => c.status !== 'ready');
      if (down) for (const c of clients) c.disconnect();
      const wait = down ? 100 : 2000;
      await within(Promise.all(background), wait);
      await within(events.close(), wait);
      await within(queue.close(), wait);
      for (const c of clients) c.disconnect();
    },
  };
}
