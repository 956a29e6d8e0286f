// Starting and stopping a pathflow server: the data directory (SQLite), runs a crash left
// behind marked failed, the one runner every run shares, the app, and listening. Used by
// `pathflow serve` and by the tests (port 0, a temporary data directory).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openRunner, redisUrl } from '../runner/open.ts';
import type { Runner } from '../runner/runner.ts';
import { defaultPoolSize, replicationPool } from '../runner/local/pool.ts';
import { buildApp } from './app.ts';
import { defaultLimits, type Limits } from './limits.ts';
import { openDatabase } from './store/db.ts';
import { RunStore } from './store/runs.ts';
import { ScenarioStore } from './store/scenarios.ts';
import { StorageQuota } from './store/storage.ts';
import { RunManager, type RunManagerOptions } from './runs/manager.ts';
import { ExperimentManager } from './experiments/manager.ts';
import type { ServerContext } from './context.ts';
import { workerChecker } from './checks/checker.ts';
import { SERVER_WORKER_NICENESS } from '../runner/local/priority.ts';
import { packagePath, packageVersion } from '../runner/package-root.ts';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  workers?: number;
  redis?: string;
  token?: string;
  limits?: Partial<Limits>;
  /** The built web app to serve at / (default: ui/dist when it has an index.html). */
  uiDist?: string | null;
  logger?: boolean | object;
  /** Simulated hours between live snapshots, unless a run asks for another step. */
  liveStepHours?: number;
  /** A live run nobody watches for this long is cancelled (default 60 s). */
  unwatchedLiveMs?: number;
  /** WebSocket ping interval (default 30 s). */
  heartbeatMs?: number;
  /** Runs one WebSocket may follow at once (default 100). */
  maxSubscriptions?: number;
  /** An event log whose client takes nothing for this long is closed (default 60 s). */
  eventLogIdleMs?: number;
  /** Unread bytes beyond which a WebSocket is closed (default 4 MiB; tests lower it). */
  wsBacklogBytes?: number;
  /** Origins besides the server's own whose pages may call it (`--allow-origin`): a dev server, a proxy's public name. */
  allowedOrigins?: string[];
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  ctx: ServerContext;
  /** Interrupted runs found (and marked failed) at start. */
  recovered: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopback = (host: string) => LOOPBACK.has(host) || /^127\./.test(host);
export const defaultUiDist = () => packagePath('ui', 'dist');

/**
 * The runner every run shares. One worker means a pool of one thread here, never the
 * in-thread runner the CLI uses for --workers 1: a replication can take seconds, and the
 * server's thread must stay free to answer.
 */
async function openServerRunner(o: ServerOptions, heapMb: number): Promise<Runner> {
  if ((o.workers ?? defaultPoolSize()) === 1 && redisUrl({ redis: o.redis }) === undefined) {
    const pool = replicationPool(1, { heapMb, niceness: SERVER_WORKER_NICENESS });
    return { parallelism: 1, run: (task, signal) => pool.run(task, signal), close: () => pool.close() };
  }
  return openRunner({ workers: o.workers, redis: o.redis, heapMb, niceness: SERVER_WORKER_NICENESS });
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  if (!isLoopback(host) && !o.token) {
    throw new Error(`refusing to listen on ${host} without an access token: give --token T (or PATHFLOW_TOKEN), or bind 127.0.0.1`);
  }
  const limits: Limits = { ...defaultLimits, ...o.limits, cost: { ...defaultLimits.cost, ...o.limits?.cost } };
  const db = openDatabase(o.dataDir);
  const runStore = new RunStore(db);
  const recovered = runStore.failInterrupted();
  const runner = await openServerRunner(o, limits.cost.workerMemoryMb);
  const checks = workerChecker(limits.cost, { seconds: limits.checkSeconds });
  const quota = new StorageQuota(db, limits.storageBytes);
  const scenarios = new ScenarioStore(db, { maxSaved: limits.savedScenarios, quota }, undefined, checks);
  const managerOptions: RunManagerOptions = { limits, checks, quota, liveStepHours: o.liveStepHours, unwatchedLiveMs: o.unwatchedLiveMs };
  const runs = new RunManager(runStore, scenarios, runner, managerOptions);
  const experiments = new ExperimentManager(scenarios, runner, limits, checks);
  const dist = o.uiDist === null ? undefined : (o.uiDist ?? defaultUiDist());
  const ctx: ServerContext = {
    version: packageVersion(),
    runner: { kind: redisUrl({ redis: o.redis }) ? 'redis' : 'local', parallelism: runner.parallelism },
    scenarios, runs, experiments, checks, limits, quota, token: o.token, allowedOrigins: o.allowedOrigins ?? [], heartbeatMs: o.heartbeatMs, maxSubscriptions: o.maxSubscriptions, wsBacklogBytes: o.wsBacklogBytes, eventLogIdleMs: o.eventLogIdleMs,
    uiDist: dist && existsSync(join(dist, 'index.html')) ? dist : undefined,
  };
  let app: FastifyInstance;
  try {
    app = await buildApp(ctx, { logger: o.logger });
    managerOptions.log = app.log; // the runs' own troubles go to the server's log
    await app.listen({ port: o.port ?? 8080, host });
  } catch (e) {
    await experiments.close();
    await runs.close();
    await checks.close();
    db.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    app, url, ctx, recovered,
    close: () => (closing ??= (async () => {
      await experiments.close();
      await runs.close(); // running runs are recorded as failed (the server stopped) before the database closes
      await checks.close();
      await app.close();
      db.close();
    })()),
  };
}
