// What one server accepts, each configurable from `pathflow serve` options: a request over
// a limit gets a 4xx naming the limit, never a stuck server.
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
}

export const defaultLimits: Limits = {
  bodyBytes: 1024 * 1024,
  replications: 1000,
  horizonDays: 3660,
  concurrentRuns: 2,
  queuedRuns: 50,
  runSeconds: 30 * 60,
  savedScenarios: 1000,
};
