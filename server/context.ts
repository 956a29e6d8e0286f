// Everything the routes share, built once by server.ts: stores, the run manager, the
// runner's description, limits and the access token.
import type { Limits } from './limits.ts';
import type { RunManager } from './runs/manager.ts';
import type { ExperimentManager } from './experiments/manager.ts';
import type { ScenarioStore } from './store/scenarios.ts';
import type { Checker } from './checks/checker.ts';
import type { StorageQuota } from './store/storage.ts';

export interface ServerContext {
  version: string;
  runner: { kind: 'local' | 'redis'; parallelism: number };
  scenarios: ScenarioStore;
  runs: RunManager;
  /** Sweeps and seeks, on the same runner. */
  experiments: ExperimentManager;
  /** Scenario checks, off the thread that answers requests. */
  checks: Checker;
  limits: Limits;
  quota: StorageQuota;
  /** Origins besides the server's own whose pages are answered (host-check.ts). */
  allowedOrigins: string[];
  /** Required as `Authorization: Bearer <token>` on /api when set. */
  token?: string;
  /** The built web app (ui/dist), served at / when it exists. */
  uiDist?: string;
  /** WebSocket ping interval; a socket with no pong by the next ping is closed (default 30 s). */
  heartbeatMs?: number;
  /** Runs one WebSocket may follow at once (default 100). */
  maxSubscriptions?: number;
  /** An event log whose client takes nothing for this long is closed (default 60 s; tests shorten it). */
  eventLogIdleMs?: number;
  /** Unread bytes beyond which a WebSocket is closed rather than sent more (default 4 MiB; tests lower it). */
  wsBacklogBytes?: number;
}
