// Count options of every command, in one place: each has a documented maximum (README,
// "Limits"), so no flag can make the work or memory of a command unbounded; worker counts
// above the machine's CPUs are capped with a notice (more threads than cores only add
// memory); and `--limit NAME=N`, which raises one of the scenario limits (scenarios/cost).
import { availableParallelism } from 'node:os';
import { grouped } from '../engine/core/errors.ts';
import { MAX_EVENTS } from './event-log/format.ts';
import { defaultCostLimits, MAX_REPLICATIONS, parseLimit, type CostLimits } from '../scenarios/cost/limits.ts';

/** Worker threads (or queue-worker concurrency) at most, before the cap at the CPUs. */
export const MAX_WORKERS = 256;

/** The most each count option takes, and what it counts (for the message above it). */
export const MAXIMA: Record<string, { max: number; what: string }> = {
  '--reps': { max: MAX_REPLICATIONS, what: 'replications per variant' },
  '--replications': { max: MAX_REPLICATIONS, what: 'replications per variant' },
  '--max-reps': { max: MAX_REPLICATIONS, what: 'replications per point, or per option with run --precision' },
  '--initial-reps': { max: MAX_REPLICATIONS, what: 'replications per point' },
  '--workers': { max: MAX_WORKERS, what: 'worker threads' },
  '--jobs': { max: MAX_WORKERS, what: 'worker threads' },
  '--concurrency': { max: MAX_WORKERS, what: 'replications at once' },
  '--window': { max: 10_000, what: 'days' },
  '--seed': { max: Number.MAX_SAFE_INTEGER, what: 'the largest exact integer' },
  '--event-log-replication': { max: MAX_REPLICATIONS, what: 'the replications a run can have' },
  '--max-events': { max: MAX_EVENTS, what: 'events in an event log (docs/event-log.md)' },
  // fit holds the text and about 400 bytes a row (3 million rows: 1.2 GB, 34 s of CPU): these
  // maxima keep a fit within about 2 GB, inside Node's heap on an 8 GB machine.
  '--max-rows': { max: 5_000_000, what: 'rows of a CSV extract (fit): about 400 bytes of memory each' },
  '--max-mb': { max: 200, what: 'MB of a CSV extract (fit): about 5 million short rows' },
  '--lock-duration': { max: 86_400_000, what: 'milliseconds, a day' },
  '--stalled-interval': { max: 86_400_000, what: 'milliseconds, a day' },
};

/**
 * The value of a count option, an integer from `least` to the option's maximum, or the
 * usage message (`run: --reps needs an integer ≤ 10,000 (replications per variant), got "20000"`).
 */
export function countOption(command: string, flag: string, v: string | undefined, least: number): number | string {
  const got = v === undefined ? 'nothing' : JSON.stringify(v);
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < least) return `${command}: ${flag} needs an integer ≥ ${least}, got ${got}`;
  const bound = MAXIMA[flag];
  if (bound && Number(v) > bound.max) return `${command}: ${flag} needs an integer ≤ ${grouped(bound.max)} (${bound.what}), got ${got}`;
  return Number(v);
}

/** `requested` worker threads, or the CPUs when that is fewer, saying so through `notice`. */
export function capWorkers(requested: number, flag: string, notice: (message: string) => void, cpus = availableParallelism()): number {
  if (requested <= cpus) return requested;
  notice(`${flag} ${requested}: this machine has ${cpus} CPU${cpus === 1 ? '' : 's'}, so ${cpus} worker thread${cpus === 1 ? '' : 's'} will run`);
  return cpus;
}

/** The limits with each `NAME=N` of --limit applied, or the usage message. */
export function limitsFrom(command: string, settings: readonly string[]): CostLimits | string {
  const limits = { ...defaultCostLimits };
  for (const text of settings) {
    const r = parseLimit(text);
    if (!r.ok) return `${command}: --limit ${r.message}`;
    limits[r.name] = r.value;
  }
  return limits;
}
