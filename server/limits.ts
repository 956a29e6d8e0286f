// What one server accepts, each configurable from `pathflow serve` options: a request over
// a limit gets a 4xx naming the limit, never a stuck server. What it keeps too: run history
// (retention) and the database's size (507 over the quota), so a disk never fills. `cost`
// holds the scenario limits of the cost model and the replications' budgets
// (scenarios/cost/limits.ts).
import { defaultCostLimits, type CostLimits } from '../scenarios/cost/limits.ts';

export interface Limits {
  /** Request body size in bytes (413 above). */
  bodyBytes: number;
  /** Replications per variant of one run (400 above). */
  replications: number;
  /** A scenario's time.horizonDays for a run (400 above). */
  horizonDays: number;
  /** Runs executing at once; the rest wait in the queue. */
  concurrentRuns: number;
  /** Runs waiting to start (429 above). */
  queuedRuns: number;
  /** Wall-clock seconds a run may execute before it is stopped and marked failed. */
  runSeconds: number;
  /** Saved user scenarios (400 above: a shared server should not fill its disk). */
  savedScenarios: number;
  /** Scenario limits (400 above, naming the field) and each replication's budgets (`pathflow serve --limit NAME=N`). */
  cost: CostLimits;
  /** Seconds a scenario check (schema, limits, compilation: off the main thread) may take before it is refused. */
  checkSeconds: number;
  /** Finished runs kept: older ones beyond this count are deleted (retention). */
  keepRuns: number;
  /** Finished runs older than this many days are deleted (retention). */
  keepRunDays: number;
  /** The database's data, in bytes: a save that would take it over is refused (507). */
  storageBytes: number;
  /** Requests that change something (POST, PUT, DELETE), per client address and minute (429 above). */
  writesPerMinute: number;
}

export const MiB = 1024 * 1024;

export const defaultLimits: Limits = {
  bodyBytes: 1024 * 1024,
  replications: 1000,
  horizonDays: 3660,
  concurrentRuns: 2,
  queuedRuns: 50,
  runSeconds: 30 * 60,
  savedScenarios: 1000,
  cost: defaultCostLimits,
  checkSeconds: 10,
  keepRuns: 200,
  keepRunDays: 90,
  storageBytes: 1024 * MiB,
  writesPerMinute: 600,
};

/** The retention policy in words, as GET /api/health and the docs state it. */
export const retentionText = (l: Pick<Limits, 'keepRuns' | 'keepRunDays'>) =>
  `keeps the last ${l.keepRuns} finished runs, none older than ${l.keepRunDays} days; queued and running runs are never removed`;
