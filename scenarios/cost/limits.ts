// How big a scenario may be before it runs: limits on what the cost model (estimate.ts)
// foresees, and the two budgets every replication runs under (patients in the system at
// once, events). Each has a default a user can raise explicitly — `--limit NAME=N` on the
// command line, `pathflow serve --limit NAME=N` for a server — so that no number typed in
// a scenario can by itself make the work or the memory of checking or running it unbounded.

/** Replications of one run at most: the schema's cap on time.replications, and the command line's on --reps. */
export const MAX_REPLICATIONS = 10_000;

export interface CostLimits {
  /** Members of staff in one role (its count, or the counts of its shifts together). */
  staffPerRole: number;
  /** Members of staff in one scenario, all sites and roles together (each variant apart). */
  staff: number;
  /** Booked appointment times a week, per class. */
  appointmentsPerWeek: number;
  /** Patients arriving in one replication (expected: rates × horizon, referrals, the starting list). */
  arrivals: number;
  /** Events of one replication: estimated when checked, and a budget while running. */
  events: number;
  /** Patients in the system at once: the starting lists when checked, and a budget while running. */
  inSystem: number;
  /** Daily samples a run keeps: days × series (beds and queue per ward, size per list) × variants. */
  seriesPoints: number;
  /** Estimated memory of one replication's model and the structures it builds, in MB. */
  memoryMb: number;
  /** Heap of each worker thread running replications, in MB: a replication that outgrows it fails alone. */
  workerMemoryMb: number;
  /** Numbers a run keeps until it is summarised: each replication's KPIs and trends × replications × options (8 B each). */
  keptValues: number;
}

export interface LimitInfo {
  name: keyof CostLimits;
  default: number;
  /** Unit words for messages and the documentation. */
  unit: string;
  what: string;
}

export const COST_LIMITS: readonly LimitInfo[] = [
  { name: 'staffPerRole', default: 10_000, unit: 'staff', what: 'members of staff in one role' },
  { name: 'staff', default: 50_000, unit: 'staff', what: 'members of staff in one scenario (all sites)' },
  { name: 'appointmentsPerWeek', default: 50_000, unit: 'appointments', what: 'booked appointments a week, per class' },
  { name: 'arrivals', default: 10_000_000, unit: 'patients', what: 'patients arriving in one replication (expected)' },
  { name: 'events', default: 200_000_000, unit: 'events', what: 'events in one replication (estimated, then enforced while running)' },
  { name: 'inSystem', default: 1_000_000, unit: 'patients', what: 'patients in the system at once (starting lists, then enforced while running)' },
  { name: 'seriesPoints', default: 500_000, unit: 'samples', what: 'daily samples a run keeps (days × series × variants)' },
  { name: 'memoryMb', default: 200, unit: 'MB', what: 'estimated memory of one replication (model and the structures it builds)' },
  { name: 'workerMemoryMb', default: 256, unit: 'MB', what: 'heap of each worker thread running replications (a replication that outgrows it fails alone)' },
  { name: 'keptValues', default: 25_000_000, unit: 'numbers', what: 'numbers a run keeps for its comparisons (KPIs and trends a replication × replications × options; 8 B each)' },
];

export const defaultCostLimits: CostLimits = Object.fromEntries(COST_LIMITS.map((l) => [l.name, l.default])) as unknown as CostLimits;

/** The most a limit may be raised to: far beyond any model, still a finite number. */
const CEILING = 1e15;

/**
 * `NAME=N` (e.g. `staffPerRole=50000`, underscores and commas allowed in N) into a limit
 * setting, or a message saying what is wrong and which names exist.
 */
export function parseLimit(text: string): { ok: true; name: keyof CostLimits; value: number } | { ok: false; message: string } {
  const names = COST_LIMITS.map((l) => l.name).join(', ');
  const m = /^\s*([A-Za-z]+)\s*=\s*([\d_,]+)\s*$/.exec(text);
  if (!m) return { ok: false, message: `expected NAME=N, e.g. staffPerRole=20000 (names: ${names}), got ${JSON.stringify(text)}` };
  const info = COST_LIMITS.find((l) => l.name === m[1]);
  if (!info) return { ok: false, message: `unknown limit "${m[1]}" (names: ${names})` };
  const value = Number(m[2].replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1 || value > CEILING) return { ok: false, message: `${info.name} needs an integer from 1 to ${CEILING}, got ${JSON.stringify(m[2])}` };
  return { ok: true, name: info.name, value };
}

/** The budgets each replication runs under (engine RunOptions). */
export interface Budget {
  inSystem: number;
  events: number;
}

export const budgetOf = (l: CostLimits): Budget => ({ inSystem: l.inSystem, events: l.events });
