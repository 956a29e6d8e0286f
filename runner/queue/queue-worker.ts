// A queue worker (`pathflow worker`): takes chunk jobs from the BullMQ queue and runs their
// replications with the engine code of the local pool (runner/local: runTask on worker
// threads), so a replication gives the same numbers here as anywhere else.
//
// Replications run on threads, never on this thread's event loop, so BullMQ can renew the
// job's lock while a long chunk runs (a blocked loop would let the lock expire and the job
// be taken over as stalled), and a cancelled run's replication is stopped at once by
// terminating its thread. A worker that dies (killed, machine lost) stops renewing its
// locks: after lockDuration another worker's stalled check puts its job back in the queue.
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { replicationPool } from '../local/pool.ts';
import { toWire } from './codec.ts';
import { probeRedis, redisClient, redisError } from './connection.ts';
import { CANCEL_CHANNEL, QUEUE, runKey, scenarioKey, type ChunkJob, type ChunkResult } from './protocol.ts';
import { redactText, redactUrl } from './redact.ts';

export interface QueueWorkerOptions {
  /** Jobs at once, each on its own thread (default 1). */
  concurrency?: number;
  queue?: string;
  /**
   * How long a job's lock lasts without renewal (ms, BullMQ's default 30 000): a worker that
   * dies holds its job this long before the job can be taken over. Renewed every half of it.
   */
  lockDuration?: number;
  /** How often this worker looks for stalled jobs (ms, default 30 000). */
  stalledInterval?: number;
  /** Where one-line notices go (connection lost and back, failed jobs). */
  log?: (line: string) => void;
}

export interface QueueWorker {
  /** Waits for the jobs in hand (or, `force`, abandons them: they will be taken over as stalled) and disconnects. */
  close(force?: boolean): Promise<void>;
}

const KEEP_SCENARIOS = 8;

export async function startQueueWorker(url: string, o: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const log = o.log ?? (() => {});
  const concurrency = o.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`concurrency must be an integer ≥ 1, got ${concurrency}`);
  await probeRedis(url);

  // One notice per outage, not one per reconnection attempt.
  let down = false;
  const onError = (e: Error) => {
    if (!down) log(`lost the connection to Redis at ${redactUrl(url)} (${e.message}); reconnecting…`);
    down = true;
  };
  const onReady = () => {
    if (down) log(`connected again to Redis at ${redactUrl(url)}`);
    down = false;
  };
  const connection = redisClient(url, onError, true);
  const commands = redisClient(url, onError, true);
  const subscriber = redisClient(url, onError, true);
  for (const c of [connection, commands, subscriber]) c.on('ready', onReady);

  const pool = replicationPool(concurrency);
  const scenarios = new Map<string, string>(); // hash → JSON, least recently used first
  const active = new Map<string, Set<AbortController>>(); // run → its jobs in hand here

  subscriber.on('message', (_channel: string, run: string) => {
    for (const c of active.get(run) ?? []) c.abort(new UnrecoverableError('the run was cancelled'));
  });
  const abandon = async (e: unknown): Promise<never> => {
    // The server went away between the probe and here: nothing left running or reconnecting.
    for (const c of [connection, commands, subscriber]) c.disconnect();
    await pool.close();
    throw redisError(url, 'cannot use', e);
  };
  await subscriber.subscribe(CANCEL_CHANNEL).catch(abandon);

  const scenarioJson = async (hash: string): Promise<string> => {
    let json = scenarios.get(hash);
    if (json !== undefined) scenarios.delete(hash);
    else {
      json = (await commands.get(scenarioKey(hash))) ?? undefined;
      if (json === undefined) throw new UnrecoverableError(`scenario ${hash.slice(0, 12)}… is not in Redis (expired, or Redis was restarted)`);
    }
    scenarios.set(hash, json);
    while (scenarios.size > KEEP_SCENARIOS) scenarios.delete(scenarios.keys().next().value!);
    return json;
  };

  const runChunk = async (job: Job<ChunkJob>, _token?: string, signal?: AbortSignal): Promise<ChunkResult> => {
    const d = job.data;
    if (typeof d?.run !== 'string' || typeof d.scenario !== 'string' || !Array.isArray(d.replications)) {
      throw new UnrecoverableError('not a pathflow replication job (is every runner the same version of pathflow?)');
    }
    const state = await commands.get(runKey(d.run));
    if (state !== 'running') throw new UnrecoverableError(state === 'cancelled' ? 'the run was cancelled' : 'nobody is waiting for this run any more (its runner stopped)');
    const scenario = await scenarioJson(d.scenario);
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const mine = active.get(d.run) ?? new Set();
    active.set(d.run, mine.add(stop));
    try {
      const results: ChunkResult['results'] = [];
      for (const replication of d.replications) {
        if (stop.signal.aborted) throw stop.signal.reason;
        const r = await pool.run({ scenario, variant: d.variant, seed: d.seed, replication, series: d.series, budget: d.budget }, stop.signal);
        results.push([replication, toWire(r)]);
      }
      return { results };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      mine.delete(stop);
      if (mine.size === 0) active.delete(d.run);
    }
  };

  const worker = new Worker<ChunkJob, ChunkResult>(o.queue ?? QUEUE, runChunk, {
    connection,
    name: `${hostname()}:${process.pid}`, // recorded on each job it takes (processedBy): who ran what
    concurrency,
    lockDuration: o.lockDuration ?? 30_000,
    stalledInterval: o.stalledInterval ?? 30_000,
    // A job whose worker died is taken over up to twice; a third loss fails it (and its run),
    // rather than a job that kills every worker going round for ever.
    maxStalledCount: 2,
  });
  // BullMQ repeats its connection's errors: those count as the outage (said once); its own
  // (a lock lost to a takeover, say) are said as they come.
  worker.on('error', (e) => {
    const message = redactText(e.message, url);
    if (/ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|connection is closed/i.test(message)) onError(new Error(message));
    else if (!down) log(message);
  });
  worker.on('failed', (job, e) => {
    if (job && !/cancelled|nobody is waiting/.test(e.message)) log(`job ${job.id} (${job.data.variant}, replications ${job.data.replications.join(',')}) failed: ${redactText(e.message, url)}`);
  });
  await worker.waitUntilReady().catch(async (e: unknown) => {
    await worker.close(true).catch(() => {});
    return abandon(e);
  });

  let closing: Promise<void> | undefined;
  return {
    close(force = false) {
      const clients: Redis[] = [subscriber, commands, connection];
      closing ??= (async () => {
        if (force) {
          // Cut Redis first: the stopped replications must not be recorded as failed jobs,
          // which would fail their runs; left active, they are taken over as stalled.
          for (const c of clients) c.disconnect();
          await pool.close();
          await worker.close(true).catch(() => {});
          return;
        }
        await worker.close();
        await pool.close();
        for (const c of clients) c.disconnect();
      })();
      return closing;
    },
  };
}
