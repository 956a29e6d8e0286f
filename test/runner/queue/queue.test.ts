// Experiments on the BullMQ queue against a real redis-server (password-protected, so every
// test also checks that the password never shows) and real `pathflow worker` processes:
// the same document as the local pool, a worker killed mid-job, a cancelled run, Redis
// unreachable at start and lost during a run.
//
// Workers here use --lock-duration 2000 --stalled-interval 1000: a killed worker's job is
// taken over within ~3 s instead of BullMQ's default ~30-60 s (the only timing we change).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { runVariants } from '../../../runner/summary.ts';
import { runExperiment } from '../../../runner/runner.ts';
import { openRunner } from '../../../runner/open.ts';
import { redisRunner } from '../../../runner/queue/redis-runner.ts';
import { QUEUE } from '../../../runner/queue/protocol.ts';
import { run } from '../../../cli/scenario.ts';
import { freePort, startRedis, type RedisServer } from './redis-server.ts';
import { startWorker, type WorkerProcess } from './worker-process.ts';
import { smallEd, smallEdFile } from '../../fixtures/small-ed.ts';

/** The command line's document without where it was made (the machine, --set: provenance), which the library's has not. */
function withoutProvenance(doc: Record<string, unknown>): Record<string, unknown> {
  expect(doc.provenance).toMatchObject({ settings: [] });
  const { provenance: _, ...rest } = doc;
  return rest;
}

const PASSWORD = 'Tr0ub4dor-3';
const fixture = smallEdFile;
const fast = ['--lock-duration', '2000', '--stalled-interval', '1000'];

const scenario = smallEd;

let redis: RedisServer;
let url: string;
let workers: WorkerProcess[] = [];
let admin: Redis;
let queue: Queue;

/** The queue's events from now on, on the Redis at `port`. */
async function queueEvents(port: number, password?: string): Promise<QueueEvents> {
  // Connection options, not a client: the QueueEvents then owns its connection and close() ends it.
  const events = new QueueEvents(QUEUE, { connection: { host: '127.0.0.1', port, password, maxRetriesPerRequest: null } });
  await events.waitUntilReady();
  return events;
}

type JobEvent = 'added' | 'active' | 'completed' | 'failed' | 'removed';

/** Counts the queue's job events; `until` resolves once a condition on the counts holds (no polling). */
function tally(events: QueueEvents) {
  const counts: Record<JobEvent, number> = { added: 0, active: 0, completed: 0, failed: 0, removed: 0 };
  let waits: { ok: () => boolean; resolve: () => void }[] = [];
  for (const name of Object.keys(counts) as JobEvent[]) {
    events.on(name, () => {
      counts[name]++;
      waits = waits.filter((w) => (w.ok() ? (w.resolve(), false) : true));
    });
  }
  return { counts, until: (ok: () => boolean) => new Promise<void>((resolve) => (ok() ? resolve() : waits.push({ ok, resolve }))) };
}

beforeAll(async () => {
  redis = await startRedis(['--requirepass', PASSWORD]);
  url = `redis://:${PASSWORD}@127.0.0.1:${redis.port}`;
  admin = new Redis({ port: redis.port, password: PASSWORD, maxRetriesPerRequest: 1 });
  queue = new Queue(QUEUE, { connection: admin });
  // Two processes, one of them with --concurrency 2: three jobs at once.
  workers = await Promise.all([startWorker(url, fast), startWorker(url, [...fast, '--concurrency', '2'])]);
}, 30_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await queue?.close();
  admin?.disconnect();
  await redis?.stop();
  for (const w of workers) expect(w.stderr()).not.toContain(PASSWORD);
});

describe('experiments on the Redis queue', () => {
  test('two worker processes (one running 2 jobs at once) give the local document, bit for bit (also through pathflow run --redis)', async () => {
    const { s, variants } = scenario();
    const plan = { replications: 5, seed: 7 };
    const runner = await redisRunner(url, { chunk: 2 });
    let done = 0;
    try {
      const doc = await runExperiment(s, variants, { ...plan, onProgress: () => void done++ }, runner);
      expect(doc).toStrictEqual(runVariants(s, variants, plan));
      expect(done).toBe(variants.length * plan.replications);
    } finally {
      await runner.close();
    }
    const out: string[] = [], err: string[] = [];
    const code = await run({ file: fixture, format: 'json', workers: 1, replications: 3, seed: 2, redis: url }, { out: (t) => void out.push(t), err: (t) => void err.push(t) }, false);
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(withoutProvenance(JSON.parse(out.join('')))).toStrictEqual(JSON.parse(JSON.stringify(runVariants(s, variants, { replications: 3, seed: 2 }))));
  }, 60_000);

  test('a worker killed mid-job: its job is taken over, the run completes identically, each replication once', async () => {
    const { s, variants } = scenario();
    const plan = { replications: 6, seed: 5 };
    const victim = await startWorker(url, fast);
    const events = await queueEvents(redis.port, PASSWORD);
    const stalled: string[] = [];
    events.on('stalled', ({ jobId }) => void stalled.push(jobId));
    // The first job the victim takes, told by the job's 'active' event.
    const victimsJob = new Promise<string>((resolve) => events.on('active', ({ jobId }) => {
      void queue.getJob(jobId).then((j) => { if (j?.processedBy?.endsWith(`:${victim.pid}`)) resolve(jobId); });
    }));
    const runner = await redisRunner(url, { chunk: 3 });
    try {
      let done = 0;
      const running = runExperiment(s, variants, { ...plan, onProgress: () => void done++ }, runner);
      // Once the victim holds a job, kill it without warning.
      const held = await victimsJob;
      victim.process.kill('SIGKILL');
      const doc = await running;
      expect(doc).toStrictEqual(runVariants(s, variants, plan));
      expect(done).toBe(variants.length * plan.replications);
      expect(stalled).toContain(held); // taken over as stalled, not lost and not run by nobody
    } finally {
      await runner.close();
      await events.close();
      await victim.stop();
    }
  }, 60_000);

  test('cancel: the run rejects with the reason at once, its waiting jobs go, its active ones stop mid-chunk, the workers go on', async () => {
    const { s, variants } = scenario();
    // Chunks of 1000 replications: many seconds of work each (a replication takes ~20 ms),
    // so a job that ends within moments of the cancel was stopped, not finished.
    const runner = await redisRunner(url, { chunk: 1000 });
    const events = await queueEvents(redis.port, PASSWORD);
    const jobs = tally(events);
    const ended: string[] = [];
    events.on('failed', ({ failedReason }) => void ended.push(failedReason));
    events.on('completed', () => void ended.push('completed'));
    try {
      const cancel = new AbortController();
      const running = runExperiment(s, variants, { replications: 2000, seed: 1, signal: cancel.signal }, runner);
      running.catch(() => {});
      const all = variants.length * 2;
      await jobs.until(() => jobs.counts.added === all && jobs.counts.active === 3); // three workers busy
      expect(await queue.getWaitingCount()).toBe(all - 3);
      cancel.abort(new Error('cancelled by the user'));
      await expect(running).rejects.toThrow('cancelled by the user');
      // The waiting jobs removed; the active ones failed as cancelled, none completed. Every
      // job is accounted for by its own end event: a worker that frees up may take a waiting
      // job before the runner's removal reaches it, and that job then fails as cancelled too.
      await jobs.until(() => jobs.counts.removed + ended.length >= all && ended.length >= 3);
      // Redis's counts can lag the events waited for above (seen once in a loaded full suite:
      // one job still active when the end events were in): wait for them to reach 0.
      await expect.poll(async () => (await queue.getWaitingCount()) + (await queue.getActiveCount()), { timeout: 10_000 }).toBe(0);
      expect(ended.slice(0, 3)).toEqual(['the run was cancelled', 'the run was cancelled', 'the run was cancelled']);
      expect(ended).not.toContain('completed');
      const next = await runExperiment(s, variants, { replications: 2, seed: 3 }, runner);
      expect(next).toStrictEqual(runVariants(s, variants, { replications: 2, seed: 3 }));
    } finally {
      await runner.close();
      await events.close();
    }
  }, 60_000);

  test('every connection dropped mid-run (CLIENT KILL): runner and workers reconnect, the run completes identically', async () => {
    const { s, variants } = scenario();
    const plan = { replications: 6, seed: 9 };
    const runner = await redisRunner(url, { chunk: 2 });
    try {
      let killed = false;
      const doc = await runExperiment(s, variants, { ...plan, onProgress: (done) => {
        if (done === 2 && !killed) {
          killed = true;
          void admin.client('KILL', 'TYPE', 'normal').catch(() => {}); // admin's own connection goes too
        }
      } }, runner);
      expect(killed).toBe(true);
      expect(doc).toStrictEqual(runVariants(s, variants, plan));
    } finally {
      await runner.close();
    }
  }, 60_000);

  test('Ctrl-C on pathflow run --redis cancels the run: exit 1, said so, its jobs gone from the queue', async () => {
    const err: string[] = [];
    expect(process.listenerCount('SIGINT')).toBe(0); // nobody else would hear the signal sent below
    const events = await queueEvents(redis.port, PASSWORD);
    const jobs = tally(events);
    try {
      const running = run({ file: fixture, format: 'json', workers: 1, replications: 300, redis: url }, { out: () => {}, err: (t) => void err.push(t) }, false);
      await jobs.until(() => jobs.counts.active >= 2);
      process.emit('SIGINT');
      expect(await running).toBe(1);
      expect(err.join('')).toBe('pathflow run: cancelled (interrupted)\n');
      expect(process.listenerCount('SIGINT')).toBe(0);
      // Every job added has ended: removed while waiting, or failed (cancelled) or completed while active.
      const { counts } = jobs;
      await jobs.until(() => counts.removed + counts.failed + counts.completed >= counts.added);
      // As after a cancel above: Redis's counts can lag the end events (seen once in CI: one job
      // still active when the events were in), so wait for them to reach 0.
      await expect.poll(async () => (await queue.getWaitingCount()) + (await queue.getActiveCount()), { timeout: 10_000 }).toBe(0);
    } finally {
      await events.close();
    }
  }, 60_000);

  test('a wrong password: a clear error, without the password', async () => {
    const wrong = `redis://:not-${PASSWORD}@127.0.0.1:${redis.port}`;
    const e = await openRunner({ redis: wrong }).then(() => undefined, (x: Error) => x);
    expect(e?.message).toMatch(new RegExp(`^cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redis.port}: WRONGPASS`));
    expect(e?.message).not.toContain(PASSWORD);
  });
});

describe('Redis unreachable or lost', () => {
  test('down at start: run --redis fails (no retrying for ever), naming the URL without its password', async () => {
    const port = await freePort();
    const err: string[] = [];
    const code = await run({ file: fixture, format: 'json', workers: 1, replications: 2, redis: `redis://:${PASSWORD}@127.0.0.1:${port}/0` }, { out: () => {}, err: (t) => void err.push(t) }, false);
    expect(code).toBe(1);
    expect(err.join('')).toBe(`pathflow run: cannot reach Redis at redis://:***@127.0.0.1:${port}/0: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });

  test('lost during a run: the run fails with a clear message, never with partial numbers', async () => {
    const lost = await startRedis();
    const { s, variants } = scenario();
    try {
      const notices: string[] = [];
      const events = await queueEvents(lost.port);
      const added = new Promise((resolve) => events.once('added', resolve));
      const runner = await redisRunner(`redis://127.0.0.1:${lost.port}`, { graceMs: 1500, onNotice: (m) => void notices.push(m) });
      try {
        // No worker: nothing can complete, and the run must not resolve when Redis goes.
        const running = runExperiment(s, variants, { replications: 4, seed: 1 }, runner);
        running.catch(() => {});
        await added; // its jobs are in the queue
        await events.close();
        expect(notices).toEqual([`no worker is taking jobs from redis://127.0.0.1:${lost.port} yet: the replications wait for one (pathflow worker --redis URL)`]);
        lost.process.kill('SIGKILL');
        await expect(running).rejects.toThrow(`lost the connection to Redis at redis://127.0.0.1:${lost.port} for 1.5 s`);
      } finally {
        await runner.close();
      }
    } finally {
      await lost.stop();
    }
  }, 30_000);

  test('back after the grace period: the run in flight failed, the next run on the same runner completes (the server shares one runner)', async () => {
    let server = await startRedis();
    const at = `redis://127.0.0.1:${server.port}`;
    const { s, variants } = scenario();
    const plan = { replications: 2, seed: 6 };
    let w: WorkerProcess | undefined;
    try {
      const runner = await redisRunner(at, { graceMs: 1000 });
      try {
        const events = await queueEvents(server.port);
        const added = new Promise((resolve) => events.once('added', resolve));
        const running = runExperiment(s, variants, plan, runner);
        running.catch(() => {});
        await added; // jobs added, nobody to run them
        await events.close();
        await server.stop();
        await expect(running).rejects.toThrow(`lost the connection to Redis at ${at} for 1 s`);
        server = await startRedis([], server.port);
        w = await startWorker(at, fast);
        expect(await runExperiment(s, variants, plan, runner)).toStrictEqual(runVariants(s, variants, plan));
      } finally {
        await runner.close();
      }
    } finally {
      await w?.stop();
      await server.stop();
    }
  }, 60_000);

  test('Redis restarted empty within the grace period: the lost jobs are added again and the run completes identically', async () => {
    let server = await startRedis();
    const at = `redis://127.0.0.1:${server.port}`;
    const { s, variants } = scenario();
    const plan = { replications: 4, seed: 1 };
    let w: WorkerProcess | undefined;
    try {
      // reconcileMs 1000: ask for the jobs' states 1 s after the connection is back, not 10 s.
      const runner = await redisRunner(at, { graceMs: 10_000, reconcileMs: 1000 });
      try {
        const events = await queueEvents(server.port);
        const added = new Promise((resolve) => events.once('added', resolve));
        const running = runExperiment(s, variants, plan, runner);
        running.catch(() => {});
        await added; // jobs added, nobody to run them yet
        await events.close();
        await server.stop();
        server = await startRedis([], server.port);
        w = await startWorker(at, fast);
        expect(await running).toStrictEqual(runVariants(s, variants, plan));
      } finally {
        await runner.close();
      }
    } finally {
      await w?.stop();
      await server.stop();
    }
  }, 60_000);
});

describe('TLS (rediss://)', () => {
  test('a worker and pathflow run over TLS with a user and password: the local document; the password never shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathflow-tls-'));
    const ssl = (...a: string[]) => execFileSync('openssl', a, { cwd: dir, stdio: 'ignore' });
    // A throw-away CA and a server certificate for 127.0.0.1 (EC keys: quick to make).
    ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=pathflow test CA');
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
    const port = await freePort();
    const server = await startRedis(['--port', '0', '--tls-port', String(port), '--tls-cert-file', join(dir, 'server.crt'), '--tls-key-file', join(dir, 'server.key'),
      '--tls-ca-cert-file', join(dir, 'ca.crt'), '--tls-auth-clients', 'no', '--requirepass', PASSWORD], port);
    const tls = `rediss://default:${PASSWORD}@127.0.0.1:${port}`;
    // Node trusts the throw-away CA through its standard variable, read at start: child processes.
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt') };
    let w: WorkerProcess | undefined;
    try {
      // This process does not trust the CA: a clear refusal, without the password.
      const refused = await openRunner({ redis: tls }).then(() => undefined, (x: Error) => x);
      expect(refused?.message).toMatch(new RegExp(`^cannot reach Redis at rediss://default:\\*\\*\\*@127\\.0\\.0\\.1:${port}: .*certificate`));
      expect(refused?.message).not.toContain(PASSWORD);
      w = await startWorker(tls, [], env);
      const r = spawnSync(process.execPath, [new URL('../../../bin/pathflow.js', import.meta.url).pathname, 'run', fixture, '--redis', tls, '--reps', '2', '--seed', '4', '--json'], { env, encoding: 'utf8', timeout: 30_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const { s, variants } = scenario();
      expect(withoutProvenance(JSON.parse(r.stdout))).toStrictEqual(JSON.parse(JSON.stringify(runVariants(s, variants, { replications: 2, seed: 4 }))));
    } finally {
      await w?.stop();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(w!.stderr()).not.toContain(PASSWORD);
    expect(w!.stderr()).toContain(`taking jobs from rediss://default:***@127.0.0.1:${port}`);
  }, 60_000);
});
